"""kg.ingest.page: a page becomes an Article — title, publication date, kept text, and offsets
that lead back into the page file."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kg.ingest import IngestError, article_from_page, read_article
from kg.ingest.page import find_date

BODY1 = ("Der ukrainische Präsident Wolodymyr Selenskyj hat sich bei Bundeskanzler Olaf Scholz für "
         "die Lieferung weiterer Luftabwehrsysteme bedankt und um zusätzliche Munition gebeten.")
BODY2 = ("Die Systeme sollen nach Angaben aus Regierungskreisen noch vor dem Sommer in der Ukraine "
         "eintreffen und vor allem die Energieversorgung im Osten des Landes schützen.")
BODY3 = ("Scholz sagte, Deutschland werde die Ukraine so lange unterstützen wie nötig, und kündigte "
         "für den Herbst einen weiteren Besuch in Kiew an.")

PAGE = f"""Home Politik Selenskyj dankt Scholz für Luftabwehrsysteme
Selenskyj dankt Scholz für Luftabwehrsysteme
Veröffentlicht am 12.03.2024
Von unserem Korrespondenten Jonas Weber, Kiew

{BODY1}

1 / 4
Selenskyj und Scholz bei einer Pressekonferenz im vergangenen Herbst.
Bild: Imago
{BODY2}
{BODY3}
(dpa)
Mehr zum Thema
Ukraine-Krieg: Neue Offensive im Süden erwartet, sagen Militärexperten in Kiew und Washington.
"""


@pytest.fixture(scope="module")
def article():
    return article_from_page(PAGE, "selenskyj_scholz.txt")


def test_title_is_the_headline_not_the_breadcrumb(article):
    assert article.title == "Selenskyj dankt Scholz für Luftabwehrsysteme"


def test_text_is_title_then_body(article):
    assert article.text.split("\n") == ["Selenskyj dankt Scholz für Luftabwehrsysteme",
                                        BODY1, BODY2, BODY3]


def test_published_date_from_the_header(article):
    assert article.published == date(2024, 3, 12)
    assert article.source == "selenskyj_scholz.txt"


def test_segments_lead_back_into_the_page(article):
    for text_start, page_start, length in article.segments:
        assert article.text[text_start:text_start + length] == PAGE[page_start:page_start + length]
    offset = article.text.index("Luftabwehrsysteme bedankt")
    page_offset = article.page_offset(offset)
    assert PAGE[page_offset:page_offset + 25] == "Luftabwehrsysteme bedankt"


def test_title_repeated_as_first_body_line_is_kept_once():
    page = (f"{BODY1}\n\n{BODY1}\n{BODY2}\n")
    article = article_from_page(page, "p.txt")
    assert article.text.split("\n") == [BODY1, BODY2]


def test_date_from_the_first_paragraph_when_the_header_has_none():
    page = (f"Treffen in Kiew\n\nKiew, 3. Juni 2024. {BODY1}\n{BODY2}\n")
    assert article_from_page(page, "p.txt").published == date(2024, 6, 3)


def test_page_without_prose_is_refused():
    with pytest.raises(IngestError, match="no article text found"):
        article_from_page("Startseite\nPolitik\nAusland\nWetter\n", "nav.txt")


@pytest.mark.parametrize("text, expected", [
    ("Publiziert: 27.07.2023, 11:20", date(2023, 7, 27)),
    ("Stand: 2024-06-19 08:10", date(2024, 6, 19)),
    ("Minsk, 4. Juli 2024 – Der Besuch", date(2024, 7, 4)),
    ("am 3. Okt. 2023 in Ankara", date(2023, 10, 3)),
    ("1. Jänner 2024", date(2024, 1, 1)),
    ("31.02.2024, dann 01.03.2024", date(2024, 3, 1)),
    ("Keine Angabe", None),
])
def test_find_date(text, expected):
    assert find_date(text) == expected


def test_read_article_from_a_file_keeps_offsets_into_the_file(tmp_path: Path):
    path = tmp_path / "artikel.txt"
    path.write_text(PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.source == "artikel.txt"
    raw = path.read_text(encoding="utf-8")
    for text_start, page_start, length in article.segments:
        assert article.text[text_start:text_start + length] == raw[page_start:page_start + length]
