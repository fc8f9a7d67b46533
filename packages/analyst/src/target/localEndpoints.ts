// Reads the endpoints file the local cloud writes (`<data-dir>/endpoints.json`), so `--local` needs no other flag.
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { AnalystError } from "../errors";

/** The part of the local cloud's endpoints file this tool reads (packages/local writes the whole of it). */
export interface LocalCloudEndpoints {
  region: string;
  busName: string;
  archiveName: string;
  eventBridgeEndpoint: string;
  sqsEndpoint: string;
  pid?: number;
}

export const DEFAULT_LOCAL_DATA_DIR = ".innerworld";

export const readLocalEndpoints = async (dataDir: string): Promise<{ endpoints: LocalCloudEndpoints; file: string }> => {
  const file = join(resolve(dataDir), "endpoints.json");
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new AnalystError("LOCAL_CLOUD_NOT_FOUND", `No local cloud found: ${file} does not exist`, {
      cause,
      hint: `Start one with \`pnpm start --data-dir ${dataDir}\`, or pass the data dir it uses: --local DIR.`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    // A file cut short (the local cloud killed while writing it) or edited by hand: say which file, not where JSON.parse failed.
    throw new AnalystError("LOCAL_CLOUD_NOT_FOUND", `${file} is not JSON; is it a local cloud's endpoints file?`, { cause, hint: `Start the local cloud again (\`pnpm start --data-dir ${dataDir}\`): it writes the file anew.` });
  }
  if (typeof parsed !== "object" || parsed === null) throw new AnalystError("LOCAL_CLOUD_NOT_FOUND", `${file} is not a local cloud's endpoints file`);
  const endpoints = parsed as Partial<LocalCloudEndpoints>;
  for (const key of ["region", "busName", "archiveName", "eventBridgeEndpoint", "sqsEndpoint"] as const) {
    if (typeof endpoints[key] !== "string") throw new AnalystError("LOCAL_CLOUD_NOT_FOUND", `${file} has no ${key}; is it a local cloud's endpoints file?`);
  }
  return { endpoints: endpoints as LocalCloudEndpoints, file };
};
