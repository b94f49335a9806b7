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


class FileTooLarge(PlazaError):
    status = 413
    code = "media.file_too_large"
    title = "The file is too large"


class AudioUnsupported(PlazaError):
    status = 415
    code = "media.audio_unsupported"
    title = "That recording could not be read"


class VoiceTooLong(PlazaError):
    status = 422
    code = "media.voice_too_long"
    title = "A voice message lasts at most 60 seconds"


class MediaNotFound(PlazaError):
    status = 404
    code = "media.not_found"
    title = "No such upload"
