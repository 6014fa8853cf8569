"""Swedish first, English on request: the locale choice and template helpers."""

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


def lazy_number(number: int) -> LazyString:
    """`number` as the language of the page it ends up on writes it ("5 000", "5,000"), for
    messages made before that language is known (`lazy_gettext`, errors, form texts)."""
    return LazyString(format_number, number)


def init_app(app: Flask) -> None:
    @app.context_processor
    def language_helpers():
        return {
            "current_language": current_language,
            "term_name": lambda term: term.name_in(current_language()),
            "term_description": lambda term: term.description_in(current_language()),
        }
