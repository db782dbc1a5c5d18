"""Backup and restore of the whole database, SQLite or PostgreSQL, checked by the audit chain.

SQLite uses its online backup API (a consistent copy while the product runs, WAL included);
PostgreSQL uses pg_dump's custom format and pg_restore in one transaction. A restore is
only accepted when the restored audit trail verifies, so a damaged or edited backup is
reported instead of silently becoming the new truth. See the README, "Backups".
"""

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.db import connections

from .verification import ChainReport, verify_audit_chain

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_DUMP_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why and what to do."""


@dataclass(frozen=True)
class RestoreResult:
    vendor: str
    audit: ChainReport


def _postgres_environment(settings_dict) -> dict[str, str]:
    """libpq variables, so the password never shows in a process list."""
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def _run(command: list[str], env: dict[str, str]) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupError(f"{command[0]} is not installed (Debian: apt-get install postgresql-client)")
    # A fixed program with arguments from settings and the operator's own file name, no shell.
    result = subprocess.run([program, *command[1:]], env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup_database(output: Path, alias: str = "default") -> str:
    """Write a consistent copy of the database to `output`; return the vendor."""
    connection = connections[alias]
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} exists already: choose a new file, a backup never overwrites one")
    output.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(output)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    elif connection.vendor == "postgresql":
        env = _postgres_environment(connection.settings_dict)
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(output), env["PGDATABASE"]], env)
    else:
        raise BackupError(f"no backup method for the {connection.vendor} database")
    return connection.vendor


def _has_tables(connection) -> bool:
    with connection.cursor() as cursor:
        return bool(connection.introspection.table_names(cursor))


def restore_database(source: Path, *, replace: bool = False, alias: str = "default") -> RestoreResult:
    """Load a backup into the configured database and verify its audit trail.

    The target must be empty (a fresh database) unless `replace` is given: restoring over
    live data by mistake would lose everything done since the backup.
    """
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source} is not a file")
    magic = source.read_bytes()[:16]
    connection = connections[alias]
    expected = {"sqlite": SQLITE_MAGIC, "postgresql": PG_DUMP_MAGIC}.get(connection.vendor)
    if expected is None:
        raise BackupError(f"no restore method for the {connection.vendor} database")
    if not magic.startswith(expected):
        raise BackupError(f"{source} is not a {connection.vendor} backup made by backup_database")
    if _has_tables(connection) and not replace:
        raise BackupError(
            "the target database is not empty: restore into a fresh database, or pass --replace "
            "to overwrite it (everything in it now is lost)"
        )
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        origin = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            origin.backup(connection.connection)
        finally:
            origin.close()
    else:
        env = _postgres_environment(connection.settings_dict)
        command = ["pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname", env["PGDATABASE"]]
        if replace:
            command[1:1] = ["--clean", "--if-exists"]
        connection.close()
        _run([*command, str(source)], env)
    connection.close()
    return RestoreResult(connection.vendor, verify_audit_chain())
