#!/usr/bin/env python3
"""Check perf-pr.yml's perf-comment artifact before perf-comment.yml posts it (untrusted data).

Usage: check-pr-artifact.py ARTIFACT.zip OUT_DIR

The artifact comes from a pull-request run, which may be a fork's: nothing in it is trusted.
This script (standard library only, run from the default branch) accepts exactly two members,
`pr.json` and `comment.md`, stored or deflated, not encrypted, plain names; it caps their sizes
before reading them and never reads past the cap; any error while reading a member is a
rejection. It checks `pr.json` against its schema (`perfci.pr-comment/1`: a positive PR number
and a 40-hex head SHA, nothing else) and `comment.md` for UTF-8, the length GitHub accepts and
perfci's sticky-comment marker, sanitises `comment.md` (see `sanitise_comment`: no @mentions
that notify, no raw HTML but what perfci's template emits, no images) and writes the two checked
files to OUT_DIR. Exit 0 when the artifact is acceptable, 2 with one line naming the problem
otherwise. The PR number is checked against the run's head SHA by the workflow (GitHub API).
"""

from __future__ import annotations

import bisect
import html
import json
import re
import string
import sys
import zipfile
import zlib
from collections import Counter
from pathlib import Path

SCHEMA = "perfci.pr-comment/1"
MEMBERS = {"pr.json": 1024, "comment.md": 65_536 * 4}  # name -> max bytes (UTF-8: 4/char)
MAX_COMMENT_CHARS = 65_000  # GitHub rejects bodies over 65,536; leave room for the run link
MARKER = "<!-- perfci-comment -->"
SHA = re.compile(r"^[0-9a-f]{40}$")
COMPRESSION = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
ENCRYPTED = 0x1 | 0x40 | 0x2000  # flag bits: encrypted, strong encryption, encrypted directory
# what zipfile and zlib raise on a corrupt, lying or unsupported member
READ_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    RuntimeError,
    NotImplementedError,
    EOFError,
    OSError,
    ValueError,
)


class Rejected(Exception):
    pass


def _name(name: str) -> str:
    """A member name fit for a one-line message (the name is the artifact's, so untrusted)."""
    if re.fullmatch(r"[\w./+-]{1,100}", name, re.ASCII):
        return name
    return ascii(name[:100])


def _why(exc: BaseException) -> str:
    """An exception as part of a one-line message (its text may quote the artifact)."""
    text = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
    return "".join(c if c.isprintable() else "?" for c in text)


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


def check_comment(text: str, counts: Counter | None = None) -> str:
    """The comment as it may be posted: checked, then sanitised (and checked again)."""
    if len(text) > MAX_COMMENT_CHARS:
        raise Rejected(f"comment.md: {len(text)} characters, over {MAX_COMMENT_CHARS}")
    if "\x00" in text:
        raise Rejected("comment.md: contains NUL characters")
    safe = sanitise_comment(text, counts)
    if len(safe) > MAX_COMMENT_CHARS:
        raise Rejected(
            f"comment.md: {len(safe)} characters once sanitised, over {MAX_COMMENT_CHARS}"
        )
    if MARKER not in safe:
        raise Rejected(f"comment.md: no {MARKER} marker (not rendered by perfci report)")
    return safe


# ----------------------------------------------------------------------------- the zip


def check_member_info(info: zipfile.ZipInfo) -> None:
    """What the central directory says about a member, before anything of it is read."""
    name = info.filename
    shown = _name(info.orig_filename)
    if info.orig_filename != name:
        raise Rejected(f"{shown}: name with a NUL or a path separator zipfile rewrites")
    parts = name.replace("\\", "/").split("/")
    if info.is_dir() or name.endswith(("/", "\\")):
        raise Rejected(f"{shown}: a directory entry")
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name):
        raise Rejected(f"{shown}: an absolute path")
    if ".." in parts:
        raise Rejected(f"{shown}: a '..' path component")
    if info.flag_bits & ENCRYPTED:
        raise Rejected(f"{shown}: encrypted (flag bits {info.flag_bits:#06x})")
    if info.compress_type not in COMPRESSION:
        raise Rejected(
            f"{shown}: compression method {info.compress_type}, "
            f"only stored (0) and deflated (8) are accepted"
        )


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    """The member's bytes, never more than `cap` of them read, whatever its header says."""
    shown = _name(info.filename)
    if info.file_size > cap:
        raise Rejected(f"{shown}: {info.file_size} bytes, over {cap}")
    try:
        with archive.open(info) as fh:
            raw = fh.read(cap + 1)  # the header's size may lie: never read past the cap
    except READ_ERRORS as exc:
        raise Rejected(f"{shown}: unreadable ({_why(exc)})") from None
    if len(raw) > cap:
        raise Rejected(f"{shown}: over {cap} bytes")
    return raw


