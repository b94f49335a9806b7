"""Demo Moments: friends' posts with photos, a like, a comment and a reply, a status."""

from __future__ import annotations

import io
import secrets
from dataclasses import dataclass

import anyio
from PIL import Image, ImageDraw
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit.db import Database
from plaza.media import service as media
from plaza.media.schemas import UploadKind
from plaza.media.storage import MediaStorage
from plaza.moments import service
from plaza.moments.schemas import (
    MomentStatusUpdate,
    PostAudience,
    PostCommentCreate,
    PostCreate,
    PostLocation,
)
from plaza.realtime.broker import MemoryBroker

PICTURE_SIZE = (960, 720)
Colour = tuple[int, int, int]


@dataclass(frozen=True, slots=True)
class DemoPost:
    author: str
    text: str
    pictures: tuple[tuple[Colour, Colour], ...]
    """(sky, ground) colours of each generated landscape."""
    place: str | None = None


DEMO_POSTS = (
    DemoPost(
        "li_lei",
        "山顶的日出，值得早起！Sunrise from the summit, worth the 5 am start.",
        (
            ((250, 170, 90), (70, 90, 60)),
            ((240, 120, 80), (60, 70, 50)),
            ((140, 180, 230), (90, 120, 70)),
        ),
        place="Xiangshan Park 香山公园",
    ),
    DemoPost(
        "bob_okafor", "Sunday jollof, as tradition demands.", (((230, 90, 40), (250, 220, 160)),)
    ),
    DemoPost("han_meimei", "这周读完了《活着》。Finished a good book this week.", ()),
    DemoPost(
        "sofia_m",
        "Fresh sourdough at the Corner Café this morning 🍞",
        (((210, 170, 120), (120, 80, 50)), ((200, 160, 110), (150, 100, 60))),
        place="Corner Café",
    ),
)


def _picture(sky: Colour, ground: Colour) -> bytes:
    """A simple landscape: a sky, a sun, hills."""
    width, height = PICTURE_SIZE
    image = Image.new("RGB", PICTURE_SIZE, sky)
    draw = ImageDraw.Draw(image)
    draw.ellipse((width * 0.65, height * 0.15, width * 0.8, height * 0.35), fill=(255, 240, 200))
    draw.polygon([(0, height), (width * 0.35, height * 0.45), (width * 0.7, height)], fill=ground)
    hill = tuple(min(255, c + 30) for c in ground)
    draw.polygon([(width * 0.3, height), (width * 0.75, height * 0.55), (width, height)], fill=hill)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


async def _photo(
    session: AsyncSession, storage: MediaStorage, owner: int, colours: tuple[Colour, Colour]
) -> int:
    spooled = storage.scratch_dir() / secrets.token_hex(16)
    await anyio.Path(spooled).write_bytes(_picture(*colours))
    upload = await media.store_upload(
        session,
        storage,
        owner=owner,
        kind=UploadKind.IMAGE,
        name="photo.png",
        content_type="image/png",
        spooled=spooled,
    )
    return upload.id


async def _people(session: AsyncSession) -> dict[str, Account]:
    """The demo authors by Plaza ID (plaza.demo made them)."""
    found = {}
    for plaza_id in {demo.author for demo in DEMO_POSTS} | {"alice_chen"}:
        account = await identity.get_account_by_plaza_id_or_none(session, plaza_id)
        assert account is not None, plaza_id
        found[plaza_id] = account
    return found


async def seed_moments(database: Database, storage: MediaStorage) -> None:
    """Each demo post, then Alice and Bob like Li Lei's, Alice comments and he replies."""
    broker = MemoryBroker()
    async with database.unit_of_work() as session:
        people = await _people(session)
        posted = {}
        for number, demo in enumerate(DEMO_POSTS):
            author = people[demo.author]
            photo_ids = [await _photo(session, storage, author.id, c) for c in demo.pictures]
            body = PostCreate(
                client_id=f"demo-moment-{number}",
                text=demo.text,
                photo_ids=photo_ids,
                location=PostLocation(name=demo.place) if demo.place else None,
                audience=PostAudience(kind="friends"),
            )
            posted[demo.author] = await service.create_post(session, broker, storage, author, body)
        hike = posted["li_lei"].id
        alice, li_lei = people["alice_chen"], people["li_lei"]
        await service.like(session, broker, alice, hike)
        await service.like(session, broker, people["bob_okafor"], hike)
        await service.comment(
            session,
            broker,
            alice,
            hike,
            PostCommentCreate(client_id="demo-c1", text="Stunning! Take me next time."),
        )
        thread = await service.load(session, li_lei.id, [posted["li_lei"]])
        first = thread.comments[hike][0]
        await service.comment(
            session,
            broker,
            li_lei,
            hike,
            PostCommentCreate(client_id="demo-c2", text="Deal! 下次一起去。", reply_to=first.id),
        )
        await service.set_status(
            session, storage, alice, MomentStatusUpdate(text="Climbing this weekend", emoji="🧗")
        )
