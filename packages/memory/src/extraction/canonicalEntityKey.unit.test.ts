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
    ["Activity", ["work at the chippy", "working at chippy", "my job at the chippy"], "work-at-chippy"],
    ["Activity", ["trabajo en la taquería de mi tío", "trabajar en la taquería de mi tío"], "trabajar-en-taqueria-de-tio"],
    ["Habit", ["do yoga every morning", "yoga every morning", "i do yoga every single morning", "doing yoga every morning", "yoga"], "yoga"],
    ["Habit", ["practise my drums every day", "practice my drums every day", "practising my drums every day"], "practic-drums"],
    ["Habit", ["do all the cooking", "cooking", "doing all the cooking"], "cook"],
    ["Habit", ["always skip breakfast", "i always skip breakfast", "skipping breakfast"], "skip-breakfast"],
    ["Habit", ["bite my nails when i'm stressed", "bite my nails when stressed"], "bit-nails"],
    ["Event", ["tryouts", "try-outs", "the tryouts", "tryout"], "tryout"],
    ["Event", ["finals", "my finals", "final"], "final"],
    ["Event", ["birthday", "my birthday", "bday"], "birthday"],
    ["Event", ["the chem test", "chemistry test", "Chem Test"], "chemistry-test"],
    ["Place", ["Lincoln High", "Lincoln High School", "lincoln high"], "lincoln-high"],
    ["Place", ["the skatepark", "skate park"], "skatepark"],
    ["Feeling", ["stressed", "stressed out", "so stressed"], "stressed"],
    ["Goal", ["make the varsity soccer team", "Make the varsity soccer team"], "make-varsity-soccer-team"],
    ["Habit", ["scrolling tiktok until 2am", "scroll tiktok until 2am", "i scroll tiktok til like 2am", "Scrolling TikTok till 2am"], "scrol-tiktok"],
    ["Habit", ["biting my nails", "bite my nails", "i bite my nails"], "bit-nails"],
    ["Habit", ["running every morning", "run every morning"], "run"],
    ["Habit", ["going to the library every day", "go to the library every day"], "library"],
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
    expect(canonicalEntityKey("Habit", "bring lunch every day")).toBe("bring-lunch");
    expect(canonicalEntityKey("Habit", "play fifa every night")).not.toBe(canonicalEntityKey("Habit", "play apex every night"));
  });

  it.each<[string[], string]>([
    [["practice my drums two hours a day", "practicing my drums at least two hours a day", "practise my drums every day after school"], "practic-drums"],
    [["go to mass on sundays", "go to mass at 8 on sundays", "going to mass with my abuela every sunday", "mass every sunday"], "mas"],
    [["bit my nails", "bite my nails when stressed", "can't stop biting my nails during tests", "keep biting my nails"], "bit-nails"],
    [["check my screen time", "cant stop checking my screen time", "always end up checking my screen time way too much"], "check-screen-time"],
    [["code every night after homework", "coding every night after my homework", "code most nights", "code daily"], "cod"],
    [["play fifa with my dad every saturday", "playing fifa on weekends", "play fifa nonstop"], "play-fifa"],
    [["stay up till 3 watching anime", "staying up until 3am watching anime every night"], "stay-up-watching-anime"],
    [["practice windmills in the basement every day", "practice windmills every day"], "practic-windmills"],
    [["go sit in the barn when anxious", "sit in the barn every time i get anxious"], "sit-in-barn"],
    [["trabajo en el mercado con mi mamá los sábados", "trabajar en el mercado los sábados", "trabajamos en el mercado todos los fines de semana"], "trabajar-en-mercado"],
    [["hago la tarea todos los días después de la escuela", "hacer la tarea cada noche", "le hago la tarea a las 5"], "hacer-tarea"],
  ])("names a habit by its doing, not when, how often, where or with whom: %j", (spellings, key) => {
    for (const spelling of spellings) expect(canonicalEntityKey("Habit", spelling), spelling).toBe(key);
  });

  it("keeps in a habit's key what is done, to whom and where the verb needs it", () => {
    expect(canonicalEntityKey("Habit", "work at my uncle's taqueria after school")).toBe("work-at-uncle-taqueria");
    expect(canonicalEntityKey("Habit", "help my brother with his homework")).toBe("help-brother-with-his-homework");
    expect(canonicalEntityKey("Habit", "put my phone in the kitchen at night")).toBe("put-phone-in-kitchen");
    expect(canonicalEntityKey("Habit", "feed the chickens and check on the goats every morning")).toBe("feed-chickens-and-check-on-goats");
    expect(canonicalEntityKey("Habit", "go to volunteer at the food bank every saturday")).toBe("volunteer-at-food-bank");
    expect(canonicalEntityKey("Habit", "fall asleep in first period")).not.toBe(canonicalEntityKey("Habit", "fall asleep on facetime"));
    expect(canonicalEntityKey("Habit", "keep my room clean")).toBe("keep-room-clean");
    expect(canonicalEntityKey("Habit", "look after my little brother after school")).toBe("look-after-little-brother");
    expect(canonicalEntityKey("Habit", "call her every night")).toBe("cal-her");
    // Nothing but a schedule: the name is kept whole.
    expect(canonicalEntityKey("Habit", "every day")).toBe("every-day");
  });

  it("reads a job as work only where it is held", () => {
    expect(canonicalEntityKey("Activity", "my job at the chippy")).toBe(canonicalEntityKey("Activity", "working at the chippy"));
    expect(canonicalEntityKey("Activity", "job hunting")).toBe("job-hunting");
    expect(canonicalEntityKey("Activity", "job interview")).toBe("job-interview");
  });

  it("keeps, in the worded key, the words the canonical key folds at will", () => {
    expect(wordedEntityKey("Activity", "the wrestling team")).toBe("wrestling-team");
    expect(wordedEntityKey("Activity", "babysitting")).toBe("babysitting");
    expect(wordedEntityKey("Habit", "do yoga every single morning")).toBe("do-yoga-every-single-morning");
    expect(wordedEntityKey("Habit", "go to mass at 8 on sundays")).toBe("go-to-mass-at-8-on-sundays");
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
