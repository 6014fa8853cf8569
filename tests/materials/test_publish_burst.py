"""Forty colleagues publish at once, each with a file, through a real multi-threaded server:
forty materials, and nobody gets an error (SQLite used to answer "database is locked")."""

import threading

import pytest
from sqlalchemy import select
from werkzeug.serving import make_server

from share import create_app
from share.extensions import db as database
from share.materials.models import Material, MaterialStatus
from share.storage.models import StoredFile
from share.vocabularies.models import CoreProcess
from tests.support.apps import make_test_config
from tests.support.builders import make_pdf
from tests.support.database import count
from tests.support.webclient import WebClient

COLLEAGUES = 40


@pytest.fixture
def live_app(app_config, tmp_path_factory):
    """An app on the database under test served over HTTP by a threaded server, which runs
    each request in a thread of its own: its port. Its pool holds a connection for every
    request of the burst, as gunicorn's (threads per worker) does in production."""
    config = make_test_config(app_config.SQLALCHEMY_DATABASE_URI, tmp_path_factory)
    config.SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_size": COLLEAGUES}
    app = create_app(config)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()
    thread.join(timeout=30)
    server.server_close()
    with app.app_context():
        database.engine.dispose()


def test_forty_colleagues_publishing_at_once_all_succeed(live_app, db, make_user):
    process_id = db.session.execute(select(CoreProcess.id).limit(1)).scalar_one()
    clients = []
    for _ in range(COLLEAGUES):
        user = make_user()
        client = WebClient(live_app)
        status, _, _ = client.post_form(
            "/logga-in", {"email": user.email, "password": "correct horse battery"},
            token_from="/logga-in",
        )  # fmt: skip
        assert status == 302
        clients.append(client)
    start = threading.Barrier(COLLEAGUES)
    answers: list[tuple[int, str]] = [(0, "")] * COLLEAGUES

    def publish(number: int) -> None:
        client = clients[number]
        fields = {
            "csrf_token": client.csrf_token("/material/ny"),
            "kind": "method",
            "title": f"Samtidigt delad metod {number}",
            "summary": "Delad i samma ögonblick som 39 andra.",
            "core_process_ids": [str(process_id)],
            # One new tag for all: they also race to create it.
            "tags": "samtidig delning",
            "licence": "cc-by-4.0",
            "action": "publish",
        }
        # A PDF: its text is read by a child process while the upload's transaction is open.
        pdf = make_pdf([f"Lektionsplan nummer {number}"])
        files = {"files": (f"plan-{number}.pdf", pdf)}
        start.wait(timeout=120)
        status, headers, text = client.post_multipart("/material/ny", fields, files)
        answers[number] = (status, headers.get("Location") or text[-2000:])

    threads = [threading.Thread(target=publish, args=(n,)) for n in range(COLLEAGUES)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    failed = [(n, answer) for n, answer in enumerate(answers) if answer[0] != 302]
    assert not failed, failed
    db.session.expire_all()
    statuses = db.session.execute(select(Material.status)).scalars().all()
    assert statuses == [MaterialStatus.PUBLISHED] * COLLEAGUES
    assert count(StoredFile) == COLLEAGUES
