"""store_upload end to end: what is kept and how, what is refused, and that a refusal
leaves no file and no row."""

import io
from pathlib import Path

import pytest
from flask import current_app
from PIL import Image

from share.rules import DomainError
from share.storage import errors
from share.storage.models import StoredFile, TextState
from share.storage.services import (
    FileRefused,
    FileTooLarge,
    store_upload,
    stored_path,
    thumbnail_path,
)
from tests.support.builders import (
    image_bytes,
    jpeg_with_gps_and_comment,
    make_docx,
    make_odt,
    make_pdf,
    make_pptx,
    png_declaring,
    symlink_entry,
    with_entry,
)
from tests.support.database import count
from tests.support.storage import assert_refused, files_under


def store(data: bytes, name: str) -> StoredFile:
    return store_upload(io.BytesIO(data), name)


def upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


# --- kept -----------------------------------------------------------------------------------


def test_pdf_is_stored_with_text_and_thumbnail(db):
    stored = store(make_pdf(["Läsförståelse i åk 7", "Bråk och procent"]), "Åk 7 bråk.pdf")
    assert (stored.file_type, stored.mime_type) == ("pdf", "application/pdf")
    assert "Läsförståelse i åk 7" in stored.text and "Bråk och procent" in stored.text
    assert stored.text_state == TextState.EXTRACTED
    path = stored_path(stored)
    assert path == upload_dir() / stored.sha256[:2] / stored.sha256[2:4] / stored.sha256
    assert path.read_bytes().startswith(b"%PDF-")
    assert thumbnail_path(stored) == upload_dir() / "thumbnails" / stored.sha256[:2] / (
        stored.sha256 + ".webp"
    )
    with Image.open(thumbnail_path(stored)) as thumbnail:
        assert thumbnail.format == "WEBP" and thumbnail.width == 480
    assert files_under(upload_dir() / ".incoming") == []


def test_docx_gives_text_and_its_embedded_preview(db):
    preview = image_bytes("JPEG", size=(600, 800), color=(250, 250, 250))
    stored = store(
        make_docx(["Elevernas läsloggar", "Andra stycket"], thumbnail=preview), "Logg.docx"
    )
    assert stored.file_type == "docx"
    assert stored.text == "Elevernas läsloggar\nAndra stycket"
    with Image.open(thumbnail_path(stored)) as thumbnail:
        assert thumbnail.format == "WEBP" and thumbnail.size == (480, 640)
    # Known without opening the file, so a page can hold the thumbnail's place.
    assert (stored.thumbnail_width, stored.thumbnail_height) == (480, 640)
    assert stored.thumbnail_height_at(120) == 160


def test_pptx_gives_text(db):
    stored = store(make_pptx(["Bråkräkning med tallinjen", "Exit ticket"]), "Bråk.pptx")
    assert stored.file_type == "pptx" and stored.text_state == TextState.EXTRACTED
    assert stored.text.index("tallinjen") < stored.text.index("Exit ticket")


def test_odt_gives_text_and_its_preview(db):
    odt = make_odt("<text:p>Värdegrund och likabehandling</text:p>", thumbnail=image_bytes("PNG"))
    stored = store(odt, "Plan.odt")
    assert (stored.file_type, stored.text) == ("odt", "Värdegrund och likabehandling")
    assert stored.has_thumbnail and thumbnail_path(stored).is_file()


@pytest.mark.parametrize(
    ("data", "name", "file_type", "text"),
    [
        (
            "Hej på er!\nSvenska som andraspråk\n".encode(),
            "a.txt",
            "txt",
            "Hej på er!\nSvenska som andraspråk",
        ),
        (
            "\ufeff# Rubrik\n\nLekar för språket".encode(),
            "lekar.md",
            "md",
            "# Rubrik\n\nLekar för språket",
        ),
    ],
)
def test_text_files_are_their_own_text(db, data, name, file_type, text):
    stored = store(data, name)
    assert (stored.file_type, stored.text, stored.text_state) == (
        file_type,
        text,
        TextState.EXTRACTED,
    )
    assert not stored.has_thumbnail and stored.thumbnail_height_at(120) is None
    assert stored_path(stored).read_bytes() == data  # text is kept byte for byte


