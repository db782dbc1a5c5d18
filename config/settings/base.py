"""Settings shared by every environment; values come from the environment (12-factor)."""

import datetime
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="terroir-insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "axes",
    "viewflow",
    "viewflow.workflow",
    "accounts",
    "organizations",
    "audit",
    "deadlines",
    "notifications",
    "documents",
    "cases",
    "teamwork",
    "workflows",
    "register",
    "reports",
    "marks",
    "agreement",
    "promotion",
    "zones",
    "brands",
    "rural",
    "demo",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: a signed-in user's own language applies when no cookie is set.
    "accounts.middleware.PreferredLanguageMiddleware",
    # Every page needs a login unless its view is marked @login_not_required (the public ones).
    # Before the login check: the downloads the API links also open with an API token (accounts/api_tokens.py).
    "accounts.api_tokens.ApiTokenDownloadsMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages (it tells why): ends a session idle or old beyond its persona's limits (docs/adr/0010).
    "accounts.middleware.SessionTimeoutMiddleware",
    # Before any view reads the body (CSRF included): too many or too large files get a clear message,
    # in the API's JSON error format for /api/ (a client cannot follow the pages' redirect).
    "api.middleware.ApiUploadLimitMiddleware",
    "cases.uploads.UploadLimitMiddleware",
    # After the size limits, before any view: a NUL, a lone surrogate or an overlong value is a 400
    # with a clear message, never a database error (config/unstorable_input.py).
    "config.unstorable_input.UnstorableInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security.ContentSecurityPolicyMiddleware",
    # Turns a lost race (flow lock, stale task, stale FSM row) into a 409 page (docs/adr/0016).
    "workflows.conflicts.ConflictMiddleware",
    # viewflow's frontend (listed so the order is visible; VIEWFLOW's AUTOREGISTER off below, or
    # viewflow would append its own SiteMiddleware after Terroir's, which answers 404 for a case's page).
    "workflows.site.StaffSiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
]
VIEWFLOW = {"AUTOREGISTER": False}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                # viewflow's frontend needs the request in every template.
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.unread_notifications",
                "workflows.navigation.staff_navigation",
            ],
        },
    },
]

# SQLite by default: the product runs with no server to install.
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'terroir.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web process and the worker write at the same time: WAL lets readers go on,
    # IMMEDIATE transactions take the write lock up front instead of failing mid-way.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked account whatever asks for authentication (docs/adr/0040).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Users are never deleted (the audit trail points at them), so guardian needs no anonymous user row.
GUARDIAN_ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions live in the database with their user, so that they can be ended server-side
# (logout, deactivation); idle and absolute limits per persona (docs/adr/0010).
SESSION_ENGINE = "accounts.session_store"
TERROIR_SESSION_LIMITS = {
    "staff": {"idle": 30 * 60, "absolute": 12 * 3600},
    "portal": {"idle": 2 * 3600, "absolute": 24 * 3600},
    "public": {"idle": 2 * 3600, "absolute": 24 * 3600},
}
# The cookie never outlives the longest absolute limit; the middleware enforces the shorter ones.
SESSION_COOKIE_AGE = max(limits["absolute"] for limits in TERROIR_SESSION_LIMITS.values())
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# Login failures (登录失败处理, docs/adr/0040): django-axes counts them in the cache below, per
# account name and per address. From the 5th failure of either, the next attempt waits
# (2 s, doubling, at most 60 s); the 10th failure of an account locks it for 15 minutes after
# its last failure, the right password included. An address is slowed, never locked.
AXES_ENABLED = True
# axes' admin pages list its database tables, which the cache handler leaves empty: the user list
# has the unlock action instead.
AXES_ENABLE_ADMIN = False
# No banner at every start-up: it went to the output of every command (run_worker's first line).
AXES_VERBOSE = False
AXES_HANDLER = "accounts.lockout.LoginLockoutHandler"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
# A refused attempt while locked is not counted: it would push the end of the lock further.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "accounts.lockout.client_username"
AXES_CLIENT_IP_CALLABLE = "register.throttle.client_address"
# The body a new brand evaluation round is organised by unless its opener chooses the other (质量司 or
# 科技司); each round keeps its own (docs/adr/0051).
TERROIR_BRAND_ORGANISER = env.str("TERROIR_BRAND_ORGANISER", default="ZLS")

TERROIR_LOGIN_DELAY_AFTER = 5
TERROIR_LOGIN_DELAY_FIRST = 2
TERROIR_LOGIN_DELAY_MAX = 60
# Demonstration zones a province may recommend in a year when no quota was set for it (ADR 0050).
TERROIR_ZONE_DEFAULT_QUOTA = 2
# The login forms refuse a locked account themselves, with its time to retry, before reading the
# password (accounts.forms); axes' middleware would replace those pages with its own.
SILENCED_SYSTEM_CHECKS = ["axes.W002"]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "landing"
LOGOUT_REDIRECT_URL = "register:home"

# Chinese first, English second. The language comes from the user's choice, never
# from the browser's Accept-Language (see docs/adr/0004-chinese-by-default.md).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LANGUAGE_COOKIE_NAME = "terroir_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_viewflow"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# YYYY-MM-DD on every page, in both languages (config/formats).
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(VAR_DIR / "media"))
# Uploaded evidence is private: no URL serves MEDIA_ROOT; views check access and answer
# with documents.serving.private_file_response. MEDIA_URL exists only because Django wants it.
MEDIA_URL = "/media/"

