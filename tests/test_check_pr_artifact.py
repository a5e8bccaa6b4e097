"""ci/check-pr-artifact.py, the trusted check of a pull request's perf-comment artifact: malformed
zips are the checker's own one-line rejection (exit 2, never a traceback), and the comment it
writes is safe to post as a bot (no mention that notifies, no raw HTML but perfci's own tags, no
image fetched) while a comment rendered by perfci comes through byte for byte."""

from __future__ import annotations

import importlib.util
import json
import shutil
import struct
import subprocess
import sys
import warnings
import zipfile
from pathlib import Path

import pytest

from perf.report import render

ROOT = Path(__file__).resolve().parents[1]
CHECKER = ROOT / "ci" / "check-pr-artifact.py"
GENUINE_RUNS = [
    ROOT / "tests" / "data" / "report-run",
    ROOT / "reports" / "eval" / "2026-11-29" / "slow25-01",
    ROOT / "reports" / "eval" / "2026-11-29" / "nplus1-01",
]
META = {"schema": "perfci.pr-comment/1", "pr": 42, "head_sha": "a" * 40}
MARKER = "<!-- perfci-comment -->"
ZW = "\u200b"


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_pr_artifact", CHECKER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


checker = _load_checker()
sanitise = checker.sanitise_comment


# ------------------------------------------------------------------------------- helpers


def comment(body: str) -> str:
    return f"{body}\n\n{MARKER}\n"


def build_zip(
    path: Path, members: dict[str, str | bytes], compression: int = zipfile.ZIP_DEFLATED
) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "Duplicate name", on purpose
        with zipfile.ZipFile(path, "w", compression=compression) as z:
            for name, data in members.items():
                z.writestr(name, data)
    return path


def good_members(text: str = comment("will improve performance by 12 % on search")) -> dict:
    return {"pr.json": json.dumps(META), "comment.md": text}


# the fields patched below: (offset in the header, struct format)
CENTRAL = {"flags": (8, "<H"), "method": (10, "<H"), "csize": (20, "<I"), "usize": (24, "<I")}
LOCAL = {"flags": (6, "<H"), "method": (8, "<H"), "csize": (18, "<I"), "usize": (22, "<I")}


def headers(raw: bytes, name: str) -> list[tuple[int, dict]]:
    """Offsets of the local and central-directory headers of member `name`."""
    found = []
    encoded = name.encode()
    for sig, fields, name_len_at, name_at in (
        (b"PK\x03\x04", LOCAL, 26, 30),
        (b"PK\x01\x02", CENTRAL, 28, 46),
    ):
        at = raw.find(sig)
        while at >= 0:
            (length,) = struct.unpack_from("<H", raw, at + name_len_at)
            if raw[at + name_at : at + name_at + length] == encoded:
                found.append((at, fields))
            at = raw.find(sig, at + 1)
    assert len(found) == 2, f"{name}: {len(found)} headers"
    return found


def patch(path: Path, name: str, **values: int) -> Path:
    """Rewrite header fields of member `name`, in both its local and central headers."""
    raw = bytearray(path.read_bytes())
    for at, fields in headers(bytes(raw), name):
        for field, value in values.items():
            offset, fmt = fields[field]
            if callable(value):
                (old,) = struct.unpack_from(fmt, raw, at + offset)
                value = value(old)
            struct.pack_into(fmt, raw, at + offset, value)
    path.write_bytes(bytes(raw))
    return path


def run_checker(zip_path: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(CHECKER), str(zip_path), str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def assert_rejected(zip_path: Path, out: Path, member: str) -> str:
    result = run_checker(zip_path, out)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"check-pr-artifact: rejected: {member}: "), lines[0]
    assert not (out / "comment.md").exists()
    return lines[0]


# ------------------------------------------------------------------- malformed archives


def test_under_reported_size_is_a_rejection(tmp_path):
    text = comment("x" * 5000)
    path = build_zip(tmp_path / "a.zip", good_members(text))
    patch(path, "comment.md", usize=100)  # central directory and local header both lie
    line = assert_rejected(path, tmp_path / "out", "comment.md")
    assert "unreadable" in line and "CRC" in line


def test_under_reported_size_of_a_stored_member_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members(), compression=zipfile.ZIP_STORED)
    patch(path, "comment.md", usize=10, csize=10)
    assert_rejected(path, tmp_path / "out", "comment.md")


