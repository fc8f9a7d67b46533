// canonicalEntityKey folds every way of naming one entity to one slug, and keeps different entities apart.
import { describe, expect, it } from "vitest";
import type { EntityType } from "../graph/model.js";
import { canonicalEntityKey, wordedEntityKey } from "./canonicalEntityKey.js";

describe("canonicalEntityKey", () => {
  it.each<[EntityType, string[], string]>([
    ["Person", ["mom", "Mom", "my mom", "MY MOM", "mother", "Mother", "mum", "my mum", "mommy", "Mommy", "mama", "mom's"], "mom"],
    ["Person", ["dad", "my dad", "father", "daddy", "Papa"], "dad"],
    ["Person", ["grandma", "grandmother", "my grandmother", "nana", "Nana", "granny"], "grandma"],
    ["Person", ["stepdad", "step dad", "step-dad", "my stepfather"], "stepdad"],
    ["Person", ["sister", "my sisters", "my older sister", "little sister"], "sister"],
    ["Person", ["Ms. Rivera", "Ms Rivera", "ms rivera"], "ms-rivera"],
    ["Person", ["Jordan", "jordan", "Jordan's", "JORDAN"], "jordan"],
    ["Topic", ["math", "Math class", "my math class", "maths", "mathematics"], "math"],
    ["Topic", ["chemistry", "chem", "Chem class"], "chemistry"],
    ["Topic", ["AP Bio", "ap biology", "AP Biology class"], "ap-biology"],
    ["Activity", ["swimming", "swim", "swim practice", "Swimming"], "swimming"],
    ["Activity", ["video games", "video game", "gaming"], "video-game"],
    ["Activity", ["the varsity soccer team", "varsity soccer team", "our varsity soccer team", "varsity soccer"], "varsity-soccer"],
    ["Activity", ["wrestling", "the wrestling team", "wrestle", "wrestling club"], "wrestling"],
    ["Activity", ["dnd", "my dnd group", "the dnd crew"], "dnd"],
    ["Activity", ["babysitting", "babysit"], "babysit"],
    ["Activity", ["lifeguarding", "lifeguard"], "lifeguard"],
    ["Activity", ["working at Target", "work at target"], "work-at-target"],
    ["Activity", ["knitting", "knit"], "knitting"],
    ["Activity", ["hockey", "equipo de hockey", "the hockey team"], "hockey"],
    ["Habit", ["do yoga every morning", "yoga every morning", "i do yoga every single morning", "doing yoga every morning"], "yoga-every-morning"],
    ["Habit", ["practise my drums every day", "practice my drums every day", "practising my drums every day"], "practic-my-drums-every-day"],
    ["Habit", ["do all the cooking", "cooking", "doing all the cooking"], "cook"],
    ["Habit", ["always skip breakfast", "i always skip breakfast", "skipping breakfast"], "skip-breakfast"],
    ["Habit", ["bite my nails when i'm stressed", "bite my nails when stressed"], "bit-my-nails-when-stressed"],
    ["Event", ["tryouts", "try-outs", "the tryouts", "tryout"], "tryout"],
    ["Event", ["finals", "my finals", "final"], "final"],
    ["Event", ["birthday", "my birthday", "bday"], "birthday"],
    ["Event", ["the chem test", "chemistry test", "Chem Test"], "chemistry-test"],
    ["Place", ["Lincoln High", "Lincoln High School", "lincoln high"], "lincoln-high"],
    ["Place", ["the skatepark", "skate park"], "skatepark"],
    ["Feeling", ["stressed", "stressed out", "so stressed"], "stressed"],
    ["Goal", ["make the varsity soccer team", "Make the varsity soccer team"], "make-varsity-soccer-team"],
    ["Habit", ["scrolling tiktok until 2am", "scroll tiktok until 2am", "i scroll tiktok til like 2am", "Scrolling TikTok till 2am"], "scrol-tiktok-until-2am"],
    ["Habit", ["biting my nails", "bite my nails", "i bite my nails"], "bit-my-nails"],
    ["Habit", ["running every morning", "run every morning"], "run-every-morning"],
    ["Habit", ["going to the library every day", "go to the library every day"], "go-to-library-every-day"],
    ["Habit", ["vaping", "vape"], "vap"],
  ])("folds every %s name in %j to %s", (type, spellings, key) => {
    for (const spelling of spellings) expect(canonicalEntityKey(type, spelling), spelling).toBe(key);
  });

  it("keeps apart what only looks alike", () => {
    expect(canonicalEntityKey("Person", "her mom")).not.toBe(canonicalEntityKey("Person", "my mom"));
    expect(canonicalEntityKey("Person", "Mrs. Rivera")).not.toBe(canonicalEntityKey("Person", "Ms. Rivera"));
    expect(canonicalEntityKey("Event", "math test")).not.toBe(canonicalEntityKey("Event", "test"));
    expect(canonicalEntityKey("Activity", "soccer")).not.toBe(canonicalEntityKey("Activity", "varsity soccer team"));
    expect(canonicalEntityKey("Activity", "key club")).toBe("key-club");
    expect(canonicalEntityKey("Activity", "youth group")).toBe("youth-group");
    expect(canonicalEntityKey("Activity", "the team")).toBe("team");
    expect(canonicalEntityKey("Habit", "bring lunch every day")).toBe("bring-lunch-every-day");
    expect(canonicalEntityKey("Habit", "run every morning")).not.toBe(canonicalEntityKey("Habit", "run every night"));
  });

  it("keeps, in the worded key, the words the canonical key folds at will", () => {
    expect(wordedEntityKey("Activity", "the wrestling team")).toBe("wrestling-team");
    expect(wordedEntityKey("Activity", "babysitting")).toBe("babysitting");
    expect(wordedEntityKey("Habit", "do yoga every single morning")).toBe("do-yoga-every-single-morning");
    expect(wordedEntityKey("Person", "my mom")).toBe(canonicalEntityKey("Person", "my mom"));
  });

  it("never singularises names or words that end in s", () => {
    expect(canonicalEntityKey("Person", "Marcus")).toBe("marcus");
    expect(canonicalEntityKey("Person", "Chris")).toBe("chris");
    expect(canonicalEntityKey("Place", "Texas")).toBe("texas");
    expect(canonicalEntityKey("Topic", "physics")).toBe("physics");
    expect(canonicalEntityKey("Activity", "chess")).toBe("chess");
    expect(canonicalEntityKey("Event", "SAT")).toBe("sat");
  });

  it("gives a slug safe inside a vertex id, for any script", () => {
    expect(canonicalEntityKey("Person", "  José  María ")).toBe("jose-maria");
    expect(canonicalEntityKey("Person", "李雷")).toBe("李雷");
    expect(canonicalEntityKey("Thing", "Mr. Whiskers: the cat!")).toMatch(/^[\p{L}\p{N}-]+$/u);
    expect(canonicalEntityKey("Thing", "the")).toBe("the");
    expect(canonicalEntityKey("Thing", "!!!")).toBe("unnamed");
  });
});
