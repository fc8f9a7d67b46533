// What every DynamoDB adapter of this package shares: telling a failed condition from a real error.
export const isConditionFailure = (error: unknown): boolean => (error as Error | undefined)?.name === "ConditionalCheckFailedException";
