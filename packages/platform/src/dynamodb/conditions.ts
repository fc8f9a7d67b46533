// A failed condition is an answer ("not now", "already done"), not an error.

/** True when a conditional write was refused because its condition did not hold. */
export const isConditionFailure = (error: unknown): boolean => (error as { name?: unknown } | null | undefined)?.name === "ConditionalCheckFailedException";

/**
 * The write's result, or undefined when its condition did not hold; any other error is thrown. For writes whose
 * refused condition means "someone else got there first", which the caller answers without a catch block of its own.
 */
export const ifConditionHolds = async <T>(write: Promise<T>): Promise<T | undefined> => {
  try {
    return await write;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};
