from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from plaza.kit.ids import MAX_NODE_ID, IdGenerator, created_at


def test_ids_are_unique_and_increasing_across_threads() -> None:
    generator = IdGenerator(node_id=7)
    made: list[list[int]] = [[] for _ in range(4)]

    def work(out: list[int]) -> None:
        out.extend(generator.next_id() for _ in range(20_000))

    threads = [threading.Thread(target=work, args=(out,)) for out in made]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [i for out in made for i in out]
    assert len(set(every)) == 80_000
    for out in made:
        assert out == sorted(out)


def test_ids_carry_their_node_and_time() -> None:
    before = datetime.now(UTC) - timedelta(milliseconds=1)
    snowflake = IdGenerator(node_id=MAX_NODE_ID).next_id()
    after = datetime.now(UTC) + timedelta(milliseconds=1)
    assert (snowflake >> 12) & MAX_NODE_ID == MAX_NODE_ID
    assert before <= created_at(snowflake) <= after
    assert 0 < snowflake < 2**63


def test_two_nodes_never_collide() -> None:
    a, b = IdGenerator(node_id=1), IdGenerator(node_id=2)
    ids = {a.next_id() for _ in range(5000)} | {b.next_id() for _ in range(5000)}
    assert len(ids) == 10_000


@pytest.mark.parametrize("node_id", [-1, MAX_NODE_ID + 1])
def test_node_id_out_of_range(node_id: int) -> None:
    with pytest.raises(ValueError, match="node_id"):
        IdGenerator(node_id=node_id)
