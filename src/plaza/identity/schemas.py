from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

import phonenumbers
from pydantic import AfterValidator, Field, StringConstraints
from pydantic_core import PydanticCustomError

from plaza.kit.schemas import Id, Schema

PLAZA_ID_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{5,19}$")  # 6-20 chars, WeChat-like
CODE_LENGTH = 6
DISPLAY_NAME_MAX = 32
BIO_MAX = 120
REGION_MAX = 64
DEVICE_NAME_MAX = 64


def check_phone(value: str) -> str:
    """Normalise to E.164, or refuse with ``identity.phone_invalid``."""
    try:
        number = phonenumbers.parse(value, None)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise PydanticCustomError(
            "identity.phone_invalid",
            "Enter a phone number in international form, such as +8613800138000",
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def check_plaza_id(value: str) -> str:
    if not PLAZA_ID_PATTERN.match(value):
        raise PydanticCustomError(
            "identity.plaza_id_invalid",
            "A Plaza ID has 6-20 letters, digits, _ or -, and starts with a letter",
        )
    return value


Phone = Annotated[str, StringConstraints(max_length=32), AfterValidator(check_phone)]
PlazaId = Annotated[str, AfterValidator(check_plaza_id)]
Text = Annotated[str, StringConstraints(strip_whitespace=True)]


class CodeRequest(Schema):
    phone: Phone = Field(description="The phone number in E.164 form, such as +8613800138000.")


class CodeSent(Schema):
    phone: str = Field(description="The number the code went to, normalised to E.164.")
    expires_at: datetime
    code_length: int = CODE_LENGTH


class SignIn(Schema):
    phone: Phone
    code: Annotated[str, StringConstraints(pattern=r"^[0-9]{6}$")] = Field(
        description="The 6-digit code from the SMS."
    )
    device_name: Annotated[Text, StringConstraints(min_length=1, max_length=DEVICE_NAME_MAX)] = (
        Field("Unknown device", description="Shown in the device list, such as 'Chrome on Mac'.")
    )


class Avatar(Schema):
    original: str = Field(description="URL of the re-encoded upload.")
    small: str = Field(description="URL of a 132 px square thumbnail.")
    medium: str = Field(description="URL of a 640 px square thumbnail.")


class Profile(Schema):
    """What others see of an account."""

    id: Id
    plaza_id: str = Field(description="Empty for a deleted account.")
    display_name: str = Field(description="Empty for a deleted account.")
    bio: str
    region: str
    avatar: Avatar | None
    deleted: bool = Field(description="True once the account was deleted.")


class Me(Schema):
    id: Id
    phone: str
    plaza_id: str
    display_name: str
    bio: str
    region: str
    avatar: Avatar | None
    plaza_id_changeable_at: datetime | None = Field(
        description="When the Plaza ID may next be changed; null when it may be now."
    )
    profile_complete: bool = Field(description="False until a display name is set.")
    created_at: datetime


class Device(Schema):
    id: Id
    name: str
    created_at: datetime
    last_seen_at: datetime
    current: bool = Field(description="True for the device making this request.")


class SignedIn(Schema):
    token: str = Field(description="Bearer token for the Authorization header.")
    account: Me
    device: Device
    created: bool = Field(description="True when this sign-in created the account.")


class ProfileUpdate(Schema):
    display_name: (
        Annotated[Text, StringConstraints(min_length=1, max_length=DISPLAY_NAME_MAX)] | None
    ) = None
    plaza_id: PlazaId | None = None
    bio: Annotated[Text, StringConstraints(max_length=BIO_MAX)] | None = None
    region: Annotated[Text, StringConstraints(max_length=REGION_MAX)] | None = None


class AccountDeletion(Schema):
    phone: Phone = Field(description="The account's phone number, typed again to confirm.")
