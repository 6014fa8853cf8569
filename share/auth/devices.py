"""A person's name for a device, read from its User-Agent header (a hint, not a proof)."""

import re

# Checked in order: Edge and Opera also say Chrome, Chrome also says Safari.
_BROWSERS = [
    ("Edge", re.compile(r"\bEdg(e|A|iOS)?/")),
    ("Opera", re.compile(r"\bOPR/")),
    ("Samsung Internet", re.compile(r"\bSamsungBrowser/")),
    ("Firefox", re.compile(r"\b(Firefox|FxiOS)/")),
    ("Chrome", re.compile(r"\b(Chrome|Chromium|CriOS)/")),
    ("Safari", re.compile(r"\bSafari/")),
]
# iPhone and Android say "like Mac OS X" and "Linux" too.
_SYSTEMS = [
    ("iPhone", re.compile(r"\biPhone\b")),
    ("iPad", re.compile(r"\biPad\b")),
    ("Android", re.compile(r"\bAndroid\b")),
    ("ChromeOS", re.compile(r"\bCrOS\b")),
    ("Windows", re.compile(r"\bWindows\b")),
    ("macOS", re.compile(r"\bMac OS X\b|\bMacintosh\b")),
    ("Linux", re.compile(r"\bLinux\b")),
]


def _first(patterns, user_agent: str) -> str | None:
    return next((name for name, pattern in patterns if pattern.search(user_agent)), None)


def describe_device(user_agent: str) -> str | None:
    """E.g. "Firefox · Windows", "Safari · iPhone", "Chrome"; None when nothing is known."""
    browser = _first(_BROWSERS, user_agent)
    system = _first(_SYSTEMS, user_agent)
    if browser and system:
        return f"{browser} · {system}"
    return browser or system
