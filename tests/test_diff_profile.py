"""The differential profile of a regressed endpoint: head minus base from both arms' collapsed
stacks (perf.profile.diff, on fixed data), its place in run.json and the reports, and, end to
end, `perfci pr --quick` of a scratch commit whose head adds a busy loop to reflection analyze:
the top grown frame is the slowed function, named in the comment and linked from the report."""

from __future__ import annotations

import json
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from perf.errors import UsageError
from perf.profile import diff
from perf.report.model import load_report
from perf.report.render import comment_text, html_text
from tests.conftest import PERFCI

ROOT = Path(__file__).resolve().parents[1]
REPORT_RUN = Path(__file__).parent / "data" / "report-run"

BASE = """\
main (app/main.py:1);handler (app/api.py:10);query (asyncpg/connection.py:5) 60
main (app/main.py:1);handler (app/api.py:10) 40
run (asyncio/base_events.py:593);EpollSelector.select (selectors.py:451) 500
"""
# the head: the handler moved down two lines (matched by function and file, not line) and
# calls a new _slowdown as long as the rest together; the event loop idles as before
HEAD = """\
main (app/main.py:1);handler (app/api.py:12);query (asyncpg/connection.py:5) 60
main (app/main.py:1);handler (app/api.py:12) 40
main (app/main.py:1);handler (app/api.py:12);_slowdown (app/api.py:3) 100
run (asyncio/base_events.py:593);EpollSelector.select (selectors.py:451) 700
"""


def own(label: str) -> bool:
    return "(app/" in label


def test_top_grown_is_the_slowed_function_not_its_callers():
    base, head = diff.parse_collapsed(BASE, own), diff.parse_collapsed(HEAD, own)
    # the idle event loop is not request work: the shares are of the 100 and 200 busy samples
    assert sum(base.values()) == 100 and sum(head.values()) == 200
    top = diff.top_grown(base, head)
    # handler and main grew inclusively as much (100 % → 100 %: everything is under them) but
    # their own time shrank; _slowdown is where the new time is spent
    assert [t["frame"] for t in top] == ["_slowdown (app/api.py:3)"]
    assert top[0]["base_share"] == 0.0 and top[0]["head_share"] == 0.5
    assert top[0]["grown_by"] == 0.5 and top[0]["own"] is True
    assert top[0]["base_own_share"] == 0.0 and top[0]["head_own_share"] == 0.5


def test_without_own_code_the_frames_rank_by_self_share_less_the_server():
    extra = "run (asyncio/base_events.py:593);Server.serve (uvicorn/server.py:70) 50\n"
    base = diff.parse_collapsed(BASE)
    head = diff.parse_collapsed(HEAD + extra)
    top = diff.top_grown(base, head)
    assert top[0]["frame"] == "_slowdown (app/api.py:3)" and top[0]["ranked_by"] == "self"
    assert top[0]["head_share"] == pytest.approx(100 / 250)
    assert not any("uvicorn/" in t["frame"] or "asyncio/" in t["frame"] for t in top), top


def test_no_growth_and_no_samples():
    base = diff.parse_collapsed(BASE, own)
    assert diff.top_grown(base, base) == []
    assert diff.top_grown(base, diff.parse_collapsed("", own)) == []
    with pytest.raises(ValueError):
        diff.parse_collapsed("no count here", own)


def test_collapsed_text_round_trips():
    head = diff.parse_collapsed(HEAD, own)
    assert diff.parse_collapsed(diff.collapsed_text(head), own) == head


def test_differential_flame_graph_colours_growth_red_and_shrinkage_blue():
    base, head = diff.parse_collapsed(BASE, own), diff.parse_collapsed(HEAD, own)
    svg = diff.diff_flamegraph_svg(base, head, "search: head vs base")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    fills = {}
    for g in root.iter(f"{ns}g"):
        title = g.find(f"{ns}title").text
        fills[title.split(" — ")[0]] = g.find(f"{ns}rect").get("fill")
    # the largest change (+50 points of self share) is the darkest red
    assert fills["_slowdown (app/api.py:3)"] == "rgb(255,0,0)"
    # query's self share 60 % → 30 %: blue; main has no self time in either arm: white
    r, g, b = (int(x) for x in fills["query (asyncpg/connection.py:5)"][4:-1].split(","))
    assert b == 255 and r == g < 255
    assert fills["main (app/main.py:1)"] == "rgb(250,250,250)"
    # the head's labels (lines) are drawn; the idle loop is not
    assert "handler (app/api.py:12)" in fills and not any("select" in k for k in fills)


# --------------------------------------------------------------------------- run.json, reports


@pytest.fixture
def run_dir(tmp_path) -> Path:
    d = tmp_path / "run"
    shutil.copytree(REPORT_RUN, d)
    return d


