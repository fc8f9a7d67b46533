// Everything under docs/catalog/, as file path → content, computed from the schemas alone: the same input gives the same bytes.
import { EVENT_UPCASTERS, type UpcasterRegistry } from "@innerworld/events";
import { busAsyncApi } from "./busAsyncApi";
import { catalogReadme } from "./catalogReadme";
import { eventSchemaDocuments } from "./eventSchemaDocuments";
import { deriveServerFramePayloadSchemas } from "./serverFrameSchemas";
import { websocketAsyncApi } from "./websocketAsyncApi";

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

export const generateCatalog = (registry: UpcasterRegistry = EVENT_UPCASTERS): Map<string, string> => {
  const documents = eventSchemaDocuments(registry);
  const serverPayloads = deriveServerFramePayloadSchemas();
  const files = new Map<string, string>();
  for (const document of documents) files.set(document.path, json(document.schema));
  files.set("bus.asyncapi.json", json(busAsyncApi(documents)));
  files.set("websocket.asyncapi.json", json(websocketAsyncApi(serverPayloads)));
  files.set("README.md", catalogReadme(documents, serverPayloads));
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)));
};
