"""Charts of a report as inline SVG strings (matplotlib, Agg backend, text kept as text).

Each function takes plain numbers and returns one `<svg>` element, or "" when there is
nothing to draw. Output is deterministic (fixed hash salt, no date in the metadata), so the
same run directory renders the same HTML.
"""

from __future__ import annotations

import io
import re

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from matplotlib import ticker  # noqa: E402

from perf.report import vocabulary as words  # noqa: E402

STYLE = {
    "svg.fonttype": "none",  # text stays text: smaller, selectable, searchable
    "svg.hashsalt": "perfci",
    "font.size": 9,
    "font.family": "sans-serif",
    "axes.spines.top": False,
    "axes.spines.right": False,
}
BASE_COLOR, HEAD_COLOR = "#7f8c8d", "#2f6fdf"
STATUS_COLOR = {  # keyed by the verdict words of perf.report.vocabulary
    words.REGRESSED: "#c0392b",
    words.IMPROVED: "#1e8449",
    words.SLOWER: "#d35400",
    words.FASTER: "#229954",
    words.NOISY: "#b9770e",
    words.UNCHANGED: "#34495e",
    words.NEW: "#34495e",
    words.REMOVED: "#34495e",
}


def _to_svg(fig) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]  # drop the XML declaration and DOCTYPE: inline in HTML


def _unique_ids(svg: str, prefix: str) -> str:
    """ids are unique within one chart but not across a page of charts: prefix them."""
    ids = set(re.findall(r'id="([^"]+)"', svg))
    for i in sorted(ids, key=len, reverse=True):
        svg = svg.replace(f'id="{i}"', f'id="{prefix}-{i}"')
        svg = svg.replace(f"#{i})", f"#{prefix}-{i})").replace(f'"#{i}"', f'"#{prefix}-{i}"')
    return svg


# Tick multiples per decade on a log axis, sparsest first. The densest set is used whose
# ticks are at most MAX_LOG_TICKS and no closer than MIN_LOG_GAP of the axis (labels never
# overlap); a range too narrow for two of them gets plain linear steps.
LOG_SUBS = (
    (1.0,),
    (1.0, 3.0),
    (1.0, 2.0, 5.0),
    (1.0, 2.0, 3.0, 5.0, 7.0),
    tuple(float(k) for k in range(1, 10)),
)
MAX_LOG_TICKS = 8
MIN_LOG_GAP = 0.1


class PlainLogLocator(ticker.LogLocator):
    """Major ticks of a log axis at round numbers: 1, 10, 100; 3, 10, 30; 5, 10, 20, 50; …
    as dense as the range allows without crowding."""

    def tick_values(self, vmin: float, vmax: float) -> np.ndarray:
        lo, hi = sorted((vmin, vmax))
        if not (np.isfinite(lo) and np.isfinite(hi)) or hi <= 0:
            return super().tick_values(vmin, vmax)
        lo = max(lo, hi * 1e-12)
        span = np.log10(hi) - np.log10(lo)
        decades = range(int(np.floor(np.log10(lo))) - 1, int(np.ceil(np.log10(hi))) + 1)
        candidates = []
        for subs in LOG_SUBS:
            values = sorted({float(f"{s * 10.0**d:.12g}") for d in decades for s in subs})
            candidates.append([v for v in values if lo <= v <= hi])
        for inside in reversed(candidates):
            gaps = np.diff(np.log10(inside))
            if 2 <= len(inside) <= MAX_LOG_TICKS and gaps.min() >= MIN_LOG_GAP * span:
                return np.array(inside)
        if len(candidates[0]) >= 2:
            return np.array(candidates[0])
        steps = ticker.MaxNLocator(nbins=4, steps=[1, 2, 2.5, 5, 10]).tick_values(lo, hi)
        return np.array([v for v in steps if v > 0 and lo <= v <= hi] or [lo, hi])


def plain_number(value: float, _pos=None) -> str:
    """3, 20, 1,500, 0.5: a tick label with neither exponent nor trailing zeros."""
    if value >= 1000:
        return f"{value:,.0f}" if value == round(value) else f"{value:,.1f}"
    return np.format_float_positional(value, precision=4, trim="-")


def plain_log_axis(axis) -> None:
    """Log-axis ticks as plain numbers (3, 5, 10, 20 ms), no minor ticks: matplotlib's default
    labels minor ticks in scientific notation on a narrow range, and they overlap."""
    axis.set_major_locator(PlainLogLocator())
    axis.set_major_formatter(ticker.FuncFormatter(plain_number))
    axis.set_minor_locator(ticker.NullLocator())
    axis.set_minor_formatter(ticker.NullFormatter())


