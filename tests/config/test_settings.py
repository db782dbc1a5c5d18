import base64
import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args, **env_overrides):
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "AUDIT_HMAC_KEYS", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "ALLOWED_HOSTS": "gi.example.org",
            "TERROIR_SITE_URL": "https://gi.example.org",
        }
    )
    env.update(env_overrides)
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def test_production_refuses_to_start_without_secret_key():
    result = run_manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = run_manage("check", SECRET_KEY="short")
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_production_refuses_to_start_without_its_public_address():
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(64), TERROIR_SITE_URL="")
    assert result.returncode != 0
    assert "TERROIR_SITE_URL must be set" in result.stderr


def _audit_key(key_id: str = "k1") -> str:
    return f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode()}"


def test_production_refuses_to_start_without_an_audit_key():
    result = run_manage("check", SECRET_KEY=secrets.token_urlsafe(64))
    assert result.returncode != 0
    assert "AUDIT_HMAC_KEYS must be set" in result.stderr


def test_production_refuses_a_short_or_development_audit_key():
    short = run_manage("check", SECRET_KEY=secrets.token_urlsafe(64), AUDIT_HMAC_KEYS="k1:c2hvcnQ=")
    assert short.returncode != 0 and "at least 32 bytes" in short.stderr
    development = run_manage("check", SECRET_KEY=secrets.token_urlsafe(64), AUDIT_HMAC_KEYS=_audit_key("dev"))
    assert development.returncode != 0 and "development key" in development.stderr


def test_production_passes_deploy_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY=secrets.token_urlsafe(64),
        AUDIT_HMAC_KEYS=f"{_audit_key('k2')},{_audit_key('k1')}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
