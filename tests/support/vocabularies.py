"""Finding the seeded vocabulary terms by slug."""

from sqlalchemy import select


def term_id(db, model, slug: str) -> int:
    """The id of the term of `model` (CoreProcess, SchoolForm, Subject) with this slug."""
    return db.session.execute(select(model.id).where(model.slug == slug)).scalar_one()


def ids(db, model, *slugs) -> list[int]:
    """The ids of the terms of `model` with these slugs (those that exist)."""
    return list(db.session.execute(select(model.id).where(model.slug.in_(slugs))).scalars())
