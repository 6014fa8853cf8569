"""Demo areas, units and accounts."""

from sqlalchemy import select

from share.auth.models import Role, User
from share.auth.services import create_user
from share.extensions import db
from share.schools.models import Area, Unit, UnitKind
from share.vocabularies.seed import seed_vocabularies

DEMO_PASSWORD = "dela-demo-2026"  # noqa: S105 (printed for the demo; never used in production)

AREAS = {
    "Skolområde Norr": [
        ("Björkängsskolan", UnitKind.SCHOOL),
        ("Förskolan Solrosen", UnitKind.PRESCHOOL),
        ("Norrbackaskolan", UnitKind.SCHOOL),
    ],
    "Skolområde Söder": [
        ("Sjöviksskolan", UnitKind.SCHOOL),
        ("Förskolan Myrstacken", UnitKind.PRESCHOOL),
    ],
    "Skolområde Öster": [
        ("Östra skolan", UnitKind.SCHOOL),
        ("Förskolan Ekorren", UnitKind.PRESCHOOL),
    ],
    "Skolområde Väster": [
        ("Västerslättsskolan", UnitKind.SCHOOL),
        ("Förskolan Lärkan", UnitKind.PRESCHOOL),
    ],
}

# (e-mail, name, role, unit)
ACCOUNTS = [
    ("admin@kommun.example", "Maria Adminsson", Role.ADMIN, "Björkängsskolan"),
    ("rektor@kommun.example", "Erik Rektorsson", Role.EDITOR, "Sjöviksskolan"),
    ("larare@kommun.example", "Anna Lindqvist", Role.TEACHER, "Björkängsskolan"),
    ("forskollarare@kommun.example", "Sara Ek", Role.TEACHER, "Förskolan Ekorren"),
]


def seed_demo_accounts() -> list[tuple[str, Role]]:
    """Add what is missing of the demo data; returns the demo accounts (e-mail, role)."""
    seed_vocabularies()
    units: dict[str, Unit] = {}
    for area_name, unit_rows in AREAS.items():
        area = db.session.execute(select(Area).where(Area.name == area_name)).scalar()
        if area is None:
            area = Area(name=area_name)
            db.session.add(area)
        for unit_name, kind in unit_rows:
            unit = db.session.execute(select(Unit).where(Unit.name == unit_name)).scalar()
            if unit is None:
                unit = Unit(name=unit_name, kind=kind, area=area)
                db.session.add(unit)
            units[unit_name] = unit
    db.session.flush()
    for email, name, role, unit_name in ACCOUNTS:
        exists = db.session.execute(select(User.id).where(User.email == email)).first()
        if not exists:
            create_user(
                email=email,
                name=name,
                password=DEMO_PASSWORD,
                unit_id=units[unit_name].id,
                role=role,
            )
    return [(email, role) for email, _name, role, _unit in ACCOUNTS]
