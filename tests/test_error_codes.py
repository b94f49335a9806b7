"""Every error code the server can answer with is documented in docs/api/errors.md."""

from __future__ import annotations

import re

import plaza.api  # noqa: F401  (imports every domain's endpoints and errors)
from plaza.config import REPO_ROOT
from plaza.kit.errors import PlazaError
from plaza.models import import_all_models

ERRORS_DOC = REPO_ROOT / "docs" / "api" / "errors.md"
HANDLER_CODES = {
    "request.too_large",
    "request.conflict",
    "not_found",
    "method_not_allowed",
    "internal",
}
VALIDATOR_CODES = {
    "identity.phone_invalid",
    "identity.plaza_id_invalid",
    "chat.text_too_long",
    "chat.unknown_kind",
}


def all_error_classes() -> set[type[PlazaError]]:
    import_all_models()
    found: set[type[PlazaError]] = set()
    pending = [PlazaError]
    while pending:
        for subclass in pending.pop().__subclasses__():
            if subclass.__module__.startswith("plaza."):
                found.add(subclass)
            pending.append(subclass)
    return found


def test_every_code_is_documented() -> None:
    documented = set(re.findall(r"^\| `([a-z_.]+)` \|", ERRORS_DOC.read_text(), re.MULTILINE))
    raised = {error.code for error in all_error_classes()} | HANDLER_CODES | VALIDATOR_CODES
    assert raised - documented == set(), "add these to docs/api/errors.md"
    assert documented - raised == set(), "these are documented but never raised"
