// Feedback requests: the FeedbackStore port and its DynamoDB adapter.
export * from "./feedbackStore";
export * from "./dynamodb/dynamoDbFeedbackStore";
