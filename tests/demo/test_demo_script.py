"""./scripts/demo passes --reset through to seed_demo, and refuses what it does not know.

Run against a stand-in bootstrap (no installs) and a stand-in python that records its arguments."""

import shutil
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "demo"

STUB_BOOTSTRAP = """
VENV="{venv}"
say() {{ :; }}
require_python() {{ :; }}
install_system_packages() {{ :; }}
install_python_requirements() {{ :; }}
compile_translations() {{ :; }}
"""


def run_demo(tmp_path, *args):
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    shutil.copy(SCRIPT, scripts / "demo")
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    log = tmp_path / "calls.log"
    fake_python = venv / "bin" / "python"
    # The worker runs until the script stops it, as the real one does.
    fake_python.write_text(f'#!/usr/bin/env bash\necho "$*" >> "{log}"\n[ "$2" = run_worker ] && exec sleep 30\n:\n')
    fake_python.chmod(0o755)
    (scripts / "bootstrap.sh").write_text(STUB_BOOTSTRAP.format(venv=venv))
    result = subprocess.run(
        [shutil.which("bash"), str(scripts / "demo"), *args], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    calls = log.read_text().splitlines() if log.exists() else []
    return result, calls


def test_reset_is_passed_to_seed_demo(tmp_path):
    result, calls = run_demo(tmp_path, "--reset")
    assert result.returncode == 0, result.stderr
    assert "manage.py seed_demo --reset" in calls


def test_without_reset_seed_demo_runs_plain(tmp_path):
    result, calls = run_demo(tmp_path)
    assert result.returncode == 0, result.stderr
    assert "manage.py seed_demo" in calls and not any("--reset" in call for call in calls)


def test_an_unknown_argument_is_refused_before_anything_runs(tmp_path):
    result, calls = run_demo(tmp_path, "--rest")
    assert result.returncode == 2 and "usage" in result.stderr
    assert calls == []
