from datetime import datetime

from sqlalchemy import DateTime, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from share.auth.models import User
from share.database import utcnow
from share.extensions import db
from share.materials.models import Material
from share.vocabularies.models import VariantType


class MaterialVariant(db.Model):
    """A material made as an adaptation of another: `variant` started as a copy of
    `original`, for what `variant_type` names. A material has at most one original and may
    be the original of many variants."""

    __tablename__ = "material_variant"

    id: Mapped[int] = mapped_column(primary_key=True)
    variant_id: Mapped[int] = mapped_column(
        ForeignKey("material.id", ondelete="CASCADE"), unique=True
    )
    original_id: Mapped[int] = mapped_column(
        ForeignKey("material.id", ondelete="CASCADE"), index=True
    )
    variant_type_id: Mapped[int] = mapped_column(ForeignKey("variant_type.id"), index=True)
    made_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    variant: Mapped[Material] = relationship(
        foreign_keys=[variant_id], back_populates="variant_origin"
    )
    original: Mapped[Material] = relationship(
        foreign_keys=[original_id], back_populates="variant_links"
    )
    variant_type: Mapped[VariantType] = relationship()
    made_by: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<MaterialVariant {self.variant_id} of {self.original_id}>"


# The material's side of its links, added here so that materials need not know of variants.
# Deleting a material for good deletes its links through these (SQLite, as Dela runs it,
# does not enforce the foreign keys' ON DELETE); the variant or original itself stays.
Material.variant_origin = relationship(
    MaterialVariant,
    foreign_keys=[MaterialVariant.variant_id],
    back_populates="variant",
    uselist=False,
    cascade="all, delete-orphan",
)
Material.variant_links = relationship(
    MaterialVariant,
    foreign_keys=[MaterialVariant.original_id],
    back_populates="original",
    order_by=MaterialVariant.id,
    cascade="all, delete-orphan",
)
