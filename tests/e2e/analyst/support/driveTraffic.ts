// Drives a day of traffic through a running local cloud, for trying the analyst tool by hand: tsx driveTraffic.ts [data-dir].
import { readEndpoints } from "@innerworld/local";
import { driveADayOfTraffic } from "./dayOfTraffic";

const dataDir = process.argv[2] ?? ".innerworld";
const endpoints = await readEndpoints(dataDir);
const { clients, sessions } = await driveADayOfTraffic(endpoints);
for (const s of sessions) console.log(`${s.userId} session ${s.sessionId}: ${s.messageIds.length} turns (first messageId ${s.messageIds[0]})`);
for (const client of clients.values()) await client.close();
