"""Service settings, read from environment variables only (no secrets in the repo)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


class ConfigError(ValueError):
    """An environment variable holds a value the service cannot use."""


def _int(env: dict[str, str], name: str, default: int, minimum: int = 0) -> int:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not an integer") from None
    if value < minimum:
        raise ConfigError(f"{name}={value} must be >= {minimum}")
    return value


@dataclass(frozen=True)
class Settings:
    """Everything the service can be configured with.

    Environment variables (all optional except the database URL):
    DTRAG_DATABASE_URL (or DATABASE_URL), DTRAG_API_KEYS (comma-separated),
    DTRAG_RATE_LIMIT (requests per key per window), DTRAG_RATE_WINDOW_SECONDS,
    DTRAG_POOL_MIN, DTRAG_POOL_MAX, DTRAG_EMBEDDING_DIM.
    """

    database_url: str
    api_keys: frozenset[str] = field(default_factory=frozenset)
    rate_limit: int = 100
    rate_window_seconds: int = 60
    pool_min: int = 10
    pool_max: int = 30
    embedding_dim: int = 384

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        url = env.get("DTRAG_DATABASE_URL") or env.get("DATABASE_URL")
        if not url:
            raise ConfigError("DTRAG_DATABASE_URL (or DATABASE_URL) is not set")
        keys = frozenset(k.strip() for k in env.get("DTRAG_API_KEYS", "").split(",") if k.strip())
        pool_min = _int(env, "DTRAG_POOL_MIN", 10, minimum=1)
        pool_max = _int(env, "DTRAG_POOL_MAX", 30, minimum=1)
        if pool_max < pool_min:
            raise ConfigError(f"DTRAG_POOL_MAX={pool_max} is below DTRAG_POOL_MIN={pool_min}")
        return cls(
            database_url=url,
            api_keys=keys,
            rate_limit=_int(env, "DTRAG_RATE_LIMIT", 100, minimum=1),
            rate_window_seconds=_int(env, "DTRAG_RATE_WINDOW_SECONDS", 60, minimum=1),
            pool_min=pool_min,
            pool_max=pool_max,
            embedding_dim=_int(env, "DTRAG_EMBEDDING_DIM", 384, minimum=8),
        )
