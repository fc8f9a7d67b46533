// `replay`: replays a window of the archive into the named services only, optionally only some event types.
import { setTimeout as sleep } from "node:timers/promises";
import { CancelReplayCommand, StartReplayCommand } from "@aws-sdk/client-eventbridge";
import type { EventType, ServiceName } from "@innerworld/events";
import { archiveDelayWarning, describeArchive, retentionText } from "../bus/archive";
import { ReplayRoute } from "../bus/ReplayRoute";
import { describeServiceRule, queueTargetOf } from "../bus/serviceRules";
import { defaultReplayName, REPLAY_NAME_PATTERN, temporaryName } from "../bus/temporaryNames";
import { AnalystError, awsCall } from "../errors";
import type { Reporter } from "../reporter";
import type { AnalystTarget } from "../target/connect";
import { formatBytes, formatDuration, type TimeWindow } from "../timeWindow";
import { followReplay, type ReplayStatus } from "./followReplay";
import { planReplay } from "./planReplay";

export interface ReplayRequest {
  window: TimeWindow;
  services: readonly string[];
  types?: readonly string[];
  name?: string;
  /** Wait for the replay to finish. Implied when a type filter needs temporary rules, which must outlive the replay. */
  follow?: boolean;
  reporter: Reporter;
  /** Aborting stops following; when temporary rules exist it also cancels the replay, since they are about to go. */
  signal?: AbortSignal;
}

export interface ReplayRoutePlan {
  service: ServiceName;
  types: EventType[];
  via: "service-rule" | "temporary-rule";
  ruleArn: string;
}

export interface ReplayOutcome {
  name: string;
  arn: string;
  window: TimeWindow;
  routes: ReplayRoutePlan[];
  /** The final status when the replay was followed; undefined when it was only started. */
  final: ReplayStatus | undefined;
}

export const replayIntoServices = async (target: AnalystTarget, request: ReplayRequest): Promise<ReplayOutcome> => {
  const { reporter, window } = request;
  const plans = planReplay(request.services, request.types ?? []);
  const name = request.name ?? defaultReplayName("replay");
  if (!REPLAY_NAME_PATTERN.test(name)) throw new AnalystError("USAGE", `--name "${name}" must be 1 to 64 of A-Z a-z 0-9 . - _`);

  reporter.say(`target: ${target.description}`);
  const archive = await describeArchive(target);
  reporter.say(`archive ${archive.name}: ${archive.eventCount} events, ${formatBytes(archive.sizeBytes)}, ${retentionText(archive.retentionDays)}`);
  reporter.say(`window: ${window.from.toISOString()} → ${window.to.toISOString()} (${formatDuration(window.to.getTime() - window.from.getTime())}, by event time)`);
  const delay = archiveDelayWarning(target, window.to);
  if (delay) reporter.warn(delay);
  if (archive.createdAt && window.to.getTime() <= archive.createdAt.getTime()) {
    reporter.warn(`the window ends before the archive was created (${archive.createdAt.toISOString()}): nothing will be replayed`);
  }

  const routes: ReplayRoutePlan[] = [];
  const temporary: ReplayRoute[] = [];
  let started = false;
  try {
    let index = 0;
    for (const plan of plans) {
      const rule = await describeServiceRule(target, plan.service);
      const types = [...new Set(plan.subscriptions.map((s) => s.eventType))];
      if (!rule.matchesTopology) reporter.warn(`${rule.name}'s deployed pattern differs from what the topology table computes; deploy ${plan.service} again`);
      if (rule.state === "DISABLED") reporter.warn(`${rule.name} is DISABLED: ${plan.service} will receive nothing`);
      if (plan.via === "service-rule") {
        reporter.say(`${plan.service}: through its rule ${rule.name} (${rule.arn}), which takes ${types.join(", ")}`);
        routes.push({ service: plan.service, types, via: plan.via, ruleArn: rule.arn });
        continue;
      }
      const route = await ReplayRoute.open(target, {
        name: `${temporaryName(target.busName)}-${index++}`,
        service: plan.service,
        subscriptions: plan.subscriptions,
        replayName: name,
        queueTarget: await queueTargetOf(target, rule),
        reporter,
      });
      temporary.push(route);
      routes.push({ service: plan.service, types, via: plan.via, ruleArn: route.ruleArn });
    }
    if (temporary.length > 0 && target.timings.policySettleMs > 0) {
      reporter.say(`waiting ${formatDuration(target.timings.policySettleMs)} for the temporary rules and queue policies to take effect (AWS applies them eventually; --settle changes this)`);
      await sleep(target.timings.policySettleMs);
    }

    const filterArns = routes.map((r) => r.ruleArn);
    const startedReplay = await awsCall(`StartReplay ${name}`, () =>
      target.eventBridge.send(
        new StartReplayCommand({
          ReplayName: name,
          Description: `innerworld analyst: ${routes.map((r) => `${r.types.join("+")} → ${r.service}`).join("; ")}`.slice(0, 512),
          EventSourceArn: archive.arn,
          EventStartTime: window.from,
          EventEndTime: window.to,
          Destination: { Arn: archive.busArn, FilterArns: filterArns },
        }),
      ),
    );
    started = true;
    const arn = startedReplay.ReplayArn ?? "";
    reporter.say(`started replay ${name} (${startedReplay.State ?? "STARTING"}): ${arn}`);
    reporter.say(`  FilterArns: ${filterArns.join(", ")}`);
    reporter.say(`  replayed events carry "replay-name": "${name}"; services that push to users or call the model drop them`);

    const mustFollow = temporary.length > 0;
    if (mustFollow && !request.follow) reporter.say("following it to the end: the temporary rules must outlive the replay");
    if (!request.follow && !mustFollow) {
      reporter.say(`follow it with: pnpm events follow ${name}`);
      return { name, arn, window, routes, final: undefined };
    }
    let final: ReplayStatus;
    try {
      final = await followReplay(target, name, { reporter, ...(request.signal ? { signal: request.signal } : {}) });
    } catch (error) {
      if ((error as { code?: string }).code === "INTERRUPTED" && mustFollow) {
        await awsCall(`CancelReplay ${name}`, () => target.eventBridge.send(new CancelReplayCommand({ ReplayName: name }))).then(
          () => reporter.say(`cancelled replay ${name}: its temporary rules are being deleted`),
          (cancelError: Error) => reporter.warn(cancelError.message),
        );
      } else if ((error as { code?: string }).code === "INTERRUPTED") {
        reporter.say(`replay ${name} goes on; follow it again with: pnpm events follow ${name}`);
      }
      throw error;
    }
    return { name, arn, window, routes, final };
  } finally {
    if (temporary.length > 0 && started && target.timings.drainQuietMs > 0 && target.kind === "aws") {
      // AWS marks a replay COMPLETED once every event is sent; deliveries to targets may still be retrying.
      await sleep(Math.min(target.timings.drainQuietMs, 30_000));
    }
    for (const route of temporary) await route.close();
  }
};
