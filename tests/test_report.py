"""perfci report: the verdict line, counts, the comment's size cap and marker, the job summary's
size, github-action-benchmark's format, annotations, and rendering runs with stages missing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from perf.cli import build_parser, main
from perf.report import COMMENT_MARKER, render
from perf.report.model import load_report
from perf.report.render import (
    COMMENT_LIMIT,
    SUMMARY_LIMIT,
    annotations,
    benchmark_action,
    cap_comment,
    cap_summary,
    comment_text,
    emit_annotations,
    summary_text,
)

DATA = Path(__file__).parent / "data" / "report-run"


@pytest.fixture
def run_dir(tmp_path) -> Path:
    d = tmp_path / "run"
    shutil.copytree(DATA, d)
    return d


def edit_run(run_dir: Path, change) -> None:
    path = run_dir / "run.json"
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def comment_of(run_dir: Path) -> str:
    """comment.md as render() writes it, without drawing the HTML's charts (faster)."""
    return comment_text(load_report(run_dir))


def test_fixture_comment_verdict_counts_table_and_marker(run_dir):
    paths = render(run_dir)
    comment = paths["comment.md"].read_text()
    lines = comment.splitlines()
    assert lines[0] == "### perfci: will degrade performance by 23 % on search"
    assert "1 regressed, 0 improved, 3 unchanged, 4 noisy" in comment
    assert (
        "| `search` | +23.0 % | +15.0 % … +31.0 % | **regressed**, measured twice "
        "| 359.10 → 441.69 | 8 → 8 |" in comment
    )
    assert "search_fulltext: plan Seq Scan → Bitmap Index Scan" in comment
    assert "- `spike` (load): p99: 1.6" in comment  # a failed load gate without a verdict
    assert "`spike` | 100 |" in comment and "**failed** (recovered in 14 s)" in comment
    assert lines[-1] == COMMENT_MARKER and comment.count(COMMENT_MARKER) == 1
    assert "Not comparable" not in comment  # identical data, no banner
    assert len(comment) < COMMENT_LIMIT
    written = json.loads(paths["benchmark-action.json"].read_text())
    assert written == benchmark_action(load_report(run_dir))
    assert (
        paths["summary.md"]
        .read_text()
        .startswith("### perfci: will degrade performance by 23 % on search\n")
    )


def test_render_is_a_pure_function_of_the_directory(run_dir):
    first = {n: p.read_bytes() for n, p in render(run_dir).items()}
    second = {n: p.read_bytes() for n, p in render(run_dir).items()}
    assert first == second
    assert set(first) == {"report.html", "comment.md", "summary.md", "benchmark-action.json"}


def test_comment_cut_deterministically_under_the_cap_with_a_note():
    rows = "".join(
        f"| `endpoint_{i:05d}` | 1.00 | 1.01 | +1.0 % | unchanged |\n" for i in range(4000)
    )
    body = "will degrade performance by 12 % on endpoint_00001\n\n" + rows
    assert len(body) > COMMENT_LIMIT
    cut = cap_comment(body)
    assert len(cut) < COMMENT_LIMIT
    assert cut == cap_comment(body)  # deterministic
    assert cut.splitlines()[0] == body.splitlines()[0]
    assert "Cut to fit GitHub's comment size" in cut
    assert cut.rstrip("\n").endswith(COMMENT_MARKER) and cut.count(COMMENT_MARKER) == 1
    kept = cut.split("\n> **Cut")[0]
    assert body.startswith(kept)  # a prefix of whole lines: no row cut in the middle
    assert kept.endswith("|\n")
    small = cap_comment("no significant change\n")
    assert small == f"no significant change\n\n{COMMENT_MARKER}\n"


def test_many_endpoints_render_a_capped_comment_and_summary(run_dir):
    def many(data):
        template = data["comparisons"][0]
        data["comparisons"] = [
            dict(template, name=f"endpoint_with_a_long_name_{i:04d}") for i in range(1500)
        ]

    edit_run(run_dir, many)
    comment = comment_of(run_dir)
    assert len(comment) < COMMENT_LIMIT
    assert comment.rstrip().endswith(COMMENT_MARKER)
    assert "Cut to fit GitHub's comment size" in comment
    assert len(summary_text(load_report(run_dir)).encode()) <= SUMMARY_LIMIT


def test_summary_is_capped_in_bytes():
    body = "## perfci\n" + "| é | ü |\n" * 300_000  # multi-byte characters: bytes, not chars
    cut = cap_summary(body)
    assert len(cut.encode()) <= SUMMARY_LIMIT < len(body.encode())
    assert "Cut to the job summary's limit" in cut


