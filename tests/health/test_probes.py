"""/healthz and /readyz: public, short, and readyz fails when a part the site needs does."""

import gc
import socket

import pytest

from share import create_app
from share.extensions import db
from share.search.index import open_index
from share.search.location import index_dir
from tests.support.apps import make_test_config


def closed_port_url(database_url: str, tmp_path) -> str:
    """A URL of the same kind as `database_url` where no database answers."""
    if database_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'not-there' / 'dela.sqlite3'}"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"postgresql+psycopg://postgres@127.0.0.1:{port}/dela_test"


@pytest.fixture
def app_on(tmp_path_factory):
    """Factory: app_on(url, **settings) is an app on `url` with those settings; its
    connections are closed after the test."""
    made = []

    def make(url: str, **settings):
        config = make_test_config(url, tmp_path_factory)
        for name, value in settings.items():
            setattr(config, name, value)
        made.append(create_app(config))
        return made[-1]

    yield make
    for app in made:
        with app.app_context():
            db.engine.dispose()


def test_healthz_answers_without_sign_in_or_session(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert "Set-Cookie" not in response.headers


def test_readyz_answers_ok_when_every_part_works(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_data(as_text=True) == "ok\n"
    assert "Set-Cookie" not in response.headers


# Whoosh's TOC.read leaves its file open when it raises on a damaged index (whoosh 2.7.x).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_readyz_fails_on_a_damaged_index(client, app):
    with app.app_context():
        open_index()
        for toc in index_dir().glob("*.toc"):
            toc.write_bytes(b"not an index")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "unavailable: index\n"
    gc.collect()  # so Whoosh's leaked file is reported here, where it is expected


def test_readyz_fails_when_uploads_cannot_be_written(app_on, database_url, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    app = app_on(database_url, UPLOAD_DIR=str(tmp_path / "a-file"))
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "unavailable: uploads\n"


def test_readyz_asks_the_bucket_when_files_are_kept_in_one(
    app_on, database_url, s3_server, tmp_path
):
    on_s3 = {"STORAGE_BACKEND": "s3", **s3_server.settings}
    assert app_on(database_url, **on_s3).test_client().get("/readyz").status_code == 200
    away = app_on(database_url, **{**on_s3, "STORAGE_S3_ENDPOINT_URL": "http://127.0.0.1:9"})
    response = away.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "unavailable: storage\n"


def test_readyz_fails_without_the_database_and_says_no_more(app_on, database_url, tmp_path):
    app = app_on(closed_port_url(database_url, tmp_path))
    client = app.test_client()
    assert client.get("/healthz").status_code == 200
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_data(as_text=True) == "unavailable: database\n"
