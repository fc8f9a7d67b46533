import { describe, expect, it } from "vitest";
import { CRISIS_RESOURCES } from "./crisisResources.data";
import { screenInput, screenOutput, softResourceLine } from "./index";
import { emailSpans, findPersonalData, type ScanWork } from "./personalData";

describe("personal data in a teen's message is flagged and masked", () => {
  it.each([
    ["call me at (555) 123-4567", "call me at [phone]", "phone"],
    ["my number is 555-123-4567 text me", "my number is [phone] text me", "phone"],
    ["555.123.4567", "[phone]", "phone"],
    ["my cell 5551234567", "my cell [phone]", "phone"],
    ["+1 555 123 4567", "[phone]", "phone"],
    ["1-555-123-4567", "[phone]", "phone"],
    ["call me 555-1234 after school", "call me [phone] after school", "phone"],
    ["my uk number is +44 7700 900123", "my uk number is [phone]", "phone"],
    ["ring me on 07700 900123", "ring me on [phone]", "phone"],
    ["020 7946 0958", "[phone]", "phone"],
    ["+49 30 1234567", "[phone]", "phone"],
    ["+91 98765 43210", "[phone]", "phone"],
    ["0033 6 12 34 56 78", "[phone]", "phone"],
    ["email me at jess.k@gmail.com ok", "email me at [email] ok", "email"],
    ["my school email is j.smith2027@students.lincoln.k12.ca.us", "my school email is [email]", "email"],
    ["its jess at gmail dot com", "its [email]", "email"],
    ["I live at 123 Main St", "I live at [address]", "address"],
    ["i live at 42 elm street apt 3b", "i live at [address]", "address"],
    ["come to 1600 Pennsylvania Avenue", "come to [address]", "address"],
    ["221B Baker Street", "[address]", "address"],
    ["my house is on 5 oak ave.", "my house is on [address]", "address"],
    ["postcode SW1A 1AA", "postcode [postcode]", "postcode"],
    ["Springfield, IL 62704", "Springfield, [postcode]", "postcode"],
    ["my snap is cool_kid22", "my snap is [handle]", "handle"],
    ["add me on insta: jessyk", "add me on insta: [handle]", "handle"],
    ["my discord is @nightowl", "my discord is [handle]", "handle"],
  ])("%j → %j", (message, redacted, kind) => {
    const verdict = screenInput(message);

    expect(verdict.action).toBe("flag");
    expect(verdict.categories).toEqual(["personal_data"]);
    expect(verdict.redactedText).toBe(redacted);
    expect(verdict.matches).toEqual([{ category: "personal_data", term: kind, ruleId: `personal_data.${kind}` }]);
  });

  it("masks several kinds at once and never puts the data itself in a match", () => {
    const verdict = screenInput("text me at 555-123-4567 or jess@icloud.com, i live at 9 Elm Rd");

    expect(verdict.redactedText).toBe("text me at [phone] or [email], i live at [address]");
    expect(verdict.matches.map((match) => match.term).sort()).toEqual(["address", "email", "phone"]);
    expect(JSON.stringify(verdict.matches)).not.toContain("555");
  });

  it.each([
    "I ran 5 miles down the road",
    "it's a 10 minute drive",
    "I had 2 cold dr peppers",
    "class of 2025-2026",
    "we won 21-14",
    "the test is on 2025-11-22",
    "count 1 2 3 4 5 6 7 8 9 10",
    "it costs $1,299.99",
    "thanks m8 2nd time",
    "my insta is down again",
    "meet me at 10:30",
    "I got 100 on the test",
    "pi is 3.14159265358",
    "born 11/22/2010",
    "my order number is 1234567890123",
    "text HOME to 741741",
    "call 988",
    "Samaritans: 116 123",
    "Childline 0800 1111",
    "the 3 little pigs lane",
    "we live 2 blocks away",
    "findahelpline.com",
  ])("%j → no personal data", (message) => {
    const verdict = screenInput(message);

    expect(verdict.categories).not.toContain("personal_data");
    expect(verdict.redactedText).toBeUndefined();
  });
});

describe("personal data in a model reply blocks", () => {
  it.each(["You can reach me at 555-123-4567!", "Write to me at buddy@innerworld.app", "I live at 42 Wallaby Way, Sydney."])("%j → block", (reply) => {
    const verdict = screenOutput(reply);

    expect(verdict.action).toBe("block");
    expect(verdict.categories).toContain("personal_data");
    expect(verdict.redactedText).toBeDefined();
  });
});

