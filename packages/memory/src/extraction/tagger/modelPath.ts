// Where the committed span tagger model lives, for the training script and the tests that check it (the extractor imports the file itself).
import { fileURLToPath } from "node:url";

export const SPAN_TAGGER_MODEL_PATH = fileURLToPath(new URL("../../../model/extraction-tagger.json", import.meta.url));
