"""Statistics and verdicts of the load A/B (pure functions; tests on fixed data).

Input: the pairs the Locust users wrote (perf/loadab/locustfile.py), each one request sent to
both arms: {"t", "e" (endpoint), "first" (arm sent first), "base", "head"} with latencies in
seconds, null for a failed request.

Per endpoint, from the pairs after the warm-up where both arms answered: the ratio head/base
of P50, P95 and P99 over all its pairs. All endpoints' pairs, in time order, are cut into blocks
of consecutive pairs for one moving-block bootstrap (blocks keep the time structure of the
load; a percentile is computed on the union of the resampled blocks, not per block).

The arms are two processes, and under load one of them can be slower than the other as a whole
for a minute: in A/A runs of `perfci pr` on the 2-core machine, the median over endpoints of
the head/base P50 ratio was 0.79, 0.89, 0.94 and 1.19 in four runs, a shift of the whole arm
that no block of the run can show, so a CI over blocks does not cover it. A verdict per
endpoint therefore compares the endpoint with the **shift** of all endpoints: the median over
endpoints of their ratio (per percentile, and within each bootstrap resample, so the CI includes
the shift's own uncertainty). An endpoint's relative ratio is its ratio over the shift; a lock
or a slower query in one handler moves its endpoint and not the median. With fewer than
SHIFT_MIN_ENDPOINTS endpoints the shift is taken as 1. The shift itself is a verdict of its own
(SHIFT, "all endpoints"), against wider thresholds (Limits.shift) set from A/A runs, since its
CI cannot include the arm-to-arm variation either: a change that slows every endpoint under
load (a smaller connection pool, a blocking call that stalls every request) shows there.

Verdict per endpoint, the rules of `perfci ab` applied to each percentile q of the relative
ratio with its own threshold and noise floor (a tail is noisier than a median, so its threshold
is wider; the values come from A/A runs of this stage, `perfci calibrate --load-seconds`, and
default to DEFAULTS):
- regression:  some q has estimate > 1 + threshold[q], CI low > 1 + floor[q], and its p-value
  is significant after Holm's correction over every (endpoint, q) of the run; the p-value is
  one-sided in the direction of the estimate (the share of resamples at or below 1 for an
  estimate above 1), so that a regression verdict is a one-sided test at 5 % family-wise and
  an improvement the mirror one, as the errors' Fisher test is one-sided. (Two-sided, it missed
  one of ten lock runs: search P95 +37 %, CI +8.5 … +56 %, p 0.004 against Holm's 0.0024.)
  The endpoint's own ratio (before dividing by the shift) must also exceed 1 + floor[q]: an
  endpoint that is not slower on head than on base is no regression. Dividing by the shift
  assumes one factor moves every endpoint, and it does not: in an A/A run whose head arm ran
  faster as a whole (shift P50 -34 %), reflection_batch, a long CPU-bound request, moved less
  than the short ones (own P50 -7.4 %) and came out +41 % against the shift (CI +9 … +82 %).
- improvement: the mirror image (its own ratio below 1 - floor[q]), and no q regressed;
- errors:      head failed more than base by more than ERROR_MARGIN of the requests, and
  Fisher's exact test says so (p < 0.05): a regression whatever the latencies;
- unchanged:   everything else, also an endpoint with fewer than MIN_PAIRS pairs (said so).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from perf import abstats

QUANTILES = ("p50", "p95", "p99")
MIN_PAIRS = 40
ERROR_MARGIN = 0.01
SHIFT = "(all endpoints)"
# Slower under load only because another endpoint blocks the event loop (perf/loopwatch): the
# culprit is the regression; this endpoint's own code did not change its cost.
EXPLAINED = "explained"
SHIFT_MIN_ENDPOINTS = 3
# The shift's thresholds: four A/A runs of `perfci pr` moved it by up to 21 % (module doc).
SHIFT_DEFAULT = {"p50": 0.30, "p95": 0.30, "p99": 0.40}
# A load A/B shorter than this does not gate on the shift: in an A/A `perfci pr --quick` (8 s)
# on a machine busy with another load A/B, one arm ran slower as a whole, P50 +92 % (CI +25 …
# +211 %); over 8 s that cannot be told from every endpoint getting slower.
SHIFT_MIN_SECONDS = 30.0


@dataclass(frozen=True)
class Limits:
    """Relative thresholds and noise floors per percentile; `shift`: the thresholds of the
    shift of all endpoints."""

    threshold: dict[str, float]
    floor: dict[str, float]
    shift: dict[str, float] = field(default_factory=lambda: dict(SHIFT_DEFAULT))


DEFAULTS = Limits(
    threshold={"p50": 0.10, "p95": 0.20, "p99": 0.30},
    floor={"p50": 0.02, "p95": 0.05, "p99": 0.10},
    shift=dict(SHIFT_DEFAULT),
)


@dataclass(frozen=True)
class Ratio:
    """A head/base ratio (relative to the shift, for an endpoint) with its bootstrap CI."""

    estimate: float
    ci_low: float
    ci_high: float
    p_value: float
    raw: float  # the endpoint's own ratio, before dividing by the shift


def by_endpoint(pairs: list[dict], warmup: float) -> dict[str, list[dict]]:
    """Pairs after `warmup` seconds, per endpoint, in time order."""
    out: dict[str, list[dict]] = {}
    for p in sorted(pairs, key=lambda p: p["t"]):
        if p["t"] >= warmup:
            out.setdefault(p["e"], []).append(p)
    return out


def _fisher_worse(head_fail: int, head_n: int, base_fail: int, base_n: int) -> float:
    from scipy.stats import fisher_exact

    table = [[head_fail, head_n - head_fail], [base_fail, base_n - base_fail]]
    return float(fisher_exact(table, alternative="greater").pvalue)


def _interval(point: float, resampled, resamples: int, raw: float | None = None) -> Ratio:
    import numpy as np

    low, high = np.percentile(resampled, [2.5, 97.5])
    # one-sided, in the direction of the estimate (module doc)
    side = np.mean(resampled <= 1.0) if point > 1 else np.mean(resampled >= 1.0)
    p = float(min(1.0, max(side, 1 / resamples)))
    return Ratio(float(point), float(low), float(high), p, float(point if raw is None else raw))


def compare(
    pairs: list[dict],
    warmup: float,
    limits: Limits = DEFAULTS,
    block: int | None = None,
    resamples: int = abstats.BOOTSTRAP_RESAMPLES,
) -> dict[str, dict]:
    """Per endpoint: counts, per-arm percentiles, the ratios relative to the shift and the
    verdict; and, under the key SHIFT, the shift of all endpoints (module doc)."""
    import numpy as np

    groups = by_endpoint(pairs, warmup)
    results: dict[str, dict] = {}
    levels = [int(q[1:]) for q in QUANTILES]
    ok_pairs: dict[str, list[dict]] = {}
    for name, rows in groups.items():
        ok = [p for p in rows if p["base"] is not None and p["head"] is not None]
        res: dict = {
            "name": name,
            "pairs": len(ok),
            "requests": {"base": len(rows), "head": len(rows)},
            "errors": {
                "base": sum(p["base"] is None for p in rows),
                "head": sum(p["head"] is None for p in rows),
            },
        }
        if ok:
            for arm in ("base", "head"):
                v = np.percentile(np.asarray([p[arm] for p in ok]), levels)
                res[arm] = {q: round(float(x), 6) for q, x in zip(QUANTILES, v, strict=True)}
        results[name] = res
        if len(ok) >= MIN_PAIRS:
            ok_pairs[name] = ok

    ratios: dict[str, dict[str, Ratio]] = {}
    shift_ratios: dict[str, Ratio] | None = None
    size = 0
    names = sorted(ok_pairs)
    if names:
        rows = sorted((p for n in names for p in ok_pairs[n]), key=lambda p: p["t"])
        index = {n: i for i, n in enumerate(names)}
        which = np.asarray([index[p["e"]] for p in rows])
        base = np.asarray([p["base"] for p in rows])
        head = np.asarray([p["head"] for p in rows])
        size = block or abstats.choose_block(len(rows), preferred=20, min_blocks=20)
        n_blocks = max(1, len(rows) // size)
        starts = np.arange(n_blocks) * size

        def per_endpoint(idx) -> np.ndarray:
            """[endpoint, quantile] head/base ratios over the pairs `idx`."""
            out = np.full((len(names), len(QUANTILES)), np.nan)
            w = which[idx]
            for i in range(len(names)):
                sel = idx[w == i]
                if sel.size:
                    b = np.percentile(base[sel], levels)
                    h = np.percentile(head[sel], levels)
                    out[i] = h / b
            return out

        point = per_endpoint(np.arange(len(rows)))
        rng = np.random.default_rng(abstats.BOOTSTRAP_SEED)
        boot = np.empty((resamples, len(names), len(QUANTILES)))
        offsets = np.arange(size)
        for r in range(resamples):
            pick = starts[rng.integers(0, n_blocks, n_blocks)]
            boot[r] = per_endpoint((pick[:, None] + offsets[None, :]).ravel())
        with_shift = len(names) >= SHIFT_MIN_ENDPOINTS
        if with_shift:
            shift_point = np.median(point, axis=0)
            shift_boot = np.nanmedian(boot, axis=1)  # [resample, quantile]
            shift_ratios = {
                q: _interval(shift_point[j], shift_boot[:, j], resamples)
                for j, q in enumerate(QUANTILES)
            }
        else:
            shift_point = np.ones(len(QUANTILES))
            shift_boot = np.ones((resamples, len(QUANTILES)))
        for i, name in enumerate(names):
            ratios[name] = {}
            for j, q in enumerate(QUANTILES):
                rel = boot[:, i, j] / shift_boot[:, j]
                rel = rel[np.isfinite(rel)]  # a resample without this endpoint's pairs
                ratios[name][q] = _interval(
                    point[i, j] / shift_point[j], rel, resamples, raw=point[i, j]
                )

    p_values = {f"{n} {q}": r.p_value for n, qs in ratios.items() for q, r in qs.items()}
    significant = abstats.holm_significant(p_values)
    for name, res in results.items():
        res["verdict"], res["reason"] = _verdict(res, ratios.get(name), significant, limits, name)
        if name in ratios:
            res["ratios"] = {
                q: {
                    "estimate": round(r.estimate, 4),
                    "ci_low": round(r.ci_low, 4),
                    "ci_high": round(r.ci_high, 4),
                    "p_value": round(r.p_value, 4),
                    "raw": round(r.raw, 4),
                    "block_size": size,
                    "significant": significant.get(f"{name} {q}", False),
                }
                for q, r in ratios[name].items()
            }
    if shift_ratios is not None:
        results[SHIFT] = _shift_result(shift_ratios, len(names), limits)
    return results


def _shift_result(ratios: dict[str, Ratio], endpoints: int, limits: Limits) -> dict:
    up, down = [], []
    for q, r in ratios.items():
        thr, floor = limits.shift[q], limits.floor[q]
        text = f"{q.upper()} {_pct(r.estimate)} (CI {_pct(r.ci_low)} … {_pct(r.ci_high)})"
        if r.estimate > 1 + thr and r.ci_low > 1 + floor:
            up.append(text)
        elif r.estimate < 1 / (1 + thr) and r.ci_high < 1 - floor:
            down.append(text)
    if up:
        verdict, reason = abstats.REGRESSION, "every endpoint slower under load: " + "; ".join(up)
    elif down:
        verdict = abstats.IMPROVEMENT
        reason = "every endpoint faster under load: " + "; ".join(down)
    else:
        r = ratios["p50"]
        verdict = abstats.UNCHANGED
        reason = (
            f"the median endpoint's P50 {_pct(r.estimate)} (CI {_pct(r.ci_low)} … "
            f"{_pct(r.ci_high)}), within the shift's threshold of "
            f"{100 * limits.shift['p50']:.0f} %"
        )
    return {
        "name": SHIFT,
        "endpoints": endpoints,
        "ratios": {
            q: {
                "estimate": round(r.estimate, 4),
                "ci_low": round(r.ci_low, 4),
                "ci_high": round(r.ci_high, 4),
            }
            for q, r in ratios.items()
        },
        "verdict": verdict,
        "reason": reason,
    }


def _pct(x: float) -> str:
    return f"{(x - 1) * 100:+.1f} %"


def _verdict(res: dict, ratios, significant: dict, limits: Limits, name: str) -> tuple[str, str]:
    n = res["requests"]["head"]
    eb, eh = res["errors"]["base"], res["errors"]["head"]
    if n and eh - eb > ERROR_MARGIN * n and _fisher_worse(eh, n, eb, n) < 0.05:
        return abstats.REGRESSION, f"errors under load: head {eh} of {n}, base {eb} of {n}"
    if ratios is None:
        return (
            abstats.UNCHANGED,
            f"{res['pairs']} pairs under load: too few to compare (< {MIN_PAIRS})",
        )
    up, down, against = [], [], []
    for q, r in ratios.items():
        thr, floor, sig = limits.threshold[q], limits.floor[q], significant[f"{name} {q}"]
        text = f"{q.upper()} {_pct(r.estimate)} (CI {_pct(r.ci_low)} … {_pct(r.ci_high)})"
        if r.estimate > 1 + thr and r.ci_low > 1 + floor and sig:
            # against the shift only: its own ratio must move the same way (module doc)
            (up if r.raw > 1 + floor else against).append((q, text, r.raw, "slower"))
        elif r.estimate < 1 / (1 + thr) and r.ci_high < 1 - floor and sig:
            (down if r.raw < 1 - floor else against).append((q, text, r.raw, "faster"))
    up = [item[1] for item in up]
    down = [item[1] for item in down]
    if up:
        return (
            abstats.REGRESSION,
            f"slower under load than the shift of all endpoints: {'; '.join(up)}",
        )
    if down:
        return (
            abstats.IMPROVEMENT,
            f"faster under load than the shift of all endpoints: {'; '.join(down)}",
        )
    if against:
        q, text, raw, way = against[0]
        return abstats.UNCHANGED, (
            f"{text} against the shift of all endpoints, but its own {q.upper()} "
            f"{_pct(raw)} on head: {way} only relative to an arm that moved as a whole"
        )
    r95 = ratios["p95"]
    return abstats.UNCHANGED, (
        f"P95 {_pct(r95.estimate)} (CI {_pct(r95.ci_low)} … {_pct(r95.ci_high)}) over "
        f"{res['pairs']} pairs under load"
    )


def ungate_short_shift(shift: dict | None, seconds: float) -> None:
    """A shift regression over fewer than SHIFT_MIN_SECONDS of load is reported, not gated."""
    if shift and shift.get("verdict") == abstats.REGRESSION and seconds < SHIFT_MIN_SECONDS:
        shift["verdict"] = abstats.SUSPECT
        shift["reason"] += (
            f"; not gated: {seconds:g} s of load cannot tell every endpoint slowing down from one "
            f"arm running slower as a whole (the shift gates from {SHIFT_MIN_SECONDS:g} s)"
        )


def apply_loop(
    results: dict, shift: dict | None, loop: dict, describe, describe_lock=None
) -> list[str]:
    """Fold the event-loop watch's comparison (perf.loopwatch.compare's "endpoints") into the
    verdicts: an endpoint whose head holds the loop longer is a regression whatever its latency
    (it "blocks the event loop"); while one does, the other endpoints' latency regressions and
    the shift's are EXPLAINED by it, not changes of their own. An endpoint whose head waits on
    a lock longer is a regression too (`describe_lock` says why), whatever its latency under
    this run's load: a lock queues only the requests that take it, so it explains nothing else
    (but while an endpoint blocks the loop, another's longer lock wait is explained by that).
    Returns the blocking endpoints."""
    blocking = [n for n, r in loop.items() if r.get("blocks")]
    waiting = [
        n
        for n, r in loop.items()
        if describe_lock and isinstance(r.get("lock"), dict) and r["lock"].get("waits")
    ]
    for name, res in results.items():
        if name in loop:
            res["loop"] = loop[name]
        if name in waiting and blocking and name not in blocking:
            # a blocked loop also stalls whoever holds the lock: the wait grows with it
            res["verdict"] = EXPLAINED
            res["reason"] = (
                f"waits longer under load because {', '.join(blocking)} blocks the event loop "
                f"(the lock's holder is stalled too; not a change of its own): "
                f"{describe_lock(name, loop[name])}"
            )
        elif name in blocking or name in waiting:
            own = "" if res["verdict"] == abstats.UNCHANGED else f"; {res['reason']}"
            why = [describe(name, loop[name])] if name in blocking else []
            why += [describe_lock(name, loop[name])] if name in waiting else []
            res["verdict"], res["reason"] = abstats.REGRESSION, "; ".join(why) + own
        elif blocking and res["verdict"] == abstats.REGRESSION:
            res["verdict"] = EXPLAINED
            res["reason"] = (
                f"slower under load because {', '.join(blocking)} blocks the event loop "
                f"(not a change of its own): {res['reason']}"
            )
    if blocking and shift and shift.get("verdict") == abstats.REGRESSION:
        shift["verdict"] = EXPLAINED
        why = shift["reason"].removeprefix("every endpoint slower under load: ")
        shift["reason"] = (
            f"every endpoint slower under load because {', '.join(blocking)} blocks the event "
            f"loop (not a change of their own): {why}"
        )
    return blocking
