"""The exit codes every perfci command shares, and the exceptions that carry them."""

from __future__ import annotations

EXIT_PASS = 0
EXIT_GATE_FAILED = 1  # a performance gate failed (regression, SLA, SLO)
EXIT_USAGE = 2  # bad usage, config or input file
EXIT_ENVIRONMENT = 3  # database unreachable, API died, load generator saturated


class PerfciError(Exception):
    """An error that ends a command with a one-line message and a fixed exit code."""

    exit_code = EXIT_GATE_FAILED


class UsageError(PerfciError):
    """The user asked for something impossible: wrong option, file or value (exit 2)."""

    exit_code = EXIT_USAGE


class EnvironmentFailure(PerfciError):
    """The machine cannot run the measurement: missing binaries, a dead server (exit 3)."""

    exit_code = EXIT_ENVIRONMENT
