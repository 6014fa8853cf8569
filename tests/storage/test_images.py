"""Images are stored as their pixels only: upright, no metadata, within the pixel cap."""

import io

import pytest
from PIL import Image, PngImagePlugin

from share.storage import errors, images
from tests.support.builders import image_bytes, jpeg_with_gps_and_comment, png_declaring
from tests.support.storage import assert_refused


@pytest.fixture
def reencoded(tmp_path):
    def reencoded(data: bytes, image_type: str) -> bytes:
        source, target = tmp_path / "source", tmp_path / "target"
        source.write_bytes(data)
        images.reencode(source, image_type, target)
        return target.read_bytes()

    return reencoded


def test_jpeg_loses_gps_exif_and_comment_and_is_turned_upright(reencoded):
    original = jpeg_with_gps_and_comment()
    with Image.open(io.BytesIO(original)) as source:
        assert source.getexif().get_ifd(0x8825) and source.info["comment"]
        assert source.size == (20, 10)
    data = reencoded(original, "jpeg")
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()
        assert "comment" not in stored.info and "exif" not in stored.info
        assert stored.size == (10, 20)
    for secret in (b"Exif", b"Hemlig kommentar", b"Kamera AB"):
        assert secret not in data


def test_png_text_chunks_are_dropped(reencoded):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Lärare Larsson")
    info.add_itxt("XML:com.adobe.xmp", "<x:xmpmeta>plats</x:xmpmeta>")
    data = reencoded(image_bytes("PNG", pnginfo=info), "png")
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == "PNG" and not stored.text
    assert b"Larsson" not in data and b"xmpmeta" not in data


@pytest.mark.parametrize("image_type", ["gif", "webp"])
def test_other_formats_stay_themselves(reencoded, image_type):
    data = reencoded(image_bytes(images.PILLOW_FORMATS[image_type]), image_type)
    with Image.open(io.BytesIO(data)) as stored:
        assert stored.format == images.PILLOW_FORMATS[image_type]
        assert stored.size == (60, 40)


def test_png_html_polyglot_loses_the_html(reencoded):
    polyglot = image_bytes("PNG") + b"<html><script>alert(document.cookie)</script></html>"
    assert b"<script" not in reencoded(polyglot, "png")


def test_our_pixel_cap_is_checked_before_decoding(reencoded):
    # 7,000 × 7,000 is under Pillow's own limit but over the site's 40 megapixels.
    assert_refused(lambda: reencoded(png_declaring(7_000, 7_000), "png"), errors.refused_pixels(40))


def test_pillows_decompression_bomb_is_a_refusal(reencoded):
    bomb = png_declaring(20_000, 20_000)
    assert len(bomb) < 100
    assert_refused(lambda: reencoded(bomb, "png"), errors.refused_pixels(40))


@pytest.mark.parametrize(("fmt", "image_type"), [("JPEG", "jpeg"), ("PNG", "png")])
def test_truncated_image_is_refused(reencoded, fmt, image_type):
    data = image_bytes(fmt, size=(400, 300), color=(10, 200, 90))
    assert_refused(
        lambda: reencoded(data[: len(data) // 2], image_type), errors.refused_broken_image()
    )


def test_only_the_sniffed_decoder_is_used(reencoded):
    assert_refused(lambda: reencoded(image_bytes("BMP"), "png"), errors.refused_broken_image())


def test_thumbnail_is_a_small_webp(tmp_path):
    target = tmp_path / "thumbnail.webp"
    images.save_thumbnail(Image.new("RGB", (1200, 800)), target)
    with Image.open(target) as thumbnail:
        assert thumbnail.format == "WEBP" and thumbnail.size == (480, 320)
    images.save_thumbnail(Image.new("RGB", (100, 3000)), target)
    with Image.open(target) as thumbnail:
        assert thumbnail.size == (32, 960)
    images.save_thumbnail(Image.new("RGB", (40, 30)), target)
    with Image.open(target) as thumbnail:
        assert thumbnail.size == (40, 30)  # never enlarged


def test_sixteen_bit_greyscale_keeps_its_shades(reencoded):
    original = Image.new("I;16", (4, 1))
    original.putpixel((1, 0), 1000)
    original.putpixel((2, 0), 32768)
    original.putpixel((3, 0), 65535)
    buffer = io.BytesIO()
    original.save(buffer, "PNG")
    with Image.open(io.BytesIO(reencoded(buffer.getvalue(), "png"))) as stored:
        shades = [stored.getpixel((x, 0)) for x in range(4)]
    assert stored.mode == "L" and shades == [0, 3, 128, 255]
