// Wires the survey HTTP API to the runtime: the DynamoDB and S3 adapters behind its ports, built on first use.
import { DynamoDbRateLimiter } from "@innerworld/conversation/rate-limits";
import { DynamoPersonaStore } from "@innerworld/personas/store";
import type { ServiceRuntime } from "@innerworld/platform/runtime";
import { portraitBucketOf, s3ClientFor } from "@innerworld/platform/s3";
import { screenInput } from "@innerworld/screening";
import { S3PortraitStore } from "@innerworld/surveys/portrait-store";
import { createSourceKeys } from "@innerworld/surveys";
import { DynamoDbSurveyStore } from "@innerworld/surveys/store";
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from "aws-lambda";
import { TombstoneStore } from "@innerworld/platform/tombstones";
import { createClaimsVerifier, type AuthConfig } from "./auth";
import { issuedBeforeErasure } from "./erasedAccounts";
import { claimsProblem } from "./tokenPolicy";
import { createSurveyApi } from "./surveyApi";

export interface SurveyRouteOptions {
  shareBaseUrl?: string;
  /**
   * The key of the HMACs a friend's network and browser are counted under, read when the API is first built (under
   * SST the runtime copies the linked secret into the environment then). A missing or short one stops every survey
   * request with SourceSecretError rather than keying friends' addresses with nothing secret.
   */
  sourceSecret: () => string | undefined;
}

export const createSurveyRoutes = (getRuntime: () => ServiceRuntime, auth: AuthConfig, options: SurveyRouteOptions) => {
  let api: ReturnType<typeof createSurveyApi> | undefined;
  let tombstoneStore: TombstoneStore | undefined;
  const tombstones = () => (tombstoneStore ??= new TombstoneStore(getRuntime().dynamodb, getRuntime().tables.tombstones));
  const verify = createClaimsVerifier(auth);
  const build = () => {
    const runtime = getRuntime();
    // A token issued before its account was erased is no one's, as on every other route.
    const userOfToken = async (token: string): Promise<string | undefined> => {
      const claims = await verify(token);
      if (typeof claims?.sub !== "string") return undefined;
      return (await issuedBeforeErasure(tombstones(), claims.sub, claims.iat)) ? undefined : claims.sub;
    };
    return createSurveyApi({
      surveys: new DynamoDbSurveyStore(runtime.dynamodb, runtime.tables.surveys, runtime.clock),
      personas: new DynamoPersonaStore(runtime.dynamodb, runtime.tables.personas),
      portraits: new S3PortraitStore(s3ClientFor(runtime.config), portraitBucketOf(runtime.config)),
      publisher: runtime.publisher,
      rateLimiter: new DynamoDbRateLimiter(runtime.dynamodb, runtime.tables.rateLimits, runtime.clock),
      userOfToken,
      screen: screenInput,
      sourceKeys: createSourceKeys(options.sourceSecret() ?? ""),
      clock: runtime.clock,
      ...(options.shareBaseUrl ? { shareBaseUrl: options.shareBaseUrl } : {}),
    });
  };
  /**
   * API Gateway's JWT authorizer checks signature, issuer and audience only. Claims that every other route would refuse
   * (claimsProblem) or of a token issued before its account's erasure reach the survey API as no claims at all: its
   * owner routes then answer 401, its public ones as to anyone.
   */
  const acceptedClaims = async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyEventV2WithJWTAuthorizer> => {
    const claims = event.requestContext.authorizer?.jwt?.claims;
    if (!claims || Object.keys(claims).length === 0) return event;
    const refused = claimsProblem(claims, Date.now()) !== undefined || (await issuedBeforeErasure(tombstones(), String(claims.sub), claims.iat));
    if (!refused) return event;
    return { ...event, requestContext: { ...event.requestContext, authorizer: { ...event.requestContext.authorizer, jwt: { ...event.requestContext.authorizer.jwt, claims: {} } } } };
  };
  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer) => (api ??= build())(await acceptedClaims(event));
};
