"""Sharing through the real form in a real browser: files up, page, download, edit, history."""

import uuid
from pathlib import Path

from tests.support.browser import MATERIAL_PAGE, share_material


def test_share_see_download_edit_and_history(page, sign_in_as, tmp_path, axe_check):
    sign_in_as("larare@kommun.example")
    title = f"Bråk på tallinjen {uuid.uuid4().hex[:6]}"
    share_material(page, tmp_path, title)
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.get_by_text("Materialet är publicerat.").is_visible()
    assert page.get_by_role("link", name="Åk 7 bråk.pdf").is_visible()
    assert page.locator("strong", has_text="halvor").is_visible()
    axe_check(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Åk 7 bråk.pdf").click()
    download = download_info.value
    assert download.suggested_filename == "Åk 7 bråk.pdf"
    assert Path(download.path()).read_bytes() == (tmp_path / "Åk 7 bråk.pdf").read_bytes()

    page.get_by_role("link", name="Redigera").click()
    axe_check(page)
    page.get_by_label("Titel").fill(title + " (uppdaterad)")
    page.get_by_role("button", name="Spara ändringarna").click()
    page.wait_for_url(MATERIAL_PAGE)
    assert page.get_by_role("heading", level=1).inner_text().endswith("(uppdaterad)")

    page.get_by_role("link", name="Historik").click()
    assert page.get_by_role("link", name="Version 2").is_visible()
    assert page.get_by_role("cell", name="Titel").is_visible()
    axe_check(page)
    page.get_by_role("link", name="Version 1").click()
    assert page.get_by_text(title, exact=True).first.is_visible()
    axe_check(page)


def test_upload_with_progress_per_file(page, sign_in_as, tmp_path):
    sign_in_as("larare@kommun.example")
    title = f"Filer i efterhand {uuid.uuid4().hex[:6]}"
    share_material(page, tmp_path, title)
    first, second = tmp_path / "Ett.txt", tmp_path / "Två.txt"
    first.write_text("Första filen")
    second.write_text("Andra filen")
    page.get_by_label("Lägg till filer").set_input_files([str(first), str(second)])
    page.get_by_role("button", name="Ladda upp").click()
    page.get_by_text("Två.txt: klar").wait_for()
    assert page.locator(".upload-progress progress").count() == 2
    page.wait_for_load_state()
    page.get_by_role("link", name="Två.txt").wait_for()
    assert page.get_by_role("link", name="Ett.txt").is_visible()


#: Records, across the page change that follows, how far each progress bar on the form got.
RECORD_PROGRESS = """() => {
    const list = document.querySelector("form.material-form .upload-progress");
    new MutationObserver(() => {
        const seen = {};
        list.querySelectorAll("progress").forEach(bar => {
            seen[bar.getAttribute("aria-label")] = bar.value;
        });
        sessionStorage.setItem("progress", JSON.stringify(seen));
    }).observe(list, {childList: true, subtree: true, attributes: true});
}"""


def test_share_form_shows_progress_per_file(page, sign_in_as, tmp_path):
    sign_in_as("larare@kommun.example")
    title = f"Framsteg per fil {uuid.uuid4().hex[:6]}"
    share_material(page, tmp_path, title, before_submit=lambda: page.evaluate(RECORD_PROGRESS))
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.get_by_text("Materialet är publicerat.").is_visible()
    progress = page.evaluate("() => JSON.parse(sessionStorage.getItem('progress'))")
    assert progress == {"Åk 7 bråk.pdf": 100, "Lektionsplan.docx": 100}


def test_share_form_with_a_refused_file_comes_back_with_the_reason(
    page, sign_in_as, tmp_path, axe_check
):
    sign_in_as("larare@kommun.example")
    evil = tmp_path / "faktura.pdf"
    evil.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    page.goto("/material/ny")
    page.get_by_label("Titel").fill("Med en vägrad fil")
    page.get_by_label("Sammanfattning").fill("Ska inte sparas.")
    page.get_by_label("Språk och kommunikation").check()
    page.get_by_label("Filer", exact=True).set_input_files(str(evil))
    page.get_by_role("button", name="Publicera").click()
    page.get_by_text("Program och skript kan inte delas i Dela.").wait_for()
    assert page.url.endswith("/material/ny")
    assert page.get_by_label("Titel").input_value() == "Med en vägrad fil"
    axe_check(page)


def test_refused_file_is_explained(page, sign_in_as, tmp_path):
    sign_in_as("larare@kommun.example")
    share_material(page, tmp_path, f"Vägrad fil {uuid.uuid4().hex[:6]}")
    evil = tmp_path / "faktura.pdf"
    evil.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    page.get_by_label("Lägg till filer").set_input_files(str(evil))
    page.get_by_role("button", name="Ladda upp").click()
    page.get_by_text("faktura.pdf: Program och skript kan inte delas i Dela.").wait_for()


def test_refused_file_without_script_is_explained_at_the_field(
    page, sign_in_as, tmp_path, axe_check
):
    sign_in_as("larare@kommun.example")
    share_material(page, tmp_path, f"Utan skript {uuid.uuid4().hex[:6]}")
    page.route("**/upload.js*", lambda route: route.abort())  # the plain form posts
    page.reload()
    evil = tmp_path / "faktura.pdf"
    evil.write_bytes(b"MZ\x90\x00" + b"\x00" * 100)
    page.get_by_label("Lägg till filer").set_input_files(str(evil))
    with page.expect_response(lambda response: response.request.method == "POST") as answer:
        page.get_by_role("button", name="Ladda upp").click()
    assert answer.value.status == 422
    error = page.locator("#upload-error")
    assert error.inner_text() == "Program och skript kan inte delas i Dela."
    assert page.get_by_label("Lägg till filer").get_attribute("aria-invalid") == "true"
    axe_check(page)


def test_browse_pages_are_accessible(page, sign_in_as, tmp_path, axe_check):
    sign_in_as("larare@kommun.example")
    share_material(page, tmp_path, f"Syns i listorna {uuid.uuid4().hex[:6]}")
    for path in ("/utforska", "/huvudprocess/synligt-larande", "/amne/matematik", "/mina-material"):
        page.goto(path)
        assert page.get_by_text("Syns i listorna").first.is_visible(), path
        axe_check(page)


def test_create_form_with_errors_is_accessible(page, sign_in_as, axe_check):
    sign_in_as("larare@kommun.example")
    page.goto("/material/ny")
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_load_state()
    assert page.get_by_text("Formuläret har fel").is_visible()
    axe_check(page)


def test_files_dropped_on_the_share_form_join_it(page, sign_in_as):
    sign_in_as("larare@kommun.example")
    page.goto("/material/ny")
    count = page.evaluate(
        """() => {
            const transfer = new DataTransfer();
            transfer.items.add(new File(["ett"], "Ett.txt", {type: "text/plain"}));
            transfer.items.add(new File(["två"], "Två.txt", {type: "text/plain"}));
            const zone = document.querySelector("form.material-form [data-dropzone]");
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true}));
            return zone.querySelector("input[type=file]").files.length;
        }"""
    )
    assert count == 2
