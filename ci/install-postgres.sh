#!/usr/bin/env bash
# Make sure the PostgreSQL server binaries perfci's embedded cluster needs are installed.
# Debian/Ubuntu only; a machine that already has them is left alone. hypopg and pg_qualstats
# (index what-if advice) are installed when the package source has them, and skipped otherwise.
set -euo pipefail

have_server() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1; }
have_pgss() { ls /usr/lib/postgresql/*/lib/pg_stat_statements.so >/dev/null 2>&1; }

if have_server && have_pgss; then
  echo "install-postgres: server binaries present: $(ls -d /usr/lib/postgresql/*/bin | tr '\n' ' ')"
else
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-postgres: no PostgreSQL server binaries and no apt-get; install PostgreSQL 15+ (server + contrib) or set PERFCI_PG_BINDIR" >&2
    exit 3
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql-15 postgresql-contrib >/dev/null
fi

major=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sed -E 's#.*/postgresql/([0-9]+)/bin#\1#' | sort -n | tail -1)
if [ -n "${major}" ] && command -v apt-get >/dev/null 2>&1 && [ "${PERFCI_SKIP_PG_EXTRAS:-0}" != "1" ]; then
  missing=()
  [ -f "/usr/lib/postgresql/${major}/lib/hypopg.so" ] || missing+=("postgresql-${major}-hypopg")
  [ -f "/usr/lib/postgresql/${major}/lib/pg_qualstats.so" ] || missing+=("postgresql-${major}-pg-qualstats")
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    if { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null; } 2>/dev/null; then
      echo "install-postgres: installed ${missing[*]}"
    else
      echo "install-postgres: ${missing[*]} not available here; index what-if advice will say so"
    fi
  fi
fi
