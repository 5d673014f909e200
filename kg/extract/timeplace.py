"""When and where: dates of statements resolved against the publication date, and places."""
from __future__ import annotations

import re
import tomllib
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

from kg.config import load_settings
from kg.ingest.page import find_date
from kg.text import fold


@lru_cache(maxsize=1)
def _calendar() -> dict:
    return tomllib.loads((load_settings().lexicon_dir / "dates.toml").read_text("utf-8"))


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    cal = _calendar()
    months = "|".join(cal["months"])
    weekdays = "|".join(cal["weekdays"])
    month_year = re.compile(rf"\b(?:im\s+)?({months})\s+((?:19|20)\d\d)\b", re.IGNORECASE)
    weekday = re.compile(rf"\b(?:am|vom|seit|bis)\s+({weekdays})\b", re.IGNORECASE)
    ago = re.compile(r"\bvor\s+(\d+|einem|zwei|drei|vier|fünf)\s+(jahren|monaten|wochen|tagen|jahr|monat|woche|tag)\b",
                     re.IGNORECASE)
    year = re.compile(r"\b(?:im\s+jahr\s+|seit\s+|bis\s+|zuletzt\s+|\b)((?:19[5-9]|20[0-4])\d)\b(?!\s*(?:mm|km|%))")
    day_month = re.compile(rf"\b(\d{{1,2}})\.\s*({months})\b(?!\s+\d{{4}})", re.IGNORECASE)
    return month_year, weekday, ago, year, day_month


def last_weekday(published: date, weekday: int) -> date:
    """News usage: "am Montag" in a paper of Monday is that day, otherwise the Monday before."""
    return published - timedelta(days=(published.weekday() - weekday) % 7)


def _relative(text: str, published: date) -> date | None:
    parsed = dateparser.parse(text, languages=["de"], settings={
        "RELATIVE_BASE": datetime(published.year, published.month, published.day),
        "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def date_of(text: str, published: date | None) -> str | None:
    """The date a clause speaks of, as ISO text (``2019-04``, ``2024-06-19``), or None.

    Explicit dates win; relative ones (*am Mittwoch*, *vor 24 Jahren*, *im vergangenen Jahr*)
    need the publication date to mean anything.
    """
    explicit = find_date(text)
    if explicit:
        return explicit.isoformat()
    month_year, weekday, ago, year, day_month = _patterns()
    cal = _calendar()
    m = day_month.search(text)
    if m and published:
        month = [x.lower() for x in cal["months"]].index(m[2].lower()) + 1
        day = date(published.year, month, min(int(m[1]), 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31))
        if day > published:  # "am 25. Dezember" in a January paper: last year's
            day = day.replace(year=published.year - 1)
        return day.isoformat()
    m = month_year.search(text)
    if m:
        month = [x.lower() for x in cal["months"]].index(m[1].lower()) + 1
        return f"{m[2]}-{month:02d}"
    if published:
        folded = fold(text)
        for phrase, back in cal["relative_years"].items():
            if fold(phrase) in folded:
                return str(published.year - back)
        m = weekday.search(text)
        if m:
            return last_weekday(published, [w.lower() for w in cal["weekdays"]].index(m[1].lower())).isoformat()
        m = ago.search(text)
        if m:
            resolved = _relative(m[0], published)
            if resolved:
                return resolved.isoformat()
    m = year.search(text)
    if m:
        return m[1]
    return None


__all__ = ["date_of"]
