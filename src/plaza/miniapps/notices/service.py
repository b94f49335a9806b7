"""Subscribe messages, modelled on WeChat's one-time subscriptions.

- A developer defines templates (a title and up to five field names) per mini-program.
- The mini-program asks with ``plaza.requestSubscribeMessage``; the host shows the
  templates and the person accepts or rejects each. Every accept allows one message of
  that template (kept as a count of credits, at most ``CREDITS_MAX``).
- The developer's server sends one through the Open API: it names the person by openid,
  fills every field, and uses up one credit. The message lands in the person's Service
  Notifications chat (``plaza.chat.service_notices``) as a card that opens the
  mini-program at the given page.
"""

from __future__ import annotations

import secrets
from collections.abc import Collection, Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from plaza.chat import service_notices
from plaza.identity.models import Account
from plaza.kit import clock
from plaza.kit.ids import new_id
from plaza.miniapps import repository as miniapps_repository
from plaza.miniapps import service as miniapps
from plaza.miniapps.models import MiniApp
from plaza.miniapps.notices import repository
from plaza.miniapps.notices.errors import (
    DataInvalid,
    NoSubscription,
    TemplateNotFound,
    TooManyTemplates,
    UserNotFound,
)
from plaza.miniapps.notices.models import Template
from plaza.miniapps.notices.schemas import (
    VALUE_MAX,
    Answer,
    FieldValue,
    SubscribeMessage,
    TemplateCreate,
)
from plaza.open_api import sessions
from plaza.realtime.broker import Broker

TEMPLATES_MAX = 50  # per mini-program
CREDITS_MAX = 100  # per person and template: accepts beyond it are not counted
TEMPLATE_ID_PREFIX = "tpl_"


# The developer console


async def create_template(
    session: AsyncSession, account: Account, app_id: str, body: TemplateCreate
) -> Template:
    app = await miniapps.owned_app(session, account.id, app_id, for_update=True)
    if await repository.count_templates(session, app.id) >= TEMPLATES_MAX:
        raise TooManyTemplates()
    template = Template(
        id=new_id(),
        template_id=TEMPLATE_ID_PREFIX + secrets.token_hex(8),
        miniapp_id=app.id,
        title=body.title,
        fields=list(body.fields),
        created_at=clock.now(),
    )
    session.add(template)
    await session.flush()
    return template


async def list_templates(
    session: AsyncSession, account: Account, app_id: str
) -> Sequence[Template]:
    app = await miniapps.owned_app(session, account.id, app_id)
    return await repository.list_templates(session, app.id)


async def _template_of(session: AsyncSession, app: MiniApp, template_id: str) -> Template:
    template = await repository.get_template_or_none(session, template_id)
    if template is None or template.miniapp_id != app.id:
        raise TemplateNotFound(field="template_id")
    return template


async def delete_template(
    session: AsyncSession, account: Account, app_id: str, template_id: str
) -> None:
    """Remove a template; the credits people gave it go with it, and messages already sent
    stay in their chats."""
    app = await miniapps.owned_app(session, account.id, app_id)
    template = await _template_of(session, app, template_id)
    await repository.delete_template(session, template.id)


# The host's dialog


async def _templates_of(
    session: AsyncSession, app: MiniApp, fields: Mapping[str, Collection[str]]
) -> dict[str, Template]:
    """The app's templates named under each request field; any other is not found."""
    found = await repository.get_templates(session, [i for ids in fields.values() for i in ids])
    for field, template_ids in fields.items():
        for template_id in template_ids:
            template = found.get(template_id)
            if template is None or template.miniapp_id != app.id:
                raise TemplateNotFound(
                    f"{template_id} is not a template of this mini-program.", field=field
                )
    return found


async def templates_to_ask(
    session: AsyncSession, account_id: int, app_id: str, template_ids: Sequence[str]
) -> list[Template]:
    """The templates the mini-program asks the person about, in the order it named them."""
    app = await miniapps.openable_app(session, account_id, app_id)
    found = await _templates_of(session, app, {"ids": template_ids})
    return [found[template_id] for template_id in dict.fromkeys(template_ids)]


async def answer(
    session: AsyncSession,
    account_id: int,
    app_id: str,
    *,
    accepted: Sequence[str],
    rejected: Sequence[str],
) -> dict[str, Answer]:
    """Record the person's answers: each accept allows one more message of its template."""
    app = await miniapps.openable_app(session, account_id, app_id)
    found = await _templates_of(session, app, {"accepted": accepted, "rejected": rejected})
    now = clock.now()
    for template_id in dict.fromkeys(accepted):
        await repository.add_credit(
            session, found[template_id].id, account_id, cap=CREDITS_MAX, now=now
        )
    answers: dict[str, Answer] = {template_id: "reject" for template_id in rejected}
    return answers | {template_id: "accept" for template_id in accepted}


# The Open API


def check_data(template: Template, data: Mapping[str, FieldValue]) -> list[dict[str, str]]:
    """The card's rows, in the template's order: every field filled, nothing else."""
    unknown = [name for name in data if name not in template.fields]
    if unknown:
        raise DataInvalid(
            f"The template has no field {unknown[0]!r}; its fields: {', '.join(template.fields)}.",
            field=f"data.{unknown[0]}",
        )
    missing = [name for name in template.fields if name not in data]
    if missing:
        raise DataInvalid(f"Fill the field {missing[0]!r}.", field=f"data.{missing[0]}")
    for name in template.fields:
        if len(data[name].value) > VALUE_MAX:
            raise DataInvalid(
                f"A value has at most {VALUE_MAX} characters.", field=f"data.{name}.value"
            )
    return [{"name": name, "value": data[name].value} for name in template.fields]


async def icon_url_of(session: AsyncSession, app: MiniApp, origin: str) -> str | None:
    """The icon of the released version, served from the mini-program's origin."""
    if app.live_version is None:
        return None
    live = await miniapps_repository.get_version_or_none(session, app.id, app.live_version)
    return f"{origin}/{live.manifest['icon']}" if live is not None else None


async def send(
    session: AsyncSession,
    broker: Broker,
    app: MiniApp,
    body: SubscribeMessage,
    *,
    origin: str,
) -> int:
    """Send one message of a template the person accepted, using up that acceptance;
    returns the chat message's id. Refused, it changes nothing. ``origin`` is the
    mini-program's, where its icon is served."""
    template = await _template_of(session, app, body.template_id)
    account_id = await sessions.account_for_openid_or_none(session, app, body.touser)
    if account_id is None:
        raise UserNotFound(field="touser")
    rows = check_data(template, body.data)
    if not await repository.take_credit(session, template.id, account_id, clock.now()):
        raise NoSubscription()
    content: dict[str, Any] = {
        "app_id": app.app_id,
        "app_name": app.name,
        "icon_url": await icon_url_of(session, app, origin),
        "title": template.title,
        "fields": rows,
        "page": body.page,
    }
    message = await service_notices.post_notice(session, broker, account_id, content)
    return message.id
