"""Writes the recorded trend histories of tests/test_trend.py (run once; the files are kept).

    python tests/data/trend/make_histories.py

In github-action-benchmark's own format (`window.BENCHMARK_DATA = ` + JSON.stringify(data,
null, 2), src/write.ts): 8 endpoints × p50/p95/p99 of the suite "perfci weekly", one run a
week, values in ms with log-normal week-to-week noise of ±6 % (p50), ±8 % (p95) and ±10 %
(p99), the "±5-10 %" of this machine's weekly points. The seed is fixed.

- flat.js: 24 weeks, no step.
- step.js: `search` is 15 % slower (every percentile) from week STEP_WEEK (1-based) on; the
  file ends at the first week in which the detector reports that shift as new, as the weekly
  job would have seen it.
- step-later.json: the same history two weeks on, as plain JSON (the shift is then history).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from perf.trend.detect import analyse  # noqa: E402

ENDPOINTS = {  # p50 in ms, roughly this service's
    "health": 1.2,
    "classify": 18.3,
    "search": 441.7,
    "taxonomy_tree": 6.5,
    "reflection_analyze": 9.5,
    "reflection_batch": 120.0,
    "consolidation_run": 85.0,
    "consolidation_dry_run": 40.0,
}
SPREAD = {"p50": (1.0, 0.06), "p95": (2.6, 0.08), "p99": (3.7, 0.10)}  # × p50, noise sigma
STEP_ENDPOINT, STEP_WEEK, STEP = "search", 17, 1.15
START_MS = 1777864620000  # 2026-05-04 03:17 UTC, a Monday (the weekly cron)
WEEK_MS = 7 * 24 * 3600 * 1000
SUITE = "perfci weekly"


def _sha(i: int, salt: str) -> str:
    return hashlib.sha1(f"{salt}-{i}".encode()).hexdigest()


def history(weeks: int, step: bool, seed: int) -> dict:
    rng = np.random.default_rng(seed)
    runs = []
    for w in range(weeks):
        sha = _sha(w, "step" if step else "flat")
        benches = []
        for ep, p50 in ENDPOINTS.items():
            level = p50 * (STEP if step and ep == STEP_ENDPOINT and w + 1 >= STEP_WEEK else 1.0)
            for p, (factor, sigma) in SPREAD.items():
                value = level * factor * float(np.exp(rng.normal(0.0, sigma)))
                benches.append(
                    {
                        "name": f"{ep} {p}",
                        "value": round(value, 4),
                        "unit": "ms",
                        "range": f"± {value * sigma / 4:.4f}",
                        "extra": f"{sha[:12]}; 200 rounds; endpoint",
                    }
                )
        user = {"email": "perf@example.org", "name": "perf", "username": "perf"}
        runs.append(
            {
                "commit": {
                    "author": user,
                    "committer": user,
                    "distinct": True,
                    "id": sha,
                    "message": f"weekly {w + 1}",
                    "timestamp": "",
                    "tree_id": _sha(w, "tree"),
                    "url": f"https://github.com/example/perfci/commit/{sha}",
                },
                "date": START_MS + w * WEEK_MS + 3_600_000,
                "tool": "customSmallerIsBetter",
                "benches": benches,
            }
        )
    return {
        "lastUpdate": runs[-1]["date"] + 60_000,
        "repoUrl": "https://github.com/example/perfci",
        "entries": {SUITE: runs},
    }


def _series(data: dict, name: str) -> list[float]:
    return [b["value"] for r in data["entries"][SUITE] for b in r["benches"] if b["name"] == name]


def _data_js(data: dict) -> str:
    return "window.BENCHMARK_DATA = " + json.dumps(data, indent=2, ensure_ascii=False)


def main() -> None:
    flat = history(24, step=False, seed=1601)
    (HERE / "flat.js").write_text(_data_js(flat))
    full = history(40, step=True, seed=1602)
    names = [f"{STEP_ENDPOINT} {p}" for p in SPREAD]
    for weeks in range(STEP_WEEK + 1, 41):
        runs = full["entries"][SUITE][:weeks]
        cut = {**full, "lastUpdate": runs[-1]["date"] + 60_000, "entries": {SUITE: runs}}
        if any(s.new and s.slower for n in names for s in analyse(_series(cut, n)).shifts):
            break
    else:
        raise SystemExit("the step was never flagged in 40 weeks: pick another seed")
    (HERE / "step.js").write_text(_data_js(cut))
    runs = full["entries"][SUITE][: weeks + 2]
    later = {**full, "lastUpdate": runs[-1]["date"] + 60_000, "entries": {SUITE: runs}}
    (HERE / "step-later.json").write_text(json.dumps(later, indent=2) + "\n")
    print(f"step.js: {weeks} weeks (step at week {STEP_WEEK}); step-later.json: {weeks + 2}")


if __name__ == "__main__":
    main()
