// The in-memory survey store against the contract every adapter passes.
import { surveyStoreContract } from "../surveyStoreContract";
import { InMemorySurveyStore } from "./InMemorySurveyStore";

surveyStoreContract("in memory", (clock) => new InMemorySurveyStore(clock));
