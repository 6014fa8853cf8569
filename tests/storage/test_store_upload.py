"""store_upload with real files: what is kept, what is refused, and that refusals leave nothing."""

import io
import os
import zipfile
from pathlib import Path

import pytest
from flask import current_app
from PIL import Image
from pptx import Presentation
from sqlalchemy import select

from share.storage.errors import FileRefused
from share.storage.models import StoredFile, TextState
from share.storage.services import store_upload, stored_path, thumbnail_path
from tests.conftest import count
from tests.support.files import (
    add_zip_entry,
    image_bytes,
    jpeg_with_gps_and_comment,
    make_docx,
    make_odt,
    make_pdf,
    png_declaring,
)


def store(data: bytes, name: str) -> StoredFile:
    return store_upload(io.BytesIO(data), name)


def files_on_disk() -> list[Path]:
    root = Path(current_app.config["UPLOAD_DIR"])
    return [Path(d) / f for d, _, names in os.walk(root) for f in names]


def assert_refused(data: bytes, name: str, words: str) -> None:
    with pytest.raises(FileRefused) as refused:
        store(data, name)
    assert words in str(refused.value.message)
    assert files_on_disk() == []
    assert count(StoredFile) == 0


def make_pptx(text: str) -> bytes:
    presentation = Presentation()
    slide = presentation.slides.add_slide(presentation.slide_layouts[1])
    slide.shapes.title.text = text
    output = io.BytesIO()
    presentation.save(output)
    return output.getvalue()


# --- what is kept -------------------------------------------------------------------------


def test_pdf_is_stored_with_text_and_thumbnail(db):
    stored = store(make_pdf(["Läsförståelse i åk 7", "Bråk och procent"]), "Åk 7 bråk.pdf")
    assert (stored.file_type, stored.mime_type) == ("pdf", "application/pdf")
    assert "Läsförståelse i åk 7" in stored.text
    assert stored.text_state == TextState.EXTRACTED
    assert stored.has_thumbnail and thumbnail_path(stored).is_file()
    path = stored_path(stored)
    assert path.name == stored.sha256 and path.parent.name == stored.sha256[2:4]
    assert path.read_bytes().startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("make", "name", "file_type", "words"),
    [
        (
            lambda: make_docx(["Elevernas läsloggar", "Andra stycket"]),
            "Logg.docx",
            "docx",
            "läsloggar",
        ),
        (lambda: make_pptx("Bråkräkning med tallinjen"), "Bråk.pptx", "pptx", "tallinjen"),
        (lambda: make_odt("Värdegrund och likabehandling"), "Plan.odt", "odt", "likabehandling"),
        (
            lambda: "Hej på er!\nSvenska som andraspråk".encode(),
            "anteckning.txt",
            "txt",
            "andraspråk",
        ),
        (lambda: "# Rubrik\n\nLekar för språket".encode(), "lekar.md", "md", "Lekar"),
    ],
)
def test_documents_give_text(db, make, name, file_type, words):
    stored = store(make(), name)
    assert stored.file_type == file_type
    assert words in stored.text


def test_office_embedded_preview_becomes_the_thumbnail(db):
    stored = store(make_docx(["Text"], thumbnail=image_bytes("JPEG")), "med bild.docx")
    assert stored.has_thumbnail
    with Image.open(thumbnail_path(stored)) as thumbnail:
        assert thumbnail.format == "WEBP"


def test_jpeg_loses_gps_exif_and_comment_and_is_turned_upright(db):
    original = jpeg_with_gps_and_comment()
    with Image.open(io.BytesIO(original)) as source:
        assert source.getexif().get_ifd(0x8825) and source.info.get("comment")
    stored = store(original, "klassrummet.jpg")
    data = stored_path(stored).read_bytes()
    image = Image.open(io.BytesIO(data))
    assert not image.getexif() and "comment" not in image.info and "exif" not in image.info
    assert b"Exif" not in data and b"Hemlig kommentar" not in data and b"Kamera AB" not in data
    assert image.size == (32, 64)  # orientation 6 applied to a 64×32 picture
    assert stored.text_state == TextState.NOT_APPLICABLE


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("GIF", "a.gif"), ("WEBP", "a.webp")])
def test_other_images_are_reencoded(db, fmt, name):
    stored = store(image_bytes(fmt), name)
    assert stored.file_type == fmt.lower() and stored.has_thumbnail


def test_audio_and_video_are_kept_as_they_are(db):
    mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 500
    m4a = b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00isomiso2" + b"\x00" * 500
    mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 100
    assert store(mp4, "film.mp4").file_type == "mp4"
    assert store(m4a, "ljud.m4a").file_type == "m4a"
    assert store(mp3, "ljud.mp3").file_type == "mp3"


def test_same_content_is_stored_once(db):
    first = store(b"samma text\n", "ett.txt")
    second = store(b"samma text\n", "tva.txt")
    assert first.id == second.id
    assert len([p for p in files_on_disk() if p.name == first.sha256]) == 1


