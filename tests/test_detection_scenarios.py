"""The evaluation's concurrency scenarios (perf/eval/detection.py): the scratch patches are valid
Python at the plugin's anchor and do what they say, and the load table counts the verdicts."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

from perf.eval import detection

ROOT = Path(__file__).resolve().parents[1]


def test_patches_compile_in_the_target_file():
    detection.configure(ROOT / "perfci.toml")
    t = detection.CONCURRENCY
    assert t is not None and t.endpoint == "search"
    text = (ROOT / t.file).read_text()
    assert text.count(t.anchor) == 1
    for patch in (
        detection.lock_patch(t),
        detection.blocking_patch(t, 0.004),
        detection.blocking_patch(t, 0.004, blocking=False),
    ):
        compile(text.replace(t.anchor, patch, 1), str(t.file), "exec")


def test_the_lock_patch_serialises_concurrent_awaits_only():
    """The patched line, run as a coroutine: one alone does not wait; four at once queue."""
    anchor = "    x = await asyncio.sleep(0.05)\n"
    t = detection.Target(Path("x.py"), anchor, "x", "")
    body = detection.lock_patch(t)
    namespace: dict = {"asyncio": asyncio}
    exec("async def handler():\n" + body + "    return x\n", namespace)

    async def timed(n: int) -> float:
        started = time.perf_counter()
        await asyncio.gather(*(namespace["handler"]() for _ in range(n)))
        return time.perf_counter() - started

    alone, four = asyncio.run(timed(1)), asyncio.run(timed(4))
    assert four > 3 * alone, (alone, four)


def test_load_row_counts_sequential_and_load_verdicts(tmp_path):
    def run(i: int, seq: list[str], load: dict[str, str], p95: float) -> None:
        d = tmp_path / f"lock-{i:02d}"
        d.mkdir()
        data = {
            "wall_seconds": 100.0 + i,
            "comparisons": [{"name": n, "verdict": "regression"} for n in seq]
            + [{"name": "search", "verdict": "unchanged", "estimate": 1.0 + i / 100}],
            "stages": {
                "load_ab": {
                    "endpoints": [
                        {
                            "name": n,
                            "verdict": v,
                            "ratios": {"p95": {"estimate": p95}},
                            "loop": {"base": 0.0, "head": 0.02 if v == "explained" else 0.0},
                        }
                        for n, v in load.items()
                    ]
                }
            },
        }
        (d / "run.json").write_text(json.dumps(data))

    run(1, [], {"search": "regression", "classify": "unchanged"}, 1.8)
    run(2, [], {"search": "regression", "classify": "regression"}, 2.0)
    run(3, ["classify"], {"search": "unchanged", "classify": "unchanged"}, 1.1)
    row = detection.load_row(sorted(tmp_path.glob("lock-*")), "search")
    assert row["runs"] == 3 and row["sequential flagged target"] == 0
    assert row["sequential any"] == 1
    assert row["load flagged target"] == 2 and row["load only target"] == 1
    assert row["others flagged"] == 1
    lo, mid, hi = row["p95"]
    assert (round(lo, 3), round(mid, 3), round(hi, 3)) == (0.1, 0.8, 1.0)
    assert [round(x, 3) for x in row["sequential"]] == [0.01, 0.02, 0.03]
    assert row["held"] == (0.0, 0.0) and row["explained"] == 0
