// Feedback requests: the FeedbackStore port, its DynamoDB adapter and its in-memory twin.
export * from "./feedbackStore";
export * from "./dynamodb/dynamoDbFeedbackStore";
export * from "./memory/inMemoryFeedbackStore";
