// What a replay does to each service: the words the catalog, the docs and the refusal messages share.
import type { ServiceName } from "@innerworld/events";

/** The live side effect that keeps a service from ever seeing replayed events. */
export const LIVE_SIDE_EFFECTS: Partial<Record<ServiceName, string>> = {
  notifier: "it pushes frames to users' open WebSocket connections",
  generation: "it calls the model (cost) and streams chunks straight to users' connections",
  watchdog: "it would fail old turns again and tell their users",
  safety: "it would screen old turns again and publish new verdicts, which generation and the notifier act on live",
};

export const REPLAY_BEHAVIOUR: Record<ServiceName, string> = {
  gateway: "Publishes only; consumes nothing from the bus.",
  safety: `Never sees replayed events: ${LIVE_SIDE_EFFECTS.safety}. Its rule requires \`replay-name\` to be absent.`,
  generation: `Never sees replayed events: ${LIVE_SIDE_EFFECTS.generation}. Its rule requires \`replay-name\` to be absent.`,
  notifier: `Never sees replayed events: ${LIVE_SIDE_EFFECTS.notifier}. Its rule requires \`replay-name\` to be absent.`,
  watchdog: `Never sees replayed events: ${LIVE_SIDE_EFFECTS.watchdog}. Its rule requires \`replay-name\` to be absent.`,
  storage:
    "Accepts replays. Every write is conditional on ids (one message item per session and seq, sessions by id, statuses only move forward), so a replayed event changes nothing already stored; a replayed SessionEnded does not publish TranscriptReady again once the session has one, and a replayed SurveyResponseAccepted never publishes SurveyCompleted.",
  "graph-extraction":
    "Accepts replays, and runs again for them (its idempotency key includes the replay's name): it re-reads the session's stored messages (kept 30 days after the transcript was processed), extracts again and merges. Merges are idempotent per session and vertex ids are deterministic, so the graph ends as it was, or is rebuilt after a wipe. Each replay publishes a new GraphUpdated, so context-refresh rebuilds the context block.",
  "persona-synthesis":
    "Accepts replays: a survey still synthesizing gets its persona written under the same id (derived from the survey) from the answers still kept; a survey drawing, ready or failed, and a persona its owner deleted, are left as they are.",
  portrait: "Accepts replays: draws the same picture again (it is seeded by the persona) under the same key, and announces only a persona not yet ready (one already ready was announced when first painted), so nothing reaches users.",
  "context-refresh":
    "Accepts replays: rebuilds the user's context block from the graph as it is now (the version number moves on) and publishes ContextRefreshed. Nothing reaches users.",
};
