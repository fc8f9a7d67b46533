// Reads request members the way AWS's front end does: wrong JSON types are SerializationExceptions, broken constraints are collected into one ValidationException.
import { serializationError, validationError } from "./errors.js";

interface StringConstraint {
  min?: number;
  max?: number;
  /** AWS's pattern text, shown in the error message and matched against the whole value. */
  pattern?: string;
  enum?: readonly string[];
}

interface NumberConstraint {
  min?: number;
  max?: number;
}

interface ListConstraint {
  min?: number;
  max?: number;
}

/** The largest epoch milliseconds a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** AWS names members in messages by their lowerCamel wire path, e.g. `eventBusName`, `targets.1.member.id`. */
const lowerFirst = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);

const describeValue = (value: unknown): string => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  // Keep echoes of huge inputs out of error messages: an error must stay small.
  return text.length > 256 ? `${text.slice(0, 256)}...` : text;
};

/**
 * A view over one JSON object of the request. Every accessor checks its member and records the
 * constraint it breaks; `assertValid()` then throws all of them at once, as AWS reports them.
 */
export class RequestInput {
  private readonly problems: string[];

  constructor(
    private readonly body: Record<string, unknown>,
    private readonly path = "",
    problems?: string[],
  ) {
    this.problems = problems ?? [];
  }

  static fromBody(body: unknown): RequestInput {
    if (!isRecord(body)) throw serializationError("Request body must be a JSON object.");
    return new RequestInput(body);
  }

  private memberPath(member: string): string {
    return this.path ? `${this.path}.${lowerFirst(member)}` : lowerFirst(member);
  }

  private raw(member: string): unknown {
    const value = this.body[member];
    return value === null ? undefined : value;
  }

  private fail(member: string, value: unknown, constraint: string): void {
    const shown = value === undefined ? "null" : `'${describeValue(value)}'`;
    this.problems.push(`Value ${shown} at '${this.memberPath(member)}' failed to satisfy constraint: ${constraint}`);
  }

  has(member: string): boolean {
    return this.raw(member) !== undefined;
  }

  string(member: string, constraint: StringConstraint & { required: true }): string;
  string(member: string, constraint?: StringConstraint & { required?: false }): string | undefined;
  string(member: string, constraint: StringConstraint & { required?: boolean } = {}): string | undefined {
    const value = this.raw(member);
    if (value === undefined) {
      if (constraint.required) this.fail(member, undefined, "Member must not be null");
      return constraint.required ? "" : undefined;
    }
    if (typeof value !== "string") throw serializationError(`Expected a string for ${this.memberPath(member)}.`);
    if (constraint.min !== undefined && value.length < constraint.min) {
      this.fail(member, value, `Member must have length greater than or equal to ${constraint.min}`);
    } else if (constraint.max !== undefined && value.length > constraint.max) {
      this.fail(member, value, `Member must have length less than or equal to ${constraint.max}`);
    } else if (constraint.pattern !== undefined && !new RegExp(`^(?:${constraint.pattern})$`, "s").test(value)) {
      this.fail(member, value, `Member must satisfy regular expression pattern: ${constraint.pattern}`);
    } else if (constraint.enum !== undefined && !constraint.enum.includes(value)) {
      this.fail(member, value, `Member must satisfy enum value set: [${constraint.enum.join(", ")}]`);
    }
    return value;
  }

