"""Settings for the privacy portal, read from the environment (see portal.config).

Development needs no configuration: an SQLite file and a file-system Celery
broker. DATABASE_URL and REDIS_URL switch to PostgreSQL and Redis. DJANGO_DEBUG=0
is production: it needs DJANGO_SECRET_KEY, DATABASE_URL and REDIS_URL, and
passes `manage.py check --deploy`.
"""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from portal import config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(config.text("PORTAL_VAR_DIR") or BASE_DIR / "var")

DEBUG = config.flag("DJANGO_DEBUG", default=True)
PRODUCTION = not DEBUG

SECRET_KEY = config.text("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise config.ConfigurationError("DJANGO_SECRET_KEY is not set; production refuses to start without it.")
    SECRET_KEY = "development-only-key-not-for-production-use-0123456789abcdefghij"  # noqa: S105
elif PRODUCTION and len(SECRET_KEY) < 50:
    raise config.ConfigurationError("DJANGO_SECRET_KEY is too short; use at least 50 random characters.")

ALLOWED_HOSTS = config.word_list(
    "DJANGO_ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise config.ConfigurationError(
        "DJANGO_ALLOWED_HOSTS is not set; production needs the site's host names, comma-separated."
    )
CSRF_TRUSTED_ORIGINS = config.word_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "portal.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "rest_framework",
    "drf_spectacular",
    # The documentation page's scripts and styles, served from this site (the CSP allows no CDN).
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "pgtrigger",
    "portal",
    "members",
    "catalog",
    "orders",
    "support",
    "publishing",
    "interactions",
    "privacy",
    "rights",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "privacy.uploads.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.request_context.PageStateMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "portal.request_checks.RejectNulBytesMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "members.middleware.drop_abandoned_login",
    "portal.middleware.site_error_pages",
    # In place of allauth's UserSessionsMiddleware, which writes the session's row on every request.
    "members.session_activity.SessionActivityMiddleware",
    "privacy.middleware.PrivacyMiddleware",
    "rights.cessation.CeasedServiceMiddleware",
    "rights.middleware.ClosureLockMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "OPTIONS": {
            # Django's cached loader (templates compiled once per process), which also remembers the output of
            # constant {% translate %} and {% url %} tags per language (portal/template_loaders.py).
            "loaders": [
                (
                    "portal.template_loaders.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "portal.context_processors.unread_messages",
                "privacy.context_processors.cookie_banner",
                "privacy.context_processors.site_notices",
                "interactions.context_processors.marketing_popup",
            ],
        },
    },
]

# Databases -----------------------------------------------------------------

