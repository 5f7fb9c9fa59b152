import { expect, test } from "bun:test";
import { maxRateAnswer } from "./max-rate-answer";
import type { PeriodFigures } from "./period";

const p = (publishRate: number, consumeRate = publishRate, backlog = 0) => ({ publishRate, consumeRate, backlog }) as PeriodFigures;

test("the highest rate held for 3 consecutive periods with consumers keeping up and a bounded backlog", () => {
  const periods = [p(1000), p(2000), p(4000), p(8000, 5000, 9000), p(5000), p(5200), p(5100), p(9000, 4000)];
  const a = maxRateAnswer(periods, 1);
  expect(a.rate).toBe(5000);
  expect(a.periods).toEqual([4, 6]);
  expect(a.rule).toContain("3 consecutive periods");
});

test("no qualifying run: 0, with the rule; fewer periods than the rule asks use them all", () => {
  expect(maxRateAnswer([p(100, 50), p(100, 50), p(100, 50)], 1).rate).toBe(0);
  expect(maxRateAnswer([p(300, 600), p(400, 800)], 2)).toMatchObject({ rate: 300, periods: [0, 1] });
  expect(maxRateAnswer([], 1).rate).toBe(0);
});
