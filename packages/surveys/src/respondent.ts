// One response per respondent: the client's respondent id is hashed with traits of the request, so ids are not stored.
import { createHash } from "node:crypto";

export interface RespondentTraits {
  sourceIp?: string;
  userAgent?: string;
}

/** A respondent who clears their id still comes from the same address and browser; one who shares a link does not. */
export const respondentKeyOf = (surveyId: string, respondentId: string, traits: RespondentTraits): string =>
  createHash("sha256")
    .update([surveyId, respondentId, traits.sourceIp ?? "", traits.userAgent ?? ""].join("\u0000"))
    .digest("hex")
    .slice(0, 40);