def test_a_lying_size_never_reads_past_the_cap(tmp_path, monkeypatch):
    # 4 MB of zeros deflate to a few KB; the headers say 1,000 bytes
    path = build_zip(tmp_path / "bomb.zip", good_members(comment("0" * 4_000_000)))
    patch(path, "comment.md", usize=1000)
    produced = []
    update_crc = zipfile.ZipExtFile._update_crc  # sees every decompressed chunk

    def spy(self, data):
        produced.append((self.name, len(data)))
        return update_crc(self, data)

    monkeypatch.setattr(zipfile.ZipExtFile, "_update_crc", spy)
    with pytest.raises(checker.Rejected, match=r"^comment\.md: unreadable .*CRC"):
        checker.check_artifact(path, tmp_path / "out")
    total = sum(size for name, size in produced if name == "comment.md")
    assert 0 < total <= 1000 < checker.MEMBERS["comment.md"], produced


def test_a_size_over_the_cap_is_refused_before_reading(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members(comment("0" * 300_000)))
    line = assert_rejected(path, tmp_path / "out", "comment.md")
    assert "over 262144" in line


def test_encrypted_member_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members())
    patch(path, "comment.md", flags=lambda old: old | 0x1)
    line = assert_rejected(path, tmp_path / "out", "comment.md")
    assert "encrypted" in line


def test_deflate64_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members())
    patch(path, "pr.json", method=9)
    line = assert_rejected(path, tmp_path / "out", "pr.json")
    assert "compression method 9" in line


def test_bzip2_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members(), compression=zipfile.ZIP_BZIP2)
    line = assert_rejected(path, tmp_path / "out", "pr.json")
    assert "compression method 12" in line


def test_corrupt_deflate_stream_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members(comment("y" * 3000)))
    raw = bytearray(path.read_bytes())
    (at, _), _central = headers(bytes(raw), "comment.md")
    start = at + 30 + len("comment.md")
    raw[start : start + 8] = b"\xff" * 8  # not a deflate block
    path.write_bytes(bytes(raw))
    line = assert_rejected(path, tmp_path / "out", "comment.md")
    assert "unreadable" in line


@pytest.mark.parametrize(
    ("name", "shown", "why"),
    [
        ("pr.json/", "pr.json/", "directory"),
        ("/comment.md", "/comment.md", "absolute"),
        ("../comment.md", "../comment.md", "'..'"),
        ("a/../pr.json", "a/../pr.json", "'..'"),
        ("bad\nname.md", "'bad\\nname.md'", "unexpected member"),  # a one-line message all the same
    ],
)
def test_unsafe_member_names_are_rejections(tmp_path, name, shown, why):
    members = dict(good_members(), **{name: "x"})
    line = assert_rejected(build_zip(tmp_path / "a.zip", members), tmp_path / "out", shown)
    assert why in line


def test_duplicate_member_is_a_rejection(tmp_path):
    path = tmp_path / "a.zip"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("pr.json", json.dumps(META))
            z.writestr("comment.md", comment("first"))
            z.writestr("comment.md", comment("second"))
    line = assert_rejected(path, tmp_path / "out", "comment.md")
    assert "2 members" in line


def test_nul_in_a_member_name_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", dict(good_members(), **{"comment.mdX": "x"}))
    path.write_bytes(path.read_bytes().replace(b"comment.mdX", b"comment.md\x00"))
    assert_rejected(path, tmp_path / "out", "'comment.md\\x00'")


@pytest.mark.parametrize("content", [b"not a zip", b"PK\x03\x04" + b"\x00" * 40, b""])
def test_not_a_zip_is_a_rejection(tmp_path, content):
    path = tmp_path / "a.zip"
    path.write_bytes(content)
    line = assert_rejected(path, tmp_path / "out", str(path))
    assert "not a readable zip archive" in line


def test_truncated_zip_is_a_rejection(tmp_path):
    path = build_zip(tmp_path / "a.zip", good_members())
    path.write_bytes(path.read_bytes()[:-30])
    assert_rejected(path, tmp_path / "out", str(path))


def test_a_good_artifact_is_accepted_stored_or_deflated(tmp_path):
    for compression in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        case = tmp_path / str(compression)
        case.mkdir()
        result = run_checker(build_zip(case / "a.zip", good_members(), compression), case / "out")
        assert result.returncode == 0, result.stderr
        assert (case / "out" / "comment.md").read_text() == good_members()["comment.md"]


