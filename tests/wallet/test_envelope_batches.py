"""Taps on one envelope served together (``flows.open_envelope_together``, which the open
endpoint reaches through ``kit.batching``): each opener gets what a tap alone would get,
and the batch's statements do not grow with its openers."""

from __future__ import annotations

from fastapi import FastAPI

from plaza import flows
from plaza.identity import service as identity
from plaza.identity.models import Account
from plaza.kit.errors import PlazaError
from plaza.wallet.envelopes.service import Opened
from tests.conftest import Person, counted_queries, create_person
from tests.wallet.test_envelope_storm import hold_balance, storm
from tests.wallet.test_envelopes import open_envelope, send_envelope
from tests.wallet.test_transfers import books_balance


async def accounts(app: FastAPI, people: list[Person]) -> list[Account]:
    async with app.state.database.unit_of_work() as session:
        return [await identity.get_account(session, p.account_id) for p in people]


def outcome(answer: flows.OpenedOrRefused) -> str | int:
    """The share's amount, or the refusal's code."""
    if isinstance(answer, PlazaError):
        return answer.code
    _, opened = answer
    assert isinstance(opened, Opened)
    return opened.share.amount


async def test_each_opener_in_a_batch_gets_what_a_tap_alone_would_get(app: FastAPI) -> None:
    setup = await storm(app, 4)
    first, second, third = setup.members
    sent = await send_envelope(
        setup.client, setup.sender, setup.group, kind="equal", amount_each="1.00", count=3
    )
    envelope = int(sent.json()["id"])
    assert (await open_envelope(setup.client, first, str(envelope))).status_code == 200
    outsider = await create_person(app, "Outsider")
    taps = [first, second, second, outsider, third, setup.sender]

    answers = await flows.open_envelope_together(
        app.state.database, app.state.broker, envelope, await accounts(app, taps)
    )

    assert [outcome(a) for a in answers] == [
        "wallet.envelope_already_opened",  # opened before the batch
        100,
        "wallet.envelope_already_opened",  # a second tap in the same batch
        "wallet.envelope_not_found",  # not in the chat
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
    openers = await accounts(app, setup.members)
    counts = []

    for batch in (openers[:3], openers[3:]):
        with counted_queries(app) as statements:
            answers = await flows.open_envelope_together(
                app.state.database, app.state.broker, envelope, batch
            )
        assert all(isinstance(outcome(a), int) for a in answers)
        counts.append(len(statements))

    assert counts[0] == counts[1] <= 15
    assert await hold_balance(app, str(envelope)) == 0
    await setup.client.aclose()
