// The Cognito user pool: email sign-in, Google and Apple as identity providers configured by secrets, one app client.
import type { CorePlan } from "./plan";
import { secretValue, type Secrets } from "./secrets";

/** Cognito's attribute names on the left, the provider's on the right. */
const ATTRIBUTES = {
  google: { email: "email", name: "name", username: "sub" },
  apple: { email: "email", name: "name", username: "sub" },
} as const;

export const createUserPool = (plan: CorePlan["auth"], secrets: Secrets) => {
  const userPool = new sst.aws.CognitoUserPool(plan.logicalName, {
    usernames: ["email"],
    verify: { emailSubject: "Your InnerWorld verification code" },
    // The hosted UI is where Google and Apple send people back to; its prefix must be unique across AWS.
    ...(plan.providers.length > 0 ? { domain: { prefix: plan.domainPrefix } } : {}),
    transform: { userPool: { name: plan.name, deletionProtection: plan.deletionProtection ? "ACTIVE" : "INACTIVE" } },
  });
  const providers = plan.providers.map(({ provider, logicalName }) =>
    provider === "google"
      ? userPool.addIdentityProvider(logicalName, {
          type: "google",
          details: {
            client_id: secretValue(secrets, "GoogleClientId"),
            client_secret: secretValue(secrets, "GoogleClientSecret"),
            authorize_scopes: "openid email profile",
          },
          attributes: ATTRIBUTES.google,
        })
      : userPool.addIdentityProvider(logicalName, {
          type: "apple",
          details: {
            client_id: secretValue(secrets, "AppleServicesId"),
            team_id: secretValue(secrets, "AppleTeamId"),
            key_id: secretValue(secrets, "AppleKeyId"),
            private_key: secretValue(secrets, "ApplePrivateKey"),
            authorize_scopes: "email name",
          },
          attributes: ATTRIBUTES.apple,
        }),
  );
  const client = userPool.addClient(plan.clientLogicalName, {
    providers: ["COGNITO", ...providers.map((p) => p.providerName)],
    callbackUrls: plan.callbackUrls,
  });
  return { userPool, client };
};
