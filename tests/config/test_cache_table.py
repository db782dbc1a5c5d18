"""`manage.py migrate` creates the database cache's table: without REDIS_URL the login lockout and
the rate limits count in it, and a deployment that skipped `createcachetable` answered every login
with a 500 (seen in bench/bench_load.py)."""

import sqlite3

from tests.config.test_settings import run_manage


def test_migrate_creates_the_cache_table_the_logins_count_in(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    result = run_manage(
        "migrate",
        "--noinput",
        "-v0",
        DJANGO_SETTINGS_MODULE="config.settings.local",
        DATABASE_URL=f"sqlite:///{database}",
        REDIS_URL="",
    )
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "terroir_cache" in tables
