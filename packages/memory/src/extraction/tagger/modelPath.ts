// Where the committed span tagger models live, for the training script and the tests that check it (the extractor imports the file itself).
import { fileURLToPath } from "node:url";

export const SPAN_TAGGER_MODEL_PATH = fileURLToPath(new URL("../../../model/extraction-tagger.json", import.meta.url));
/** The tagger that reads the rules' findings too, and decides some types outright (offlineExtractor's TAGGER_DECIDES). */
export const OVER_RULES_TAGGER_MODEL_PATH = fileURLToPath(new URL("../../../model/extraction-tagger-over-rules.json", import.meta.url));
