from __future__ import annotations

from plaza.kit.errors import PlazaError


class ImageTooLarge(PlazaError):
    status = 413
    code = "media.image_too_large"
    title = "The image file is too large"


class ImageUnsupported(PlazaError):
    status = 415
    code = "media.image_unsupported"
    title = "Only PNG, JPEG and WebP images are accepted"


class ImageTooManyPixels(PlazaError):
    status = 422
    code = "media.image_too_many_pixels"
    title = "The image has too many pixels"