def set_diff_profile(run_dir: Path, name: str, dp: dict) -> None:
    path = run_dir / "run.json"
    data = json.loads(path.read_text())
    (c,) = [c for c in data["comparisons"] if c["name"] == name]
    c["diff_profile"] = dp
    path.write_text(json.dumps(data))


GROWN = {
    "svg": "diff-search.svg",
    "top_grown": [
        {"frame": "_slowdown (app/api.py:3)", "base_share": 0.0, "head_share": 0.41,
         "grown_by": 0.41},
        {"frame": "handler (app/api.py:12)", "base_share": 0.03, "head_share": 0.2,
         "grown_by": 0.15},
        {"frame": "noise (app/x.py:1)", "base_share": 0.01, "head_share": 0.02,
         "grown_by": 0.01},
    ],
    "samples": {"base": 120, "head": 340},
}  # fmt: skip


def test_comment_names_the_grown_frames_and_links_the_svg(run_dir):
    (run_dir / "diff-search.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    set_diff_profile(run_dir, "search", GROWN)
    report = load_report(run_dir)
    comment = comment_text(report)
    assert (
        "- search: most grown in head: `_slowdown (app/api.py:3)` 0 % → 41 %, "
        "`handler (app/api.py:12)` 3 % → 20 % of samples; "
        "[differential flame graph](diff-search.svg) in the artifact"
    ) in comment
    assert "noise (app/x.py:1)" not in comment  # grew by under a quarter of the top's growth
    page = html_text(report)
    assert 'href="diff-search.svg"' in page and "_slowdown (app/api.py:3)" in page
    assert "0.0 % → 41.0 %" in page and "3.0 % → 20.0 %" in page


def test_a_missing_profile_is_said_with_its_reason_and_the_verdict_stands(run_dir):
    set_diff_profile(run_dir, "search", {"missing": "py-spy is not installed: pip install py-spy"})
    report = load_report(run_dir)
    comment = comment_text(report)
    assert "- search: differential profile missing: py-spy is not installed" in comment
    assert comment.splitlines()[0] == "### perfci: will degrade performance by 23 % on search"
    assert "Differential profile missing: py-spy is not installed" in html_text(report)


def test_an_svg_that_is_not_in_the_run_directory_is_not_linked(run_dir):
    set_diff_profile(run_dir, "search", {**GROWN, "svg": "../elsewhere.svg"})
    comment = comment_text(load_report(run_dir))
    assert "most grown in head: `_slowdown" in comment and "](../elsewhere.svg)" not in comment
    assert "its flame graph ../elsewhere.svg is not in the run directory" in comment


@pytest.mark.parametrize(
    ("dp", "field"),
    [
        ({"top_grown": [{"frame": "f", "base_share": "0.1", "head_share": 0.2}]}, "base_share"),
        ({"top_grown": [{"frame": 3, "base_share": 0.1, "head_share": 0.2}]}, "frame"),
        ({"samples": {"base": float("inf"), "head": 3}}, "samples.base"),
        ({"svg": 12}, "diff_profile.svg"),
        ({"top_grown": [{"frame": "f", "head_own_share": float("nan")}]}, "head_own_share"),
        ({"top_grown": {"frame": "f"}}, "top_grown"),
    ],
)
def test_run_fields_of_the_diff_profile_are_checked(run_dir, dp, field):
    set_diff_profile(run_dir, "search", dp)
    with pytest.raises(UsageError, match=field.replace(".", r"\.")):
        load_report(run_dir)


def test_a_profiler_that_cannot_start_leaves_the_reason(monkeypatch, tmp_path):
    """No py-spy: the differential profile is {"missing": why}, nothing is raised."""
    from perf import ab
    from perf.errors import EnvironmentFailure
    from perf.profile import runner
    from perf.progress import Progress
    from tests.conftest import DTRAG

    def no_pyspy() -> str:
        raise EnvironmentFailure("py-spy is not installed: pip install py-spy")

    monkeypatch.setattr(runner, "pyspy_binary", no_pyspy)
    arms = {"base": None, "head": None}  # never reached: the profiler is missing first
    out = ab.diff_profile(
        DTRAG, DTRAG.endpoint("search"), arms, {}, [], 1.0, {}, tmp_path, Progress(quiet=True)
    )
    assert out == {"missing": "py-spy is not installed: pip install py-spy"}


# --------------------------------------------------------------------------- end to end

ANCHOR = "        logs = await repo.fetch_recent_logs(conn, case_id, limit)\n"
SLOWDOWN = '''def _slowdown() -> int:
    """The scratch regression: pure-Python arithmetic, some milliseconds per call."""
    acc = 0
    for i in range(100_000):
        acc = (acc + i * i) % 1_000_003
    return acc


'''


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, check=True, capture_output=True, text=True
    ).stdout.strip()


