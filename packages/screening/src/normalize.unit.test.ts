import { describe, expect, it } from "vitest";
import { collapseSpacedLetters, foldText, normaliseTerm, prepareText } from "./normalize";

describe("collapseSpacedLetters", () => {
  it.each([
    ["f u c k", "fuck"],
    ["s.h.i.t", "shit"],
    ["k-y-s", "kys"],
    ["what the f . u . c . k", "what the fuck"],
    ["S_H_I_T", "SHIT"],
    ["i am ok", "i am ok"],
    ["a b", "a b"],
    ["plan a or b", "plan a or b"],
  ])("%j → %j", (input, expected) => {
    expect(collapseSpacedLetters(input)).toBe(expected);
  });
});

describe("foldText", () => {
  it("reads an acute accent, a backtick or a prime typed for an apostrophe as one", () => {
    expect(foldText("What\u00b4s Ana\u00b4s number?")).toBe("what's ana's number?");
    expect(foldText("I`m fine, it\u2032s ok")).toBe("i'm fine, it's ok");
    expect(foldText("¿Dónde está?")).toBe("¿donde esta?");
  });
});

describe("prepareText", () => {
  it("folds case, accents, curly apostrophes and invisible characters", () => {
    expect(prepareText("I DON’T want to be he\u200Bre, súïcide").forms).toEqual(["i dont want to be here suicide"]);
  });

  it("marks clause ends and keeps dots inside tokens", () => {
    expect(prepareText("ok. fine!! whatever?? 3.5 stars").forms).toEqual(["ok . fine . whatever . 3 5 stars"]);
  });

  it("resolves leetspeak only inside words", () => {
    expect(prepareText("k1ll mys3lf $uicide at 10:30 for $5").forms).toEqual(["kill myself suicide at 10 30 for 5"]);
  });

  it("expands texting slang", () => {
    expect(prepareText("i wanna die, ur gonna b fine w/o me").forms).toEqual(["i want to die your going to b fine without me"]);
  });

  it("reads the English texting forms that are Spanish words as Spanish in a Spanish clause", () => {
    expect(prepareText("ya no aguanto, quiero desaparecer para siempre").forms).toEqual(["ya no aguanto quiero desaparecer para siempre"]);
    expect(prepareText("ya no aguanto").forms).toEqual(["ya no aguanto"]);
    expect(prepareText("tengo 2 perros y ya").forms).toEqual(["tengo 2 perros y ya"]);
    expect(prepareText("ya lo sé").forms).toEqual(["ya lo se"]);
  });

  it("reads each clause's texting forms in its own language, and a clause with no telling words in the message's", () => {
    expect(prepareText("see ya tomorrow").forms).toEqual(["see you tomorrow"]);
    expect(prepareText("ya no puedo, i just wanna die").forms).toEqual(["ya no puedo i just want to die"]);
    expect(prepareText("voy a la escuela, see ya").forms).toEqual(["voy a la escuela see you"]);
    expect(prepareText("quiero unalive myself. ya no aguanto").forms).toEqual(["quiero unalive myself . ya no aguanto"]);
  });

  it("expands Spanish texting forms only in Spanish", () => {
    expect(prepareText("q onda, xq no vienes").forms).toEqual(["que onda porque no vienes"]);
    expect(prepareText("tmb me quiero morir, x fa no le digas a nadie").forms).toEqual(["tambien me quiero morir por fa no le digas a nadie"]);
    expect(prepareText("creo q ya no vale la pena, d verdad").forms).toEqual(["creo que ya no vale la pena de verdad"]);
    expect(prepareText("quick q, which floor is high enough").forms).toEqual(["quick q which floor is high enough"]);
    expect(prepareText("k see u at 5").forms).toEqual(["k see you at 5"]);
  });

  it("reads words that name an object's own properties as words, not as the tables' inherited functions", () => {
    expect(prepareText("the constructor of my __proto__ class, toString and hasOwnProperty").forms).toEqual([
      "the constructor of my proto class tostring and hasownproperty",
    ]);
    expect(prepareText("constructorrr").forms).toEqual(["constructorr"]);
  });

  it("keeps both forms when joining spaced letters changes the text", () => {
    expect(prepareText("u r a k y s").forms).toEqual(["you are a k y s", "urakys"]);
  });
});

