"""A resident's photo, made safe to keep: type and size checked, and the picture
re-encoded from its pixels so no EXIF block (camera, time, GPS position) survives."""

from __future__ import annotations

import io

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_SIDE = 1600
#: Decoded size a photo may claim (a "decompression bomb" claims far more).
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG", "PNG", "WEBP"}


def photo_clean(upload: object) -> SimpleUploadedFile:
    """A JPEG of at most MAX_SIDE pixels a side, from the upload's pixels only;
    ValidationError on anything that is not a JPEG, PNG or WebP picture."""
    size = getattr(upload, "size", 0) or 0
    if size > MAX_BYTES:
        raise ValidationError(
            {
                "photo": _("Fotot är för stort: högst %(mb)d MB.")
                % {"mb": MAX_BYTES // 2**20}
            }
        )
    try:
        upload.seek(0)  # type: ignore[attr-defined]
        image = Image.open(upload)  # type: ignore[arg-type]
        if image.format not in FORMATS:
            raise ValidationError(
                {"photo": _("Fotot ska vara en JPEG-, PNG- eller WebP-bild.")}
            )
        if image.width * image.height > MAX_PIXELS:
            raise ValidationError({"photo": _("Fotot har för många bildpunkter.")})
        image.load()
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise ValidationError(
            {"photo": _("Fotot ska vara en JPEG-, PNG- eller WebP-bild.")}
        ) from None
    # Turn the picture the way the camera held it, then forget every tag.
    upright = ImageOps.exif_transpose(image).convert("RGB")
    upright.thumbnail((MAX_SIDE, MAX_SIDE))
    clean = Image.new("RGB", upright.size)
    clean.paste(upright)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=85)
    return SimpleUploadedFile("foto.jpg", out.getvalue(), content_type="image/jpeg")
