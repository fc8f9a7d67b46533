// Routes accepted events: archives them on their bus, matches them against the bus's enabled rules, and hands matches to delivery.
import type { ArchiveStore } from "./archive.js";
import { eventBusArn, ruleArn, type AccountScope } from "./arns.js";
import type { TargetDelivery } from "./delivery.js";
import { compileEventPattern, matchesEventPattern, type CompiledEventPattern } from "./eventPattern.js";
import type { EmulatorState } from "./state.js";
import type { AwsEvent, EmulatorLogger, RuleRecord } from "./types.js";

export interface RoutedEvent {
  busName: string;
  event: AwsEvent;
}

export interface EventRouterDeps {
  state: EmulatorState;
  archives: ArchiveStore;
  delivery: TargetDelivery;
  scope: AccountScope;
  log: EmulatorLogger;
}

export class EventRouter {
  /** Compiled patterns by their text; null marks a stored pattern the matcher rejects, which then matches nothing. */
  private readonly compiled = new Map<string, CompiledEventPattern | null>();

  constructor(private readonly deps: EventRouterDeps) {}

  /**
   * Archives the events (resolving once they are on disk) and delivers them before answering. AWS answers once the
   * events are stored durably on its side; here the queues are the durable store (the local SQS keeps a journal), so
   * an acknowledged PutEvents must already be in them, or a crash right after it would lose the event.
   */
  async publish(events: readonly RoutedEvent[]): Promise<void> {
    const { state, archives, scope, log } = this.deps;
    const toArchive = new Map<string, AwsEvent[]>();
    const accepted: RoutedEvent[] = [];
    for (const routed of events) {
      if (!state.buses.has(routed.busName)) {
        // AWS accepts events for a bus that does not exist and drops them; say so locally.
        log(`[eventbridge] event ${routed.event.id} was put on event bus ${routed.busName}, which does not exist; dropped`);
        continue;
      }
      accepted.push(routed);
      const busArn = eventBusArn(scope, routed.busName);
      for (const archive of state.archives.values()) {
        if (archive.eventSourceArn !== busArn) continue;
        if (archive.eventPattern !== undefined && !this.matches(archive.eventPattern, routed.event)) continue;
        const batch = toArchive.get(archive.name) ?? [];
        batch.push(routed.event);
        toArchive.set(archive.name, batch);
      }
    }
    await Promise.all([...toArchive].map(([name, batch]) => archives.append(name, batch)));
    await Promise.all(accepted.map(({ busName, event }) => this.deliverAcknowledged(event, this.matchingRules(busName, event))));
  }

  /** The enabled rules of a bus whose pattern matches the event, optionally narrowed further (replay FilterArns). */
  matchingRules(busName: string, event: AwsEvent, accept: (rule: RuleRecord) => boolean = () => true): RuleRecord[] {
    const rules = this.deps.state.rules.get(busName);
    if (!rules) return [];
    return [...rules.values()].filter(
      (rule) => rule.state !== "DISABLED" && rule.eventPattern !== undefined && accept(rule) && this.matches(rule.eventPattern, event),
    );
  }

  /** Starts sending to every target of the given rules; resolves when each send's first attempt is over. */
  private async deliverAcknowledged(event: AwsEvent, rules: readonly RuleRecord[]): Promise<void> {
    await Promise.all(
      rules.flatMap((rule) => rule.targets.map((target) => this.deps.delivery.deliverAcknowledged(target, event, ruleArn(this.deps.scope, rule.eventBusName, rule.name)))),
    );
  }

  /** Sends the event to every target of the given rules; resolves when all sends have finished or given up. */
  async deliver(event: AwsEvent, rules: readonly RuleRecord[]): Promise<void> {
    const sends = rules.flatMap((rule) => {
      const arn = ruleArn(this.deps.scope, rule.eventBusName, rule.name);
      return rule.targets.map((target) => this.deps.delivery.deliver(target, event, arn));
    });
    await Promise.all(sends);
  }

  private matches(patternText: string, event: AwsEvent): boolean {
    let pattern = this.compiled.get(patternText);
    if (pattern === undefined) {
      try {
        pattern = compileEventPattern(patternText);
      } catch (error) {
        this.deps.log(`[eventbridge] stored event pattern no longer compiles and matches nothing: ${patternText} (${String(error)})`);
        pattern = null;
      }
      this.compiled.set(patternText, pattern);
    }
    if (pattern === null) return false;
    try {
      return matchesEventPattern(pattern, event);
    } catch (error) {
      this.deps.log(`[eventbridge] matching event ${event.id} failed: ${String(error)}`);
      return false;
    }
  }
}
