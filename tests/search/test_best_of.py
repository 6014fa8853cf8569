"""Two typed words that make a compound: each material is scored by the better of its own
matches, whatever order the index holds the materials in."""

import pytest
from whoosh.filedb.filestore import RamStorage

from share.search.backends.whoosh.schema import schema
from share.search.backends.whoosh.scoring import LiveBM25F
from share.search.backends.whoosh.searching import Opened
from share.search.backends.whoosh.translate import translated
from share.search.query import build_query

APART = ("apart", "Läs och skriv", "Förståelse för bokstäver.")
JOINED = ("joined", "Läsförståelse i åk 4", "Strategier för texter.")


@pytest.mark.parametrize(
    "order", [(APART, JOINED), (JOINED, APART)], ids=["apart first", "joined first"]
)
def test_each_material_gets_its_own_score(db, order):
    index = RamStorage().create_index(schema())
    writer = index.writer()
    for key, title, body in order:
        spelling = " ".join(f"{title} {body}".lower().replace(".", "").split())
        writer.add_document(id=key, title=title, text=body, spelling=spelling)
    writer.commit()
    with index.searcher(weighting=LiveBM25F()) as searcher:
        query = translated(build_query("läs förståelse", Opened(searcher)))
        scores = {hit["id"]: hit.score for hit in searcher.search(query, limit=10)}
    assert scores["joined"] > scores["apart"] * 1.5
