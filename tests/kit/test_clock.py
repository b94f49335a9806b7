from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from plaza.kit import clock


def test_manual_clock_moves_only_when_told() -> None:
    start = datetime(2030, 1, 1, tzinfo=UTC)
    with clock.use_clock(clock.ManualClock(start)) as manual:
        assert clock.now() == start
        assert isinstance(manual, clock.ManualClock)
        manual.advance(timedelta(hours=2))
        assert clock.now() == start + timedelta(hours=2)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_manual_clock_refuses_naive_time() -> None:
    with pytest.raises(ValueError, match="aware"):
        clock.ManualClock(datetime(2030, 1, 1))
