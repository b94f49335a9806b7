"""Taps on one envelope served together (``flows.open_envelope_together``, which the open
endpoint reaches through ``kit.batching``): each opener gets what a tap alone would get,
and the batch's statements do not grow with its openers."""

from __future__ import annotations

from fastapi import FastAPI

from plaza import flows
from plaza.kit.errors import PlazaError
from plaza.wallet.envelopes.service import Opened
from tests.conftest import counted_queries, create_person
from tests.wallet.test_envelope_storm import hold_balance, storm
from tests.wallet.test_envelopes import open_envelope, send_envelope
from tests.wallet.test_transfers import books_balance


def outcome(answer: flows.OpenedOrRefused) -> str | int:
    """The share's amount, or the refusal's code."""
    if isinstance(answer, PlazaError):
        return answer.code
    _, opened = answer
    assert isinstance(opened, Opened)
    return opened.share.amount


async def test_each_opener_in_a_batch_gets_what_a_tap_alone_would_get(app: FastAPI) -> None:
    setup = await storm(app, 5)
    first, second, third, signed_out = setup.members
    sent = await send_envelope(
        setup.client, setup.sender, setup.group, kind="equal", amount_each="1.00", count=3
    )
    envelope = int(sent.json()["id"])
    assert (await open_envelope(setup.client, first, str(envelope))).status_code == 200
    outsider = await create_person(app, "Outsider")
    gone = await setup.client.delete("/v1/auth/session", headers=signed_out.auth)
    assert gone.status_code == 204, gone.text
    taps = [first.token, second.token, second.token, outsider.token, "not-a-token"]
    taps += [signed_out.token, third.token, setup.sender.token]

    answers = await flows.open_envelope_together(
        app.state.database, app.state.broker, envelope, taps
    )

    assert [outcome(a) for a in answers] == [
        "wallet.envelope_already_opened",  # opened before the batch
        100,
        "wallet.envelope_already_opened",  # a second tap in the same batch
        "wallet.envelope_not_found",  # not in the chat
        "auth.token_invalid",
        "auth.token_revoked",  # signed out
        100,
        "wallet.envelope_empty",  # the sender came last, when nothing was left
    ]
    await books_balance(app)
    await setup.client.aclose()


async def test_a_batch_takes_as_many_statements_for_fifteen_openers_as_for_three(
    app: FastAPI,
) -> None:
    setup = await storm(app, 19)
    sent = await send_envelope(
        setup.client, setup.sender, setup.group, kind="lucky", total="18.00", count=18
    )
    envelope = int(sent.json()["id"])
    openers = [member.token for member in setup.members]
    counts = []

    for batch in (openers[:3], openers[3:]):
        with counted_queries(app) as statements:
            answers = await flows.open_envelope_together(
                app.state.database, app.state.broker, envelope, batch
            )
        assert all(isinstance(outcome(a), int) for a in answers)
        counts.append(len(statements))

    assert counts[0] == counts[1] <= 16
    assert await hold_balance(app, str(envelope)) == 0
    await setup.client.aclose()
