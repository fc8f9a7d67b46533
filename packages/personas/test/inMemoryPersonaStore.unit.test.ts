import { InMemoryPersonaStore } from "../src/store";
import { personaStoreContract } from "./personaStoreContract";

personaStoreContract("in-memory", async () => new InMemoryPersonaStore());
