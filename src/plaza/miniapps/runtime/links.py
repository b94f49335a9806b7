"""Links and QR codes that open a mini-program at a page with a scene, as WeChat's
``wxacode.getUnlimited``: the scene (up to 32 characters) tells the page where the code
was scanned (a table, a shop, a poster); the host hands it to the page at launch.

The link is the host's own address, ``<public origin>/mp/<app_id>?path=..&scene=..``, so
scanning it with any camera opens Plaza at the mini-program."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import qrcode
from qrcode.image.svg import SvgPathFillImage
from sqlalchemy.ext.asyncio import AsyncSession

from plaza.identity.models import Account
from plaza.miniapps import repository, service
from plaza.miniapps.runtime.errors import PagePathInvalid, SceneInvalid
from plaza.miniapps.runtime.schemas import MiniAppLink

SCENE_MAX = 32  # WeChat's wxacode.getUnlimited scene: 32 visible characters
PATH_MAX = 512
_SCENE = re.compile(rf"[A-Za-z0-9!#$&'()*+,/:;=?@\-._~]{{1,{SCENE_MAX}}}")
_PAGE_PATH = re.compile(rf"/(?![/\\])[^\s\\\x00-\x1f\x7f]{{0,{PATH_MAX - 1}}}")
QR_BORDER_MODULES = 4  # the quiet zone the QR standard asks for


def check_scene(scene: str) -> None:
    if not _SCENE.fullmatch(scene):
        raise SceneInvalid(field="scene")


def check_page_path(path: str) -> None:
    if not _PAGE_PATH.fullmatch(path):
        raise PagePathInvalid(field="path")


def qr_svg(text: str) -> str:
    """``text`` as a black-on-white QR code, medium error correction, as an SVG document
    that scales to any size."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=QR_BORDER_MODULES,
        image_factory=SvgPathFillImage,
    )
    code.add_data(text)
    code.make(fit=True)
    svg: str = code.make_image().to_string(encoding="unicode")
    return svg


async def check_linkable(session: AsyncSession, account: Account, app_id: str) -> None:
    """Its developer may link any of their mini-programs (a trial's QR for testers, a
    poster before the release); anyone else one they can open."""
    app = await repository.get_app_or_none(session, app_id)
    if app is None or app.owner_id != account.id:
        await service.openable_app(session, account.id, app_id)


async def link(
    session: AsyncSession,
    account: Account,
    app_id: str,
    *,
    public_origin: str,
    path: str | None,
    scene: str | None,
) -> MiniAppLink:
    if path:
        check_page_path(path)
    if scene:
        check_scene(scene)
    await check_linkable(session, account, app_id)
    query = {name: value for name, value in (("path", path), ("scene", scene)) if value}
    url = f"{public_origin.rstrip('/')}/mp/{app_id}"
    if query:
        url += "?" + urlencode(query, quote_via=quote, safe="/")
    return MiniAppLink(url=url, qr_svg=qr_svg(url))
