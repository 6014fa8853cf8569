"""The rules for editing vocabularies: rename, reorder, retire, add. Never delete.

Every edit is an administrator's act, written to the audit log with its `actor`; the
object type there is the term's table ("subject", "core_process", …)."""

import re
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from share.audit import record_audit
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


def _audit(actor, action: str, term, label: str | None = None) -> None:
    record_audit(actor, action, term.__tablename__, term.id, label=label or term.name_sv)


def add_term(
    model,
    *,
    name_sv: str,
    name_en: str,
    description_sv: str = "",
    description_en: str = "",
    actor,
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
    _audit(actor, "term.added", term)
    return term


def update_term(
    term, *, name_sv: str, name_en: str, description_sv: str, description_en: str, actor
) -> None:
    """Rename a term; its slug stays, so links and search facets keep working. The
    materials that carry it follow the new name (a change is recorded)."""
    name_sv = _clean(name_sv)
    if not name_sv:
        raise VocabularyError(_l("Enter a Swedish name."), field="name_sv")
    before = (term.name_sv, term.name_en, term.description_sv, term.description_en)
    old_name = term.name_sv
    renamed = (term.name_sv, term.name_en) != (name_sv, _clean(name_en))
    if renamed:
        record_change(ChangeKind.TERM_RENAMED, term.id, scope=term.__tablename__)
    term.name_sv = name_sv
    term.name_en = _clean(name_en)
    term.description_sv = _block(description_sv)
    term.description_en = _block(description_en)
    if renamed:
        label = name_sv if old_name == name_sv else f"{old_name} → {name_sv}"
        _audit(actor, "term.renamed", term, label)
    elif before != (term.name_sv, term.name_en, term.description_sv, term.description_en):
        _audit(actor, "term.described", term)


def set_retired(term, retired: bool, *, actor) -> None:
    """Retired terms stay on the materials that use them but are offered for no new ones."""
    if term.retired == retired:
        return
    term.retired = retired
    _audit(actor, "term.retired" if retired else "term.reopened", term)


def move_term(term, direction: int, *, actor) -> None:
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
    _audit(actor, "term.moved", term)
