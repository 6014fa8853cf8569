"""Fixtures shared by the whole suite.

Every test that takes `app`, `db` or `client` runs twice: against SQLite and against a real
PostgreSQL server that this session starts (or `TEST_DATABASE_URL`). A test module that uses
`storage_backend` runs once more on each storage backend: the local disk, and a real MinIO
server this session builds and starts. The search tests also run on a real OpenSearch node
the session starts when they first need it (or `TEST_OPENSEARCH_URL`); the two-node test
(tests/nodes/) also a real Redis. In CI (`CI` set), a PostgreSQL, MinIO, OpenSearch or
Redis server that cannot be had fails the run instead of skipping.

Helpers that are not fixtures live in tests/support/, where any test module may import
them; test modules never import each other or a conftest.
"""

import os

import pytest
from flask_migrate import upgrade

from config import TestConfig
from share import create_app
from share.auth.models import Role, User
from share.extensions import db as database
from share.extensions import limiter
from share.schools.models import Unit
from share.search.synonyms import seed_synonyms
from share.vocabularies.seed import seed_vocabularies
from tests.support.accounts import add_test_school, add_user
from tests.support.apps import make_test_config
from tests.support.ci import skip_or_fail
from tests.support.client import Browser
from tests.support.database import empty_tables, remember_seeded_rows
from tests.support.mail import MailServer
from tests.support.opensearch import OpenSearchMissing, ThrowawayOpenSearch, opensearch_jars
from tests.support.postgres import ThrowawayPostgres, find_postgres_bin, scratch_database
from tests.support.redis import RedisMissing, ThrowawayRedis, redis_server_binary
from tests.support.s3 import ServerMissing, ThrowawayS3, minio_binary


@pytest.fixture(scope="session")
def postgres_url():
    if os.environ.get("TEST_DATABASE_URL"):
        yield os.environ["TEST_DATABASE_URL"]
        return
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        skip_or_fail("PostgreSQL binaries (initdb, pg_ctl) not found")
    server = ThrowawayPostgres(bin_dir)
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 (reported as the skip/fail reason)
        server.stop()
        skip_or_fail(f"could not start PostgreSQL: {error}")
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def opensearch_url(pytestconfig):
    """A real OpenSearch node's address, started once for the session (its jars are
    copied by Maven into pytest's cache the first time)."""
    if os.environ.get("TEST_OPENSEARCH_URL"):
        yield os.environ["TEST_OPENSEARCH_URL"]
        return
    try:
        jars = opensearch_jars(pytestconfig.cache.mkdir("opensearch"))
    except OpenSearchMissing as error:
        skip_or_fail(f"no OpenSearch node: {error}")
    node = ThrowawayOpenSearch(jars)
    try:
        node.start()
    except Exception as error:  # noqa: BLE001 (reported as the skip/fail reason)
        node.stop()
        skip_or_fail(f"could not start OpenSearch: {error}")
    yield node.url
    node.stop()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'dela.sqlite3'}"
    return request.getfixturevalue("postgres_url")


@pytest.fixture(scope="session")
def s3_server(pytestconfig):
    """A real S3-compatible server (MinIO, built once into pytest's cache) with one bucket."""
    try:
        binary = minio_binary(pytestconfig.cache.mkdir("minio"))
    except ServerMissing as error:
        skip_or_fail(str(error))
    server = ThrowawayS3(binary)
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 (reported as the skip/fail reason)
        server.stop()
        skip_or_fail(f"could not start MinIO: {error}")
    yield server
    server.stop()


@pytest.fixture(scope="module", params=["local", "s3"])
def storage_backend(request, app, observer_app):
    """A module that uses this runs on each storage backend, its tests on one and then on
    the other; the bucket is emptied after each test as UPLOAD_DIR is. Not autouse: most
    storage tests look at the files on disk."""
    settings = {"STORAGE_BACKEND": request.param}
    if request.param == "s3":
        settings.update(request.getfixturevalue("s3_server").settings, STORAGE_S3_PREFIX="dela")
    saved = {each: {name: each.config[name] for name in settings} for each in (app, observer_app)}
    for each in saved:
        each.config.update(settings)
    yield request.param
    for each, old in saved.items():
        each.config.update(old)


