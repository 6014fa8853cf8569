"""Settings for the apps the tests make."""

import uuid

from config import TestConfig

#: A SECRET_KEY that production accepts (long enough, not the development one).
GOOD_SECRET = "k" * 48


def make_test_config(database_url: str, tmp_path_factory, mail_server=None) -> TestConfig:
    """The test settings on `database_url`, with upload, index and mail folders (and
    OpenSearch indexes) of their own, sending mail to `mail_server` (a
    tests.support.mail.MailServer) when given."""
    config = TestConfig()
    config.MAIL_DIR = str(tmp_path_factory.mktemp("mail"))
    if mail_server is not None:
        config.MAIL_SERVER, config.MAIL_PORT = mail_server.host, mail_server.port
    config.SQLALCHEMY_DATABASE_URI = database_url
    config.UPLOAD_DIR = str(tmp_path_factory.mktemp("uploads"))
    config.INDEX_DIR = str(tmp_path_factory.mktemp("index"))
    # Indexes of its own on an OpenSearch node the session shares (when a test sets
    # OPENSEARCH_HOSTS: tests/search/conftest.py).
    config.OPENSEARCH_INDEX_PREFIX = f"dela-test-{uuid.uuid4().hex[:12]}-"
    return config
