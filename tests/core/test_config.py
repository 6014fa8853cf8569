import pytest

from config import DEVELOPMENT_SECRET_KEY, DevelopmentConfig, ProductionConfig
from share import create_app
from tests.support.apps import GOOD_SECRET


@pytest.mark.parametrize("secret", [None, "", DEVELOPMENT_SECRET_KEY, "short"])
def test_production_refuses_a_missing_or_weak_secret(monkeypatch, secret):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    if secret is not None:
        monkeypatch.setenv("SECRET_KEY", secret)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        ProductionConfig()


def test_production_reads_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("DATABASE_URL", "postgres://dela:pw@db.internal/dela")
    monkeypatch.setenv("UPLOAD_DIR", "/srv/dela/uploads")
    monkeypatch.setenv("INDEX_DIR", "/srv/dela/index")
    monkeypatch.setenv("MAX_UPLOAD_MB", "20")
    monkeypatch.delenv("MAX_REQUEST_MB", raising=False)
    monkeypatch.delenv("HSTS_MAX_AGE", raising=False)
    monkeypatch.setenv("ALLOWED_EMAIL_DOMAINS", " Kommun.se, skola.kommun.se ,")
    config = ProductionConfig()
    assert config.SECRET_KEY == GOOD_SECRET
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://dela:pw@db.internal/dela"
    assert config.UPLOAD_DIR == "/srv/dela/uploads"
    assert config.INDEX_DIR == "/srv/dela/index"
    assert config.MAX_UPLOAD_MB == 20
    assert config.MAX_CONTENT_LENGTH == 200 * 1024 * 1024
    assert config.ALLOWED_EMAIL_DOMAINS == ("kommun.se", "skola.kommun.se")
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    assert config.HSTS_MAX_AGE == 365 * 24 * 3600


def test_production_reads_the_storage_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("STORAGE_BACKEND", "s3")
    monkeypatch.delenv("STORAGE_S3_BUCKET", raising=False)
    with pytest.raises(RuntimeError, match="STORAGE_S3_BUCKET"):
        ProductionConfig()
    monkeypatch.setenv("STORAGE_S3_BUCKET", "dela-filer")
    monkeypatch.setenv("STORAGE_S3_ENDPOINT_URL", "https://s3.kommun.example")
    monkeypatch.setenv("STORAGE_S3_PREFIX", "dela")
    monkeypatch.setenv("STORAGE_S3_PRESIGNED_DOWNLOADS", "true")
    config = ProductionConfig()
    assert (config.STORAGE_BACKEND, config.STORAGE_S3_BUCKET) == ("s3", "dela-filer")
    assert config.STORAGE_S3_ENDPOINT_URL == "https://s3.kommun.example"
    assert config.STORAGE_S3_PREFIX == "dela" and config.STORAGE_S3_PRESIGNED_DOWNLOADS
    monkeypatch.setenv("STORAGE_BACKEND", "ftp")
    with pytest.raises(RuntimeError, match="local or s3"):
        ProductionConfig()


@pytest.mark.parametrize(("value", "expected"), [("600", 600), ("0", 0), ("off", None)])
def test_production_hsts_is_configurable(monkeypatch, value, expected):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("HSTS_MAX_AGE", value)
    config = ProductionConfig()
    assert expected == config.HSTS_MAX_AGE


