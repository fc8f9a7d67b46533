// Decides, before anything is created, which rule each named service receives a replay through, and refuses unsafe ones.
import {
  EVENT_TYPES,
  SERVICE_NAMES,
  TOPOLOGY,
  isEventType,
  serviceNameSchema,
  topologyOf,
  type EventType,
  type ServiceName,
  type Subscription,
} from "@innerworld/events";
import { AnalystError } from "../errors";
import { LIVE_SIDE_EFFECTS } from "../replayBehaviour";

export interface ServiceReplayPlan {
  service: ServiceName;
  /** Every subscription of the service the replay delivers. */
  subscriptions: Subscription[];
  /**
   * `service-rule` when the replay can go through the service's own rule (it would take exactly these types anyway);
   * `temporary-rule` when only some of the types it consumes were asked for.
   */
  via: "service-rule" | "temporary-rule";
}

export const REPLAYABLE_SERVICES: ServiceName[] = TOPOLOGY.filter((t) => t.acceptsReplay && t.queue && t.consumes.length > 0).map((t) => t.service);


const parseService = (name: string): ServiceName => {
  const parsed = serviceNameSchema.safeParse(name);
  if (!parsed.success) {
    throw new AnalystError("UNKNOWN_SERVICE", `Unknown service "${name}"`, { hint: `Services: ${SERVICE_NAMES.join(", ")}; replays go to ${REPLAYABLE_SERVICES.join(", ")}.` });
  }
  return parsed.data;
};

export const parseEventTypes = (names: readonly string[]): EventType[] => {
  const unknown = names.filter((n) => !isEventType(n));
  if (unknown.length > 0) throw new AnalystError("UNKNOWN_EVENT_TYPE", `Unknown event type${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}`, { hint: `Event types: ${EVENT_TYPES.join(", ")}.` });
  return [...new Set(names as EventType[])];
};

/**
 * One plan per service. Refuses services that must never see replays (their rules drop replayed events anyway, so the
 * replay would do nothing there but look as if it had), services that consume nothing from the bus, and services that
 * consume none of the asked-for types.
 */
export const planReplay = (serviceNames: readonly string[], typeNames: readonly string[] = []): ServiceReplayPlan[] => {
  if (serviceNames.length === 0) {
    throw new AnalystError("USAGE", "Name the services to replay into with --to-service", { hint: `Replays go to ${REPLAYABLE_SERVICES.join(", ")}.` });
  }
  const types = parseEventTypes(typeNames);
  const services = [...new Set(serviceNames.map(parseService))];
  return services.map((service) => {
    const topology = topologyOf(service);
    if (!topology.queue || topology.consumes.length === 0) {
      throw new AnalystError("REPLAY_NOT_ACCEPTED", `${service} consumes nothing from the bus, so there is nothing to replay into it`, {
        hint: `Replays go to ${REPLAYABLE_SERVICES.join(", ")}.`,
      });
    }
    if (!topology.acceptsReplay) {
      throw new AnalystError(
        "REPLAY_NOT_ACCEPTED",
        `${service} does not accept replays: ${LIVE_SIDE_EFFECTS[service] ?? "it has live side effects"}. Its rule drops replayed events ("replay-name": [{"exists": false}]), and this tool will not aim a replay at it.`,
        { hint: `Replays go to ${REPLAYABLE_SERVICES.join(", ")}.` },
      );
    }
    // What the service takes only live (UserDeleted) a replay never brings it: its own rule drops it, and so would ours.
    const replayable = topology.consumes.filter((s) => !s.liveOnly);
    const subscriptions = types.length === 0 ? [...replayable] : replayable.filter((s) => types.includes(s.eventType));
    if (subscriptions.length === 0) {
      const liveOnly = topology.consumes.filter((s) => s.liveOnly && types.includes(s.eventType)).map((s) => s.eventType);
      throw new AnalystError("NOTHING_TO_REPLAY", `${service} ${liveOnly.length > 0 ? `takes ${liveOnly.join(", ")} only live, never from a replay` : `consumes none of ${types.join(", ")}`}`, {
        hint: `${service} takes ${[...new Set(replayable.map((s) => s.eventType))].join(", ")} from replays.`,
      });
    }
    return { service, subscriptions, via: subscriptions.length === replayable.length ? "service-rule" : "temporary-rule" };
  });
};
