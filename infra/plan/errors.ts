// The one error the plan throws: a setting or a topology entry that would deploy something broken.
export type InfraPlanErrorCode = "STAGE_NAME" | "NAME" | "PART" | "QUEUE_SETTINGS" | "SETTING";

export class InfraPlanError extends Error {
  override readonly name = "InfraPlanError";
  constructor(
    readonly code: InfraPlanErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isInfraPlanError = (error: unknown): error is InfraPlanError => error instanceof Error && error.name === "InfraPlanError";
