// Wires the survey HTTP API to the runtime: the DynamoDB and S3 adapters behind its ports, built on first use.
import { DynamoDbRateLimiter } from "@innerworld/conversation/rate-limits";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { portraitBucketOf, s3ClientFor } from "@innerworld/platform/s3";
import { screenInput } from "@innerworld/screening";
import { S3PortraitStore } from "@innerworld/surveys/portrait-store";
import { DynamoDbSurveyStore } from "@innerworld/surveys/store";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { createTokenVerifier, type AuthConfig } from "./auth";
import { createSurveyApi } from "./surveyApi";

export const createSurveyRoutes = (getRuntime: () => ServiceRuntime, auth: AuthConfig, options: { shareBaseUrl?: string } = {}) => {
  let api: ReturnType<typeof createSurveyApi> | undefined;
  const verify = createTokenVerifier(auth);
  const build = () => {
    const runtime = getRuntime();
    return createSurveyApi({
      surveys: new DynamoDbSurveyStore(runtime.dynamodb, runtime.tables.surveys, runtime.clock),
      personas: new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas),
      portraits: new S3PortraitStore(s3ClientFor(runtime.config), portraitBucketOf(runtime.config)),
      publisher: runtime.publisher,
      rateLimiter: new DynamoDbRateLimiter(runtime.dynamodb, runtime.tables.rateLimits, runtime.clock),
      userOfToken: verify,
      screen: screenInput,
      clock: runtime.clock,
      ...(options.shareBaseUrl ? { shareBaseUrl: options.shareBaseUrl } : {}),
    });
  };
  return (event: APIGatewayProxyEventV2WithJWTAuthorizer) => (api ??= build())(event);
};
