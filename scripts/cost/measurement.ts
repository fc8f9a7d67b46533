// What one run of real chat turns through the local cloud did, counted by operation: the "work per turn" input.

export interface FunctionWork {
  invocations: number;
  /** SQS records handed to the function (deliveries, including redeliveries). */
  records: number;
  totalMs: number;
}

export interface Measurement {
  sessions: number;
  turnsPerSession: number;
  turns: number;
  /** Per SQS-consuming service. */
  consumers: Record<string, FunctionWork>;
  /** Gateway routes as the client saw them: frames routed to $default, connections, and their round trips. */
  gateway: { defaultRouteFrames: number; connections: number; messageAckMs: number[]; connectMs: number[]; sweepMs: number };
  eventBridge: { putEventsCalls: number; entries: number; chunks: number; bytes: number; byType: Record<string, number> };
  dynamodb: {
    requests: Record<string, number>;
    readUnits: number;
    writeUnits: number;
    writeUnitsWithIndexes: number;
    /** Write units with index writes, per table (the prefix left off): where the write bill comes from. */
    writeUnitsByTable: Record<string, number>;
  };
  /** SQS calls the services make themselves (dead letters); the event source's own polling is modelled, not counted. */
  serviceSqs: Record<string, number>;
  websocket: { clientFrames: number; serverFrames: number; frameTypes: Record<string, number> };
  tokens: { replies: number; inputTokens: number; outputTokens: number; models: string[]; userMessageTokens: number };
  /**
   * Every AWS API call that reached the emulators over HTTP during the run (sessions' starts and ends included), by
   * part and operation; ReceiveMessage is left out, its billed share being one per batch (`consumers`).
   */
  awsCalls: { byPart: Record<string, Record<string, number>>; total: number };
}
