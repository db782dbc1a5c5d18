"""Settings for the test suite; DATABASE_URL chooses SQLite (default) or PostgreSQL."""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The live test server serves static files itself.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]
# Test-only flows and models live in the tests package (viewflow needs flows inside an app).
INSTALLED_APPS = [*INSTALLED_APPS, "tests"]
# Files a test writes without its own media_root fixture go to a throwaway folder, never var/.
MEDIA_ROOT = tempfile.mkdtemp(prefix="terroir-test-media-")
# One process: the memory cache, cleared by the tests that count. The shared caches of the real
# deployment (Redis, the database table) are proven by tests/security/test_shared_rate_limits.py,
# which runs several server processes with them.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# A development key for the audit chain's HMAC (ADR 0043): never valid in production.
DEVELOPMENT_AUDIT_HMAC_KEY = "dev:ZGV2ZWxvcG1lbnQtb25seS1hdWRpdC1rZXktMzItYnl0ZXMhIQ=="
AUDIT_HMAC_KEYS = env.list("AUDIT_HMAC_KEYS", default=[DEVELOPMENT_AUDIT_HMAC_KEY])
