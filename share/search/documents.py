"""What the index holds of a material: the document built from the database, field by
field as share/search/fields.py describes them.

Only published materials are in the index, so a search can return nothing a signed-in
user may not see; results are still loaded from the database, which has the last word.
"""

import hashlib
import json
import re

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from share.extensions import db
from share.materials.markdown import markdown_to_text
from share.materials.models import Attachment, Material, MaterialStatus
from share.search.analysis import (
    fold,
    words,
)
from share.search.facets import FACETS
from share.tries.models import TryReport
from share.variants.models import MaterialVariant
from share.vocabularies.registry import MATERIAL_VOCABULARIES

#: Bump when the fields or what a document holds changes: a new version lives in its own
#: directory and is built from the database on first use, so an old index never meets a
#: new schema.
SCHEMA_VERSION = 10
#: The part of a body kept in the index for snippets. Highlighting re-reads it for every hit
#: shown, the biggest cost of a search when unbounded; the whole text is still searchable.
STORED_TEXT_CHARS = 4_000
#: Where a title divides into parts that are titles of their own.
TITLE_PARTS = re.compile(r"\s[–—-]\s|:\s")
MAX_TITLE_PARTS = 3


def _files_text(material: Material) -> str:
    return "\n".join(
        f"{attachment.display_name}: {attachment.stored_file.text or ''}"
        for attachment in material.attachments
    )


def title_phrases(title: str) -> list[str]:
    """The title as the words a query would have, and each part of it before a dash or
    colon ("Exit tickets – tre frågor …" → also "exit tickets"), each also folded."""
    parts = [title, *(p for p in TITLE_PARTS.split(title) if p.strip())][: MAX_TITLE_PARTS + 1]
    phrases = [" ".join(words(part)) for part in parts]
    return list(dict.fromkeys(p for phrase in phrases for p in (phrase, fold(phrase)) if p))


def _text_fields(material: Material) -> dict:
    """The searchable words of a material, by field. A field read from several parts holds
    them as a tuple, the same string objects wherever a part recurs: analysis splits each
    part once (share/search/analysis.py `counted`), however many fields read it."""
    files_text = _files_text(material)
    tags = " ".join(tag.name for tag in material.tags)
    body = markdown_to_text(material.body)
    research = markdown_to_text(material.research_basis)
    terms = " ".join(
        vocabulary.search_words(term)
        for vocabulary in MATERIAL_VOCABULARIES
        for term in getattr(material, vocabulary.relation)
    )
    distinct = words(material.title, material.summary, body, tags, files_text)
    return {
        "title": material.title,
        "summary": material.summary,
        "tags": tags,
        "terms": terms,
        "text": (body, tags),
        "appendix": (research, files_text),
        "folded_title": material.title,
        "folded_head": (material.summary, tags, terms),
        "folded": (body, research, files_text),
        "title_exact": ",".join(title_phrases(material.title)),
        "respelled": " ".join(f"{folded}>{w}" for w in distinct if (folded := fold(w)) != w),
        "body_excerpt": body[:STORED_TEXT_CHARS],
        "author": material.author.name,
        "backwards": " ".join(word[::-1] for word in distinct),
        "spelling": " ".join(distinct),
    }


def _facet_fields(material: Material) -> dict:
    return {facet.name: ",".join(facet.values_of(material)) for facet in FACETS}


def document(material: Material, report_text: str = "") -> dict:
    """The index document of a published material, with the digest of its content.
    `report_text` is what colleagues wrote in their visible try reports of it."""
    fields = {
        "id": str(material.id),
        **_text_fields(material),
        "reports": report_text,
        **_facet_fields(material),
        "published": material.published_at,
        "tried_by": material.tried_by_count,
    }
    return {**fields, "digest": digest(fields)}


def digest(fields: dict) -> str:
    encoded = json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def report_texts(ids) -> dict[int, str]:
    """Material id → the words of its visible try reports, for the ids given."""
    statement = (
        select(
            TryReport.material_id,
            TryReport.group_description,
            TryReport.adaptations,
            TryReport.reflection,
        )
        .where(TryReport.material_id.in_(ids), TryReport.hidden.is_(False))
        .order_by(TryReport.id)
    )
    texts: dict[int, list[str]] = {}
    for material_id, *parts in db.session.execute(statement):
        texts.setdefault(material_id, []).extend(part for part in parts if part)
    return {material_id: "\n".join(parts) for material_id, parts in texts.items()}


def documents(ids, prepare=lambda document: document) -> dict:
    """Material id → its index document, for the published materials among `ids`; with
    `prepare`, each document as `prepare` makes it, right after it is built (while its
    parts' words are still counted: share/search/analysis.py `counted`)."""
    materials = load_materials(ids)
    texts = report_texts(ids)
    return {
        material_id: prepare(document(material, texts.get(material_id, "")))
        for material_id, material in materials.items()
        if material.status == MaterialStatus.PUBLISHED
    }


def load_materials(ids) -> dict[int, Material]:
    """Material id → the material, with everything its document reads loaded."""
    statement = (
        select(Material)
        .where(Material.id.in_(ids))
        .options(
            selectinload(Material.tags),
            *(selectinload(getattr(Material, v.relation)) for v in MATERIAL_VOCABULARIES),
            selectinload(Material.attachments).selectinload(Attachment.stored_file),
            selectinload(Material.author),
            # The facet "har variant för …": the variants' states and types, for the
            # whole batch in a query each.
            selectinload(Material.variant_links).options(
                selectinload(MaterialVariant.variant), selectinload(MaterialVariant.variant_type)
            ),
        )
    )
    return {material.id: material for material in db.session.execute(statement).scalars()}
