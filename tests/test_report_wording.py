"""Report wording over every committed evaluation run (reports/eval/): each run is copied and
rendered as `perfci report` renders it, and its headline, table rows and reasons are checked
against one vocabulary (perf.report.vocabulary): a significant change under the gate is said
to be one, "no significant change" only where there is none, and no row's reason uses another
verdict's word than the row's own."""

from __future__ import annotations

import html
import importlib.util
import json
import re
import shutil
import sys
from pathlib import Path

import pytest

from perf.report import render
from perf.report import vocabulary as words
from perf.report.model import load_report

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "reports" / "eval"
RUNS = sorted(p.parent for p in EVAL.rglob("run.json"))
CHECKER = ROOT / "ci" / "check-pr-artifact.py"
LOAD_TABLE = "**Under concurrent load**"
OTHER_WORDS = {
    w: re.compile(r"\b(" + "|".join(o for o in words.ORDER if o != w) + r")\b") for w in words.ORDER
}


def _sanitise():
    spec = importlib.util.spec_from_file_location("check_pr_artifact", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.sanitise_comment


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, Path]:
    """Every evaluation run, copied (run.json and the files beside it) and rendered. The charts
    are left out: they carry no verdict words and drawing 91 runs' charts takes minutes."""
    out = {}
    root = tmp_path_factory.mktemp("eval")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(sys.modules["perf.report.render"], "_charts", lambda report: {})
        for run in RUNS:
            name = str(run.relative_to(EVAL))
            copy = root / name.replace("/", "__")
            copy.mkdir()
            for f in run.iterdir():
                if f.is_file():
                    shutil.copy2(f, copy / f.name)
            render(copy)
            out[name] = copy
    return out


def test_there_are_evaluation_runs_of_every_scenario():
    names = {p.name.rsplit("-", 1)[0] for p in RUNS}
    assert {"aa", "slow5", "slow15", "slow25", "nplus1"} <= names
    assert len(RUNS) >= 53


def _headline(run_dir: Path) -> tuple[str, str]:
    lines = (run_dir / "comment.md").read_text().splitlines()
    return lines[0], lines[1]


def test_slow5_runs_say_reflection_analyze_changed_under_the_gate(rendered):
    slow5 = {n: d for n, d in rendered.items() if Path(n).name.startswith("slow5-")}
    assert len(slow5) >= 10
    for name, run_dir in slow5.items():
        title, detail = _headline(run_dir)
        assert title == "### perfci: passes the 10 % gate, with 1 significant change under it", name
        assert re.fullmatch(r"\+\d+ % on reflection_analyze, under the 10 % gate", detail), name
        row = {r.name: r for r in load_report(run_dir).endpoints}["reflection_analyze"]
        assert row.status == words.SLOWER and 0 < row.change < 0.10, name
        comment = (run_dir / "comment.md").read_text()
        assert "no significant change" not in title + detail, name
        verdict = _table_rows(comment)["reflection_analyze"][2]
        assert verdict.removesuffix(", measured twice") == "slower (under the gate)", name


def test_aa_runs_say_no_significant_change(rendered):
    aa = {n: d for n, d in rendered.items() if re.fullmatch(r"aa-\d+", Path(n).name)}
    assert len(aa) == 10
    for name, run_dir in aa.items():
        title, detail = _headline(run_dir)
        assert title.startswith("### perfci: no significant change"), name
        assert detail == "", name


def test_load_a_a_runs_do_not_say_they_degrade(rendered):
    aa = {n: d for n, d in rendered.items() if Path(n).name.startswith("aa-load-")}
    assert len(aa) == 10
    for name, run_dir in aa.items():
        assert "will degrade" not in _headline(run_dir)[0], name


def test_nplus1_runs_say_they_degrade(rendered):
    for name, run_dir in rendered.items():
        if Path(name).name.startswith("nplus1-"):
            assert _headline(run_dir)[0].startswith("### perfci: will degrade performance"), name


def _table_rows(comment: str) -> dict[str, list[str]]:
    """The rows of the comment's first table (the sequential A/B's), by endpoint."""
    rows = {}
    for line in comment.split(LOAD_TABLE)[0].splitlines():
        m = re.fullmatch(r"\| `([^`]+)` \|(.*)\|", line)
        if m:
            rows[m.group(1)] = [c.strip() for c in m.group(2).split(" | ")]
    return rows


