// The local SQS wakes a waiting long poll when a delay or visibility timeout runs out, with one timer, not a 20 ms tick.
import { afterEach, describe, expect, it, vi } from "vitest";
import { behaveLikeSqs } from "./sqs";
import { loadSqsStoreClass, type FauxqsQueue } from "./sqsJournal";

interface WaitingQueue extends FauxqsQueue {
  waitForMessages(waitTimeSeconds: number): Promise<void>;
  enqueue(message: { messageId: string; body: string; approximateReceiveCount: number; delayUntil?: number; messageAttributes: Record<string, unknown> }): void;
}

const queueOf = async (visibilityTimeoutSeconds: number): Promise<WaitingQueue> => {
  const store = new (await loadSqsStoreClass())();
  behaveLikeSqs(store);
  return store.createQueue("watchdog", "http://sqs.local/000000000000/watchdog", "arn:aws:sqs:us-east-1:000000000000:watchdog", { VisibilityTimeout: String(visibilityTimeoutSeconds) }) as WaitingQueue;
};

const message = (id: string, delayUntil?: number) => ({ messageId: id, body: id, approximateReceiveCount: 0, messageAttributes: {}, ...(delayUntil ? { delayUntil } : {}) });

describe("the local SQS's timers", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps no timer of its own while a poll waits on a queue with nothing delayed or in flight", async () => {
    vi.useFakeTimers();
    const queue = await queueOf(30);
    const waiting = queue.waitForMessages(20);
    // The poll's own 20 s wait, and nothing ticking beside it (fauxqs alone adds a 20 ms interval).
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(20_000);
    await waiting;
    expect(vi.getTimerCount()).toBe(0);
  });

  it("wakes the waiting poll when a delayed message comes due, not before", async () => {
    vi.useFakeTimers();
    const queue = await queueOf(30);
    let woken = false;
    const waiting = queue.waitForMessages(20).then(() => (woken = true));
    queue.enqueue(message("late", Date.now() + 2_000));
    await vi.advanceTimersByTimeAsync(1_999);
    expect(woken).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(woken).toBe(true);
    expect(queue.dequeue(10).map((m) => (m as { Body: string }).Body)).toEqual(["late"]);
  });

  it("wakes the waiting poll when a received message's visibility timeout runs out, for its second receive", async () => {
    vi.useFakeTimers();
    const queue = await queueOf(5);
    queue.enqueue(message("unacknowledged"));
    expect(queue.dequeue(10)).toHaveLength(1);
    let woken = false;
    const waiting = queue.waitForMessages(20).then(() => (woken = true));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(woken).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    const again = queue.dequeue(10) as { Body: string }[];
    expect(again.map((m) => m.Body)).toEqual(["unacknowledged"]);
    expect(queue.inflightMessages.size).toBe(1);
  });

  it("counts a message visible again when its visibility timeout runs out on a queue nobody polls, as SQS does", async () => {
    vi.useFakeTimers();
    const queue = await queueOf(5);
    queue.enqueue(message("dead-lettered"));
    expect(queue.dequeue(10)).toHaveLength(1);
    const counts = () => (queue as unknown as { getAllAttributes(names: string[]): Record<string, string> }).getAllAttributes(["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
    expect(counts()).toEqual({ ApproximateNumberOfMessages: "0", ApproximateNumberOfMessagesNotVisible: "1" });
    await vi.advanceTimersByTimeAsync(5_000);
    // Back on the queue, no longer in flight: its old receipt handle can no longer change its visibility.
    expect(counts()).toEqual({ ApproximateNumberOfMessages: "1", ApproximateNumberOfMessagesNotVisible: "0" });
    expect(queue.inflightMessages.size).toBe(0);
  });
});
