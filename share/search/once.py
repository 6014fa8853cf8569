"""Answers about the index that hold for the length of one search.

Where the index is a server (OpenSearch), which index is live and whether it can be read
are each a request; a search asks them at several turns (keeping up, the lag, opening the
searcher). Within `one_search()` each is asked once. Outside it, every call asks, as a
writer must: a switch made meanwhile would otherwise send its documents to the old index.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

Answer = TypeVar("Answer")

_answers: ContextVar[dict | None] = ContextVar("search_answers", default=None)


@contextmanager
def one_search() -> Iterator[None]:
    """Remember what `remembered` is asked for the block (nested blocks share it)."""
    if _answers.get() is not None:
        yield
        return
    token = _answers.set({})
    try:
        yield
    finally:
        _answers.reset(token)


def remembered(key: tuple, ask: Callable[[], Answer]) -> Answer:
    """`ask()`, or within `one_search` the answer it gave the first time for `key`. A
    question that raised is asked again next time."""
    answers = _answers.get()
    if answers is None:
        return ask()
    if key not in answers:
        answers[key] = ask()
    return answers[key]


def remember(key: tuple, answer) -> None:
    """Within `one_search`, take `answer` for `key` without asking."""
    answers = _answers.get()
    if answers is not None:
        answers[key] = answer


def forget() -> None:
    """The index was made, removed or switched: ask everything again."""
    answers = _answers.get()
    if answers is not None:
        answers.clear()
