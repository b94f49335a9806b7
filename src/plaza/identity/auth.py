"""Who is calling: the bearer-token dependency every private route depends on."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from plaza.identity import service
from plaza.identity.errors import TokenMissing
from plaza.identity.service import Authenticated
from plaza.kit.db import DbSession

_bearer = HTTPBearer(auto_error=False, description="The token from POST /v1/auth/sessions.")


async def bearer_token(
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise TokenMissing()
    return credentials.credentials


BearerToken = Annotated[str, Depends(bearer_token)]
"""The caller's token, not yet checked: for a route whose requests are served in batches,
which checks their tokens together (``service.authenticate_many``)."""


async def authenticate_request(session: DbSession, token: BearerToken) -> Authenticated:
    return await service.authenticate(session, token)


CurrentUser = Annotated[Authenticated, Depends(authenticate_request)]
"""The signed-in caller; a route with this parameter answers 401 to anyone else."""
