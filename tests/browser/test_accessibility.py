"""axe-core finds no WCAG 2.1 A/AA violations on any page of Dela.

Each page is its own test, signed in once (as an administrator for the admin pages). Every
page is checked in Swedish, the default; a representative set also in English (the markup is
the same, so English adds the `lang` switches and longer texts, not new structure).
"""

import uuid
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from share.demo.accounts import DEMO_PASSWORD

ADMIN = "admin@kommun.example"
TEACHER = "larare@kommun.example"


def in_languages(rows, english=()):
    """Parameters for each row in Swedish, and for the rows whose path is in `english` (or
    all rows, for english=True) in English too; `language` is the last parameter."""
    params = []
    for row in rows:
        row = row if isinstance(row, tuple) else (row,)
        params.append(pytest.param(*row, "sv", id=f"sv:{row[0]}"))
        if english is True or row[0] in english:
            params.append(pytest.param(*row, "en", id=f"en:{row[0]}"))
    return params


def to_english(page):
    """Press the language switch on the page; returns the response to the page reloaded."""
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="In English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    return navigation.value


def open_page(page, path: str, language: str, status: int = 200) -> None:
    """Go to `path` (in English after pressing the switch there) and check what answered."""
    response = page.goto(path)
    if language == "en":
        response = to_english(page)
    assert urlsplit(page.url).path == path, f"{path} led to {page.url}"
    assert response.status == status, f"{path} answered {response.status}"


