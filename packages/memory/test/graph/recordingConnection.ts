// A Gremlin RemoteConnection that records every bytecode it is sent and answers with canned traversers: no Gremlin Server here.
import { gremlinDriver, gremlinProcess, type GremlinBytecode } from "../../src/graph/gremlin";
import { scriptOf } from "./gremlinScript";

/** Rows to answer with, or an error to throw as the server would. */
export type CannedAnswer = unknown[] | Error;

export class RecordingConnection extends gremlinDriver.RemoteConnection {
  readonly submitted: GremlinBytecode[] = [];

  /** `answer` sees the translated script (easy to match on) and the bytecode itself. */
  constructor(private readonly answer: (script: string, bytecode: GremlinBytecode) => CannedAnswer = () => []) {
    super("recording://gremlin", {});
  }

  get isOpen(): boolean {
    return true;
  }

  override async open(): Promise<void> {}

  override async close(): Promise<void> {}

  override async submit(bytecode: GremlinBytecode): Promise<unknown> {
    this.submitted.push(bytecode);
    const answer = this.answer(scriptOf(bytecode), bytecode);
    if (answer instanceof Error) throw answer;
    return new gremlinDriver.RemoteTraversal(answer.map((row) => new gremlinProcess.Traverser(row, 1)));
  }

  /** What was sent, as Groovy-like scripts for reading and snapshots. */
  get scripts(): string[] {
    return this.submitted.map(scriptOf);
  }

  /** Step names of every submitted bytecode, flattened (nested traversals not included). */
  get steps(): string[] {
    return this.submitted.flatMap((bytecode) => (bytecode as unknown as { stepInstructions: unknown[][] }).stepInstructions.map((step) => String(step[0])));
  }
}
