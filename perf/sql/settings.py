"""`[sql]` of perfci.toml: where the SQL stage finds a service's catalog, its migrations and the
endpoints whose transactions it analyses. Every key is optional:

- `catalog`: a directory of `.sql` files under the service root (perf/sql/catalog.py reads
  them). Not set: the catalog is recorded, the top statements pg_stat_statements saw while the
  config's endpoints ran, each with the parameter values of a real execution
  (perf/sql/recorded.py), so that a new service gets plans and index advice with no SQL
  written by hand. A named catalog is the choice once the queries that matter are known: its
  names and parameters stay fixed from run to run, which a ranking of observed statements
  does not promise.
- `migrations`: a glob under the service root whose files sort in the order they apply
  (`--before-after` checks its argument against them and needs the one before it).
  `migration_id` says what of a file the migrate step takes as its target: `prefix`, the
  text before the first `_` (plain-SQL versions like `003_x.sql`; Alembic's default file
  name `<revision>_<slug>.py`), or `stem`, the file name without its extension (revision
  ids written out in full, as the Bookshelf example's are).
- `transactions`: the endpoints `--transactions` runs alone and then at once (lock waits);
  default: the endpoints that declare `restore`, the ones the config already knows to write.
"""

from __future__ import annotations

import glob
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from perf.config import Config, did_you_mean
from perf.errors import UsageError

SQL_KEYS = {"catalog", "migrations", "migration_id", "transactions"}
MIGRATION_IDS = ("prefix", "stem")


@dataclass(frozen=True)
class Migration:
    """One migration file: its name and the target the service's migrate step takes for it."""

    name: str  # the file name, e.g. 003_advisor_indexes.sql
    target: str  # e.g. 003 (prefix) or 0002_indexes (stem)

    def matches(self, arg: str) -> bool:
        key = Path(arg).name
        stem = self.name.rsplit(".", 1)[0]
        return key in (self.name, stem, self.target, self.name.split("_", 1)[0])


@dataclass(frozen=True)
class SqlConfig:
    catalog: Path | None = None  # absolute; None: the recorded catalog
    migrations: str | None = None  # glob under the service root
    migration_id: str = "prefix"
    transactions: tuple[str, ...] = ()
    root: Path = Path(".")
    where: str = "[sql]"

    def migration_list(self, root: Path | None = None) -> list[Migration]:
        """The migrations in apply order (file-name order), as found under `root` (an A/B
        arm's tree) or the service root."""
        if not self.migrations:
            raise UsageError(
                f"{self.where}: --before-after needs migrations = '<glob>' (the migration files "
                "under the service root, in the order they apply, e.g. "
                "'migrations/versions/*.py')"
            )
        base = root or self.root
        files = sorted(Path(p) for p in glob.glob(str(base / self.migrations)))
        files = [f for f in files if f.is_file() and not f.name.startswith("__")]
        if not files:
            raise UsageError(f"{self.where}.migrations: {self.migrations!r} matches no file")
        out = []
        for f in files:
            stem = f.name.rsplit(".", 1)[0]
            target = stem if self.migration_id == "stem" else stem.split("_", 1)[0]
            out.append(Migration(f.name, target))
        return out

    def check_catalog(self, only: Sequence[str] | None = None) -> None:
        """The named catalog's files are UTF-8 text that parses, and `only` (--only) names
        queries of it: a usage error naming the file or the name before anything starts. A
        recorded catalog (no `catalog`) is known only once the endpoints ran."""
        if self.catalog is None:
            return
        from perf.sql.catalog import load_catalog

        for path in sorted(self.catalog.glob("*.sql")):
            try:
                path.read_text(encoding="utf-8")
            except UnicodeDecodeError as exc:
                raise UsageError(
                    f"{path}: not UTF-8 text (byte {exc.start}); save the query as UTF-8 "
                    f"({self.where}.catalog)"
                ) from None
            except OSError as exc:
                raise UsageError(
                    f"{path}: cannot be read: {exc.strerror or exc} ({self.where}.catalog)"
                ) from None
        names = [q.name for q in load_catalog(self.catalog)]
        for name in only or []:
            if name not in names:
                raise UsageError(
                    f"--only {name!r}: no query of that name in the catalog {self.catalog}"
                    f"{did_you_mean(name, names)}"
                )

    def find_migration(self, arg: str, root: Path | None = None) -> tuple[Migration, Migration]:
        """The migration `arg` names (a version like 003, a file name, a stem or a path) and
        the one before it; a usage error naming the choices otherwise."""
        migrations = self.migration_list(root)
        for i, m in enumerate(migrations):
            if m.matches(arg):
                if i == 0:
                    raise UsageError(
                        f"--before-after {arg}: {m.name} is the first migration; there is no "
                        "schema before it to compare with"
                    )
                return m, migrations[i - 1]
        names = ", ".join(m.name for m in migrations)
        raise UsageError(
            f"--before-after {arg}: no such migration in {self.migrations} ({names}; "
            f"{self.where}.migrations)"
        )


def sql_config(config: Config) -> SqlConfig:
    """`[sql]` of `config`, checked: unknown keys, a missing catalog directory, endpoint names."""
    where = f"{config.path}: [sql]"
    raw = config.raw.get("sql", {})
    if not isinstance(raw, dict):
        raise UsageError(f"{where} must be a table")
    for key in raw:
        if key not in SQL_KEYS:
            hint = did_you_mean(key, SQL_KEYS) or f" (known: {', '.join(sorted(SQL_KEYS))})"
            raise UsageError(f"{where}: unknown field {key!r}{hint}")
    root = config.service.root
    catalog = None
    if "catalog" in raw:
        if not isinstance(raw["catalog"], str) or not raw["catalog"]:
            raise UsageError(f"{where}.catalog: a directory of .sql files under the service root")
        catalog = (root / raw["catalog"]).resolve()
        if not catalog.is_dir():
            raise UsageError(f"{where}.catalog: {catalog} is not a directory")
    migrations = raw.get("migrations")
    if migrations is not None and (not isinstance(migrations, str) or not migrations):
        raise UsageError(f"{where}.migrations: a file glob under the service root")
    migration_id = raw.get("migration_id", "prefix")
    if migration_id not in MIGRATION_IDS:
        raise UsageError(
            f"{where}.migration_id: {migration_id!r} is not one of {', '.join(MIGRATION_IDS)}"
        )
    names = [e.name for e in config.endpoints]
    if "transactions" in raw:
        tx = raw["transactions"]
        if not isinstance(tx, list) or not all(isinstance(n, str) for n in tx):
            raise UsageError(f"{where}.transactions: a list of endpoint names")
        unknown = [n for n in tx if n not in names]
        if unknown:
            raise UsageError(f"{where}.transactions: no endpoint named {unknown[0]!r}")
        transactions = tuple(tx)
    else:
        transactions = tuple(e.name for e in config.endpoints if e.restore)
    return SqlConfig(
        catalog=catalog,
        migrations=migrations,
        migration_id=migration_id,
        transactions=transactions,
        root=root,
        where=where,
    )
