"""Detection table of `perfci ab`: scratch commits inject a known slowdown into one endpoint's
code path (a timed spin of a given fraction of that endpoint's own median) or an extra query per
item (N+1), `perfci ab` runs on each, and the verdicts are counted.

    python -m perf.eval.detection --runs 10 --scenarios aa slow25 slow15 slow5 nplus1

Runs in a scratch clone of the repository (the working copy is never touched); each run takes
one `perfci ab` (about 3-4 minutes with the default budget, less with --only/--budget).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

TARGET_FILE = Path("dtrag/engines/reflection.py")
ANCHOR = "        logs = await repo.fetch_recent_logs(conn, case_id, limit)\n"
TARGET_ENDPOINT = "reflection_analyze"


def spin_patch(seconds: float) -> str:
    # A wall-clock spin: a fixed extra cost whatever the CPU's speed at that moment.
    return (
        ANCHOR
        + "        import time as _t\n"
        + f"        _end = _t.perf_counter() + {seconds!r}\n"
        + "        while _t.perf_counter() < _end:\n"
        + "            pass\n"
    )


def nplus1_patch() -> str:
    return ANCHOR + "        for _log in logs[:10]:\n            await conn.fetchval('SELECT 1')\n"


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


def scratch_commit(clone: Path, base: str, patch: str | None, message: str) -> str:
    git("checkout", "-q", "--detach", base, cwd=clone)
    if patch is not None:
        path = clone / TARGET_FILE
        text = path.read_text()
        if ANCHOR not in text:
            sys.exit(f"{TARGET_FILE}: anchor line not found; update perf/eval/detection.py")
        path.write_text(text.replace(ANCHOR, patch, 1))
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


def run_ab(clone: Path, base: str, head: str, out: Path, budget: float, only) -> dict:
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
    r = subprocess.run(cmd, cwd=clone, capture_output=True, text=True)
    if r.returncode not in (0, 1):
        print(r.stdout[-2000:], r.stderr[-2000:], file=sys.stderr)
        sys.exit(f"perfci ab failed with exit {r.returncode} ({out.name})")
    return json.loads((out / "run.json").read_text())


def endpoint_median(clone: Path, base: str, out: Path) -> float:
    """The target's P50 as the A/B measures it (through HTTP): the cost a slowdown adds to."""
    run = run_ab(clone, base, base, out, 5.0, [TARGET_ENDPOINT])
    return float(run["comparisons"][0]["base"]["p50"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument(
        "--scenarios", nargs="+", default=["aa", "slow25", "slow15", "slow5", "nplus1"]
    )
    parser.add_argument("--budget", type=float, default=15.0)
    parser.add_argument("--only", nargs="+", help="endpoints to compare (default: all)")
    parser.add_argument("--out", type=Path, default=Path("reports/runs/eval"))
    args = parser.parse_args()

    repo = Path(git("rev-parse", "--show-toplevel", cwd=Path.cwd()))
    base = git("rev-parse", "HEAD", cwd=repo)
    tmp = Path(tempfile.mkdtemp(prefix="perfci-eval-"))
    clone = tmp / "clone"
    git("clone", "-q", str(repo), str(clone), cwd=tmp)
    median = endpoint_median(clone, base, args.out.resolve() / "calibration")
    patches = {
        "aa": None,
        "slow25": spin_patch(0.25 * median),
        "slow15": spin_patch(0.15 * median),
        "slow5": spin_patch(0.05 * median),
        "nplus1": nplus1_patch(),
    }
    table: dict[str, Counter] = {}
    try:
        for scenario in args.scenarios:
            head = scratch_commit(clone, base, patches[scenario], f"eval: {scenario}")
            counts: Counter = Counter()
            for i in range(args.runs):
                out = args.out.resolve() / f"{scenario}-{i + 1:02d}"
                run = run_ab(clone, base, head, out, args.budget, args.only)
                flagged = sorted(
                    c["name"] for c in run["comparisons"] if c["verdict"] == "regression"
                )
                target = next(c for c in run["comparisons"] if c["name"] == TARGET_ENDPOINT)
                counts["runs"] += 1
                counts["any regression"] += bool(flagged)
                counts["target flagged"] += TARGET_ENDPOINT in flagged
                counts["only target flagged"] += flagged == [TARGET_ENDPOINT]
                counts["reruns"] += sum(c["rerun"] for c in run["comparisons"])
                print(
                    f"{scenario} run {i + 1}: estimate {target['estimate']:.3f} "
                    f"CI {target['ci_low']:.3f}-{target['ci_high']:.3f} flagged {flagged} "
                    f"wall {run['wall_seconds']:.0f} s",
                    flush=True,
                )
            table[scenario] = counts
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nslowdowns relative to {TARGET_ENDPOINT}'s baseline P50 {median * 1000:.2f} ms")
    print("| scenario | runs | any regression | target flagged | only target | reruns |")
    print("|---|---|---|---|---|---|")
    for scenario, c in table.items():
        print(
            f"| {scenario} | {c['runs']} | {c['any regression']} | {c['target flagged']} | "
            f"{c['only target flagged']} | {c['reruns']} |"
        )


if __name__ == "__main__":
    main()
