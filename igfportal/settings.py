"""Settings for igfportal, driven entirely by environment variables.

One module for every environment, in the manner of healthchecks: the embedded defaults give a
working development portal (SQLite, tasks run in-process, mail written to files); production
sets the variables listed in `.env.example`.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# The fallback starts with "django-insecure-", so `check --deploy` refuses it (security.W009).
SECRET_KEY = (
    os.environ.get("SECRET_KEY") or "django-insecure-development-only-key-0123456789abcdefghij"
)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_NAME = os.environ.get("SITE_NAME", "IGF intersessional portal")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "guardian",
    "django_countries",
    "markdownx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "accounts",
    "timelines",
    "workstreams",
    "mag",
    "consultations",
    "api",
    "demo",
    "benchmarks",
    "pagecache",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # ETag on every GET, and 304 for a matching If-None-Match (the API's reads among them).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserTimezoneMiddleware",
    "accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last: it knows who asks (nobody signed in), in which language, and CSRF sets each
    # reader's own cookie on the way out.
    "pagecache.middleware.AnonymousPageCacheMiddleware",
]

# Public pages as anonymous readers see them, shared through the cache (pagecache/cache.py).
# Every write makes them stale at once; this bounds how long any copy is kept, so what changes
# with time alone (a comment window opening, an item becoming overdue) shows within a minute.
# 0 turns the cache off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_VIEWS = frozenset(
    {
        "home",
        "workstreams:list",
        "workstreams:detail",
        "consultations:list",
        "consultations:detail",
        "consultations:draft",
        "consultations:outputs",
        "consultations:output",
        "mag:home",
        "mag:meetings",
        "mag:meeting",
    }
)

ROOT_URLCONF = "igfportal.urls"
WSGI_APPLICATION = "igfportal.wsgi.application"
SITE_ID = 1

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "igfportal.context_processors.site",
                "timelines.context_processors.notifications",
            ],
        },
    },
]

FORM_RENDERER = "igfportal.forms.PortalFormRenderer"

# Database: SQLite file by default, anything dj-database-url understands otherwise.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker, result backend and shared cache. Unset means tasks run in-process and the
# cache lives in the database, so any number of web processes still share it.
REDIS_URL = os.environ.get("REDIS_URL", "")


def _redis_db(url, db):
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, parts.fragment))


CACHE_URL = os.environ.get("CACHE_URL") or (_redis_db(REDIS_URL, 1) if REDIS_URL else "")
# "pages" holds the public pages of pagecache/ apart from everything else, so no flood of
# page copies can push out a throttling counter or a lock.
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "igfportal",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "igfportal-pages",
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "igfportal_cache",
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "igfportal_page_cache",
            "OPTIONS": {"MAX_ENTRIES": 2000},
        },
    }

SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Password hashing is deliberately slow; tests may opt into a fast hasher via this variable.
if env_bool("FAST_PASSWORD_HASHER"):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

# django-allauth: email is the identity, and it must be verified before anything else.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[IGF portal] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
# Login throttling (kept in the shared cache, so it holds across processes).
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("LOGIN_FAILED_RATE_LIMIT", "5/5m/ip,5/5m/key"),
    "login": "30/m/ip",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
}

# django-guardian: no anonymous user row; anonymous visitors get only public pages.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False

# Internationalisation: the six UN languages, Arabic right to left. Only those with a complete
# translation are offered (the switcher, the profile, the browser's Accept-Language); Russian
# and Chinese have their catalogues (locale/) and join when translated.
LANGUAGE_CODE = "en"
UN_LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
UNTRANSLATED_LANGUAGES = {"zh-hans", "ru"}
LANGUAGES = [(code, name) for code, name in UN_LANGUAGES if code not in UNTRANSLATED_LANGUAGES]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["igfportal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Email: files under var/mail by default, so a person can open what was sent.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "IGF portal <noreply@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery. Without Redis every task runs in-process, at once, as part of the request.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
HEARTBEAT_INTERVAL = float(os.environ.get("HEARTBEAT_INTERVAL", "60"))
REMINDERS_INTERVAL = float(os.environ.get("REMINDERS_INTERVAL", "900"))
DIGEST_HOUR_UTC = int(os.environ.get("DIGEST_HOUR_UTC", "6"))
# The whole beat schedule, in one place.
CELERY_BEAT_SCHEDULE = {
    "heartbeat": {
        "task": "igfportal.tasks.heartbeat_task",
        "schedule": HEARTBEAT_INTERVAL,
    },
    "send-reminders": {
        "task": "timelines.tasks.send_reminders_task",
        "schedule": REMINDERS_INTERVAL,
    },
    "send-digests": {
        "task": "timelines.tasks.send_digests_task",
        "schedule": crontab(hour=DIGEST_HOUR_UTC, minute=0),
    },
    "clear-expired-sessions": {
        "task": "igfportal.tasks.clear_expired_sessions_task",
        "schedule": 24 * 60 * 60,
    },
}

# Security. The defaults suit the embedded development setup (plain HTTP on loopback); the
# production values in .env.example turn every one on, and `manage.py check --deploy
# --fail-level WARNING` passes with them (a test proves it).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", False)
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Preloading HSTS is a commitment for the whole domain; it stays an explicit choice.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every rendering step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

PAGINATE_BY = 25

# django-markdownx (consultation drafts): its preview and upload endpoints are the wrapped ones
# in consultations/urls_drafts.py (editors only); previews pass through the one sanitiser;
# only raster images (no SVG), re-encoded, stored through Django's storage API.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "consultations.markdown.render_markdown"
MARKDOWNX_URLS_PATH = "/consultations/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/consultations/markdownx/upload/"
MARKDOWNX_UPLOAD_CONTENT_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")
MARKDOWNX_UPLOAD_MAX_SIZE = 5 * 1024 * 1024
MARKDOWNX_MEDIA_PATH = "consultations/images/"
MARKDOWNX_SKIP_RESIZE = ("image/gif",)
MARKDOWNX_IMAGE_MAX_SIZE = {"size": (1600, 1600), "quality": 90}
MARKDOWNX_SVG_JAVASCRIPT_PROTECTION = True

# Reminders (R-TL-2): days before a deadline when the people responsible are reminded; they
# are told once more when it is overdue (if it became overdue within the look-back window).
REMINDER_DAYS_BEFORE = [int(d) for d in env_list("REMINDER_DAYS_BEFORE", "7,1")]
REMINDER_OVERDUE_LOOKBACK_DAYS = int(os.environ.get("REMINDER_OVERDUE_LOOKBACK_DAYS", "30"))
REMINDER_BATCH_SIZE = int(os.environ.get("REMINDER_BATCH_SIZE", "500"))


# ---- The public API (issue 7) -------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.PersonalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
        "rest_framework.filters.SearchFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "api.throttling.TokenRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("API_ANON_RATE", "120/minute"),
        "token": os.environ.get("API_TOKEN_RATE", "600/minute"),
    },
    "EXCEPTION_HANDLER": "api.errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "IGF intersessional portal API",
    "DESCRIPTION": (
        "The public registry of the IGF's intersessional work: workstreams, NRIs, the MAG, "
        "meetings and agendas, consultations, drafts, comments, contributions, messages and "
        "outputs.\n\n"
        "**Reading** needs no account or token (the padlocks below apply to writes). Lists "
        "are paginated (`page`, `page_size` up to 200; follow `next`). Times are ISO 8601 "
        "in UTC; agenda slots also give the local time in the meeting's `time_zone`. "
        "Countries are ISO 3166-1 alpha-2 codes (e.g. `NG`). Single objects carry `ETag` "
        "and `Last-Modified`. Anonymous clients may make 120 requests a minute and each "
        "token 600 (a deployment may change this); past it, 429 with `Retry-After`.\n\n"
        "**Writing** (comments, contributions, marking one's action item done) needs a "
        "personal API token, created on your profile page (API tokens) and sent as "
        "`Authorization: Token <key>`; writes follow the same rules and give the same "
        "messages as the website.\n\n"
        '**Errors** have one shape: `{"errors": [{"field", "message", "rule"}]}`, '
        "where `rule` names the domain rule broken (e.g. `R-CON-2`), if any.\n\n"
        "**Also**: CSV at `/api/v1/workstreams.csv` and `/api/v1/nris.csv` (the same "
        "filters); Atom feeds at `/feeds/outputs/`, `/feeds/consultations/open/` and "
        "`/feeds/workstreams/{slug}/news/`."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.add_common_responses",
    ],
    # Several models have a field called status or kind: one stable name for each choice set.
    "ENUM_NAME_OVERRIDES": {
        "ConsultationStatusEnum": "consultations.models.Consultation.Status",
        "PhaseKindEnum": "consultations.models.Phase.Kind",
        "MessageKindEnum": "consultations.models.Message.Kind",
        "WorkstreamKindEnum": "workstreams.models.Workstream.Kind",
        "WorkstreamStatusEnum": "workstreams.workflow.Status",
        "MeetingKindEnum": "mag.models.Meeting.Kind",
        "MeetingStatusEnum": "mag.models.Meeting.Status",
        "LiaisonKindEnum": "mag.models.LiaisonAssignment.Kind",
        "ActionItemStatusEnum": "timelines.models.ActionItem.Status",
    },
}
# Cross-origin reads only: the API's GET endpoints and feeds, never a write.
CORS_URLS_REGEX = r"^/(api/v1|feeds)/.*$"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_CREDENTIALS = False

# ---- Benchmarks (issue 9) -----------------------------------------------------------------
# `make bench` serves the portal with BENCHMARK=1: a bare view at /bench/bare/ and the SQL
# query count of every request in an X-Query-Count header. Off by default; never in production.
# The counting middleware goes first, around every other one, so it counts the whole request.
BENCHMARK = env_bool("BENCHMARK", False)
if BENCHMARK:
    MIDDLEWARE = ["benchmarks.middleware.QueryCountMiddleware", *MIDDLEWARE]
