// How the committed span tagger is trained, shared by the training script and the dev-only tuning of its margins.
export const TAGGER_SEED = 20261205;
export const TAGGER_EPOCHS = 10;