def finish(fig, prefix: str) -> str:
    return _unique_ids(_to_svg(fig), prefix)


def ratio_forest(rows: list[tuple[str, float, float, float, str]], threshold: float) -> str:
    """Head/base ratio per endpoint with its 95 % CI: (name, estimate, low, high, status)."""
    if not rows:
        return ""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(layout="constrained", figsize=(7, 0.35 * len(rows) + 0.9))
        for i, (_name, est, low, high, status) in enumerate(rows):
            color = STATUS_COLOR.get(status, "#34495e")
            ax.plot([(low - 1) * 100, (high - 1) * 100], [i, i], color=color, lw=2)
            ax.plot([(est - 1) * 100], [i], "o", color=color)
        ax.axvline(0, color="#999", lw=1)
        # the gate as perf.abstats applies it: over 1 + t, or under 1 / (1 + t)
        for x in ((1 / (1 + threshold) - 1) * 100, threshold * 100):
            ax.axvline(x, color="#c0392b", lw=0.8, ls="--")
        ax.set_yticks(range(len(rows)), [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_xlabel(
            "change head vs base, % (median of block ratios and its 95 % CI; "
            f"dashed: the {words.percent(threshold)} gate)"
        )
        return finish(fig, "forest")


def distributions(samples: dict[str, dict[str, list[float]]], order: list[str]) -> str:
    """Box plots of the raw timings per endpoint, both arms side by side, in ms (log axis)."""
    names = [n for n in order if n in samples and any(samples[n].values())]
    if not names:
        return ""
    arms = sorted({a for n in names for a in samples[n]}, key=lambda a: ("base", "head").index(a)
                  if a in ("base", "head") else 2)  # fmt: skip
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(
            layout="constrained", figsize=(7, 0.45 * len(names) * max(1, len(arms) / 1.5) + 0.9)
        )
        positions, data, colors, labels = [], [], [], []
        for i, n in enumerate(names):
            for j, arm in enumerate(arms):
                values = [v * 1000 for v in samples[n].get(arm) or []]
                if not values:
                    continue
                positions.append(i * (len(arms) + 1) + j)
                data.append(values)
                colors.append(HEAD_COLOR if arm in ("head", "run") else BASE_COLOR)
                labels.append(f"{n} {arm}" if len(arms) > 1 else n)
        box = ax.boxplot(
            data,
            positions=positions,
            orientation="horizontal",
            widths=0.7,
            patch_artist=True,
            showfliers=True,
            flierprops={"markersize": 2, "alpha": 0.4},
        )
        for patch, color in zip(box["boxes"], colors, strict=True):
            patch.set_facecolor(color)
            patch.set_alpha(0.6)
        ax.set_yticks(positions, labels)
        ax.invert_yaxis()
        ax.set_xscale("log")
        plain_log_axis(ax.xaxis)
        ax.set_xlabel("request time, ms (box: quartiles; whiskers: 1.5 IQR)")
        return finish(fig, "dist")


def percentile_bars(rows: list[tuple[str, float | None, float | None, float | None]]) -> str:
    """P50/P95/P99 per benchmark in ms, when there are no raw samples to draw."""
    rows = [r for r in rows if r[1] is not None]
    if not rows:
        return ""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(layout="constrained", figsize=(7, 0.4 * len(rows) + 0.9))
        for k, (label, color) in enumerate(
            (("P50", "#2f6fdf"), ("P95", "#e67e22"), ("P99", "#c0392b"))
        ):
            ys = [i + (k - 1) * 0.27 for i in range(len(rows))]
            xs = [(r[k + 1] or 0) * 1000 for r in rows]
            ax.barh(ys, xs, height=0.25, color=color, label=label)
        ax.set_yticks(range(len(rows)), [r[0] for r in rows])
        ax.invert_yaxis()
        ax.set_xscale("log")
        plain_log_axis(ax.xaxis)
        ax.set_xlabel("ms")
        ax.legend(loc="lower right", frameon=False)
        return finish(fig, "pct")


def load_timeseries(
    name: str,
    points: list[dict],
    spike: dict | None = None,
) -> str:
    """Users, RPS, P95 and errors over time for one load scenario; the spike's recovery shaded
    (from the drop after the peak until P99 is back near its pre-spike level, as the load stage
    measures it)."""
    pts = [p for p in points if isinstance(p, dict) and isinstance(p.get("t"), int | float)]
    if not pts:
        return ""
    t = [float(p["t"]) for p in pts]

    def series(key: str, scale: float = 1.0) -> list[float]:
        return [float(p.get(key) or 0) * scale for p in pts]

    panels = (
        ("users", "users", 1.0, "#34495e"),
        ("rps", "requests/s", 1.0, "#2f6fdf"),
        ("p95", "P95 ms", 1000.0, "#e67e22"),
        ("errors", "errors", 1.0, "#c0392b"),
    )
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(
            len(panels), 1, figsize=(7, 5.2), sharex=True, layout="constrained"
        )
        for ax, (key, label, scale, color) in zip(axes, panels, strict=True):
            values = series(key, scale)
            ax.plot(t, values, color=color, lw=1.4)
            ax.set_ylabel(label)
            if key == "p95" and spike and isinstance(spike.get("pre_p99"), int | float):
                level = float(spike["pre_p99"]) * 1000  # the level it has to come back to
                ax.axhline(level, color="#999", ls="--", lw=0.8)
                values = [*values, level]
            ax.set_ylim(0, max(values) * 1.1 if max(values) > 0 else 1)
        if spike and isinstance(spike.get("recovery_seconds"), int | float):
            users = series("users")
            # recovery is timed from the drop: the first point after the peak with fewer users
            last_peak = max(i for i, u in enumerate(users) if u == max(users))
            start = t[min(last_peak + 1, len(t) - 1)]
            for ax in axes:
                ax.axvspan(start, start + float(spike["recovery_seconds"]), color="#f5cba7",
                           alpha=0.4, lw=0)  # fmt: skip
        axes[-1].set_xlabel("seconds")
        axes[0].set_title(name, loc="left")
        return finish(fig, f"load-{re.sub(r'[^A-Za-z0-9_-]', '_', name)}")


def capacity_curve(
    name: str, steps: list[dict], sla_p95: float | None, spread: dict | None = None
) -> str:
    """P95 and P50 (ms, log axis) against the offered rate of every step of the capacity
    search, one line per repeat (failed steps as crosses), the SLA's P95 dashed, the knee (the
    repeats' median) as a vertical line with their min–max shaded."""
    pts = [
        s
        for s in steps
        if isinstance(s, dict)
        and isinstance(s.get("offered"), int | float)
        and isinstance(s.get("p95"), int | float)
        and s["p95"] > 0
    ]
    if not pts:
        return ""
    repeats = sorted({int(s.get("repeat") or 1) for s in pts})
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(layout="constrained", figsize=(7, 3.2))
        for k, rep in enumerate(repeats):
            mine = sorted((s for s in pts if int(s.get("repeat") or 1) == rep),
                          key=lambda s: s["offered"])  # fmt: skip
            x = [float(s["offered"]) for s in mine]
            alpha = 1.0 if len(repeats) == 1 else 0.45 + 0.55 * k / (len(repeats) - 1)
            first = k == 0
            ax.plot(x, [1000 * s["p95"] for s in mine], color="#e67e22", lw=1.2, alpha=alpha,
                    label="P95" if first else None)  # fmt: skip
            p50 = [(xx, 1000 * s["p50"]) for xx, s in zip(x, mine, strict=True)
                   if isinstance(s.get("p50"), int | float) and s["p50"] > 0]  # fmt: skip
            if p50:
                ax.plot(*zip(*p50, strict=True), color=HEAD_COLOR, lw=1.0, alpha=alpha,
                        label="P50" if first else None)  # fmt: skip
            for s in mine:
                ok = bool(s.get("passed"))
                ax.plot([s["offered"]], [1000 * s["p95"]], "o" if ok else "x",
                        color="#e67e22" if ok else "#c0392b", ms=4, alpha=alpha)  # fmt: skip
        if isinstance(sla_p95, int | float) and sla_p95 > 0:
            ax.axhline(1000 * sla_p95, color="#c0392b", lw=0.8, ls="--",
                       label=f"SLA P95 {1000 * sla_p95:g} ms")  # fmt: skip
        spread = spread or {}
        knee = spread.get("median")
        if isinstance(knee, int | float) and knee > 0:
            lo, hi = spread.get("min"), spread.get("max")
            label = f"knee {knee:.3g} req/s"
            if isinstance(lo, int | float) and isinstance(hi, int | float) and hi > lo > 0:
                ax.axvspan(lo, hi, color="#abebc6", alpha=0.5, lw=0)
                label += f" (median; shaded: {lo:.3g}–{hi:.3g})"
            ax.axvline(knee, color="#1e8449", lw=1.2, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        plain_log_axis(ax.xaxis)
        plain_log_axis(ax.yaxis)
        ax.set_xlabel("offered arrival rate, requests/s (open loop)")
        ax.set_ylabel("latency from scheduled send, ms")
        ax.set_title(name, loc="left")
        ax.legend(loc="upper left", frameon=False, fontsize=8)
        return finish(fig, f"capacity-{re.sub(r'[^A-Za-z0-9_-]', '_', name)}")
