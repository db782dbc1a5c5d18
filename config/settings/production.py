"""Production settings: everything from the environment, secure by default.

Refuses to start without SECRET_KEY or AUDIT_HMAC_KEYS; passes `check --deploy --fail-level WARNING`.
"""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from audit.keys import parse_keys

from .base import *  # noqa: F403
from .base import AUDIT_HMAC_KEYS, env

DEBUG = False
try:
    SECRET_KEY = env("SECRET_KEY")
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured("SECRET_KEY must be set in the environment for production settings.") from exc
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure") or "insecure" in SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be a random value of at least 50 characters.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# Printed in QR codes and e-mails: a wrong default would send people to the wrong place.
TERROIR_SITE_URL = env("TERROIR_SITE_URL", default="")
if not TERROIR_SITE_URL.startswith("https://"):
    raise ImproperlyConfigured("TERROIR_SITE_URL must be set to the public https:// address of this installation.")
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# Uploaded evidence must never become a static file served to anyone (docs/adr/0012).
if Path(MEDIA_ROOT).resolve().is_relative_to(Path(STATIC_ROOT).resolve()):
    raise ImproperlyConfigured("MEDIA_ROOT must lie outside STATIC_ROOT: uploaded files are private.")

# The audit chain is keyed outside the database (ADR 0043): without a key, anyone who can write
# the database could rewrite history and recompute every hash.
if not AUDIT_HMAC_KEYS:
    raise ImproperlyConfigured("AUDIT_HMAC_KEYS must be set in the environment for production settings.")
if any(entry.strip().startswith("dev:") for entry in AUDIT_HMAC_KEYS):
    raise ImproperlyConfigured("AUDIT_HMAC_KEYS must not use the development key id 'dev'.")
parse_keys(AUDIT_HMAC_KEYS)  # refuses a malformed or short key at start
