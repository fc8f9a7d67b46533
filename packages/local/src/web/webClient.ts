// The web client as part of the local cloud: built with esbuild into the data dir, served with its event tap on one port.
import { join } from "node:path";
import { buildWebApp } from "@innerworld/web/build";
import { EventTap } from "./eventTap";
import { startWebServer, type TapViewer } from "./webServer";

export interface WebClientOptions {
  port: number;
  dataDir: string;
  stage: string;
  region: string;
  busName: string;
  websocketUrl: string;
  readApiUrl: string;
  tokenUrl: string;
  eventBridgeEndpoint: string;
  sqsEndpoint: string;
  deadLetterQueueUrls: Record<string, string>;
  /** Who a token belongs to, for the event tap (see WebServerOptions.tapViewerOf). */
  tapViewerOf: (token: string) => Promise<TapViewer | undefined>;
  log?: (message: string) => void;
}

export interface WebClient {
  webUrl: string;
  eventTapUrl: string | undefined;
  close(): Promise<void>;
}

export const startWebClient = async (options: WebClientOptions): Promise<WebClient> => {
  // Built on every start into this cloud's own data dir: always the sources as they are, and no two clouds share a folder.
  const built = await buildWebApp({ outDir: join(options.dataDir, "web") });
  const tap = await EventTap.open({
    eventBridgeEndpoint: options.eventBridgeEndpoint,
    sqsEndpoint: options.sqsEndpoint,
    region: options.region,
    busName: options.busName,
    deadLetterQueueUrls: options.deadLetterQueueUrls,
    ...(options.log ? { log: options.log } : {}),
  });
  try {
    const server = await startWebServer({
      port: options.port,
      appDir: built.outDir,
      stage: options.stage,
      websocketUrl: options.websocketUrl,
      readApiUrl: options.readApiUrl,
      tokenUrl: options.tokenUrl,
      tap,
      tapViewerOf: options.tapViewerOf,
    });
    return {
      webUrl: server.url,
      eventTapUrl: server.eventTapUrl,
      async close() {
        await server.close();
        await tap.close();
      },
    };
  } catch (error) {
    await tap.close();
    throw error;
  }
};
