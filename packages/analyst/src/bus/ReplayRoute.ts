// A temporary rule that feeds one service only some of the event types it consumes, for one replay: the type filter.
import { DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, type Target } from "@aws-sdk/client-eventbridge";
import { eventPatternOf, topologyOf, type ServiceName, type Subscription } from "@innerworld/events";
import { AnalystError, awsCall, awsFailure } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { grantSendFromRule, queueUrlOf, revokeStatements, sidOf } from "./queuePolicy";

const ROUTE_TARGET_ID = "service-queue";

/**
 * The service's own pattern, cut down to the chosen subscriptions (detail filters kept), and matching only events that
 * carry this replay's name: live events have no `replay-name`, and other replays have other names.
 */
export const replayRoutePattern = (service: ServiceName, subscriptions: readonly Subscription[], replayName: string): Record<string, unknown> => ({
  ...eventPatternOf({ ...topologyOf(service), consumes: subscriptions, acceptsReplay: true }),
  "replay-name": [replayName],
});

export interface ReplayRouteOptions {
  name: string;
  service: ServiceName;
  subscriptions: readonly Subscription[];
  replayName: string;
  /** The service rule's own SQS target: same queue, same dead-letter queue and retry policy. */
  queueTarget: Target;
  reporter: Reporter;
}

/**
 * EventBridge replays have no event-type filter; FilterArns only chooses rules, and a service's rule takes every type
 * the service consumes. To replay some of them only, this rule (pattern above) delivers to the service's queue for the
 * length of the replay. On AWS the queue's policy lets only the service's own rule send (infra/services.ts), so the
 * route adds a statement for itself, under its own Sid, and removes it when it closes.
 */
export class ReplayRoute {
  private closed = false;

  private constructor(
    private readonly target: AnalystTarget,
    readonly name: string,
    readonly ruleArn: string,
    readonly service: ServiceName,
    private readonly queueUrl: string | undefined,
    private readonly reporter: Reporter,
  ) {}

  static async open(target: AnalystTarget, options: ReplayRouteOptions): Promise<ReplayRoute> {
    const { eventBridge, busName } = target;
    const { name, service, queueTarget, reporter } = options;
    const pattern = replayRoutePattern(service, options.subscriptions, options.replayName);
    const rule = await awsCall(`PutRule ${name}`, () =>
      eventBridge.send(
        new PutRuleCommand({
          Name: name,
          EventBusName: busName,
          EventPattern: JSON.stringify(pattern),
          State: "ENABLED",
          Description: `innerworld analyst, temporary: ${options.subscriptions.map((s) => s.eventType).join(", ")} of replay ${options.replayName} into ${service}`.slice(0, 512),
        }),
      ),
    );
    const ruleArn = rule.RuleArn ?? "";
    let queueUrl: string | undefined;
    const route = () => new ReplayRoute(target, name, ruleArn, service, queueUrl, reporter);
    try {
      queueUrl = await queueUrlOf(target, queueTarget.Arn ?? "");
      await grantSendFromRule(target, queueUrl, queueTarget.Arn ?? "", ruleArn, sidOf(name));
      const targets = await awsCall(`PutTargets ${name}`, () =>
        eventBridge.send(
          new PutTargetsCommand({
            Rule: name,
            EventBusName: busName,
            Targets: [
              {
                Id: ROUTE_TARGET_ID,
                Arn: queueTarget.Arn,
                ...(queueTarget.DeadLetterConfig ? { DeadLetterConfig: queueTarget.DeadLetterConfig } : {}),
                ...(queueTarget.RetryPolicy ? { RetryPolicy: queueTarget.RetryPolicy } : {}),
              },
            ],
          }),
        ),
      );
      if (targets.FailedEntryCount) {
        throw new AnalystError("AWS_REQUEST_FAILED", `PutTargets ${name} refused ${service}'s queue: ${targets.FailedEntries?.map((f) => f.ErrorMessage).join("; ")}`);
      }
    } catch (error) {
      await route().close();
      throw error;
    }
    reporter.say(`${service}: created temporary rule ${name} (only ${options.subscriptions.map((s) => s.eventType).join(", ")} of this replay) → ${queueTarget.Arn}, and let it send to that queue`);
    return route();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { eventBridge, busName } = this.target;
    const problems: string[] = [];
    const attempt = async (what: string, run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        if ((error as Error).name === "ResourceNotFoundException") return;
        problems.push(awsFailure(what, error).message);
      }
    };
    await attempt(`RemoveTargets ${this.name}`, () => eventBridge.send(new RemoveTargetsCommand({ Rule: this.name, EventBusName: busName, Ids: [ROUTE_TARGET_ID] })));
    await attempt(`DeleteRule ${this.name}`, () => eventBridge.send(new DeleteRuleCommand({ Name: this.name, EventBusName: busName })));
    const queueUrl = this.queueUrl;
    if (queueUrl) await attempt("revoke the queue policy statement", () => revokeStatements(this.target, queueUrl, (sid) => sid === sidOf(this.name)));
    if (problems.length > 0) {
      for (const problem of problems) this.reporter.warn(`${problem}; \`pnpm events cleanup\` removes what is left`);
    } else {
      this.reporter.say(`${this.service}: deleted temporary rule ${this.name} and its queue policy statement`);
    }
  }
}
