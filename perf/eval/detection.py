"""Detection table of `perfci ab`: scratch commits inject a known slowdown into one endpoint's
code path (a wall-clock spin sized, in a closed loop of short A/Bs, to make it 25 %, 15 % or 5 %
slower) or an extra query per item (N+1), `perfci ab` runs on each, and the verdicts are counted.

    python -m perf.eval.detection --runs 10 --scenarios aa slow25 slow15 slow5 nplus1

The load A/B's scenarios (`perfci ab --load-seconds`, 60 s as in `perfci pr`) are
concurrency-only regressions on the plugin's `concurrency` target: `lock` (a process-wide
asyncio.Lock held across one await of the endpoint), `blocking` (a call of BLOCKING_SECONDS made
blocking: the base awaits asyncio.sleep, the head calls time.sleep; one at a time the same, under
load the event loop stalls), and `aa-load` (identical arms):

    python -m perf.eval.detection --runs 10 --scenarios aa-load lock blocking

Runs in a scratch clone of the repository (the working copy is never touched); each run takes
one `perfci ab` (about 3-4 minutes with the default budget, less with --only/--budget).
Run directories go to --out (one per run, `<scenario>-NN`); an interrupted evaluation resumes
where it stopped, and `--table-only` prints the table from them. The table also gives what
pytest-benchmark's `--benchmark-compare-fail=mean:10%` would have said on the same A/A data.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Target:
    """Where the scratch commits inject: a line of the service's code on one endpoint's path
    (the new code goes right after it, at its indentation), that endpoint's name, and the
    statement an N+1 repeats per item. The service's plugin declares it as `DETECTION`
    (a dict of these fields), so that the evaluation runs on any service."""

    file: Path
    anchor: str
    endpoint: str
    nplus1: str  # code, with the anchor's indentation, that adds one query per item


TARGET: Target  # set by configure() from the config's plugin
# The concurrency-only scenarios' target (DETECTION["concurrency"]: file, anchor, endpoint):
# `lock` holds one process-wide asyncio.Lock across the anchor's await; `blocking` compares a
# base that awaits a BLOCKING_SECONDS call after it (`await asyncio.sleep`, an external API
# call done right) with a head that makes the same call blocking (`time.sleep`, a synchronous
# client in an async handler): one at a time both take the same time, under load the head's
# event loop serves nothing meanwhile.
CONCURRENCY: Target | None = None
LOAD_SCENARIOS = ("aa-load", "lock", "blocking")
BLOCKING_SECONDS = 0.02


def configure(config_path: Path | None) -> Target:
    from perf.config import load_config
    from perf.driver import plugin

    config = load_config(config_path)
    spec = getattr(plugin(config), "DETECTION", None)
    if not isinstance(spec, dict):
        sys.exit(f"{config.path}: the service plugin declares no DETECTION target")
    global TARGET, CONCURRENCY
    TARGET = Target(Path(spec["file"]), spec["anchor"], spec["endpoint"], spec["nplus1"])
    c = spec.get("concurrency")
    if isinstance(c, dict):
        CONCURRENCY = Target(Path(c["file"]), c["anchor"], c["endpoint"], "")
    return TARGET


def lock_patch(t: Target) -> str:
    """The anchor's await inside `async with` one process-wide lock: a lone request takes it
    at once, concurrent ones queue for each other's whole await."""
    indent = t.anchor[: len(t.anchor) - len(t.anchor.lstrip())]
    lock = '__import__("builtins").__dict__.setdefault("_eval_lock", __import__("asyncio").Lock())'
    return f"{indent}async with {lock}:\n{indent}    {t.anchor.strip()}\n"


def blocking_patch(t: Target, seconds: float, blocking: bool = True) -> str:
    """A call of `seconds` right after the anchor: blocking (time.sleep, the event loop serves
    nothing meanwhile) or awaited (asyncio.sleep, the base of the `blocking` scenario)."""
    indent = t.anchor[: len(t.anchor) - len(t.anchor.lstrip())]
    call = "__import__('time').sleep" if blocking else "await __import__('asyncio').sleep"
    return t.anchor + f"{indent}{call}({seconds!r})\n"


def spin_patch(seconds: float) -> str:
    # A wall-clock spin: a fixed extra cost whatever the CPU's speed at that moment.
    indent = TARGET.anchor[: len(TARGET.anchor) - len(TARGET.anchor.lstrip())]
    return (
        TARGET.anchor
        + f"{indent}import time as _t\n"
        + f"{indent}_end = _t.perf_counter() + {seconds!r}\n"
        + f"{indent}while _t.perf_counter() < _end:\n"
        + f"{indent}    pass\n"
    )


