"""perfci trend: the stored history read as github-action-benchmark writes it, the change-point
detector on recorded histories (tests/data/trend, made by make_histories.py: a +15 % step in
`search` among ±6-10 % weekly noise, and none), and the command end to end. No absolute times
are asserted anywhere."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import perf.cli
from perf.errors import UsageError
from perf.trend.detect import analyse, change_points
from perf.trend.history import read_history, series_of

DATA = Path(__file__).parent / "data" / "trend"
STEP_WEEK = 17  # 1-based, as make_histories.py


@pytest.fixture
def trend_cli(monkeypatch):
    """perfci's main(), outside GitHub Actions."""
    assert "perf.trend.cli" in perf.cli.COMMAND_MODULES
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return perf.cli.main


def _flagged(path: Path) -> dict[str, list]:
    out = {}
    for s in series_of(read_history(path), path):
        shifts = analyse(s.values).shifts
        if shifts:
            out[s.name] = shifts
    return out


def test_history_is_read_as_the_action_writes_it():
    data = read_history(DATA / "step.js")
    series = series_of(data, DATA / "step.js", "perfci weekly")
    assert len(series) == 24  # 8 endpoints × p50/p95/p99
    search = next(s for s in series if s.name == "search p95")
    assert search.unit == "ms" and len(search.points) == len(data["entries"]["perfci weekly"])
    assert search.points[0].commit and search.points[-1].date_ms > search.points[0].date_ms
    # the same object as plain JSON reads the same
    plain = read_history(DATA / "step-later.json")
    assert [s.name for s in series_of(plain, DATA / "step-later.json")] == [s.name for s in series]


def test_step_in_one_endpoint_is_flagged_at_its_week_and_nothing_else():
    flagged = _flagged(DATA / "step.js")
    assert flagged, "the +15 % step in search was not found"
    assert {name.split()[0] for name in flagged} == {"search"}
    for name, shifts in flagged.items():
        assert [s.index + 1 for s in shifts] == [STEP_WEEK], name
        assert all(s.slower and 0.05 < s.change < 0.35 for s in shifts), name
    assert any(s.new for shifts in flagged.values() for s in shifts)


def test_history_without_a_step_has_no_shift():
    assert _flagged(DATA / "flat.js") == {}


def test_an_older_shift_is_history_not_new():
    flagged = _flagged(DATA / "step-later.json")
    assert {name.split()[0] for name in flagged} == {"search"}
    assert all(not s.new for shifts in flagged.values() for s in shifts)
    assert all(s.index + 1 == STEP_WEEK for shifts in flagged.values() for s in shifts)


def test_short_histories_decide_nothing():
    assert analyse([10.0, 20.0, 40.0]).status == "too short"
    assert change_points([10.0, 10.5, 20.0]) == []
    assert analyse([10.0] * 12).status == "no shift"  # constant: no noise, no change


def test_a_single_outlier_week_is_not_a_shift():
    values = [10.0, 10.4, 9.7, 10.2, 9.9, 10.1, 9.8, 10.3, 10.0, 14.0, 10.1, 9.9]
    assert analyse(values).shifts == []


def test_cli_new_shift_fails_and_writes_trend_json(trend_cli, tmp_path, capsys):
    code = trend_cli(["trend", "--history", str(DATA / "step.js"), "--out", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "NEW shift, slower: week 17 of" in out and "search" in err and "FAIL" in err
    doc = json.loads((tmp_path / "trend.json").read_text())
    assert doc["schema"] == "perfci.trend/1" and doc["new_slower"]
    rows = {r["name"]: r for r in doc["series"]}
    assert len(rows) == 24
    new = [r for r in rows.values() if r["status"] == "new shift"]
    assert new and all(r["bench"].startswith("search ") for r in new)
    assert all(s["week"] == STEP_WEEK for r in new for s in r["shifts"])


def test_cli_no_new_shift_passes(trend_cli, tmp_path, capsys):
    for name in ("flat.js", "step-later.json"):
        code = trend_cli(["trend", "--history", str(DATA / name), "--out", str(tmp_path)])
        out, _ = capsys.readouterr()
        assert code == 0, name
        assert "PASS" in out
    assert "shift, slower (history): week 17 of" in out  # step-later.json


def test_cli_annotations_on_github(trend_cli, tmp_path, capsys, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert trend_cli(["trend", "--history", str(DATA / "step.js")]) == 1
    out, _ = capsys.readouterr()
    assert "::error title=perfci trend%3A search" in out
    assert summary.read_text().startswith("### perfci trend: FAIL: new shift in search")


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "no such file"),
        ("window.BENCHMARK_DATA = {not json", "neither github-action-benchmark's data.js"),
        ('{"lastUpdate": 0}', "not a github-action-benchmark history"),
        ('{"entries": {"w": [{"benches": [{"name": "a p50", "value": "x"}]}]}}', "not a number"),
    ],
)
def test_cli_missing_or_garbled_history_is_a_usage_error(
    trend_cli, tmp_path, capsys, content, says
):
    path = tmp_path / "data.js"
    if content is not None:
        path.write_text(content)
    assert trend_cli(["trend", "--history", str(path)]) == 2
    out, err = capsys.readouterr()
    assert len(err.strip().splitlines()) == 1 and str(path) in err and says in err


def test_unknown_suite_names_the_known_ones(trend_cli, capsys):
    code = trend_cli(["trend", "--history", str(DATA / "flat.js"), "--bench-name", "nope"])
    assert code == 2
    assert "'perfci weekly'" in capsys.readouterr().err


def test_series_reader_refuses_a_bench_without_name():
    with pytest.raises(UsageError, match=r"benches\[0\] has no string 'name'"):
        series_of({"entries": {"w": [{"benches": [{"value": 1}]}]}}, Path("x.js"))
