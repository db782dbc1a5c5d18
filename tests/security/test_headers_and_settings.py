"""Headers and settings: production flags, CSP, frame denial, CSRF, friendly error pages."""

import base64
import json
import secrets

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path

from tests.config.test_settings import run_manage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PRODUCTION_SETTINGS = [
    "DEBUG",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_SECURE",
    "X_FRAME_OPTIONS",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "MEDIA_ROOT",
    "STATIC_ROOT",
    "MIDDLEWARE",
]


# Production settings refuse to start without the audit chain's key (ADR 0043).
AUDIT_KEYS = "k1:" + base64.b64encode(secrets.token_bytes(32)).decode()


@pytest.fixture(scope="module")
def production():
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: str(getattr(settings, name)) if name.endswith('ROOT') else getattr(settings, name) "
        f"for name in {PRODUCTION_SETTINGS!r}}}))"
    )
    result = run_manage("shell", "-c", code, SECRET_KEY=secrets.token_urlsafe(64), AUDIT_HMAC_KEYS=AUDIT_KEYS)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_is_https_only_with_safe_cookies(production):
    assert production["DEBUG"] is False
    assert production["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_SSL_REDIRECT"] is True
    for cookie in ("SESSION", "CSRF"):
        assert production[f"{cookie}_COOKIE_SECURE"] is True
        assert production[f"{cookie}_COOKIE_SAMESITE"] in ("Lax", "Strict")
    assert production["SESSION_COOKIE_HTTPONLY"] is True
    assert production["LANGUAGE_COOKIE_SECURE"] is True
    assert production["X_FRAME_OPTIONS"] == "DENY"
    assert production["SECURE_CONTENT_TYPE_NOSNIFF"] is True
    assert production["SECURE_REFERRER_POLICY"] == "same-origin"
    assert "config.security.ContentSecurityPolicyMiddleware" in production["MIDDLEWARE"]


def test_production_refuses_media_inside_static_files():
    result = run_manage(
        "check",
        SECRET_KEY=secrets.token_urlsafe(64),
        AUDIT_HMAC_KEYS=AUDIT_KEYS,
        STATIC_ROOT="/srv/terroir/static",
        MEDIA_ROOT="/srv/terroir/static/media",
    )
    assert result.returncode != 0
    assert "MEDIA_ROOT must lie outside STATIC_ROOT" in result.stderr


def test_every_page_sends_the_security_headers(client):
    for url in ("/", "/accounts/login/", "/no-such-page/"):
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self';" in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "unsafe-eval" not in csp and "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"


def test_csrf_is_enforced_with_a_friendly_page():
    client = Client(enforce_csrf_checks=True)
    user = UserFactory()
    response = client.post("/accounts/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 403
    page = response.content.decode()
    assert "表单已过期" in page and "The form has expired" in page
    assert "_auth_user_id" not in client.session


def boom(request):
    raise RuntimeError("secret internals: database password is hunter2")


urlpatterns = [path("boom/", boom)]


@pytest.mark.urls("tests.security.test_headers_and_settings")
def test_the_500_page_is_bilingual_and_shows_no_traceback(settings):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    response = client.get("/boom/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "出错了" in page and "Something went wrong" in page
    for leak in ("hunter2", "Traceback", "RuntimeError", "secret internals"):
        assert leak not in page


@pytest.mark.parametrize(
    ("url", "status", "chinese", "english"),
    [
        ("/no-such-page/", 404, "页面不存在", "Page not found"),
        ("/staff/workflow/inbox/", 403, "无权访问", "Access denied"),
    ],
)
def test_error_pages_are_bilingual(client, url, status, chinese, english):
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == status
    page = response.content.decode()
    assert chinese in page and english in page


def test_error_templates_exist():
    from django.template.loader import get_template

    for name in ("400.html", "403.html", "403_csrf.html", "404.html", "500.html"):
        assert get_template(name).origin.name.startswith(str(settings.BASE_DIR / "templates"))
