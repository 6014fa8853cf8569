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