  integer(member: string, constraint: NumberConstraint = {}): number | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw serializationError(`Expected an integer for ${this.memberPath(member)}.`);
    if (constraint.min !== undefined && value < constraint.min) {
      this.fail(member, value, `Member must have value greater than or equal to ${constraint.min}`);
    } else if (constraint.max !== undefined && value > constraint.max) {
      this.fail(member, value, `Member must have value less than or equal to ${constraint.max}`);
    }
    return value;
  }

  boolean(member: string): boolean | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw serializationError(`Expected a boolean for ${this.memberPath(member)}.`);
    return value;
  }

  /** JSON 1.1 sends timestamps as epoch seconds; ISO strings are accepted too, as AWS's parser does. Returns epoch ms. */
  timestamp(member: string, constraint: { required: true }): number;
  timestamp(member: string, constraint?: { required?: false }): number | undefined;
  timestamp(member: string, constraint: { required?: boolean } = {}): number | undefined {
    const value = this.raw(member);
    if (value === undefined) {
      if (constraint.required) this.fail(member, undefined, "Member must not be null");
      return constraint.required ? 0 : undefined;
    }
    const ms = typeof value === "number" ? value * 1000 : typeof value === "string" ? parseTimestampString(value) : Number.NaN;
    // Beyond ±8.64e15 ms no Date exists; AWS's parser refuses such a timestamp as malformed input, not a fault.
    if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) throw serializationError(`Expected a timestamp for ${this.memberPath(member)}.`);
    return ms;
  }

  /** A list of strings. */
  strings(member: string, constraint: ListConstraint & { required?: boolean } = {}): string[] | undefined {
    const list = this.list(member, constraint);
    if (list === undefined) return undefined;
    list.forEach((item, index) => {
      if (typeof item !== "string") throw serializationError(`Expected a string at ${this.memberPath(member)}.${index + 1}.member.`);
    });
    return list as string[];
  }

  /** A list of structures, each read through its own RequestInput sharing this request's problems. */
  structures(member: string, constraint: ListConstraint & { required?: boolean } = {}): RequestInput[] | undefined {
    const list = this.list(member, constraint);
    if (list === undefined) return undefined;
    return list.map((item, index) => {
      if (!isRecord(item)) throw serializationError(`Expected a structure at ${this.memberPath(member)}.${index + 1}.member.`);
      return new RequestInput(item, `${this.memberPath(member)}.${index + 1}.member`, this.problems);
    });
  }

  structure(member: string, constraint: { required: true }): RequestInput;
  structure(member: string, constraint?: { required?: false }): RequestInput | undefined;
  structure(member: string, constraint: { required?: boolean } = {}): RequestInput | undefined {
    const value = this.raw(member);
    if (value === undefined) {
      if (constraint.required) this.fail(member, undefined, "Member must not be null");
      return constraint.required ? new RequestInput({}, this.memberPath(member), this.problems) : undefined;
    }
    if (!isRecord(value)) throw serializationError(`Expected a structure for ${this.memberPath(member)}.`);
    return new RequestInput(value, this.memberPath(member), this.problems);
  }

  /** The member as plain JSON, for optional blocks stored without interpretation (e.g. RetryPolicy). */
  json(member: string): Record<string, unknown> | undefined {
    const value = this.raw(member);
    if (value === undefined) return undefined;
    if (!isRecord(value)) throw serializationError(`Expected a structure for ${this.memberPath(member)}.`);
    return value;
  }

  private list(member: string, constraint: ListConstraint & { required?: boolean }): unknown[] | undefined {
    const value = this.raw(member);
    if (value === undefined) {
      if (constraint.required) this.fail(member, undefined, "Member must not be null");
      return constraint.required ? [] : undefined;
    }
    if (!Array.isArray(value)) throw serializationError(`Expected a list for ${this.memberPath(member)}.`);
    if (constraint.min !== undefined && value.length < constraint.min) {
      this.fail(member, value, `Member must have length greater than or equal to ${constraint.min}`);
    } else if (constraint.max !== undefined && value.length > constraint.max) {
      this.fail(member, value, `Member must have length less than or equal to ${constraint.max}`);
    }
    return value;
  }

  /** Throws the collected constraint violations as one ValidationException, worded as AWS words it. */
  assertValid(): void {
    const count = this.problems.length;
    if (count === 0) return;
    throw validationError(`${count} validation error${count === 1 ? "" : "s"} detected: ${this.problems.join("; ")}`);
  }
}

const parseTimestampString = (value: string): number => {
  const trimmed = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse accepts loose forms; require at least a calendar date so "1 2" is not a time.
  return /^\d{4}-\d{2}-\d{2}/.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
};

/** Constraint patterns from the EventBridge API model, shared by the operations. */
export const NAME_PATTERN = "[\\.\\-_A-Za-z0-9]+";
export const EVENT_BUS_NAME_PATTERN = "[/\\.\\-_A-Za-z0-9]+";
export const EVENT_BUS_NAME_OR_ARN_PATTERN = "(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+";
export const EVENTS_ARN_PATTERN = "^arn:aws([a-z]|\\-)*:events:([a-z]|\\d|\\-)*:([0-9]{12})?:.+\\/.+$";