def test_rollback_removes_the_new_files(db):
    stored = store(make_pdf(["Rulla tillbaka"]), "a.pdf")
    assert stored_path(stored).is_file()
    db.session.rollback()
    assert files_on_disk() == []


def test_files_stay_after_commit(db):
    stored = store(b"kvar\n", "kvar.txt")
    db.session.commit()
    assert stored_path(stored).is_file()


# --- what is refused ----------------------------------------------------------------------


def test_empty_file(db):
    assert_refused(b"", "tom.pdf", "tom")


def test_oversize_file_stops_at_the_limit(db, monkeypatch):
    monkeypatch.setitem(current_app.config, "MAX_UPLOAD_MB", 1)
    assert_refused(b"a" * (1024 * 1024 + 1), "stor.txt", "större än 1 MB")


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 300, "faktura.pdf", "Program"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 300, "bild.png", "Program"),
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "sida.pdf", "Webbsidor"),
        (b"  <html><body>hej</body></html>", "text.txt", "Webbsidor"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "a.svg",
            "Webbsidor",
        ),
        (b'<?xml version="1.0"?><svg><script>x</script></svg>', "a.png", "Webbsidor"),
        (b"\x00\x01\x02binary\xff\xfe", "data.txt", "Dela tar inte emot"),
        ("latin-1 text: bråk".encode("latin-1"), "gammal.txt", "Dela tar inte emot"),
        (b"PK\x03\x04" + b"\x00" * 100, "trasig.docx", "skadat eller osäkert arkiv"),
    ],
)
def test_refused_content(db, data, name, words):
    assert_refused(data, name, words)


def test_content_must_match_the_name(db):
    assert_refused(make_pdf(["PDF"]), "uppgift.docx", "heter .docx men innehållet är PDF")
    assert_refused(image_bytes("PNG"), "bild.pdf", "innehållet är PNG")


def test_png_html_polyglot_keeps_no_html(db):
    polyglot = image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    stored = store(polyglot, "polyglot.png")
    assert b"<script" not in stored_path(stored).read_bytes()


def test_pixel_bomb_is_refused(db):
    bomb = png_declaring(20_000, 20_000)
    assert len(bomb) < 100
    assert_refused(bomb, "bomb.png", "miljoner pixlar")


def test_truncated_image_is_refused(db):
    data = image_bytes("JPEG", size=(400, 300))
    assert_refused(data[: len(data) // 2], "halv.jpg", "skadad")


def test_docx_zip_bomb_is_refused(db, tmp_path):
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", make_docx_content_types())
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    assert bomb.stat().st_size < 2 * 1024 * 1024
    assert_refused(bomb.read_bytes(), "bomb.docx", "osäkert arkiv")


def make_docx_content_types(main: str = "wordprocessingml.document.main+xml") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Override PartName="/word/document.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.{main}"/></Types>'
    )


def test_docx_with_parent_directory_entry_is_refused(db):
    evil = add_zip_entry(make_docx(["Hej"]), "../evil.txt", b"owned")
    assert_refused(evil, "rapport.docx", "osäkert arkiv")


def test_macro_document_renamed_docx_is_refused(db):
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" '
            'ContentType="application/vnd.ms-word.document.macroEnabled.main+xml"/>'
            '<Override PartName="/word/vbaProject.bin" '
            'ContentType="application/vnd.ms-office.vbaProject"/>'
            "</Types>",
        )
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0")
    assert_refused(output.getvalue(), "makro.docx", "makron")


def test_xml_entities_are_not_expanded(db):
    doctype = (
        '<?xml version="1.0"?><!DOCTYPE Types [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&x;</Types>'
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        archive.writestr("[Content_Types].xml", doctype)
    assert_refused(output.getvalue(), "xxe.docx", "osäkert arkiv")


# --- kept, but without text -----------------------------------------------------------------


def test_corrupt_pdf_is_kept_without_text(db):
    stored = store(b"%PDF-1.4\n" + os.urandom(2000), "trasig.pdf")
    assert stored.text_state == TextState.NONE and stored.text is None
    assert not stored.has_thumbnail
    assert stored_path(stored).is_file()


def test_encrypted_pdf_is_kept_without_text(db):
    encrypted = make_pdf(["Hemlig text"]).replace(
        b"trailer\n<< /Size",
        b"trailer\n<< /Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >> /Size",
    )
    stored = store(encrypted, "låst.pdf")
    assert stored.text_state == TextState.NONE
    assert "Hemlig" not in (stored.text or "")


def test_slow_extraction_gives_up_and_keeps_the_file(db, monkeypatch):
    monkeypatch.setitem(current_app.config, "EXTRACTION_TIMEOUT_SECONDS", 0.0001)
    stored = store(make_pdf(["Långsam"]), "långsam.pdf")
    assert stored.text_state == TextState.NONE
    assert stored_path(stored).is_file()
    assert db.session.execute(select(StoredFile.id)).scalar_one() == stored.id
