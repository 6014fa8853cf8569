"""Office and OpenDocument zips: vetted before reading, typed by their package, then read."""

import io
import zipfile

import pytest
from defusedxml import DTDForbidden

from share.storage import errors, office
from tests.support.builders import (
    DOCX_MAIN,
    content_types,
    image_bytes,
    make_docx,
    make_odt,
    make_pptx,
    make_xlsx,
    make_zip,
    symlink_entry,
    with_entry,
)
from tests.support.storage import assert_refused


@pytest.fixture
def saved(tmp_path):
    def saved(data: bytes):
        path = tmp_path / "upload"
        path.write_bytes(data)
        return path

    return saved


def office_type_of(path) -> str:
    with office.open_checked(path) as archive:
        return office.office_type(archive)


def text_of(path, file_type: str) -> str:
    with office.open_checked(path) as archive:
        return office.office_text(archive, file_type, 1_000_000)


# --- safety before reading ------------------------------------------------------------------


def test_zip_bomb_is_refused(zip_bomb):
    assert zip_bomb.stat().st_size < 1024 * 1024
    assert_refused(lambda: office.open_checked(zip_bomb), errors.refused_archive())


def test_one_highly_compressed_entry_is_refused(saved):
    # 2 MB of zeros: far under the unpacked cap, but 1:1000 compressed.
    docx = with_entry(make_docx(["Hej"]), "word/media/blank.bin", b"\x00" * (2 * 1024 * 1024))
    assert_refused(lambda: office.open_checked(saved(docx)), errors.refused_archive())


def test_unpacked_size_is_capped(saved, monkeypatch):
    monkeypatch.setattr(office, "MAX_UNPACKED_BYTES", 64 * 1024)
    docx = with_entry(make_docx(["Hej"]), "word/media/noise.bin", bytes(range(256)) * 300)
    assert_refused(lambda: office.open_checked(saved(docx)), errors.refused_archive())


def test_entry_count_is_capped(saved):
    entries = [(f"word/media/{n}.txt", "x") for n in range(office.MAX_ENTRIES + 1)]
    assert_refused(lambda: office.open_checked(saved(make_zip(entries))), errors.refused_archive())


@pytest.mark.parametrize(
    "name", ["../evil.txt", "word/../../evil.txt", "/etc/cron.d/evil", "word\\..\\evil", "C:evil"]
)
def test_entry_names_that_leave_the_folder_are_refused(saved, name):
    docx = with_entry(make_docx(["Hej"]), name, b"owned")
    assert_refused(lambda: office.open_checked(saved(docx)), errors.refused_archive())


def test_symbolic_links_are_refused(saved):
    docx = with_entry(make_docx(["Hej"]), symlink_entry("word/media/image1.png"), "/etc/passwd")
    assert_refused(lambda: office.open_checked(saved(docx)), errors.refused_archive())


def test_two_entries_with_one_name_are_refused(saved):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("word/document.xml", "<a/>")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("word/document.xml", "<b/>")
    assert_refused(lambda: office.open_checked(saved(output.getvalue())), errors.refused_archive())


def test_encrypted_entries_are_refused(saved):
    data = bytearray(make_zip([("[Content_Types].xml", content_types())]))
    # zipfile cannot write encrypted entries: set the "encrypted" flag in both headers.
    for flags_at in (6, data.rfind(b"PK\x01\x02") + 8):
        data[flags_at] |= 0x1
    assert_refused(lambda: office.open_checked(saved(bytes(data))), errors.refused_archive())


def test_a_damaged_zip_is_refused(saved):
    assert_refused(
        lambda: office.open_checked(saved(b"PK\x03\x04" + b"\x00" * 100)), errors.refused_archive()
    )


# --- type ------------------------------------------------------------------------------------


