"""One database preparation step, run by perfci in the service's own tree.

`python -c "<this file>" {call|sql_dir|sql_file} TARGET DSN PROFILE SEED [MIGRATION_TARGET]`,
started with the service root as the working directory, so that `sys.path[0]` is that root and
the service code imported is that tree's (an A/B arm's checkout for that arm), never perfci's
or another arm's. Standard library and asyncpg only: nothing of perfci is imported here.

- call: `module:function`, called with an asyncpg connection; a function that takes `profile`,
  `seed` or `target` gets them (sync or async).
- sql_dir: every `*.sql` file of the directory, in name order; sql_file: one file (a plain-SQL
  `pg_dump` works).
"""

import asyncio
import importlib
import inspect
import sys
from pathlib import Path


def import_object(spec):
    module, _, name = spec.partition(":")
    obj = importlib.import_module(module)
    for part in filter(None, name.split(".")):
        obj = getattr(obj, part)
    return obj


async def run(kind, target, dsn, profile, seed, migration_target):
    import asyncpg

    conn = await asyncpg.connect(dsn)
    try:
        if kind == "sql_dir":
            for path in sorted(Path(target).glob("*.sql")):
                await conn.execute(path.read_text())
        elif kind == "sql_file":
            await conn.execute(Path(target).read_text())
        else:
            fn = import_object(target)
            params = inspect.signature(fn).parameters
            offered = {"profile": profile, "seed": seed, "target": migration_target}
            kwargs = {k: v for k, v in offered.items() if k in params}
            result = fn(conn, **kwargs)
            if inspect.isawaitable(result):
                await result
    finally:
        await conn.close()


if __name__ == "__main__":
    args = sys.argv[1:]
    if len(args) not in (5, 6) or args[0] not in ("call", "sql_dir", "sql_file"):
        sys.exit(__doc__)
    kind, target, dsn, profile, seed = args[:5]
    asyncio.run(run(kind, target, dsn, profile, int(seed), args[5] if len(args) == 6 else None))
