// The DynamoDB tables from TABLES (via the plan), and the one link that gives a function all of them by prefix.
import { LINK_NAMES, type CorePlan, type TablePlan } from "./plan";

export type Tables = sst.aws.Dynamo[];

export const createTables = (plans: TablePlan[]): Tables =>
  plans.map(
    (table) =>
      new sst.aws.Dynamo(table.logicalName, {
        fields: table.fields,
        primaryIndex: table.primaryIndex,
        globalIndexes: table.globalIndexes,
        ...(table.ttl ? { ttl: table.ttl } : {}),
        deletionProtection: table.deletionProtection,
        transform: { table: { name: table.name } },
      }),
  );

export const lookUpTables = (plans: TablePlan[]): Tables => plans.map((table) => sst.aws.Dynamo.get(table.logicalName, table.name));

/** Item-level access only: no function creates, deletes or reconfigures a table. */
const DATA_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:Scan",
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
  "dynamodb:ConditionCheckItem",
  "dynamodb:DescribeTable",
];

/**
 * The runtime finds tables as `<prefix>-<key>` (tableNamesFor in packages/platform), so one link with the prefix serves
 * every table; the permission lists each table and its indexes.
 */
export const tablesLink = (core: Pick<CorePlan, "tablePrefix">, tables: Tables) =>
  new sst.Linkable(LINK_NAMES.tables, {
    properties: { prefix: core.tablePrefix },
    include: [
      sst.aws.permission({
        actions: DATA_ACTIONS,
        resources: tables.flatMap((table) => [table.arn, $interpolate`${table.arn}/index/*`]),
      }),
    ],
  });
