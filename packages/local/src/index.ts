// The local cloud: every emulator started together, the services run against it, and the runner behind `pnpm start`.
export * from "./cloud/localCloud";
export * from "./cloud/endpoints";
export * from "./cloud/localMetrics";
export * from "./runner/sqsEventSource";
export * from "./runner/runnerQueue";
export * from "./runner/serviceRegistry";
export * from "./web/webClient";
export * from "./web/webServer";
export * from "./web/eventTap";
