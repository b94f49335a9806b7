from __future__ import annotations

from plaza.kit.errors import PlazaError, RequestInvalid


class CodeInvalid(PlazaError):
    code = "identity.code_invalid"
    title = "That code is not right"
    keeps_changes = True  # the wrong attempt is counted


class CodeExpired(PlazaError):
    code = "identity.code_expired"
    title = "That code has expired; ask for a new one"


class CodeUsed(PlazaError):
    code = "identity.code_used"
    title = "That code was already used; ask for a new one"


class CodeAttemptsExceeded(PlazaError):
    code = "identity.code_attempts_exceeded"
    title = "Too many wrong tries; ask for a new code"


class PlazaIdTaken(PlazaError):
    status = 409
    code = "identity.plaza_id_taken"
    title = "That Plaza ID is taken"


class PlazaIdChangeTooSoon(PlazaError):
    status = 409
    code = "identity.plaza_id_change_too_soon"
    title = "A Plaza ID can be changed once a year"


class PhoneMismatch(RequestInvalid):
    code = "identity.phone_mismatch"
    title = "That is not this account's phone number"


class TokenMissing(PlazaError):
    status = 401
    code = "auth.token_missing"
    title = "Sign in first"


class TokenInvalid(PlazaError):
    status = 401
    code = "auth.token_invalid"
    title = "This session token is not valid"


class TokenRevoked(PlazaError):
    status = 401
    code = "auth.token_revoked"
    title = "This device was signed out"


class DeviceNotFound(PlazaError):
    status = 404
    code = "identity.device_not_found"
    title = "No such device"


class AccountNotFound(PlazaError):
    status = 404
    code = "identity.account_not_found"
    title = "No such account"
