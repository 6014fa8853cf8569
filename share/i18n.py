"""Swedish first, English on request: the locale choice and template helpers."""

from flask import Flask, current_app, has_request_context, session
from flask_babel import format_decimal, get_locale


def select_locale() -> str:
    """The language the visitor chose with the switch, else Swedish (the site's default)."""
    chosen = session.get("language") if has_request_context() else None
    if chosen in current_app.config["LANGUAGES"]:
        return chosen
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    return get_locale().language


_SIZE_UNITS = ("kB", "MB", "GB", "TB")


def format_size(size: int) -> str:
    """A number of bytes as the page's language writes it: "1,5 GB" in Swedish, "1.5 GB" in
    English. Units of 1024, as the upload limits count megabytes."""
    if size < 1024:
        return f"{format_decimal(size)}\N{NO-BREAK SPACE}B"
    value = size / 1024
    for unit in _SIZE_UNITS:
        if value < 1024 or unit == _SIZE_UNITS[-1]:
            break
        value /= 1024
    return f"{format_decimal(value, format='#,##0.#')}\N{NO-BREAK SPACE}{unit}"


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_helpers():
        return {
            "current_language": current_language,
            "format_size": format_size,
            "term_name": lambda term: term.name_in(current_language()),
            "term_description": lambda term: term.description_in(current_language()),
        }
