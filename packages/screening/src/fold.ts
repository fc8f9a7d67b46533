// Folding text for comparison alone (case, accents, look-alike letters), for code that compares names and answers and
// screens nothing: importing it does not bring the crisis lexicon into a handler's cold start as the package's index would.
export { foldText } from "./normalize";
