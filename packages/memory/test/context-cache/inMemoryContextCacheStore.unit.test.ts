// InMemoryContextCacheStore: the ContextCacheStore contract, in the unit lane.
import { InMemoryContextCacheStore } from "../../src/context-cache";
import { contextCacheStoreContract } from "./contextCacheStoreContract";

contextCacheStoreContract("in memory", async (clock) => ({ store: new InMemoryContextCacheStore(clock), close: async () => undefined }));