def test_jpeg_is_stored_without_metadata_and_upright(db):
    stored = store(jpeg_with_gps_and_comment(), "klassrummet.jpg")
    data = stored_path(stored).read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert not image.getexif() and "comment" not in image.info and "exif" not in image.info
        assert image.size == (10, 20)
    assert b"Exif" not in data and b"Hemlig kommentar" not in data
    assert stored.size == len(data) and stored.text_state == TextState.NOT_APPLICABLE
    assert stored.has_thumbnail


@pytest.mark.parametrize(("fmt", "name"), [("PNG", "a.png"), ("GIF", "a.gif"), ("WEBP", "a.webp")])
def test_other_images_are_stored_reencoded(db, fmt, name):
    stored = store(image_bytes(fmt), name)
    assert stored.file_type == fmt.lower() and stored.has_thumbnail
    with Image.open(stored_path(stored)) as image:
        assert image.format == fmt


def test_png_html_polyglot_is_stored_without_the_html(db):
    polyglot = image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    stored = store(polyglot, "polyglot.png")
    assert b"<script" not in stored_path(stored).read_bytes()


def test_audio_and_video_are_kept_as_they_are(db):
    mp4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 500
    m4a = b"\x00\x00\x00\x18ftypM4A \x00\x00\x02\x00isomiso2" + b"\x00" * 500
    mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 100
    for data, name, file_type, mime_type in [
        (mp4, "film.mp4", "mp4", "video/mp4"),
        (m4a, "ljud.m4a", "m4a", "audio/mp4"),
        (mp3, "ljud.mp3", "mp3", "audio/mpeg"),
    ]:
        stored = store(data, name)
        assert (stored.file_type, stored.mime_type) == (file_type, mime_type)
        assert stored_path(stored).read_bytes() == data


def test_refused_is_a_domain_error_for_the_files_field(db):
    with pytest.raises(DomainError) as refused:
        store(b"", "tom.txt")
    assert isinstance(refused.value, FileRefused) and refused.value.field == "files"


# --- refused, leaving nothing ---------------------------------------------------------------

DOCUMENT_WITH_DTD = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "expanderad">]>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
)


def assert_refused_leaving_nothing(data: bytes, name: str, expected: FileRefused) -> None:
    assert_refused(lambda: store(data, name), expected)
    assert files_under(upload_dir()) == []
    assert count(StoredFile) == 0


def test_empty_file(db):
    assert_refused_leaving_nothing(b"", "tom.pdf", errors.refused_empty())


