"""How an envelope's total is cut into shares: pure functions, decided at send time.

Every share is at least one minor unit and the shares sum exactly to the total, so the
hold always pays out to the last fen. Lucky shares use the "double mean" method WeChat
is known for: each draw is uniform between one unit and twice the mean of what is left
(never so much that a later share would get nothing), and the last share takes the rest.
"""

from __future__ import annotations

import random
import secrets

_secure = secrets.SystemRandom()


def equal_shares(each: int, count: int) -> list[int]:
    """``count`` shares of ``each`` minor units."""
    if each < 1 or count < 1:
        raise ValueError("an equal envelope needs one or more shares of one unit or more")
    return [each] * count


def lucky_shares(total: int, count: int, rng: random.Random = _secure) -> list[int]:
    """``count`` random shares of ``total`` minor units, each one unit or more."""
    if count < 1 or total < count:
        raise ValueError("a lucky envelope needs one or more shares and a unit for each")
    shares = []
    left = total
    for remaining in range(count, 1, -1):
        most = min(2 * left // remaining, left - (remaining - 1))
        share = rng.randint(1, most)
        shares.append(share)
        left -= share
    shares.append(left)
    return shares
