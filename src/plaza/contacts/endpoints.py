from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request, Response, status

from plaza.contacts import service
from plaza.contacts.qr import profile_url
from plaza.contacts.schemas import (
    SEARCH_QUERY_MAX,
    BlockCreate,
    ContactCard,
    Friend,
    FriendRequest,
    FriendRequestCreate,
    FriendUpdate,
    Privacy,
    PrivacyUpdate,
    RequestAnswer,
    TagCount,
)
from plaza.identity.auth import CurrentUser, authenticate_request
from plaza.identity.endpoints import to_profile
from plaza.identity.schemas import Profile
from plaza.kit.db import DbSession, UnitOfWorkRoute
from plaza.kit.pagination import Page, PageRequest, cut_page, page_request
from plaza.kit.qr import qr_png
from plaza.kit.ratelimit import Limiter
from plaza.kit.routing import Router
from plaza.kit.schemas import PathId
from plaza.media.storage import Media, MediaStorage
from plaza.realtime.broker import AppBroker

router = Router(
    prefix="/v1/contacts",
    tags=["contacts"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)

NO_CACHE = "no-cache"  # the code changes with the Plaza ID


def to_card(card: service.Card, storage: MediaStorage) -> ContactCard:
    return ContactCard(
        **to_profile(card.account, storage).model_dump(),
        relation=card.relation,
        remark=card.remark,
        blocked=card.blocked,
    )


def to_friend(view: service.FriendView, storage: MediaStorage) -> Friend:
    return Friend(
        account=to_profile(view.account, storage),
        remark=view.friendship.remark,
        tags=list(view.friendship.tags),
        since=view.friendship.created_at,
    )


def to_friend_request(
    view: service.RequestView, caller_id: int, storage: MediaStorage
) -> FriendRequest:
    request = view.request
    return FriendRequest(
        id=request.id,
        from_=to_profile(view.sender, storage),
        to=to_profile(view.recipient, storage),
        direction="incoming" if request.to_id == caller_id else "outgoing",
        greeting=request.greeting,
        status=service.status_seen_by(request, caller_id),
        created_at=request.created_at,
        expires_at=request.expires_at,
    )


@router.get("")
async def list_friends(caller: CurrentUser, session: DbSession, storage: Media) -> list[Friend]:
    """Your friends, by the name you see (remark, else display name)."""
    views = await service.list_friends(session, caller.account)
    return [to_friend(view, storage) for view in views]


@router.get("/search")
async def search(
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=SEARCH_QUERY_MAX,
            description="A Plaza ID (any letter case) or a phone number in international form.",
        ),
    ],
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    limiter: Limiter,
) -> ContactCard:
    """Find someone by Plaza ID or phone number (100 look-ups a day)."""
    card = await service.find(session, caller.account, q, limiter=limiter)
    return to_card(card, storage)


@router.get("/by-plaza-id/{plaza_id}")
async def get_by_plaza_id(
    plaza_id: Annotated[str, Path(max_length=SEARCH_QUERY_MAX)],
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    limiter: Limiter,
) -> ContactCard:
    """Whoever has this Plaza ID, as a scanned QR code shows them."""
    card = await service.find_by_plaza_id(session, caller.account, plaza_id, limiter=limiter)
    return to_card(card, storage)


@router.get(
    "/qr",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}, "description": "A PNG image."}},
)
async def my_qr_code(caller: CurrentUser, request: Request) -> Response:
    """Your QR code: a PNG of your card's address, which opens Plaza when scanned."""
    url = profile_url(str(request.base_url), caller.account.plaza_id or "")
    return Response(qr_png(url), media_type="image/png", headers={"Cache-Control": NO_CACHE})


