"""Set-up waits while another package manager holds apt's lock (scripts/bootstrap.sh apt_get),
instead of dying at once; any other apt failure still stops it. A stand-in apt-get on PATH
answers as apt does while its lock is held."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FAKE_APT_GET = """#!/usr/bin/env bash
# Fails as apt does while its lock is held, for the first $LOCKED_CALLS calls; then answers $FINALLY.
count_file="$STATE/calls"; calls=$(( $(cat "$count_file" 2>/dev/null || echo 0) + 1 )); echo "$calls" > "$count_file"
echo "$*" >> "$STATE/arguments"
if [ "$calls" -le "$LOCKED_CALLS" ]; then
  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)" >&2; exit 100
fi
if [ "$FINALLY" = ok ]; then exit 0; fi
echo "E: Unable to locate package no-such-package" >&2; exit 100
"""


def run_apt_get(tmp_path: Path, *, locked_calls: int, finally_: str, wait: int = 30) -> subprocess.CompletedProcess:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "apt-get"
    fake.write_text(FAKE_APT_GET)
    fake.chmod(0o755)
    env = {
        "PATH": f"{bin_dir}:/usr/bin:/bin",
        "STATE": str(tmp_path),
        "LOCKED_CALLS": str(locked_calls),
        "FINALLY": finally_,
        "APT_LOCK_POLL": "1",
        "APT_LOCK_WAIT": str(wait),
    }
    script = f'source "{ROOT}/scripts/bootstrap.sh" && apt_get install -y -qq chromium'
    return subprocess.run(["/bin/bash", "-c", script], env=env, capture_output=True, text=True, timeout=60)


def calls(tmp_path: Path) -> int:
    return int((tmp_path / "calls").read_text())


def test_it_waits_while_the_lock_is_held_then_installs(tmp_path):
    result = run_apt_get(tmp_path, locked_calls=2, finally_="ok")
    assert result.returncode == 0, result.stderr
    assert calls(tmp_path) == 3
    assert "waiting for it" in result.stdout
    assert "DPkg::Lock::Timeout=30 install -y -qq chromium" in (tmp_path / "arguments").read_text()


def test_it_gives_up_after_the_wait_it_was_given(tmp_path):
    result = run_apt_get(tmp_path, locked_calls=99, finally_="ok", wait=2)
    assert result.returncode != 0
    assert "Could not get lock" in result.stderr
    assert calls(tmp_path) == 3  # at 0, 1 and 2 seconds waited


def test_any_other_failure_stops_at_once(tmp_path):
    result = run_apt_get(tmp_path, locked_calls=0, finally_="fail")
    assert result.returncode != 0
    assert "Unable to locate package" in result.stderr
    assert calls(tmp_path) == 1
