"""The PostgreSQL server behind DATABASE_URL, for benchmarks that create their own database."""

import sys


def server_of(database_url: str) -> tuple[str, dict]:
    """The database's name and the psycopg.connect() arguments of its server; PostgreSQL only."""
    import environ

    config = environ.Env.db_url_config(database_url)
    if "postgresql" not in config["ENGINE"]:
        sys.exit("this benchmark measures PostgreSQL: set DATABASE_URL=postgres://…")
    return config["NAME"], {
        "host": config.get("HOST") or "127.0.0.1",
        "port": config.get("PORT") or 5432,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
