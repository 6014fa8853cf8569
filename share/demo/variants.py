"""Demo variants: demo materials adapted by colleagues, so both sides of a variant and the
search facet "har variant för …" have something to show. Only for development.

Each is made the way a teacher makes one (share.variants.services.make_variant: a draft
copy of the original with its files), then rewritten and published.
"""

import textwrap
from dataclasses import dataclass, replace

from sqlalchemy import select

from share.auth.models import User
from share.demo.keys import demo_material, seeded_keys
from share.demo.materials import ANNA, EMMA
from share.extensions import db
from share.materials.models import Material, MaterialStatus
from share.materials.services import MaterialDraft, update_material
from share.variants.services import make_variant
from share.vocabularies.models import VariantType


@dataclass(frozen=True)
class DemoVariant:
    """A variant of the demo material titled `original`, by `maker`, for `variant_type` (a
    slug of share/vocabularies/seed.py)."""

    original: str
    variant_type: str
    maker: str
    title: str
    summary: str
    body: str
    extra_tags: tuple[str, ...] = ()


def _md(text: str) -> str:
    return textwrap.dedent(text).strip()


DEMO_VARIANTS: list[DemoVariant] = [
    DemoVariant(
        original="Skrivmall för faktatext om ett djur – åk 2–3",
        variant_type="bildstod",
        maker=EMMA,
        title="Skrivmall för faktatext om ett djur – med bildstöd",
        summary=(
            "Samma skrivmall, men varje stycke har en bild som visar vad det ska handla om och "
            "ordbanken har bilder till orden. För elever som behöver bildstöd för att komma "
            "igång, även i anpassad grundskola."
        ),
        body=_md("""\
            ## Vad jag ändrade
            Jag har gjort om Peters skrivmall för mina elever i anpassad grundskola. Många av
            dem läser ännu inte själva, men de kan berätta mycket om djur.

            - **En bild för varje stycke:** ett öga för *utseende*, ett hus för *var djuret
              lever*, en tallrik för *vad det äter* och en barnvagn för *ungarna*.
            - **Ordbank med bilder:** varje ord har en bild bredvid, till exempel *päls*,
              *fjädrar* och *bo*.
            - **Färre rader:** två meningar per stycke räcker. Den som vill skriva mer vänder
              på bladet.
            - **Checklistan** har en bild per fråga, så att eleven kan bocka av själv.

            ## Så använder vi den
            Vi skriver först en gemensam text om klassens eget djur på tavlan med samma
            bilder. Sedan väljer eleven ett djur, och vi tittar på bilder och film om det
            innan vi skriver.

            ## Tips
            Skriv ut bilderna i färg och laminera dem, så kan de användas som kort i
            samtalet innan eleverna skriver.
            """),
        extra_tags=("bildstöd",),
    ),
    DemoVariant(
        original="Bråkräkning med pappersremsor",
        variant_type="utmaning",
        maker=ANNA,
        title="Bråkremsor för den som vill ha mer – utmaningar i bråkräkning",
        summary=(
            "Johans bråkremsor med uppgifter för elever som snabbt blir klara: flera sätt att "
            "lägga en helhet, jämförelser utan gemensam nämnare och stambråk som i det gamla "
            "Egypten."
        ),
        body=_md("""\
            ## Varför en variant
            I min åk 5 blev några elever klara med bråkväggen på en kvart. De behövde något
            att tänka vidare på, inte fler likadana uppgifter.

            ## Uppgifterna
            1. **Alla sätt:** Hitta alla sätt att lägga en helhet med exakt tre olika sorters
               bitar. Hur vet du att du har hittat alla?
            2. **Utan att räkna:** Vilket är störst, 5/6 eller 7/8? Förklara med remsorna och
               sedan utan dem.
            3. **Stambråk:** I det gamla Egypten skrev man bråk som summor av olika stambråk,
               till exempel 3/4 = 1/2 + 1/4. Skriv 5/6 och 7/12 på samma sätt.
            4. **Gör en egen:** Hitta på en fråga om bråkväggen som en kamrat inte kan svara
               på direkt.

            ## Erfarenheter
            Eleverna fick förklara sina lösningar för klassen, och uppgift 2 gav ett av
            terminens bästa samtal om vad nämnaren betyder.
            """),
        extra_tags=("utmaning", "problemlösning"),
    ),
]


def _rewritten(variant: Material, item: DemoVariant) -> MaterialDraft:
    draft = MaterialDraft.from_material(variant)
    return replace(
        draft,
        title=item.title,
        summary=item.summary,
        body=item.body,
        tags=draft.tags + [tag for tag in item.extra_tags if tag not in draft.tags],
    )


def seed_demo_variants(accounts_by_email: dict[str, User]) -> int:
    """Make and publish the demo variants not there yet (by demo key, their title here);
    returns how many were made. One whose original is not published is left out.
    Flushes only; the caller commits."""
    seeded = seeded_keys({item.title: item.maker for item in DEMO_VARIANTS})
    made = 0
    for item in DEMO_VARIANTS:
        if item.title in seeded:
            continue
        original = demo_material(item.original)
        if original is None or original.status != MaterialStatus.PUBLISHED:
            continue
        maker = accounts_by_email[item.maker]
        variant_type = db.session.execute(
            select(VariantType).where(VariantType.slug == item.variant_type)
        ).scalar_one()
        variant = make_variant(original, maker, variant_type.id)
        update_material(variant, maker, _rewritten(variant, item), publish=True)
        variant.demo_key = item.title
        made += 1
    db.session.flush()
    return made
