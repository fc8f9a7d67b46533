// InMemoryClientMessageLog: the ClientMessageLog contract, in the unit lane.
import { InMemoryClientMessageLog } from "../../src/client-messages";
import { clientMessageLogContract } from "./clientMessageLogContract";

clientMessageLogContract("in memory", async (clock) => ({ log: new InMemoryClientMessageLog(clock), close: async () => undefined }));
