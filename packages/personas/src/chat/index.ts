// Personas in conversation: the prompt persona a stored record becomes, and who replies in a group.
export { toPromptPersona } from "./promptPersona";
export { chooseResponders } from "./chooseResponders";
