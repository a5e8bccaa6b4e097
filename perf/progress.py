"""Progress lines for long work: timed steps on stderr, `::group::` sections on GitHub."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager


def in_ci() -> bool:
    """True under GitHub Actions or any CI that sets CI=true: plain lines, no live widgets."""
    return bool(os.environ.get("GITHUB_ACTIONS")) or os.environ.get("CI", "").lower() in {
        "1",
        "true",
        "yes",
    }


class Progress:
    """Writes one line per step with its duration; sections become log groups on GitHub."""

    def __init__(self, stream=None, quiet: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.quiet = quiet
        self.github = bool(os.environ.get("GITHUB_ACTIONS"))

    def line(self, message: str) -> None:
        if not self.quiet:
            print(f"perfci: {message}", file=self.stream, flush=True)

    @contextmanager
    def step(self, message: str) -> Iterator[None]:
        """Announce a step, then report how long it took (or that it failed)."""
        self.line(f"{message} ...")
        started = time.perf_counter()
        ok = False
        try:
            yield
            ok = True
        finally:
            took = time.perf_counter() - started
            self.line(f"{message}: {'done' if ok else 'FAILED'} in {took:.1f} s")

    @contextmanager
    def section(self, title: str) -> Iterator[None]:
        if self.github and not self.quiet:
            print(f"::group::{title}", file=self.stream, flush=True)
        else:
            self.line(f"== {title} ==")
        try:
            yield
        finally:
            if self.github and not self.quiet:
                print("::endgroup::", file=self.stream, flush=True)
