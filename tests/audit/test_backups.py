"""A backup restored into a fresh database passes verify_audit; a damaged one is refused or reported."""

import os
import shutil
import sqlite3
import subprocess
import sys
import uuid

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from audit.backups import _postgres_environment
from audit.models import AuditEvent
from tests.audit.test_chain import record_events
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def manage(*arguments: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "DATABASE_URL": database_url}
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def history(reference_data):
    users = [UserFactory() for _ in range(3)]
    record_events(5, actor=users[0])
    return AuditEvent.objects.count()


def sqlite_only():
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backup path; the PostgreSQL one is test_postgresql_dump_restores_and_verifies")


def test_sqlite_backup_restores_into_a_fresh_database_and_verifies(tmp_path, history):
    sqlite_only()
    backup = tmp_path / "terroir.backup.sqlite3"
    call_command("backup_database", str(backup))
    fresh = tmp_path / "restored.sqlite3"
    result = manage("restore_database", str(backup), database_url=f"sqlite:///{fresh}")
    assert result.returncode == 0, result.stderr
    assert f"audit trail intact: {history} events verified" in result.stdout
    with sqlite3.connect(fresh) as restored:
        assert restored.execute("SELECT COUNT(*) FROM audit_auditevent").fetchone()[0] == history
        assert restored.execute("SELECT COUNT(*) FROM accounts_user").fetchone()[0] >= 3
    assert manage("verify_audit", database_url=f"sqlite:///{fresh}").returncode == 0


def test_an_edited_backup_is_reported_on_restore(tmp_path, history):
    sqlite_only()
    backup = tmp_path / "terroir.backup.sqlite3"
    call_command("backup_database", str(backup))
    with sqlite3.connect(backup) as forged:
        forged.execute("UPDATE audit_auditevent SET to_state = 'approved' WHERE sequence = 2")
    result = manage("restore_database", str(backup), database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}")
    assert result.returncode != 0
    assert "audit event #2" in result.stderr and "do not use this backup" in result.stderr


def test_a_restore_over_data_or_from_a_wrong_file_is_refused(tmp_path, history):
    sqlite_only()
    backup = tmp_path / "terroir.backup.sqlite3"
    call_command("backup_database", str(backup))
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup_database", str(backup))
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore_database", str(backup))
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("hello")
    with pytest.raises(CommandError, match="is not a sqlite backup"):
        call_command("restore_database", str(not_a_backup), "--replace")
    assert AuditEvent.objects.count() == history


def postgres_tool(name: str, *arguments: str, env) -> subprocess.CompletedProcess:
    program = shutil.which(name)
    assert program, f"{name} (postgresql-client) is needed for this test"
    return subprocess.run([program, *arguments], env=env, capture_output=True, text=True, check=False)


def test_postgresql_dump_restores_and_verifies(tmp_path, history):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (pg_dump/pg_restore); run with DATABASE_URL=postgres://…")
    backup = tmp_path / "terroir.dump"
    call_command("backup_database", str(backup))
    assert backup.read_bytes().startswith(b"PGDMP")
    env = _postgres_environment(connection.settings_dict)
    fresh = f"{connection.settings_dict['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    assert postgres_tool("createdb", fresh, env=env).returncode == 0
    try:
        db = connection.settings_dict
        url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{fresh}"
        if db["PASSWORD"]:
            url = url.replace(f"//{db['USER']}@", f"//{db['USER']}:{db['PASSWORD']}@")
        result = manage("restore_database", str(backup), database_url=url)
        assert result.returncode == 0, result.stderr
        assert f"audit trail intact: {history} events verified" in result.stdout
        count = postgres_tool("psql", "-Atc", "SELECT COUNT(*) FROM audit_auditevent", fresh, env=env)
        assert count.stdout.strip() == str(history)
        # The append-only trigger came back with the schema.
        trigger = postgres_tool(
            "psql", "-Atc", "SELECT tgname FROM pg_trigger WHERE tgname = 'audit_event_append_only'", fresh, env=env
        )
        assert trigger.stdout.strip() == "audit_event_append_only"
    finally:
        postgres_tool("dropdb", "--if-exists", fresh, env=env)