def test_benchmark_action_custom_smaller_is_better(run_dir):
    entries = benchmark_action(load_report(run_dir))
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names))
    # one series per endpoint and percentile, plus the load scenarios
    for endpoint in ("search", "health", "consolidation_run"):
        for p in ("p50", "p95", "p99"):
            assert f"{endpoint} {p}" in names
    assert "load spike p99" in names
    for e in entries:
        assert set(e) <= {"name", "unit", "value", "range", "extra"}
        assert {"name", "unit", "value"} <= set(e)
        assert e["unit"] == "ms" and isinstance(e["value"], float) and e["value"] > 0
        assert isinstance(e["extra"], str)
    search = next(e for e in entries if e["name"] == "search p50")
    assert search["value"] == pytest.approx(441.69, abs=0.01)
    assert search["range"].startswith("± ")
    assert "; regressed; " in search["extra"] and "+23.0 %" in search["extra"]


def test_benchmark_action_of_a_bench_run(tmp_path):
    """A single-arm run: the benchmarks' own percentiles."""
    d = tmp_path / "bench"
    d.mkdir()
    summary = {"rounds": 30, "p50": 0.002, "p95": 0.003, "p99": 0.004, "stddev": 0.0005}
    (d / "run.json").write_text(
        json.dumps(
            {
                "schema": "perfci.run/1",
                "kind": "bench",
                "environment": {"git_sha": "a" * 40},
                "config": {},
                "benchmarks": [{"name": "health", "kind": "endpoint", "summary": summary}],
                "verdicts": [],
            }
        )
    )
    entries = benchmark_action(load_report(d))
    assert [e["name"] for e in entries] == ["health p50", "health p95", "health p99"]
    assert entries[1]["value"] == pytest.approx(3.0)
    comment = comment_of(d)
    assert comment.splitlines()[0] == "### perfci: no A/B comparison in this run; every gate passed"


def test_annotations_only_on_github_actions(run_dir, monkeypatch, capsys):
    report = load_report(run_dir)
    lines = annotations(report)
    assert lines[0] == (
        "::error title=perfci%3A search regressed::regressed: +23.0 %25 "
        "(95 %25 CI +15.0 %25 … +31.0 %25), over the 10 %25 gate"
    )
    assert any(line == "::error title=perfci%3A spike (load)::p99: 1.6" for line in lines)
    assert any(
        line.startswith("::warning title=perfci%3A 4 endpoints inconclusive::") for line in lines
    )
    assert all("\n" not in line for line in lines)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    assert emit_annotations(report) == 0
    assert capsys.readouterr().out == ""
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert emit_annotations(report) == len(lines)
    assert capsys.readouterr().out.splitlines() == lines


def test_environment_banner_when_the_arms_differ(run_dir):
    def differ(data):
        data["config"]["data"] = (
            "the arms' data differ: tpl_a vs tpl_b (migrations or generator changed)"
        )
        data["config"]["base"]["environment"] = {"python": "3.11.7", "postgres": "15.18"}
        data["config"]["head"]["environment"] = {"python": "3.12.1", "postgres": "15.18"}

    edit_run(run_dir, differ)
    paths = render(run_dir)
    comment = paths["comment.md"].read_text()
    assert "> [!WARNING]" in comment
    assert "the arms' data differ" in comment and "python: 3.11.7 → 3.12.1" in comment
    assert "Not comparable" in paths["report.html"].read_text()
    assert any(
        a.startswith("::warning title=perfci%3A arms not comparable")
        for a in annotations(load_report(run_dir))
    )


@pytest.mark.parametrize(
    "drop",
    [
        ["comparisons"],
        ["stages.load", "stages.sql"],
        ["stages.profile", "benchmarks"],
        ["comparisons", "stages", "artifacts", "verdicts", "environment", "config"],
    ],
)
def test_every_stage_is_optional(run_dir, drop):
    def remove(data):
        for key in drop:
            if key.startswith("stages."):
                data["stages"].pop(key.split(".", 1)[1], None)
            else:
                data.pop(key, None)

    edit_run(run_dir, remove)
    paths = render(run_dir)
    comment = paths["comment.md"].read_text()
    assert comment.splitlines()[0]
    assert comment.rstrip().endswith(COMMENT_MARKER)
    html = paths["report.html"].read_text()
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    # trend data only when there are points: an empty file fails github-action-benchmark
    if "benchmark-action.json" in paths:
        assert json.loads(paths["benchmark-action.json"].read_text())
    else:
        assert not (run_dir / "benchmark-action.json").exists()
        assert "comparisons" in drop  # the A/B's per-endpoint points are gone


def test_statement_growth_alone_is_a_regression_line(run_dir):
    def more_queries(data):
        for c in data["comparisons"]:
            if c["name"] == "search":
                c.update(estimate=1.01, ci_low=0.99, ci_high=1.03, timing_verdict="unchanged")
            if c["name"] == "reflection_analyze":
                c["statements_per_request"] = {"base": 6.0, "head": 26.0}
                c.update(verdict="regression", reason="statements per request 6 → 26")
        data["comparisons"] = [c for c in data["comparisons"] if c["name"] != "search"]

    edit_run(run_dir, more_queries)
    comment = comment_of(run_dir)
    assert comment.splitlines()[0] == (
        "### perfci: will degrade performance: statements per request 6 → 26 on reflection_analyze"
    )
    assert "reflection_analyze: statements per request 6 → 26" in comment


