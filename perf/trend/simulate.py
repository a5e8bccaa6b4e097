"""False alarms and detections of the trend rules on synthetic weekly histories.

    python -m perf.trend.simulate [--histories 20] [--weeks 30] [--step-week 20] [--seed 16]

Each history is one series (one endpoint and percentile) of `--weeks` weekly values, judged
as the weekly job would judge it: every week from the 6th on, on the history up to that week.
Three rules:

- perfci's detector (perf.trend.detect.analyse): an alarm is a *new* slower shift;
- github-action-benchmark's rule with `alert-threshold: "120%"`: this week / last week > 1.2
  (its `findAlerts` in src/write.ts, `ratio > threshold` for customSmallerIsBetter);
- the naive 10 % rule: this week / last week > 1.1.

Noise: log-normal, i.e. value = level * exp(N(0, sigma)) independently every week. The sigmas
come from ../shared/research/noise-ab.md, the table "Naive rule: run mean vs the previous run's
mean > +10%" measured on this machine over A/A runs taken in order: the rule fired on 23.5 %
of consecutive pairs when quiet and 34.5 % with the other core busy. For independent
log-normal points P(x_t / x_{t-1} > 1.1) = Phi(-ln 1.1 / (sigma * sqrt 2)), so 23.5 % gives
sigma = 0.094 (±9.4 %, the "±5-10 % a week" of the brief) and 34.5 % gives sigma = 0.168.
Runs there are consecutive pytest processes, the closest measured analogue of weekly points
(the weekly runner was not measured); the week-to-week noise of GitHub's hosted runners may
well be larger, and the detector scales with each series' own measured noise.

With a step, every value from week `--step-week` on is 15 % higher. A rule detects it when
its alarm names that week (the detector: a new shift at the step's week ±1, in any later
week; the point-vs-previous rules: an alarm in the step's own week, the only week in which
their ratio contains the step); the detector's first alarm 2-3 weeks off is counted apart,
and so are its alarms of the same step in later weeks. Any other alarm is a false alarm.
"""

from __future__ import annotations

import argparse
import math
import statistics
from dataclasses import dataclass, field

import numpy as np

from perf.trend.detect import MIN_POINTS, NEAR, analyse

NOISE = {"quiet (sigma 0.094)": 0.094, "other core busy (sigma 0.168)": 0.168}
STEP = 1.15


@dataclass
class Tally:
    histories_with_false_alarm: int = 0
    false_alarms: int = 0
    weekly_checks: int = 0
    detected: int = 0  # at the step's week ±1
    near: int = 0  # first flagged 2-3 weeks off the step's week
    repeats: int = 0  # the same step flagged again in a later week
    delays: list[int] = field(default_factory=list)


def _detector(x: np.ndarray, step_week: int | None, t: Tally) -> None:
    false_here = False
    found = False
    for end in range(MIN_POINTS, len(x) + 1):
        t.weekly_checks += 1
        for s in analyse(x[:end]).shifts:
            if not (s.new and s.slower):
                continue
            off = abs(s.index - step_week) if step_week is not None and end > step_week else None
            if off is not None and off <= NEAR:
                if found:
                    t.repeats += 1
                    continue
                found = True
                t.delays.append(end - 1 - step_week)  # weeks after the step's own week
                if off <= 1:
                    t.detected += 1
                else:
                    t.near += 1
            else:
                t.false_alarms += 1
                false_here = True
    t.histories_with_false_alarm += false_here


def _ratio_rule(x: np.ndarray, threshold: float, step_week: int | None, t: Tally) -> None:
    false_here = False
    for end in range(MIN_POINTS, len(x) + 1):
        t.weekly_checks += 1
        if x[end - 1] / x[end - 2] > threshold:
            if step_week is not None and end - 1 == step_week:
                t.detected += 1
                t.delays.append(0)
            else:
                t.false_alarms += 1
                false_here = True
    t.histories_with_false_alarm += false_here


RULES = {
    "perfci trend (change point)": _detector,
    "github-action-benchmark 120 %": lambda x, w, t: _ratio_rule(x, 1.2, w, t),
    "naive 10 %": lambda x, w, t: _ratio_rule(x, 1.1, w, t),
}


def histories(n: int, weeks: int, sigma: float, step_week: int | None, seed: int) -> list:
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        level = np.full(weeks, 10.0)
        if step_week is not None:
            level[step_week:] *= STEP
        out.append(level * np.exp(rng.normal(0.0, sigma, weeks)))
    return out


def run(n: int, weeks: int, step_week: int, seed: int) -> dict[str, dict[str, tuple[Tally, Tally]]]:
    results: dict[str, dict[str, tuple[Tally, Tally]]] = {}
    for i, (noise, sigma) in enumerate(NOISE.items()):
        flat = histories(n, weeks, sigma, None, seed + 2 * i)
        stepped = histories(n, weeks, sigma, step_week, seed + 2 * i + 1)
        results[noise] = {}
        for rule, judge in RULES.items():
            a, b = Tally(), Tally()
            for x in flat:
                judge(x, None, a)
            for x in stepped:
                judge(x, step_week, b)
            results[noise][rule] = (a, b)
    return results


def table(results, n: int) -> str:
    lines = [
        f"| noise | rule | no step: histories with a false alarm (of {n}) | false alarms / "
        f"weekly checks | +15 % step: flagged at its week ±1 (of {n}) | flagged 2-3 weeks off "
        "| weeks after the step (median, max) | flagged again later | step histories with "
        "another false alarm |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for noise, rules in results.items():
        for rule, (a, b) in rules.items():
            delay = f"{statistics.median(b.delays):g}, {max(b.delays)}" if b.delays else "–"
            lines.append(
                f"| {noise} | {rule} | {a.histories_with_false_alarm} | "
                f"{a.false_alarms} / {a.weekly_checks} | {b.detected} | {b.near} | {delay} | "
                f"{b.repeats} | {b.histories_with_false_alarm} |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--histories", type=int, default=20)
    p.add_argument("--weeks", type=int, default=30)
    p.add_argument("--step-week", type=int, default=20, help="0-based week of the +15 %% step")
    p.add_argument("--seed", type=int, default=16)
    args = p.parse_args(argv)
    if not MIN_POINTS < args.step_week < args.weeks - 1 or args.histories < 1:
        p.error("need 1 <= histories and 6 < step-week < weeks - 1")
    print(table(run(args.histories, args.weeks, args.step_week, args.seed), args.histories))
    print(
        f"\n{args.histories} histories of {args.weeks} weeks per row, judged every week from "
        f"week {MIN_POINTS}; step x{STEP} from week {args.step_week}; seed {args.seed}. "
        f"Expected naive-rule rate per check on flat noise: "
        + ", ".join(
            f"{1 - _phi(math.log(1.1) / (s * math.sqrt(2))):.3f} ({k.split(' (')[0]})"
            for k, s in NOISE.items()
        )
    )
    return 0


def _phi(z: float) -> float:
    return 0.5 * (1 + math.erf(z / math.sqrt(2)))


if __name__ == "__main__":
    raise SystemExit(main())
