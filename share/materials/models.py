import enum
from datetime import datetime

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.auth.models import User
from share.database import enum_type, utcnow
from share.extensions import db
from share.schools.models import Area, Unit
from share.storage.models import StoredFile
from share.vocabularies.registry import MATERIAL_VOCABULARIES


class MaterialKind(enum.StrEnum):
    METHOD = "method"
    MATERIAL = "material"


class Licence(enum.StrEnum):
    CC_BY = "cc-by-4.0"
    CC_BY_SA = "cc-by-sa-4.0"
    CC_BY_NC = "cc-by-nc-4.0"
    CC0 = "cc0-1.0"
    MUNICIPALITY_ONLY = "municipality-only"

    @property
    def permits_adaptations(self) -> bool:
        """Whether others may make a changed version of the material (a variant)."""
        return self not in LICENCES_WITHOUT_ADAPTATIONS


#: The licences under which nobody but the author may change a material (a CC "ND",
#: no-derivatives, licence would be one). None of those offered today: the CC licences
#: all allow changes, and "only within the municipality" lets colleagues change it.
LICENCES_WITHOUT_ADAPTATIONS: frozenset[Licence] = frozenset()


class MaterialStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    #: Taken out of view by an editor or admin (moderation); the author still sees it.
    HIDDEN = "hidden"
    #: Soft-deleted; files stay until an admin purges.
    REMOVED = "removed"


class EvidenceLevel(enum.StrEnum):
    """How proven a material is, from colleagues' try reports (share/tries/evidence.py
    holds the rules); in rising order."""

    UNTRIED = "untried"
    TRIED = "tried"
    PROVEN = "proven"
    RESEARCH_BASED = "research-based"

    @property
    def rank(self) -> int:
        return list(EvidenceLevel).index(self)


def _link_table(name: str, target: str) -> Table:
    return Table(
        name,
        db.metadata,
        Column("material_id", ForeignKey("material.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{target}_id", ForeignKey(f"{target}.id"), primary_key=True, index=True),
    )


material_tag = _link_table("material_tag", "tag")


class Tag(db.Model):
    """A free tag, stored normalised (lowercase, single spaces) so "Bråk" and "bråk " meet."""

    __tablename__ = "tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Compared byte by byte ("C") on PostgreSQL, as SQLite's BINARY does: the prefix search
    #: is then a range that the unique index serves whatever the database's collation. The
    #: names are lowercased, so the one cost is that they sort in code point order (ä before
    #: å, both after z) rather than the locale's.
    name: Mapped[str] = mapped_column(
        String(40).with_variant(String(40, collation="C"), "postgresql"), unique=True
    )


class Material(db.Model):
    __tablename__ = "material"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[MaterialKind] = mapped_column(enum_type(MaterialKind, length=30))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(600))
    #: Markdown, rendered through a sanitizer on display.
    body: Mapped[str] = mapped_column(Text, default="")
    #: Vetenskaplig grund / referenser; mainly for methods.
    research_basis: Mapped[str] = mapped_column(Text, default="")
    licence: Mapped[Licence] = mapped_column(enum_type(Licence, length=30))
    status: Mapped[MaterialStatus] = mapped_column(
        enum_type(MaterialStatus, length=30), default=MaterialStatus.DRAFT
    )
    author_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    #: The author's unit and area when the material was first published.
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("area.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    published_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    #: Derived from the try reports in the transaction that changes them; stored so lists
    #: and search can filter and sort by it.
    evidence_level: Mapped[EvidenceLevel] = mapped_column(
        enum_type(EvidenceLevel, length=30), default=EvidenceLevel.UNTRIED
    )
    #: How many colleagues (not the author) have reported trying it: "Mest provade".
    tried_by_count: Mapped[int] = mapped_column(default=0)
    #: When it last became beprövad (or more): "Nyss beprövat". None below that level.
    proven_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    #: An editor's confirmation of the research basis; it lapses when the basis is edited.
    research_confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    research_confirmed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    #: Demo content's own key (its title as the demo code has it); None for what people
    #: share. Seeding finds its materials again by it: their titles can be edited.
    demo_key: Mapped[str | None] = mapped_column(String(200), unique=True)

    author: Mapped[User] = relationship(foreign_keys=[author_id])
    research_confirmed_by: Mapped[User | None] = relationship(
        foreign_keys=[research_confirmed_by_id]
    )
    unit: Mapped[Unit | None] = relationship()
    area: Mapped[Area | None] = relationship()
    # One relation per vocabulary (core_processes, school_forms, subjects) is added below.
    tags: Mapped[list[Tag]] = relationship(secondary=material_tag, order_by=Tag.name)
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="material", order_by="Attachment.id", cascade="all, delete-orphan"
    )
    revisions: Mapped[list["MaterialRevision"]] = relationship(
        back_populates="material",
        order_by="MaterialRevision.number",
        cascade="all, delete-orphan",
    )

    # The lists read one of these in order and stop after a page, instead of sorting every
    # match. They begin with the columns that single-column indexes had, which they replace.
    __table_args__ = (
        # Newest published, overall and per vocabulary term; search's "all published ids".
        Index("ix_material_status_published_at", "status", "published_at", "id"),
        # Newest published in one area.
        Index("ix_material_area_id_status_published_at", "area_id", "status", "published_at", "id"),
        # "Mine": every status but one, so status stays out of the way of the order.
        Index("ix_material_author_id_updated_at", "author_id", "updated_at", "id"),
        # The admin's list of removed materials.
        Index("ix_material_status_updated_at", "status", "updated_at"),
    )

    def __repr__(self) -> str:
        return f"<Material {self.id} {self.title!r}>"


for _vocabulary in MATERIAL_VOCABULARIES:
    setattr(
        Material,
        _vocabulary.relation,
        relationship(
            _vocabulary.model,
            secondary=_link_table(_vocabulary.link_table, _vocabulary.model.__tablename__),
            order_by=_vocabulary.model.position,
        ),
    )


class Attachment(db.Model):
    """One file of a material; its content lives in a StoredFile shared by equal uploads."""

    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    material_id: Mapped[int] = mapped_column(
        ForeignKey("material.id", ondelete="CASCADE"), index=True
    )
    stored_file_id: Mapped[int] = mapped_column(ForeignKey("stored_file.id"), index=True)
    #: The name the user gave, cleaned; used for display and download only.
    display_name: Mapped[str] = mapped_column(String(255))
    download_count: Mapped[int] = mapped_column(default=0)
    added_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    material: Mapped[Material] = relationship(back_populates="attachments")
    stored_file: Mapped[StoredFile] = relationship()
    added_by: Mapped[User] = relationship()


class MaterialRevision(db.Model):
    """A snapshot of a material after one save: who, when, and every field as it was."""

    __tablename__ = "material_revision"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Indexed by the unique constraint below, whose first column it is.
    material_id: Mapped[int] = mapped_column(ForeignKey("material.id", ondelete="CASCADE"))
    number: Mapped[int]
    editor_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    snapshot: Mapped[dict] = mapped_column(JSON)

    material: Mapped[Material] = relationship(back_populates="revisions")
    editor: Mapped[User] = relationship()

    __table_args__ = (UniqueConstraint("material_id", "number"),)
