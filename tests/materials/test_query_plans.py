"""The queries that run on every keystroke or list page read an index, on both databases.

These run on a database of their own: on PostgreSQL one whose default collation is a
language's, as a production server's is, where LIKE 'x%' cannot use a plain index.
"""

import re
from contextlib import contextmanager

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, select, text

from share.auth.models import User
from share.browse import services as browse
from share.extensions import db
from share.materials.models import Licence, Material, MaterialKind, MaterialStatus, Tag
from share.materials.services import removed_materials
from share.materials.tags import suggest_tags
from tests.support.ci import skip_or_fail

WORDS = ["bråk", "formativ", "läsförståelse", "matematik", "svenska", "ämnesövergripande"]


@pytest.fixture
def filled_app(empty_app, empty_database):
    """Migrated, with enough rows that the planners weigh an index against a scan."""
    _url, collation = empty_database
    if db.engine.dialect.name == "postgresql" and collation is None:
        skip_or_fail("the PostgreSQL server has no collation but C to test under")
    upgrade()
    author = User(email="a@kommun.example", name="A", password_hash="x")
    tags = [Tag(name=f"{word} {number}") for word in WORDS for number in range(50)]
    for number in range(60):
        status = MaterialStatus.PUBLISHED if number % 3 else MaterialStatus.DRAFT
        db.session.add(
            Material(
                kind=MaterialKind.METHOD,
                title=f"Material {number}",
                summary="S",
                licence=Licence.CC0,
                status=status,
                author=author,
                tags=tags[number * 5 : number * 5 + 5],
            )
        )
    db.session.commit()
    if db.engine.dialect.name == "postgresql":
        db.session.execute(text("ANALYZE"))
        # With tables this small a scan is cheapest; what matters is that the index can serve.
        db.session.execute(text("SET enable_seqscan = off"))
    return empty_app


@contextmanager
def statements_sent():
    """Collects (SQL, parameters) as they go to the driver."""
    sent = []

    def collect(connection, cursor, statement, parameters, context, executemany):
        sent.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", collect)
    try:
        yield sent
    finally:
        event.remove(db.engine, "before_cursor_execute", collect)


def plan(statement: str, parameters) -> str:
    explain = "EXPLAIN QUERY PLAN " if db.engine.dialect.name == "sqlite" else "EXPLAIN "
    rows = db.session.connection().exec_driver_sql(explain + statement, parameters).all()
    return "\n".join(str(row[-1]) for row in rows)


def test_tag_suggestions_read_a_range_of_the_names_index(filled_app):
    with statements_sent() as sent:
        assert suggest_tags("Läs", limit=3) == [f"läsförståelse {n}" for n in (0, 1, 10)]
    [(statement, parameters)] = [(s, p) for s, p in sent if "FROM tag" in s]
    found = plan(statement, parameters)
    if db.engine.dialect.name == "sqlite":
        index_range = r"SEARCH tag USING (COVERING )?INDEX \w+ \(name>\? AND name<\?\)"
    else:
        index_range = r"Index (Only )?Scan using uq_tag_name on tag .*\n\s*Index Cond: .*name"
    assert re.search(index_range, found), found
    assert "TEMP B-TREE" not in found and "Sort" not in found, found


LISTS = {
    "newest published": (lambda user: browse.published(page=1), "ix_material_status_published_at"),
    "newest in an area": (
        lambda user: browse.published(page=1, area_id=1),
        "ix_material_area_id_status_published_at",
    ),
    "mine": (lambda user: browse.mine(user, page=1), "ix_material_author_id_updated_at"),
    "removed": (lambda user: removed_materials(), "ix_material_status_updated_at"),
}


@pytest.mark.parametrize("name", LISTS)
def test_a_list_page_reads_its_index_in_order(filled_app, name):
    """Read in the index's order and stop after a page: no sorting of every match."""
    list_page, index = LISTS[name]
    user = db.session.execute(select(User)).scalar_one()
    with statements_sent() as sent:
        list_page(user)
    statement, parameters = next((s, p) for s, p in sent if "ORDER BY material." in s)
    found = plan(statement, parameters)
    reads = rf"(SEARCH material USING (COVERING )?INDEX|Index Scan Backward using) {index}\b"
    assert re.search(reads, found), found
    assert "TEMP B-TREE" not in found and "Sort" not in found, found
