"""Statistics and verdicts of the load A/B (pure functions; tests on fixed data).

Input: the pairs the Locust users wrote (perf/loadab/locustfile.py), each one request sent to
both arms: {"t", "e" (endpoint), "first" (arm sent first), "base", "head"} with latencies in
seconds, null for a failed request.

Per endpoint, from the pairs after the warm-up where both arms answered, in time order:
the ratio head/base of P50, P95 and P99 over all pairs, with a moving-block bootstrap 95 % CI
and p-value (perf.abstats.block_bootstrap_ratio: blocks of consecutive pairs keep the time
structure of the load; the percentile is computed on the union of the resampled blocks, not per
block). Errors per arm over all pairs.

Verdict per endpoint, the rules of `perfci ab` applied to each percentile q with its own
threshold and noise floor (a tail is noisier than a median, so its threshold is wider; the
values come from A/A runs of this stage, `perfci calibrate --load`, and default to DEFAULTS):
- regression:  some q has estimate > 1 + threshold[q], CI low > 1 + floor[q], and its p-value
  is significant after Holm's correction over every (endpoint, q) of the run;
- improvement: the mirror image, and no q regressed;
- errors:      head failed more than base by more than ERROR_MARGIN of the requests, and
  Fisher's exact test says so (p < 0.05): a regression whatever the latencies;
- unchanged:   everything else, also an endpoint with fewer than MIN_PAIRS pairs (said so).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from perf import abstats

QUANTILES = ("p50", "p95", "p99")
MIN_PAIRS = 40
ERROR_MARGIN = 0.01


@dataclass(frozen=True)
class Limits:
    """Relative thresholds and noise floors per percentile."""

    threshold: dict[str, float]
    floor: dict[str, float]


DEFAULTS = Limits(
    threshold={"p50": 0.10, "p95": 0.20, "p99": 0.30},
    floor={"p50": 0.02, "p95": 0.05, "p99": 0.10},
)


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


def compare(
    pairs: list[dict],
    warmup: float,
    limits: Limits = DEFAULTS,
    block: int | None = None,
) -> dict[str, dict]:
    """Per endpoint: counts, per-arm percentiles, the ratios and the verdict (module doc)."""
    import numpy as np

    groups = by_endpoint(pairs, warmup)
    results: dict[str, dict] = {}
    p_values: dict[tuple[str, str], float] = {}
    ratios: dict[str, dict[str, abstats.BlockRatio]] = {}
    for name, rows in groups.items():
        ok = [p for p in rows if p["base"] is not None and p["head"] is not None]
        base = [p["base"] for p in ok]
        head = [p["head"] for p in ok]
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
            for arm, values in (("base", base), ("head", head)):
                v = np.asarray(values)
                res[arm] = {q: round(float(np.percentile(v, int(q[1:]))), 6) for q in QUANTILES}
        results[name] = res
        if len(ok) < MIN_PAIRS:
            continue
        size = block or abstats.choose_block(len(ok), preferred=10, min_blocks=10)
        ratios[name] = {q: abstats.block_bootstrap_ratio(base, head, q, size) for q in QUANTILES}
        for q, r in ratios[name].items():
            p_values[(name, q)] = r.p_value
    significant = abstats.holm_significant({f"{n} {q}": p for (n, q), p in p_values.items()})
    for name, res in results.items():
        res["verdict"], res["reason"] = _verdict(res, ratios.get(name), significant, limits, name)
        if name in ratios:
            res["ratios"] = {
                q: {
                    **{k: round(v, 4) for k, v in asdict(r).items() if isinstance(v, float)},
                    "blocks": r.blocks,
                    "block_size": r.block_size,
                    "significant": significant.get(f"{name} {q}", False),
                }
                for q, r in ratios[name].items()
            }
    return results


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
    up, down = [], []
    for q, r in ratios.items():
        thr, floor, sig = limits.threshold[q], limits.floor[q], significant[f"{name} {q}"]
        text = f"{q.upper()} {_pct(r.estimate)} (CI {_pct(r.ci_low)} … {_pct(r.ci_high)})"
        if r.estimate > 1 + thr and r.ci_low > 1 + floor and sig:
            up.append(text)
        elif r.estimate < 1 / (1 + thr) and r.ci_high < 1 - floor and sig:
            down.append(text)
    if up:
        return abstats.REGRESSION, "slower under load: " + "; ".join(up)
    if down:
        return abstats.IMPROVEMENT, "faster under load: " + "; ".join(down)
    r95 = ratios["p95"]
    return abstats.UNCHANGED, (
        f"P95 {_pct(r95.estimate)} (CI {_pct(r95.ci_low)} … {_pct(r95.ci_high)}) over "
        f"{res['pairs']} pairs under load"
    )
