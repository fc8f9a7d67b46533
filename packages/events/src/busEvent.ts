// An event as EventBridge hands it to a target (and as an archive holds it): our Detail wrapped in AWS's fields.
export interface BusEvent<TDetail = unknown> {
  version: string;
  id: string;
  "detail-type": string;
  source: string;
  account: string;
  /** ISO 8601 to the second, e.g. `2026-03-14T16:02:11Z`. */
  time: string;
  region: string;
  resources: string[];
  detail: TDetail;
  /** Present only on events a replay delivered, so rules can exclude them with `{"exists": false}`. */
  "replay-name"?: string;
}