def _html_rows(page: str) -> dict[str, tuple[str, str, str]]:
    pattern = re.compile(
        r'<tr><td><code>([^<]+)</code></td>(?:<td class="n">[^<]*</td>){3}'
        r'<td class="s-(\w+)">([^<]*)</td><td class="muted reason">([^<]*)</td>'
    )
    return {
        html.unescape(m[1]): (m[2], html.unescape(m[3]), html.unescape(m[4]))
        for m in pattern.finditer(page)
    }


def test_every_row_says_one_verdict_in_every_output(rendered):
    checked = 0
    for name, run_dir in rendered.items():
        report = load_report(run_dir)
        comment = (run_dir / "comment.md").read_text()
        summary = (run_dir / "summary.md").read_text()
        page = (run_dir / "report.html").read_text()
        table, cells = _table_rows(comment), _html_rows(page)
        trend = (run_dir / "benchmark-action.json").read_text()
        extras = {e["name"]: e["extra"] for e in json.loads(trend)}
        for row in report.endpoints:
            label = words.label(row.status)
            where = f"{name} {row.name}"
            assert row.status in words.ORDER, where
            assert row.reason.startswith(f"{label}: "), where
            rest = row.reason[len(label) + 2 :]
            assert not OTHER_WORDS[row.status].search(rest), (where, row.reason)
            says_none = "no significant change" in row.reason
            assert says_none == (row.status == words.UNCHANGED), (where, row.reason)
            verdict_cell = table[row.name][2].strip("*").removesuffix(", measured twice").strip("*")
            assert verdict_cell == label, (where, table[row.name])
            assert f"- `{row.name}`: {row.reason}" in summary, where
            shown = label + (", measured twice" if row.rerun else "")
            assert cells[row.name] == (row.status, shown, row.reason), where
            assert f"; {label}; " in extras[f"{row.name} p50"], where
            checked += 1
        under = [r for r in report.endpoints if r.status in (words.SLOWER, words.FASTER)]
        title, detail = _headline(run_dir)
        if under:
            assert "no significant change" not in title, name
            assert all(r.name in detail for r in under) and "under the 10 % gate" in detail, name
        if title.startswith("### perfci: no significant change"):
            assert {r.status for r in report.endpoints} <= {words.UNCHANGED, words.NOISY}, name
    assert checked >= 243


def test_change_and_p50_are_labelled_and_terms_defined(rendered):
    sanitise = _sanitise()
    for name, run_dir in rendered.items():
        comment = (run_dir / "comment.md").read_text()
        if load_report(run_dir).is_ab:
            assert "| change (paired) |" in comment and "(unpaired) |" in comment, name
            page = (run_dir / "report.html").read_text()
            terms = re.findall(r"<dt>([^<]+)</dt>", page.split('id="terms"', 1)[1])
            assert {"change", "P50", "gate", "noise floor", "noisy", "unchanged"} <= set(terms)
        assert sanitise(comment) == comment, name  # only perfci's own HTML in the comment


def test_load_ab_rows_say_their_verdict_and_regressions_say_why(rendered):
    """The load A/B's table (runs with --load-seconds): each row's last cell is its verdict,
    and every regression and explained row is spelled out under the table with its reason."""
    checked = 0
    for name, run_dir in rendered.items():
        report = load_report(run_dir)
        if not report.load_ab:
            continue
        comment = (run_dir / "comment.md").read_text()
        assert LOAD_TABLE in comment, name
        table = comment.split(LOAD_TABLE, 1)[1]
        for row in report.load_ab:
            cell = "*all endpoints (shift)*" if row.shift else f"`{row.name}`"
            line = next(x for x in table.splitlines() if x.startswith(f"| {cell} |"))
            assert line.rstrip(" |").rsplit("| ", 1)[1].strip("*") == row.verdict, (name, line)
            if row.verdict in ("regression", "explained"):
                who = "all endpoints (shift)" if row.shift else f"`{row.name}`"
                assert f"- {who}: {row.reason}" in table, (name, row.name)
            checked += 1
    assert checked >= 8
