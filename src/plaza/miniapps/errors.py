from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class NotDeveloper(PlazaError):
    status = 403
    code = "miniapps.not_developer"
    title = "Register as a developer first"


class NotAdmin(PlazaError):
    status = 403
    code = "miniapps.not_admin"
    title = "Only platform admins review mini-programs"


class MiniAppNotFound(PlazaError):
    """Unknown, or someone else's: answered alike so that nobody learns which."""

    status = 404
    code = "miniapps.not_found"
    title = "No such mini-program"


class NameTaken(PlazaError):
    status = 409
    code = "miniapps.name_taken"
    title = "Another mini-program has this name"


class DomainInvalid(RequestInvalid):
    code = "miniapps.domain_invalid"
    title = "Server domains are https host names, such as api.example.com"


class PackageTooLarge(PlazaError):
    status = 413
    code = "miniapps.package_too_large"
    title = "A package is 2 MB at most"


class QuotaExceeded(PlazaError):
    status = 413
    code = "miniapps.quota_exceeded"
    title = "A mini-program's packages take 20 MB at most"


class PackageInvalid(RequestInvalid):
    code = "miniapps.package_invalid"
    title = "The package is not a valid zip file"


class UnsafePath(RequestInvalid):
    code = "miniapps.unsafe_path"
    title = "A file in the package has an unsafe path"


class ManifestMissing(RequestInvalid):
    code = "miniapps.manifest_missing"
    title = "The package has no manifest.json at its root"


class ManifestInvalid(RequestInvalid):
    code = "miniapps.manifest_invalid"
    title = "The manifest is not valid"


class ManifestIdMismatch(RequestInvalid):
    code = "miniapps.manifest_id_mismatch"
    title = "The manifest's id is not this mini-program's app id"


class FileMissing(RequestInvalid):
    code = "miniapps.file_missing"
    title = "The manifest names a file the package does not hold"


class DomainNotDeclared(RequestInvalid):
    code = "miniapps.domain_not_declared"
    title = "The manifest names a server domain the mini-program did not declare"


class VersionExists(PlazaError):
    status = 409
    code = "miniapps.version_exists"
    title = "This version was already uploaded"


class VersionNotFound(PlazaError):
    status = 404
    code = "miniapps.version_not_found"
    title = "No such version"


class TransitionNotAllowed(PlazaError):
    status = 409
    code = "miniapps.transition_not_allowed"
    title = "The version's state does not allow this"


class ReviewPending(PlazaError):
    status = 409
    code = "miniapps.review_pending"
    title = "Another version of this mini-program is under review"


class NotReleased(PlazaError):
    status = 409
    code = "miniapps.not_released"
    title = "Only a released version can go live again"


class AlreadyLive(PlazaError):
    status = 409
    code = "miniapps.already_live"
    title = "This version is already the live one"


class TesterNotFound(RequestInvalid):
    code = "miniapps.tester_not_found"
    title = "No one has this Plaza ID"
