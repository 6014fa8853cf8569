"""Settings for Dela, one class per environment.

`create_app` picks a class by name ("development", "test", "production"), from the
`DELA_ENV` environment variable when it is given no name. Secrets come only from the
environment; production refuses to start without them.
"""

import os
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"

#: The secret that ships in the repository for development; production refuses it.
DEVELOPMENT_SECRET_KEY = "dev-only-not-secret"  # noqa: S105


def _optional_int(value: str) -> int | None:
    """An integer setting that "off" (or nothing) turns off."""
    return None if value.strip().lower() in ("", "off") else int(value)


def _read_opensearch(config, env) -> None:
    """The OpenSearch settings from the environment (hosts as a comma list)."""
    if env.get("OPENSEARCH_HOSTS"):
        hosts = env["OPENSEARCH_HOSTS"].split(",")
        config.OPENSEARCH_HOSTS = tuple(host.strip() for host in hosts if host.strip())
    for name in ("OPENSEARCH_USER", "OPENSEARCH_PASSWORD", "OPENSEARCH_CA_CERTS"):
        setattr(config, name, env.get(name, getattr(config, name)))
    config.OPENSEARCH_INDEX_PREFIX = env.get("OPENSEARCH_INDEX_PREFIX", "dela-").lower()
    config.OPENSEARCH_TIMEOUT_SECONDS = float(
        env.get("OPENSEARCH_TIMEOUT_SECONDS", config.OPENSEARCH_TIMEOUT_SECONDS)
    )
    if "OPENSEARCH_VERIFY_CERTS" in env:
        config.OPENSEARCH_VERIFY_CERTS = env["OPENSEARCH_VERIFY_CERTS"].strip().lower() not in (
            "false",
            "0",
            "no",
            "off",
        )


def _csv(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.split(",") if part.strip())