describe("a helpline's own number is not personal data", () => {
  // A concern's reply ends with the locale's soft resource line; Mexico's line is a ten-digit number, which the reply
  // screen took for a phone number and replaced the whole reply, line and all.
  it.each(Object.keys(CRISIS_RESOURCES))("the soft resource line for %s passes the reply screen", (locale) => {
    const reply = `That sounds heavy. I'm here with you.\n\n${softResourceLine(locale)}`;

    // Naming a suicide-prevention line is a topic named while helping: at most a flag, never a block.
    expect(screenOutput(reply).categories).not.toContain("personal_data");
    expect(["allow", "flag"]).toContain(screenOutput(reply).action);
  });

  it("lets a reply name Línea de la Vida's number and still blocks another ten-digit number beside it", () => {
    expect(screenOutput("Puedes llamar a la Línea de la Vida al 800 911 2000, a cualquier hora.").categories).toEqual([]);

    const withOther = screenOutput("Llama al 800 911 2000 o a mí al 55 1234 5678.");
    expect(withOther.action).toBe("block");
    expect(withOther.redactedText).toBe("Llama al 800 911 2000 o a mí al [phone].");
  });
});

describe("e-mail addresses are found in linear time", () => {
  // A pattern tried at every position rescans a run of letters before "@" once per letter: 4,000 letters took ~20 ms.
  it.each([
    ["a run of letters before an @", (n: number) => `${"a".repeat(n)}@`],
    ["a run of letters before an @ and a domain that never ends in a top-level domain", (n: number) => `${"a".repeat(n)}@${"b".repeat(n)}`],
    ["@ after @", (n: number) => "a@".repeat(n / 2)],
    ["dotted runs", (n: number) => `${"a.".repeat(n / 2)}@${"b.".repeat(n / 2)}1`],
  ])("%s: each character is read a bounded number of times", (_, make) => {
    for (const n of [4_000, 40_000]) {
      const text = make(n);
      const work: ScanWork = { charactersRead: 0 };
      emailSpans(text, work);
      expect(work.charactersRead).toBeLessThanOrEqual(2 * text.length);
    }
  });

  it.each([
    ["a@b.com_x@c.com", [[0, 7], [7, 15]]],
    ["x@bad y@good.com", [[6, 16]]],
    ["x@aaa@b.com", [[2, 11]]],
    ["a@b.com@c.com", [[0, 7]]],
    ["a@b.co1", [[0, 6]]],
    ["él.ñ@correo.es", [[0, 14]]],
    ["@gmail.com", []],
  ])("%j: the addresses the left-to-right pattern finds", (text, expected) => {
    expect(emailSpans(text).map((span) => [span.start, span.end])).toEqual(expected);
  });
});

describe("someone's social handle is personal data, whoever's it is", () => {
  it.each([
    ["@maya.k on insta", "[handle] on insta"],
    ["she's funny, @maya.k on insta", "she's funny, [handle] on insta"],
    ["maya_k2 on snap", "[handle] on snap"],
    ["her snap is maya_k", "her snap is [handle]"],
    ["his discord: nightowl", "his discord: [handle]"],
    ["ig: maya.kay", "ig: [handle]"],
    ["follow her on tiktok @mayadances", "follow her on tiktok [handle]"],
    ["add @jess_k for the group chat", "add [handle] for the group chat"],
    ["su insta es @maya.k", "su insta es [handle]"],
  ])("%j → %j", (message, redacted) => {
    const verdict = screenInput(message);

    expect(verdict.categories).toEqual(["personal_data"]);
    expect(verdict.redactedText).toBe(redacted);
  });

  it.each([
    "she's always on insta",
    "her insta is private",
    "hot takes on tiktok",
    "plot 4.5 on x axis",
    "meet @ the mall",
    "my tiktok is so cringe lol",
    "write to jess@icloud.com",
    "rated 4.5 on steam reviews",
    // A group chat addresses its personas so; a reply may name one.
    "@Comfort and @Courage, i'm nervous about the tryouts",
    "meet me @5 by the gym",
  ])("%j → no handle", (message) => {
    expect(screenInput(message).matches.map((match) => match.term)).not.toContain("handle");
  });

  it("lets a reply name a persona with an @, and still blocks one giving out a handle", () => {
    expect(screenOutput("I think @Comfort might have good ideas too!").action).toBe("allow");
    expect(screenOutput("You can find me at @maya.k on insta").action).toBe("block");
  });

  it("reads every bare @name as a handle where no persona is addressed (a friend's survey answer)", () => {
    expect(findPersonalData("she's hilarious, @mayak", "input", { bareAtNames: true }).redactedText).toBe("she's hilarious, [handle]");
    expect(findPersonalData("she's hilarious, @mayak", "input").redactedText).toBeUndefined();
  });
});
