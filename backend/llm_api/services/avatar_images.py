"""Turning an uploaded picture into a safe avatar.

The bytes decide, never the file name or the declared type: Pillow must recognise a PNG,
JPEG, WebP or GIF, its header's dimensions are checked before any pixel is decoded (a small
file can claim a gigapixel image), and the picture is re-encoded from its pixels alone, so
EXIF (GPS included), ICC profiles, comments and anything appended to the file are dropped.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from backend.llm_api.errors import AppError

ACCEPTED_FORMATS = ("PNG", "JPEG", "WEBP", "GIF")
TRANSPARENT_MODES = ("RGBA", "LA", "PA")
SAVE_OPTIONS = {"format": "WEBP", "quality": 85}
STORED_CONTENT_TYPE = "image/webp"
STORED_EXTENSION = "webp"


class NotAnImage(AppError):
    status_code = 415
    default_code = "unsupported_image"
    default_detail = "The file is not a PNG, JPEG, WebP or GIF image."


class ImageTooLarge(AppError):
    status_code = 413
    default_code = "image_too_large"


class BrokenImage(AppError):
    status_code = 422
    default_code = "broken_image"
    default_detail = "The image could not be decoded; it may be truncated or corrupt."


@dataclass(frozen=True)
class Avatar:
    data: bytes
    content_type: str
    extension: str
    width: int
    height: int


def avatar_from_upload(*, data: bytes, max_bytes: int, max_pixels: int, size: int) -> Avatar:
    """A square WebP of at most `size` px with no metadata, or a 413/415/422 `AppError`."""
    if len(data) > max_bytes:
        raise ImageTooLarge(f"The image is larger than {max_bytes} bytes.")
    try:
        image = Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)
    except UnidentifiedImageError:
        raise NotAnImage() from None
    except Image.DecompressionBombError:  # Pillow's own wall, past twice its MAX_IMAGE_PIXELS
        raise ImageTooLarge(code="image_too_many_pixels") from None
    except (OSError, SyntaxError, ValueError):
        raise BrokenImage() from None
    width, height = image.size
    if width * height > max_pixels:  # read from the header: nothing decoded yet
        raise ImageTooLarge(
            f"The image is {width}x{height} pixels; at most {max_pixels} pixels are accepted.",
            code="image_too_many_pixels",
        )
    try:
        image.load()  # the first frame of an animation
        square = ImageOps.fit(ImageOps.exif_transpose(image), (min(size, width, height),) * 2)
    except (OSError, SyntaxError, ValueError):
        raise BrokenImage() from None
    mode = "RGBA" if square.mode in TRANSPARENT_MODES or "transparency" in square.info else "RGB"
    pixels = Image.new(mode, square.size)
    pixels.paste(square)  # into a fresh image: no info, EXIF or ICC carried over
    out = io.BytesIO()
    pixels.save(out, **SAVE_OPTIONS)
    return Avatar(out.getvalue(), STORED_CONTENT_TYPE, STORED_EXTENSION, pixels.width, pixels.height)
