// The catalog is generated from the schemas, deterministically; docs/catalog must be exactly what they generate.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EVENT_TYPES, EventContractError, UpcasterRegistry, clientFrameSchema, sessionEndedSchema, validateEnvelope, type ServerFrameType } from "@innerworld/events";
import { beforeAll, describe, expect, it } from "vitest";
import { compareCatalog, DEFAULT_CATALOG_DIR, writeCatalog } from "./catalogFiles";
import { EVENT_EXAMPLES } from "./eventExamples";
import { CLIENT_FRAME_EXAMPLES, SERVER_FRAME_EXAMPLES } from "./frameExamples";
import { generateCatalog } from "./generateCatalog";
import { deriveServerFramePayloadSchemas, type JsonSchema } from "./serverFrameSchemas";

let generated: Map<string, string>;
beforeAll(() => {
  generated = generateCatalog();
});

describe("docs/catalog", () => {
  it("is what the schemas generate (pnpm catalog --check): a schema changed without its catalog fails here", async () => {
    const differences = await compareCatalog(DEFAULT_CATALOG_DIR, generated);
    expect(differences, "run `pnpm catalog` and commit docs/catalog").toEqual([]);
  });

  it("is deterministic: generating twice gives the same bytes", () => {
    expect(generateCatalog()).toEqual(generated);
  });

  it("has one JSON Schema per event and version, the AsyncAPI documents and the page", () => {
    expect([...generated.keys()]).toEqual(
      [...EVENT_TYPES.map((t) => `events/${t}.v1.schema.json`), "bus.asyncapi.json", "websocket.asyncapi.json", "README.md"].sort((a, b) => a.localeCompare(b)),
    );
  });
});

