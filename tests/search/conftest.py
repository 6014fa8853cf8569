import pytest

from share.auth.models import Role
from tests.support.materials import publish_material


@pytest.fixture
def publish(db, make_user):
    """Factory: publish(title, body=..., summary=..., process=..., ...) -> Material, committed;
    by a teacher of its own unless `by` says who."""
    author = make_user(role=Role.TEACHER)

    def make(title: str, body: str = "", *, by=None, **fields):
        return publish_material(by or author, title, body, **fields)

    return make


@pytest.fixture(scope="module", autouse=True, params=["whoosh", "tantivy"])
def search_backend(request, app, observer_app):
    """Every search test runs on each backend, a module's tests on one and then on the
    other: the apps make their index with it (the index folder is emptied after each test,
    so each starts a new one)."""
    for each in (app, observer_app):
        each.config["SEARCH_BACKEND"] = request.param
    yield request.param
    for each in (app, observer_app):
        each.config["SEARCH_BACKEND"] = "whoosh"
