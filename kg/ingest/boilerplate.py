"""Keep the article's own text, drop the page furniture around it.

Works on lines: a page is a column of lines, and scraped boilerplate (navigation, captions,
credits, comments, teasers, link lists) comes as whole lines. The article body starts at the
first line of running text and ends at the first end marker (comments, "mehr zum Thema", an
agency byline …). Patterns live in ``data/lexicons/boilerplate.toml``.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kg.config import load_settings

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Line:
    """A stripped line of the page and where it starts in the page."""

    text: str
    start: int


@dataclass(frozen=True)
class BoilerplateRules:
    end_of_article: tuple[re.Pattern[str], ...]
    drop_line: tuple[re.Pattern[str], ...]
    photo_credit: tuple[re.Pattern[str], ...]
    min_words_running_text: int
    min_words_heading: int
    min_words_before_end: int
    english_stopword_share: float
    english_stopwords: frozenset[str]

    @classmethod
    def load(cls, path: Path) -> "BoilerplateRules":
        data = tomllib.loads(path.read_text(encoding="utf-8"))

        def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
            return tuple(re.compile(p, re.IGNORECASE) for p in data[key])

        return cls(
            end_of_article=compile_all("end_of_article"),
            drop_line=compile_all("drop_line"),
            photo_credit=compile_all("photo_credit"),
            min_words_running_text=data["min_words_running_text"],
            min_words_heading=data["min_words_heading"],
            min_words_before_end=data["min_words_before_end"],
            english_stopword_share=data["english_stopword_share"],
            english_stopwords=frozenset(data["english_stopwords"]),
        )


@lru_cache(maxsize=4)
def default_rules(lexicon_dir: Path | None = None) -> BoilerplateRules:
    directory = lexicon_dir or load_settings().lexicon_dir
    return BoilerplateRules.load(directory / "boilerplate.toml")


def page_lines(page: str) -> list[Line]:
    """Non-empty stripped lines with their start offsets in the page."""
    lines: list[Line] = []
    offset = 0
    for raw in page.splitlines(keepends=True):
        stripped = raw.strip()
        if stripped:
            lines.append(Line(stripped, offset + raw.index(stripped[0])))
        offset += len(raw)
    return lines


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def is_running_text(text: str, rules: BoilerplateRules) -> bool:
    """A line of prose: long enough and ending like a sentence (or a long transcript)."""
    words = word_count(text)
    if words >= rules.min_words_running_text and text[-1] in ".!?»“\"…:)":
        return True
    return words >= 3 * rules.min_words_running_text


def is_english(text: str, rules: BoilerplateRules) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 6:
        return False
    hits = sum(1 for w in words if w in rules.english_stopwords)
    return hits / len(words) >= rules.english_stopword_share


def is_dropped(text: str, rules: BoilerplateRules) -> bool:
    return any(p.search(text) for p in rules.drop_line) or is_english(text, rules)


def is_end_marker(text: str, rules: BoilerplateRules) -> bool:
    return any(p.search(text) for p in rules.end_of_article)


_COUNTER = re.compile(r"^\d+\s*/\s*\d+$")
_SECOND_SENTENCE = re.compile(r"[a-zäöüß][.!?][«»“\"]?\s+[A-ZÄÖÜ]")


def is_caption(i: int, body: list[Line], dropped: list[bool], rules: BoilerplateRules) -> bool:
    """A photo caption: a line after a gallery counter ("1 / 12") or before a photo credit,
    and not long enough to be a paragraph."""
    text = body[i].text
    if word_count(text) >= 2 * rules.min_words_running_text or _SECOND_SENTENCE.search(text):
        return False  # a caption is one short sentence; two sentences make a paragraph
    after_counter = i > 0 and bool(_COUNTER.match(body[i - 1].text))
    before_credit = i + 1 < len(body) and any(p.search(body[i + 1].text) for p in rules.photo_credit)
    return after_counter or before_credit


def normalise_for_dedup(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def body_lines(lines: list[Line], rules: BoilerplateRules) -> list[Line]:
    """The lines of the article body, in page order, each kept once."""
    start = next((i for i, line in enumerate(lines) if is_running_text(line.text, rules)
                  and not is_dropped(line.text, rules)), None)
    if start is None:
        return []
    kept: list[Line] = []
    seen: set[str] = set()
    words = 0
    body = lines[start:]
    dropped = [is_dropped(line.text, rules) for line in body]
    for i, line in enumerate(body):
        text = line.text
        if words >= rules.min_words_before_end and is_end_marker(text, rules):
            break
        if dropped[i] or is_end_marker(text, rules):
            continue
        if word_count(text) < rules.min_words_heading:
            continue
        if is_caption(i, body, dropped, rules):
            continue
        key = normalise_for_dedup(text)
        if key in seen:
            continue
        seen.add(key)
        kept.append(line)
        words += word_count(text)
    return kept