def submit(page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


@pytest.mark.parametrize(
    ("path", "language"),
    in_languages(["/", "/logga-in", "/registrera", "/glomt-losenord", "/kolla-din-e-post"], True),
)
def test_signed_out_pages(page, axe_check, path, language):
    open_page(page, path, language)
    axe_check(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_registration_closed_page(page, live_server, axe_check, monkeypatch, language):
    """What /registrera says where no e-mail domain may register (production's default)."""
    monkeypatch.setitem(live_server.app.config, "ALLOWED_EMAIL_DOMAINS", ())
    open_page(page, "/registrera", language)
    expect(page.locator("form[action='/registrera']")).to_have_count(0)
    if language == "en":
        expect(page.get_by_role("heading", level=1)).to_have_text("Registration is closed")
    axe_check(page)


@pytest.mark.parametrize(
    ("path", "buttons", "language"),
    in_languages(
        [
            ("/logga-in", {"sv": "Logga in", "en": "Sign in"}),
            ("/registrera", {"sv": "Skapa konto", "en": "Create account"}),
        ],
        english=True,
    ),
)
def test_signed_out_forms_with_errors_shown(page, axe_check, path, buttons, language):
    open_page(page, path, language)
    submit(page, buttons[language])
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator(".field__error").first).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize(
    ("path", "status", "language"),
    in_languages(
        [
            ("/", 200),
            ("/konto", 200),
            ("/konto/losenord", 200),  # wants a fresh sign-in, which a normal sign-in is
            ("/utforska", 200),
            ("/sok", 200),
            ("/mina-material", 200),
            ("/material/ny", 200),
            ("/huvudprocess/vardegrund", 200),
            ("/finns-inte", 404),
            ("/admin/", 403),  # a teacher at the administration
        ],
        english={"/", "/material/ny", "/sok", "/finns-inte", "/admin/"},
    ),
)
def test_teacher_pages(page, sign_in_as, axe_check, path, status, language):
    sign_in_as(TEACHER)
    open_page(page, path, language, status)
    axe_check(page)


@pytest.mark.parametrize(
    ("path", "language"),
    in_languages(
        [
            "/admin/",
            "/admin/anvandare",
            "/admin/omraden",
            "/admin/enheter",
            "/admin/borttaget",
            "/admin/synonymer",
            "/admin/ordlistor/huvudprocesser",
            "/admin/ordlistor/skolformer",
            "/admin/ordlistor/amnen",
        ],
        english={"/admin/anvandare", "/admin/ordlistor/huvudprocesser"},
    ),
)
def test_admin_pages(page, sign_in_as, axe_check, path, language):
    sign_in_as(ADMIN)
    open_page(page, path, language)
    axe_check(page)


@pytest.mark.parametrize(
    ("listing", "link", "language"),
    in_languages(
        [
            ("/admin/omraden", "Skolområde Norr"),
            ("/admin/enheter", "Björkängsskolan"),
            ("/admin/ordlistor/huvudprocesser", "Värdegrund"),
        ],
        english={"/admin/ordlistor/huvudprocesser"},
    ),
)
def test_admin_edit_pages(page, sign_in_as, axe_check, listing, link, language):
    """An area's, a unit's and a term's edit page, reached by their links in the listing."""
    sign_in_as(ADMIN)
    open_page(page, listing, language)
    with page.expect_navigation():
        page.get_by_role("main").get_by_role("link", name=link, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(link)
    axe_check(page)


@pytest.mark.parametrize(
    ("path", "email", "buttons", "language"),
    in_languages(
        [
            ("/konto/losenord", TEACHER, {"sv": "Byt lösenord", "en": "Change password"}),
            ("/konto", TEACHER, {"sv": "Spara profilen", "en": "Save profile"}),
            ("/material/ny", TEACHER, {"sv": "Publicera", "en": "Publish"}),
            ("/admin/omraden", ADMIN, {"sv": "Lägg till skolområde", "en": "Add area"}),
            ("/admin/enheter", ADMIN, {"sv": "Lägg till enhet", "en": "Add unit"}),
            ("/admin/ordlistor/amnen", ADMIN, {"sv": "Lägg till", "en": "Add"}),
        ],
        english={"/material/ny"},
    ),
)
def test_signed_in_forms_with_errors_shown(
    page, sign_in_as, axe_check, path, email, buttons, language
):
    sign_in_as(email)
    open_page(page, path, language)
    if path == "/konto":
        page.get_by_label("Namn", exact=True).fill("")
    submit(page, buttons[language])
    expect(page.get_by_role("alert")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_material_pages(page, sign_in_as, axe_check, language):
    """A material shared through the form: its page, its area's page, its edit page, its
    history and a version. Its title has a word wider than a 320 pixel screen."""
    sv = language == "sv"
    title = f"Läsförståelsestrategiundervisning {uuid.uuid4().hex[:8]}"
    sign_in_as(TEACHER)
    open_page(page, "/material/ny", language)
    page.get_by_label("Titel" if sv else "Title", exact=True).fill(title)
    page.get_by_label("Sammanfattning" if sv else "Summary", exact=True).fill("Par läser högt.")
    page.get_by_label("Beskrivning" if sv else "Description", exact=True).fill(
        "- Läs\n- Fråga\n\n**Bra** för alla, se [Skolverket](https://www.skolverket.se)."
    )
    page.get_by_label("Värdegrund" if sv else "Core values", exact=True).check()
    submit(page, "Publicera" if sv else "Publish")
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    axe_check(page)
    material_url = page.url

    with page.expect_navigation():
        page.get_by_role("link", name="Skolområde Norr").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skolområde Norr")
    axe_check(page)

    page.goto(f"{material_url}/redigera")
    expect(page.get_by_role("heading", level=1)).to_contain_text(title)
    axe_check(page)

    page.goto(f"{material_url}/historik")
    axe_check(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Version 1").click()
    axe_check(page)


def test_removed_materials_page_with_a_removed_material(page, sign_in_as, axe_check):
    """The administrator's list of removed materials, with one in it to delete for good."""
    title = f"Borttagen {uuid.uuid4().hex[:8]}"
    sign_in_as(ADMIN)
    page.goto("/material/ny")
    page.get_by_label("Titel", exact=True).fill(title)
    page.get_by_label("Sammanfattning", exact=True).fill("Ska tas bort.")
    page.get_by_label("Värdegrund", exact=True).check()
    submit(page, "Publicera")
    submit(page, "Ta bort")
    page.goto("/admin/borttaget")
    expect(page.get_by_role("button", name=f"Radera för gott {title}")).to_be_visible()
    axe_check(page)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_confirm_password_page(page, axe_check, language):
    """/konto/bekrafta: where a session that a "remember me" cookie brought back is sent
    before the password can be changed; as it opens, and with a wrong password's error."""
    sv = language == "sv"
    page.goto("/logga-in")
    page.get_by_label("E-postadress", exact=True).fill(TEACHER)
    page.get_by_label("Lösenord", exact=True).fill(DEMO_PASSWORD)
    page.get_by_label("Håll mig inloggad på den här enheten i en vecka").check()
    submit(page, "Logga in")
    # The browser was closed: the session cookie is gone, the remember cookie is not.
    page.context.clear_cookies(name="session")
    page.goto("/konto/losenord")
    if not sv:
        to_english(page)
    assert urlsplit(page.url).path == "/konto/bekrafta", page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bekräfta ditt lösenord" if sv else "Confirm your password"
    )
    axe_check(page)

    page.get_by_label("Lösenord" if sv else "Password", exact=True).fill("inte mitt lösenord")
    submit(page, "Fortsätt" if sv else "Continue")
    expect(page.locator(".field__error")).to_contain_text(
        "Lösenordet är fel." if sv else "The password is wrong."
    )
    axe_check(page)


def test_the_check_itself_finds_a_violation(page, axe_check):
    """axe really runs on these pages (the CSP lets it in): an image without alt is found."""
    page.goto("/logga-in")
    page.evaluate(
        """() => document.querySelector("main").append(
            Object.assign(document.createElement("img"), {src: "data:image/gif;base64,"
                + "R0lGODlhAQABAAAAACH5BAEKAAEALAAAAAABAAEAAAICTAEAOw=="}))"""
    )
    with pytest.raises(pytest.fail.Exception, match="image-alt"):
        axe_check(page)


@pytest.mark.parametrize(
    ("script", "problem"),
    [
        (
            """() => document.querySelector("main").append(
                Object.assign(document.createElement("h1"), {textContent: "Två"}))""",
            "2 h1 elements, not exactly one",
        ),
        ("""() => document.querySelector(".skip-link").remove()""", "no skip link"),
        (
            """() => {
                const wide = document.createElement("p");
                wide.textContent = "Bred";
                wide.style.width = "400px";
                document.querySelector("main").append(wide);
            }""",
            "px shown at a 320 px wide viewport",
        ),
        (
            """() => document.querySelector("main").append(
                Object.assign(document.createElement("h3"), {textContent: "Djup"}))""",
            "an h3 right after an h1",
        ),
    ],
    ids=["two-h1", "no-skip-link", "too-wide", "skipped-heading-level"],
)
def test_the_check_itself_finds_a_layout_problem(page, axe_check, script, problem):
    """Beyond axe: one h1, no heading level skipped, a skip link to main, nothing sideways
    at 320 pixels; the check gives the page its own viewport back."""
    page.goto("/logga-in")
    size = page.viewport_size
    axe_check(page)
    page.evaluate(script)
    with pytest.raises(pytest.fail.Exception, match=problem):
        axe_check(page)
    assert page.viewport_size == size
