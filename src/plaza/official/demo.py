"""Demo official accounts: "Plaza City Services" (service) and "Plaza Daily" (subscription),
verified, each with published articles with covers, followed by the demo people."""

from __future__ import annotations

import io
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit.db import Database
from plaza.media import service as media
from plaza.media.schemas import UploadKind
from plaza.media.storage import MediaStorage
from plaza.miniapps import service as miniapps
from plaza.official import flows, service
from plaza.official.messaging import demo as messaging_demo
from plaza.official.schemas import AccountTypeName, ApplicationCreate, ArticleCreate
from plaza.realtime.broker import MemoryBroker

COVER_SIZE = (900, 383)  # WeChat's 2.35:1 cover


@dataclass(frozen=True, slots=True)
class DemoArticle:
    title: str
    digest: str
    markdown: str
    colours: tuple[tuple[int, int, int], tuple[int, int, int]]


@dataclass(frozen=True, slots=True)
class DemoAccount:
    name: str
    type: AccountTypeName
    description: str
    colour: tuple[int, int, int]
    articles: tuple[DemoArticle, ...]


DEMO_ACCOUNTS = (
    DemoAccount(
        "Plaza City Services",
        "service",
        "Bills, permits, transport and notices from the city, in one place.",
        (20, 110, 190),
        (
            DemoArticle(
                "Pay your water bill in Plaza",
                "No queues: pay from your wallet in two taps.",
                "# Pay your water bill in Plaza\n\nOpen **Me → Wallet → Bills**, choose *Water* "
                "and confirm with your PIN.\n\n- Receipts arrive in Service Notifications\n"
                "- Auto-pay can be switched on any time\n\n"
                "[More about city bills](https://example.org/city/bills)",
                ((20, 110, 190), (120, 200, 250)),
            ),
            DemoArticle(
                "Weekend road works on Harbour Street",
                "Buses 12 and 40 take a detour on Saturday and Sunday.",
                "# Weekend road works\n\nHarbour Street is closed **Saturday 06:00 to Sunday "
                "22:00**.\n\n| Bus | Detour |\n|---|---|\n| 12 | via Park Lane |\n"
                "| 40 | via Station Road |",
                ((230, 120, 30), (250, 200, 90)),
            ),
            DemoArticle(
                "Libraries open late in December",
                "Every branch stays open until 21:00 on weekdays.",
                "# Libraries open late\n\nAll branches open until **21:00** on weekdays in "
                "December. Bring a friend!",
                ((60, 150, 90), (170, 220, 150)),
            ),
        ),
    ),
    DemoAccount(
        "Plaza Daily",
        "subscription",
        "The day's stories from around the Plaza community. 每日精选。",
        (200, 50, 70),
        (
            DemoArticle(
                "Five hikes within an hour of the city",
                "Trails for every level, with the best spots for lunch.",
                "# Five hikes within an hour\n\n1. North Ridge loop\n2. Lakeside path\n"
                "3. Pine valley\n4. Old quarry trail\n5. Sunset hill\n\n"
                "> Start early and take water.",
                ((40, 120, 80), (200, 230, 160)),
            ),
            DemoArticle(
                "周末市集：手作与美食",
                "本周六在中央广场，上午十点开始。",
                "# 周末市集\n\n本周六 **10:00** 在中央广场开市，有手作、咖啡和小吃。"
                "\n\n欢迎带上朋友！",
                ((200, 50, 70), (250, 170, 120)),
            ),
        ),
    ),
)


def cover_png(colours: tuple[tuple[int, int, int], tuple[int, int, int]]) -> bytes:
    """A simple generated cover: a blend of two colours with a few circles."""
    width, height = COVER_SIZE
    image = Image.linear_gradient("L").rotate(90).resize(COVER_SIZE)
    cover = Image.composite(
        Image.new("RGB", COVER_SIZE, colours[1]), Image.new("RGB", COVER_SIZE, colours[0]), image
    )
    draw = ImageDraw.Draw(cover)
    for n in range(3):
        radius = 60 + 40 * n
        centre = (width - 150 - 90 * n, height // 2 + 30 * (n - 1))
        box = (centre[0] - radius, centre[1] - radius, centre[0] + radius, centre[1] + radius)
        draw.ellipse(box, outline=(255, 255, 255), width=6)
    return png(cover)


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


async def _image(session: AsyncSession, storage: MediaStorage, owner: Account, data: bytes) -> int:
    spooled = storage.scratch_dir() / f"demo-{secrets.token_hex(8)}.png"
    spooled.write_bytes(data)
    upload = await media.store_upload(
        session,
        storage,
        owner=owner.id,
        kind=UploadKind.IMAGE,
        name="cover.png",
        content_type="image/png",
        spooled=spooled,
    )
    return upload.id


async def seed(
    database: Database,
    storage: MediaStorage,
    *,
    operator_plaza_id: str,
    admin_plaza_id: str,
    follower_plaza_ids: Sequence[str],
) -> None:
    """Make the demo accounts (operated by one demo person, verified by a platform admin),
    publish their articles and have the demo people follow them."""
    broker = MemoryBroker()
    for demo in DEMO_ACCOUNTS:
        async with database.unit_of_work() as session:
            operator = await identity.get_account_by_plaza_id_or_none(session, operator_plaza_id)
            admin = await miniapps.set_admin(session, admin_plaza_id, is_admin=True)
            assert operator is not None
            assert admin is not None
            logo = png(Image.new("RGB", (256, 256), demo.colour))
            avatar = await _image(session, storage, operator, logo)
            licence = await _image(session, storage, operator, logo)
            account = await service.apply(
                session,
                operator,
                ApplicationCreate(
                    name=demo.name,
                    type=demo.type,
                    description=demo.description,
                    avatar_id=avatar,
                    document_ids=[licence],
                ),
            )
            await service.approve(session, admin, account.id)
            await messaging_demo.set_up(session, operator, account.id, demo.name)
            for plaza_id in follower_plaza_ids:
                person = await identity.get_account_by_plaza_id_or_none(session, plaza_id)
                assert person is not None
                await flows.follow(session, broker, person, account.id)
            drafts = []
            for article in demo.articles:
                cover = await _image(session, storage, operator, cover_png(article.colours))
                body = ArticleCreate(
                    title=article.title,
                    digest=article.digest,
                    cover_id=cover,
                    markdown=article.markdown,
                )
                drafts.append((await service.create_draft(session, operator, account.id, body)).id)
            await flows.broadcast(session, broker, storage, operator, account.id, drafts)
