"""How envelopes are cut into shares: for any valid input, the shares sum exactly to the
total, each is one minor unit or more, and there are as many as asked."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plaza.wallet.envelopes.service import MAX_TOTAL
from plaza.wallet.envelopes.shares import equal_shares, lucky_shares

counts = st.integers(min_value=1, max_value=500)


@given(data=st.data(), count=counts)
def test_lucky_shares_sum_exactly_and_none_is_empty(data: st.DataObject, count: int) -> None:
    total = data.draw(st.integers(min_value=count, max_value=max(count, MAX_TOTAL)))
    shares = lucky_shares(total, count)
    assert len(shares) == count
    assert sum(shares) == total
    assert min(shares) >= 1


@given(total=st.integers(min_value=1, max_value=10**12), count=counts, seed=st.integers())
def test_lucky_shares_hold_for_any_draw(total: int, count: int, seed: int) -> None:
    """The same with a seeded generator, so Hypothesis can also steer the draws and any
    total at all, not just what an envelope allows."""
    count = min(count, total)
    shares = lucky_shares(total, count, random.Random(seed))
    assert len(shares) == count
    assert sum(shares) == total
    assert min(shares) >= 1


@given(each=st.integers(min_value=1, max_value=MAX_TOTAL), count=counts)
def test_equal_shares_are_all_the_same(each: int, count: int) -> None:
    assert equal_shares(each, count) == [each] * count


def test_the_smallest_lucky_envelope_gives_one_unit_each() -> None:
    assert lucky_shares(5, 5) == [1, 1, 1, 1, 1]


def test_lucky_shares_are_random_around_the_mean() -> None:
    draws = [lucky_shares(20000, 10)[0] for _ in range(2000)]
    assert len(set(draws)) > 100
    assert 1800 < sum(draws) / len(draws) < 2200  # the first draw's mean is the total's mean


@pytest.mark.parametrize(("total", "count"), [(4, 5), (0, 1), (10, 0)])
def test_impossible_lucky_envelopes_are_refused(total: int, count: int) -> None:
    with pytest.raises(ValueError, match="a unit for each"):
        lucky_shares(total, count)


@pytest.mark.parametrize(("each", "count"), [(0, 3), (5, 0)])
def test_impossible_equal_envelopes_are_refused(each: int, count: int) -> None:
    with pytest.raises(ValueError, match="one unit or more"):
        equal_shares(each, count)
