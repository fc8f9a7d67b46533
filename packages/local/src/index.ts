// The local cloud: emulators, the Lambda runner and the runner behind `pnpm start`.
export * from "./cloud/localCloud";
export * from "./cloud/endpoints";
export * from "./cloud/sqs";
export * from "./cloud/net";
export * from "./issuer/devIssuer";
export * from "./runner/sqsEventSource";
export * from "./modelServer";
export * from "./httpapi/httpApiEmulator";