DATABASES = {
    "default": config.database("DATABASE_URL", sqlite_path=VAR_DIR / "portal.sqlite3", required=PRODUCTION),
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: cache, Celery broker -------------------------------------------------

REDIS_URL = config.redis_url("REDIS_URL", required=PRODUCTION)
# The cache fails soft: with Redis down, reads miss and writes are dropped, so
# pages keep rendering and callers fall back to the database.
CACHES = {
    "default": (
        {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": config.text("CACHE_KEY_PREFIX", "portal"),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    )
}

CELERY_BROKER_URL = config.text("CELERY_BROKER_URL") or REDIS_URL or "filesystem://localhost//"
CELERY_BROKER_TRANSPORT_OPTIONS: dict = {
    # Longer than any task's time limit, or Redis hands a running task to a
    # second worker (STACK-NOTES).
    "visibility_timeout": 2 * 60 * 60,
    "socket_connect_timeout": 1,
    "socket_timeout": 5,
}
if CELERY_BROKER_URL.startswith("filesystem://"):
    # No server needed: web, worker and beat exchange messages through files.
    broker_dir = VAR_DIR / "celery-broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(broker_dir / "out"),
        "data_folder_out": str(broker_dir / "out"),
        "control_folder": str(broker_dir / "control"),
        "processed_folder": str(broker_dir / "processed"),
        "store_processed": False,
    }
    for sub in ("out", "control", "processed"):
        (broker_dir / sub).mkdir(parents=True, exist_ok=True)
CELERY_TASK_DEFAULT_QUEUE = config.text("CELERY_QUEUE", "portal")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 60 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 55 * 60
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.5}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_WORKER_HIJACK_ROOT_LOGGER = False

# Authentication ----------------------------------------------------------------

AUTH_USER_MODEL = "members.Member"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = "member_name"
ACCOUNT_USER_MODEL_EMAIL_FIELD = None
ACCOUNT_LOGIN_METHODS = {"username", "phone"}
ACCOUNT_SIGNUP_FIELDS = ["phone*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# SEC-07: five failures lock one account for 15 minutes; an address (many members behind one NAT)
# gets a larger allowance of its own (issue 15, item 4). The key is the account, however it is named.
ACCOUNT_RATE_LIMITS = {"login_failed": "50/15m/ip,5/15m/key", "account_retrieval": "5/h/ip,3/h/key"}
# Password recovery by SMS code: codes per number and requests per address.
ACCOUNT_RATE_LIMITS["recovery_code"] = "10/h/ip,3/h/key"
ACCOUNT_RATE_LIMITS["guardian_code"] = "10/h/ip,3/h/key"  # MIN-02: codes to a guardian's number
ACCOUNT_RATE_LIMITS["face_verification"] = "10/h/ip,5/h/key"  # VER-05: face checks per member
# Texts a visitor can trigger (members/sms_caps.py): per number, per address, and once a day to a number
# without an account; on top of allauth's own per-minute limits on sign-in and verification codes.
ACCOUNT_RATE_LIMITS["sms_number"] = "5/h/key,10/d/key"
ACCOUNT_RATE_LIMITS["sms_address"] = "10/h/ip,30/d/ip"
ACCOUNT_RATE_LIMITS["sms_unregistered"] = "1/d/key"
# The most visitor-triggered texts the platform sends in a day, all numbers together.
SMS_DAILY_BUDGET = config.integer("SMS_DAILY_BUDGET", default=20_000)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "1688 Privacy Portal"
USERSESSIONS_TRACK_ACTIVITY = True
# Members (issue 3): registration form, member-name rules, six-digit SMS codes, sign-in by code.
ACCOUNT_FORMS = {
    "signup": "members.forms.RegistrationForm",
    "login": "members.forms.SignInForm",
    "reset_password": "members.forms.EmailPasswordResetForm",  # issue 15, item 9 (members/recovery.py)
}
ACCOUNT_USERNAME_VALIDATORS = "members.forms.member_name_validators"
ACCOUNT_USERNAME_MIN_LENGTH = 3
ACCOUNT_PHONE_VERIFICATION_CODE_FORMAT = {"numeric": True, "dashed": False, "length": 6}
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_FORMAT = {"numeric": True, "dashed": False, "length": 6}
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Section II(VI): the notice channels of interactions; each a class, swapped by setting (README, "Settings").
SMS_BACKEND = config.text("SMS_BACKEND") or "interactions.channels.DatabaseSmsBackend"
if PRODUCTION and SMS_BACKEND == "interactions.channels.DatabaseSmsBackend":
    # The development outbox delivers nothing; production names the carrier's gateway.
    raise config.ConfigurationError("SMS_BACKEND is not set; production refuses the development outbox.")
PUSH_BACKEND = config.text("PUSH_BACKEND", "interactions.channels.DatabasePushBackend")
# Section III: the adapter class per partner (privacy.sharing.partner_adapter); each hands off through
# privacy.sharing. Override one with PARTNER_ADAPTER_<CODE>, for example PARTNER_ADAPTER_CAINIAO.
PARTNER_ADAPTERS = {
    code: config.text(f"PARTNER_ADAPTER_{code.upper().replace('-', '_')}") or default
    for code, default in {
        "alipay": "orders.partners.AlipayAdapter",
        "mybank": "orders.partners.MyBankAdapter",
        "cainiao": "orders.partners.CainiaoTracking",
        "seller-onboarding": "members.seller_leads.OnboardingProviderAdapter",
    }.items()
}
# Outgoing e-mail (marketing by e-mail, password recovery by e-mail) needs EMAIL_HOST; without it,
# development prints mail to the console and production sends none (members/recovery.py).
EMAIL_HOST = config.text("EMAIL_HOST")
EMAIL_PORT = config.integer("EMAIL_PORT", default=587)
EMAIL_HOST_USER = config.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = config.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = config.flag("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = config.text("DEFAULT_FROM_EMAIL", "no-reply@localhost")
EMAIL_BACKEND = config.text("EMAIL_BACKEND") or (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.dummy.EmailBackend"
)
# VER-05: the face-verification provider (code + verify(image=bytes) -> bool); the default simulates the state agency.
FACE_VERIFICATION_PROVIDER = config.text("FACE_VERIFICATION_PROVIDER", "members.face.SimulatedStateAgencyProvider")
# TRX-12: the shared key Alipay signs its payment notices with (HMAC-SHA256).
ALIPAY_NOTIFY_KEY = config.text("ALIPAY_NOTIFY_KEY")
if not ALIPAY_NOTIFY_KEY:
    if PRODUCTION:
        raise config.ConfigurationError("ALIPAY_NOTIFY_KEY is not set; production refuses to start without it.")
    ALIPAY_NOTIFY_KEY = "development-only-alipay-notify-key"
# SEC-06: the Fernet key for ID numbers lives outside the database.
IDENTITY_ENCRYPTION_KEY = config.text("IDENTITY_ENCRYPTION_KEY")
if not IDENTITY_ENCRYPTION_KEY:
    if PRODUCTION:
        raise config.ConfigurationError("IDENTITY_ENCRYPTION_KEY is not set; production refuses to start without it.")
    IDENTITY_ENCRYPTION_KEY = "aw-4rLu_OI1gOXitRLMVspJ6NBxNuXgMc_BJ0trAp70="  # development only
# Key rotation (README "Encryption at rest"): keys that still decrypt rows not yet re-encrypted, comma-separated.
IDENTITY_ENCRYPTION_OLD_KEYS = config.word_list("IDENTITY_ENCRYPTION_OLD_KEYS", [])
# The HMAC key of lookup digests and de-identified pseudonyms; it is not rotated with the encryption key, so
# lookups and pseudonyms stay stable. Unset, it is the encryption key (set it to that value before a first rotation).
IDENTITY_LOOKUP_KEY = config.text("IDENTITY_LOOKUP_KEY") or IDENTITY_ENCRYPTION_KEY
# MEM-06: third-party login, linked to an existing account with a consent per provider.
# Inserted beside the other allauth apps: the staff-group sync runs after the last app's migrations.
_SOCIAL_APPS = ["allauth.socialaccount"]
SOCIALACCOUNT_ADAPTER = "members.adapters.SocialAccountAdapter"
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_PROVIDERS: dict = {}
if config.text("WEIXIN_APP_ID"):
    _SOCIAL_APPS += ["allauth.socialaccount.providers.weixin"]
    SOCIALACCOUNT_PROVIDERS["weixin"] = {
        "APPS": [{"client_id": config.text("WEIXIN_APP_ID"), "secret": config.text("WEIXIN_APP_SECRET")}]
    }
if config.flag("SOCIALACCOUNT_TEST_PROVIDER", default=False):
    # allauth's dummy provider: a local form instead of a partner's servers, for tests only (tests/settings.py).
    _SOCIAL_APPS += ["allauth.socialaccount.providers.dummy"]
_at = INSTALLED_APPS.index("allauth.usersessions") + 1
INSTALLED_APPS[_at:_at] = _SOCIAL_APPS

# Sessions are read from the cache and written to both it and the database, so signing in keeps
# working with Redis down (the cache then misses and the database answers; portal.cache drops
# entries changed during the outage once Redis is back).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_AGE = 14 * 24 * 60 * 60

# Internationalisation -------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Static and media files --------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(config.text("MEDIA_ROOT") or VAR_DIR / "media")
# Any request body, unless the view allows more (privacy.uploads.upload_limit): checked before it is read.
REQUEST_BODY_MAX_BYTES = config.integer("REQUEST_BODY_MAX_BYTES", default=5 * 1024 * 1024)
# STO-06: data produced in the PRC is stored in the PRC. A deployment declares the region of its database,
# its media storage and its backups (cloud region names such as cn-hangzhou); portal.checks refuses a
# region outside mainland China, and production refuses to start without DATA_REGION.
DATA_REGION = config.text("DATA_REGION")
if PRODUCTION and not DATA_REGION:
    raise config.ConfigurationError(
        "DATA_REGION is not set; production declares the PRC region of its data (for example cn-hangzhou)."
    )
MEDIA_REGION = config.text("MEDIA_REGION") or DATA_REGION
BACKUP_REGION = config.text("BACKUP_REGION") or DATA_REGION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Whitenoise serves straight from the apps' static folders in development and
# tests, and from STATIC_ROOT (after collectstatic) in production.
WHITENOISE_USE_FINDERS = config.flag("WHITENOISE_USE_FINDERS", default=DEBUG)
WHITENOISE_AUTOREFRESH = DEBUG

# API ---------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # A key the member made on /members/api-keys/ (Bearer), or the web session (with its CSRF check).
    # The key's class comes first so that a visitor gets 401 with WWW-Authenticate: Bearer.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "members.tokens.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "privacy.api_base.HasAcceptedPolicy",
    ],
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    # Counted in the Redis cache, so every web worker shares the same counts.
    "DEFAULT_THROTTLE_RATES": {
        "anon": config.rate("API_THROTTLE_ANON", "60/minute"),
        "user": config.rate("API_THROTTLE_USER", "600/minute"),
    },
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # JSON only: a form or multipart body would read a missing boolean as false (issue 15, item 10).
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "1688 Privacy Portal API",
    "DESCRIPTION": "The member API of the privacy portal, for the mobile app.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "PREPROCESSING_HOOKS": ["portal.api_urls.only_v1"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from the online validator: the page loads nothing from another site.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# Security ----------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
if PRODUCTION:
    # TLS ends at the reverse proxy, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = config.flag("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = config.integer("DJANGO_HSTS_SECONDS", default=365 * 24 * 60 * 60)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# No inline script or style anywhere, and nothing from another origin.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Site --------------------------------------------------------------------------

SITE_NAME = config.text("SITE_NAME", "1688 Privacy Portal")
# DEF-08: the "1688 Platform" is these sites and apps, run by these two companies (the controllers).
PLATFORM_OPERATORS = [
    _("Hangzhou Alibaba Advertising Co., Ltd."),
    _("Alibaba (China) Network Technology Co., Ltd."),
]
PLATFORM_DOMAINS = ["alibaba.com.cn", "alibaba.cn", "1688.com"]
# Every absolute link the site sends out (unsubscribe, a guardian's consent link, shared links) starts
# with this, never with the Host header of a request (privacy/links.py).
SITE_BASE_URL = config.base_url("SITE_BASE_URL", required=PRODUCTION, default="http://localhost:8000")
HEALTHZ_CELERY_PING_TIMEOUT = 1.0
# How long a worker ping's answer is reused by /healthz (portal/health.py).
HEALTHZ_CACHE_SECONDS = 5

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": config.text("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

HEARTBEAT_INTERVAL = timedelta(minutes=1)

# Retention and erasure engine (rights/retention.py, rights/erasure.py).
PRIVACY_RETENTION_BATCH_SIZE = config.integer("PRIVACY_RETENTION_BATCH_SIZE", default=5000)
PRIVACY_RETENTION_CHUNK_SIZE = config.integer("PRIVACY_RETENTION_CHUNK_SIZE", default=250_000)
# A pause between batches spares the database during the day; 0 at night.
PRIVACY_RETENTION_BATCH_PAUSE_MS = config.integer("PRIVACY_RETENTION_BATCH_PAUSE_MS", default=0)
PRIVACY_ERASURE_LOCK_TIMEOUT_MS = config.integer("PRIVACY_ERASURE_LOCK_TIMEOUT_MS", default=10_000)
# Seconds without progress after which an unfinished sweep or erasure run counts as stalled: the reaper
# (rights.resume_stalled, every 5 minutes) sends it again, admin highlights it, /healthz is degraded.
# Far longer than the longest batch, so a live worker between two batches is never taken for a lost one.
RIGHTS_STALLED_AFTER = config.integer("RIGHTS_STALLED_AFTER", default=15 * 60)
# A job that failed is sent again by the reaper (its own retry may have been lost with the broker) until it has
# been tried this many times; after that it waits for staff ("resume now" in admin).
RIGHTS_RESUME_MAX_ATTEMPTS = config.integer("RIGHTS_RESUME_MAX_ATTEMPTS", default=12)
# RGT-11: days between confirming a closure and the start of the erasure, during which it can be cancelled.
RIGHTS_CLOSURE_COOLING_OFF_DAYS = config.integer("RIGHTS_CLOSURE_COOLING_OFF_DAYS", default=15)
# RGT-16: every rights request is answered within 15 days of receipt; assignees are warned this many days before.
RIGHTS_REQUEST_ANSWER_DAYS = 15
RIGHTS_REQUEST_WARN_DAYS = config.integer("RIGHTS_REQUEST_WARN_DAYS", default=3)
# Requests never verified close themselves after this many days.
RIGHTS_REQUEST_UNVERIFIED_DAYS = config.integer("RIGHTS_REQUEST_UNVERIFIED_DAYS", default=21)
RIGHTS_EVIDENCE_MAX_BYTES = config.integer("RIGHTS_EVIDENCE_MAX_BYTES", default=5 * 1024 * 1024)
# RGT-03: a copy of my data can be downloaded for this many days.
RIGHTS_EXPORT_LINK_DAYS = 7
RIGHTS_EXPORT_ROOT = Path(config.text("RIGHTS_EXPORT_ROOT") or VAR_DIR / "exports")
if config.text("CELERY_VISIBILITY_TIMEOUT"):
    # Only for tests that kill a worker: Redis hands its unacknowledged task to another sooner.
    CELERY_BROKER_TRANSPORT_OPTIONS.update(
        visibility_timeout=config.integer("CELERY_VISIBILITY_TIMEOUT", default=7200),
        unacked_restore_interval=1,
        unacked_restore_throttle=1,
    )
