"""Demo content is found again by its demo key, never by its title, which people edit."""

from sqlalchemy import select

from share.auth.models import User
from share.extensions import db
from share.materials.models import Material


def demo_material(key: str) -> Material | None:
    """The demo material with this key, whatever it is called now."""
    statement = select(Material).where(Material.demo_key == key)
    return db.session.execute(statement).scalar_one_or_none()


def seeded_keys(wanted: dict[str, str]) -> set[str]:
    """The keys of `wanted` (demo key → its author's e-mail) whose material is there.

    A material seeded before demo keys existed, still by that author and with the key as
    its title, is given its key now instead of getting a twin. Flushes only."""
    found = set(
        db.session.execute(select(Material.demo_key).where(Material.demo_key.in_(wanted)))
        .scalars()
        .all()
    )
    for key, email in wanted.items():
        if key in found:
            continue
        earlier = db.session.execute(
            select(Material)
            .join(Material.author)
            .where(Material.demo_key.is_(None), Material.title == key, User.email == email)
            .order_by(Material.id)
            .limit(1)
        ).scalar_one_or_none()
        if earlier is not None:
            earlier.demo_key = key
            found.add(key)
    db.session.flush()
    return found
