"""Accounts through the real forms in a real browser (register, sign out, sign in), and what
every page must do for everyone: keyboard use, the language switch, narrow screens."""

import uuid

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from share.auth.models import User
from share.extensions import db
from tests.support.mail import links, path_of

PASSWORD = "ett långt lösenord om bråk"
UNIT_LABEL = "Din enhet (förskola eller skola)"
WRONG_CREDENTIALS = "Fel e-postadress eller lösenord."


def unique_email(domain: str) -> str:
    """The server's database lives for the whole session, so every new account is unique."""
    return f"ny-{uuid.uuid4().hex[:12]}@{domain}"


def register(page, email: str, name: str = "Test Testsson", unit: str = "Björkängsskolan"):
    page.goto("/registrera")
    page.get_by_label("Namn", exact=True).fill(name)
    page.get_by_label("E-postadress i jobbet").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(PASSWORD)
    page.get_by_label(UNIT_LABEL).select_option(label=unit)
    with page.expect_navigation():
        page.get_by_role("button", name="Skapa konto").click()


def account_exists(app, email: str) -> bool:
    with app.app_context():
        return db.session.execute(select(User.id).where(User.email == email)).first() is not None


def test_register_confirm_sign_out_and_sign_in_again(
    page, live_server, mail_server, try_sign_in, axe_check
):
    email = unique_email("skola.example")
    page.goto("/registrera")
    # The unit picker groups units under their school area.
    norr = page.get_by_label(UNIT_LABEL).locator("optgroup[label='Skolområde Norr']")
    expect(norr.locator("option", has_text="Björkängsskolan")).to_have_count(1)

    register(page, email, name="Ny Lärare", unit="Björkängsskolan")

    expect(page.get_by_role("heading", level=1)).to_have_text("Kolla din e-post")
    axe_check(page)
    try_sign_in(email, PASSWORD)
    expect(page.get_by_text("Bekräfta din e-postadress först")).to_be_visible()

    (mail,) = mail_server.to(email)
    (link,) = links(mail)
    page.goto(path_of(link))
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Bekräfta min adress").click()
    expect(page.get_by_text("Din e-postadress är bekräftad.")).to_be_visible()

    try_sign_in(email, PASSWORD)
    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Dela, Ny Lärare")
    # The chosen unit decided the area.
    page.get_by_role("link", name="Mitt konto").click()
    expect(page.locator(".facts")).to_contain_text("Skolområde Norr")

    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in i Dela")
    expect(page.get_by_text("Du är utloggad.")).to_be_visible()
    expect(page.get_by_role("button", name="Logga ut", exact=True)).to_have_count(0)

    try_sign_in(email, PASSWORD)
    assert page.url == f"{live_server.url}/"
    expect(page.get_by_role("heading", level=1)).to_have_text("Välkommen till Dela, Ny Lärare")

    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut", exact=True).click()
    try_sign_in(email, "inte mitt lösenord")
    expect(page.get_by_text(WRONG_CREDENTIALS)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in i Dela")
    expect(page.get_by_role("button", name="Logga ut", exact=True)).to_have_count(0)


def test_forgot_password_and_the_account_pages_sessions(
    page, live_server, mail_server, try_sign_in, axe_check
):
    email = unique_email("kommun.example")
    register(page, email, name="Glömsk Lärare")
    page.goto(path_of(links(mail_server.to(email)[-1])[0]))
    page.get_by_role("button", name="Bekräfta min adress").click()

    page.goto("/logga-in")
    page.get_by_role("link", name="Glömt lösenord?").click()
    axe_check(page)
    page.get_by_label("E-postadress", exact=True).fill(email)
    with page.expect_navigation():
        page.get_by_role("button", name="Skicka länken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolla din e-post")

    page.goto(path_of(links(mail_server.to(email)[-1])[0]))
    axe_check(page)
    page.get_by_label("Nytt lösenord").fill("ett helt nytt lösenord")
    with page.expect_navigation():
        page.get_by_role("button", name="Spara det nya lösenordet").click()
    expect(page.get_by_text("Ditt lösenord är bytt")).to_be_visible()

    try_sign_in(email, "ett helt nytt lösenord")
    assert page.url == f"{live_server.url}/"
    page.goto("/konto")
    sessions = page.get_by_role("region", name="Här är du inloggad")
    expect(sessions).to_contain_text("den här enheten")
    expect(page.get_by_role("region", name="Misslyckade inloggningsförsök")).to_be_visible()
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Logga ut överallt").click()
    expect(page.get_by_text("Du är utloggad på alla enheter.")).to_be_visible()


def test_registration_refuses_other_email_domains(page, live_server, try_sign_in):
    email = unique_email("gmail.com")
    register(page, email)

    assert page.url.endswith("/registrera")
    expect(page.get_by_role("alert")).to_contain_text("Formuläret har fel.")
    email_field = page.get_by_label("E-postadress i jobbet")
    expect(email_field).to_have_attribute("aria-invalid", "true")
    error = page.get_by_text("Bara adresser i kommunens e-postdomäner kan registrera sig.")
    expect(error).to_be_visible()
    # The message is read out with the field it belongs to.
    expect(email_field).to_have_accessible_description(
        "Bara adresser i kommunens e-postdomäner kan registrera sig."
    )
    assert not account_exists(live_server.app, email)

    try_sign_in(email, PASSWORD)
    expect(page.get_by_text(WRONG_CREDENTIALS)).to_be_visible()


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page):
    page.goto("/logga-in")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Hoppa till innehållet")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()  # hidden off-screen until it has focus

    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()
    # The next Tab continues inside main, past the header.
    page.keyboard.press("Tab")
    expect(page.get_by_label("E-postadress", exact=True)).to_be_focused()


def test_language_switch_turns_the_interface_to_english_and_back(page):
    page.goto("/logga-in")
    expect(page.locator("html")).to_have_attribute("lang", "sv")

    with page.expect_navigation():
        page.get_by_role("button", name="In English").click()
    assert page.url.endswith("/logga-in")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Dela")
    expect(page.get_by_label("E-mail address")).to_be_visible()
    # The choice lasts for the visit.
    page.goto("/registrera")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")

    with page.expect_navigation():
        page.get_by_role("button", name="På svenska").click()
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    expect(page.get_by_role("heading", level=1)).to_have_text("Skapa ett konto")


@pytest.mark.parametrize(
    ("path", "email"),
    [
        ("/logga-in", None),
        ("/registrera", None),
        ("/", "larare@kommun.example"),
        ("/material/ny", "larare@kommun.example"),
        ("/admin/anvandare", "admin@kommun.example"),
        ("/admin/ordlistor/huvudprocesser", "admin@kommun.example"),
    ],
)
def test_pages_fit_a_320_pixel_wide_screen(page, sign_in_as, path, email):
    """WCAG 1.4.10 Reflow: nothing scrolls sideways at 320 CSS pixels."""
    page.set_viewport_size({"width": 320, "height": 640})
    if email:
        sign_in_as(email)
    response = page.goto(path)
    assert response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
