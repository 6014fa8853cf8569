"""Swedish first, English on request: the locale choice and template helpers."""

from babel.units import format_unit
from flask import Flask, current_app, has_request_context, session
from flask_babel import LazyString, format_number, get_locale


def select_locale() -> str:
    """The language the visitor chose with the switch, else Swedish (the site's default)."""
    chosen = session.get("language") if has_request_context() else None
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return get_locale().language


#: Decimal units, as file managers and Jinja's own filesizeformat count them.
_SIZE_UNITS = ("digital-kilobyte", "digital-megabyte", "digital-gigabyte", "digital-terabyte")


def format_size(size: int) -> str:
    """A file size in the page's language: "90 byte", "60,8 kB" in Swedish; "90 bytes",
    "60.8 kB" in English. Decimal units, for files and storage quotas alike."""
    locale = get_locale()
    if size < 1000:
        return format_unit(size, "digital-byte", length="long", locale=locale)
    value, unit = size / 1000, 0
    # Rounded, as it is written: 999,96 kB is "1 MB", not "1 000 kB".
    while round(value, 1) >= 1000 and unit < len(_SIZE_UNITS) - 1:
        value /= 1000
        unit += 1
    return format_unit(value, _SIZE_UNITS[unit], length="short", format="#,##0.#", locale=locale)


def lazy_number(number: int) -> LazyString:
    """`number` as the language of the page it ends up on writes it ("5 000", "5,000"), for
    messages made before that language is known (`lazy_gettext`, errors, form texts)."""
    return LazyString(format_number, number)


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_helpers():
        return {
            "current_language": current_language,
            "format_size": format_size,
            "term_name": lambda term: term.name_in(current_language()),
            "term_description": lambda term: term.description_in(current_language()),
        }
