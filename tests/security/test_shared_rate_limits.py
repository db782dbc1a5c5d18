"""The public forms' per-address limits hold across server processes (issue 19 item 4): two
gunicorn processes share the count through the deployment's cache — the database's cache table
by default, Redis when REDIS_URL is set — where Django's memory cache let each count alone."""

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
ATTEMPTS = 12
LIMIT = 5  # register.throttle.COMPLAINTS_PER_HOUR
# One worker per server; a long worker timeout, as the first request on a busy machine is slow.
GUNICORN = [sys.executable, "-m", "gunicorn", "--workers=1", "--timeout=300"]


def wait_until_listening(port: int) -> None:
    for _attempt in range(150):  # up to 30 s
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"no server on port {port}")


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=0.5):
            return True
    except OSError:
        return False


@pytest.fixture
def environment(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "REDIS_URL")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    return env


def run_servers(env: dict, count: int = 2):
    manage = [sys.executable, "manage.py"]
    subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True, timeout=300)
    subprocess.run([*manage, "createcachetable"], cwd=ROOT, env=env, check=True, timeout=60)
    ports = [free_port() for _ in range(count)]
    servers = [
        subprocess.Popen(
            [*GUNICORN, f"--bind=127.0.0.1:{port}", "config.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    for port in ports:
        wait_until_listening(port)
    return ports, servers


def refused_reports(ports: list[int]) -> int:
    """ATTEMPTS reports from one address, alternating between the servers; how many were refused."""
    session = requests.Session()
    page = session.get(f"http://127.0.0.1:{ports[0]}/report/", timeout=120)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    refused = 0
    for attempt in range(ATTEMPTS):
        url = f"http://127.0.0.1:{ports[attempt % len(ports)]}/report/"
        response = session.post(
            url, data={"csrfmiddlewaretoken": token, "seller": "某超市"}, headers={"Referer": url}, timeout=120
        )
        assert response.status_code in (400, 429), response.status_code  # 400: taken, the form refused
        refused += response.status_code == 429
    return refused


def stop(servers) -> None:
    for server in servers:
        server.terminate()
    for server in servers:
        server.wait(timeout=120)


def test_two_processes_share_the_complaint_limit_through_the_database_cache(environment):
    ports, servers = run_servers(environment)
    try:
        assert refused_reports(ports) == ATTEMPTS - LIMIT
    finally:
        stop(servers)


@pytest.mark.skipif(not redis_available(), reason="needs Redis on 127.0.0.1:6379 (REDIS_URL)")
def test_two_processes_share_the_complaint_limit_through_redis(environment):
    import redis

    database = 15
    redis.Redis(host="127.0.0.1", port=6379, db=database).flushdb()
    environment["REDIS_URL"] = f"redis://127.0.0.1:6379/{database}"
    environment["CELERY_BROKER_URL"] = "memory://"
    ports, servers = run_servers(environment)
    try:
        assert refused_reports(ports) == ATTEMPTS - LIMIT
        keys = redis.Redis(host="127.0.0.1", port=6379, db=database).keys("terroir:*complaint-rate*")
        assert keys, "the count lives in Redis"
    finally:
        stop(servers)
        redis.Redis(host="127.0.0.1", port=6379, db=database).flushdb()


def test_a_memory_cache_would_count_per_process(environment, tmp_path):
    """The failure this guards against, shown: with each process's own memory, fewer are refused."""
    settings_module = tmp_path / "memory_cache_settings.py"
    settings_module.write_text(
        "from config.settings.local import *  # noqa\n"
        "CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache'}}\n"
    )
    environment["PYTHONPATH"] = f"{tmp_path}{os.pathsep}{environment.get('PYTHONPATH', '')}"
    environment["DJANGO_SETTINGS_MODULE"] = "memory_cache_settings"
    ports, servers = run_servers(environment)
    try:
        assert refused_reports(ports) < ATTEMPTS - LIMIT
    finally:
        stop(servers)