@pytest.fixture(scope="session")
def redis_url():
    """A real Redis server's URL (Debian's redis-server), started once for the session, for
    rate limits that several processes share."""
    try:
        binary = redis_server_binary()
    except RedisMissing as error:
        skip_or_fail(str(error))
    server = ThrowawayRedis(binary)
    try:
        server.start()
    except Exception as error:  # noqa: BLE001 (reported as the skip/fail reason)
        server.stop()
        skip_or_fail(f"could not start Redis: {error}")
    yield server.url
    server.stop()


@pytest.fixture(scope="session")
def mail_server():
    """A real SMTP server on 127.0.0.1 that the apps under test send their mail to."""
    server = MailServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def mailbox(mail_server) -> MailServer:
    """The test SMTP server, emptied of other tests' mail."""
    mail_server.clear()
    return mail_server


@pytest.fixture(scope="session")
def app_config(database_url, tmp_path_factory, mail_server) -> TestConfig:
    return make_test_config(database_url, tmp_path_factory, mail_server)


@pytest.fixture(scope="session")
def app(app_config):
    """The app under test, one per database backend, its schema made by the real migrations."""
    app = create_app(app_config)
    with app.app_context():
        upgrade()
        seed_vocabularies()
        seed_synonyms()
        database.session.commit()
        remember_seeded_rows()
    yield app
    with app.app_context():
        database.session.remove()
        database.drop_all()
        database.engine.dispose()


@pytest.fixture
def empty_database(database_url, tmp_path):
    """A database of the test's own on the backend under test, empty: (URL, its default
    collation). On PostgreSQL the collation is a language's where the server has one."""
    if database_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}", "BINARY"
        return
    with scratch_database(database_url) as found:
        yield found


@pytest.fixture
def empty_app(empty_database, tmp_path_factory):
    """An app on an empty database, its context pushed, for tests that migrate it themselves."""
    url, _collation = empty_database
    app = create_app(make_test_config(url, tmp_path_factory))
    with app.app_context():
        yield app
        database.session.remove()
        database.engine.dispose()


@pytest.fixture(scope="session")
def observer_app(app, app_config):
    """A second app on the same database, for the test's own reads and writes.

    A request that finds an app context of its own app already pushed reuses it, and with
    it `g` (Flask-Login's cached user, the CSRF token): pushing the test's context from a
    different app object keeps every test-client request as isolated as a real one.
    """
    observer = create_app(app_config)
    yield observer
    with observer.app_context():
        database.session.remove()
        database.engine.dispose()


@pytest.fixture
def db(observer_app):
    """The database, seen from an app context of the test's own; emptied after the test."""
    with observer_app.app_context():
        limiter.reset()
        yield database
        empty_tables()


@pytest.fixture
def read_db(observer_app):
    """The database as `db` gives it, but not emptied after the test: for tests that only
    read what a fixture of a wider scope wrote (and empties after the last of them)."""
    with observer_app.app_context():
        yield database


@pytest.fixture
def client(app, db):
    return app.test_client()


@pytest.fixture
def runner(app, db):
    return app.test_cli_runner()


@pytest.fixture
def unit(db) -> Unit:
    """A school in an area, committed, for users to belong to."""
    return add_test_school()


@pytest.fixture
def make_user(db, unit):
    """Factory: make_user(email=..., role=Role.TEACHER, password=PASSWORD, active=True)."""
    counter = iter(range(1, 10_000))

    def make(**fields) -> User:
        return add_user(unit, next(counter), **fields)

    return make


@pytest.fixture
def browser(client) -> Browser:
    return Browser(client)


@pytest.fixture
def signed_in(browser, make_user):
    """Factory: signed_in(role=Role.TEACHER) makes a user and signs the browser in as them."""

    def sign_in(role: Role = Role.TEACHER, **kwargs) -> User:
        user = make_user(role=role, **kwargs)
        response = browser.sign_in(user.email)
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return sign_in
