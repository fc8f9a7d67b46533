// A recording stand-in for SST's globals (sst, aws, $interpolate, $jsonStringify, $app): runs infra/ with no AWS,
// no Pulumi engine and no network, and keeps what it was asked to create, look up and call.
const FAKE = Symbol("fake");

export interface Created {
  type: string;
  name: string;
  args: unknown;
}
export interface Called {
  /** The value the method was called on, e.g. `SafetyQueue` or `ChatApi`. */
  on: string;
  method: string;
  args: unknown[];
}
export interface Recording {
  created: Created[];
  /** `X.get(name, …)` lookups of existing resources. */
  lookedUp: Created[];
  /** Method calls on components and plain function calls (data sources such as `aws.ssm.getParameterOutput`). */
  called: Called[];
}

/** A value standing for a resource output or method: usable as a value, a namespace, a constructor or a function. */
type Fake = ((...args: unknown[]) => unknown) & { [FAKE]: string };

const isFake = (value: unknown): value is Fake => (typeof value === "function" || typeof value === "object") && value !== null && FAKE in value;

/** Replaces fakes by `«path»`, so recorded arguments compare as plain data. */
export const normalise = (value: unknown): unknown => {
  if (isFake(value)) return `«${value[FAKE]}»`;
  if (Array.isArray(value)) return value.map(normalise);
  if (typeof value === "function") return "[function]";
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  return value;
};

export const installFakeSst = (app: { name: string; stage: string }): Recording & { uninstall(): void } => {
  const recording: Recording = { created: [], lookedUp: [], called: [] };

  const fake = (path: string, kind: "namespace" | "value"): Fake => {
    const target = Object.assign(function () {}, { [FAKE]: path }) as unknown as Fake;
    return new Proxy(target, {
      get(t, prop) {
        if (prop === FAKE) return path;
        // Never a thenable: `await` on a fake must not hang.
        if (prop === "then" || typeof prop === "symbol") return undefined;
        if (prop === "toString" || prop === "toJSON") return () => `«${path}»`;
        if (kind === "namespace" && prop === "get") {
          return (name: string, ...args: unknown[]) => {
            recording.lookedUp.push({ type: path, name, args: normalise(args) });
            return fake(name, "value");
          };
        }
        if (kind === "value" && prop === "apply") return () => fake(`${path}.apply`, "value");
        if (path === "sst.aws" && prop === "permission") return (args: unknown) => ({ permission: normalise(args) });
        return fake(`${path}.${String(prop)}`, kind);
      },
      construct(_t, [name, args]) {
        recording.created.push({ type: path, name: String(name), args: normalise(args) });
        return fake(String(name), "value");
      },
      apply(_t, _this, args) {
        const dot = path.lastIndexOf(".");
        recording.called.push({ on: path.slice(0, dot), method: path.slice(dot + 1), args: normalise(args) as unknown[] });
        const first = args[0] as { name?: unknown } | string | undefined;
        const label = typeof first === "string" ? first : typeof first?.name === "string" ? first.name : "";
        return fake(`${path}(${label})`, "value");
      },
    });
  };

  const stringOf = (value: unknown) => (isFake(value) ? `«${value[FAKE]}»` : String(value));
  const globals: Record<string, unknown> = {
    sst: fake("sst", "namespace"),
    aws: fake("aws", "namespace"),
    $app: app,
    $interpolate: (strings: TemplateStringsArray, ...values: unknown[]) => strings.reduce((out, s, i) => out + s + (i < values.length ? stringOf(values[i]) : ""), ""),
    $jsonStringify: (value: unknown) => JSON.stringify(normalise(value)),
  };
  const previous = Object.fromEntries(Object.keys(globals).map((key) => [key, (globalThis as Record<string, unknown>)[key]]));
  Object.assign(globalThis, globals);
  return {
    ...recording,
    uninstall() {
      Object.assign(globalThis, previous);
    },
  };
};

/** The single record of a type and name, failing loudly when there is none or more than one. */
export const only = (records: Created[], type: string, name: string): Created & { args: Record<string, unknown> } => {
  const found = records.filter((r) => r.type === type && r.name === name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name}, found ${found.length}: ${records.map((r) => `${r.type} ${r.name}`).join("; ")}`);
  return found[0] as Created & { args: Record<string, unknown> };
};
