"""The type comes from the content; the name may only agree, or pick between two readings."""

import pytest

from share.storage import errors
from share.storage.sniff import sniff
from tests.support.builders import (
    DOCX_MAIN,
    content_types,
    image_bytes,
    make_docx,
    make_odt,
    make_pdf,
    make_pptx,
    make_zip,
)
from tests.support.storage import assert_refused

MP3_FRAME = b"\xff\xfb\x90\x64" + b"\x00" * 413


def mp4_with_brand(brand: bytes) -> bytes:
    return b"\x00\x00\x00\x18ftyp" + brand + b"\x00\x00\x02\x00isomiso2" + b"\x00" * 200


@pytest.fixture
def sniff_bytes(tmp_path):
    def sniff_bytes(data: bytes, name: str) -> str:
        path = tmp_path / "upload"
        path.write_bytes(data)
        return sniff(path, name).key

    return sniff_bytes


@pytest.mark.parametrize(
    ("data", "name", "key"),
    [
        (make_pdf(["Hej"]), "a.pdf", "pdf"),
        (make_pdf(["Hej"]), "Lektion 3. Bråk", "pdf"),  # no extension: content decides alone
        (make_docx(["Hej"]), "a.docx", "docx"),
        (make_pptx(["Hej"]), "a.pptx", "pptx"),
        (make_odt("<text:p>Hej</text:p>"), "a.odt", "odt"),
        (image_bytes("JPEG"), "a.JPG", "jpeg"),
        (image_bytes("PNG"), "a.png", "png"),
        (image_bytes("GIF"), "a.gif", "gif"),
        (image_bytes("WEBP"), "a.webp", "webp"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00" + MP3_FRAME, "a.mp3", "mp3"),
        (MP3_FRAME, "a.mp3", "mp3"),
        (mp4_with_brand(b"M4A "), "a.m4a", "m4a"),
        (mp4_with_brand(b"M4A "), "ljud", "m4a"),
        (mp4_with_brand(b"isom"), "a.mp4", "mp4"),
        (mp4_with_brand(b"mp42"), "inspelning.m4a", "m4a"),  # Android: the name picks audio
        (mp4_with_brand(b"mp42"), "film", "mp4"),
        ("Hej på er!\n".encode(), "a.txt", "txt"),
        ("\ufeffMed BOM\n".encode(), "a.txt", "txt"),
        (b"# Rubrik\n", "a.md", "md"),
        (b"# Rubrik\n", "a.markdown", "md"),
        (b"# Rubrik\n", "anteckning", "txt"),
        (b"<3 tack for idag\n", "a.txt", "txt"),
    ],
)
def test_allowed_content(sniff_bytes, data, name, key):
    assert sniff_bytes(data, name) == key


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"MZ\x90\x00\x03" + b"\x00" * 300, "faktura.pdf"),
        (b"MZ\x90\x00\x03" + b"\x00" * 300, "faktura"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 300, "bild.png"),
        (b"#!/bin/sh\nrm -rf ~\n", "skript.txt"),
        (b"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "app"),
    ],
)
def test_programs_are_refused(sniff_bytes, data, name):
    assert_refused(lambda: sniff_bytes(data, name), errors.refused_program())


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<!DOCTYPE html><html><script>alert(1)</script></html>", "sida.pdf"),
        (b"  \n<html><body>hej</body></html>", "text.txt"),
        (b"\xef\xbb\xbf<HTML>", "text.txt"),
        (b"<script>alert(1)</script>", "a.md"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "a.svg"),
        (b'<?xml version="1.0"?><svg><script>x</script></svg>', "bild.png"),
        ("<!-- gömd --><iframe src=x>".encode(), "a.txt"),
        (b"<p>Hej</p>", "a.txt"),
        (b"<?php system($_GET['c']); ?>", "a.txt"),
    ],
)
def test_web_pages_svg_and_scripts_are_refused(sniff_bytes, data, name):
    assert_refused(lambda: sniff_bytes(data, name), errors.refused_web_page())


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x00\x01\x02binary\xff\xfe", "data.txt"),
        ("latin-1 text: bråk".encode("latin-1"), "gammal.txt"),
        ("UTF-16 text".encode("utf-16"), "a.txt"),
        (b"text with a NUL\x00 in it", "a.txt"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "gammal.doc"),  # Office 97
        (mp4_with_brand(b"qt  "), "film.mov"),
        (mp4_with_brand(b"heic"), "bild"),
        (make_zip([("a.txt", "hej")]), "arkiv.zip"),
        (make_zip([("[Content_Types].xml", content_types())]), "tom.docx"),
    ],
)
def test_other_content_is_refused_as_not_allowed(sniff_bytes, data, name):
    assert_refused(lambda: sniff_bytes(data, name), errors.refused_type())


@pytest.mark.parametrize(
    ("data", "name", "extension", "found"),
    [
        (image_bytes("PNG"), "bild.pdf", ".pdf", "png"),
        (make_pdf(["PDF"]), "uppgift.docx", ".docx", "pdf"),
        (image_bytes("JPEG"), "bild.png", ".png", "jpeg"),
        (b"# Rubrik\n", "a.html", ".html", "txt"),
        (b"vanlig text", "faktura\u202egpj.exe", ".exe", "txt"),
        (mp4_with_brand(b"M4A "), "ljud.mp4", ".mp4", "m4a"),
        (mp4_with_brand(b"isom"), "a.mp3", ".mp3", "mp4"),
    ],
)
def test_content_must_match_the_extension(sniff_bytes, data, name, extension, found):
    assert_refused(lambda: sniff_bytes(data, name), errors.refused_mismatch(extension, found))


def test_only_a_real_office_package_is_an_office_file(sniff_bytes):
    # A zip whose content types name a main part that is not in it is not a document.
    hollow = make_zip([("[Content_Types].xml", content_types(("/word/document.xml", DOCX_MAIN)))])
    assert_refused(lambda: sniff_bytes(hollow, "a.docx"), errors.refused_type())
