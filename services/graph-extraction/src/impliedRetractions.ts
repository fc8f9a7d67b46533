// "I quit soccer" also ends what soccer was part of: the varsity soccer team the user was on, and the goal of making it.
import { canonicalEntityKey } from "@innerworld/memory/extraction";
import { type ExtractedRelation, type Extraction, type TopEdge } from "@innerworld/memory/graph";

const words = (key: string) => new Set(key.split("-").filter(Boolean));

/**
 * For each retraction the extractor found (a relation with `ended`), finds the user's open facts about entities of
 * the same kind whose name contains the retracted one ("soccer" ⊂ "varsity soccer team"), and goals about them, and
 * adds retractions for those too. Works on the user's recent edges, so it only ends facts the graph really holds.
 */
export const withImpliedRetractions = (extraction: Extraction, userVertexId: string, recent: readonly TopEdge[]): Extraction => {
  const retracted = extraction.relations.filter((r) => r.ended && r.from === "user");
  if (retracted.length === 0) return extraction;
  const typeOf = new Map(extraction.entities.map((e) => [e.name, e.type]));
  const added: ExtractedRelation[] = [];
  const entities = [...extraction.entities];
  const already = new Set(extraction.relations.map((r) => `${r.from}|${r.type}|${r.to}`));
  const add = (relation: ExtractedRelation, entity: { type: Extraction["entities"][number]["type"]; name: string }) => {
    const key = `${relation.from}|${relation.type}|${relation.to}`;
    if (already.has(key)) return;
    already.add(key);
    added.push(relation);
    if (!entities.some((e) => e.name === entity.name && e.type === entity.type)) entities.push({ type: entity.type, name: entity.name, aliases: [], attributes: {} });
  };

  for (const retraction of retracted) {
    const type = typeOf.get(retraction.to);
    if (!type) continue;
    const retractedWords = words(canonicalEntityKey(type, retraction.to));
    for (const { edge, to } of recent) {
      if (edge.from !== userVertexId || edge.invalidAt !== undefined || to.label !== type) continue;
      const containing = words(canonicalEntityKey(type, to.name));
      const partOf = [...retractedWords].every((w) => containing.has(w)) && containing.size > retractedWords.size;
      if (!partOf) continue;
      add({ type: edge.label, from: "user", to: to.name, ended: true, time: retraction.time ?? null }, { type, name: to.name });
      // Goals about the thing just left are given up with it.
      for (const about of recent) {
        if (about.edge.to !== to.id || about.from.label !== "Goal" || about.edge.invalidAt !== undefined) continue;
        const goalEdge = recent.find((r) => r.edge.from === userVertexId && r.edge.to === about.from.id && r.edge.invalidAt === undefined);
        if (goalEdge) add({ type: goalEdge.edge.label, from: "user", to: about.from.name, ended: true, time: retraction.time ?? null }, { type: "Goal", name: about.from.name });
      }
    }
  }
  return added.length === 0 ? extraction : { entities, relations: [...extraction.relations, ...added] };
};
