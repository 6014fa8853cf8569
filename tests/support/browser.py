"""What several browser tests do through the pages."""

import re

from share.demo.files import make_docx, make_pdf

MATERIAL_PAGE = re.compile(r".*/material/\d+$")


def share_material(page, tmp_path, title: str, *, before_submit=None) -> None:
    """Share a method with a PDF and a DOCX through the form, as whoever the page is signed
    in as; returns on the new material's page. `before_submit()` runs just before Publish."""
    pdf = tmp_path / "Åk 7 bråk.pdf"
    pdf.write_bytes(make_pdf("Bråkräkning med tallinjen", ["Exit ticket"]))
    docx = tmp_path / "Lektionsplan.docx"
    docx.write_bytes(make_docx("Lektionsplan för bråk", ["Steg 1: tallinjen"]))
    page.goto("/material/ny")
    page.get_by_label("Metod").check()
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Sammanfattning").fill("Tallinjen gör bråk synliga för eleverna.")
    page.get_by_label("Beskrivning", exact=True).fill(
        "## Så gjorde jag\n\nVi började med **halvor**."
    )
    page.get_by_label("Utvecklad undervisning / synligt lärande").check()
    page.get_by_label("Grundskola åk 7–9").check()
    page.get_by_label("Matematik").check()
    page.get_by_label("Taggar").fill("bråk, tallinje")
    page.get_by_label("Filer", exact=True).set_input_files([str(pdf), str(docx)])
    if before_submit:
        before_submit()
    page.get_by_role("button", name="Publicera").click()
    page.wait_for_url(MATERIAL_PAGE)