@router.post("/requests", status_code=status.HTTP_201_CREATED)
async def send_request(
    body: FriendRequestCreate,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    limiter: Limiter,
    broker: AppBroker,
) -> FriendRequest:
    """Ask someone to be friends (30 a day); if they already asked you, you become friends."""
    view = await service.send_request(
        session, broker, caller.account, to=body.to, greeting=body.greeting, limiter=limiter
    )
    return to_friend_request(view, caller.account.id, storage)


@router.get("/requests")
async def list_requests(
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    page: Annotated[PageRequest, Depends(page_request)],
) -> Page[FriendRequest]:
    """Friend requests you received and sent, most recently sent first."""
    rows = await service.list_requests(
        session, caller.account, after_key=page.after_id, limit=page.limit + 1
    )
    items, next_cursor = cut_page(rows, page, key=lambda request: request.order_key)
    views = await service.with_accounts(session, items)
    return Page(
        items=[to_friend_request(view, caller.account.id, storage) for view in views],
        next_cursor=next_cursor,
    )


@router.post("/requests/{request_id}/accept")
async def accept_request(
    request_id: PathId,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
    broker: AppBroker,
    body: RequestAnswer | None = None,
) -> Friend:
    """Accept a friend request sent to you; you can set your remark for the new friend."""
    remark = body.remark if body is not None else None
    view = await service.accept_request(session, broker, caller.account, request_id, remark=remark)
    return to_friend(view, storage)


@router.post("/requests/{request_id}/decline", status_code=status.HTTP_204_NO_CONTENT)
async def decline_request(request_id: PathId, caller: CurrentUser, session: DbSession) -> Response:
    """Decline a friend request sent to you; the sender is not told."""
    await service.decline_request(session, caller.account, request_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/tags")
async def list_tags(caller: CurrentUser, session: DbSession) -> list[TagCount]:
    """The tags you gave your friends, with how many friends carry each."""
    counts = await service.list_tags(session, caller.account)
    return [TagCount(name=name, count=count) for name, count in counts]


@router.get("/blocks")
async def list_blocks(caller: CurrentUser, session: DbSession, storage: Media) -> list[Profile]:
    """People you blocked, most recent first."""
    accounts = await service.list_blocked(session, caller.account)
    return [to_profile(account, storage) for account in accounts]


@router.post("/blocks", status_code=status.HTTP_204_NO_CONTENT)
async def block(body: BlockCreate, caller: CurrentUser, session: DbSession) -> Response:
    """Block someone: they can no longer find you, ask you or message you."""
    await service.block(session, caller.account, body.account_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/blocks/{account_id}", status_code=status.HTTP_204_NO_CONTENT)
async def unblock(account_id: PathId, caller: CurrentUser, session: DbSession) -> Response:
    """Unblock someone; a friendship you had comes back."""
    await service.unblock(session, caller.account, account_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get("/privacy")
async def get_privacy(caller: CurrentUser, session: DbSession) -> Privacy:
    """How others may find you."""
    settings = await service.get_privacy(session, caller.account.id)
    return Privacy(findable_by_phone=settings.findable_by_phone)


@router.patch("/privacy")
async def update_privacy(body: PrivacyUpdate, caller: CurrentUser, session: DbSession) -> Privacy:
    """Choose whether others can find you by phone number."""
    settings = await service.update_privacy(session, caller.account, body)
    return Privacy(findable_by_phone=settings.findable_by_phone)


@router.patch("/{account_id}")
async def update_friend(
    account_id: PathId,
    body: FriendUpdate,
    caller: CurrentUser,
    session: DbSession,
    storage: Media,
) -> Friend:
    """Set your remark and tags for a friend; only you see them."""
    view = await service.update_friend(session, caller.account, account_id, body)
    return to_friend(view, storage)


@router.delete("/{account_id}", status_code=status.HTTP_204_NO_CONTENT)
async def remove_friend(
    account_id: PathId, caller: CurrentUser, session: DbSession, broker: AppBroker
) -> Response:
    """Remove a friend, on both sides."""
    await service.remove_friend(session, broker, caller.account, account_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