def test_improvement_and_no_change_lines(run_dir):
    def improve(data):
        for c in data["comparisons"]:
            c.update(verdict="unchanged", estimate=1.0, ci_low=0.98, ci_high=1.02)
            c.pop("rerun_skipped", None)
        data["comparisons"][1].update(
            verdict="improvement", estimate=0.8, ci_low=0.75, ci_high=0.85
        )
        data["verdicts"] = []
        data["stages"].pop("load")

    edit_run(run_dir, improve)
    assert comment_of(run_dir).startswith(
        "### perfci: will improve performance by 20 % on classify\n"
    )

    def nothing(data):
        data["comparisons"][1].update(verdict="unchanged", estimate=1.0, ci_low=0.98, ci_high=1.02)

    edit_run(run_dir, nothing)
    comment = comment_of(run_dir)
    assert comment.startswith("### perfci: no significant change\n")
    assert "0 regressed, 0 improved, 8 unchanged, 0 noisy" in comment

    def wide(data):
        data["comparisons"][2].update(estimate=1.05, ci_low=0.85, ci_high=1.3)

    edit_run(run_dir, wide)
    assert comment_of(run_dir).startswith(
        "### perfci: no significant change (1 of 8 endpoints inconclusive: "
    )


def test_cli_report_and_bad_input(run_dir, tmp_path, capsys):
    args = build_parser().parse_args(["report", str(run_dir), "--fail-on-verdict"])
    assert args.command == "report"
    assert main(["-q", "report", str(run_dir), "--fail-on-verdict"]) == 1
    assert (run_dir / "report.html").is_file() and (run_dir / "comment.md").is_file()
    assert capsys.readouterr().out.splitlines()[-1] == "will degrade performance by 23 % on search"
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["report", str(empty)]) == 2
    assert "no run.json" in capsys.readouterr().err
    (empty / "run.json").write_text('{"schema": "other/9"}')
    assert main(["report", str(empty)]) == 2
    err = capsys.readouterr().err
    assert "run.json" in err and "'schema'" in err and "Traceback" not in err


def test_cli_prints_annotations_on_github_actions(run_dir):
    edit_run(run_dir, lambda data: data["stages"].pop("load"))  # fewer charts: a quicker run
    (run_dir / "ab-samples.json").unlink()
    env = {"GITHUB_ACTIONS": "true", "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-m", "perf.cli", "-q", "report", str(run_dir)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert "::error title=perfci%3A search regressed::" in out.stdout


def test_a_load_verdict_is_not_repeated_from_its_gates(run_dir):
    """The load stage records a verdict per failed gate; the report does not add its own."""

    def verdict(data):
        data["verdicts"].append(
            {
                "name": "spike",
                "gate": "load",
                "status": "fail",
                "reason": "p99 = 1.6 s, gate < 1.5 s",
            }
        )

    edit_run(run_dir, verdict)
    comment = comment_of(run_dir)
    assert comment.count("`spike` (load)") == 1
    assert "- `spike` (load): p99 = 1.6 s, gate < 1.5 s" in comment


def test_a_significant_change_under_the_gate_is_reported_as_one(run_dir):
    def under(data):
        for c in data["comparisons"]:
            c.update(verdict="unchanged", timing_verdict="unchanged", estimate=1.0)
            c.update(ci_low=0.98, ci_high=1.02, significant_holm=False, noise_floor=0.01)
            c.pop("rerun_skipped", None)
        data["comparisons"][1].update(estimate=1.08, ci_low=1.06, ci_high=1.09)
        data["comparisons"][1].update(significant_holm=True, reason="unchanged: +8.0%")
        data["comparisons"][2].update(estimate=0.95, ci_low=0.94, ci_high=0.97)
        data["comparisons"][2].update(significant_holm=True)
        data["comparisons"][3].update(estimate=1.05, ci_low=1.005, ci_high=1.07)
        data["comparisons"][3].update(significant_holm=True)  # CI reaches the 1 % floor
        data["verdicts"] = []
        data["stages"].pop("load")

    edit_run(run_dir, under)
    report = load_report(run_dir)
    lines = comment_of(run_dir).splitlines()
    second, third = report.endpoints[1], report.endpoints[2]
    assert lines[0] == "### perfci: passes the 10 % gate, with 2 significant changes under it"
    assert lines[1] == f"+8 % on {second.name}, -5 % on {third.name}, under the 10 % gate"
    assert [r.status for r in report.endpoints[1:4]] == ["slower", "faster", "unchanged"]
    assert second.reason.startswith("slower (under the gate): +8.0 % (95 % CI +6.0 % … +9.0 %)")
    assert "0 regressed, 0 improved, 1 slower (under the gate), 1 faster (under the gate)" in (
        "\n".join(lines)
    )
