from __future__ import annotations

from fastapi import APIRouter, Depends

from plaza.identity.auth import authenticate_request
from plaza.kit.db import UnitOfWorkRoute

router = APIRouter(
    prefix="/v1/wallet",
    tags=["wallet"],
    route_class=UnitOfWorkRoute,
    dependencies=[Depends(authenticate_request)],
)
