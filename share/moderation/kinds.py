"""The kinds of things colleagues can report, and what moderation needs to know of each.

A report (share/moderation/models.py `Flag`) names its thing by a kind's `key` and an id.
Everything else moderation does — who may report it, which material and so which area it
belongs to, whom to tell, how to hide and show it — it asks the kind registered here, so
a new kind of thing is one more `register(...)` call and nothing else. A thing with a
`hidden` boolean, a writer and a `material` relationship and a function that hides or
shows it (try reports, comments, feedback) is one call to `hideable_kind`. Feedback is
private to its writer and the material's author, so its kind says who may see it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from share.audit import record_audit
from share.auth.models import User
from share.extensions import db
from share.feedback.comments import set_comment_hidden
from share.feedback.models import Comment, Feedback
from share.feedback.services import may_read_feedback, set_feedback_hidden
from share.materials import services as material_services
from share.materials.models import Material, MaterialStatus
from share.materials.permissions import can_moderate, can_view
from share.tries.models import TryReport
from share.tries.services import set_report_hidden

#: Characters of a thing's text the queue quotes.
QUOTE_CHARS = 300


@dataclass(frozen=True)
class ReportableKind:
    """One kind of reportable thing. Every function takes the thing as loaded by `load`."""

    #: Stored in the report and used in addresses ("material", "try_report").
    key: str
    model: type
    #: What one of them is called ("Try report").
    title: Any
    load: Callable[[int], Any]
    material_of: Callable[[Any], Material]
    #: Who wrote it: told when a moderator hides or restores it; never reports it.
    writer_of: Callable[[Any], User | None]
    #: A short name for the queue and the audit log ("Anna Lindqvist – Exit tickets").
    label_of: Callable[[Any], str]
    #: What was written, for the moderator to read (cut to QUOTE_CHARS).
    quote_of: Callable[[Any], str]
    is_hidden: Callable[[Any], bool]
    #: `set_hidden(thing, moderator, hidden, note)`: hide or show it and write the act's one
    #: audit entry. The moderation service has checked the moderator's rights before.
    set_hidden: Callable[[Any, User, bool, str], None]
    #: Where on its material's page it is (an element id), or "" for the top.
    anchor_of: Callable[[Any], str]
    #: Whether the user may see it where colleagues see it (may know that it exists).
    visible_to: Callable[[Any, User], bool]


_KINDS: dict[str, ReportableKind] = {}


def register(kind: ReportableKind) -> ReportableKind:
    if kind.key in _KINDS:
        raise ValueError(f"A reportable kind {kind.key!r} is registered already")
    _KINDS[kind.key] = kind
    return kind


def kind_by_key(key: str) -> ReportableKind | None:
    return _KINDS.get(key)


def registered_kinds() -> list[ReportableKind]:
    return list(_KINDS.values())


def cut(text: str, limit: int = QUOTE_CHARS) -> str:
    """`text` on one line, cut at a word boundary to at most `limit` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0] + "…"


def _loader(model) -> Callable[[int], Any]:
    return lambda object_id: db.session.get(model, object_id)


def _by_author(thing) -> User | None:
    return thing.author


def hideable_kind(
    key: str,
    model,
    *,
    title,
    set_hidden: Callable[[Any, bool], None],
    quote: Callable[[Any], str],
    anchor: Callable[[Any], str],
    writer: Callable[[Any], User | None] = _by_author,
    visible_to: Callable[[Any, User], bool] | None = None,
) -> ReportableKind:
    """A kind for things with `hidden` and `material` and a writer (`writer(thing)`, its
    `author` unless said), hidden and shown by `set_hidden(thing, hidden)`; the act is
    written to the audit log as `<key>.hidden` or `<key>.shown`. Unless `visible_to` says
    otherwise, a hidden thing is seen by its writer only, on a material the user may see."""

    def shown_on_material_page(thing, user: User) -> bool:
        written_by = writer(thing)
        own = written_by is not None and written_by.id == user.id
        return can_view(user, thing.material) and (not thing.hidden or own)

    def label(thing) -> str:
        written_by = writer(thing)
        return cut(f"{written_by.name if written_by else '–'} – {thing.material.title}", 200)

    def hide_or_show(thing, moderator: User, hidden: bool, note: str) -> None:
        set_hidden(thing, hidden)
        action = f"{key}.hidden" if hidden else f"{key}.shown"
        record_audit(moderator, action, key, thing.id, label=label(thing), reason=note)

    return ReportableKind(
        key=key,
        model=model,
        title=title,
        load=_loader(model),
        material_of=lambda thing: thing.material,
        writer_of=writer,
        label_of=label,
        quote_of=lambda thing: cut(quote(thing)),
        is_hidden=lambda thing: bool(thing.hidden),
        set_hidden=hide_or_show,
        anchor_of=anchor,
        visible_to=visible_to or shown_on_material_page,
    )


# --- the kinds -----------------------------------------------------------------------------


def _material_visible_to(material: Material, user: User) -> bool:
    """Published materials, and hidden ones to those who still see them; drafts and
    removed materials are nothing to report."""
    live = material.status in (MaterialStatus.PUBLISHED, MaterialStatus.HIDDEN)
    return live and can_view(user, material)


def _hide_material(material: Material, moderator: User, hidden: bool, note: str) -> None:
    # set_hidden checks the moderator's rights itself and writes the audit entry.
    material_services.set_hidden(material, moderator, hidden, reason=note)


MATERIAL = register(
    ReportableKind(
        key="material",
        model=Material,
        title=_l("Material"),
        load=_loader(Material),
        material_of=lambda material: material,
        writer_of=lambda material: material.author,
        label_of=lambda material: cut(material.title, 200),
        quote_of=lambda material: cut(material.summary),
        is_hidden=lambda material: material.status == MaterialStatus.HIDDEN,
        set_hidden=_hide_material,
        anchor_of=lambda material: "",
        visible_to=_material_visible_to,
    )
)


def _try_report_text(report: TryReport) -> str:
    parts = [report.group_description, report.adaptations, report.reflection]
    return " · ".join(part for part in parts if part)


TRY_REPORT = register(
    hideable_kind(
        "try_report",
        TryReport,
        title=_l("Try report"),
        set_hidden=set_report_hidden,
        quote=_try_report_text,
        anchor=lambda report: f"provat-{report.id}",
    )
)


COMMENT = register(
    hideable_kind(
        "comment",
        Comment,
        title=_l("Comment"),
        set_hidden=set_comment_hidden,
        quote=lambda comment: comment.text,
        anchor=lambda comment: f"kommentar-{comment.id}",
        writer=lambda comment: comment.writer,
        visible_to=lambda comment, user: (
            not comment.deleted
            and can_view(user, comment.material)
            and (not comment.hidden or comment.writer_id == user.id)
        ),
    )
)

FEEDBACK = register(
    hideable_kind(
        "feedback",
        Feedback,
        title=_l("Feedback"),
        set_hidden=set_feedback_hidden,
        quote=lambda feedback: feedback.text,
        anchor=lambda feedback: f"aterkoppling-{feedback.id}",
        writer=lambda feedback: feedback.writer,
        # Private to its writer and the material's author: only they know it exists.
        visible_to=lambda feedback, user: (
            can_view(user, feedback.material) and may_read_feedback(user, feedback)
        ),
    )
)


def may_moderate(user: User, material: Material) -> bool:
    """Moderate what is on `material`: its area's editors and admins (the material rule)."""
    return can_moderate(user, material)
