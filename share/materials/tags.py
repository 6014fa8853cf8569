"""Tags: free words on materials, normalised, created when first used, suggested while typing."""

from sqlalchemy import select

from share.database import insert_skipping_duplicates
from share.extensions import db
from share.materials.models import Material, MaterialStatus, Tag, material_tag

MAX_TAGS = 15
MAX_TAG_LENGTH = 40


def normalize_tag(text: str) -> str:
    return " ".join(text.replace("#", " ").split()).lower()[:MAX_TAG_LENGTH].strip()


def parse_tags(text: str) -> list[str]:
    """Comma-separated input → distinct normalised tags, in the order given."""
    tags: list[str] = []
    for part in (text or "").split(","):
        tag = normalize_tag(part)
        if tag and tag not in tags:
            tags.append(tag)
    return tags


def suggest_tags(prefix: str, limit: int = 10) -> list[str]:
    """Tags beginning with `prefix` that published materials carry: a tag only on a draft
    or a hidden material may say more than its author meant to share."""
    prefix = normalize_tag(prefix)
    if not prefix:
        return []
    statement = (
        select(Tag.name)
        .where(
            # A range, not LIKE: PostgreSQL serves LIKE 'x%' from an index only under the
            # C collation, SQLite only when LIKE is made case-sensitive. Tag names compare
            # byte by byte on both (see Tag.name), so every name that starts with the prefix
            # lies between it and it followed by the highest code point, a noncharacter.
            Tag.name >= prefix,
            Tag.name < prefix + "\U0010ffff",
            # EXISTS, not IN: SQLite without statistics would start from every published
            # tag and sort them, where the names' index gives a few in order at once.
            select(material_tag.c.tag_id)
            .join(Material, Material.id == material_tag.c.material_id)
            .where(material_tag.c.tag_id == Tag.id, Material.status == MaterialStatus.PUBLISHED)
            .exists(),
        )
        .order_by(Tag.name)
        .limit(limit)
    )
    return list(db.session.execute(statement).scalars())


def tags_named(names: list[str]) -> list[Tag]:
    """The tags named, the missing ones created. Two saves that bring the same new tag at
    once both get it: the insert skips a name another transaction has just inserted (on
    PostgreSQL it waits for that one to commit) instead of failing on the unique name."""
    if not names:
        return []
    statement = select(Tag).where(Tag.name.in_(names))
    existing = {tag.name: tag for tag in db.session.execute(statement).scalars()}
    missing = [name for name in names if name not in existing]
    if missing:
        new_rows = [{"name": name} for name in missing]
        db.session.execute(insert_skipping_duplicates(db.session, Tag.__table__), new_rows)
        existing = {tag.name: tag for tag in db.session.execute(statement).scalars()}
    return [existing[name] for name in names]
