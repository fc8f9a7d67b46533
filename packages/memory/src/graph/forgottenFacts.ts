// Facts a user asked to forget stay forgotten: a merge of words said before the forgetting (a replay of the archive, a
// redelivered transcript) does not bring them back.
//
// What is kept of a forgotten fact is a digest of its vertex id and when it was forgotten, never its name: the id holds
// the name ("Person:<user>:jordan"), and the point of forgetting is that the name goes. Words said after the forgetting
// are new words, and the fact is remembered again from them.
import { createHash } from "node:crypto";
import type { GraphVertex } from "./model";
import type { GraphMutation } from "./mutation";

/** A forgotten vertex's id, as a digest: enough to recognise the fact when it comes again, not to read it. */
export const forgottenDigestOf = (vertexId: string): string => createHash("sha256").update(vertexId).digest("hex");

/**
 * The mutation without the vertices forgotten at or after the session was observed, and without every edge and
 * invalidation touching them. `forgottenAt` maps a vertex's digest (forgottenDigestOf) to when it was forgotten (ISO).
 * The User vertex is never forgotten (GraphStore.deleteVertex refuses it).
 */
export function withoutForgotten(mutation: GraphMutation, forgottenAt: ReadonlyMap<string, string>): GraphMutation {
  if (forgottenAt.size === 0) return mutation;
  const forgotten = new Set(
    mutation.vertices
      .filter((vertex) => {
        const at = forgottenAt.get(forgottenDigestOf(vertex.id));
        return at !== undefined && mutation.observedAt <= at;
      })
      .map((vertex) => vertex.id),
  );
  if (forgotten.size === 0) return mutation;
  const touches = (element: { from: string; to: string }) => forgotten.has(element.from) || forgotten.has(element.to);
  return {
    ...mutation,
    vertices: mutation.vertices.filter((vertex) => !forgotten.has(vertex.id)),
    edges: mutation.edges.filter((edge) => !touches(edge)),
    invalidations: mutation.invalidations.filter((invalidation) => !touches(invalidation)),
  };
}

/**
 * The ids of vertices that should not be there: forgotten at or after they were first seen. deleteVertex writes the
 * marker before it removes the fact, so a merge that read before the marker can write the fact again, with its old
 * first sighting, and one cut short there leaves it behind. A fact the teen brings up after forgetting it is first seen
 * after the marker and stays. (A merge of old words that overlaps both a forgetting and such a new mention folds its old
 * sighting into the new vertex, and the new mention goes too: the error falls on the side of forgetting.)
 */
export function leftoversOf(vertices: Iterable<GraphVertex>, forgottenAt: ReadonlyMap<string, string>): string[] {
  const leftovers: string[] = [];
  for (const vertex of vertices) {
    const at = forgottenAt.get(forgottenDigestOf(vertex.id));
    if (at !== undefined && vertex.firstSeenAt <= at) leftovers.push(vertex.id);
  }
  return leftovers;
}