class Config:
    #: Signs session and remember cookies. Set from the environment outside development.
    SECRET_KEY = DEVELOPMENT_SECRET_KEY
    #: SQLAlchemy URL. SQLite under instance/ unless DATABASE_URL is set (development and
    #: production); PostgreSQL in production.
    SQLALCHEMY_DATABASE_URI = f"sqlite:///{INSTANCE_DIR / 'dela.sqlite3'}"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    #: Where uploaded files are stored (content-addressed, never served raw).
    UPLOAD_DIR = str(BASE_DIR / "uploads")
    #: Where stored files are kept: "local", under UPLOAD_DIR, or "s3", in an S3-compatible
    #: bucket (AWS, MinIO, Ceph RGW …) set by the STORAGE_S3_* settings. Uploads are received
    #: and checked under UPLOAD_DIR/.incoming either way. `flask storage migrate --to s3`
    #: copies what is stored locally into the bucket before the switch.
    STORAGE_BACKEND = "local"
    STORAGE_S3_BUCKET = ""
    #: Empty for AWS; the server's URL for another S3-compatible store.
    STORAGE_S3_ENDPOINT_URL = ""
    STORAGE_S3_REGION = ""
    #: Empty takes boto3's own (AWS_* variables, an instance role).
    STORAGE_S3_ACCESS_KEY_ID = ""
    STORAGE_S3_SECRET_ACCESS_KEY = ""
    #: Keys start with this ("dela/"), so a bucket can hold other things too.
    STORAGE_S3_PREFIX = ""
    #: Downloads as a redirect to a presigned URL of the bucket (5 minutes), sparing the web
    #: workers the bytes, instead of streamed through the app; thumbnails always go through
    #: the app.
    STORAGE_S3_PRESIGNED_DOWNLOADS = False
    #: Where the Whoosh search index lives; derived data, rebuildable from the database.
    INDEX_DIR = str(INSTANCE_DIR / "index")
    #: Who applies the change log to the search index: "worker", the one indexer process
    #: (`flask search worker`; `make run` starts it beside the site), or "inline", each
    #: request after its commit and before a search (the tests, which need the index
    #: current the moment a request has answered).
    SEARCH_INDEXER = "worker"
    #: The search engine of a new install's index: "whoosh" (pure Python, nothing to
    #: install; right for a few thousand materials) or "tantivy" (an embedded engine in
    #: Rust, for tens of thousands and more). An install is moved from one to the other,
    #: without downtime, by `flask search reindex --backend`; the index then says which
    #: engine it is, whatever this says.
    SEARCH_BACKEND = "whoosh"
    #: The OpenSearch backend (SEARCH_BACKEND "opensearch"): the server's URLs (required
    #: with it), a user and password when the server wants them, the CA certificates that
    #: sign its TLS certificate (a file) and whether to verify it, and the start of the
    #: names of Dela's indexes there (one install per prefix).
    OPENSEARCH_HOSTS: tuple[str, ...] = ()
    OPENSEARCH_USER = ""
    OPENSEARCH_PASSWORD = ""
    OPENSEARCH_CA_CERTS = ""
    OPENSEARCH_VERIFY_CERTS = True
    OPENSEARCH_INDEX_PREFIX = "dela-"
    #: How long a request to OpenSearch may take to connect, and to answer, before search
    #: counts as unavailable (503): a host that is down must not hold pages for minutes.
    #: Not less: at 100,000 materials the first search after a build asked for word lists
    #: that took the server over 2 s to load. Writes and waits the server does on purpose
    #: (bulk, refresh) get longer.
    OPENSEARCH_TIMEOUT_SECONDS = 10.0
    #: How often the worker asks SQLite for new changes. On PostgreSQL a committed change
    #: wakes it (NOTIFY), and it asks anyway every SEARCH_WORKER_SAFETY_POLL_SECONDS.
    SEARCH_WORKER_POLL_SECONDS = 0.25
    SEARCH_WORKER_SAFETY_POLL_SECONDS = 5.0
    #: With changes pending and no sign of life from the worker for this long, search and
    #: /readyz say that search is not being updated. Longer than a batch takes.
    SEARCH_INDEXER_SILENCE_SECONDS = 30
    #: How many materials `flask search reindex` writes per segment (a writer and a commit
    #: each), so that a rebuild's memory and temporary files stay bounded. Whoosh sorts a
    #: writer's postings through temporary files (compressed: about the segment's own size)
    #: and holds them until the segment is written. Every segment has term tables of its
    #: own, which each search reads: four segments at 2,000 materials made every search
    #: about 1.9 times as slow. So a segment holds this many. (tantivy bounds its writer by
    #: its heap and takes one writer for a whole rebuild.)
    SEARCH_REBUILD_SEGMENT_MATERIALS = 20_000
    #: How many processes a rebuild prepares documents in (reading the database and
    #: analyzing the text, most of its time); the one writer adds what they prepared.
    SEARCH_REBUILD_PROCESSES = 2
    #: Per-file upload limit in megabytes.
    MAX_UPLOAD_MB = 50
    #: Per-request limit in megabytes (several files at once). Above the per-file limit, so
    #: one file that is too large gets its own message with the form kept.
    MAX_REQUEST_MB = 200
    #: Files one request may bring (a share form once took 300), and one material may have.
    MAX_FILES_PER_REQUEST = 20
    MAX_FILES_PER_MATERIAL = 40
    #: What one person's materials may store, in megabytes, unless an admin gave them
    #: another quota (Admin → Users).
    STORAGE_QUOTA_MB = 2048
    #: How long text extraction and thumbnails may take for one file before it gets none.
    EXTRACTION_TIMEOUT_SECONDS = 20
    #: E-mail domains that may register themselves (lowercase, comma-separated in env); none
    #: closes self-registration. Production takes them only from the environment.
    ALLOWED_EMAIL_DOMAINS: tuple[str, ...] = ("kommun.example",)
    #: Outgoing mail (registration links, password resets). Without MAIL_SERVER, mail is
    #: printed to the console and written to MAIL_DIR instead (development only).
    MAIL_SERVER = ""
    MAIL_PORT = 587
    #: STARTTLS on a plain connection (port 587), or TLS from the start (port 465).
    MAIL_USE_TLS = True
    MAIL_USE_SSL = False
    MAIL_USERNAME = ""
    MAIL_PASSWORD = ""
    MAIL_SENDER = "Dela <dela@kommun.example>"
    MAIL_TIMEOUT = 10
    MAIL_DIR = str(INSTANCE_DIR / "mail")
    #: Whether mail goes to the console and MAIL_DIR when MAIL_SERVER is empty; in
    #: production it is then not sent at all.
    MAIL_TO_CONSOLE = True
    #: The site's address as links in mail start, e.g. "https://dela.kommun.se"; empty takes
    #: the request's (development): a forged Host header must not steer a reset link.
    PUBLIC_URL = ""
    #: How long a link to confirm a registration, or to reset a password, works.
    CONFIRMATION_LINK_LIFETIME = timedelta(days=2)
    PASSWORD_RESET_LINK_LIFETIME = timedelta(hours=1)
    #: Mails about an account (confirmation, reset, "already registered") per recipient,
    #: so nobody floods someone's inbox through the forms.
    ACCOUNT_MAIL_RATE_LIMIT_PER_RECIPIENT = "3 per hour"
    #: Password reset requests per client address.
    PASSWORD_RESET_RATE_LIMIT_PER_ADDRESS = "10 per hour"  # noqa: S105 (not a password)
    #: Whether `flask seed-demo` may run: it creates accounts with a published password.
    DEMO_SEEDING_ALLOWED = True

    #: Interface languages; the first is the default.
    LANGUAGES = ("sv", "en")
    BABEL_DEFAULT_LOCALE = "sv"
    BABEL_DEFAULT_TIMEZONE = "Europe/Stockholm"

    #: Argon2id cost parameters (argon2-cffi defaults: RFC 9106 low-memory profile).
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    ARGON2_PARALLELISM = 4

    #: Where Flask-Limiter counts: "memory://" is per process, so with several processes or
    #: machines each counts alone and a limit allows that many times as much; production
    #: sets RATELIMIT_STORAGE_URI=redis://… (the `redis` package) for one count for all.
    RATELIMIT_STORAGE_URI = "memory://"
    #: A Redis that cannot be reached must not take sign-in down with it: each process then
    #: counts in its own memory until Redis answers again; a host that is down without
    #: refusing is given up on after 2 s rather than holding requests.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 2}
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = False
    #: Failed password checks (sign-in, re-confirmation, password change), counted together
    #: per client address across accounts.
    LOGIN_RATE_LIMIT_PER_ADDRESS = "20 per 5 minutes"
    #: This many failures for one account from one address within the window refuse that
    #: address for that account until the window has passed (other addresses are not).
    LOGIN_FAILURES_PER_ACCOUNT_AND_ADDRESS = 8
    LOGIN_FAILURE_WINDOW = timedelta(minutes=5)
    #: After this many failures for one account from any addresses within the slow-down
    #: window, an address that has failed for it must wait 2, 4, 8 … seconds (at most
    #: LOGIN_SLOWDOWN_MAX) after the account's last failure. Addresses without failures are
    #: never made to wait, so the owner is not locked out by someone else's guessing.
    LOGIN_FAILURES_BEFORE_SLOWDOWN = 10
    LOGIN_SLOWDOWN_WINDOW = timedelta(hours=1)
    LOGIN_SLOWDOWN_MAX = timedelta(minutes=15)
    #: How long failed attempts are kept (and shown to the account's owner).
    LOGIN_FAILURE_RETENTION = timedelta(days=30)
    #: Failed self-registrations per client address (a successful one does not count).
    REGISTRATION_RATE_LIMIT_PER_ADDRESS = "10 per hour"

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    #: "Remember me" lasts a week, not Flask-Login's default of a year.
    REMEMBER_COOKIE_DURATION = timedelta(days=7)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    #: How often a signed-in session's "last seen" is written: not on every request.
    SESSION_TOUCH_INTERVAL = timedelta(minutes=5)

    WTF_CSRF_TIME_LIMIT = 8 * 3600

    #: Strict-Transport-Security max-age in seconds: browsers then reach the site over HTTPS
    #: only. None sends no header (development and tests, which run over plain HTTP).
    HSTS_MAX_AGE: int | None = None

    #: How many reverse proxies in front of the app set X-Forwarded-For/-Proto; 0 = none.
    #: Rate limits are per client address, so behind a proxy this must be right.
    PROXY_COUNT = 0

    @property
    def MAX_CONTENT_LENGTH(self) -> int:  # noqa: N802 (Flask's name)
        """Whole-request limit: never below one file at the per-file limit plus the form."""
        return max(self.MAX_REQUEST_MB, self.MAX_UPLOAD_MB + 1) * 1024 * 1024


