from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from plaza.identity.schemas import Text
from plaza.kit.schemas import Schema

TITLE_MAX = 20
FIELD_NAME_MAX = 20
FIELDS_MAX = 5
VALUE_MAX = 40  # a field's value, as shown in the card
PAGE_MAX = 256
DATA_KEYS_MAX = 20  # bounds the body; more than FIELDS_MAX is answered data_invalid
ASK_MAX = 3  # as WeChat's requestSubscribeMessage: three templates at a time
TEMPLATE_ID = re.compile(r"^tpl_[0-9a-f]{16}$")
_PAGE = re.compile(r"^[A-Za-z0-9/_.~%?=&+,;:@!$'()*-]*$")

TemplateId = Annotated[
    str, StringConstraints(pattern=TEMPLATE_ID.pattern), Field(examples=["tpl_5c1e0a9b3f7d2e64"])
]
Answer = Literal["accept", "reject"]


def check_page(value: str) -> str:
    """A page of the mini-program, made to start with "/": never another origin."""
    page = value if value.startswith("/") else "/" + value
    if page.startswith("//") or not _PAGE.match(page):
        raise PydanticCustomError(
            "request.invalid", "page is a path inside the mini-program, such as /pages/order?id=7"
        )
    return page


class TemplateCreate(Schema):
    title: Annotated[Text, StringConstraints(min_length=1, max_length=TITLE_MAX)] = Field(
        description="What the card says at the top, such as “Order ready”."
    )
    fields: list[Annotated[Text, StringConstraints(min_length=1, max_length=FIELD_NAME_MAX)]] = (
        Field(
            min_length=1,
            max_length=FIELDS_MAX,
            description="The names of the card's rows, in order, such as “Order” and “Pick up at”.",
        )
    )

    @model_validator(mode="after")
    def _check_fields_differ(self) -> Self:
        if len(set(self.fields)) != len(self.fields):
            raise PydanticCustomError("request.invalid", "Each field needs a name of its own")
        return self


class TemplateOut(Schema):
    template_id: TemplateId
    title: str
    fields: list[str]
    created_at: datetime


class SubscriptionAnswers(Schema):
    accepted: list[TemplateId] = Field(
        default_factory=list,
        max_length=ASK_MAX,
        description="Templates the person accepted: one more message of each is allowed.",
    )
    rejected: list[TemplateId] = Field(default_factory=list, max_length=ASK_MAX)

    @model_validator(mode="after")
    def _check_answers(self) -> Self:
        if set(self.accepted) & set(self.rejected):
            raise PydanticCustomError(
                "request.invalid", "A template is either accepted or rejected, not both"
            )
        if not self.accepted and not self.rejected:
            raise PydanticCustomError("request.invalid", "Answer at least one template")
        return self


class FieldValue(Schema):
    value: Annotated[str, StringConstraints(max_length=1000)] = Field(
        description="At most 40 characters."
    )


class SubscribeMessage(Schema):
    touser: Annotated[str, StringConstraints(min_length=1, max_length=64)] = Field(
        description="The person's openid in this mini-program, from code2session."
    )
    template_id: TemplateId
    page: Annotated[str, StringConstraints(max_length=PAGE_MAX), AfterValidator(check_page)] = (
        Field("/", description="Where tapping the card opens the mini-program.")
    )
    data: dict[str, FieldValue] = Field(
        max_length=DATA_KEYS_MAX,
        description="A value for every field of the template, and nothing else.",
        examples=[{"Order": {"value": "Flat white"}, "Pick up at": {"value": "Counter 2"}}],
    )


class SubscribeMessageSent(Schema):
    msgid: str = Field(description="The id of the message in the person's chat.")
