"""The school and the accounts the database tests make."""

from share.auth.models import Role, User
from share.auth.services import create_user
from share.extensions import db
from share.schools.models import Area, Unit, UnitKind

#: The password of every account `add_user` (and so the `make_user` fixture) makes.
PASSWORD = "correct horse battery"


def add_test_school() -> Unit:
    """Testskolan in Skolområde Test, committed, for users to belong to."""
    area = Area(name="Skolområde Test")
    school = Unit(name="Testskolan", kind=UnitKind.SCHOOL, area=area)
    db.session.add_all([area, school])
    db.session.commit()
    return school


def add_user(
    unit: Unit,
    number: int,
    email: str | None = None,
    role: Role = Role.TEACHER,
    password: str = PASSWORD,
    active: bool = True,
    name: str | None = None,
) -> User:
    """User number `number` of a test (user<number>@kommun.example unless `email` is given)
    at `unit`, committed."""
    user = create_user(
        email=email or f"user{number}@kommun.example",
        name=name or f"Användare {number}",
        password=password,
        unit_id=unit.id,
        role=role,
    )
    user.active = active
    db.session.commit()
    return user
