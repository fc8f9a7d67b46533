// InMemoryMessageStore: the MessageStore contract, in the unit lane.
import { InMemoryMessageStore } from "../../src/messages";
import { messageStoreContract } from "./messageStoreContract";

messageStoreContract("in memory", async (clock) => ({ store: new InMemoryMessageStore(clock), close: async () => undefined }));
