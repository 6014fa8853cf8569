"""The errors services raise when a rule of the domain is broken or an object is out of reach.

A view turns a `DomainError` into a message on its form; `NotFound` and `NotAllowed` pass
through to the app's error handler, which answers 404 or 403 (see share/errors.py).
"""


class DomainError(Exception):
    """`message` is shown to the user as it is; `field` names the form field it is about."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.message = message
        self.field = field


class NotFound(Exception):  # noqa: N818 (named for what the visitor gets: 404)
    """The object does not exist, or the user may not know that it does (404)."""


class NotAllowed(Exception):  # noqa: N818 (named for what the visitor gets: 403)
    """The user may see the object but not do this with it (403)."""


def require(allowed: bool) -> None:
    """:raise NotAllowed: unless `allowed`."""
    if not allowed:
        raise NotAllowed
