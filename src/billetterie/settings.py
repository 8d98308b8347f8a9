"""Django settings, read from environment variables (see README, « Configuration »)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on", "oui"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_seconds_or_auto(name: str) -> float | None:
    """A number of seconds, or None for "automatique" (the variable unset, empty or `auto`)."""
    value = os.environ.get(name, "").strip().lower()
    if value in {"", "auto", "automatique"}:
        return None
    try:
        seconds = float(value)
    except ValueError:
        seconds = 0.0
    if not 0 < seconds < float("inf"):
        raise ImproperlyConfigured(
            f"{name} doit être un nombre de secondes positif, ou « auto » (limite selon la taille "
            "du calcul)."
        )
    return seconds


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(os.environ.get("BILLETTERIE_DATA_DIR", Path.cwd() / "var")).resolve()

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        # Fail closed: a public development key would let anyone forge sessions and reset links.
        raise ImproperlyConfigured(
            "SECRET_KEY n'est pas défini. En production, donnez-lui 50 caractères aléatoires ou "
            "plus (voir docs/deployment.md) ; en développement, lancez la commande avec DEBUG=1."
        )
    # Development only (DEBUG=1): production must set SECRET_KEY.
    SECRET_KEY = "django-insecure-dev-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "billetterie.core.admin_site.PlatformAdminConfig",  # the admin, for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_email",
    "django_otp.plugins.otp_static",
    # In the layer order (docs/architecture.md): hooks reach their receivers in this order.
    "billetterie.core",
    "billetterie.accounts",
    "billetterie.catalogue",
    "billetterie.members",
    "billetterie.campaigns",
    "billetterie.outbox",
    "billetterie.inventory",
    "billetterie.requests",
    "billetterie.allocation",
    "billetterie.offers",
    "billetterie.attendees",
    "billetterie.delivery",
    "billetterie.contest",
    "billetterie.lodging",
    "billetterie.reporting",
    "billetterie.imports",
    "billetterie.backoffice",
    "billetterie.portal",
    "billetterie.leaders",
    "billetterie.jury",
    "billetterie.demo",
    "billetterie.callbacks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "billetterie.core.middleware.ClockReadingMiddleware",
    "billetterie.core.middleware.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "billetterie.core.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "billetterie.core.middleware.IdleSessionMiddleware",
    "billetterie.accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "billetterie.core.middleware.SecurityHeadersMiddleware",
    "billetterie.core.middleware.RejectNullCharactersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "billetterie.urls"
WSGI_APPLICATION = "billetterie.wsgi.application"

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
                "billetterie.core.context_processors.platform",
            ],
            # French plurals for `pluralize`: « 0 lot », not « 0 lots ».
            "builtins": ["billetterie.core.templatetags.french_plural"],
        },
    },
]

_DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'billetterie.sqlite3'}")
# A PostgreSQL connection is kept a minute and reused by the next requests of the same process
# (opening one costs a few milliseconds and a process on the server): checked before reuse.
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=int(
            os.environ.get(
                "DATABASE_CONN_MAX_AGE", "60" if _DATABASE_URL.startswith("postgres") else "0"
            )
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets readers work while a writer holds the lock; IMMEDIATE avoids upgrade deadlocks.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_SQLITE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# argon2id at OWASP's parameters (accounts/hashers.py); Django's own hashes are upgraded at sign-in.
PASSWORD_HASHERS = [
    "billetterie.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in throttling (accounts/throttling.py): failures over the cool-off are counted per account
# and address, per address (password spraying) and per account whatever the address, each with
# its own limit; the client address comes from X-Forwarded-For only when BEHIND_PROXY is set.
AXES_HANDLER = "billetterie.accounts.throttling.ThrottlingHandler"
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "8"))  # one account, one address
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", "20"))
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", "30"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_CLIENT_IP_CALLABLE = "billetterie.accounts.throttling.client_ip"
AXES_USERNAME_CALLABLE = "billetterie.accounts.throttling.username_normalise"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("Français")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Europe/Paris")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
# Personal data of a campaign is kept this many days after the last day of its Games by default.
RETENTION_AFTER_END_DAYS = int(os.environ.get("RETENTION_AFTER_END_DAYS", "183"))
# Uploads: an import file (IMPORT_MAX_BYTES) or a signed letter scan (LETTER_MAX_BYTES). A request
# whose Content-Length is above REQUEST_MAX_BYTES (the largest upload and the form around it) is
# refused with 413 before its body is read (core/middleware.py); the proxy refuses it even before
# (client_max_body_size, docs/deployment.md).
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(20 * 1024 * 1024)))
LETTER_MAX_BYTES = 5 * 1024 * 1024
REQUEST_MAX_BYTES = max(IMPORT_MAX_BYTES, LETTER_MAX_BYTES) + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)  # a bigger file goes to a temporary file
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)  # the form's fields, files excepted
# Uploaded and generated files (letters, exports, contest audio, files awaiting confirmation): on
# this machine's disk under MEDIA_ROOT by default; on S3-compatible object storage when S3_BUCKET is
# set, which several web machines and workers then share (docs/deployment.md, « Plusieurs
# machines »). The bucket stays private: every object is written with a private ACL, nothing is
# ever linked to by its bucket address, every download goes through the platform's own pages (which
# check who asks) and is read from the bucket by the platform.


def s3_storage(env) -> dict:
    """The default storage on S3-compatible object storage, from S3_BUCKET and its fellows."""

    def value(name: str, default: str = "") -> str | None:
        return env.get(name, default).strip() or None

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env["S3_BUCKET"].strip(),
            "endpoint_url": value("S3_ENDPOINT_URL"),
            "region_name": value("S3_REGION"),
            # Unset: boto3's own chain (AWS_* variables, the machine's role…).
            "access_key": value("S3_ACCESS_KEY_ID"),
            "secret_key": value("S3_SECRET_ACCESS_KEY"),
            "location": env.get("S3_PREFIX", "").strip().strip("/"),
            "addressing_style": value("S3_ADDRESSING_STYLE"),
            "signature_version": "s3v4",
            # "private" by default; empty for a bucket whose ACLs are disabled (its policy rules).
            "default_acl": value("S3_ACL", "private"),
            # Signed, short-lived addresses only, should anything ever ask for one (nothing does).
            "querystring_auth": True,
            "querystring_expire": 60,
            # Never replace an existing object: names are random, a clash gets a new name.
            "file_overwrite": False,
        },
    }


S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
DEFAULT_STORAGE = (
    s3_storage(os.environ)
    if S3_BUCKET
    else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
)
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Static files are served by whitenoise (middleware above), from STATIC_ROOT as filled by
# `collectstatic` when DEBUG is off (production and `make demo`), from the apps' folders with DEBUG on.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: console by default, for development; production must name a backend that sends
# (SMTP): `check --deploy` reports billetterie.E001 otherwise (core/checks.py).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Billetterie populaire <ne-pas-repondre@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Background tasks: database worker (`billetterie db_worker`); immediate in tests if asked.
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}

# Wall-clock safety net of one allocation computation (seconds, per method). None (the default):
# automatic, from the size of the run's instance (allocation/engine/limits.py), stored on the run.
ALLOCATION_TIME_LIMIT = env_seconds_or_auto("ALLOCATION_TIME_LIMIT")

# The clock: "YYYY-MM-DD" or ISO datetime; the platform then stands at that instant.
BILLETTERIE_CLOCK = os.environ.get("BILLETTERIE_CLOCK", "")

# Security (production values when DEBUG is off).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 8
# A session unused this long ends (core/middleware.py, IdleSessionMiddleware); seconds.
SESSION_IDLE_TIMEOUT = int(os.environ.get("SESSION_IDLE_MINUTES", "30")) * 60
CSRF_COOKIE_HTTPONLY = True
# A form refused for its security token: the platform's French page (core/views.py).
CSRF_FAILURE_VIEW = "billetterie.core.views.csrf_failure"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG and env_bool("HTTPS", False))
SESSION_COOKIE_SECURE = env_bool("HTTPS", False)
CSRF_COOKIE_SECURE = env_bool("HTTPS", False)
SECURE_HSTS_SECONDS = int(
    os.environ.get("SECURE_HSTS_SECONDS", "31536000" if env_bool("HTTPS") else "0")
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("HTTPS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", env_bool("HTTPS", False))
# Behind a reverse proxy (docs/deployment.md): trust its X-Forwarded-Proto, and take the client
# address from X-Forwarded-For, PROXY_COUNT entries from the right (one per trusted proxy).
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact": {"()": "billetterie.core.logging.RedactPersonalData"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}

# Two-factor sign-in (accounts/second_factor.py): authenticator apps show this issuer; e-mailed codes
# are valid 10 minutes, one new code a minute at most.
OTP_TOTP_ISSUER = "Billetterie populaire"
OTP_EMAIL_SUBJECT = "Votre code de connexion — Billetterie populaire"
OTP_EMAIL_BODY_TEMPLATE_PATH = "accounts/email/second_factor_code.txt"
OTP_EMAIL_TOKEN_VALIDITY = 600
OTP_EMAIL_COOLDOWN_DURATION = 60

# Text messages (outbox/sms.py): the console by default; a provider's HTTP API in production.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "billetterie.outbox.sms.ConsoleSmsBackend")
SMS_HTTP_URL = os.environ.get("SMS_HTTP_URL", "")
SMS_HTTP_TOKEN = os.environ.get("SMS_HTTP_TOKEN", "")
SMS_SENDER = os.environ.get("SMS_SENDER", "Billetterie")
# The shared secret the providers send with their delivery receipts and bounces
# (callbacks/views.py, docs/operations.md); unset, the receipt addresses answer 404.
RECEIPTS_TOKEN = os.environ.get("RECEIPTS_TOKEN", "")
# An invitation link (choose a password) stays valid this many days.
INVITATION_DAYS = int(os.environ.get("INVITATION_DAYS", "14"))