describe("the check", () => {
  it("reports changed, missing and stale files, and writing fixes them", async () => {
    // Prepare: a copy of the catalog, then one edit, one deletion and one leftover file.
    const dir = await mkdtemp(join(tmpdir(), "catalog-"));
    try {
      await cp(DEFAULT_CATALOG_DIR, dir, { recursive: true });
      await writeFile(join(dir, "events/TranscriptReady.v1.schema.json"), "{}\n");
      await rm(join(dir, "bus.asyncapi.json"));
      await writeFile(join(dir, "events/MessageReceived.v0.schema.json"), "{}\n");

      // Act
      const before = await compareCatalog(dir, generated);
      await writeCatalog(dir, generated);
      const after = await compareCatalog(dir, generated);

      // Assess
      expect(before).toEqual([
        { path: "bus.asyncapi.json", problem: "missing" },
        { path: "events/MessageReceived.v0.schema.json", problem: "stale" },
        { path: "events/TranscriptReady.v1.schema.json", problem: "changed" },
      ]);
      expect(after).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("publishes the schema of an older major once an upcaster for it is registered", () => {
    const registry = new UpcasterRegistry();
    registry.register({
      type: "SessionEnded",
      fromVersion: 0,
      // A v0 without `reason`, made from the current schema (the analyst package has no zod of its own).
      schema: sessionEndedSchema.omit({ reason: true }),
      change: "v1 added `reason`.",
      upcast: (data: object) => ({ ...data, reason: "client_end" }),
    });
    const files = generateCatalog(registry);
    const v0 = JSON.parse(files.get("events/SessionEnded.v0.schema.json") ?? "{}") as JsonSchema;
    expect(v0.title).toBe("SessionEnded v0");
    expect(v0.description).toContain("v1 added `reason`.");
    expect(files.get("README.md")).toContain("still accepted and upcast: [v0](events/SessionEnded.v0.schema.json)");
  });
});

describe("examples", () => {
  it.each(EVENT_TYPES)("the %s example is a valid envelope", (type) => {
    const example = EVENT_EXAMPLES[type];
    expect(() => validateEnvelope(type, { metadata: example.metadata, data: example.data })).not.toThrow(EventContractError);
  });

  it("every client frame example parses with the gateway's schema", () => {
    for (const frame of Object.values(CLIENT_FRAME_EXAMPLES)) expect(clientFrameSchema.safeParse(frame).success).toBe(true);
  });
});

/** Enough of JSON Schema to check an example against what we derive: type, const, enum, properties, required, items. */
const violations = (schema: JsonSchema, value: unknown, path = "$"): string[] => {
  const problems: string[] = [];
  if (schema.const !== undefined && value !== schema.const) problems.push(`${path} is not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) problems.push(`${path} is not one of ${schema.enum.join(", ")}`);
  const type = schema.type;
  if (type === "string" && typeof value !== "string") problems.push(`${path} is not a string`);
  if (type === "number" && typeof value !== "number") problems.push(`${path} is not a number`);
  if (type === "boolean" && typeof value !== "boolean") problems.push(`${path} is not a boolean`);
  if (type === "array") {
    if (!Array.isArray(value)) problems.push(`${path} is not an array`);
    else value.forEach((item, i) => problems.push(...violations(schema.items as JsonSchema, item, `${path}[${i}]`)));
  }
  if (type === "object") {
    if (typeof value !== "object" || value === null) return [...problems, `${path} is not an object`];
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in value)) problems.push(`${path}.${key} is missing`);
    for (const [key, inner] of Object.entries(value)) {
      if (!properties[key]) problems.push(`${path}.${key} is not in the schema`);
      else problems.push(...violations(properties[key], inner, `${path}.${key}`));
    }
  }
  return problems;
};

describe("server frame schemas, derived from the ServerFrames interface", () => {
  const schemas = deriveServerFramePayloadSchemas();

  it("cover every server frame type", () => {
    expect(Object.keys(schemas).sort()).toEqual(Object.keys(SERVER_FRAME_EXAMPLES).sort());
  });

  it.each(Object.keys(SERVER_FRAME_EXAMPLES) as ServerFrameType[])("accept the %s example", (type) => {
    expect(violations(schemas[type], SERVER_FRAME_EXAMPLES[type])).toEqual([]);
  });

  it("reject what the interface would reject", () => {
    expect(violations(schemas.agent_status, { sessionId: "s", messageId: "m", personaId: "courage", status: "typing" })).toEqual(["$.status is not one of thinking, responding"]);
    expect(violations(schemas.reply, { sessionId: "s" })).toContain("$.replyId is missing");
    expect(schemas.rate_limit_status).toMatchObject({ required: ["user", "channel"] });
    expect((schemas.rate_limit_status.properties as Record<string, JsonSchema>).user).toMatchObject({ properties: { retryAfter: { description: expect.stringMatching(/Seconds until/) } } });
  });

  it("fails loudly on a type it cannot map, rather than publishing a wrong schema", async () => {
    const dir = await mkdtemp(join(tmpdir(), "frames-"));
    try {
      const file = join(dir, "protocol.ts");
      await writeFile(file, "export interface ServerFrames { odd: { when: Date } }\n");
      expect(() => deriveServerFramePayloadSchemas(file)).toThrow(/ServerFrames\.odd\.when/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the AsyncAPI documents", () => {
  /** Every `$ref` inside the document points at something that exists in it. */
  const unresolved = (document: Record<string, unknown>): string[] => {
    const refs: string[] = [];
    const walk = (node: unknown) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (typeof node === "object" && node !== null) {
        for (const [key, value] of Object.entries(node)) {
          if (key === "$ref" && typeof value === "string") refs.push(value);
          else walk(value);
        }
      }
    };
    walk(document);
    return refs.filter((ref) => {
      let at: unknown = document;
      for (const part of ref.replace(/^#\//, "").split("/")) at = (at as Record<string, unknown> | undefined)?.[part];
      return at === undefined;
    });
  };

  it.each(["bus.asyncapi.json", "websocket.asyncapi.json"])("%s is AsyncAPI 3.0 with every $ref resolved", async (file) => {
    const document = JSON.parse(generated.get(file) ?? "{}") as Record<string, unknown>;
    expect(document.asyncapi).toBe("3.0.0");
    expect(unresolved(document)).toEqual([]);
    // An operation's messages must be messages of its own channel.
    for (const operation of Object.values(document.operations as Record<string, { channel: { $ref: string }; messages?: { $ref: string }[] }>)) {
      for (const message of operation.messages ?? []) expect(message.$ref.startsWith(`${operation.channel.$ref}/messages/`)).toBe(true);
    }
  });

  it("says who publishes and who consumes each event, with the consumer's rule", () => {
    const bus = JSON.parse(generated.get("bus.asyncapi.json") ?? "{}") as { operations: Record<string, { action: string; "x-innerworld"?: Record<string, unknown> }> };
    expect(bus.operations["storage-publishes-TranscriptReady"]?.action).toBe("send");
    expect(bus.operations["graph-extraction-consumes-TranscriptReady"]).toMatchObject({ action: "receive", "x-innerworld": { rule: "innerworld-graph-extraction", acceptsReplay: true } });
    expect(bus.operations["notifier-consumes-ReplyScreened"]?.["x-innerworld"]).toMatchObject({ acceptsReplay: false, rulePattern: { "replay-name": [{ exists: false }] } });
  });

  it("is written to the catalog directory byte for byte", async () => {
    expect(await readFile(join(DEFAULT_CATALOG_DIR, "bus.asyncapi.json"), "utf8")).toBe(generated.get("bus.asyncapi.json"));
  });
});
