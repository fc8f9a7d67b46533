// InMemorySessionStore: the SessionStore contract, in the unit lane.
import { InMemorySessionStore } from "../../src/sessions";
import { sessionStoreContract } from "./sessionStoreContract";

sessionStoreContract("in memory", async (clock) => ({ store: new InMemorySessionStore(clock), close: async () => undefined }));
