"""Lists of published materials: newest, per vocabulary term or area, and a user's own."""

from sqlalchemy import Select, distinct, func, select
from sqlalchemy.orm import selectinload

from share.auth.models import User
from share.extensions import db
from share.materials.models import Material, MaterialStatus
from share.paging import PER_PAGE
from share.schools.models import Area
from share.vocabularies.registry import MATERIAL_VOCABULARIES, Vocabulary


def _with_cards(statement: Select) -> Select:
    """Load what a material card shows in a few queries, not one per card."""
    return statement.options(
        *(selectinload(getattr(Material, v.relation)) for v in MATERIAL_VOCABULARIES),
        selectinload(Material.attachments),
        selectinload(Material.author),
        selectinload(Material.area),
        selectinload(Material.unit),
    )


def published(
    *,
    page: int,
    per_page: int = PER_PAGE,
    vocabulary: Vocabulary | None = None,
    term=None,
    area_id: int | None = None,
):
    """A page of published materials, newest first, optionally for one term of a
    vocabulary or one area."""
    statement = select(Material).where(Material.status == MaterialStatus.PUBLISHED)
    if vocabulary is not None:
        statement = statement.where(getattr(Material, vocabulary.relation).contains(term))
    if area_id is not None:
        statement = statement.where(Material.area_id == area_id)
    statement = _with_cards(statement.order_by(Material.published_at.desc(), Material.id.desc()))
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)


def sharing_counts() -> tuple[int, int]:
    """How many materials are published, and from how many areas: counts only, which the
    front page shows to visitors who are not signed in."""
    materials, areas = db.session.execute(
        select(func.count(Material.id), func.count(distinct(Material.area_id))).where(
            Material.status == MaterialStatus.PUBLISHED
        )
    ).one()
    return materials, areas


def most_tried(limit: int) -> list[Material]:
    """Published materials most colleagues have reported trying."""
    statement = (
        select(Material)
        .where(Material.status == MaterialStatus.PUBLISHED, Material.tried_by_count > 0)
        .order_by(Material.tried_by_count.desc(), Material.published_at.desc())
        .limit(limit)
    )
    return list(db.session.execute(_with_cards(statement)).scalars())


def recently_proven(limit: int) -> list[Material]:
    """Published materials that became proven experience most recently."""
    statement = (
        select(Material)
        .where(Material.status == MaterialStatus.PUBLISHED, Material.proven_at.is_not(None))
        .order_by(Material.proven_at.desc(), Material.id.desc())
        .limit(limit)
    )
    return list(db.session.execute(_with_cards(statement)).scalars())


def mine(user: User, *, page: int):
    """The user's own materials in every state but removed, most recently changed first."""
    statement = _with_cards(
        select(Material)
        .where(Material.author_id == user.id, Material.status != MaterialStatus.REMOVED)
        .order_by(Material.updated_at.desc(), Material.id.desc())
    )
    return db.paginate(statement, page=page, per_page=PER_PAGE, error_out=False)


def open_areas() -> list[Area]:
    return list(
        db.session.execute(select(Area).where(Area.retired.is_(False)).order_by(Area.name))
        .scalars()
        .all()
    )
