// The storage service's Lambda entries: a thin SQS handler over keepConversation and keepSurveys, and the survey sweep.
import { DynamoDbMessageStore } from "@innerworld/conversation/messages";
import { DynamoDbSessionStore } from "@innerworld/conversation/sessions";
import { DynamoDbFeedbackStore } from "@innerworld/conversation/feedback";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import { eraseUserConversations } from "@innerworld/conversation/user-data";
import { createServiceConsumer, lambdaFromEnvironment, type ServiceRuntime } from "@innerworld/platform/runtime";
import { DynamoDbSurveyStore } from "@innerworld/surveys/store";
import { createConversationKeeper } from "./keepConversation";
import { createSurveyKeeper } from "./keepSurveys";

const surveyKeeperOf = (runtime: ServiceRuntime<"storage">) =>
  createSurveyKeeper({
    surveys: new DynamoDbSurveyStore(runtime.dynamodb, runtime.tables.surveys, runtime.clock),
    personas: new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas),
    publisher: runtime.publisher,
    clock: runtime.clock,
  });

export const createHandler = (runtime: ServiceRuntime<"storage">) => {
  const afterTurns = Number(process.env.INNERWORLD_FEEDBACK_AFTER_TURNS ?? 0);
  const { dynamodb, tables, clock } = runtime;
  const keeper = createConversationKeeper({
    sessions: new DynamoDbSessionStore(dynamodb, tables.sessions, clock),
    messages: new DynamoDbMessageStore(dynamodb, tables.messages, clock),
    feedback: new DynamoDbFeedbackStore(dynamodb, tables.feedback, clock),
    publisher: runtime.publisher,
    eraseUser: async (userId) => {
      await eraseUserConversations(dynamodb, tables, userId);
    },
    ...(Number.isInteger(afterTurns) && afterTurns > 0 ? { feedbackAfterTurns: afterTurns } : {}),
    logger: runtime.logger,
  });
  const surveys = surveyKeeperOf(runtime);
  return createServiceConsumer(runtime, {
    SessionStarted: keeper.sessionStarted,
    MessageReceived: keeper.messageReceived,
    MessageScreened: keeper.messageScreened,
    ReplyDelivered: keeper.replyDelivered,
    SessionEnded: keeper.sessionEnded,
    StepFailed: async (event) => {
      await keeper.stepFailed(event);
      await surveys.stepFailed(event);
    },
    SurveyResponseAccepted: surveys.surveyResponseAccepted,
    PersonaSynthesized: surveys.personaSynthesized,
    PersonaPortraitReady: surveys.personaPortraitReady,
    PersonaDeleted: surveys.personaDeleted,
    // Every write is conditional on the item's own key (and the survey claim on the event's id), which makes
    // redelivery harmless without an idempotency store.
    UserDeleted: keeper.userDeleted,
  }, {
    idempotent: false,
    // A safety notice's delivery report often lands in the same batch as the MessageScreened that stores the notice:
    // handled beside it, the report could find no notice yet and come back only after the visibility timeout.
    inOrder: true,
  });
};

/** The scheduled survey sweep: starts the persona saga of surveys nobody else will start (keepSurveys' `sweep`). */
export const createSurveySweep = (runtime: ServiceRuntime<"storage">) => {
  const surveys = surveyKeeperOf(runtime);
  return async () => ({ started: await surveys.sweep() });
};

export const handler = lambdaFromEnvironment("storage", createHandler);
export const sweep = lambdaFromEnvironment("storage", createSurveySweep);
