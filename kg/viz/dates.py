"""Statement dates as the days GEXF wants: ISO prefixes of varying precision (``2000``,
``2011-08``, ``2024-06-19``) become their first day, which is when a fact enters Gephi's
timeline. Filtering by date is the query layer's job (:func:`kg.store.queries.filter_statements`)."""
from __future__ import annotations

import re
from datetime import date

_ISO_PREFIX = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def first_day(text: str | None) -> date | None:
    """The first day ``text`` covers, or ``None`` when it is no valid ISO date prefix."""
    match = _ISO_PREFIX.fullmatch(text or "")
    if not match:
        return None
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        return None
