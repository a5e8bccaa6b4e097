"""The environment fingerprint: what a measurement ran on, and the part of it that must match
for two measurements taken in different jobs to be comparable."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path

PACKAGES = ("fastapi", "starlette", "uvicorn", "asyncpg", "httpx", "numpy", "pytest-benchmark")


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def git_sha(cwd: str | Path | None = None) -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], capture_output=True, text=True, cwd=cwd, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def environment(postgres_version: str = "", cwd: str | Path | None = None) -> dict:
    """Everything recorded about the machine and software of a run."""
    packages = {}
    for name in PACKAGES:
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "cpu_model": cpu_model(),
        "cpu_count": os.cpu_count(),
        "machine": platform.machine(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "postgres": postgres_version,
        "packages": packages,
        "git_sha": git_sha(cwd),
    }


def comparable_key(env: dict) -> dict:
    """The fields that must be equal for timings from two runs to be compared at all."""
    python = str(env.get("python", ""))
    postgres = str(env.get("postgres", "")).split(" ")[0]
    return {
        "cpu_model": env.get("cpu_model"),
        "cpu_count": env.get("cpu_count"),
        "machine": env.get("machine"),
        "python": ".".join(python.split(".")[:2]),
        "postgres_major": postgres.split(".")[0],
    }
