"""Sorts other than relevance: the index's own order for each sort, picked from by hits."""

from datetime import UTC, datetime, timedelta

from share.changes import ChangeKind, record_change
from share.materials.services import unpublish_material
from share.search.index import apply_changes
from share.search.services import clean_request, search

START = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)


def page_titles(text: str, filters: dict, sort: str, page: int, per_page: int) -> list[str]:
    result = search(clean_request(text, filters, sort, page, per_page))
    return [hit.material.title for hit in result.hits]


def all_pages(text: str, filters: dict, sort: str, per_page: int = 4) -> list[str]:
    found, page = [], 1
    while titles := page_titles(text, filters, sort, page, per_page):
        found += titles
        if len(titles) < per_page:
            break
        page += 1
    return found


def test_sorted_pages_follow_the_database_across_segments_deletions_and_filters(
    db, publish, make_user
):
    materials = []
    for batch in range(3):
        for i in range(6):
            material = publish(
                f"Lektion {batch}-{i}",
                "Vi läser tillsammans." if i % 3 else "Vi räknar.",
                subject="matematik" if i % 2 else "svenska",
            )
            # Publication times and try counts that do not follow the order of indexing.
            material.published_at = START + timedelta(minutes=(7 * i + 5 * batch) % 19, seconds=i)
            material.tried_by_count = (i + 2 * batch) % 4
            record_change(ChangeKind.MATERIAL_CHANGED, material.id)
            materials.append(material)
        db.session.commit()
        apply_changes()  # an index segment per batch
    gone = materials[4]
    unpublish_material(gone, gone.author)
    db.session.commit()
    materials.remove(gone)
    apply_changes()  # a deletion in a segment

    def expected(sort: str, keep) -> list[str]:
        kept = [m for m in materials if keep(m)]
        if sort == "newest":
            kept.sort(key=lambda m: m.published_at, reverse=True)
        else:
            kept.sort(key=lambda m: (m.tried_by_count, m.published_at), reverse=True)
        return [m.title for m in kept]

    def reads(m) -> bool:
        return "läser" in m.body

    def maths(m) -> bool:
        return m.subjects[0].slug == "matematik"

    for sort in ("newest", "most_tried"):
        assert all_pages("", {}, sort) == expected(sort, lambda m: True)
        assert all_pages("läser", {}, sort) == expected(sort, reads)
        assert all_pages("läser", {"subject": ["matematik"]}, sort) == expected(
            sort, lambda m: reads(m) and maths(m)
        )
    # A page past the last shows the last.
    last = expected("most_tried", lambda m: True)[16:]
    assert page_titles("", {}, "most_tried", 9, 4) == last
