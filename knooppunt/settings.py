"""Knooppunt settings. Everything that differs between machines is read from the environment.

The settings fail closed: without SECRET_KEY they refuse to load unless DEBUG=true is set
explicitly, which is what the demo does (scripts/demo): DEBUG on, SQLite, Celery tasks inline and
e-mail to the console. docs/configuration.md lists every variable.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_VALUES = frozenset({"1", "true", "yes", "on"})
FALSE_VALUES = frozenset({"0", "false", "no", "off"})


def env_bool(name: str, default: bool) -> bool:
    """An unset or empty variable gives the default; anything but a known word is an error, so a
    typo such as DEBUG=ture cannot quietly switch something off or on."""
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_VALUES:
        return True
    if value in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"{name}={os.environ[name]!r} is not a boolean: use one of "
        f"{', '.join(sorted(TRUE_VALUES))} or {', '.join(sorted(FALSE_VALUES))}."
    )


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# Off unless switched on explicitly: a production machine that forgets a variable must not come
# up in debug mode.
DEBUG = env_bool("DEBUG", default=False)
DEMO_SECRET_KEY = "demo-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it to a long random value, or set DEBUG=true to run the "
            "demo on your own machine (scripts/demo does)."
        )
    SECRET_KEY = DEMO_SECRET_KEY
elif SECRET_KEY == DEMO_SECRET_KEY and not DEBUG:
    raise ImproperlyConfigured("SECRET_KEY is the demo key, which is refused when DEBUG is off.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "guardian",
    "simple_history",
    "django_htmx",
    "django_filters",
    "partners",
    "pupils",
    "consent",
    "cases",
    "meetings",
    "tlv",
    "gezinsplan",
    "portal",
    # The project package itself, for the project-level `demo` command.
    "knooppunt",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "partners.middleware.SessionLifetimeMiddleware",
    "partners.middleware.SecondFactorRequiredMiddleware",
    "portal.middleware.PortalSeparationMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "knooppunt.middleware.NoStoreMiddleware",
    # Axes must come last so that it sees the outcome of the authentication attempt.
    "axes.middleware.AxesMiddleware",
]

FORM_RENDERER = "knooppunt.form_renderer.KnooppuntFormRenderer"
if not DEBUG:
    # Production serves its own static files; the demo uses runserver's.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "knooppunt.urls"
WSGI_APPLICATION = "knooppunt.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "partners.context_processors.navigation",
            ],
            # The house time format "9.00 uur" is used in nearly every template.
            "builtins": ["knooppunt.templatetags.times"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "600")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "partners:signin"
LOGIN_REDIRECT_URL = "partners:home"
LOGOUT_REDIRECT_URL = "partners:signin"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2

# Sessions: an idle timeout and an absolute lifetime, both enforced with
# partners.middleware.SessionLifetimeMiddleware, which renews a signed-in session once a minute
# (saving it on every request would cost a write per page).
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_IDLE_SECONDS", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("SESSION_ABSOLUTE_SECONDS", str(10 * 60 * 60)))
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_NAME = "__Host-knooppunt-sessie" if not DEBUG else "knooppunt-sessie"
CSRF_COOKIE_NAME = "__Host-knooppunt-csrf" if not DEBUG else "knooppunt-csrf"

# Behind reverse proxies: how many there are, so knooppunt.client_ip finds the client's own
# address in X-Forwarded-For (0: the header is ignored).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

# Sign-in throttling (django-axes): lock one account from one address after a few failures, and
# one address across all accounts (password spraying) after more. partners.throttle applies
# the limit per group.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
SIGNIN_FAILURE_LIMITS = {
    ("username", "ip_address"): AXES_FAILURE_LIMIT,
    ("ip_address",): int(os.environ.get("SIGNIN_IP_FAILURE_LIMIT", "20")),
}
AXES_HANDLER = "partners.throttle.LockoutHandler"
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "partners.views.signin.locked_out"
AXES_CLIENT_IP_CALLABLE = "knooppunt.client_ip.client_ip"
AXES_VERBOSE = False

# Password-reset links: requests per address and per client address within the window.
PASSWORD_RESET_LIMIT_PER_EMAIL = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_EMAIL", "3"))
PASSWORD_RESET_LIMIT_PER_IP = int(os.environ.get("PASSWORD_RESET_LIMIT_PER_IP", "10"))
PASSWORD_RESET_WINDOW = timedelta(
    minutes=int(os.environ.get("PASSWORD_RESET_WINDOW_MINUTES", "60"))
)

OTP_TOTP_ISSUER = "Knooppunt"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# TLV attachments: outside the web root, never served by URL, only through the download view
# (docs/security.md, target 17).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "private"))
TLV_UPLOAD_MAX_BYTES = int(os.environ.get("TLV_UPLOAD_MAX_BYTES", str(10 * 1024 * 1024)))

# Retention (docs/domain.md, "Retention"; docs/security.md targets 8 and 19). A closed case is
# purged this many years after closing, unless its samenwerkingsverband set its own period
# (cases.CaseRetention). Its access-log rows stay, pseudonymised with the key below, and the
# log itself is kept ACCESS_LOG_RETENTION_YEARS (at least five) before whole months are dropped.
CASE_RETENTION_YEARS = int(os.environ.get("CASE_RETENTION_YEARS", "2"))
ACCESS_LOG_RETENTION_YEARS = int(os.environ.get("ACCESS_LOG_RETENTION_YEARS", "5"))
if ACCESS_LOG_RETENTION_YEARS < 5:
    raise ImproperlyConfigured("ACCESS_LOG_RETENTION_YEARS must be at least 5 (NEN 7513).")
if CASE_RETENTION_YEARS < 1:
    raise ImproperlyConfigured("CASE_RETENTION_YEARS must be at least 1.")
# Keyed hash for pseudonymised log rows. Not derived from SECRET_KEY, so that rotating that key
# keeps one pupil's purged rows linkable. Without it (and without DEBUG) the purge refuses to run.
DEMO_PSEUDONYM_KEY = "demo-only-pseudonym-key"
ACCESS_LOG_PSEUDONYM_KEY = os.environ.get("ACCESS_LOG_PSEUDONYM_KEY", "").strip() or (
    DEMO_PSEUDONYM_KEY if DEBUG else ""
)

# The address links in e-mails point to (tasks have no request to build it from). The demo's
# default is refused without DEBUG: invitations would send parents to 127.0.0.1.
DEMO_SITE_URL = "http://127.0.0.1:8000"
SITE_URL = os.environ.get("SITE_URL", "").strip().rstrip("/")
if not SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SITE_URL is not set. Set it to the site's public address, e.g. "
            "https://knooppunt.example.nl (links in e-mails point there)."
        )
    SITE_URL = DEMO_SITE_URL
elif not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured(f"SITE_URL={SITE_URL!r} must start with https:// or http://.")
elif SITE_URL == DEMO_SITE_URL and not DEBUG:
    raise ImproperlyConfigured(
        f"SITE_URL is the demo's {DEMO_SITE_URL}, which is refused when DEBUG is off."
    )

# E-mail: the console in the demo, SMTP when EMAIL_HOST is set.
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Knooppunt <noreply@knooppunt.example>")
if os.environ.get("EMAIL_HOST"):
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": os.environ["EMAIL_HOST"],
                "port": int(os.environ.get("EMAIL_PORT", "25")),
                "username": os.environ.get("EMAIL_HOST_USER", ""),
                "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
                "use_tls": env_bool("EMAIL_USE_TLS", default=False),
                "timeout": 20,
            },
        }
    }
else:
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

# The delivery log: a line per e-mail the mail server accepted, written outside the database
# (meetings/deliverylog.py; docs/security.md, "Nothing lost"). Empty switches it off.
OUTBOX_DELIVERY_LOG = os.environ.get(
    "OUTBOX_DELIVERY_LOG", str(BASE_DIR / "var" / "delivery-log.jsonl")
).strip()

# Celery: without REDIS_URL (the demo) tasks run inline in the web process.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A broker that is down or silent costs seconds, not minutes: connecting gives up after 2 s, a
# command after 10 s. Handing over from a request is tighter still, without any retry
# (meetings/outbox.py, PUBLISH_TRANSPORT_OPTIONS). The visibility timeout exceeds the longest
# task, so a task is only redelivered when its worker is gone (docs/security.md, "Nothing lost").
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 60 * 60,
    "socket_connect_timeout": 2,
    "socket_timeout": 10,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "recompute-time-bound-permissions": {
        "task": "cases.tasks.recompute_time_bound_permissions",
        "schedule": 60 * 60,
    },
    "rebuild-permissions": {
        "task": "cases.tasks.rebuild_permissions",
        "schedule": crontab(hour=3, minute=15),
    },
    "sweep-consent-requests": {
        "task": "cases.tasks.sweep_consent_requests",
        "schedule": 5 * 60,
    },
    "sweep-outbox": {"task": "meetings.tasks.sweep_outbox", "schedule": 5 * 60},
    "queue-reminders": {"task": "meetings.tasks.queue_reminders", "schedule": 60 * 60},
    "queue-tlv-reminders": {"task": "tlv.tasks.queue_reminders", "schedule": 60 * 60},
    "retention": {"task": "cases.tasks.retention_run", "schedule": crontab(hour=2, minute=30)},
}
# The retention job purges closed cases, pseudonymises their log rows and creates and drops the
# access log's monthly partitions: only the owner of the tables may, so it goes to a queue of its
# own whose worker connects as the owner (docs/configuration.md, "Database roles").
CELERY_TASK_ROUTES = {"cases.tasks.retention_run": {"queue": "retention"}}

# Security headers. The CSP allows only our own files, with a nonce for the rare inline script.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = 0 if DEBUG else int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every step of every PDF at INFO.
    "loggers": {"weasyprint": {"level": "WARNING"}},
}

# The organisation's key and certificate (PEM files) that seal a fully signed gezinsplan with a
# PAdES signature. Without them the demo (DEBUG) makes a self-signed pair under MEDIA_ROOT.
GEZINSPLAN_SEAL_KEY_FILE = os.environ.get("GEZINSPLAN_SEAL_KEY_FILE", "")
GEZINSPLAN_SEAL_CERT_FILE = os.environ.get("GEZINSPLAN_SEAL_CERT_FILE", "")

# Parents' portal: the e-mailed sign-in link and the signing code last this long, and a parent's
# session ends after this long idle (docs/security.md target 28).
PORTAL_LINK_SECONDS = 15 * 60
PORTAL_IDLE_SECONDS = int(os.environ.get("PORTAL_IDLE_SECONDS", str(15 * 60)))
# Sign-in links asked for one address (or from one client address) within the link's lifetime
# before the portal answers "too many attempts", the same for known and unknown addresses.
PORTAL_SIGNIN_LIMIT = int(os.environ.get("PORTAL_SIGNIN_LIMIT", "5"))

# DigiD in front of the portal (docs/digid.md): an OpenID Connect sign-in through
# mozilla-django-oidc, off unless OIDC_RP_CLIENT_ID is set. The provider's BSN claim is matched
# to a guardian by a keyed digest, so the digest key must stay the same for as long as the
# digests are kept; it may differ from SECRET_KEY so that one can be rotated on its own.
BSN_DIGEST_KEY = os.environ.get("BSN_DIGEST_KEY", "").strip() or SECRET_KEY
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "").strip()
DIGID_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid")
# The claim that carries the BSN; brokers name it differently.
OIDC_BSN_CLAIM = os.environ.get("OIDC_BSN_CLAIM", "bsn")
OIDC_USE_PKCE = True
OIDC_CREATE_USER = False  # DigiD signs in a linked guardian; it never makes an account
OIDC_AUTHENTICATION_CALLBACK_URL = "portal:digid_callback"
OIDC_TIMEOUT = 10
if DIGID_ENABLED:
    _missing = [
        name
        for name in (
            "OIDC_RP_CLIENT_SECRET",
            "OIDC_OP_AUTHORIZATION_ENDPOINT",
            "OIDC_OP_TOKEN_ENDPOINT",
            "OIDC_OP_USER_ENDPOINT",
            "OIDC_OP_JWKS_ENDPOINT",
        )
        if not globals()[name]
    ]
    if _missing:
        raise ImproperlyConfigured(f"OIDC_RP_CLIENT_ID is set, but not {', '.join(_missing)}.")
    AUTHENTICATION_BACKENDS.append("portal.oidc.DigiDBackend")
