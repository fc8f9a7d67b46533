// The older majors an event type is still accepted under, and the chain of upcasters that lifts each to the current one.
import type { z } from "zod";
import { EVENT_CATALOG, isEventType, type EventType } from "../catalog";
import { EventContractError } from "../errors";
import type { UpcastContext, Upcaster, UpcastResult } from "./types";

const describeIssues = (issues: { path: (string | number)[]; message: string }[]): string =>
  issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");

export class UpcasterRegistry {
  private readonly byType = new Map<EventType, Map<number, Upcaster>>();

  /**
   * Registers the upcaster from one older major to the next. Returns a function that unregisters it (tests use it;
   * production code retires a major by deleting its registration once the archive no longer holds events of it).
   */
  register(upcaster: Upcaster): () => void {
    const { type, fromVersion } = upcaster;
    if (!isEventType(type)) throw new Error(`Cannot register an upcaster for unknown event type "${String(type)}"`);
    const current = EVENT_CATALOG[type].version;
    if (!Number.isInteger(fromVersion) || fromVersion < 0 || fromVersion >= current) {
      throw new Error(`${type}: an upcaster must read an older major than the catalog's v${current}, not v${fromVersion}`);
    }
    const upcasters = this.byType.get(type) ?? new Map<number, Upcaster>();
    if (upcasters.has(fromVersion)) throw new Error(`${type}: an upcaster from v${fromVersion} is already registered`);
    upcasters.set(fromVersion, upcaster);
    this.byType.set(type, upcasters);
    return () => {
      if (this.byType.get(type)?.get(fromVersion) === upcaster) this.byType.get(type)?.delete(fromVersion);
    };
  }

  /** The upcaster that reads `version` of `type`, if one is registered. */
  upcasterOf(type: EventType, version: number): Upcaster | undefined {
    return this.byType.get(type)?.get(version);
  }

  /** Every version of `type` a consumer accepts, oldest first: the current one and each older one with a full chain to it. */
  acceptedVersions(type: EventType): number[] {
    const current = EVENT_CATALOG[type].version;
    const older = [...(this.byType.get(type)?.keys() ?? [])].filter((version) => this.chainFrom(type, version) !== undefined);
    return [...older.sort((a, b) => a - b), current];
  }

  /** The data schema of one accepted version of `type`. */
  schemaOf(type: EventType, version: number): z.ZodTypeAny | undefined {
    if (version === EVENT_CATALOG[type].version) return EVENT_CATALOG[type].schema;
    return this.chainFrom(type, version) ? this.upcasterOf(type, version)?.schema : undefined;
  }

  /**
   * Lifts `data` published under `version` of `type` to the catalog's version: each step checks the data against its
   * own major's schema, then upcasts it one major. The result is not yet checked against the current schema; the
   * caller (validateEnvelope) does that, as for any event.
   */
  upcast(type: EventType, version: number, data: unknown, context: UpcastContext): UpcastResult {
    const current = EVENT_CATALOG[type].version;
    if (version === current) return { version, data };
    const chain = this.chainFrom(type, version);
    if (!chain) {
      throw new EventContractError(
        "EVENT_VALIDATION_FAILED",
        `${type}: schema version ${version} is not accepted (accepted: ${this.acceptedVersions(type).map((v) => `v${v}`).join(", ")})`,
        false,
      );
    }
    let lifted = data;
    for (const step of chain) {
      const parsed = step.schema.safeParse(lifted);
      if (!parsed.success) {
        throw new EventContractError("EVENT_VALIDATION_FAILED", `${type} v${step.fromVersion}.data: ${describeIssues(parsed.error.issues)}`, false);
      }
      lifted = step.upcast(parsed.data, context);
    }
    return { version: current, data: lifted, upcastFrom: version };
  }

  /** The upcasters from `version` up to the current major, or undefined when a link is missing (or `version` is newer). */
  private chainFrom(type: EventType, version: number): Upcaster[] | undefined {
    const current = EVENT_CATALOG[type].version;
    if (version >= current) return undefined;
    const chain: Upcaster[] = [];
    for (let from = version; from < current; from += 1) {
      const step = this.upcasterOf(type, from);
      if (!step) return undefined;
      chain.push(step);
    }
    return chain;
  }
}