def check_artifact(zip_path: Path, out_dir: Path, counts: Counter | None = None) -> dict:
    try:
        archive = zipfile.ZipFile(zip_path)
    except READ_ERRORS as exc:
        raise Rejected(f"{zip_path}: not a readable zip archive ({_why(exc)})") from None
    with archive:
        infos = archive.infolist()
        for info in infos:
            check_member_info(info)
        names = Counter(i.filename for i in infos)
        for name, count in names.items():
            if count > 1:
                raise Rejected(f"{_name(name)}: {count} members with this name")
        expected = ", ".join(sorted(MEMBERS))
        for name in sorted(names):
            if name not in MEMBERS:
                raise Rejected(f"{_name(name)}: unexpected member (expected only {expected})")
        for name in sorted(MEMBERS):
            if name not in names:
                raise Rejected(f"{name}: missing from the artifact (expected {expected})")
        data = {}
        for info in infos:
            raw = read_member(archive, info, MEMBERS[info.filename])
            try:
                data[info.filename] = raw.decode("utf-8")
            except UnicodeDecodeError:
                raise Rejected(f"{info.filename}: not UTF-8") from None
    try:
        meta = check_meta(json.loads(data["pr.json"]))
    except ValueError as exc:
        raise Rejected(f"pr.json: not JSON ({_why(exc)})") from None
    comment = check_comment(data["comment.md"], counts)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "pr.json").write_text(json.dumps(meta))
    (out_dir / "comment.md").write_text(comment, encoding="utf-8")
    return meta


# ----------------------------------------------------------------- the comment's Markdown
#
# The comment is rendered by GitHub (CommonMark with GitHub's extensions). Outside code, the
# sanitiser escapes every `<` that could open HTML or an autolink except the tags perfci's
# template emits, breaks every image (`![` becomes `!\[`, which renders as text) and puts a
# zero-width space after every `@` that could start a mention; in code spans and fenced code
# blocks, which GitHub shows verbatim, only the zero-width space goes in. A code span or block
# is only taken for one where GitHub certainly parses one; wherever that is unsure (a backtick
# string left open, a link, autolink or math before it, a pipe inside it in a table), the text
# is sanitised as prose: sanitising too much costs looks, sanitising too little could post HTML.

# between `@` and a name, a zero-width space stops the mention and looks the same (Dependabot
# and Renovate do this too); in code as well, since e-mail replies quote the text as plain text
ZWSP = "\u200b"
ALLOWED_TAGS = ("<sub>", "</sub>")  # the only tags perfci's comment template emits
LINE_END = re.compile(r"(\r\n|\r|\n)")  # CommonMark's line endings, and no others
BLANK = re.compile(r"[ \t]*")
FENCE_OPEN = re.compile(r"(`{3,})[^`]*|(~{3,}).*")  # at column 0 only
FENCE_LIKE = re.compile(r"```|~~~")
DELIMITER_ROW = re.compile(r"[ \t>*+0-9.)|:-]*-[ \t>*+0-9.)|:-]*")  # could make a table
# before a code span, these may swallow its opening backtick (a link destination, label or
# definition, a GFM autolink, math): no code span after one of them is trusted
SWALLOWS = re.compile(r"\][(\[:]|://|www\.|mailto:|xmpp:|\$", re.IGNORECASE)
# `<` opening an HTML tag, comment, declaration or instruction, or a URI or e-mail autolink
OPENS_MARKUP = re.compile(r"<(?:[A-Za-z/!?]|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@)")
PROSE_SPECIAL = re.compile(r"<|!\[|@|&(?:#0*64|#[xX]0*40|commat);")  # the last: `@` as entity
MENTION_NEXT = re.compile(r"[A-Za-z0-9]|&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z0-9]{2,32});")
CODE_MENTION = re.compile(r"@(?=[A-Za-z0-9])")
BACKTICKS = re.compile(r"`+")
BACKSLASH_OR_BACKTICK = re.compile(r"[\\`]")
ASCII_PUNCTUATION = frozenset(string.punctuation)


def code_spans(line: str) -> tuple[list[tuple[int, int]], bool]:
    """CommonMark's code spans in one line, as (start, end) with their backticks, and whether a
    backtick string was left without a closer (it might close on a later line)."""
    starts: dict[int, list[int]] = {}
    for m in BACKTICKS.finditer(line):
        starts.setdefault(m.end() - m.start(), []).append(m.start())
    spans: list[tuple[int, int]] = []
    open_left = False
    i = 0
    while m := BACKSLASH_OR_BACKTICK.search(line, i):
        p = m.start()
        if line[p] == "\\":  # a backslash escape outside code: `\`` is no backtick string
            escapes = p + 1 < len(line) and line[p + 1] in ASCII_PUNCTUATION
            i = p + 2 if escapes else p + 1
            continue
        q = p
        while q < len(line) and line[q] == "`":
            q += 1
        candidates = starts.get(q - p, [])
        k = bisect.bisect_left(candidates, q)  # the closer: the next string of equal length
        if k < len(candidates):
            spans.append((p, candidates[k] + q - p))
            i = candidates[k] + q - p
        else:
            open_left = True
            i = q
    return spans, open_left


