"""The day the build checks review dates against: today, or the day set in the
environment (the tests set it, so that they pass on any date)."""

import os
from datetime import date

TODAY_VARIABLE = "IMPLANT_GUIDE_TODAY"


def today() -> date:
    """The date in IMPLANT_GUIDE_TODAY (YYYY-MM-DD) if it is set, else today's date."""
    pinned = os.environ.get(TODAY_VARIABLE)
    if not pinned:
        return date.today()
    try:
        return date.fromisoformat(pinned)
    except ValueError:
        raise SystemExit(
            f"{TODAY_VARIABLE}={pinned!r} is not a date. Write it as YYYY-MM-DD, or unset it."
        ) from None
