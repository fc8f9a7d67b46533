// The wider activity list: the committed data is the writer's file as received, and what it adds after the taggers.
import { describe, expect, it } from "vitest";
import { readReceivedActivities, renderActivityNames } from "../../bench/activityNames.js";
import type { Extraction } from "../graph/model.js";
import committed from "./activityNames.data.json" with { type: "json" };
import { LISTED_ACTIVITY_FORMS } from "./activityGazetteer.js";
import { createOfflineExtractor } from "./offlineExtractor.js";
import { REFERENCE_DATE, userSays } from "./transcriptFactory.js";

const extractor = createOfflineExtractor();
const activities = async (...said: string[]) => {
  const extraction: Extraction = await extractor.extract(userSays(...said), { referenceDate: REFERENCE_DATE });
  return extraction.entities.filter((entity) => entity.type === "Activity").map((entity) => entity.name);
};

describe("the wider activity list", () => {
  it("is the writer's file as received, and the committed data is what it gives (listActivityNames.ts writes it)", () => {
    const received = readReceivedActivities();

    expect(received.receivedSha256).toBe("59344aba4ea603061ffcbe39a0ced65fcec89ac9790e022593f1cd391ce17186");
    expect(`${JSON.stringify(committed, null, 1)}\n`).toBe(renderActivityNames(received));
  });

  it("leaves out the writer's everyday words, jobs named by their role, programmes, and what another list names", () => {
    expect(LISTED_ACTIVITY_FORMS.get("netball")).toEqual({ name: "netball", verb: false, framed: true });
    expect(LISTED_ACTIVITY_FORMS.get("bible study")).toEqual({ name: "bible study", verb: false, framed: false });
    // Marked everyday words by the writer ("skipping class"), a role ("the cashier"), a stage ("gap year"), an occasion.
    for (const form of ["skipping", "cashier", "gap year", "mission trip", "soccer"]) expect(LISTED_ACTIVITY_FORMS.has(form)).toBe(false);
  });

  it("finds the sports, dances and groups no rule lists, in English and Spanish", async () => {
    expect(await activities("i do netball tues and thurs")).toEqual(["netball"]);
    expect(await activities("bailo cueca con mi abuela los domingos")).toContain("cueca");
    expect(await activities("i go to alateen on wednesdays at the methodist church")).toContain("alateen");
  });

  it("names a verb by its activity, and takes the verb only when the teen does it", async () => {
    expect(await activities("i kayak on the lake every weekend")).toContain("kayaking");
    expect(await activities("the kayak flipped over")).not.toContain("kayaking");
  });

  it("finds none of what it leaves out", async () => {
    expect(await activities("skipping class today lol")).toEqual([]);
    expect(await activities("the cashier was so rude to my mom")).toEqual([]);
    expect(await activities("taking a gap year before college")).toEqual([]);
  });

  it("takes a word of one form only where the teen does it, and nobody else's", async () => {
    // Everyday words in another sense.
    expect(await activities("he's such a clown in class")).toEqual([]);
    expect(await activities("voy a salir con la banda el viernes")).toEqual([]);
    expect(await activities("juggling school and my job rn")).toEqual([]);
    expect(await activities("i watched a video about sailing")).toEqual([]);
    // Watched, read about or owned, not done.
    expect(await activities("we watched kung fu panda")).toEqual([]);
    expect(await activities("we have a ping pong table in the garage")).toEqual([]);
    // Somebody else's, or a rite the writers label as an event.
    expect(await activities("my dad rode dirt bikes when he was my age")).toEqual([]);
    expect(await activities("i watched my sister do cueca")).toEqual([]);
    expect(await activities("mi prima hizo su primera comunión ayer")).toEqual([]);
    expect(await activities("my sister does tango on fridays")).toEqual([]);
    expect(await activities("mi hermano juega pádel los sábados")).toEqual([]);
    // The teen's, and a name of several words as it stands.
    expect(await activities("i started tango this year")).toContain("tango");
    expect(await activities("juego pádel con mi papá")).toContain("pádel");
    expect(await activities("ya empecé pádel este año")).toContain("pádel");
    expect(await activities("we have bible study after youth group")).toContain("bible study");
  });
});
