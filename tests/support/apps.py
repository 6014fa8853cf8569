"""Settings for the apps the tests make."""

from config import TestConfig

#: A SECRET_KEY that production accepts (long enough, not the development one).
GOOD_SECRET = "k" * 48


def make_test_config(database_url: str, tmp_path_factory) -> TestConfig:
    """The test settings on `database_url`, with upload and index folders of their own."""
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI = database_url
    config.UPLOAD_DIR = str(tmp_path_factory.mktemp("uploads"))
    config.INDEX_DIR = str(tmp_path_factory.mktemp("index"))
    return config
