import pytest

from share.auth.models import Role, User
from share.auth.services import AccountError, set_user_role
from tests.support.client import Browser
from tests.support.database import waited_for_this_transaction


def role_of(db, user) -> Role:
    db.session.expire_all()
    return db.session.get(User, user.id).role


def is_active(db, user) -> bool:
    db.session.expire_all()
    return db.session.get(User, user.id).active


def test_admin_lists_and_searches_users(browser, signed_in, make_user):
    signed_in(role=Role.ADMIN)
    make_user(name="Åsa Björk", email="asa@kommun.example")
    make_user(name="Bo Ek", email="bo@kommun.example")
    html = browser.client.get("/admin/anvandare?q=asa@").get_data(as_text=True)
    assert "Åsa Björk" in html
    assert "Bo Ek" not in html
    assert browser.client.get("/admin/anvandare?q=%25_%5C&page=-3").status_code == 200


def test_admin_changes_a_role(browser, signed_in, make_user, db):
    signed_in(role=Role.ADMIN)
    teacher = make_user()
    response = browser.post(f"/admin/anvandare/{teacher.id}/roll", {"role": "editor"})
    assert response.status_code == 302
    assert role_of(db, teacher) == Role.EDITOR


def test_unknown_role_changes_nothing(browser, signed_in, make_user, db):
    signed_in(role=Role.ADMIN)
    teacher = make_user()
    response = browser.post(
        f"/admin/anvandare/{teacher.id}/roll", {"role": "superuser"}, follow_redirects=True
    )
    assert "Välj en roll i listan." in response.get_data(as_text=True)
    assert role_of(db, teacher) == Role.TEACHER


def test_admin_cannot_change_own_role_or_deactivate_self(browser, signed_in, db):
    admin = signed_in(role=Role.ADMIN)
    response = browser.post(
        f"/admin/anvandare/{admin.id}/roll", {"role": "teacher"}, follow_redirects=True
    )
    assert "Du kan inte ändra din egen roll." in response.get_data(as_text=True)
    response = browser.post(
        f"/admin/anvandare/{admin.id}/aktiv", {"active": "0"}, follow_redirects=True
    )
    assert "Du kan inte inaktivera ditt eget konto." in response.get_data(as_text=True)
    assert role_of(db, admin) == Role.ADMIN
    assert is_active(db, admin)


def test_deactivate_and_activate(browser, signed_in, make_user, db, app):
    signed_in(role=Role.ADMIN)
    teacher = make_user()
    teacher_browser = Browser(app.test_client())
    teacher_browser.sign_in(teacher.email)
    browser.post(f"/admin/anvandare/{teacher.id}/aktiv", {"active": "0"})
    assert not is_active(db, teacher)
    assert teacher_browser.client.get("/konto").status_code == 302  # signed out at once
    browser.post(f"/admin/anvandare/{teacher.id}/aktiv", {"active": "1"})
    assert is_active(db, teacher)
    assert teacher_browser.sign_in(teacher.email).status_code == 302


def test_bad_active_value_is_400(browser, signed_in, make_user, db):
    signed_in(role=Role.ADMIN)
    teacher = make_user()
    response = browser.post(f"/admin/anvandare/{teacher.id}/aktiv", {"active": "maybe"})
    assert response.status_code == 400
    assert is_active(db, teacher)


def test_missing_user_is_404(browser, signed_in):
    signed_in(role=Role.ADMIN)
    assert browser.post("/admin/anvandare/999999/aktiv", {"active": "0"}).status_code == 404


def test_admin_post_without_csrf_token_changes_nothing(browser, signed_in, make_user, db):
    signed_in(role=Role.ADMIN)
    teacher = make_user()
    response = browser.client.post(f"/admin/anvandare/{teacher.id}/roll", data={"role": "admin"})
    assert response.status_code == 400
    assert role_of(db, teacher) == Role.TEACHER


def test_last_admin_is_protected(db, make_user):
    from share.auth.services import AccountError, set_user_active, set_user_role

    only_admin = make_user(role=Role.ADMIN)
    other_admin = make_user(role=Role.ADMIN)
    set_user_active(only_admin, other_admin, False)
    db.session.commit()
    # Someone else (e.g. a script acting as an editor) tries to remove the last admin.
    editor = make_user(role=Role.EDITOR)
    for change in (
        lambda: set_user_role(editor, only_admin, Role.TEACHER),
        lambda: set_user_active(editor, only_admin, False),
    ):
        try:
            change()
        except AccountError:
            pass
        else:
            raise AssertionError("the last admin was removed")


def test_two_admins_demoting_each_other_at_once_leave_one_admin(app, db, make_user):
    """The second demotion waits for the first one's transaction, then counts again."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer in at a time; the row lock is for PostgreSQL")
    first = make_user(role=Role.ADMIN)
    second = make_user(role=Role.ADMIN)
    set_user_role(first, second, Role.TEACHER)  # not committed yet
    outcome = []

    def the_other_request() -> None:
        with app.app_context():  # its own session and connection
            try:
                set_user_role(
                    db.session.get(User, second.id), db.session.get(User, first.id), Role.TEACHER
                )
                db.session.commit()
                outcome.append("demoted")
            except AccountError:
                db.session.rollback()
                outcome.append("refused")

    waited = waited_for_this_transaction(the_other_request)
    assert waited, "the second demotion did not wait for the first"
    assert outcome == ["refused"]
    assert role_of(db, first) == Role.ADMIN
