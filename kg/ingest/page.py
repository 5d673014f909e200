"""Page → Article: title, publication date and the kept body text with offsets into the page."""
from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path

from kg.config import Settings, load_settings
from kg.ingest.boilerplate import (BoilerplateRules, Line, body_lines, default_rules,
                                   is_dropped, page_lines, word_count)
from kg.ingest.reader import IngestError, read_page
from kg.model import Article

_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})(?!\d)")


@lru_cache(maxsize=1)
def _month_numbers() -> dict[str, int]:
    data = tomllib.loads((load_settings().lexicon_dir / "dates.toml").read_text("utf-8"))
    months = {name: i for i, name in enumerate(data["months"], 1)}
    months.update(data["month_aliases"])
    return months


def _written_date_pattern() -> re.Pattern[str]:
    names = "|".join(sorted(_month_numbers(), key=len, reverse=True))
    return re.compile(rf"\b(\d{{1,2}})\.\s*({names})\.?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)


def find_date(text: str) -> date | None:
    """The first calendar date written in ``text`` (15.08.2022, 2022-08-15, 15. August 2022)."""
    candidates: list[tuple[int, date]] = []
    for m in _NUMERIC_DATE.finditer(text):
        candidates.append((m.start(), (int(m[3]), int(m[2]), int(m[1]))))  # type: ignore[arg-type]
    for m in _ISO_DATE.finditer(text):
        candidates.append((m.start(), (int(m[1]), int(m[2]), int(m[3]))))  # type: ignore[arg-type]
    for m in _written_date_pattern().finditer(text):
        month = _month_numbers()[m[2].lower()]
        candidates.append((m.start(), (int(m[3]), month, int(m[1]))))  # type: ignore[arg-type]
    for _, ymd in sorted(candidates, key=lambda c: c[0]):
        try:
            return date(*ymd)  # type: ignore[misc]
        except ValueError:
            continue
    return None


def find_title(header: list[Line], rules: BoilerplateRules) -> Line | None:
    """The headline: the first header line of a few words that is not navigation.

    A breadcrumb such as "Home Politik <headline>" is followed by the headline itself,
    so a line that ends with the next line gives way to it.
    """
    candidates = [line for line in header
                  if word_count(line.text) >= 4 and not is_dropped(line.text, rules)]
    for i, line in enumerate(candidates):
        following = candidates[i + 1] if i + 1 < len(candidates) else None
        if following and line.text.endswith(following.text) and line.text != following.text:
            return following
        return line
    return None


def article_from_page(page: str, source: str, rules: BoilerplateRules | None = None) -> Article:
    """Cut a page down to its article: title first, then the body lines."""
    rules = rules or default_rules()
    lines = page_lines(page)
    body = body_lines(lines, rules)
    if not body:
        raise IngestError(source, "no article text found (no line of running German prose); "
                                  "is this a news page?")
    header = [line for line in lines if line.start < body[0].start]
    title = find_title(header, rules)
    kept = ([title] if title and all(title.text != b.text for b in body) else []) + body
    parts: list[str] = []
    segments: list[tuple[int, int, int]] = []
    offset = 0
    for line in kept:
        segments.append((offset, line.start, len(line.text)))
        parts.append(line.text)
        offset += len(line.text) + 1
    head_text = "\n".join(line.text for line in header)
    published = find_date(head_text) or find_date(body[0].text)
    return Article(source=source, text="\n".join(parts), title=title.text if title else None,
                   published=published, segments=tuple(segments))


def read_article(path: Path, settings: Settings | None = None) -> Article:
    """Read one page file into an :class:`Article`, or raise :class:`IngestError`."""
    settings = settings or load_settings()
    page = read_page(path, settings.max_article_bytes, settings.max_line_chars)
    return article_from_page(page, path.name, default_rules(settings.lexicon_dir))
