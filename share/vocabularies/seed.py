"""The vocabularies Dela starts with. Slugs are stable: seeds, URLs and the index use them."""

from sqlalchemy import select

from share.extensions import db
from share.vocabularies.registry import VOCABULARIES

# (slug, Swedish name, English name, Swedish description, English description)
CORE_PROCESSES = [
    (
        "sprak-och-kommunikation",
        "Språk och kommunikation",
        "Language and communication",
        "Språket i alla ämnen: att läsa, skriva, samtala och lyssna för att lära.",
        "Language in every subject: reading, writing, talking and listening in order to learn.",
    ),
    (
        "synligt-larande",
        "Utvecklad undervisning / synligt lärande",
        "Developed teaching / visible learning",
        "Beprövad erfarenhet och vetenskaplig grund; att dela och lära tillsammans.",
        "Proven experience and a research basis; sharing and learning together.",
    ),
    (
        "ikt-i-larandet",
        "IKT i lärandet",
        "ICT in learning",
        "Digital kompetens i varje barns och elevs lärande.",
        "Digital competence in every child's and pupil's learning.",
    ),
    (
        "vardegrund",
        "Värdegrund",
        "Core values",
        "Allas rätt att vara individer i ett socialt sammanhang: jämställdhet, hbtq, "
        "mångfald och tillgänglighet.",
        "Everyone's right to be an individual in a social context: gender equality, LGBTQ, "
        "diversity and accessibility.",
    ),
    (
        "sarskilt-stod-och-utmaningar",
        "Barn/elever i behov av särskilt stöd och i behov av utmaningar",
        "Children and pupils in need of special support and of challenges",
        "Varje barn och elev utvecklas så långt som möjligt.",
        "Every child and pupil develops as far as possible.",
    ),
]

SCHOOL_FORMS = [
    ("forskola", "Förskola", "Preschool"),
    ("forskoleklass", "Förskoleklass", "Preschool class"),
    ("grundskola-1-3", "Grundskola åk 1–3", "Compulsory school, years 1–3"),
    ("grundskola-4-6", "Grundskola åk 4–6", "Compulsory school, years 4–6"),
    ("grundskola-7-9", "Grundskola åk 7–9", "Compulsory school, years 7–9"),
    ("anpassad-grundskola", "Anpassad grundskola", "Adapted compulsory school"),
    ("fritidshem", "Fritidshem", "School-age educare"),
]

SUBJECTS = [
    ("svenska", "Svenska", "Swedish"),
    ("svenska-som-andrasprak", "Svenska som andraspråk", "Swedish as a second language"),
    ("matematik", "Matematik", "Mathematics"),
    ("engelska", "Engelska", "English"),
    ("moderna-sprak", "Moderna språk", "Modern languages"),
    ("modersmal", "Modersmål", "Mother tongue"),
    ("bild", "Bild", "Art"),
    ("musik", "Musik", "Music"),
    ("slojd", "Slöjd", "Crafts"),
    ("idrott-och-halsa", "Idrott och hälsa", "Physical education and health"),
    ("hem-och-konsumentkunskap", "Hem- och konsumentkunskap", "Home and consumer studies"),
    ("biologi", "Biologi", "Biology"),
    ("fysik", "Fysik", "Physics"),
    ("kemi", "Kemi", "Chemistry"),
    ("teknik", "Teknik", "Technology"),
    ("geografi", "Geografi", "Geography"),
    ("historia", "Historia", "History"),
    ("religionskunskap", "Religionskunskap", "Religious education"),
    ("samhallskunskap", "Samhällskunskap", "Civics"),
    ("teckensprak", "Teckenspråk", "Sign language"),
    (
        "amnesovergripande-forskola",
        "Ämnesövergripande (förskola)",
        "Cross-subject (preschool)",
    ),
]

#: What a variant of a material can be adapted for (share/variants).
VARIANT_TYPES = [
    (
        "extra-anpassning",
        "Extra anpassning",
        "Extra adaptations",
        "Anpassningar inom den ordinarie undervisningen, till exempel tydligare struktur, "
        "kortare steg eller mer tid.",
        "Adaptations within ordinary teaching, such as a clearer structure, shorter steps or "
        "more time.",
    ),
    (
        "sarskilt-stod",
        "Särskilt stöd",
        "Special support",
        "För elever som behöver särskilt stöd, mer omfattande än extra anpassningar.",
        "For pupils who need special support, more extensive than extra adaptations.",
    ),
    (
        "utmaning",
        "Utmaning",
        "Challenge",
        "För barn och elever som behöver större utmaningar.",
        "For children and pupils who need greater challenges.",
    ),
    (
        "svenska-som-andrasprak",
        "Svenska som andraspråk",
        "Swedish as a second language",
        "För elever som lär sig svenska: stöttat språk, ordförklaringar och förförståelse.",
        "For pupils learning Swedish: scaffolded language, word explanations and preparation.",
    ),
    (
        "bildstod",
        "Bildstöd",
        "Picture support",
        "Med bilder som stöd för ord, instruktioner och struktur.",
        "With pictures supporting words, instructions and structure.",
    ),
    (
        "npf-anpassad",
        "NPF-anpassad",
        "Adapted for NPF",
        "Anpassad för barn och elever med neuropsykiatriska funktionsnedsättningar.",
        "Adapted for children and pupils with neurodevelopmental conditions.",
    ),
    (
        "digitalt",
        "Digitalt",
        "Digital",
        "En digital version, till exempel med talsyntes, i en app eller på lärplattan.",
        "A digital version, for example with text-to-speech, in an app or on a tablet.",
    ),
]


def _seed(model, rows) -> int:
    """Insert the rows whose slug is missing; never touch terms an admin may have edited."""
    existing = set(db.session.execute(select(model.slug)).scalars())
    added = 0
    for position, row in enumerate(rows, start=1):
        slug, name_sv, name_en, *descriptions = row
        if slug in existing:
            continue
        description_sv, description_en = descriptions or ("", "")
        db.session.add(
            model(
                slug=slug,
                name_sv=name_sv,
                name_en=name_en,
                description_sv=description_sv,
                description_en=description_en,
                position=position,
            )
        )
        added += 1
    db.session.flush()
    return added


#: Vocabulary key → the terms it starts with.
STARTING_TERMS = {
    "core_process": CORE_PROCESSES,
    "school_form": SCHOOL_FORMS,
    "subject": SUBJECTS,
    "variant_type": VARIANT_TYPES,
}


def seed_vocabularies() -> dict[str, int]:
    """Add missing terms; returns how many were added per vocabulary table. Idempotent."""
    return {
        vocabulary.model.__tablename__: _seed(vocabulary.model, STARTING_TERMS[vocabulary.key])
        for vocabulary in VOCABULARIES
    }
