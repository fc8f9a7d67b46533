// Writing a persona from friends' answers: offline or through a chat model.
export * from "./personaDraft";
export * from "./offlineSynthesiser";
export * from "./llmSynthesiser";
