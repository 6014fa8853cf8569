"""Pages of lists and search results: one page size, one bound, one way to read `?page=`."""

from dataclasses import dataclass

from flask import request

#: Materials on one page of a list or of search results.
PER_PAGE = 20
#: Further pages than this are empty anyway; the bound keeps OFFSET within the database's range.
MAX_PAGE = 10_000


def page_number(name: str = "page") -> int:
    """The `page` (or `name`) query argument, between 1 and MAX_PAGE; 1 when it is not a
    number."""
    page = request.args.get(name, 1, type=int)
    return min(max(page, 1), MAX_PAGE)


@dataclass(frozen=True)
class Page:
    """Where a page is among `pages`; what the pagination macro needs besides the items."""

    page: int
    pages: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1
