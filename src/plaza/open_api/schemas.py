from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import Field, StringConstraints

from plaza.kit.schemas import Schema
from plaza.open_api.models import Scope

CODE_MAX = 64
SECRET_MAX = 64

Code = Annotated[str, StringConstraints(min_length=1, max_length=CODE_MAX)]


class AccessTokenRequest(Schema):
    app_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    app_secret: Annotated[str, StringConstraints(min_length=1, max_length=SECRET_MAX)]


class AccessTokenOut(Schema):
    access_token: str
    expires_in: int = Field(description="Seconds the token is valid for: 7200.")


class CodeExchange(Schema):
    code: Code


class AppSessionOut(Schema):
    openid: str = Field(description="The person in this mini-program; stable, per app.")
    unionid: str = Field(description="The person across this developer's mini-programs.")
    session_key: str = Field(description="Fresh per exchange; keep it on your server.")


class PhoneNumberOut(Schema):
    phone_number: str = Field(description="E.164, such as +12025550101.")


class OneTimeCodeOut(Schema):
    code: str = Field(description="One-time, for the mini-program's server to exchange.")
    expires_at: datetime


class ConsentGrant(Schema):
    scope: Scope


class ConsentOut(Schema):
    scope: Scope
    granted_at: datetime
