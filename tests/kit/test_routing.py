"""``kit.routing.Router``: routers skipped by paths outside their prefix still route
everything as FastAPI's own would, and every router of the app is one."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from starlette.routing import Match

from plaza.kit.routing import Router


def small_app() -> FastAPI:
    wallet = Router(prefix="/v1/wallet")
    moments = Router(prefix="/v1/moments")
    unprefixed = Router()

    @wallet.get("/balance")
    async def balance() -> str:
        return "wallet"

    @moments.get("/timeline")
    async def timeline() -> str:
        return "moments"

    @unprefixed.get("/healthz")
    async def health() -> str:
        return "ok"

    app = FastAPI()
    for router in (wallet, moments, unprefixed):
        app.include_router(router)
    return app


async def test_requests_reach_their_routes_and_misses_are_404_or_405() -> None:
    transport = httpx.ASGITransport(app=small_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/v1/moments/timeline")).json() == "moments"
        assert (await client.get("/v1/wallet/balance")).json() == "wallet"
        assert (await client.get("/healthz")).json() == "ok"
        assert (await client.get("/v1/wallet/nothing")).status_code == 404
        assert (await client.post("/v1/moments/timeline")).status_code == 405


async def test_a_proxys_root_path_is_not_part_of_the_prefix() -> None:
    transport = httpx.ASGITransport(app=small_app(), root_path="/plaza")
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/plaza/v1/wallet/balance")).json() == "wallet"


def test_a_path_outside_the_prefix_is_no_match_at_once() -> None:
    router = Router(prefix="/v1/wallet")

    @router.get("/{anything}")
    async def anything() -> None: ...

    assert router.matches({"type": "http", "path": "/v1/moments/x", "method": "GET"}) == (
        Match.NONE,
        {},
    )


def test_every_router_of_the_app_is_a_kit_router(app: FastAPI) -> None:
    included = [getattr(route, "original_router", None) for route in app.router.routes]
    routers = [router for router in included if router is not None]
    assert len(routers) > 30
    assert all(isinstance(router, Router) for router in routers), "use plaza.kit.routing.Router"
