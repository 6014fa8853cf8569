from sqlalchemy import select

from share.auth.models import Role, User
from tests.support.database import count


def test_create_user_with_password_option(runner, unit, db):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "Rektor@Kommun.example",
            "--name",
            "Erik",
            "--role",
            "editor",
            "--unit",
            "Testskolan",
            "--password",
            "en lång fras om ekar",
        ]  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    user = db.session.execute(select(User)).scalar_one()
    assert (user.email, user.role, user.unit_id) == ("rektor@kommun.example", Role.EDITOR, unit.id)
    assert user.email_confirmed_at is not None  # the CLI vouches for the address


def test_create_admin_with_prompted_password(runner, db):
    result = runner.invoke(
        args=[
            "create-user",
            "--email",
            "admin@kommun.example",
            "--name",
            "Maria",
            "--role",
            "admin",
        ],
        input="en lång fras om ekar\nen lång fras om ekar\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.execute(select(User.role)).scalar_one() == Role.ADMIN


def test_create_user_refuses_bad_input(runner, make_user, db):
    make_user(email="anna@kommun.example")
    cases = [
        ["--email", "anna@kommun.example", "--name", "A", "--unit", "Testskolan"],
        ["--email", "ny@kommun.example", "--name", "A", "--unit", "Finns inte"],
        ["--email", "ny@kommun.example", "--name", "A"],  # a teacher needs a unit
        ["--email", "ny@kommun.example", "--name", "A", "--role", "emperor"],
    ]
    for case in cases:
        result = runner.invoke(args=["create-user", *case, "--password", "en lång fras om ekar"])
        assert result.exit_code != 0, case
        assert "Traceback" not in result.output
    weak = runner.invoke(
        args=[
            "create-user",
            "--email",
            "ny@kommun.example",
            "--name",
            "A",
            "--unit",
            "Testskolan",
            "--password",
            "password1",
        ]  # fmt: skip
    )
    assert weak.exit_code != 0
    assert "vanligaste" in weak.output
    assert count(User) == 1
