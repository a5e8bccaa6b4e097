"""Settings from the environment (prefix `BOOKSHELF_`, or a `.env` file in the working directory).

The database URL is assembled from its parts, as it is in most deployments where the host, user
and password come from separate secrets:

    BOOKSHELF_DB_HOST      (default localhost)
    BOOKSHELF_DB_PORT      (default 5432)
    BOOKSHELF_DB_USER      (default postgres)
    BOOKSHELF_DB_PASSWORD  (default empty: no password)
    BOOKSHELF_DB_NAME      (default bookshelf)
    BOOKSHELF_JWT_SECRET   (required by the app; not by Alembic or the seed script)
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy.engine import URL


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="BOOKSHELF_", env_file=".env", extra="ignore")

    db_host: str = "localhost"
    db_port: int = 5432
    db_user: str = "postgres"
    db_password: SecretStr = SecretStr("")
    db_name: str = "bookshelf"
    db_pool_size: int = 10
    db_max_overflow: int = 10
    db_echo: bool = False

    jwt_secret: SecretStr | None = None
    jwt_algorithm: str = "HS256"
    access_token_expire_minutes: int = 60

    # Cost factor of new bcrypt hashes (the seed script's users included). Logging in costs
    # what the stored hash says: about 20 ms at 8 on one core, 300 ms at bcrypt's usual 12.
    # Kept low so that a load test measures the API, not password hashing.
    bcrypt_rounds: int = 8

    @property
    def database_url(self) -> URL:
        return URL.create(
            "postgresql+asyncpg",
            username=self.db_user,
            password=self.db_password.get_secret_value() or None,
            host=self.db_host,
            port=self.db_port,
            database=self.db_name,
        )


@lru_cache
def get_settings() -> Settings:
    return Settings()
