// The extractor used when no model is configured: compromise + compromise-dates, plus our own rules for a teen's world.
import type { ExtractedRelation, Extraction } from "../graph/model.js";
import { MessageFindings } from "./MessageFindings.js";
import { applyRules } from "./offlineRules.js";
import { addTaggedSpans, type AddThresholds } from "./tagger/addTaggedSpans.js";
import { SpanTagger, type SpanTaggerFile } from "./tagger/spanTagger.js";
import taggerModel from "../../model/extraction-tagger.json" with { type: "json" };
import { readMessage } from "./readMessage.js";
import { resolveEntities, type KnownEntity } from "./resolveEntities.js";
import { OFFLINE_EXTRACTOR_NAME, type ExtractOptions, type Extractor, type TranscriptMessage } from "./types.js";
import { userMessages } from "./userMessages.js";

export interface OfflineExtractorOptions {
  /** IANA zone the user lives in, so "tomorrow" at 11 pm is their tomorrow. Default UTC. */
  timeZone?: string;
  /** Entities already in the user's graph: a bare "Jordan" then resolves to the known "Jordan Lee". */
  known?: readonly KnownEntity[];
  /**
   * What the learned span tagger may add to the rules' findings: per type, the margin it must be sure by. Default
   * LEARNED_THRESHOLDS; `false` runs the rules alone (to compare).
   */
  learned?: AddThresholds | false;
}

/** Chosen on the dev split by bench/eval/tuneLearned.ts (see PROVENANCE.md): the types where the tagger's additions helped there, and how sure it must be. */
export const LEARNED_THRESHOLDS: AddThresholds = { Person: 5, Place: 2, Thing: 2, Topic: 2, Event: 0, Activity: 0, Goal: 20, Feeling: 2, Value: 2, Habit: 5 };

let sharedTagger: SpanTagger | undefined;
/** The committed model, read once per process: every extractor shares it. */
const loadTagger = () => (sharedTagger ??= new SpanTagger(taggerModel as SpanTaggerFile));


export function createOfflineExtractor(options: OfflineExtractorOptions = {}): Extractor {
  const timeZone = options.timeZone ?? "UTC";
  const thresholds = options.learned === undefined ? LEARNED_THRESHOLDS : options.learned;
  const tagger = thresholds ? loadTagger() : undefined;
  return {
    name: OFFLINE_EXTRACTOR_NAME,
    async extract(messages: readonly TranscriptMessage[], { referenceDate }: ExtractOptions): Promise<Extraction> {
      const extraction: Extraction = { entities: [], relations: [] };
      for (const message of userMessages(messages)) {
        const found = new MessageFindings(readMessage(message.content, { referenceDate, timeZone, sentAt: message.createdAt }));
        applyRules(found);
        if (tagger && thresholds) addTaggedSpans(found, tagger, thresholds);
        appendFindings(extraction, found);
      }
      return resolveEntities(extraction, options.known);
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