@pytest.fixture(scope="module")
def slowed(tmp_path_factory) -> tuple[Path, str, str]:
    """A clone whose base is this working tree's perfci (`python -m perf.cli` runs the clone's
    perf) with the small profile, and whose HEAD adds a busy loop to reflection analyze."""
    clone = tmp_path_factory.mktemp("slowed") / "repo"
    git("clone", "-q", str(ROOT), str(clone), cwd=ROOT)
    shutil.copytree(
        ROOT / "perf", clone / "perf", dirs_exist_ok=True,
        ignore=shutil.ignore_patterns("__pycache__"),
    )  # fmt: skip
    config = (clone / "perfci.toml").read_text().replace('profile = "default"', 'profile = "small"')
    (clone / "perfci-small.toml").write_text(config)
    commit = ("-c", "user.name=t", "-c", "user.email=t@localhost", "commit", "-q")
    git("add", "-A", cwd=clone)
    git(*commit, "--allow-empty", "-m", "base: this perfci, small profile", cwd=clone)
    base = git("rev-parse", "HEAD", cwd=clone)
    target = clone / "dtrag/engines/reflection.py"
    text = target.read_text()
    assert ANCHOR in text and "async def analyze_case(" in text
    text = text.replace(ANCHOR, ANCHOR + "    _slowdown()\n", 1)
    target.write_text(
        text.replace("async def analyze_case(", SLOWDOWN + "async def analyze_case(", 1)
    )
    git(*commit, "-am", "slower reflection analyze", cwd=clone)
    return clone, base, git("rev-parse", "HEAD", cwd=clone)


@pytest.mark.integration
def test_pr_explains_a_slowdown_with_a_differential_flame_graph(slowed, perfci_env, tmp_path):
    clone, base, head = slowed
    out = tmp_path / "pr"
    r = subprocess.run(
        [*PERFCI, "pr", "--quick", "--base", base, "--config", "perfci-small.toml",
         "--out", str(out), "--budget", "0.5", "--warmup", "0.2"],
        cwd=clone, env=perfci_env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert r.returncode == 1, r.stdout[-3000:] + r.stderr[-3000:]
    run = json.loads((out / "run.json").read_text())
    assert run["config"]["head"]["sha"] == head
    by = {c["name"]: c for c in run["comparisons"]}
    analyze = by["reflection_analyze"]
    assert analyze["verdict"] == analyze["timing_verdict"] == "regression"
    dp = analyze["diff_profile"]
    assert "missing" not in dp, dp
    top = dp["top_grown"][0]
    assert top["frame"].startswith("_slowdown (dtrag/engines/reflection.py:"), dp["top_grown"]
    assert top["base_share"] == 0.0 and top["head_share"] > 0.2, top
    assert dp["samples"]["base"] > 0 and dp["samples"]["head"] > 0
    # only timing regressions are profiled
    for c in run["comparisons"]:
        assert ("diff_profile" in c) == (c["timing_verdict"] == "regression"), c["name"]
    svg = out / dp["svg"]
    assert dp["svg"] == "diff-reflection_analyze.svg"
    ET.parse(svg)  # valid XML
    assert "_slowdown (dtrag/engines/reflection.py:" in svg.read_text()
    for name in dp["collapsed"].values():
        assert "_slowdown" in (out / name).read_text() or name.endswith(".base.collapsed.txt")
    assert "_slowdown" not in (out / dp["collapsed"]["base"]).read_text()
    comment = (out / "comment.md").read_text()
    assert "reflection_analyze: most grown in head: `_slowdown (dtrag/engines/reflection.py:" in (
        comment
    )
    assert "[differential flame graph](diff-reflection_analyze.svg) in the artifact" in comment
    assert 'href="diff-reflection_analyze.svg"' in (out / "report.html").read_text()
    # the later stages still ran into the same directory
    assert {"load", "sql", "profile"} <= set(run["stages"])


def test_a_garbage_frame_name_from_py_spy_still_gives_well_formed_svg():
    # py-spy reads a live process; once it reported a frame "*" in file "\0", and the flame
    # graph with it did not parse
    from perf.profile import stacks

    frames = [stacks.Frame("handler", "app/main.py", 3), stacks.Frame("*", "\0\x07", None)]
    samples = stacks.Samples(frames=frames)
    samples.stacks[(0,)] += 5
    samples.stacks[(0, 1)] += 1
    svg = stacks.flamegraph_svg(samples, "title \x01", "app")
    root = ET.fromstring(svg)
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]
    assert any("\ufffd" in t for t in titles), titles
