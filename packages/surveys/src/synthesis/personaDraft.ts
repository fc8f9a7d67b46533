// What a synthesiser makes of friends' answers: the persona's traits, voice and topics, before it is saved.
import { z } from "zod";

export const personaDraftSchema = z.object({
  name: z.string().min(1).max(60),
  description: z.string().min(1).max(2000),
  personality: z.string().min(1).max(2000),
  speakingStyle: z.string().min(1).max(2000),
  traits: z.array(z.string().min(1).max(40)).min(1).max(8),
  topics: z.array(z.string().min(1).max(60)).max(10),
  values: z.array(z.string().min(1).max(60)).max(5),
});
export type PersonaDraft = z.infer<typeof personaDraftSchema>;

export interface SynthesisInput {
  subjectName: string;
  questions: readonly { id: string; text: string; kind: "text" | "choice" }[];
  /** Each respondent's answers, already screened; never an answer safety dropped. */
  responses: readonly { answers: readonly { questionId: string; answer: string }[] }[];
}

export interface PersonaSynthesiser {
  /** `offline` or the model's name: recorded on the event so analysts know what wrote a persona. */
  readonly name: string;
  synthesise(input: SynthesisInput): Promise<PersonaDraft>;
}
