"""Money rules of an administrative penalty, as pure functions (行政处罚法 第七十二条)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

LATE_FEE_RATE = Decimal("0.03")  # 3 % of the fine for each day the payment is late
CENT = Decimal("0.01")


def late_fee(*, fine: Decimal, due_on: datetime.date, paid_on: datetime.date) -> Decimal:
    """The additional fine for late payment: 3 % of the fine a day after the due date, never more than the fine.

    Paying on the due date itself is on time. Rounded to the cent (half up), as the receipt shows.
    """
    if fine < 0:
        raise ValueError("a fine cannot be negative")
    days_late = max((paid_on - due_on).days, 0)
    fee = (fine * LATE_FEE_RATE * days_late).quantize(CENT, rounding=ROUND_HALF_UP)
    return min(fee, fine.quantize(CENT, rounding=ROUND_HALF_UP))
