// InMemoryRateLimiter: the RateLimiter contract, in the unit lane.
import { InMemoryRateLimiter } from "../../src/rate-limits";
import { rateLimiterContract } from "./rateLimiterContract";

rateLimiterContract("in memory", async (clock) => ({ limiter: new InMemoryRateLimiter(clock), close: async () => undefined }));
