"""The demo is what people try: it runs as scripts/demo runs it and shows Terroir's own 404 page,
never Django's debug page with its list of every address, and still serves its style sheet."""

import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.servers import free_port

ROOT = Path(__file__).resolve().parents[2]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310  # loopback only
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def demo_runserver_options() -> list[str]:
    """The options scripts/demo gives runserver, without its address."""
    line = next(line for line in (ROOT / "scripts/demo").read_text().splitlines() if "manage.py runserver" in line)
    options = line.split("manage.py runserver", 1)[1].split()
    return [option for option in options if option.startswith("--")]


def test_the_demo_server_shows_terroirs_own_404_page(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key != "DEBUG"}
    env |= {"DJANGO_SETTINGS_MODULE": "config.settings.local", "DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}"}
    command = [sys.executable, "manage.py", "runserver", *demo_runserver_options(), "--noreload", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _attempt in range(100):  # up to 20 s for the server to listen
            try:
                status, page = fetch(f"http://127.0.0.1:{port}/no-such-page/")
                break
            except (ConnectionError, urllib.error.URLError):
                time.sleep(0.2)
        else:
            raise AssertionError("the demo server did not start")
        assert status == 404
        assert "页面不存在" in page
        for leak in ("URLconf", "Using the URLconf", "DEBUG = True", "config.urls"):
            assert leak not in page
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        assert fetch(f"http://127.0.0.1:{port}{stylesheet}")[0] == 200
    finally:
        server.terminate()
        server.wait(timeout=10)
