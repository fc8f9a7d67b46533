// The persona routes of the HTTP API: list, create, get, replace, delete; events on the bus for each change.
import { randomUUID } from "node:crypto";
import { allowedPersonaModels } from "@innerworld/chat-model/model-config";
import { createPersonaAuthoring, type AuthoringRefusal } from "@innerworld/personas/authoring";
import { DynamoPersonaStore, personaView, type PersonaRecord, type PersonaStore } from "@innerworld/personas/store";
import type { Publisher } from "@innerworld/events";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export interface PersonaApiPorts {
  store: PersonaStore;
  publisher: Publisher;
  clock: () => number;
  /** Models a persona may name; from `INNERWORLD_PERSONA_MODELS` (or the configured chain) unless given. */
  allowedModels?: readonly string[];
  /** Ends the user's active sessions that use a deleted persona; returns their ids. */
  endSessionsWithPersona(userId: string, personaId: string): Promise<string[]>;
}

export interface PersonaRequest {
  routeKey: string;
  userId: string;
  personaId?: string;
  body?: string;
}

const json = (statusCode: number, body?: unknown): APIGatewayProxyStructuredResultV2 => ({
  statusCode,
  headers: { "content-type": "application/json" },
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

const problem = (statusCode: number, code: string, message: string, extra: Record<string, unknown> = {}) => json(statusCode, { error: { code, message, ...extra } });

/** Each refusal as the HTTP API answers it. */
function refusal(outcome: AuthoringRefusal): APIGatewayProxyStructuredResultV2 {
  switch (outcome.kind) {
    case "not_found":
      return problem(404, "PERSONA_NOT_FOUND", "No such persona");
    case "read_only":
      return problem(403, "PERSONA_READ_ONLY", "Built-in personas cannot be changed or deleted");
    case "invalid": {
      const [first] = outcome.errors;
      return problem(400, "INVALID_PERSONA", outcome.errors.map((e) => `${e.field}: ${e.reason}`).join("; "), {
        ...(first ? { field: first.field, reason: first.reason } : {}),
        errors: outcome.errors,
      });
    }
    case "unsafe":
      return problem(422, "UNSAFE_PERSONA", "This persona cannot be saved: " + [...new Set(outcome.reasons.map((r) => r.reason))].join("; "), { reasons: outcome.reasons });
    case "limit_reached":
      return problem(409, "PERSONA_LIMIT_REACHED", `You can have at most ${outcome.limit} personas of your own; delete one first`, { limit: outcome.limit });
  }
}

export const personaStoreFor = (runtime: { dynamodb: ConstructorParameters<typeof DynamoPersonaStore>[0]; tables: { personas: string } }): PersonaStore =>
  new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas);

export const createPersonaApi = (ports: PersonaApiPorts) => {
  const authoring = createPersonaAuthoring({
    store: ports.store,
    allowedModels: ports.allowedModels ?? allowedPersonaModels(process.env),
    clock: ports.clock,
    newId: randomUUID,
  });

  const announce = async (type: "PersonaCreated" | "PersonaUpdated", userId: string, record: PersonaRecord) => {
    const common = { personaId: record.personaId, name: record.name, status: record.status, model: record.model };
    await ports.publisher.publish(
      type === "PersonaCreated"
        ? { type, correlationId: record.personaId, userId, data: { ...common, createdAt: record.createdAt } }
        : { type, correlationId: record.personaId, userId, data: { ...common, updatedAt: record.updatedAt } },
    );
  };

  /** The body as JSON; undefined when it is not JSON at all (a 400 of its own). */
  const parse = (body: string | undefined): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(body ?? "") };
    } catch {
      return { ok: false };
    }
  };
  // The code the survey API and the WebSocket give a body that is not JSON.
  const notJson = () => problem(400, "MALFORMED_JSON", "The body must be a JSON object", { field: "(body)", reason: "must be a JSON object" });

  return async (request: PersonaRequest): Promise<APIGatewayProxyStructuredResultV2> => {
    const { userId, personaId = "" } = request;
    // Persona ids are a built-in's name or a UUID; a longer one cannot exist and would only strain the key size.
    if (personaId.length > 64) return refusal({ kind: "not_found" });
    switch (request.routeKey) {
      case "GET /personas":
        return json(200, { personas: (await authoring.list(userId)).map(personaView) });
      case "POST /personas": {
        const body = parse(request.body);
        if (!body.ok) return notJson();
        const created = await authoring.create(userId, body.value);
        if (!created.ok) return refusal(created);
        try {
          await announce("PersonaCreated", userId, created.value);
        } catch (error) {
          // Not announced, not kept: the client is told to try again, and its retry must not make a second persona
          // (nor use up another of its places).
          await ports.store.delete(created.value.personaId);
          throw error;
        }
        return json(201, personaView(created.value));
      }
      case "GET /personas/{personaId}": {
        const found = await authoring.get(userId, personaId);
        return found.ok ? json(200, personaView(found.value)) : refusal(found);
      }
      case "PUT /personas/{personaId}": {
        const body = parse(request.body);
        if (!body.ok) return notJson();
        const replaced = await authoring.replace(userId, personaId, body.value);
        if (!replaced.ok) return refusal(replaced);
        await announce("PersonaUpdated", userId, replaced.value);
        return json(200, personaView(replaced.value));
      }
      case "DELETE /personas/{personaId}": {
        // Announced before the record goes: if the announcement fails, the persona is still there for the client's
        // retry to delete and announce, where deleting first left a retry with a 404 and the persona's portrait and
        // cached copies with nobody to clean them up.
        const found = await authoring.get(userId, personaId);
        if (!found.ok) return refusal(found);
        if (found.value.builtIn) return refusal({ kind: "read_only" });
        const endedSessionIds = await ports.endSessionsWithPersona(userId, personaId);
        await ports.publisher.publish({
          type: "PersonaDeleted",
          correlationId: personaId,
          userId,
          data: { personaId, name: found.value.name, endedSessionIds, deletedAt: new Date(ports.clock()).toISOString() },
        });
        const removed = await authoring.remove(userId, personaId);
        // Removed meanwhile by another request of the same user: deleted either way.
        if (!removed.ok && removed.kind !== "not_found") return refusal(removed);
        return json(204);
      }
      default:
        return problem(404, "NOT_FOUND", `No route ${request.routeKey}`);
    }
  };
};
