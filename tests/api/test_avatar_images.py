"""Avatar pictures: decoded by their bytes, bounded before decoding, re-encoded without metadata.

Pure Python (no stack): `avatar_from_upload` is what POST /api/user/profile/avatar runs.
"""

from __future__ import annotations

import io

import pytest
from PIL import Image

from backend.llm_api.services.avatar_images import (
    BrokenImage,
    ImageTooLarge,
    NotAnImage,
    avatar_from_upload,
)

LIMITS = {"max_bytes": 1_000_000, "max_pixels": 1_000_000, "size": 64}


def encoded(image: Image.Image, fmt: str, **save) -> bytes:
    out = io.BytesIO()
    image.save(out, format=fmt, **save)
    return out.getvalue()


def decode(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_the_result_is_a_square_webp_no_larger_than_asked():
    avatar = avatar_from_upload(data=encoded(Image.new("RGB", (300, 200), "red"), "PNG"), **LIMITS)
    image = decode(avatar.data)
    assert (avatar.content_type, avatar.extension) == ("image/webp", "webp")
    assert image.format == "WEBP" and image.size == (64, 64) == (avatar.width, avatar.height)
    assert image.getpixel((32, 32))[:3] == pytest.approx((255, 0, 0), abs=8)


@pytest.mark.parametrize("size", [(40, 30), (30, 40)])
def test_small_pictures_are_cropped_square_not_enlarged(size):
    avatar = avatar_from_upload(data=encoded(Image.new("RGB", size, "blue"), "PNG"), **LIMITS)
    assert decode(avatar.data).size == (30, 30) == (avatar.width, avatar.height)


@pytest.mark.parametrize(("image", "fmt", "save"), [
    (Image.new("RGBA", (80, 80), (0, 255, 0, 0)), "PNG", {}),
    (Image.new("LA", (80, 80), (128, 0)), "PNG", {}),
    (Image.new("P", (80, 80), 0), "GIF", {"transparency": 0}),
])
def test_transparency_is_kept(image, fmt, save):
    avatar = avatar_from_upload(data=encoded(image, fmt, **save), **LIMITS)
    result = decode(avatar.data)
    assert result.mode == "RGBA" and result.getpixel((10, 10))[3] == 0


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "GIF"])
def test_opaque_pictures_have_no_alpha(fmt):
    avatar = avatar_from_upload(data=encoded(Image.new("RGB", (80, 80), "white"), fmt), **LIMITS)
    assert decode(avatar.data).mode == "RGB"


def test_an_animation_keeps_its_first_frame():
    frames = [Image.new("RGB", (80, 80), color) for color in ("red", "blue")]
    out = io.BytesIO()
    frames[0].save(out, format="GIF", save_all=True, append_images=frames[1:])
    pixel = decode(avatar_from_upload(data=out.getvalue(), **LIMITS).data).getpixel((5, 5))
    assert pixel[0] > 200 and pixel[2] < 60


def test_the_exif_orientation_is_applied_then_dropped():
    picture = Image.new("RGB", (120, 60), "red")
    picture.paste(Image.new("RGB", (60, 60), "blue"), (60, 0))  # left red, right blue
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise when shown: red on top, blue below
    avatar = avatar_from_upload(data=encoded(picture, "JPEG", exif=exif.tobytes()), **LIMITS)
    image = decode(avatar.data).convert("RGB")
    assert image.size == (60, 60)  # the middle of the upright 60x120 picture: red above blue
    top_right, bottom_left = image.getpixel((55, 5)), image.getpixel((5, 55))
    assert top_right[0] > 200 and top_right[2] < 60
    assert bottom_left[2] > 200 and bottom_left[0] < 60
    assert not decode(avatar.data).getexif()


@pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO", "PPM"])
def test_other_image_formats_are_refused(fmt):
    with pytest.raises(NotAnImage):
        avatar_from_upload(data=encoded(Image.new("RGB", (16, 16)), fmt), **LIMITS)


def test_the_byte_limit_is_inclusive():
    data = encoded(Image.new("RGB", (16, 16)), "PNG")
    assert avatar_from_upload(data=data, **{**LIMITS, "max_bytes": len(data)}).width == 16
    with pytest.raises(ImageTooLarge) as refused:
        avatar_from_upload(data=data, **{**LIMITS, "max_bytes": len(data) - 1})
    assert refused.value.detail == f"The image is larger than {len(data) - 1} bytes."
    assert refused.value.status_code == 413


def test_the_pixel_limit_is_read_from_the_header_and_inclusive():
    data = encoded(Image.new("1", (100, 50)), "PNG")
    assert avatar_from_upload(data=data, **{**LIMITS, "max_pixels": 5000}).width == 50
    with pytest.raises(ImageTooLarge) as refused:
        avatar_from_upload(data=data, **{**LIMITS, "max_pixels": 4999})
    assert refused.value.code == "image_too_many_pixels"
    assert refused.value.detail == "The image is 100x50 pixels; at most 4999 pixels are accepted."


def test_pillows_own_bomb_limit_is_a_413_too(monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # Pillow refuses past twice this
    with pytest.raises(ImageTooLarge) as refused:
        avatar_from_upload(data=encoded(Image.new("1", (100, 50)), "PNG"), **LIMITS)
    assert refused.value.code == "image_too_many_pixels"


@pytest.mark.parametrize("cut", [30, 200])
def test_truncated_files_are_broken_not_errors(cut):
    data = encoded(Image.effect_noise((200, 200), 60).convert("RGB"), "PNG")
    with pytest.raises((BrokenImage, NotAnImage)) as refused:
        avatar_from_upload(data=data[:cut], **LIMITS)
    assert refused.value.status_code in (415, 422)


def test_a_truncated_jpeg_body_is_a_broken_image():
    data = encoded(Image.effect_noise((200, 200), 60).convert("RGB"), "JPEG")
    with pytest.raises(BrokenImage) as refused:
        avatar_from_upload(data=data[: len(data) // 2], **LIMITS)
    assert refused.value.status_code == 422
