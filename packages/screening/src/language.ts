// Which of the two languages a teen writes here a message leans to, for code that answers in it (the offline model).
export { messageSpanishLean } from "./normalize";
