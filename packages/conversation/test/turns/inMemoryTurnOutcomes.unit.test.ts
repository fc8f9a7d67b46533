// InMemoryTurnOutcomes: the TurnOutcomes contract, in the unit lane.
import { InMemoryTurnOutcomes } from "../../src/turns/turnOutcomes";
import { turnOutcomesContract } from "./turnOutcomesContract";

turnOutcomesContract("in memory", async (clock) => ({ outcomes: new InMemoryTurnOutcomes(clock), close: async () => undefined }));
