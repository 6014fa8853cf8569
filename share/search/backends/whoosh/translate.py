"""A query (share/search/nodes.py) as Whoosh's query objects."""

from whoosh import query as whoosh
from whoosh.matching import DisjunctionMaxMatcher

from share.search import nodes


class _BestOfMatcher(DisjunctionMaxMatcher):
    """Whoosh's DisjunctionMaxMatcher (whoosh-reloaded 2.7.5) scores a document with the
    higher of its two sides' current scores even when one side stands on another
    document: a material matched by the two words apart got the score of the next one
    matched as their compound. Here a side counts only on the document it stands on."""

    def score(self):
        a, b = self.a, self.b
        if not a.is_active() or (b.is_active() and b.id() < a.id()):
            return b.score()
        if not b.is_active() or a.id() < b.id():
            return a.score()
        return max(a.score(), b.score())


class BestOf(whoosh.DisjunctionMax):
    """Any of the subqueries, scored by the best of those that match."""

    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        return self._tree_matcher(
            subs, _BestOfMatcher, searcher, context, lambda q: q.estimate_size(reader)
        )


def translated(node) -> whoosh.Query:
    if isinstance(node, nodes.Term):
        return whoosh.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, nodes.AnyOf):
        parts = [translated(part) for part in node.parts]
        if all(isinstance(part, nodes.Term) for part in node.parts):
            # Whoosh would join dozens of terms in a tree of two-way unions, stepped
            # through document by document; the preloaded form adds up their scores a
            # block at a time, a few times faster for a common word. (It cannot say which
            # term matched a document, which nothing here asks.)
            return whoosh.PreloadedOr(parts, boost=node.boost)
        return whoosh.Or(parts, boost=node.boost)
    if isinstance(node, nodes.AllOf):
        return whoosh.And([translated(part) for part in node.parts], boost=node.boost)
    if isinstance(node, nodes.BestOf):
        return BestOf([translated(part) for part in node.parts])
    if isinstance(node, nodes.AndMaybe):
        return whoosh.AndMaybe(translated(node.required), translated(node.optional))
    if isinstance(node, nodes.Everything):
        return whoosh.Every()
    raise TypeError(f"not a query node: {node!r}")
