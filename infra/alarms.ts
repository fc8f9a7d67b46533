// The alarm topic and the operations dashboard (core), and each part's alarms on dead letters, handler errors and the age of the oldest message.
import { functionsOf, type AlarmPlan, type CorePlan, type DeploymentPlan, type PartName } from "./plan";
import { dashboardBodyFor } from "./plan/dashboard";

export const createAlarmTopic = (plan: CorePlan["alarmTopic"]) => {
  const topic = new aws.sns.Topic(plan.logicalName, { name: plan.name });
  // An email subscription stays pending until someone clicks the link AWS sends.
  if (plan.email) new aws.sns.TopicSubscription(plan.subscriptionLogicalName, { topic: topic.arn, protocol: "email", endpoint: plan.email });
  return topic;
};

/** Queues and functions have planned physical names, so an alarm needs no output of the resource it watches. */
const physicalNameOf = (plan: DeploymentPlan, alarm: AlarmPlan): string => {
  const queues = plan.services.flatMap((s) => [s.queue, s.deadLetterQueue]);
  const functions = functionsOf(plan);
  const found = (alarm.subject.kind === "queue" ? queues : functions).find((x) => x.logicalName === alarm.subject.logicalName);
  if (!found) throw new Error(`alarm ${alarm.logicalName} watches ${alarm.subject.logicalName}, which the plan does not have`);
  return found.name;
};

export const createAlarms = (plan: DeploymentPlan, part: PartName, topicArn: $util.Input<string>) =>
  plan.alarms
    .filter((alarm) => alarm.part === part)
    .map((alarm) => {
      const subject = physicalNameOf(plan, alarm);
      return new aws.cloudwatch.MetricAlarm(alarm.logicalName, {
        name: alarm.name,
        alarmDescription: alarm.description,
        namespace: alarm.namespace,
        metricName: alarm.metricName,
        statistic: alarm.statistic,
        period: alarm.periodSeconds,
        evaluationPeriods: alarm.evaluationPeriods,
        threshold: alarm.threshold,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        // No data means an idle queue or a function nobody called: nothing is wrong.
        treatMissingData: "notBreaching",
        dimensions: alarm.subject.kind === "queue" ? { QueueName: subject } : { FunctionName: subject },
        alarmActions: [topicArn],
        okActions: [topicArn],
      });
    });

/** The stage's operations dashboard, beside the alarms: its widgets come from the plan, so from the topology. */
export const createDashboard = (plan: DeploymentPlan) =>
  new aws.cloudwatch.Dashboard(plan.dashboard.logicalName, {
    dashboardName: plan.dashboard.name,
    dashboardBody: aws.getRegionOutput().region.apply((region) => JSON.stringify(dashboardBodyFor(plan.dashboard, region))),
  });
