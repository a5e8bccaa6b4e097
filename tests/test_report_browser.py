"""report.html in headless Chromium, offline: it loads with no console error, no exception, no
network request, shows the verdict and its charts, fits the page at 1024, 1400 and 1920 px, and
screenshots are saved in the test's tmp dir.

Chromium is driven over the DevTools protocol on a pipe (`--remote-debugging-pipe`: JSON
messages separated by NUL bytes on file descriptors 3 and 4), so console messages, uncaught
exceptions, failed loads and every request are observed directly rather than scraped from a log.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import re
import shutil
import subprocess
import time
from pathlib import Path
from xml.etree import ElementTree

import pytest

from perf.report import charts, render

DATA = Path(__file__).parent / "data" / "report-run"


def chromium_binary() -> str | None:
    explicit = os.environ.get("PERFCI_CHROMIUM")
    if explicit:
        return explicit
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


class DevTools:
    """A Chromium process and its DevTools pipe; one page session."""

    def __init__(self, binary: str, profile_dir: Path) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        # Chromium reads commands on fd 3 and writes replies and events on fd 4. Move both
        # ends above 10 first so that placing one cannot overwrite the other.
        def child_fds() -> None:
            high_r = fcntl.fcntl(to_browser_r, fcntl.F_DUPFD, 10)
            high_w = fcntl.fcntl(from_browser_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.proc = subprocess.Popen(
            [
                binary,
                "--headless",
                "--disable-gpu",
                "--no-sandbox",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND",  # offline: no name resolves
                f"--user-data-dir={profile_dir}",
                "--remote-debugging-pipe",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child_fds,
            pass_fds=(3, 4, to_browser_r, from_browser_w),
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.session: str | None = None

    def close(self) -> None:
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def _read_message(self, deadline: float) -> dict:
        import select

        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no message from Chromium")
            ready, _, _ = select.select([self._from_browser], [], [], left)
            if ready:
                chunk = os.read(self._from_browser, 1 << 16)
                if not chunk:
                    raise RuntimeError(f"Chromium closed the pipe (exit {self.proc.poll()})")
                self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(raw)

    def send(self, method: str, params: dict | None = None, timeout: float = 30.0) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if self.session and not method.startswith("Target."):
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method: str, timeout: float = 30.0) -> dict:
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read_message(deadline)
            self.events.append(event)
            if event.get("method") == method:
                return event

    def open_page(self) -> None:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable")

    def problems(self) -> list[str]:
        """Console errors and warnings, uncaught exceptions, error log entries (failed loads,
        blocked content) and requests that are not to a local file or inline data."""
        out = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "warning",
                "assert",
            ):
                text = " ".join(
                    str(a.get("value", a.get("description", ""))) for a in params.get("args", [])
                )
                out.append(f"console.{params['type']}: {text}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails', {}).get('text')}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in (
                "error",
                "warning",
            ):
                entry = params["entry"]
                where = f"{entry.get('level')} ({entry.get('source')})"
                out.append(f"log {where}: {entry.get('text')} {entry.get('url', '')}")
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if not url.startswith(("file:", "data:", "about:")):
                    out.append(f"network request: {url}")
            elif method == "Network.loadingFailed":
                out.append(f"load failed: {params.get('errorText')}")
        return out


@pytest.fixture
def devtools(tmp_path) -> DevTools:
    binary = chromium_binary()
    if binary is None:
        pytest.skip("no Chromium: run ci/install-chromium.sh (Debian package chromium)")
    tools = DevTools(binary, tmp_path / "chromium-profile")
    try:
        yield tools
    finally:
        tools.close()


def load(tools: DevTools, html: Path, shot: Path, width: int = 1280) -> dict:
    if tools.session is None:
        tools.open_page()
    tools.send(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False},
    )
    tools.send("Page.navigate", {"url": html.resolve().as_uri()})
    tools.wait_for("Page.loadEventFired", timeout=60)
    state = tools.send(
        "Runtime.evaluate",
        {
            "expression": "JSON.stringify({verdict: document.getElementById('verdict').textContent,"
            " svgs: document.querySelectorAll('figure.chart svg').length,"
            " height: document.documentElement.scrollHeight,"
            " scrollWidth: document.documentElement.scrollWidth,"
            " innerWidth: window.innerWidth,"
            " endpoints: (t => t && {scrollWidth: t.scrollWidth,"
            "   containerWidth: t.parentElement.clientWidth,"
            "   verdictRights: (col => Array.from(t.tBodies[0].rows)"
            "     .map(r => r.cells[col].getBoundingClientRect().right))"
            "    (Array.from(t.tHead.rows[1].cells).findIndex(c => c.textContent === 'verdict')),"
            "   rows: t.querySelectorAll('tbody tr').length})"
            "  (document.getElementById('endpoints')),"
            " tableRights: Array.from(document.querySelectorAll('table'))"
            "   .map(t => t.getBoundingClientRect().right),"
            " links: Array.from(document.querySelectorAll('a')).map(a => a.getAttribute('href'))})",
            "returnByValue": True,
        },
    )
    info = json.loads(state["result"]["value"])
    png = tools.send(
        "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True}, timeout=60
    )
    shot.write_bytes(base64.b64decode(png["data"]))
    return info


def test_report_html_renders_offline_without_console_errors(tmp_path, devtools):
    run_dir = tmp_path / "run"
    shutil.copytree(DATA, run_dir)
    paths = render(run_dir)
    shot = tmp_path / "report.png"
    info = load(devtools, paths["report.html"], shot)

    assert devtools.problems() == []
    assert info["verdict"] == "will degrade performance by 23 % on search"
    # forest plot, distributions, one time series per load scenario
    assert info["svgs"] >= 4
    assert "flamegraph.svg" in info["links"] and "locust-spike.html" in info["links"]
    assert info["height"] > 2000
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def explained(run_dir: Path) -> None:
    """The run's first comparison with what explains a regression, at its widest: statement
    deltas with a long query and a differential profile with long frame names."""
    path = run_dir / "run.json"
    data = json.loads(path.read_text())
    c = data["comparisons"][0]
    query = "SELECT " + ", ".join(f"column_{i}" for i in range(40)) + " FROM t WHERE id = $1"
    c["statement_deltas"] = [
        {"query": query, "calls": {"base": 0, "head": 20}, "rows": {"base": 0, "head": 20},
         "ms": {"base": 0.0, "head": 3.1}},
    ]  # fmt: skip
    frame = "a_function_with_a_very_long_name_indeed (app/some/deeply/nested/module.py:123)"
    c["diff_profile"] = {
        "svg": "diff-x.svg",
        "top_grown": [{"frame": frame, "base_share": 0.01, "head_share": 0.6, "grown_by": 0.59}],
        "samples": {"base": 100, "head": 300},
    }
    (run_dir / "diff-x.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    path.write_text(json.dumps(data))


@pytest.mark.parametrize("width", [1024, 1400, 1920])
def test_report_html_fits_the_page(tmp_path, devtools, width):
    """No horizontal overflow: the page does not scroll sideways, every table (the endpoint table
    included, without scrolling inside its container) ends inside the window, and every verdict
    cell of the endpoint table is visible."""
    run_dir = tmp_path / "run"
    shutil.copytree(DATA, run_dir)
    explained(run_dir)
    paths = render(run_dir)
    shot = tmp_path / f"report-{width}.png"
    info = load(devtools, paths["report.html"], shot, width=width)

    assert devtools.problems() == []
    assert info["innerWidth"] == width
    assert info["scrollWidth"] <= info["innerWidth"], info
    endpoints = info["endpoints"]
    assert endpoints and endpoints["rows"] == len(endpoints["verdictRights"]) >= 4
    assert endpoints["scrollWidth"] <= endpoints["containerWidth"], endpoints
    assert all(0 < right <= width for right in endpoints["verdictRights"]), endpoints
    assert all(right <= width for right in info["tableRights"]), info["tableRights"]
    assert shot.stat().st_size > 20_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def _tick_labels(svg: str) -> list[str]:
    """The text of each x tick label of a chart (text is kept as text, see charts.STYLE)."""
    root = ElementTree.fromstring(svg)
    labels = []
    for g in root.iter("{http://www.w3.org/2000/svg}g"):
        if re.search(r"-xtick_\d+$", g.get("id", "")):
            text = "".join(
                "".join(t.itertext()) for t in g.iter("{http://www.w3.org/2000/svg}text")
            )
            labels.append(re.sub(r"\s+", "", text))
    return labels


@pytest.mark.parametrize(
    ("low_ms", "high_ms"),
    [(3.0, 4.5), (3.1, 3.3), (0.4, 2.0), (2.0, 30.0), (1.0, 1200.0), (300.0, 40_000.0)],
)
def test_log_axis_ticks_are_plain_numbers(low_ms, high_ms):
    """A log axis of request times labels 3, 5, 10, 20 … ms, never "3×10⁰" or "10^1", with no
    minor tick labels to overlap (a narrow range used to print "3×10⁰4×10⁰")."""
    step = (high_ms - low_ms) / 49
    times = [(low_ms + i * step) / 1000 for i in range(50)]
    for svg in (
        charts.distributions({"search": {"base": times, "head": times}}, ["search"]),
        charts.percentile_bars([("search", low_ms / 1000, high_ms / 1000, high_ms / 1000)]),
    ):
        labels = _tick_labels(svg)
        assert len(labels) >= 2, labels
        for scientific in ("×", "10^", "\\times", "mathdefault"):
            assert scientific not in svg, scientific
        assert all(re.fullmatch(r"[0-9][0-9,]*(\.[0-9]+)?", label) for label in labels), labels
        numbers = [float(label.replace(",", "")) for label in labels]
        assert numbers == sorted(set(numbers)), labels


def test_the_checker_sees_a_console_error(tmp_path, devtools):
    """The check above could fail: a page with an error and a remote image is caught."""
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><html><body><p id='verdict'>x</p>"
        "<img src='https://example.com/x.png'><script>console.error('boom')</script></body></html>"
    )
    load(devtools, page, tmp_path / "bad.png")
    problems = devtools.problems()
    assert any("boom" in p for p in problems), problems
    assert any("example.com" in p for p in problems), problems


@pytest.mark.parametrize("width", [1280, 1920])
def test_the_load_ab_table_fits_the_page(tmp_path, devtools, width):
    """The load A/B's table (a committed lock evaluation run: its lock-wait cell is the widest)
    ends inside the window: its verdict column is not pushed off the page."""
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    shutil.copy(Path(__file__).parents[1] / "reports/eval/2026-12-03/lock-01/run.json", run_dir)
    paths = render(run_dir)
    assert "waits on a lock" in paths["report.html"].read_text()
    info = load(devtools, paths["report.html"], tmp_path / f"load-{width}.png", width=width)
    assert devtools.problems() == []
    assert info["scrollWidth"] <= info["innerWidth"], info
    assert all(right <= width for right in info["tableRights"]), info["tableRights"]