def test_oversize_file_stops_at_the_limit(db, monkeypatch):
    monkeypatch.setitem(current_app.config, "MAX_UPLOAD_MB", 1)

    class Counting(io.BytesIO):
        read_bytes = 0

        def read(self, size=-1):
            chunk = super().read(size)
            self.read_bytes += len(chunk)
            return chunk

    stream = Counting(b"a" * (8 * 1024 * 1024))
    assert_refused(lambda: store_upload(stream, "stor.txt"), errors.refused_too_large(1))
    with pytest.raises(FileTooLarge):  # the web answers 413 for this one
        store_upload(Counting(b"a" * (2 * 1024 * 1024)), "stor.txt")
    assert stream.read_bytes <= 1024 * 1024 + 64 * 1024  # not one chunk past the limit
    assert files_under(upload_dir()) == [] and count(StoredFile) == 0


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 300, "faktura.pdf", errors.refused_program()),
        (b"<!DOCTYPE html><html><script>alert(1)</script>", "sida.pdf", errors.refused_web_page()),
        (b"<html><body>hej</body></html>", "text.txt", errors.refused_web_page()),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "bild.svg",
            errors.refused_web_page(),
        ),
        (b"\x00\x01binary", "data.txt", errors.refused_type()),
        (image_bytes("PNG"), "bild.pdf", errors.refused_mismatch(".pdf", "png")),
        (make_pdf(["PDF"]), "uppgift.docx", errors.refused_mismatch(".docx", "pdf")),
        (b"text", "faktura\u202egpj.exe", errors.refused_mismatch(".exe", "txt")),
        (png_declaring(20_000, 20_000), "bomb.png", errors.refused_pixels(40)),
        (image_bytes("JPEG", size=(400, 300))[:600], "halv.jpg", errors.refused_broken_image()),
        (
            with_entry(make_docx(["Hej"]), "../evil.txt", b"owned"),
            "rapport.docx",
            errors.refused_archive(),
        ),
        (
            with_entry(make_docx(["Hej"]), "word/vbaProject.bin", b"\xd0\xcf\x11\xe0"),
            "makro.docx",
            errors.refused_macros(),
        ),
        (
            with_entry(make_docx(["Hej"]), symlink_entry("word/media/a.png"), "/etc/passwd"),
            "länk.docx",
            errors.refused_archive(),
        ),
        (
            with_entry(make_docx(["Hej"]), "word/document.xml", DOCUMENT_WITH_DTD),
            "dtd.docx",
            errors.refused_dtd(),
        ),
        (
            with_entry(make_odt("<text:p>Hej</text:p>"), "styles.xml", "<!DOCTYPE s []><s/>"),
            "dtd.odt",
            errors.refused_dtd(),
        ),
    ],
)
def test_refused_uploads_leave_nothing(db, data, name, expected):
    assert_refused_leaving_nothing(data, name, expected)


def test_docx_zip_bomb_leaves_nothing(db, zip_bomb):
    assert_refused_leaving_nothing(zip_bomb.read_bytes(), "bomb.docx", errors.refused_archive())


# --- kept, without text ---------------------------------------------------------------------


def test_damaged_pdf_is_kept_without_text_or_thumbnail(db):
    stored = store(b"%PDF-1.4\n" + bytes(range(256)) * 8, "trasig.pdf")
    assert (stored.file_type, stored.text_state, stored.text) == ("pdf", TextState.NONE, None)
    assert not stored.has_thumbnail and thumbnail_path(stored) is None
    assert stored_path(stored).is_file()


def test_encrypted_pdf_is_kept_without_text_or_thumbnail(db):
    stored = store(make_pdf(["Hemlig text"], password="hemlig"), "låst.pdf")
    assert (stored.file_type, stored.text_state, stored.text) == ("pdf", TextState.NONE, None)
    assert not stored.has_thumbnail
    assert stored_path(stored).is_file()


def test_extraction_that_runs_out_of_time_keeps_the_file(db, monkeypatch):
    monkeypatch.setitem(current_app.config, "EXTRACTION_TIMEOUT_SECONDS", 0.001)
    stored = store(make_pdf(["Långsam"]), "långsam.pdf")
    assert (stored.text_state, stored.text, stored.has_thumbnail) == (TextState.NONE, None, False)
    assert stored_path(stored).is_file()
    assert files_under(upload_dir()) == [stored_path(stored)]
    assert count(StoredFile) == 1


def test_image_that_runs_out_of_time_is_refused_and_leaves_nothing(db, monkeypatch):
    """Images are decoded in the capped child too (a 40 MP image needs hundreds of MB of
    pixels, which stay out of the web worker), and a clean copy that cannot be made in
    time is no copy: the upload is refused."""
    monkeypatch.setitem(current_app.config, "EXTRACTION_TIMEOUT_SECONDS", 0.001)
    assert_refused_leaving_nothing(
        jpeg_with_gps_and_comment(), "foto.jpg", errors.refused_slow_image()
    )
