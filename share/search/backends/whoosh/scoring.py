"""BM25F on the live documents only, so the same materials rank the same whatever the
index went through.

Whoosh keeps a replaced or unpublished document in its segment, marked deleted, until a
merge drops it, and its BM25F counts such documents in a word's document frequency, in the
number of documents and in the average field length. Two indexes with the same materials
then ranked them differently, depending on how often each had been edited. Here the three
are counted over live documents: a segment without deletions answers from its tables; in
one with deletions a word's documents are counted from its postings (which skip deleted
ones) and the deleted documents' lengths are taken off the field's total.
"""

from math import log

from whoosh.scoring import BM25F, BM25FScorer


class LiveBM25F(BM25F):
    """One per searcher: it keeps the average field lengths of that searcher's documents."""

    def __init__(self):
        super().__init__()
        self._average_lengths: dict[str, float] = {}

    def idf(self, searcher, fieldname, text):
        parent = searcher.get_parent()
        live = _live_doc_frequency(parent, fieldname, text)
        return log(max(parent.doc_count(), 1) / (live + 1)) + 1

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, BM25FScorer):
            scorer.avgfl = self._average_length(searcher.get_parent(), fieldname) or 1
        return scorer

    def _average_length(self, searcher, fieldname: str) -> float:
        if fieldname not in self._average_lengths:
            total = 0
            for reader, _ in searcher.reader().leaf_readers():
                total += reader.field_length(fieldname)
                if reader.has_deletions():
                    total -= sum(
                        reader.doc_field_length(docnum, fieldname, 0)
                        for docnum in reader.deleted_docs_set
                    )
            self._average_lengths[fieldname] = total / max(searcher.doc_count(), 1)
        return self._average_lengths[fieldname]


def _live_doc_frequency(searcher, fieldname: str, text) -> int:
    count = 0
    for reader, _ in searcher.reader().leaf_readers():
        if (fieldname, text) not in reader:
            continue
        if reader.has_deletions():
            count += sum(1 for _ in reader.postings(fieldname, text).all_ids())
        else:
            count += reader.doc_frequency(fieldname, text)
    return count
