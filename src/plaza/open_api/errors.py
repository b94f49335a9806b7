from __future__ import annotations

from plaza.kit.errors import PlazaError


class CredentialsInvalid(PlazaError):
    """A wrong secret and an unknown app id are answered alike: no oracle for app ids."""

    status = 401
    code = "open.credentials_invalid"
    title = "The app id or app secret is wrong"


class AccessTokenInvalid(PlazaError):
    status = 401
    code = "open.token_invalid"
    title = "The access token is missing, unknown or expired"


class CodeInvalid(PlazaError):
    """Unknown, of the other kind, or issued for another mini-program: the code is left as
    it was, so a code stolen by another app cannot burn the rightful one's."""

    status = 400
    code = "open.code_invalid"
    title = "No such code for this mini-program"


class CodeUsed(PlazaError):
    status = 409
    code = "open.code_used"
    title = "The code was already exchanged"


class CodeExpired(PlazaError):
    status = 410
    code = "open.code_expired"
    title = "The code expired"


class ConsentRequired(PlazaError):
    status = 403
    code = "open.consent_required"
    title = "The person has not granted this scope to the mini-program"
