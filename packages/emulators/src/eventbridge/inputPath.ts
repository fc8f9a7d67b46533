// The JSONPath subset EventBridge accepts in a target's InputPath: `$`, `.name`, `['name']` and `[index]` steps.

type PathStep = string | number;

/** Parses an InputPath into steps, or returns undefined when it is not a path EventBridge would accept. */
export const parseInputPath = (path: string): PathStep[] | undefined => {
  if (!path.startsWith("$")) return undefined;
  const steps: PathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const dotted = /^\.([^.[\]'"\s]+)/.exec(rest);
    const quoted = /^\[\s*'([^']*)'\s*\]/.exec(rest) ?? /^\[\s*"([^"]*)"\s*\]/.exec(rest);
    const indexed = /^\[\s*(\d+)\s*\]/.exec(rest);
    if (dotted?.[1] !== undefined) {
      steps.push(dotted[1]);
      rest = rest.slice(dotted[0].length);
    } else if (quoted?.[1] !== undefined) {
      steps.push(quoted[1]);
      rest = rest.slice(quoted[0].length);
    } else if (indexed?.[1] !== undefined) {
      steps.push(Number(indexed[1]));
      rest = rest.slice(indexed[0].length);
    } else {
      return undefined;
    }
  }
  return steps;
};

/** The part of the event an InputPath selects, or undefined when the path leads nowhere. */
export const applyInputPath = (path: string, event: unknown): unknown => {
  const steps = parseInputPath(path);
  if (!steps) return undefined;
  let current: unknown = event;
  for (const step of steps) {
    if (typeof step === "number") {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (typeof current !== "object" || current === null || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
    if (current === undefined) return undefined;
  }
  return current;
};
