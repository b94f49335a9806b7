from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class StorageKeyNotFound(PlazaError):
    status = 404
    code = "storage.key_not_found"
    title = "The mini-program stored nothing under this key for you"


class StorageQuotaExceeded(RequestInvalid):
    code = "storage.quota_exceeded"
    title = "A mini-program stores at most 1,024 keys per person"


class StorageValueTooLarge(RequestInvalid):
    code = "storage.value_too_large"
    title = "A stored value is at most 4,096 bytes in UTF-8"


class SceneInvalid(RequestInvalid):
    code = "miniapps.scene_invalid"
    title = "A scene is up to 32 characters: letters, digits and !#$&'()*+,/:;=?@-._~"


class PagePathInvalid(RequestInvalid):
    code = "miniapps.path_invalid"
    title = "A page path starts with / and has no spaces or control characters"