def nplus1_patch() -> str:
    return TARGET.anchor + TARGET.nplus1


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def scratch_commit(
    clone: Path, base: str, patch: str | None, message: str, target: Target | None = None
) -> str:
    target = target or TARGET
    git("checkout", "-q", "--detach", base, cwd=clone)
    if patch is not None:
        path = clone / target.file
        text = path.read_text()
        if target.anchor not in text:
            sys.exit(f"{target.file}: anchor line not found; update the plugin's DETECTION")
        path.write_text(text.replace(target.anchor, patch, 1))
    git(
        "-c",
        "user.name=eval",
        "-c",
        "user.email=eval@localhost",
        "commit",
        "-q",
        "--allow-empty",
        "-am",
        message,
        cwd=clone,
    )
    return git("rev-parse", "HEAD", cwd=clone)


def run_ab(
    clone: Path, base: str, head: str, out: Path, budget: float, only, load_seconds: float = 0
) -> dict:
    cmd = [
        sys.executable,
        "-m",
        "perf.cli",
        "-q",
        "ab",
        "--base",
        base,
        "--head",
        head,
        "--out",
        str(out),
        "--budget",
        str(budget),
    ]
    if only:
        cmd += ["--only", *only]
    if load_seconds:
        cmd += ["--load-seconds", str(load_seconds)]
    r = subprocess.run(cmd, cwd=clone, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        print(r.stdout[-2000:], r.stderr[-2000:], file=sys.stderr)
        sys.exit(f"perfci ab failed with exit {r.returncode} ({out.name})")
    return json.loads((out / "run.json").read_text())


def endpoint_median(clone: Path, base: str, out: Path, endpoint: str | None = None) -> float:
    """The target's P50 as the A/B measures it (through HTTP): the cost a slowdown adds to."""
    if not (out / "run.json").exists():
        run_ab(clone, base, base, out, 5.0, [endpoint or TARGET.endpoint])
    run = json.loads((out / "run.json").read_text())
    return float(run["comparisons"][0]["base"]["p50"])


def load_row(run_dirs: list[Path], endpoint: str) -> dict:
    """A concurrency scenario's row: what the sequential A/B and the load A/B said."""
    counts: Counter = Counter()
    changes, walls, held, seq_changes, locked = [], [], [], [], []
    for d in run_dirs:
        run = json.loads((d / "run.json").read_text())
        seq = sorted(c["name"] for c in run["comparisons"] if c["verdict"] == "regression")
        load = (run.get("stages") or {}).get("load_ab") or {}
        flagged = sorted(
            e["name"] for e in load.get("endpoints", []) if e["verdict"] == "regression"
        )
        counts["runs"] += 1
        counts["sequential flagged target"] += endpoint in seq
        seq_changes += [c["estimate"] - 1 for c in run["comparisons"] if c["name"] == endpoint]
        counts["sequential any"] += bool(seq)
        counts["load flagged target"] += endpoint in flagged
        counts["load only target"] += flagged == [endpoint]
        counts["load any"] += bool(flagged)
        counts["others flagged"] += len([f for f in flagged if f != endpoint])
        counts["explained"] += len([e for e in load.get("endpoints", [])
                                    if e["verdict"] == "explained"])  # fmt: skip
        counts["shift"] += (load.get("shift") or {}).get("verdict") == "regression"
        for e in load.get("endpoints", []):
            if e["name"] == endpoint and e.get("ratios"):
                changes.append(e["ratios"]["p95"]["estimate"] - 1)
            if e["name"] == endpoint and e.get("loop"):
                held.append((e["loop"]["base"], e["loop"]["head"]))
                if isinstance(e["loop"].get("lock"), dict):
                    locked.append((e["loop"]["lock"]["base"], e["loop"]["lock"]["head"]))
        walls.append(run["wall_seconds"])
    row = dict(counts)
    if changes:
        changes.sort()
        row["p95"] = (changes[0], changes[len(changes) // 2], changes[-1])
    if seq_changes:
        seq_changes.sort()
        row["sequential"] = (seq_changes[0], seq_changes[len(seq_changes) // 2], seq_changes[-1])
    if held:
        held.sort(key=lambda x: x[1] - x[0])
        row["held"] = held[len(held) // 2]
    if locked:
        locked.sort(key=lambda x: x[1] - x[0])
        row["lock"] = locked[len(locked) // 2]
    if walls:
        row["wall"] = (min(walls), sorted(walls)[len(walls) // 2], max(walls))
    return row


def print_load_table(out: Path, scenarios: list[str]) -> None:
    if CONCURRENCY is None:
        return
    rows = [(s, sorted(out.glob(f"{s}-[0-9][0-9]"))) for s in scenarios if s in LOAD_SCENARIOS]
    if not any(dirs for _, dirs in rows):
        return
    print(
        f"\nLoad A/B (target {CONCURRENCY.endpoint}):\n"
        "| scenario | runs | sequential: target flagged | sequential: target's change, median "
        "(min … max) | sequential: any | load: target "
        "flagged | load: only the target | load: other endpoints flagged | others explained by "
        "the target | shift flagged | target's P95 change under load, median (min … max) | "
        "event loop blocked by the target, ms/request base → head (median run) | the target's "
        "lock wait, ms/request base → head (median run) | wall min / median / max (s) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for scenario, dirs in rows:
        if not dirs:
            continue
        r = load_row(dirs, CONCURRENCY.endpoint)
        p95 = (
            "{1} ({0} … {2})".format(*(f"{100 * x:+.1f} %" for x in r["p95"]))
            if "p95" in r
            else "–"
        )
        wall = " / ".join(f"{w:.0f}" for w in r["wall"])
        seq = (
            "{1} ({0} … {2})".format(*(f"{100 * x:+.1f} %" for x in r["sequential"]))
            if "sequential" in r
            else "–"
        )
        held = "{:.1f} → {:.1f}".format(*(1e3 * x for x in r["held"])) if "held" in r else "–"
        lock = "{:.1f} → {:.1f}".format(*(1e3 * x for x in r["lock"])) if "lock" in r else "–"
        print(
            f"| {scenario} | {r.get('runs', 0)} | "
            f"{r.get('sequential flagged target', 0)} | {seq} | "
            f"{r.get('sequential any', 0)} | {r.get('load flagged target', 0)} | "
            f"{r.get('load only target', 0)} | {r.get('others flagged', 0)} | "
            f"{r.get('explained', 0)} | {r.get('shift', 0)} | {p95} | {held} | {lock} | {wall} |"
        )


def sized_spin(clone: Path, base: str, calibration: Path, fraction: float) -> float:
    """Seconds of spin that make the target `fraction` slower as the A/B measures it.

    A fixed spin of fraction x P50 missed: the P50 taken earlier moves with the machine's load
    (a busier moment's P50 made "+15 %" a +22.6 % change). So the spin is sized in a closed
    loop, just before the scenario's first run: the target's P50 (base against base), then
    short A/Bs of the spin commit (`check-N`), each correcting the spin by the measured miss
    (spin' = spin + (fraction - measured change) x base P50), until the measured change is
    within 2 points of `fraction` (at most 3 checks). The result is stored in `spin.json`, so
    every run of a scenario uses the same commit and an interrupted evaluation resumes with it."""
    sized = calibration / "spin.json"
    if sized.exists():
        return float(json.loads(sized.read_text())["spin_seconds"])
    if not (calibration / "run.json").exists():
        endpoint_median(clone, base, calibration)
    run = json.loads((calibration / "run.json").read_text())
    spin = fraction * float(run["comparisons"][0]["base"]["p50"])
    checks = []
    for n in range(1, 4):
        head = scratch_commit(clone, base, spin_patch(spin), f"eval: spin {spin * 1e3:.3f} ms")
        check = run_ab(clone, base, head, calibration / f"check-{n}", 5.0, [TARGET.endpoint])
        c = check["comparisons"][0]
        measured = c["estimate"] - 1
        checks.append({"spin_seconds": spin, "measured_change": measured})
        print(
            f"{calibration.name}: spin {spin * 1e3:.3f} ms -> measured {100 * measured:+.1f} % "
            f"(target {100 * fraction:+.0f} %)",
            flush=True,
        )
        if abs(measured - fraction) <= 0.02:
            break
        spin = max(0.0, spin + (fraction - measured) * float(c["base"]["p50"]))
    else:
        # three checks without landing within 2 points: keep the last one measured
        spin = checks[-1]["spin_seconds"]
    sized.write_text(
        json.dumps({"fraction": fraction, "spin_seconds": spin, "checks": checks}, indent=2) + "\n"
    )
    return spin


def pytest_benchmark_false_alarms(run_dirs: list[Path], fail: str = "mean:10%") -> dict:
    """What pytest-benchmark's `--benchmark-compare-fail=<fail>` against the previous run's saved
    JSON would have said on the same A/A runs: run i of an arm is compared with run i-1 of that
    arm, per endpoint, with pytest-benchmark's own statistics (`Stats`) and regression check
    (`parse_compare_fail`). Identical code on both sides, so every failure is a false alarm."""
    from pytest_benchmark.stats import Stats
    from pytest_benchmark.utils import parse_compare_fail

    check = parse_compare_fail(fail)
    series = []
    for d in run_dirs:
        samples = json.loads((d / "ab-samples.json").read_text())
        per_arm = {}
        for arm in ("base", "head"):
            per_arm[arm] = {}
            for name, s in samples.items():
                stats = Stats()
                for value in s[arm]:
                    stats.update(value)
                per_arm[arm][name] = stats.as_dict()
        series.append(per_arm)
    comparisons = failed_runs = failed_benchmarks = benchmarks = 0
    worst = 0.0
    for arm in ("base", "head"):
        for previous, current in zip(series, series[1:], strict=False):
            comparisons += 1
            failed = 0
            for name, stats in current[arm].items():
                if name not in previous[arm]:
                    continue
                benchmarks += 1
                change = check.compute(stats, previous[arm][name])
                worst = max(worst, change)
                failed += bool(check.fails(stats, previous[arm][name]))
            failed_benchmarks += failed
            failed_runs += bool(failed)
    return {
        "rule": f"--benchmark-compare-fail={fail}",
        "comparisons": comparisons,
        "failed_runs": failed_runs,
        "benchmarks": benchmarks,
        "failed_benchmarks": failed_benchmarks,
        "worst_change_percent": round(worst, 1),
    }


def scenario_row(run_dirs: list[Path]) -> dict:
    counts: Counter = Counter()
    walls: list[float] = []
    estimates: list[float] = []
    for d in run_dirs:
        run = json.loads((d / "run.json").read_text())
        flagged = sorted(c["name"] for c in run["comparisons"] if c["verdict"] == "regression")
        counts["runs"] += 1
        counts["any regression"] += bool(flagged)
        counts["target flagged"] += TARGET.endpoint in flagged
        counts["only target flagged"] += flagged == [TARGET.endpoint]
        counts["statements grew"] += any(
            (s := c["statements_per_request"])["base"] is not None
            and s["head"] is not None
            and s["head"] > s["base"]
            for c in run["comparisons"]
        )
        counts["reruns"] += sum(bool(c["rerun"]) for c in run["comparisons"])
        walls.append(run["wall_seconds"])
        estimates += [c["estimate"] for c in run["comparisons"] if c["name"] == TARGET.endpoint]
    row = dict(counts)
    if walls:
        row["wall"] = (min(walls), sorted(walls)[len(walls) // 2], max(walls))
    if estimates:
        estimates.sort()
        row["target"] = (estimates[0], estimates[len(estimates) // 2], estimates[-1])
    return row


def print_table(out: Path, scenarios: list[str]) -> None:
    for cal in sorted(out.glob("calibration-*/run.json")):
        median = json.loads(cal.read_text())["comparisons"][0]["base"]["p50"]
        line = f"{cal.parent.name}: {TARGET.endpoint}'s P50 {median * 1e3:.2f} ms"
        sized = cal.parent / "spin.json"
        if sized.exists():
            spin = json.loads(sized.read_text())
            checks = ", ".join(
                f"{c['spin_seconds'] * 1e3:.3f} ms -> {100 * c['measured_change']:+.1f} %"
                for c in spin["checks"]
            )
            line += f"; spin {spin['spin_seconds'] * 1e3:.3f} ms (checks: {checks})"
        print(line)
    print(
        "| scenario | runs | any regression | target flagged | only target | "
        "statements grew | reruns | target change, median (min … max) | "
        "wall min / median / max (s) |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for scenario in scenarios:
        dirs = sorted(out.glob(f"{scenario}-[0-9][0-9]"))
        if not dirs or scenario in LOAD_SCENARIOS:
            continue
        r = scenario_row(dirs)
        wall = " / ".join(f"{w:.0f}" for w in r["wall"])
        lo, mid, hi = (f"{100 * (e - 1):+.1f} %" for e in r["target"])
        print(
            f"| {scenario} | {r.get('runs', 0)} | {r.get('any regression', 0)} | "
            f"{r.get('target flagged', 0)} | {r.get('only target flagged', 0)} | "
            f"{r.get('statements grew', 0)} | {r.get('reruns', 0)} | {mid} ({lo} … {hi}) | "
            f"{wall} |"
        )
    aa = sorted(out.glob("aa-[0-9][0-9]"))
    if len(aa) >= 2:
        pb = pytest_benchmark_false_alarms(aa)
        ours = scenario_row(aa)
        print(f"\nOn the same {len(aa)} A/A runs (identical code on both sides):")
        print("| rule | comparisons | with a false alarm | benchmarks failed |")
        print("|---|---|---|---|")
        print(
            f"| perfci ab (same-job A/B) | {ours['runs']} runs | "
            f"{ours.get('any regression', 0)} | - |"
        )
        print(
            f"| pytest-benchmark {pb['rule']} vs the previous run, each arm | "
            f"{pb['comparisons']} | {pb['failed_runs']} | "
            f"{pb['failed_benchmarks']} of {pb['benchmarks']} "
            f"(worst {pb['worst_change_percent']:+.1f} %) |"
        )
    print_load_table(out, scenarios)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--scenarios", nargs="+", default=["aa", "slow25", "slow15", "slow5", "nplus1"]
    )
    parser.add_argument("--budget", type=float, default=15.0)
    parser.add_argument("--only", nargs="+", help="endpoints to compare (default: all)")
    parser.add_argument("--out", type=Path, default=Path("reports/runs/eval"))
    parser.add_argument(
        "--table-only",
        action="store_true",
        help="print the table from the run directories already in --out; run nothing",
    )
    parser.add_argument("--config", type=Path, help="config file (default ./perfci.toml)")
    parser.add_argument(
        "--load-seconds",
        type=float,
        default=60.0,
        help="the load A/B's length in the concurrency scenarios (aa-load, lock, blocking)",
    )
    args = parser.parse_args()
    configure(args.config)
    out = args.out.resolve()
    if args.table_only:
        print_table(out, args.scenarios)
        return

    repo = Path(git("rev-parse", "--show-toplevel", cwd=Path.cwd()))
    base = git("rev-parse", "HEAD", cwd=repo)
    tmp = Path(tempfile.mkdtemp(prefix="perfci-eval-"))
    clone = tmp / "clone"
    git("clone", "-q", str(repo), str(clone), cwd=tmp)

    def patch_for(scenario: str) -> str | None:
        if scenario in ("aa", "aa-load"):
            return None
        if scenario in ("lock", "blocking") and CONCURRENCY is None:
            sys.exit("the service plugin's DETECTION has no 'concurrency' target")
        if scenario == "lock":
            return lock_patch(CONCURRENCY)
        if scenario == "blocking":
            return blocking_patch(CONCURRENCY, BLOCKING_SECONDS)
        if scenario == "nplus1":
            return nplus1_patch()
        fraction = int(scenario.removeprefix("slow")) / 100
        return spin_patch(sized_spin(clone, base, out / f"calibration-{scenario}", fraction))

    try:
        for scenario in args.scenarios:
            load = scenario in LOAD_SCENARIOS
            target = CONCURRENCY if scenario in ("lock", "blocking") else None
            head = scratch_commit(
                clone, base, patch_for(scenario), f"eval: {scenario}", target=target
            )
            arm_base = base
            if scenario == "aa-load":  # the same commit on both arms: a true A/A run
                head = base
            if scenario == "blocking":  # the base awaits the same call
                arm_base = scratch_commit(
                    clone, base, blocking_patch(CONCURRENCY, BLOCKING_SECONDS, blocking=False),
                    "eval: blocking (base: the call awaited)", target=target,
                )  # fmt: skip
            for i in range(args.runs):
                run_dir = out / f"{scenario}-{i + 1:02d}"
                if (run_dir / "run.json").exists():
                    continue  # resumable: an interrupted evaluation picks up where it stopped
                run = run_ab(
                    clone, arm_base, head, run_dir, args.budget, args.only,
                    args.load_seconds if load else 0,
                )  # fmt: skip
                if load:
                    loaded = run["stages"]["load_ab"].get("endpoints", [])
                    seq = [c["name"] for c in run["comparisons"] if c["verdict"] == "regression"]
                    under = [e["name"] for e in loaded if e["verdict"] == "regression"]
                    why = [e["name"] for e in loaded if e["verdict"] == "explained"]
                    print(
                        f"{scenario} run {i + 1}: sequential {sorted(seq)}, under load "
                        f"{sorted(under)}, explained {sorted(why)}, "
                        f"wall {run['wall_seconds']:.0f} s",
                        flush=True,
                    )
                    continue
                flagged = sorted(
                    c["name"] for c in run["comparisons"] if c["verdict"] == "regression"
                )
                target = next(c for c in run["comparisons"] if c["name"] == TARGET.endpoint)
                print(
                    f"{scenario} run {i + 1}: estimate {target['estimate']:.3f} "
                    f"CI {target['ci_low']:.3f}-{target['ci_high']:.3f} flagged {flagged} "
                    f"wall {run['wall_seconds']:.0f} s",
                    flush=True,
                )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print_table(out, args.scenarios)


if __name__ == "__main__":
    main()
