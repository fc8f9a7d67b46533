// The extractor used when no model is configured: compromise + compromise-dates, plus our own rules for a teen's world.
import type { EntityType, ExtractedRelation, Extraction } from "../graph/model.js";
import { MessageFindings } from "./MessageFindings.js";
import { applyAfterTaggers, applyRules } from "./offlineRules.js";
import { addTaggedSpans, letTaggerDecide, ruleSpansOf, type AddThresholds } from "./tagger/addTaggedSpans.js";
import { SpanTagger, type SpanTaggerFile } from "./tagger/spanTagger.js";
import taggerModel from "../../model/extraction-tagger.json" with { type: "json" };
import overRulesModel from "../../model/extraction-tagger-over-rules.json" with { type: "json" };
import { readMessage } from "./readMessage.js";
import { resolveEntities, type KnownEntity } from "./resolveEntities.js";
import { OFFLINE_EXTRACTOR_NAME, type ExtractOptions, type Extractor, type TranscriptExtraction, type TranscriptMessage } from "./types.js";
import { userMessages } from "./userMessages.js";

export interface OfflineExtractorOptions {
  /** IANA zone the user lives in, so "tomorrow" at 11 pm is their tomorrow. Default UTC. */
  timeZone?: string;
  /** Entities already in the user's graph: a bare "Jordan" then resolves to the known "Jordan Lee". */
  known?: readonly KnownEntity[];
  /**
   * What the learned span tagger may add to the rules' findings: per type, the margin it must be sure by. Default
   * LEARNED_THRESHOLDS; `false` runs the rules alone (to compare), without either tagger.
   */
  learned?: AddThresholds | false;
  /** The types the tagger that reads the rules decides outright. Default TAGGER_DECIDES; empty: none. */
  taggerDecides?: ReadonlySet<EntityType>;
  /** The two taggers; default the committed models (tests hand in their own). */
  taggers?: ExtractionTaggers;
}

/** The tagger whose spans are added to the rules' findings, and the one that reads those findings and decides types. */
export interface ExtractionTaggers {
  addsToRules: SpanTagger;
  overRules: SpanTagger;
}

/**
 * Chosen on the dev split by bench/eval/tuneOverRules.ts (see PROVENANCE.md): the types where the tagger that reads the
 * rules' findings, redrawing and adding to them, beat the other tagger's additions on the writers the rules' authors
 * never read, and lost nothing that counts on the whole split. Event joined with writers M to P's messages in train.
 * Person, Place and Habit also gained there and are left to the rules, which make choices on purpose that the tagger
 * redraws against: "Jordan's dad" is somebody else's family, not the user's, and "my sister Emma" is Emma with her role;
 * a friend named Austin or Jake is no place; a habit keeps its frequency ("run before school every morning") and
 * leaves out a named city. Deciding Place and Habit too gained 0.004 exact on dev and broke those choices.
 */
export const TAGGER_DECIDES: ReadonlySet<EntityType> = new Set(["Thing", "Topic", "Event", "Activity", "Goal"]);

/**
 * Chosen on the dev split by bench/eval/tuneLearned.ts (see PROVENANCE.md): the types where the tagger's additions helped
 * there, and how sure it must be. Types in TAGGER_DECIDES are left out: the other tagger decides them.
 */
export const LEARNED_THRESHOLDS: AddThresholds = { Person: 5, Place: 0, Event: 0, Feeling: 10, Value: 0, Habit: 20 };

let sharedTaggers: ExtractionTaggers | undefined;
/** The committed models, read once per process: every extractor shares them. */
const loadTaggers = () =>
  (sharedTaggers ??= { addsToRules: new SpanTagger(taggerModel as SpanTaggerFile), overRules: new SpanTagger(overRulesModel as SpanTaggerFile) });

export function createOfflineExtractor(options: OfflineExtractorOptions = {}): Extractor {
  const timeZone = options.timeZone ?? "UTC";
  const thresholds = options.learned === undefined ? LEARNED_THRESHOLDS : options.learned;
  const taggers = thresholds ? (options.taggers ?? loadTaggers()) : undefined;
  const decided = options.taggerDecides ?? TAGGER_DECIDES;
  return {
    name: OFFLINE_EXTRACTOR_NAME,
    async extract(messages: readonly TranscriptMessage[], { referenceDate, timeLeftMs }: ExtractOptions): Promise<TranscriptExtraction> {
      const said = userMessages(messages);
      // Each message is read alone, so reading them newest first changes nothing but what a cut leaves out.
      const findings: MessageFindings[] = [];
      for (const message of said.toReversed()) {
        if (findings.length > 0 && timeLeftMs !== undefined && timeLeftMs() <= 0) break;
        const found = new MessageFindings(readMessage(message.content, { referenceDate, timeZone, sentAt: message.createdAt }));
        applyRules(found);
        if (taggers && thresholds) {
          // The tagger over the rules reads their own findings, as in training: before the other tagger adds to them.
          const overRules = decided.size > 0 ? taggers.overRules.tag(found.message, ruleSpansOf(found)) : [];
          addTaggedSpans(found, taggers.addsToRules.tag(found.message), thresholds);
          letTaggerDecide(found, overRules, decided);
        }
        applyAfterTaggers(found);
        findings.push(found);
      }
      const extraction: Extraction = { entities: [], relations: [] };
      for (const found of findings.toReversed()) appendFindings(extraction, found);
      const resolved = resolveEntities(extraction, options.known);
      const leftOut = said.length - findings.length;
      return leftOut > 0 ? { ...resolved, messagesLeftOut: leftOut } : resolved;
    },
  };
}

function appendFindings(extraction: Extraction, found: MessageFindings): void {
  for (const entity of found.entities) {
    extraction.entities.push({ type: entity.type, name: entity.name, aliases: entity.aliases, attributes: entity.attributes });
    for (const edge of entity.userEdges) {
      extraction.relations.push(relation(edge.type, "user", entity.name, edge.time, edge.ended));
    }
  }
  for (const link of found.links) extraction.relations.push(relation(link.type, link.from.name, link.to.name, link.time, link.ended));
}

function relation(type: ExtractedRelation["type"], from: string, to: string, time: string | undefined, ended: boolean | undefined): ExtractedRelation {
  return { type, from, to, ...(time ? { time } : {}), ...(ended ? { ended: true } : {}) };
}
