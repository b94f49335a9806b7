"""Subscribe messages: templates in the developer console, the person's answers in the
host's dialog, and sending through the Open API. Docs: docs/open-platform/subscribe-messages.md."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Path, Query, Request, Response, status
from pydantic import StringConstraints

from plaza.config import AppSettings
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.errors import RequestInvalid
from plaza.kit.idempotency import MAX_KEY_LENGTH, run_idempotent
from plaza.kit.routing import Router
from plaza.miniapps.endpoints import AppIdPath
from plaza.miniapps.notices import service
from plaza.miniapps.notices.models import Template
from plaza.miniapps.notices.schemas import (
    ASK_MAX,
    TEMPLATE_ID,
    Answer,
    SubscribeMessage,
    SubscribeMessageSent,
    SubscriptionAnswers,
    TemplateCreate,
    TemplateOut,
)
from plaza.miniapps.runtime.origins import Origins
from plaza.open_api.endpoints import CallingApp
from plaza.realtime.broker import AppBroker

console_router = Router(
    prefix="/v1/miniapps",
    tags=["miniapps"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""The developer's templates."""

host_router = Router(
    prefix="/v1/miniapps",
    tags=["open"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
"""What the host's subscribe dialog reads and records for the signed-in person."""

open_router = Router(prefix="/open/v1", tags=["open"], route_class=UnitOfWorkRoute)
"""Called by mini-program servers with an access token."""

TemplatePath = Annotated[
    str,
    Path(pattern=TEMPLATE_ID.pattern, description='"tpl_" and 16 hex digits.'),
]
SEND_SCOPE = "notices.send"


def to_template(template: Template) -> TemplateOut:
    return TemplateOut(
        template_id=template.template_id,
        title=template.title,
        fields=list(template.fields),
        created_at=template.created_at,
    )


@console_router.post("/{appid}/templates", status_code=status.HTTP_201_CREATED)
async def create_template(
    appid: AppIdPath, body: TemplateCreate, caller: CurrentUser, session: DbSession
) -> TemplateOut:
    """Define a subscribe-message template: a title and 1 to 5 field names (up to 50
    templates a mini-program)."""
    return to_template(await service.create_template(session, caller.account, appid, body))


@console_router.get("/{appid}/templates")
async def list_templates(
    appid: AppIdPath, caller: CurrentUser, session: DbSession
) -> list[TemplateOut]:
    """The mini-program's templates, oldest first."""
    return [to_template(t) for t in await service.list_templates(session, caller.account, appid)]


@console_router.delete("/{appid}/templates/{template_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_template(
    appid: AppIdPath, template_id: TemplatePath, caller: CurrentUser, session: DbSession
) -> Response:
    """Remove a template and the acceptances people gave it; messages already sent stay."""
    await service.delete_template(session, caller.account, appid, template_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _template_ids(ids: str) -> list[str]:
    found = [part.strip() for part in ids.split(",") if part.strip()]
    if not found or len(found) > ASK_MAX:
        raise RequestInvalid(f"Name 1 to {ASK_MAX} templates.", field="ids")
    for template_id in found:
        if not TEMPLATE_ID.match(template_id):
            raise RequestInvalid(f"{template_id!r} is not a template id.", field="ids")
    return found


@host_router.get("/{appid}/subscriptions/templates")
async def templates_to_ask(
    appid: AppIdPath,
    caller: CurrentUser,
    session: DbSession,
    ids: Annotated[
        str,
        Query(
            max_length=ASK_MAX * 21,
            description="Up to 3 template ids, separated by commas, as the mini-program "
            "passed them to `plaza.requestSubscribeMessage`.",
        ),
    ],
) -> list[TemplateOut]:
    """The templates a mini-program asks the caller to accept, for the host's dialog; 404
    ``notices.template_not_found`` if any is not this mini-program's."""
    templates = await service.templates_to_ask(
        session, caller.account.id, appid, _template_ids(ids)
    )
    return [to_template(template) for template in templates]


@host_router.post("/{appid}/subscriptions")
async def answer_subscriptions(
    appid: AppIdPath, body: SubscriptionAnswers, caller: CurrentUser, session: DbSession
) -> dict[str, Answer]:
    """Record the caller's answers in the host's dialog: each accept allows the
    mini-program one more message of that template (at most 100 waiting)."""
    return await service.answer(
        session, caller.account.id, appid, accepted=body.accepted, rejected=body.rejected
    )


@open_router.post(
    "/subscribe-messages",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "A retry with the same Idempotency-Key: the first result."}},
)
async def send_subscribe_message(
    body: SubscribeMessage,
    app: CallingApp,
    request: Request,
    response: Response,
    session: DbSession,
    broker: AppBroker,
    settings: AppSettings,
    idempotency_key: Annotated[
        Annotated[str, StringConstraints(min_length=1, max_length=MAX_KEY_LENGTH)] | None,
        Header(
            alias="Idempotency-Key",
            description="Optional, chosen by your server per message: a retry returns the "
            "first result instead of sending again.",
        ),
    ] = None,
) -> SubscribeMessageSent:
    """Send a subscribe message to a person who accepted its template, using up one
    acceptance. It arrives in their Service Notifications chat as a card that opens the
    mini-program at `page`. 403 ``notices.no_subscription`` when no acceptance is left."""
    origin = Origins.from_settings(settings).origin_of(app.app_id, request_port=request.url.port)

    async def work() -> dict[str, Any]:
        msgid = await service.send(session, broker, app, body, origin=origin)
        return {"msgid": str(msgid)}

    if idempotency_key is None:
        return SubscribeMessageSent.model_validate(await work())
    created = False

    async def first() -> dict[str, Any]:
        nonlocal created
        created = True
        return await work()

    result = await run_idempotent(
        session,
        scope=SEND_SCOPE,
        owner_id=app.id,
        key=idempotency_key,
        request_body=body.model_dump(mode="json"),
        work=first,
    )
    if not created:
        response.status_code = status.HTTP_200_OK
    return SubscribeMessageSent.model_validate(result)
