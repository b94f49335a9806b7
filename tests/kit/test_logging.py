"""Logs are JSON lines with a request id, and carry no codes, tokens or phones outside dev."""

from __future__ import annotations

import json

import httpx
import pytest
from fastapi import FastAPI

from plaza.app import create_app
from plaza.config import Environment, Settings
from tests.conftest import last_code_sent_to

PHONE = "+8613800138000"


async def sign_in_and_read_logs(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str, list[dict[str, object]]]:
    app: FastAPI = create_app(settings)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://plaza.test") as client:
        capsys.readouterr()
        await client.post("/v1/auth/codes", json={"phone": PHONE})
        code = last_code_sent_to(app, PHONE)
        signed = await client.post(
            "/v1/auth/sessions", json={"phone": PHONE, "code": code, "device_name": "x"}
        )
        token = signed.json()["token"]
        await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    await app.state.database.dispose()
    lines = [
        json.loads(line) for line in capsys.readouterr().err.splitlines() if line.startswith("{")
    ]
    return code, token, lines


async def test_outside_dev_logs_hold_no_secrets(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    code, token, lines = await sign_in_and_read_logs(settings, capsys)
    text = json.dumps(lines)
    assert lines, "expected JSON log lines"
    assert code not in text
    assert token not in text
    assert PHONE not in text
    completed = [line for line in lines if line["event"] == "request.completed"]
    assert [line["path"] for line in completed] == ["/v1/auth/codes", "/v1/auth/sessions", "/v1/me"]
    assert all(isinstance(line["request_id"], str) for line in completed)


async def test_in_dev_the_code_is_logged_for_the_developer(
    settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    dev = settings.model_copy(update={"env": Environment.DEV})
    code, token, lines = await sign_in_and_read_logs(dev, capsys)
    sms = [line for line in lines if line["event"] == "sms.dev_outbox"]
    assert len(sms) == 1
    assert code in str(sms[0]["text"])
    assert token not in json.dumps(lines)
