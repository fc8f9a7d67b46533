// InMemoryConnectionStore: the ConnectionStore contract, in the unit lane.
import { InMemoryConnectionStore } from "../../src/connections";
import { connectionStoreContract } from "./connectionStoreContract";

connectionStoreContract("in memory", async (clock) => ({ store: new InMemoryConnectionStore(clock), close: async () => undefined }));
