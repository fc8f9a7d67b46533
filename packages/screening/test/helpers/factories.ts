// Labelled lines for the classifier's training-data tests, built as the importer builds them from the teams' files.
import type { LabelledExample } from "../../bench/classifier/examples";

/**
 * A labelled line by a test author: a risk line is an explicit phrasing (active ideation unless a category is named),
 * an ordinary one is ordinary or, marked as such, a trap; English unless a language is named.
 */
export const labelledLine = (
  id: string,
  text: string,
  level: LabelledExample["level"],
  { category, lang = "en", trap = false }: { category?: LabelledExample["category"]; lang?: string; trap?: boolean } = {},
): LabelledExample => ({
  id,
  text,
  level,
  category: category ?? (level === "none" ? "none" : "active_ideation"),
  family: trap ? "trap" : level === "none" ? "ordinary" : "explicit",
  lang,
  trap,
  author: "test",
  context: [],
  source: "test",
});
