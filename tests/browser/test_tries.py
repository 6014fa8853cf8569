"""'Jag har provat' in a real browser: report a try, see the evidence badge change."""

import re
import uuid

MATERIAL_PAGE = re.compile(r".*/material/\d+(#.*)?$")


def share_simple_method(page, title: str) -> None:
    page.goto("/material/ny")
    page.get_by_label("Metod").check()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Sammanfattning").fill("Fyra lässtrategier med figurer.")
    page.get_by_label("Vetenskaplig grund / referenser").fill("Palincsar & Brown (1984).")
    page.get_by_label("Språk och kommunikation").check()
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_url(MATERIAL_PAGE)


def test_report_a_try_and_see_the_badge_change(page, sign_in_as, axe_check):
    sign_in_as("larare@kommun.example")
    title = f"Läsfixarna {uuid.uuid4().hex[:6]}"
    share_simple_method(page, title)
    assert page.get_by_text("Ingen kollega har berättat att de provat ännu.").is_visible()
    assert page.locator(".badge--evidence").count() == 0
    page.get_by_role("button", name="Logga ut").click()

    sign_in_as("forskollarare@kommun.example")  # another unit in another area
    page.goto("/sok?q=" + title.split()[1])
    page.get_by_role("link", name=title).click()
    page.get_by_role("link", name="Jag har provat").click()
    axe_check(page)
    page.get_by_label("Skolform").select_option(label="Grundskola åk 4–6")
    page.get_by_label("Vilka du provade med").fill("åk 4, 24 elever")
    page.get_by_label("Månad").select_option(index=1)
    page.get_by_label("Fungerade bra").check()
    page.get_by_label("Observation").check()
    page.get_by_label("Vad du anpassade").fill("Bildstöd till varje figur.")
    page.get_by_role("button", name="Dela min rapport").click()
    page.wait_for_url(MATERIAL_PAGE)
    assert page.get_by_text("Tack! Din rapport finns nu på materialet.").is_visible()
    assert page.locator(".badge--evidence").first.inner_text() == "Provad"
    assert page.get_by_text("Provad av 1 kollega på 1 enhet i 1 skolområde").is_visible()
    assert page.get_by_text("Sara Ek, Förskolan Ekorren (Skolområde Öster)").is_visible()
    axe_check(page)

    page.get_by_role("link", name="Om nivåerna").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Om nivåerna"
    axe_check(page)
    page.goto("/notiser")
    axe_check(page)
