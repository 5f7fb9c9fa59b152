import { describe, expect, test } from "bun:test";
import { RateController } from "./rate-controller";

/** Feeds the controller periods of (seconds, sent, received-over-all-subscriptions) with cumulative totals. */
function drive(controller: RateController, start: number, periods: [number, number, number][]) {
  let rate = start;
  let sent = 0;
  let received = 0;
  return periods.map(([seconds, s, r]) => {
    sent += s;
    received += r;
    const step = controller.next(rate, seconds, sent, received);
    rate = step.rate;
    return step;
  });
}

describe("RateController", () => {
  test("ramps up while publish and receive keep up, doubling the step back to the maximum", () => {
    const steps = drive(new RateController({ subscriptionsPerTopic: 1 }), 1000, [
      [1, 1000, 1000],
      [1, 2000, 2000],
    ]);
    expect(steps.map((s) => [s.rate, s.reason])).toEqual([
      [2000, "ramp-up"],
      [4000, "ramp-up"],
    ]);
  });

  test("falls back to the achieved publish rate when producers lag the schedule", () => {
    // Asked for 10,000 in 1 s, only 6,000 went out: publish backlog 4,000 > 1,000.
    const [step] = drive(new RateController({ subscriptionsPerTopic: 1 }), 10_000, [[1, 6000, 6000]]);
    expect(step!.reason).toBe("publish-backlog");
    expect(step!.rate).toBe(6000);
  });

  test("counts every subscription's copy: 2 subscriptions receiving all is no receive backlog", () => {
    const steps = drive(new RateController({ subscriptionsPerTopic: 2 }), 1000, [[1, 1000, 2000]]);
    expect(steps[0]!.reason).toBe("ramp-up");
    expect(steps[0]!.receiveBacklog).toBe(0);
  });

  test("2 subscriptions where one lags: receive backlog per subscription drives the rate down", () => {
    // 5,000 sent; subscriptions received 5,000 and 1,000 → 2,000 behind on average.
    const [step] = drive(new RateController({ subscriptionsPerTopic: 2 }), 5000, [[1, 5000, 6000]]);
    expect(step!.reason).toBe("receive-backlog");
    expect(step!.receiveBacklog).toBe(2000);
    // min(received per subscription 3,000/s, expected − backlog 3,000/s)
    expect(step!.rate).toBe(3000);
  });

  test("never drops to 0 (Java OMB would stay there): keeps a tenth of what consumers achieved", () => {
    const steps = drive(new RateController({ subscriptionsPerTopic: 1 }), 10_000, [
      [1, 10_000, 0], // nothing received: catch-up rate 0 → floor of 1 msg/s
      [1, 1, 5000], // consumers catch up at 5,000/s but are still 5,001 behind
    ]);
    expect(steps.map((s) => [s.rate, s.reason])).toEqual([
      [1, "receive-backlog"],
      [500, "receive-backlog"],
    ]);
  });

  test("after backing off, ramping restarts gently (factor halves on each back-off)", () => {
    const steps = drive(new RateController({ subscriptionsPerTopic: 1 }), 10_000, [
      [1, 6000, 6000], // publish backlog → 6,000, factor 0.5
      [1, 6000, 6000], // keeps up → factor back to 1: 12,000
    ]);
    expect(steps.map((s) => s.rate)).toEqual([6000, 12_000]);
    const gentle = drive(new RateController({ subscriptionsPerTopic: 1 }), 10_000, [
      [1, 6000, 6000], // factor 0.5
      [1, 3000, 3000], // publish backlog again → 3,000, factor 0.25
      [1, 3000, 3000], // ramp: factor 0.5 → 4,500
    ]);
    expect(gentle.map((s) => s.rate)).toEqual([6000, 3000, 4500]);
  });
});
