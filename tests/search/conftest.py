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


def _use_opensearch(url: str, *configs) -> None:
    """Point the apps (and the settings copies other apps are made from) at the session's
    OpenSearch node, each keeping its own index prefix."""
    for config in configs:
        if isinstance(config, dict):
            config["OPENSEARCH_HOSTS"] = (url,)
        else:
            config.OPENSEARCH_HOSTS = (url,)


@pytest.fixture(scope="module", autouse=True, params=["whoosh", "tantivy", "opensearch"])
def search_backend(request, app, observer_app, app_config):
    """Every search test runs on each backend, a module's tests on one and then on the
    next: the apps make their index with it (the index folder, and the OpenSearch indexes,
    are emptied after each test, so each starts a new one). Without an OpenSearch node
    the opensearch runs are skipped (failed in CI)."""
    if request.param == "opensearch":
        url = request.getfixturevalue("opensearch_url")
        _use_opensearch(url, app.config, observer_app.config, app_config)
    for each in (app, observer_app):
        each.config["SEARCH_BACKEND"] = request.param
    yield request.param
    for each in (app, observer_app):
        each.config["SEARCH_BACKEND"] = "whoosh"


@pytest.fixture
def opensearch(opensearch_url, app, observer_app, app_config) -> str:
    """The session's OpenSearch node, for a test that moves an install onto it."""
    _use_opensearch(opensearch_url, app.config, observer_app.config, app_config)
    return opensearch_url
