// The state one emulated API shares between its upgrade, message and @connections paths: routes, connections, work in flight.
import type { ResolvedOptions } from "./config.js";
import type { Connection } from "./connection.js";
import type { ApiFacts } from "./lambdaEvents.js";
import { invokeIntegration, type LambdaTarget } from "./lambdaInvoke.js";
import { compileRouteSelection, type RouteSelector } from "./routeSelection.js";
import type { WebSocketApiEmulatorOptions, WebSocketAuthorizer, WebSocketEvent, WsHandler, WsHandlerResult } from "./types.js";

export class ApiRuntime {
  public readonly api: ApiFacts;
  public readonly connections = new Map<string, Connection>();
  public readonly authorizer: WebSocketAuthorizer | undefined;
  public closing = false;
  private readonly routes: WebSocketApiEmulatorOptions["routes"];
  private readonly selectRoute: RouteSelector;
  private readonly inFlight = new Set<Promise<void>>();

  public constructor(
    public readonly options: ResolvedOptions,
    source: WebSocketApiEmulatorOptions,
  ) {
    this.api = { apiId: options.apiId, stage: options.stage, region: options.region, accountId: options.accountId };
    this.authorizer = source.authorizer;
    this.routes = source.routes;
    this.selectRoute = compileRouteSelection(source.routeSelectionExpression);
  }

  /** The handler of a route, looked up so that message text can never reach Object.prototype. */
  public handlerFor(routeKey: string): WsHandler | undefined {
    return Object.hasOwn(this.routes, routeKey) ? this.routes[routeKey] : undefined;
  }

  /**
   * The route a message goes to: the selected key when such a route exists, else $default. Messages can
   * never select $connect or $disconnect, which API Gateway reserves for the connection's life cycle.
   */
  public routeFor(body: string): { routeKey: string; handler: WsHandler | undefined } {
    const selected = this.selectRoute(body);
    if (selected !== undefined && selected !== "$connect" && selected !== "$disconnect") {
      const handler = this.handlerFor(selected);
      if (handler !== undefined) return { routeKey: selected, handler };
    }
    return { routeKey: "$default", handler: this.handlerFor("$default") };
  }

  public lambdaTarget(functionName: string): LambdaTarget & { timeoutMs: number } {
    return {
      functionName,
      region: this.api.region,
      accountId: this.api.accountId,
      timeoutMs: this.options.integrationTimeoutMs,
    };
  }

  /** Invokes a route's handler under the integration timeout; the handler's full run is tracked for close(). */
  public invokeRoute(routeKey: string, handler: WsHandler, event: WebSocketEvent): Promise<WsHandlerResult | void> {
    const functionName = `${this.api.apiId}-${this.api.stage}-${routeKey.replace(/[^A-Za-z0-9_-]/g, "")}`;
    const call = invokeIntegration(handler, event, { ...this.lambdaTarget(functionName), routeKey });
    this.track(call.settled);
    return call.result;
  }

  /** Remembers work that close() must wait for. */
  public track(work: Promise<unknown>): void {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
  }

  public async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}
