#!/usr/bin/env python3
"""Check perf-pr.yml's perf-comment artifact before perf-comment.yml posts it (untrusted data).

Usage: check-pr-artifact.py ARTIFACT.zip OUT_DIR

The artifact comes from a pull-request run, which may be a fork's: nothing in it is trusted.
This script (standard library only, run from the default branch) accepts exactly two members,
`pr.json` and `comment.md`, caps their sizes before reading them, checks `pr.json` against its
schema (`perfci.pr-comment/1`: a positive PR number and a 40-hex head SHA, nothing else) and
`comment.md` for UTF-8, the length GitHub accepts and perfci's sticky-comment marker, and writes
the two checked files to OUT_DIR. Exit 0 when the artifact is acceptable, 2 naming the problem
otherwise. The PR number is checked against the run's head SHA by the workflow (GitHub API).
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

SCHEMA = "perfci.pr-comment/1"
MEMBERS = {"pr.json": 1024, "comment.md": 65_536 * 4}  # name -> max bytes (UTF-8: 4/char)
MAX_COMMENT_CHARS = 65_000  # GitHub rejects bodies over 65,536; leave room for the run link
MARKER = "<!-- perfci-comment -->"
SHA = re.compile(r"^[0-9a-f]{40}$")


class Rejected(Exception):
    pass


def check_meta(meta: object) -> dict:
    if not isinstance(meta, dict):
        raise Rejected("pr.json: not a JSON object")
    if set(meta) != {"schema", "pr", "head_sha"}:
        raise Rejected(f"pr.json: fields {sorted(meta)}, expected ['head_sha', 'pr', 'schema']")
    if meta["schema"] != SCHEMA:
        raise Rejected(f"pr.json: schema {meta['schema']!r}, expected {SCHEMA!r}")
    pr = meta["pr"]
    if not isinstance(pr, int) or isinstance(pr, bool) or not 0 < pr < 10**9:
        raise Rejected(f"pr.json: pr {pr!r} is not a positive integer")
    if not isinstance(meta["head_sha"], str) or not SHA.match(meta["head_sha"]):
        raise Rejected("pr.json: head_sha is not 40 lowercase hex digits")
    return meta


def check_comment(text: str) -> str:
    if len(text) > MAX_COMMENT_CHARS:
        raise Rejected(f"comment.md: {len(text)} characters, over {MAX_COMMENT_CHARS}")
    if MARKER not in text:
        raise Rejected(f"comment.md: no {MARKER} marker (not rendered by perfci report)")
    if "\x00" in text:
        raise Rejected("comment.md: contains NUL characters")
    return text


def check_artifact(zip_path: Path, out_dir: Path) -> dict:
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise Rejected(f"{zip_path}: not a zip archive ({exc})") from None
    with archive:
        infos = archive.infolist()
        names = sorted(i.filename for i in infos)
        if names != sorted(MEMBERS):
            raise Rejected(f"{zip_path}: members {names}, expected {sorted(MEMBERS)}")
        data = {}
        for info in infos:
            cap = MEMBERS[info.filename]
            if info.file_size > cap:
                raise Rejected(f"{info.filename}: {info.file_size} bytes, over {cap}")
            with archive.open(info) as fh:
                raw = fh.read(cap + 1)  # the header's size may lie: never read past the cap
            if len(raw) > cap:
                raise Rejected(f"{info.filename}: over {cap} bytes")
            try:
                data[info.filename] = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise Rejected(f"{info.filename}: not UTF-8") from None
    try:
        meta = check_meta(json.loads(data["pr.json"]))
    except ValueError as exc:
        raise Rejected(f"pr.json: not JSON ({exc})") from None
    comment = check_comment(data["comment.md"])
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "pr.json").write_text(json.dumps(meta))
    (out_dir / "comment.md").write_text(comment, encoding="utf-8")
    return meta


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    try:
        meta = check_artifact(Path(argv[1]), Path(argv[2]))
    except Rejected as exc:
        print(f"check-pr-artifact: rejected: {exc}", file=sys.stderr)
        return 2
    print(f"check-pr-artifact: ok: PR #{meta['pr']} at {meta['head_sha'][:12]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
