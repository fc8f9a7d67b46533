// InMemoryGraphStore: the shared GraphStore contract, in the unit lane.
import { InMemoryGraphStore } from "../../src/graph";
import { graphStoreContract } from "./graphStoreContract";

graphStoreContract("in memory", async () => ({ store: new InMemoryGraphStore(), close: async () => undefined }));
