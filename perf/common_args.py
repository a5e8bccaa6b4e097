"""Command-line options shared by the `perfci` commands, defined once (asv's common_args).

Each command module adds what it takes with these helpers and turns the parsed namespace into
its stage's typed settings; nothing past the command module sees argparse.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import NoReturn

from perf.errors import EXIT_USAGE, UsageError
from perf.stack import check_dsn


class Parser(argparse.ArgumentParser):
    """argparse with perfci's error line: one line on stderr naming the option and its value,
    exit 2 (argparse's own is the whole usage text, then `perfci ab: error: ...`). The
    subcommands' parsers are of the same class (add_subparsers' default)."""

    def error(self, message: str) -> NoReturn:
        message = " ".join(message.split()).removeprefix("argument ")
        self.exit(EXIT_USAGE, f"perfci: error: {message} (see {self.prog} --help)\n")


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def port_number(text: str) -> int:
    """A TCP port: 1 to 65535."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not an integer") from None
    if not 1 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a TCP port (1 to 65535)")
    return value


def positive_float(text: str) -> float:
    """A finite number above 0 (a duration, a budget, a scale)."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text} must be a finite number above 0")
    return value


def non_negative_float(text: str) -> float:
    """A finite number, 0 or above (a duration where 0 turns the step off)."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"{text} must be a finite number, 0 or above")
    return value


def add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, help="config file (default ./perfci.toml)")


def add_out(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", type=Path, help="run directory (default reports/runs/<time>-<sha>)")


def add_dsn(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--dsn",
        help="PostgreSQL URL to use instead of the embedded throwaway cluster "
        "(default: $DATABASE_URL); the role needs CREATEDB",
    )


def add_profile(p: argparse.ArgumentParser, default_from: str = "the config's") -> None:
    p.add_argument("--profile", help=f"data profile (default: {default_from})")


def add_common(p: argparse.ArgumentParser, out: bool = True) -> None:
    """--config, --dsn and (for commands that write a run directory) --out."""
    add_config(p)
    add_dsn(p)
    if out:
        add_out(p)


def dsn_from(args: argparse.Namespace) -> str | None:
    """--dsn, else $DATABASE_URL, else None (the embedded cluster)."""
    dsn = getattr(args, "dsn", None) or os.environ.get("DATABASE_URL") or None
    return check_dsn(dsn) if dsn else None


def check_out(out: Path) -> Path:
    """--out must name a directory, existing or not: a regular file there would only fail
    after the measuring, when the results are written."""
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {out}: exists and is not a directory (pass a directory path)")
    return out


def check_output_file(path: Path, flag: str) -> Path:
    """A file a command writes at its end (a baseline, noise floors) must be writable there
    before any measuring: not a directory, its parent a directory (or creatable)."""
    if path.is_dir():
        raise UsageError(f"{flag} {path}: is a directory (pass a file path)")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise UsageError(f"{flag} {path}: {parent} is not a directory")
            if not os.access(parent, os.W_OK):
                raise UsageError(f"{flag} {path}: {parent} is not writable")
            break
    return path


def run_dir_from(args: argparse.Namespace) -> Path:
    """--out (checked), else reports/runs/<UTC time>-<short sha>."""
    if getattr(args, "out", None):
        return check_out(args.out)
    from perf.fingerprint import git_sha

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    return Path("reports/runs") / f"{stamp}-{(git_sha() or 'nogit')[:8]}"
