"""The rules for editing vocabularies: rename, reorder, retire, add. Never delete."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from share.changes import ChangeKind, record_change
from share.extensions import db
from share.rules import DomainError


class VocabularyError(DomainError):
    """A rule about vocabularies was broken."""


def list_terms(model, *, include_retired: bool = True) -> list:
    statement = select(model).order_by(model.position, model.id)
    if not include_retired:
        statement = statement.where(model.retired.is_(False))
    return list(db.session.execute(statement).scalars())


def slugify(text: str) -> str:
    """ASCII slug: "Svenska som andraspråk" → "svenska-som-andrasprak"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80]


def _clean(text: str | None) -> str:
    """One line, single spaces; a field the form did not send counts as empty."""
    return " ".join((text or "").split())


def _block(text: str | None) -> str:
    return (text or "").strip()


def add_term(
    model, *, name_sv: str, name_en: str, description_sv: str = "", description_en: str = ""
):
    name_sv = _clean(name_sv)
    if not name_sv:
        raise VocabularyError(_l("Enter a Swedish name."), field="name_sv")
    slug = slugify(name_sv)
    if not slug:
        raise VocabularyError(_l("The name needs at least one letter or digit."), field="name_sv")
    if db.session.execute(select(model.id).where(model.slug == slug)).first():
        raise VocabularyError(_l("The name %(name)s is already used.", name=name_sv), "name_sv")
    last = db.session.execute(select(func.max(model.position))).scalar_one() or 0
    term = model(
        slug=slug,
        name_sv=name_sv,
        name_en=_clean(name_en),
        description_sv=_block(description_sv),
        description_en=_block(description_en),
        position=last + 1,
    )
    db.session.add(term)
    db.session.flush()
    return term


def update_term(
    term, *, name_sv: str, name_en: str, description_sv: str, description_en: str
) -> None:
    """Rename a term; its slug stays, so links and search facets keep working. The
    materials that carry it follow the new name (a change is recorded)."""
    name_sv = _clean(name_sv)
    if not name_sv:
        raise VocabularyError(_l("Enter a Swedish name."), field="name_sv")
    if (term.name_sv, term.name_en) != (name_sv, _clean(name_en)):
        record_change(ChangeKind.TERM_RENAMED, term.id, scope=term.__tablename__)
    term.name_sv = name_sv
    term.name_en = _clean(name_en)
    term.description_sv = _block(description_sv)
    term.description_en = _block(description_en)


def set_retired(term, retired: bool) -> None:
    """Retired terms stay on the materials that use them but are offered for no new ones."""
    term.retired = retired


def move_term(term, direction: int) -> None:
    """Swap places with the neighbour above (-1) or below (+1); no-op at either end."""
    terms = list_terms(type(term))
    index = terms.index(term)
    other = index + direction
    if not 0 <= other < len(terms):
        return
    # Renumber all, so duplicate positions from old data cannot make a swap a no-op.
    terms[index], terms[other] = terms[other], terms[index]
    for position, each in enumerate(terms, start=1):
        each.position = position