# ----------------------------------------------------------------- genuine comments


def rendered(run_dir: Path, tmp_path: Path, edit=None) -> str:
    copy = tmp_path / run_dir.name
    shutil.copytree(run_dir, copy)
    if edit:
        data = json.loads((copy / "run.json").read_text())
        edit(data)
        (copy / "run.json").write_text(json.dumps(data))
    return render(copy)["comment.md"].read_text()


@pytest.mark.parametrize("run_dir", GENUINE_RUNS, ids=lambda p: p.name)
def test_a_rendered_comment_comes_through_unchanged(tmp_path, run_dir):
    text = rendered(run_dir, tmp_path)
    assert MARKER in text and "<sub>" in text and "|---|" in text
    assert sanitise(text) == text
    result = run_checker(build_zip(tmp_path / "a.zip", good_members(text)), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "sanitised" not in result.stdout
    assert (tmp_path / "out" / "comment.md").read_bytes() == text.encode()


def _hostile_but_genuine(data: dict) -> None:
    """What real runs can put in a comment: an environment banner (a GitHub alert), Python
    frames with angle brackets, SQL with PostgreSQL's `@>`, `||`, `<` and `$1`."""
    data["config"]["data"] = "datasets differ: base 1,000 cases, head 2,000 cases"
    data["config"]["base"]["environment"] = {"postgres": "15.18", "python": "3.11.7"}
    data["config"]["head"]["environment"] = {"postgres": "16.2", "python": "3.11.7"}
    bottlenecks = data["stages"]["profile"]["bottlenecks"]
    bottlenecks[0]["where"] = "fetch_cases.<locals>.<listcomp> (dtrag/db/repo.py:341)"
    bottlenecks[1]["where"] = "SELECT id FROM cases WHERE tags @> $1 AND a||b<c AND x<y"


def test_a_rendered_comment_with_banner_frames_and_sql_comes_through_unchanged(tmp_path):
    text = rendered(GENUINE_RUNS[0], tmp_path, _hostile_but_genuine)
    assert "> [!WARNING]" in text and "<listcomp>" in text and "@> $1" in text
    assert sanitise(text) == text


# ------------------------------------------------------------------------- the sanitiser


def visible(text: str) -> str:
    return text.replace(ZW, "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ping @octocat", f"ping @{ZW}octocat"),
        ("@octocat at the start", f"@{ZW}octocat at the start"),
        ("cc @my-org/perf-team please", f"cc @{ZW}my-org/perf-team please"),
        ("(@a), **@b**, _x_@c, >@d", f"(@{ZW}a), **@{ZW}b**, _x_@{ZW}c, >@{ZW}d"),
        ("| @a | `x` |", f"| @{ZW}a | `x` |"),
        ("&#64;octocat &#x40;octocat &commat;octocat", None),
        ("@&#111;ctocat", f"@{ZW}&#111;ctocat"),
        ("user@example.com", f"user@{ZW}example.com"),  # a mail address: harmless either way
        ("`@octocat` in code", f"`@{ZW}octocat` in code"),  # e-mail replies read plain text
        ("tags @> $1, x @@ q, @ alone, @-x", "tags @> $1, x @@ q, @ alone, @-x"),
    ],
)
def test_mentions_do_not_notify(text, expected):
    out = sanitise(text)
    if expected is None:
        assert out.count(ZW) == 3 and visible(out) == text
    else:
        assert out == expected
    assert sanitise(out) == out


def test_html_is_escaped_except_perfci_tags():
    text = (
        '<img src="https://example.com/pixel.png"> <script>alert(1)</script>\n'
        '<a href="https://example.com">x</a> <IMG SRC=x> </sub x> <sub class="x">\n'
        "<details><summary>more</summary>hidden</details> <!-- hidden --> <?php ?> <!DOCTYPE>\n"
        "<https://example.com> <someone@example.com> <1@example.com>\n"
    )
    out = sanitise(text)
    assert "<" not in out
    assert visible(out) == text.replace("<", "&lt;")


def test_perfci_tags_and_marker_stay():
    text = "<sub>small print</sub>\n\n<sub>a</sub> and <sub>b</sub>\n\n" + MARKER + "\n"
    assert sanitise(text) == text


