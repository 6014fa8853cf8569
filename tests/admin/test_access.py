import pytest

from share.auth.models import Role

ADMIN_PAGES = [
    "/admin/",
    "/admin/anvandare",
    "/admin/omraden",
    "/admin/enheter",
    "/admin/ordlistor/huvudprocesser",
    "/admin/ordlistor/skolformer",
    "/admin/ordlistor/amnen",
    "/admin/borttaget",
    "/admin/synonymer",
]


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_signed_out_visitors_are_sent_to_sign_in(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/logga-in")


@pytest.mark.parametrize("role", [Role.TEACHER, Role.EDITOR])
def test_teachers_and_editors_get_403(browser, signed_in, role):
    signed_in(role=role)
    for path in ADMIN_PAGES:
        response = browser.client.get(path)
        assert response.status_code == 403
        assert "Du har inte behörighet" in response.get_data(as_text=True)


def test_teacher_cannot_post_admin_actions(browser, signed_in, make_user, db):
    signed_in()
    victim = make_user()
    response = browser.post(f"/admin/anvandare/{victim.id}/roll", {"role": "admin"}, token_from="/")
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(type(victim), victim.id).role == Role.TEACHER


def test_admin_sees_every_admin_page(browser, signed_in):
    signed_in(role=Role.ADMIN)
    for path in ADMIN_PAGES:
        assert browser.client.get(path).status_code == 200, path


def test_unknown_vocabulary_is_404(browser, signed_in):
    signed_in(role=Role.ADMIN)
    assert browser.client.get("/admin/ordlistor/hemligt").status_code == 404
