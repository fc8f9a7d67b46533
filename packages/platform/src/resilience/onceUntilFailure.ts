// A value loaded once and shared, unless loading failed: then the next caller tries again rather than every caller
// getting the same rejection until the process is recycled.

/** Wraps `load` so that it runs once while it succeeds (or is still running), and again after it has failed. */
export function onceUntilFailure<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
}
