// A friend's answer without where its subject can be found or reached, and with everything else they said.
import { describe, expect, it } from "vitest";
import { withoutLocatingDetails } from "./locatingDetails";

describe("an answer's locating parts are taken out", () => {
  it.each([
    ["funny, loyal, @maya.k on insta", "funny, loyal"],
    ["funny and kind, her snap is maya_k2", "funny and kind"],
    ["she goes to Roosevelt Middle School and loves art", "loves art"],
    ["kind, brave - you can find her at Starbucks on Main after practice", "kind, brave"],
    ["she lives near the river and loves soccer", "loves soccer"],
    ["she listens, text her at 555-123-4567", "she listens"],
    ["sweet; lives at 42 Elm Street apt 3b", "sweet"],
    ["va a la Secundaria 12 y es muy divertida", "es muy divertida"],
    ["la encuentras en el parque los sábados, es buena onda", "es buena onda"],
    ["loyal. St. Mary's Academy. loves dogs", "loyal. loves dogs"],
    ["honest, add her on discord", "honest"],
    // A handle written without its "@".
    ["funny, tiktok mayadraws", "funny"],
    ["kind and loud, my insta is mayadraws", "kind and loud"],
    ["creative. snap: maya_k2", "creative"],
    // The town, state and postcode that went with a street address.
    ["kind, lives at 42 Elm Street, Springfield", "kind"],
    ["sweet, 42 Elm Street, Springfield, IL 62704, loves dogs", "sweet, loves dogs"],
    ["sweet; 42 elm street, springfield", "sweet"],
    // A secret that opens an account.
    ["loyal, her password is maya2010", "loyal"],
    ["muy buena onda, la contraseña es gatito", "muy buena onda"],
    // A phone number spelled in words, its commas and all.
    ["the best listener, five five five, one two three four", "the best listener"],
    // Where someone lives or is found, beside the sayings about a life and a mood kept below.
    ["loyal, lives in Springfield", "loyal"],
    ["kind, she lives on my street", "kind"],
    ["funny, lives at 42 Elm", "funny"],
    ["sweet, usually at Starbucks", "sweet"],
    ["chill, always found in the library", "chill"],
    ["buena onda, vive en la colonia Roma", "buena onda"],
    // A handle after "is": one word that is not how an account is described.
    ["funny, her insta is mayadraws", "funny"],
    ["loud, his snapchat is @maya", "loud"],
    ["kind, their discord is maya_k2", "kind"],
  ])("%j → %j", (answer, kept) => {
    expect(withoutLocatingDetails(answer)).toBe(kept);
  });

  it.each([
    "Lincoln High, she walks home alone at 3pm",
    "@maya.k on insta",
    "behind the gym at 5pm",
    "she goes to lincoln high",
    "maya.k@gmail.com",
    "funny [phone]",
    "sale de la escuela a las 2 y camina sola a su casa",
    "tiktok mayadraws",
    "my insta is maya.draws",
    "my password is sunflower22",
    "five five five, one two three four",
    "call her on five five five one two three four",
  ])("%j says nothing else: nothing is kept", (answer) => {
    expect(withoutLocatingDetails(answer)).toBeUndefined();
  });

  it.each([
    "funny, loyal and loud",
    "Loyal, creative, funny!!",
    "marine biology, anime",
    "she's always on tiktok making dances",
    "after school she's always drawing",
    "loves High School Musical",
    "she's up at 6am every day and goes to the gym",
    "stupid puns and trash tv",
    "she lives for music",
    "es muy buena amiga y siempre escucha",
    // Ordinary answers beside the handles, towns, secrets and numbers above: platforms, numbers and pins as friends
    // mention them.
    "she draws on everything",
    "he's obsessed with tiktok dances",
    "anime, tiktok dances",
    "she plays roblox daily with her cousins",
    "tiktok, insta, discord",
    "she loves her tiktok account",
    "one or two close friends, three at most",
    "she has 2 cats and one dog",
    "she wears a pin in her hair, his pin collection is huge",
    "loyal, Taylor Swift, Harry Styles",
    // A capital letter, not any letter, names a place after "always in": a mood or a head is no place.
    "always in her own head",
    "she's always in trouble, always at ease",
    "usually in a good mood",
    // How someone lives is not where.
    "she lives in a world of her own",
    "she lives in the moment",
    "he lives on pizza and memes",
    "she lives on TikTok",
    "vive en su propio mundo",
    // What an account is like, not what it is called.
    "his snapchat is fun",
    "her insta is all cats",
    "her tiktok account is private",
    "su insta es muy bonito",
  ])("%j is kept as written", (answer) => {
    expect(withoutLocatingDetails(answer)).toBe(answer);
  });
});
