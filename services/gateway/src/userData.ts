// GET /me/export and DELETE /me: everything stored about the caller, as JSON or erased, with a tombstone against replays.
import { ScanCommand, type ScanCommandOutput } from "@aws-sdk/lib-dynamodb";
import { pagesOf } from "@innerworld/platform/dynamodb";
import { deleteKeys, eraseUserConversations, findUserConversations } from "@innerworld/conversation/user-data";
import type { ContextCacheStore } from "@innerworld/memory/context-cache";
import { eraseUserMemory, rememberedFacts } from "@innerworld/memory/facts";
import { userTimeZone } from "./userTimeZone";
import type { GraphStore } from "@innerworld/memory/graph";
import type { PersonaStore } from "@innerworld/personas/store";
import { answersForOwner } from "@innerworld/surveys";
import type { SurveyStore } from "@innerworld/surveys/store";
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { TombstoneStore } from "@innerworld/platform/tombstones";
import type { ConnectionCloser } from "@innerworld/platform/delivery";
import { sessionBucketKey } from "./keys";
import { clientMessageIdPrefixOf } from "@innerworld/conversation/client-messages";

export const createUserData = (
  runtime: ServiceRuntime,
  graph: () => GraphStore,
  contexts: ContextCacheStore,
  personas: PersonaStore,
  surveys: SurveyStore,
  /** Closes the erased user's open sockets; absent where there is no WebSocket API (then they stay open, refusing). */
  closer?: ConnectionCloser,
) => {
  const tombstones = new TombstoneStore(runtime.dynamodb, runtime.tables.tombstones);
  const now = () => new Date(runtime.clock());

  /** The client-message dedupe records (24 h) are keyed by user but not indexed by one: a filtered scan of a small table finds them. */
  const clientMessageKeys = async (userId: string): Promise<{ id: string }[]> => {
    const keys: { id: string }[] = [];
    const pages = pagesOf<ScanCommandOutput>((start) =>
      runtime.dynamodb.send(
        new ScanCommand({
          TableName: runtime.tables.idempotency,
          FilterExpression: "begins_with(#id, :prefix)",
          ExpressionAttributeNames: { "#id": "id" },
          ExpressionAttributeValues: { ":prefix": clientMessageIdPrefixOf(userId) },
          ProjectionExpression: "#id",
          ExclusiveStartKey: start,
        }),
      ),
    );
    for await (const page of pages) {
      keys.push(...((page.Items ?? []) as { id: string }[]));
    }
    return keys;
  };

  /**
   * The surveys the user made, each with the answers friends gave about them: per question, and counted by the day, as
   * answersForOwner gives them, since friends answered anonymously and the owner is shown counts, not who said what.
   * No response can be traced to the user who wrote it, so the surveys a user answered are nobody's to export or erase
   * by user id (they expire in 30 days).
   */
  const ownSurveys = async (userId: string) =>
    Promise.all(
      (await surveys.listByOwner(userId)).map(async (survey) => ({
        ...survey,
        ...answersForOwner(
          survey.questions.map((question) => question.id),
          await surveys.listResponses(survey.surveyId),
        ),
      })),
    );

  return {
    /** Everything stored about the user, as they could read it: sessions, messages still kept, remembered facts, the graph, the cached context. */
    async exportAll(userId: string) {
      const [conversations, userGraph, context, tombstone, ownPersonas, surveysMade] = await Promise.all([
        findUserConversations(runtime.dynamodb, runtime.tables, userId),
        graph().getUserGraph(userId),
        contexts.read(userId),
        tombstones.get(userId),
        personas.listByOwner(userId),
        ownSurveys(userId),
      ]);
      const sessionsInOrder = [...conversations.sessions].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      return {
        userId,
        exportedAt: now().toISOString(),
        sessions: sessionsInOrder,
        feedback: conversations.feedback,
        messages: [...conversations.messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.messageKey.localeCompare(b.messageKey)),
        // Days said where the user lives, as GET /me/memory says them: their latest session's zone, else their block's.
        facts: rememberedFacts(userGraph, now(), userTimeZone(sessionsInOrder.at(-1), context)),
        graph: userGraph,
        context: context ?? null,
        personas: ownPersonas,
        surveys: [...surveysMade].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
        ...(tombstone ? { erasedAt: tombstone.deletedAt } : {}),
      };
    },

    /**
     * Tombstone first (from here on, every consumer drops older events about the user), then every table and the
     * graph, then UserDeleted so each service erases what an in-flight event may have written meanwhile.
     */
    async eraseAll(userId: string): Promise<void> {
      const deletedAt = now().toISOString();
      await tombstones.put(userId, deletedAt);
      const erased = await eraseUserConversations(runtime.dynamodb, runtime.tables, userId);
      await eraseUserMemory({ graph: graph(), cache: contexts, userId });
      // The personas the user made (their words: names, descriptions); the built-ins are nobody's. Each deletion is
      // announced as a user's own would be, so the portrait service deletes the persona's picture with it.
      for (const persona of await personas.listByOwner(userId)) {
        await personas.delete(persona.personaId);
        await runtime.publisher.publish({
          type: "PersonaDeleted",
          correlationId: userId,
          userId,
          deduplicationKey: `${persona.personaId}:erased:${deletedAt}`,
          data: { personaId: persona.personaId, name: persona.name, endedSessionIds: [], deletedAt },
        });
      }
      // Their ledger of persona places goes too: a create that died mid-way leaves a place no deletion above releases.
      await personas.forgetOwner(userId);
      // The surveys the user made, with every answer friends gave about them.
      const surveysMade = await surveys.listByOwner(userId);
      for (const survey of surveysMade) await surveys.delete(survey.surveyId);
      // A socket left open would take messages for an account that no longer exists (each refused, each taking a
      // rate-limit token that recreates a bucket): the erased user's sockets are closed, before their buckets go, and
      // $connect refuses the tokens issued before now. The erasure stands if one cannot be closed; its messages are
      // refused all the same.
      for (const connection of erased.connections) {
        await closer?.disconnect(connection.connectionId).catch((error: unknown) => runtime.logger.warn("could not close an erased user's connection", { connectionId: connection.connectionId, error: error as Error }));
      }
      const buckets = [
        `user#${userId}`,
        `frames#${userId}`,
        ...surveysMade.map((survey) => `survey#${survey.surveyId}`),
        ...erased.sessions.map((session) => `session#${sessionBucketKey(userId, session.sessionId)}`),
        ...erased.connections.map((connection) => `channel#${connection.connectionId}`),
      ];
      await deleteKeys(runtime.dynamodb, runtime.tables.rateLimits, buckets.map((bucketKey) => ({ bucketKey })));
      await deleteKeys(runtime.dynamodb, runtime.tables.idempotency, await clientMessageKeys(userId));
      await runtime.publisher.publish({
        type: "UserDeleted",
        correlationId: userId,
        userId,
        deduplicationKey: `${userId}:${deletedAt}`,
        data: { userId, deletedAt },
      });
    },
  };
};

export type UserData = ReturnType<typeof createUserData>;