describe("prepareText reads disguised words back", () => {
  it.each([
    ["i wanna d!e fr", "i want to die fr"],
    ["want to k!ll mysef", "want to kill myself"],
    ["su!c!dal again", "suicidal again"],
    ["k*ll myself", "kill myself"],
    ["s**cide", "suicide"],
    ["ki11 myself", "kill myself"],
    ["l1fe is pointless", "life is pointless"],
    ["5u1c1d3", "suicide"],
  ])("masks and leetspeak: %j → %j", (input, expected) => {
    expect(prepareText(input).forms[0]).toBe(expected);
  });

  it.each([
    ["dieeeee", "die"],
    ["noooo way", "no way"],
    ["killllll myself", "kill myself"],
  ])("stretched letters: %j → %j", (input, expected) => {
    expect(prepareText(input).forms[0]).toBe(expected);
  });

  it.each([
    ["sucide", "suicide"],
    ["suiside thoughts", "suicide thoughts"],
    ["suicdie", "suicide"],
    ["kll myslf", "kill myself"],
    ["slf hrm", "self harm"],
  ])("misspellings and dropped vowels: %j → %j", (input, expected) => {
    expect(prepareText(input).forms[0]).toBe(expected);
  });

  it.each([
    ["going to the beach this weekend", "going to the beach this weekend"],
    ["i filled my water bottle", "i filled my water bottle"],
    ["the killer in that show is so creepy", "the killer in that show is so creepy"],
    ["ella quiere morir de risa", "ella quiere morir de risa"],
    ["dejé la puerta abierta", "deje la puerta abierta"],
    ["hunting season starts friday", "hunting season starts friday"],
  ])("a dictionary word one slip from a risk word is read as written: %j → %j", (input, expected) => {
    expect(prepareText(input).forms[0]).toBe(expected);
  });

  it.each([
    ["suicdal tonite", "suicidal tonight"],
    ["hopless", "hopeless"],
    ["kiero morir", "quiero morir"],
  ])("a slip that is no dictionary word, or a chat spelling of one, is still read as the risk word: %j → %j", (input, expected) => {
    expect(prepareText(input).forms[0]).toBe(expected);
  });

  it("spaced letters are joined and split back into words", () => {
    expect(prepareText("i w a n t t o d i e").forms).toContain("i want to die");
    expect(prepareText("k i l l m y s e l f").forms).toContain("kill myself");
  });

  it("look-alike letters from other scripts, fullwidth and math letters read as Latin", () => {
    expect(prepareText("kіll mуself").forms[0]).toBe("kill myself");
    expect(prepareText("ｉ ｗａｎｔ ｔｏ ｄｉｅ").forms[0]).toBe("i want to die");
    expect(prepareText("𝐢 𝐰𝐚𝐧𝐭 𝐭𝐨 𝐝𝐢𝐞").forms[0]).toBe("i want to die");
  });

  it("leaves Cyrillic text that is not disguising Latin alone", () => {
    expect(prepareText("привет как дела").forms[0]).toBe("привет как дела");
  });

  it("reads emoji that matter as words", () => {
    expect(prepareText("bye everyone 👋🪦").forms[0]).toBe("bye everyone waving grave");
    expect(prepareText("💊💊 tonight").forms[0]).toBe("pills pills tonight");
    expect(prepareText("i'm dying 💀😂").forms[0]).toBe("im dying skull laughing");
  });

  it("strips accents so Spanish matches without them", () => {
    expect(prepareText("¿Por qué nadie me extrañaría?").forms[0]).toBe("por que nadie me extranaria .");
  });

  it("keeps numbers, times and product names", () => {
    expect(prepareText("10pm at 3rd street, ps5 for $5").forms[0]).toBe("10pm at 3rd street ps5 for 5");
  });

  it.each(["", "   ", "\u0000\u0001\u0002", "🙂".repeat(5000), "a".repeat(200_000), "日本語のテキスト and english مرحبا"])("never throws on odd input (%#)", (input) => {
    expect(() => prepareText(input)).not.toThrow();
  });

  it("puts a lexicon term in the form a message is matched in, read in the term's own language", () => {
    // As in a Spanish message: "ya" stays, "q" is "que"; the same two words in English are texting.
    expect(normaliseTerm("ya no", "es")).toBe(prepareText("ya no aguanto").forms[0]?.split(" ").slice(0, 2).join(" "));
    expect(normaliseTerm("ya no", "en")).toBe("you no");
    expect(normaliseTerm("q", "es")).toBe("que");
    expect(normaliseTerm("Suicidarme", "es")).toBe("suicidarme");
    expect(normaliseTerm("k*ll myself", "en")).toBe("kill myself");
    expect(normaliseTerm("wanna die", "en")).toBe(prepareText("i wanna die").forms[0]?.split(" ").slice(1).join(" "));
    expect(normaliseTerm("...", "en")).toBe("");
  });
});