def _code(text: str, counts: Counter) -> str:
    out, n = CODE_MENTION.subn("@" + ZWSP, text)
    counts["mentions"] += n
    return out


def _prose(line: str, start: int, end: int, state: dict, counts: Counter) -> str:
    out = []
    i = start
    for m in PROSE_SPECIAL.finditer(line, start, end):
        p = m.start()
        if p < i:
            continue
        out.append(line[i:p])
        token = m.group()
        i = m.end()
        if token == "<":
            tag = next((t for t in ALLOWED_TAGS if line.startswith(t, p)), None)
            # alone at the end of its line, a tag may open an HTML block (no Markdown in it)
            ends_line = tag and end == len(line) and not line[p + len(tag) :].strip(" \t")
            if tag and (state["tag_before"] or not ends_line):
                state["tag_before"] = True
                out.append(tag)
                i = p + len(tag)
            elif OPENS_MARKUP.match(line, p):
                out.append("&lt;")
                counts["html"] += 1
            else:
                out.append("<")
        elif token == "![":
            out.append("!\\[")
            counts["images"] += 1
        else:  # an `@`, literal or as a character reference
            out.append(token)
            after = MENTION_NEXT.match(line, i, end)  # a letter or digit, maybe as an entity
            first = html.unescape(after.group())[:1] if after else ""
            if first.isascii() and first.isalnum():
                out.append(ZWSP)
                counts["mentions"] += 1
    out.append(line[i:end])
    return "".join(out)


def sanitise_comment(text: str, counts: Counter | None = None) -> str:
    """`text` made safe to post as a bot: no mention notifies anyone, no HTML but perfci's own
    tags (`<sub>`, `</sub>`, the marker line) renders, no image is fetched. Plain links,
    `#123` references, tables, alerts and code stay as they are."""
    counts = Counter() if counts is None else counts
    parts = LINE_END.split(text)
    lines, ends = parts[0::2], parts[1::2] + [""]

    # fenced code blocks: only those opened at column 0 (not a table's header row), and none
    # after a fence-like line this does not recognise (a fence in a list or a quote, say)
    kinds = []
    fence: re.Pattern | None = None
    fences_trusted = True
    for n, line in enumerate(lines):
        if fence:
            kinds.append("code")
            if fence.fullmatch(line):
                fence = None
            continue
        m = FENCE_OPEN.fullmatch(line) if fences_trusted else None
        if m and not (n + 1 < len(lines) and DELIMITER_ROW.fullmatch(lines[n + 1])):
            run = m.group(1) or m.group(2)
            fence = re.compile(rf" {{0,3}}{re.escape(run[0])}{{{len(run)},}}[ \t]*")
            kinds.append("code")
            continue
        if FENCE_LIKE.search(line):
            fences_trusted = False
        kinds.append("blank" if BLANK.fullmatch(line) else "text")

    out = []
    group_start = None
    table_like = spans_trusted = False
    for n, line in enumerate(lines):
        if kinds[n] != "text":
            group_start = None
            out.append(_code(line, counts) if kinds[n] == "code" else line)
            out.append(ends[n])
            continue
        if group_start is None:  # a run of text lines: inline content never spans a blank line
            group_start = n
            spans_trusted = True
            group_end = n
            while group_end < len(lines) and kinds[group_end] == "text":
                group_end += 1
            table_like = any(DELIMITER_ROW.fullmatch(x) for x in lines[n:group_end])
        if line == MARKER:
            out.append(line + ends[n])
            continue
        spans, open_left = code_spans(line)
        trusted = []
        prev = 0
        for s, e in spans:
            if not spans_trusted or SWALLOWS.search(line, prev, s):
                break
            if table_like and "|" in line[s:e]:  # GFM splits table cells before code spans
                break
            trusted.append((s, e))
            prev = e
        if open_left or SWALLOWS.search(line, prev):
            spans_trusted = False  # for the rest of this run of lines
        state = {"tag_before": False}
        prev = 0
        for s, e in trusted:
            out.append(_prose(line, prev, s, state, counts))
            out.append(_code(line[s:e], counts))
            prev = e
        out.append(_prose(line, prev, len(line), state, counts))
        out.append(ends[n])
    return "".join(out)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    counts: Counter = Counter()
    try:
        meta = check_artifact(Path(argv[1]), Path(argv[2]), counts)
    except Rejected as exc:
        print(f"check-pr-artifact: rejected: {exc}", file=sys.stderr)
        return 2
    print(f"check-pr-artifact: ok: PR #{meta['pr']} at {meta['head_sha'][:12]}")
    done = ", ".join(f"{k} {counts[k]}" for k in ("mentions", "html", "images") if counts[k])
    if done:
        print(f"check-pr-artifact: comment.md sanitised: {done} neutralised")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