class DevelopmentConfig(Config):
    DEBUG = False
    TEMPLATES_AUTO_RELOAD = True

    def __init__(self) -> None:
        # So the demo can be tried on PostgreSQL too; unset, the SQLite file under instance/.
        # The index and the files belong to one database, so they can move with it.
        env = os.environ
        if env.get("DATABASE_URL"):
            self.SQLALCHEMY_DATABASE_URI = _database_url(env["DATABASE_URL"])
        self.UPLOAD_DIR = env.get("UPLOAD_DIR", self.UPLOAD_DIR)
        self.INDEX_DIR = env.get("INDEX_DIR", self.INDEX_DIR)
        _read_storage_settings(self, env)
        self.SEARCH_BACKEND = env.get("SEARCH_BACKEND", self.SEARCH_BACKEND)
        _read_opensearch(self, env)


class TestConfig(Config):
    TESTING = True
    SEARCH_INDEXER = "inline"
    SQLALCHEMY_DATABASE_URI = "sqlite://"
    # Cheap hashing keeps the suite fast; the algorithm is the same.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 1024
    ARGON2_PARALLELISM = 1
    ALLOWED_EMAIL_DOMAINS = ("kommun.example", "skola.example")
    # The tests' own SMTP server (tests/support/mail.py) speaks plain SMTP.
    MAIL_USE_TLS = False


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    DEMO_SEEDING_ALLOWED = False
    #: A year, as HTTPS-only sites commonly send; HSTS_MAX_AGE=off in the environment when
    #: the proxy sends the header itself.
    HSTS_MAX_AGE = 365 * 24 * 3600
    MAIL_TO_CONSOLE = False

    def __init__(self) -> None:
        env = os.environ
        secret = env.get("SECRET_KEY", "")
        if not secret or secret == DEVELOPMENT_SECRET_KEY or len(secret) < 32:
            raise RuntimeError(
                "SECRET_KEY must be set to a random value of at least 32 characters "
                '(python -c "import secrets; print(secrets.token_urlsafe(48))").'
            )
        self.SECRET_KEY = secret
        if env.get("DATABASE_URL"):
            self.SQLALCHEMY_DATABASE_URI = _database_url(env["DATABASE_URL"])
        self.UPLOAD_DIR = env.get("UPLOAD_DIR", self.UPLOAD_DIR)
        self.INDEX_DIR = env.get("INDEX_DIR", self.INDEX_DIR)
        _read_storage_settings(self, env)
        self.SEARCH_BACKEND = env.get("SEARCH_BACKEND", self.SEARCH_BACKEND)
        _read_opensearch(self, env)
        self.SEARCH_REBUILD_SEGMENT_MATERIALS = int(
            env.get("SEARCH_REBUILD_SEGMENT_MATERIALS", self.SEARCH_REBUILD_SEGMENT_MATERIALS)
        )
        self.SEARCH_REBUILD_PROCESSES = int(
            env.get("SEARCH_REBUILD_PROCESSES", self.SEARCH_REBUILD_PROCESSES)
        )
        self.MAX_UPLOAD_MB = int(env.get("MAX_UPLOAD_MB", self.MAX_UPLOAD_MB))
        self.MAX_REQUEST_MB = int(env.get("MAX_REQUEST_MB", self.MAX_REQUEST_MB))
        for name in ("MAX_FILES_PER_REQUEST", "MAX_FILES_PER_MATERIAL", "STORAGE_QUOTA_MB"):
            setattr(self, name, int(env.get(name, getattr(self, name))))
        # Unset means closed: the development domain must never open a real site.
        self.ALLOWED_EMAIL_DOMAINS = _csv(env.get("ALLOWED_EMAIL_DOMAINS", ""))
        self.RATELIMIT_STORAGE_URI = env.get("RATELIMIT_STORAGE_URI", self.RATELIMIT_STORAGE_URI)
        self.PROXY_COUNT = int(env.get("PROXY_COUNT", self.PROXY_COUNT))
        if "HSTS_MAX_AGE" in env:
            self.HSTS_MAX_AGE = _optional_int(env["HSTS_MAX_AGE"])
        # Without a mail server nothing is mailed (no registration, no reset): never to the
        # console. With one, links must not take their host from a (forgeable) request.
        self.MAIL_SERVER = env.get("MAIL_SERVER", "")
        self.PUBLIC_URL = env.get("PUBLIC_URL", "").rstrip("/")
        if self.MAIL_SERVER and not self.PUBLIC_URL:
            raise RuntimeError(
                "PUBLIC_URL must be set with MAIL_SERVER, e.g. https://dela.kommun.se"
            )
        self.MAIL_SENDER = env.get("MAIL_SENDER", self.MAIL_SENDER)
        self.MAIL_PORT = int(env.get("MAIL_PORT", self.MAIL_PORT))
        self.MAIL_USE_TLS = _flag(env.get("MAIL_USE_TLS"), self.MAIL_USE_TLS)
        self.MAIL_USE_SSL = _flag(env.get("MAIL_USE_SSL"), self.MAIL_USE_SSL)
        self.MAIL_USERNAME = env.get("MAIL_USERNAME", "")
        self.MAIL_PASSWORD = env.get("MAIL_PASSWORD", "")


