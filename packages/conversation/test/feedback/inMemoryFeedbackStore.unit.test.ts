// InMemoryFeedbackStore: the FeedbackStore contract, in the unit lane.
import { InMemoryFeedbackStore } from "../../src/feedback";
import { feedbackStoreContract } from "./feedbackStoreContract";

feedbackStoreContract("in memory", async (clock) => ({ store: new InMemoryFeedbackStore(clock), close: async () => undefined }));
