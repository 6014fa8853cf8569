"""Several processes publish at once; afterwards every material is found."""

import subprocess
import sys
import textwrap
from pathlib import Path

from share.search.index import apply_changes
from share.search.services import clean_request, search

PROCESSES = 4
EACH = 8

WORKER = textwrap.dedent(
    """
    import sys
    from config import TestConfig
    from share import create_app
    from share.auth.models import User
    from share.extensions import db
    from share.materials.models import Licence, MaterialKind
    from share.materials.services import MaterialDraft, create_material
    from share.search.index import apply_changes

    url, index_dir, upload_dir, backend, hosts, prefix = sys.argv[1:7]
    worker, each, author_id, process_id = sys.argv[7:]
    config = TestConfig()
    config.SQLALCHEMY_DATABASE_URI, config.INDEX_DIR, config.UPLOAD_DIR = url, index_dir, upload_dir
    config.SEARCH_BACKEND = backend
    config.OPENSEARCH_HOSTS, config.OPENSEARCH_INDEX_PREFIX = tuple(hosts.split()), prefix
    app = create_app(config)
    with app.app_context():
        author = db.session.get(User, int(author_id))
        for n in range(int(each)):
            draft = MaterialDraft(
                kind=MaterialKind.METHOD, title=f"samtidig{worker}x{n}", summary="parallell",
                licence=Licence.CC_BY, terms={"core_process": [int(process_id)]},
            )
            create_material(author, draft, publish=True)
            db.session.commit()
            apply_changes()  # as a request does after its commit; another process may hold the lock
    """
)


def test_processes_publishing_at_once_lose_nothing(app, db, make_user):
    from sqlalchemy import select

    from share.vocabularies.models import CoreProcess

    author = make_user()
    process_id = db.session.execute(select(CoreProcess.id)).scalars().first()
    root = Path(__file__).resolve().parents[2]
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "-c",
                WORKER,
                app.config["SQLALCHEMY_DATABASE_URI"],
                app.config["INDEX_DIR"],
                app.config["UPLOAD_DIR"],
                app.config["SEARCH_BACKEND"],
                " ".join(app.config["OPENSEARCH_HOSTS"]),
                app.config["OPENSEARCH_INDEX_PREFIX"],
                str(worker),
                str(EACH),
                str(author.id),
                str(process_id),
            ],
            cwd=root,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for worker in range(PROCESSES)
    ]
    for worker in workers:
        _, errors = worker.communicate(timeout=300)
        assert worker.returncode == 0, errors.decode()
    apply_changes(wait=True)
    result = search(clean_request("parallell", {}, "relevance", 1, 50))
    assert result.total == PROCESSES * EACH
    expected = {f"samtidig{w}x{n}" for w in range(PROCESSES) for n in range(EACH)}
    assert {hit.material.title for hit in result.hits} == expected
