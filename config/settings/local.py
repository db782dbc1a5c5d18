"""Developer and demo settings: the embedded default (SQLite, console e-mail)."""

from .base import *  # noqa: F403
from .base import env

# Off unless asked for (DEBUG=true): the demo is what people try, and it must show Terroir's own
# 404 and 500 pages, never Django's debug page with its list of every address. scripts/demo runs
# `runserver --insecure` so that the static files are served all the same.
DEBUG = env.bool("DEBUG", default=False)

# runserver serves static files itself in development.
MIDDLEWARE = [m for m in MIDDLEWARE if m != "whitenoise.middleware.WhiteNoiseMiddleware"]

# A development key for the audit chain's HMAC (ADR 0043): never valid in production.
DEVELOPMENT_AUDIT_HMAC_KEY = "dev:ZGV2ZWxvcG1lbnQtb25seS1hdWRpdC1rZXktMzItYnl0ZXMhIQ=="
AUDIT_HMAC_KEYS = env.list("AUDIT_HMAC_KEYS", default=[DEVELOPMENT_AUDIT_HMAC_KEY])
