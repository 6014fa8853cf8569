"""`?next=` handling: only ever a path inside this site."""

from urllib.parse import urlsplit


def safe_next_url(target: str | None) -> str | None:
    """`target` if it is a local path such as "/admin?x=1", else None.

    Refuses absolute and scheme-relative URLs ("//evil.example"), backslash tricks
    ("/\\evil.example", which browsers read as "//"), and control characters.
    """
    if not target or len(target) > 2000:
        return None
    if any(ord(char) < 32 or char == "\\" for char in target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
