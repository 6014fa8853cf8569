import uuid

from tests.browser.conftest import sign_in

NEW_PASSWORD = "ett långt lösenord om bråk"


def register(page, email: str, unit: str = "Björkängsskolan") -> None:
    page.goto("/registrera")
    page.get_by_label("Namn").fill("Test Testsson")
    page.get_by_label("E-postadress i jobbet").fill(email)
    page.get_by_label("Lösenord").fill(NEW_PASSWORD)
    page.get_by_label("Din enhet (förskola eller skola)").select_option(label=unit)
    page.get_by_role("button", name="Skapa konto").click()


def test_register_sign_out_and_sign_in_again(page):
    email = f"ny-{uuid.uuid4().hex[:8]}@kommun.example"
    register(page, email)
    page.wait_for_url("**/")
    assert "Välkommen till Dela" in page.content()
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/logga-in")
    assert page.get_by_text("Du är utloggad.").is_visible()
    sign_in(page, email, NEW_PASSWORD)
    assert page.get_by_role("heading", level=1).inner_text().startswith("Välkommen till Dela")


def test_wrong_password_is_refused(page):
    page.goto("/logga-in")
    page.get_by_label("E-postadress").fill("larare@kommun.example")
    page.get_by_label("Lösenord", exact=True).fill("inte lösenordet")
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_text("Fel e-postadress eller lösenord.").is_visible()
    assert "/logga-in" in page.url


def test_disallowed_domain_creates_no_account(page):
    email = f"ny-{uuid.uuid4().hex[:8]}@gmail.com"
    register(page, email)
    assert page.get_by_text("Bara adresser i kommunens e-postdomäner").is_visible()
    page.goto("/logga-in")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_label("Lösenord", exact=True).fill(NEW_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    assert page.get_by_text("Fel e-postadress eller lösenord.").is_visible()


def test_skip_link_is_first_and_moves_focus_to_main(page):
    page.goto("/logga-in")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Hoppa till innehållet"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_language_switch_to_english(page):
    page.goto("/logga-in")
    page.get_by_role("button", name="In English").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "Sign in to Dela"
    assert page.evaluate("document.documentElement.lang") == "en"


def test_works_at_320_pixels_wide(page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/logga-in", "/registrera"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    sign_in(page, "admin@kommun.example")
    for path in ("/", "/admin/anvandare", "/utforska", "/material/ny"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