def test_production_without_allowed_domains_closes_registration(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.delenv("ALLOWED_EMAIL_DOMAINS", raising=False)
    assert ProductionConfig().ALLOWED_EMAIL_DOMAINS == ()


def test_wsgi_starts_production_only_with_a_secret(monkeypatch, tmp_path):
    import importlib
    import sys

    monkeypatch.delenv("DELA_ENV", raising=False)
    monkeypatch.delenv("HSTS_MAX_AGE", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    sys.modules.pop("wsgi", None)
    with pytest.raises(RuntimeError):
        importlib.import_module("wsgi")
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    sys.modules.pop("wsgi", None)
    app = importlib.import_module("wsgi").app
    assert app.config["SESSION_COOKIE_SECURE"] is True
    response = app.test_client().get("/logga-in")
    assert response.headers["Strict-Transport-Security"] == f"max-age={365 * 24 * 3600}"
    assert not app.debug
    sys.modules.pop("wsgi", None)


def test_proxy_count_makes_rate_limits_see_the_client(monkeypatch, tmp_path):
    from flask import request

    from share import create_app

    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("PROXY_COUNT", "1")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app("production")
    with app.test_client() as client:
        client.get("/logga-in", environ_base={"REMOTE_ADDR": "10.0.0.1"},
                   headers={"X-Forwarded-For": "192.0.2.7"})  # fmt: skip
        assert request.remote_addr == "192.0.2.7"


def test_development_honours_database_url(monkeypatch):
    from config import DevelopmentConfig

    monkeypatch.setenv("DATABASE_URL", "postgresql://dela:pw@127.0.0.1/dela_demo")
    monkeypatch.setenv("INDEX_DIR", "/tmp/dela-demo-index")
    monkeypatch.setenv("UPLOAD_DIR", "/tmp/dela-demo-uploads")
    config = DevelopmentConfig()
    assert config.SQLALCHEMY_DATABASE_URI == "postgresql+psycopg://dela:pw@127.0.0.1/dela_demo"
    assert config.INDEX_DIR == "/tmp/dela-demo-index"
    assert config.UPLOAD_DIR == "/tmp/dela-demo-uploads"
    for name in ("DATABASE_URL", "INDEX_DIR", "UPLOAD_DIR"):
        monkeypatch.delenv(name)
    config = DevelopmentConfig()
    assert config.SQLALCHEMY_DATABASE_URI.endswith("instance/dela.sqlite3")
    assert config.INDEX_DIR.endswith("instance/index")


def test_development_app_uses_database_url(monkeypatch, tmp_path):
    from share import create_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    app = create_app("development")
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{tmp_path / 'demo.sqlite3'}"


def test_production_reads_the_mail_settings(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("MAIL_SERVER", "smtp.kommun.se")
    monkeypatch.setenv("MAIL_PORT", "465")
    monkeypatch.setenv("MAIL_USE_SSL", "true")
    monkeypatch.setenv("MAIL_USE_TLS", "0")
    monkeypatch.setenv("MAIL_USERNAME", "dela")
    monkeypatch.setenv("MAIL_PASSWORD", "hemligt")
    monkeypatch.setenv("MAIL_SENDER", "Dela <dela@kommun.se>")
    monkeypatch.setenv("PUBLIC_URL", "https://dela.kommun.se/")
    config = ProductionConfig()
    assert (config.MAIL_SERVER, config.MAIL_PORT) == ("smtp.kommun.se", 465)
    assert config.MAIL_USE_SSL and not config.MAIL_USE_TLS
    assert (config.MAIL_USERNAME, config.MAIL_PASSWORD) == ("dela", "hemligt")
    assert config.MAIL_SENDER == "Dela <dela@kommun.se>"
    assert config.PUBLIC_URL == "https://dela.kommun.se"


def test_production_mail_needs_the_public_url(monkeypatch):
    """Links in mail must not take their host from a request's (forgeable) Host header."""
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("MAIL_SERVER", "smtp.kommun.se")
    monkeypatch.delenv("PUBLIC_URL", raising=False)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        ProductionConfig()


def test_production_without_a_mail_server_sends_nothing_to_the_console(monkeypatch, tmp_path):
    from share import create_app
    from share.mail import Mail, MailError, send_mail

    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.delenv("MAIL_SERVER", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    app = create_app("production")
    app.config["MAIL_DIR"] = str(tmp_path / "mail")
    with app.app_context(), pytest.raises(MailError):
        send_mail(Mail(to="anna@kommun.se", subject="Länk", body="https://x/hemlig-länk"))
    assert not (tmp_path / "mail").exists()


def test_the_opensearch_settings_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", GOOD_SECRET)
    monkeypatch.setenv("SEARCH_BACKEND", "opensearch")
    monkeypatch.setenv("OPENSEARCH_HOSTS", "https://search-1.internal:9200, https://search-2:9200,")
    monkeypatch.setenv("OPENSEARCH_USER", "dela")
    monkeypatch.setenv("OPENSEARCH_PASSWORD", "s3cret")
    monkeypatch.setenv("OPENSEARCH_CA_CERTS", "/etc/dela/opensearch-ca.pem")
    monkeypatch.setenv("OPENSEARCH_VERIFY_CERTS", "false")
    monkeypatch.setenv("OPENSEARCH_INDEX_PREFIX", "Dela-Prod-")
    for config in (ProductionConfig(), DevelopmentConfig()):
        assert config.SEARCH_BACKEND == "opensearch"
        assert config.OPENSEARCH_HOSTS == (
            "https://search-1.internal:9200",
            "https://search-2:9200",
        )
        assert (config.OPENSEARCH_USER, config.OPENSEARCH_PASSWORD) == ("dela", "s3cret")
        assert config.OPENSEARCH_CA_CERTS == "/etc/dela/opensearch-ca.pem"
        assert config.OPENSEARCH_VERIFY_CERTS is False
        assert config.OPENSEARCH_INDEX_PREFIX == "dela-prod-"  # index names are lowercase


def test_opensearch_without_its_hosts_stops_the_app_at_start(monkeypatch, tmp_path):
    monkeypatch.setenv("SEARCH_BACKEND", "opensearch")
    monkeypatch.delenv("OPENSEARCH_HOSTS", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'dela.sqlite3'}")
    with pytest.raises(RuntimeError, match="OPENSEARCH_HOSTS"):
        create_app(DevelopmentConfig())
