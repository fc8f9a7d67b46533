// Logs and metrics: Powertools Logger and Metrics behind small ports, and the metric names infra's dashboard reads.
export * from "./metricNames";
export * from "./telemetry";
