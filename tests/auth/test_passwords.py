import pytest

from share.auth.passwords import hash_password, password_problem, verify_password


@pytest.mark.parametrize(
    "password",
    ["password123", "Lösenord123", "QWERTYUIOP", "sommar2025", "iloveyou1"],
)
def test_common_passwords_are_refused(db, password):
    assert "vanligaste" in str(password_problem(password)) or "common" in str(
        password_problem(password)
    )


def test_short_and_overlong_passwords_are_refused(db):
    assert password_problem("kort7ab") is not None
    assert password_problem("x" * 1025) is not None


def test_long_passphrases_are_welcome(db):
    assert password_problem("en lång lösenfras om björkar och bråk " * 20) is None


def test_the_email_is_not_a_password(db):
    assert password_problem("anna@kommun.example", "Anna@kommun.example") is not None


def test_hash_is_argon2id_and_verifies(db):
    hashed = hash_password("ett bra lösenord")
    assert hashed.startswith("$argon2id$")
    assert "ett bra lösenord" not in hashed
    assert verify_password(hashed, "ett bra lösenord")
    assert not verify_password(hashed, "ett annat lösenord")
    assert not verify_password("not a hash", "ett bra lösenord")
