"""Images are stored as re-encoded pixels: upright, first frame only, no metadata at all.

The site's pixel cap is checked from the header, before a single pixel is decoded.
"""

from pathlib import Path
from typing import IO

from PIL import Image, ImageOps

from share.storage import errors

#: The site's cap, well below Pillow's own decompression-bomb limit (89 megapixels).
MAX_PIXELS = 40_000_000
THUMBNAIL_WIDTH = 480
#: A tall page or a long screenshot is cut down to this height instead.
THUMBNAIL_MAX_HEIGHT = 960

PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}


def _too_many_pixels() -> errors.FileRefused:
    return errors.refused_pixels(MAX_PIXELS // 1_000_000)


#: Greyscale with 16 bits a pixel (0–65535), as PNG allows; the 8-bit modes hold 0–255.
SIXTEEN_BIT_MODES = ("I;16", "I;16B", "I;16L", "I")


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image made from the pixels alone, so no EXIF, XMP, ICC profile or comment
    can ride along into what is saved."""
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode in SIXTEEN_BIT_MODES:
        # Scaled down, not clipped: a plain convert would turn everything above 255 white.
        image = image.point(lambda value: value / 256).convert("L")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
    # paste() copies pixels and nothing else, with one copy in memory beside the original
    # (tobytes() and frombytes() would make two).
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def clean_image(source: Path | IO[bytes], image_types: tuple[str, ...]) -> Image.Image:
    """The first frame's pixels, turned upright by its EXIF orientation, and nothing else.

    Only the decoders for `image_types` ("jpeg", "png", ...) are tried. Raises FileRefused
    when the image has more than MAX_PIXELS pixels, or is broken or truncated."""
    try:
        with Image.open(source, formats=[PILLOW_FORMATS[t] for t in image_types]) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise _too_many_pixels()
            image.load()
            ImageOps.exif_transpose(image, in_place=True)
            return _pixels_only(image)
    except errors.FileRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        # Pillow's own limit, met in open(); the warning is raised where warnings are errors.
        raise _too_many_pixels() from error
    except Exception as error:
        # A decoder fed hostile bytes fails in many ways (OSError for a truncated file,
        # SyntaxError, ValueError, struct.error...): each of them means a broken image.
        raise errors.refused_broken_image() from error


def reencode(source: Path, image_type: str, target: Path) -> Image.Image:
    """Save the image at `source` to `target` in its own format, from its clean pixels,
    and return those pixels. Raises FileRefused like `clean_image`."""
    image = clean_image(source, (image_type,))
    options = {"quality": 90} if image_type in ("jpeg", "webp") else {}
    image.save(target, PILLOW_FORMATS[image_type], **options)
    return image


def save_thumbnail(image: Image.Image, target: Path) -> None:
    """A WebP at most THUMBNAIL_WIDTH wide (and THUMBNAIL_MAX_HEIGHT tall), never enlarged."""
    scale = min(1.0, THUMBNAIL_WIDTH / image.width, THUMBNAIL_MAX_HEIGHT / image.height)
    if scale < 1:
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
    image.save(target, "WEBP", quality=80)
