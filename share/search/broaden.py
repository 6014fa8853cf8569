"""Ways out of a search that found nothing: each filter dropped, or every area searched,
with the number of hits each would give."""

from dataclasses import dataclass, field

from share.search.index import searcher
from share.search.once import one_search
from share.search.query import build_query
from share.search.services import SearchRequest


@dataclass
class Broadening:
    #: (facet, value, hits without that value), for each filter the searcher chose.
    without_filter: list[tuple[str, str, int]] = field(default_factory=list)
    #: Hits in every area, when "only my area" is on; None when it is off.
    all_areas: int | None = None


def broaden(request: SearchRequest) -> Broadening:
    """How many hits `request` would give with each of its filters dropped in turn, and
    with "only my area" off. The own area of "only my area" is offered as `all_areas`, not
    as a filter of its own."""
    with one_search(), searcher() as opened:
        opened.prepare(lambda: build_query(request.text, opened))
        query = build_query(request.text, opened)

        def total(filters: dict[str, list[str]]) -> int:
            return opened.total(query, filters)

        found = Broadening()
        for name, values in request.filters.items():
            if name == "area" and request.only_my_area:
                continue
            for value in values:
                others = [v for v in values if v != value]
                filters = {n: v for n, v in request.filters.items() if n != name}
                if others:
                    filters[name] = others
                found.without_filter.append((name, value, total(filters)))
        if request.only_my_area:
            found.all_areas = total({n: v for n, v in request.filters.items() if n != "area"})
    return found