# The audit chain's HMAC keys (ADR 0043): "key id:base64 key,…", the first signs new events, the
# others verify what they signed before a rotation. Never stored in the database. Empty here:
# local and test settings give a development key, production refuses to start without one.
AUDIT_HMAC_KEYS = env.list("AUDIT_HMAC_KEYS", default=[])
# How many events (the first ones) were hashed before keying, with the public SHA-256 of ADR 0001:
# set once when upgrading an installation that already had a trail; 0 for a new one. Any other
# unkeyed event is refused by verify_audit, so a forger cannot rewrite history as "unkeyed".
AUDIT_UNKEYED_EVENTS = env.int("AUDIT_UNKEYED_EVENTS", default=0)
# Where each day's anchor of the chain is appended (one JSON line each), outside the database;
# empty: MEDIA_ROOT/audit/anchors.jsonl. In production, a volume the database's administrators
# cannot write, or a copy shipped elsewhere (ADR 0043).
AUDIT_ANCHOR_FILE = env("AUDIT_ANCHOR_FILE", default="")
# Uploads (docs/adr/0012): each file ≤ 10 MB, at most 5 files and 35 MB per request; the form
# fields are small, so their limit stays low. Files above 2.5 MB spool to a temporary file.
TERROIR_UPLOAD_MAX_FILE_BYTES = 10 * 1024 * 1024
TERROIR_UPLOAD_MAX_REQUEST_BYTES = 35 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 5
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The longest single value a request may carry (form field, query parameter, JSON string): the
# longest text a form takes is an investigation report of some pages.
TERROIR_MAX_FIELD_CHARACTERS = 50_000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# Headers on every environment, so that development and tests see what production sends
# (production adds the HTTPS-only ones: HSTS, secure cookies).
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# docs/adr/0011: no inline or foreign script; inline styles are allowed because viewflow's
# Material frontend and its components set style attributes.
TERROIR_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Terroir <noreply@terroir.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A mail server that does not answer within EMAIL_TIMEOUT ends the attempt; an attempt still
# marked "sending" after NOTIFICATION_SENDING_TIMEOUT belongs to a worker that died, and the
# message is sent again with the same Message-ID (docs/adr/0044). Keep the second well above the first.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=60)
NOTIFICATION_SENDING_TIMEOUT = env.int("NOTIFICATION_SENDING_TIMEOUT", default=300)

# The public address of this installation: links in e-mails and the QR codes printed on
# receipts point here, so it must be the address people outside can reach.
TERROIR_SITE_URL = env("TERROIR_SITE_URL", default="http://127.0.0.1:8000")

REDIS_URL = env("REDIS_URL", default="")

# Rate limits (public complaints and objections, the API's throttles) count in the cache, so it
# must be one for every process: Redis when REDIS_URL is set, else a table in the database
# (created by `manage.py migrate`: accounts/apps.py). Django's per-process memory cache let
# each gunicorn worker count alone.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "terroir",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "terroir_cache"}}

# The REST API (docs/adr/0014): session or token, JSON only, one error format, pages of 25.
REST_FRAMEWORK = {
    # Token first: its WWW-Authenticate header makes an anonymous call a 401 (with a session
    # scheme first, DRF would answer 403, which tells a client nothing about signing in).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.PagePagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    # Signed-in callers per user; the public views replace it with their per-address throttle.
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        # The public register is read by anyone: per address, generous for a person, not for a scraper.
        "public": env("TERROIR_API_PUBLIC_RATE", default="120/min"),
        "user": env("TERROIR_API_USER_RATE", default="600/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Terroir API",
    "DESCRIPTION": "The public GI register, mark verification, self-declarations, applications and casework.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI from the installed sidecar package: the CSP allows no script from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": ["drf_spectacular.hooks.postprocess_schema_enums", "api.schema.add_error_responses"],
    # One name per choice set, where several models call their field "status" or "kind".
    "ENUM_NAME_OVERRIDES": {
        "DeclarationStatusEnum": "cases.models.Declaration.Status",
        "ApplicationStatusEnum": "cases.models.Application.Status",
        "EnforcementCaseStatusEnum": "cases.models.EnforcementCase.Status",
        "ProductStatusEnum": "cases.models.ProtectedProduct.Status",
        "DeclarationAttachmentKindEnum": "cases.models.DeclarationAttachment.Kind",
        "ApplicationAttachmentKindEnum": "cases.models.ApplicationAttachment.Kind",
        "CheckResultEnum": "cases.models.SupervisionCheck.Result",
        "CheckStatusEnum": "cases.models.SupervisionCheck.Status",
        "CampaignStatusEnum": "cases.models.SupervisionCampaign.Status",
        "StatisticsReportStatusEnum": "reports.models.StatisticsReport.Status",
        "AgreementEntryStatusEnum": "agreement.models.AgreementEntry.Status",
        "AgreementObjectionStatusEnum": "agreement.models.AgreementObjection.Status",
        "ObjectionStatusEnum": "cases.models.Objection.Status",
        "YesNoEnum": "api.serializers.casework.YES_NO",
        "ZoneStatusEnum": "zones.models.Zone.Status",
        "ZoneLevelEnum": "zones.models.Level",
        "TourResultEnum": "zones.models.Tour.Result",
        "UsageReportDueStateEnum": "marks.selectors.DUE_STATE_CHOICES",
    },
}

TERROIR_SITE_TITLE = _("Terroir GI casework")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; its warnings (a refused resource) stay.
        "weasyprint.progress": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
    },
}

# Celery (optional, for deployments with Redis); the embedded worker needs none of it.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=REDIS_URL or "cache+memory://")
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