def test_macro_document_renamed_docx_is_refused(saved):
    docm = make_zip(
        [
            (
                "[Content_Types].xml",
                content_types(
                    (
                        "/word/document.xml",
                        "application/vnd.ms-word.document.macroEnabled.main+xml",
                    ),
                    ("/word/vbaProject.bin", "application/vnd.ms-office.vbaProject"),
                ),
            ),
            ("word/document.xml", "<w:document/>"),
            ("word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
        ]
    )
    assert_refused(lambda: office_type_of(saved(docm)), errors.refused_macros())


def test_macro_project_hidden_in_a_docx_is_refused(saved):
    docx = with_entry(make_docx(["Hej"]), "word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    assert_refused(lambda: office_type_of(saved(docx)), errors.refused_macros())


def test_opendocument_with_basic_macros_is_refused(saved):
    odt = make_odt("<text:p>Hej</text:p>", extra=[("Basic/Standard/Module1.xml", "Sub Main")])
    assert_refused(lambda: office_type_of(saved(odt)), errors.refused_macros())


def test_content_types_may_not_use_a_dtd(saved):
    # Expanded, the entity would make this a valid DOCX; defusedxml never expands it.
    doctype = f'<!DOCTYPE Types [<!ENTITY main "{DOCX_MAIN}">]>'
    docx = with_entry(
        make_docx(["Hej"]),
        "[Content_Types].xml",
        content_types(("/word/document.xml", "&main;"), doctype=doctype),
    )
    assert_refused(lambda: office_type_of(saved(docx)), errors.refused_archive())


def test_macro_project_hidden_in_an_opendocument_is_refused(saved):
    odt = make_odt("<text:p>Hej</text:p>", extra=[("vbaProject.bin", b"\xd0\xcf\x11\xe0")])
    assert_refused(lambda: office_type_of(saved(odt)), errors.refused_macros())


def test_a_zip_that_claims_to_be_both_kinds_is_refused(saved):
    both = make_odt("<text:p>Hej</text:p>", extra=[("[Content_Types].xml", content_types())])
    assert_refused(lambda: office_type_of(saved(both)), errors.refused_type())


@pytest.mark.parametrize(
    ("make", "file_type"),
    [
        (lambda: make_docx(["Hej"]), "docx"),
        (lambda: make_pptx(["Hej"]), "pptx"),
        (lambda: make_xlsx(["Hej"]), "xlsx"),
        (lambda: make_odt("<text:p>Hej</text:p>"), "odt"),
        (
            lambda: make_odt("", mimetype_value="application/vnd.oasis.opendocument.presentation"),
            "odp",
        ),
        (
            lambda: make_odt("", mimetype_value="application/vnd.oasis.opendocument.spreadsheet"),
            "ods",
        ),
    ],
)
def test_office_types(saved, make, file_type):
    assert office_type_of(saved(make())) == file_type


def test_other_opendocument_kinds_are_refused(saved):
    odg = make_odt("", mimetype_value="application/vnd.oasis.opendocument.graphics")
    assert_refused(lambda: office_type_of(saved(odg)), errors.refused_type())


# --- text and preview ------------------------------------------------------------------------


def test_docx_text_is_its_paragraphs(saved):
    docx = saved(make_docx(["Elevernas läsloggar", "Andra stycket"]))
    assert text_of(docx, "docx") == "Elevernas läsloggar\nAndra stycket"


def test_pptx_text_is_in_slide_order(saved):
    titles = [f"Bild {n}: tallinjen" for n in range(1, 12)]
    text = text_of(saved(make_pptx(titles)), "pptx")
    assert [line for line in text.splitlines() if line] == titles


def test_xlsx_text_is_its_shared_strings(saved):
    assert text_of(saved(make_xlsx(["Elev", "Betyg"])), "xlsx") == "Elev\nBetyg"


def test_odt_text_keeps_the_words_around_formatting(saved):
    odt = make_odt(
        '<text:h text:outline-level="1">Läsning</text:h>'
        "<text:p>Vi läser <text:span>Bröderna Lejonhjärta</text:span> i åk 5."
        "<text:tab/>Sedan<text:s/>skriver vi.</text:p>"
    )
    assert text_of(saved(odt), "odt") == (
        "Läsning\nVi läser Bröderna Lejonhjärta i åk 5.\tSedan skriver vi."
    )


def test_document_xml_may_not_use_a_dtd(saved):
    document = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "expanderad">]>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
    )
    docx = saved(with_entry(make_docx(["Hej"]), "word/document.xml", document))
    with pytest.raises(DTDForbidden):
        text_of(docx, "docx")


def declares_dtd(path, file_type: str) -> bool:
    with office.open_checked(path) as archive:
        return office.declares_dtd(archive, file_type)


@pytest.mark.parametrize(
    ("make", "part", "file_type"),
    [
        (lambda: make_docx(["Hej"]), "word/document.xml", "docx"),
        (lambda: make_docx(["Hej"]), "word/styles.xml", "docx"),
        (lambda: make_docx(["Hej"]), "_rels/.rels", "docx"),
        (lambda: make_odt("<text:p>Hej</text:p>"), "content.xml", "odt"),
        (lambda: make_odt("<text:p>Hej</text:p>"), "META-INF/manifest.xml", "odt"),
    ],
)
def test_a_dtd_in_any_xml_part_is_found(saved, make, part, file_type):
    clean = make()
    assert not declares_dtd(saved(clean), file_type)
    with zipfile.ZipFile(io.BytesIO(clean)) as archive:
        xml = archive.read(part).decode() if part in archive.namelist() else "<r/>"
    body = xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml
    root = body.lstrip().split()[0].lstrip("<").rstrip(">/")
    with_dtd = f'<?xml version="1.0"?><!DOCTYPE {root} [<!ENTITY e "x">]>{body}'
    assert declares_dtd(saved(with_entry(clean, part, with_dtd)), file_type)


def test_text_is_capped(saved):
    with office.open_checked(saved(make_docx(["a" * 500, "b" * 500]))) as archive:
        assert len(office.office_text(archive, "docx", 600)) == 600


def test_embedded_previews(saved):
    jpeg, png = image_bytes("JPEG"), image_bytes("PNG")
    with office.open_checked(saved(make_docx(["Hej"], thumbnail=jpeg))) as archive:
        assert office.embedded_preview(archive) == (jpeg, "jpeg")
    with office.open_checked(saved(make_odt("<text:p/>", thumbnail=png))) as archive:
        assert office.embedded_preview(archive) == (png, "png")
    with office.open_checked(saved(make_odt("<text:p/>"))) as archive:
        assert office.embedded_preview(archive) is None
