"""The bell counts what is unread; the page shows a person their own, and marks them read."""

from share.notifications.models import NotificationKind
from share.notifications.services import notify
from tests.support.accounts import PASSWORD


def test_the_bell_counts_unread_and_the_page_marks_them_read(browser, db, make_user):
    reader, actor = make_user(), make_user(name="Kalle Kollega")
    stranger = make_user()
    notify(reader, NotificationKind.TRY_REPORTED, actor=actor)
    notify(reader, NotificationKind.COMMENT_POSTED, actor=actor)
    notify(stranger, NotificationKind.COMMENT_POSTED, actor=actor, note="Hemligt för andra")
    notify(actor, NotificationKind.COMMENT_POSTED, actor=actor)  # nobody hears of their own act
    db.session.commit()

    assert browser.sign_in(reader.email, PASSWORD).status_code == 302
    start = browser.client.get("/").get_data(as_text=True)
    assert '<span class="count-badge">2<span class="visually-hidden"> olästa</span>' in start
    page = browser.client.get("/notiser").get_data(as_text=True)
    assert page.count("notification--unread") == 2
    assert "Kalle Kollega" in page and "Hemligt för andra" not in page
    again = browser.client.get("/notiser").get_data(as_text=True)
    assert "notification--unread" not in again
    assert "count-badge" not in browser.client.get("/").get_data(as_text=True)


def test_signed_out_the_page_asks_for_sign_in(client):
    response = client.get("/notiser")
    assert response.status_code == 302 and "/logga-in" in response.headers["Location"]
