"""Images are stored as re-encoded pixels: orientation applied, every byte of metadata gone."""

import io
import warnings

from PIL import Image, ImageOps, UnidentifiedImageError

from share.storage import errors

#: The site's own cap, well below Pillow's decompression-bomb limits.
MAX_PIXELS = 40_000_000
THUMBNAIL_SIZE = (480, 480)

_SAVE_FORMATS = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WEBP"}


def open_checked(data: io.BytesIO | str) -> Image.Image:
    """An opened, fully decoded image; raises FileRefused for bombs and broken files."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            with Image.open(data) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise errors.refused_pixels(MAX_PIXELS // 1_000_000)
                image.load()  # the pixels stay in memory when the file closes
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise errors.refused_pixels(MAX_PIXELS // 1_000_000) from error
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise errors.refused_broken_image() from error
    return image


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image from the pixels alone, so no EXIF, XMP, comment or profile can ride along."""
    image = ImageOps.exif_transpose(image)
    if image.mode == "P":
        image = image.convert("RGBA" if "transparency" in image.info else "RGB")
    elif image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA" if "A" in image.mode else "RGB")
    return Image.frombytes(image.mode, image.size, image.tobytes())


def reencode(path: str, file_type: str) -> bytes:
    """The image at `path` re-encoded in its own format from its pixels (first frame only)."""
    image = _pixels_only(open_checked(path))
    if file_type == "jpeg" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    output = io.BytesIO()
    options = {"quality": 90} if file_type in ("jpeg", "webp") else {}
    image.save(output, _SAVE_FORMATS[file_type], **options)
    return output.getvalue()


def thumbnail(data: bytes) -> bytes:
    """A small WebP of any image Pillow can read within the pixel cap."""
    image = _pixels_only(open_checked(io.BytesIO(data)))
    image.thumbnail(THUMBNAIL_SIZE)
    output = io.BytesIO()
    image.save(output, "WEBP", quality=80)
    return output.getvalue()
