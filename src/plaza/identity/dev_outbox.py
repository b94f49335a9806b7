"""The dev outbox: the SMS the development gateway would have sent.

Mounted only when ``PLAZA_ENV=dev`` and ``PLAZA_SMS_GATEWAY=dev``, so that a
developer can sign in without a phone; elsewhere these paths are 404.
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from fastapi import Request
from fastapi.responses import HTMLResponse
from pydantic import Field

from plaza.identity.sms import DevSmsGateway, OutboxMessage
from plaza.kit.routing import Router
from plaza.kit.schemas import Schema

router = Router(tags=["development"])


class OutboxItem(Schema):
    phone: str
    text: str = Field(description="The SMS as it would have been sent.")
    sent_at: datetime


class Outbox(Schema):
    items: list[OutboxItem]


def _messages(request: Request) -> list[OutboxMessage]:
    gateway: DevSmsGateway = request.app.state.sms
    return list(gateway.outbox)


@router.get("/v1/dev/outbox", include_in_schema=False)
async def read_outbox(request: Request) -> Outbox:
    """Development only: the latest SMS, newest first."""
    return Outbox(
        items=[
            OutboxItem(phone=m.phone, text=m.text, sent_at=m.sent_at) for m in _messages(request)
        ]
    )


_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="3">
<title>Plaza dev outbox</title>
<style>
body{{font:15px/1.5 system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC",sans-serif;
margin:0;background:#ededed;color:#111}}
main{{max-width:560px;margin:0 auto;padding:24px 16px}}
h1{{font-size:20px;margin:0 0 4px}} p.hint{{color:#666;margin:0 0 16px}}
ol{{list-style:none;padding:0;margin:0}}
li{{background:#fff;border-radius:8px;padding:12px 16px;margin-bottom:8px}}
.phone{{font-weight:600}} time{{color:#888;font-size:13px;float:right}}
.text{{margin-top:4px;font-family:ui-monospace,monospace}}
.empty{{color:#666;text-align:center;padding:32px}}
</style></head>
<body><main>
<h1>Dev outbox</h1>
<p class="hint">Sign-in codes the development SMS gateway "sent". Refreshes every 3 s.</p>
{body}
</main></body></html>
"""


@router.get("/dev/outbox", response_class=HTMLResponse, include_in_schema=False)
async def outbox_page(request: Request) -> HTMLResponse:
    """Development only: the latest SMS as a page."""
    messages = _messages(request)
    if not messages:
        body = '<p class="empty">No messages yet. Ask for a sign-in code in the app.</p>'
    else:
        rows = "".join(
            f'<li data-phone="{escape(m.phone)}"><span class="phone">{escape(m.phone)}</span>'
            f'<time datetime="{m.sent_at.isoformat()}">{m.sent_at:%H:%M:%S} UTC</time>'
            f'<div class="text">{escape(m.text)}</div></li>'
            for m in messages
        )
        body = f"<ol>{rows}</ol>"
    return HTMLResponse(_PAGE.format(body=body))
