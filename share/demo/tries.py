"""Demo try reports, so the demo shows every step of the evidence ladder: tried, proven
and research-based materials, with reports from colleagues across the areas."""

from datetime import date

from sqlalchemy import select

from share.auth.models import User
from share.demo.keys import demo_material
from share.extensions import db
from share.tries.models import Basis, Outcome
from share.tries.services import ReportDraft, confirm_research_basis, own_report, save_report
from share.vocabularies.models import SchoolForm

# Reporters in different units and areas (share/demo/accounts.py and materials.py).
REPORTERS = [
    "ahmed.hassan@kommun.example",  # Sjöviksskolan, Söder
    "peter.holm@kommun.example",  # Östra skolan, Öster
    "johan.nilsson@kommun.example",  # Västerslättsskolan, Väster
    "emma.sundberg@kommun.example",  # Norrbackaskolan, Norr
    "larare@kommun.example",  # Björkängsskolan, Norr
    "lena.bergstrom@kommun.example",  # Förskolan Myrstacken, Söder
]
W, P, N = Outcome.WELL, Outcome.PARTLY, Outcome.NOT

# (title, outcomes of the reports in REPORTERS order, the author skipped; whether the
# research basis gets confirmed)
PLAN = [
    ("Lässtrategier med läsfigurerna – reciprok undervisning i åk 4", (W, W, P, W), True),
    ("Exit tickets – tre frågor innan eleverna går", (W, P, W, N, W), False),
    ("EPA på hela skolan – enskilt, par, alla", (W, W, P), False),
    ("Bildschema för dagen – tydlig struktur i klassrummet och på fritids", (W, N), False),
    ("Bråkräkning med pappersremsor", (P,), False),
    ("Cirkelmodellen i geografi – från vardagsspråk till ämnesspråk", (W,), False),
]

GROUPS = ["åk 4, 24 elever", "åk 6, halvklass", "åk 5, 26 elever", "SvA-grupp åk 3–4"]
ADAPTATIONS = [
    "Bildstöd till varje steg och kortare arbetspass.",
    "Eleverna arbetade i par i stället för i grupper om fyra.",
    "Vi gjorde det muntligt först och skriftligt veckan efter.",
    "",
]
REFLECTIONS = [
    "Eleverna kom snabbt in i arbetssättet och pratade mer ämnesspråk än vanligt.",
    "Fungerade bäst med de elever som behöver struktur; några ville ha fler utmaningar.",
    "Tog längre tid än jag trodde första gången, men andra veckan flöt det på.",
    "Jag såg tydligt i elevarbetena vad de förstått och vad jag behövde ta om.",
]


def seed_demo_tries(editor_email: str = "rektor@kommun.example") -> int:
    """Add the demo reports that are missing; returns how many were added. Flushes only."""
    users = {
        user.email: user
        for user in db.session.execute(select(User).where(User.email.in_(REPORTERS))).scalars()
    }
    form = db.session.execute(
        select(SchoolForm).where(SchoolForm.slug == "grundskola-4-6")
    ).scalar_one()
    editor = db.session.execute(select(User).where(User.email == editor_email)).scalar_one()
    today, added = date.today(), 0
    for title, outcomes, confirm in PLAN:
        material = demo_material(title)
        if material is None:
            continue
        reporters = [users[e] for e in REPORTERS if e in users and users[e] != material.author]
        for number, (reporter, outcome) in enumerate(zip(reporters, outcomes, strict=False)):
            if own_report(reporter, material) is not None:
                continue
            months_ago = 1 + number
            year, month = today.year, today.month - months_ago
            while month < 1:
                year, month = year - 1, month + 12
            save_report(
                material,
                reporter,
                ReportDraft(
                    school_form_id=form.id,
                    group_description=GROUPS[number % len(GROUPS)],
                    tried_year=year,
                    tried_month=month,
                    outcome=outcome,
                    bases=[Basis.OBSERVATION, list(Basis)[1 + number % 3]],
                    adaptations=ADAPTATIONS[number % len(ADAPTATIONS)],
                    reflection=REFLECTIONS[number % len(REFLECTIONS)],
                ),
            )
            added += 1
        if confirm and material.research_confirmed_at is None and editor != material.author:
            confirm_research_basis(material, editor)
    db.session.flush()
    return added