def _read_storage_settings(config: Config, env) -> None:
    config.STORAGE_BACKEND = env.get("STORAGE_BACKEND", config.STORAGE_BACKEND)
    for name in (
        "STORAGE_S3_BUCKET",
        "STORAGE_S3_ENDPOINT_URL",
        "STORAGE_S3_REGION",
        "STORAGE_S3_ACCESS_KEY_ID",
        "STORAGE_S3_SECRET_ACCESS_KEY",
        "STORAGE_S3_PREFIX",
    ):
        setattr(config, name, env.get(name, getattr(config, name)))
    config.STORAGE_S3_PRESIGNED_DOWNLOADS = _flag(
        env.get("STORAGE_S3_PRESIGNED_DOWNLOADS"), config.STORAGE_S3_PRESIGNED_DOWNLOADS
    )
    # At start, not at the first upload: a site that cannot keep files must not serve.
    if config.STORAGE_BACKEND not in ("local", "s3"):
        raise RuntimeError(f"STORAGE_BACKEND must be local or s3, not {config.STORAGE_BACKEND!r}")
    if config.STORAGE_BACKEND == "s3" and not config.STORAGE_S3_BUCKET:
        raise RuntimeError("STORAGE_BACKEND=s3 needs STORAGE_S3_BUCKET")


def _flag(value: str | None, default: bool) -> bool:
    if value is None or not value.strip():
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


def _database_url(url: str) -> str:
    """Let operators write postgresql:// and still get the psycopg 3 driver."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