def test_a_tag_alone_on_its_line_is_escaped():
    # `<sub>` alone on a line opens an HTML block: the lines after it would not be Markdown
    text = "<sub>\n`<img src=x>`\n</sub>\n\n> </sub>  \n"
    out = sanitise(text)
    assert out == "&lt;sub>\n`<img src=x>`\n&lt;/sub>\n\n> &lt;/sub>  \n"


def test_the_marker_counts_only_on_a_line_of_its_own():
    assert sanitise(f"x {MARKER}") == "x &lt;!-- perfci-comment -->"
    assert sanitise(f"{MARKER}<img src=x>") == "&lt;!-- perfci-comment -->&lt;img src=x>"
    with pytest.raises(checker.Rejected, match="no <!-- perfci-comment --> marker"):
        checker.check_comment(f"text {MARKER}\n")


def test_comparisons_are_not_html():
    text = "P95 < 200 ms, a <= b, a<>b, x <- y, 3<4\n"
    assert sanitise(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("![chart](https://example.com/c.png)", "!\\[chart](https://example.com/c.png)"),
        ('![a](https://e.com/x.png "t")', '!\\[a](https://e.com/x.png "t")'),
        (
            "![ref][logo]\n\n[logo]: https://e.com/l.png",
            "!\\[ref][logo]\n\n[logo]: https://e.com/l.png",
        ),
        ("![logo]\n\n[logo]: https://e.com/l.png", "!\\[logo]\n\n[logo]: https://e.com/l.png"),
        (
            "[![badge](https://e.com/b.svg)](https://e.com)",
            "[!\\[badge](https://e.com/b.svg)](https://e.com)",
        ),
        ("!![x](y)", "!!\\[x](y)"),
    ],
)
def test_images_become_text(text, expected):
    assert sanitise(text) == expected


def test_links_references_and_alerts_stay():
    text = (
        "> [!WARNING]\n> **Not comparable:** the data differ\n\n"
        "[the run](https://github.com/o/r/actions/runs/1), #123, o/r#45, https://example.com\n"
        "| a | b |\n|---|---:|\n| `x` | 1 |\n"
    )
    assert sanitise(text) == text


def test_code_spans_and_fences_stay():
    text = (
        "`<img src=x>` and ``a ` <b>`` and `![i](u)` and `<sub>`\n\n"
        "```html\n<img src=x>\n![i](u)\n```\n\n"
        "~~~~\n```\n<script>\n~~~~\n"
    )
    assert sanitise(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "`a\nb` <img src=x> `c`",  # a backtick left open on the line before
        "[a](x`) <img src=x> `",  # the link destination takes the first backtick
        "[a][x`] <img src=x> `",  # so does a link label
        "see http://e.com/`<img src=x>`",  # and a GFM autolink
        "$x`$ <img src=x> $`$",  # and math
        "| `a | <img src=x> | b` |\n|---|---|---|",  # GFM splits the cells first
        "\\`<img src=x>`",  # an escaped backtick opens nothing
        "  ```\nfoo\n```\n<img src=x>\n```",  # an indented fence that GitHub closes
        "- ```\n<img src=x>\n```",  # a fence inside a list item
        "```a|b\n|-|-|\n<img src=x>|c",  # a table's header row to some parsers
    ],
)
def test_code_not_certainly_code_is_sanitised(text):
    out = sanitise(text)
    assert "<img" not in out and "&lt;img src=x>" in out


def test_sanitising_is_idempotent_and_line_endings_stay():
    text = "@a <b> ![c](d)\r\n\r\n`<e>`\r<sub>f</sub>\n" + MARKER
    out = sanitise(text)
    assert out == f"@{ZW}a &lt;b> !\\[c](d)\r\n\r\n`<e>`\r<sub>f</sub>\n{MARKER}"
    assert sanitise(out) == out


def test_the_checker_writes_the_sanitised_comment(tmp_path):
    text = comment("@perf-team look: <img src=https://example.com/x.png> ![x](https://e.com/y)")
    result = run_checker(build_zip(tmp_path / "a.zip", good_members(text)), tmp_path / "out")
    assert result.returncode == 0, result.stderr
    written = (tmp_path / "out" / "comment.md").read_text()
    assert written == sanitise(text) != text
    assert "<img" not in written and "![" not in written and "@perf-team" not in written
    assert "sanitised: mentions 1, html 1, images 1 neutralised" in result.stdout


def test_growth_by_sanitising_is_capped():
    with pytest.raises(checker.Rejected, match="once sanitised"):
        checker.check_comment("<a" * 30_000 + "\n" + MARKER)
