import { describe, expect, it } from "vitest";
import { extractTopic } from "./extractTopic.js";

describe("extractTopic", () => {
  it.each([
    ["my friend Maya stopped talking to me and I don't know why", "your friend Maya"],
    ["I want to start a YouTube channel about Minecraft builds", "the YouTube channel"],
    ["We moved to Portland last month and I miss my old friends", "Portland"],
    ["ugh my parents keep fighting and i just want it to stop", "your parents"],
    ["can u help me with my science fair project? it's about volcanoes", "your science fair project"],
    ["I'm thinking about quitting piano but my mom wants me to keep going", "quitting piano"],
    ["I have a math test tomorrow and I'm so stressed!!!", "the math test"],
    ["should I go to the party on saturday or stay home", "the party"],
    ["tbh i feel like nobody at school gets me", "school"],
    ["test went so bad lol", "the test"],
    // "Constructor" is a word here, not the name of an object's inherited function.
    ["Constructor Bob is great", "Bob"],
    // In a group chat an @mention picks who answers; the topic is the rest.
    ["hey @Luna what do u think about my essay", "your essay"],
    ["@Courage @Compass should i try out for the team", "the team"],
  ])("finds the topic of %j", (message, topic) => {
    expect(extractTopic(message)).toBe(topic);
  });

  it.each(["idk man i just feel kinda off today", "lol", "", "I'm fine. Ok.", "so what do you think @Luna"])("finds none in %j rather than guessing", (message) => {
    expect(extractTopic(message)).toBeUndefined();
  });
});
