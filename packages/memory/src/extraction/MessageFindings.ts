// What the offline rules found in one message: entities with their spans, the user's edges to them, and links between them.
import type { EdgeLabel, EntityType } from "../graph/model.js";
import type { MessageText } from "./readMessage.js";
import { spansOverlap } from "./spans.js";

/** An edge from the user to a finding ("user -involves-> soccer"), closed when `ended`. */
export interface UserEdge {
  type: EdgeLabel;
  time?: string;
  ended?: boolean;
}

export interface EntityFinding {
  type: EntityType;
  name: string;
  start: number;
  end: number;
  aliases: string[];
  attributes: Record<string, string>;
  userEdges: UserEdge[];
}

export interface LinkFinding {
  type: EdgeLabel;
  from: EntityFinding;
  to: EntityFinding;
  time?: string;
  ended?: boolean;
}

export interface NewEntity {
  type: EntityType;
  name: string;
  start: number;
  end: number;
  aliases?: string[];
  attributes?: Record<string, string>;
  userEdges?: UserEdge[];
}

/**
 * The rules run in order over one message and share this: a span taken by an earlier rule ("math test"
 * as an Event) is not found again by a later one ("math" as a Topic), and rules that relate things
 * (goals, feelings, retractions) look up what earlier rules found inside their own span.
 */
export class MessageFindings {
  readonly entities: EntityFinding[] = [];
  readonly links: LinkFinding[] = [];

  constructor(readonly message: MessageText) {}

  add(entity: NewEntity): EntityFinding {
    const finding: EntityFinding = {
      type: entity.type,
      name: entity.name,
      start: entity.start,
      end: entity.end,
      aliases: entity.aliases ?? [],
      attributes: entity.attributes ?? {},
      userEdges: entity.userEdges ?? [],
    };
    this.entities.push(finding);
    return finding;
  }

  /** Drops a finding a later rule showed to be part of something else ("my best friend" in "Jordan is my best friend"). */
  remove(entity: EntityFinding): void {
    const index = this.entities.indexOf(entity);
    if (index !== -1) this.entities.splice(index, 1);
    for (let link = this.links.length - 1; link >= 0; link -= 1) {
      if (this.links[link]?.from === entity || this.links[link]?.to === entity) this.links.splice(link, 1);
    }
  }

  link(type: EdgeLabel, from: EntityFinding, to: EntityFinding, extra: { time?: string; ended?: boolean } = {}): void {
    if (from === to || this.links.some((link) => link.type === type && link.from === from && link.to === to)) return;
    this.links.push({ type, from, to, ...extra });
  }

  /** True when [start, end) overlaps an entity already found. */
  isTaken(start: number, end: number): boolean {
    return this.entities.some((entity) => spansOverlap(entity, { start, end }));
  }

  /** Entities lying inside [start, end), in text order. */
  within(start: number, end: number, types?: readonly EntityType[]): EntityFinding[] {
    return this.entities
      .filter((entity) => entity.start >= start && entity.end <= end && (!types || types.includes(entity.type)))
      .sort((a, b) => a.start - b.start);
  }

  /** The entity covering offset `at`, if any. */
  at(at: number, types?: readonly EntityType[]): EntityFinding | undefined {
    return this.entities.find((entity) => entity.start <= at && at < entity.end && (!types || types.includes(entity.type)));
  }
}
