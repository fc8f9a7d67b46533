// DynamoDB table definitions shared by infra and the local cloud.
export * from "./definitions";
