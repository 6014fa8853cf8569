"""axe-core finds no WCAG 2.1 A/AA violations on any page, in Swedish and in English."""

import pytest

from tests.browser.conftest import sign_in

PUBLIC_PAGES = ["/logga-in", "/registrera"]
TEACHER_PAGES = ["/", "/konto", "/konto/losenord", "/utforska", "/mina-material", "/material/ny",
                 "/huvudprocess/vardegrund", "/finns-inte", "/admin/"]  # fmt: skip
ADMIN_PAGES = [
    "/admin/",
    "/admin/anvandare",
    "/admin/omraden",
    "/admin/enheter",
    "/admin/ordlistor/huvudprocesser",
    "/admin/ordlistor/skolformer",
    "/admin/ordlistor/amnen",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["sv", "en"])
def test_public_pages(page, assert_accessible, path, language):
    page.goto("/logga-in")
    if language == "en":
        page.get_by_role("button", name="In English").click()
        page.wait_for_load_state()
    page.goto(path)
    assert_accessible(page)


def test_forms_with_errors_shown(page, assert_accessible):
    page.goto("/logga-in")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.goto("/registrera")
    page.get_by_role("button", name="Skapa konto").click()
    page.wait_for_load_state()
    assert page.get_by_text("Formuläret har fel").is_visible()
    assert_accessible(page)


@pytest.mark.parametrize("path", TEACHER_PAGES)
def test_teacher_pages(page, assert_accessible, path):
    """Including the 404 page and the 403 page a teacher gets for /admin/."""
    sign_in(page, "larare@kommun.example")
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages(page, assert_accessible, path):
    sign_in(page, "admin@kommun.example")
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize(
    ("listing", "link_name"),
    [
        ("/admin/omraden", "Skolområde Norr"),
        ("/admin/enheter", "Björkängsskolan"),
        ("/admin/ordlistor/amnen", "Matematik"),
    ],
)
def test_admin_edit_pages(page, assert_accessible, listing, link_name):
    sign_in(page, "admin@kommun.example")
    page.goto(listing)
    page.get_by_role("link", name=link_name, exact=True).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith(("Redigera", "Edit"))
    assert_accessible(page)
