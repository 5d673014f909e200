"""kg.ingest.boilerplate: which lines of a scraped page are the article's own text.

Every page here is invented for the test: the furniture (galleries, credits, comments,
teasers, newsletter prompts, agency bylines) in the shapes German news sites use.
"""
from __future__ import annotations

import pytest

from kg.ingest.boilerplate import (body_lines, default_rules, is_dropped, is_end_marker,
                                   is_running_text, page_lines)

P1 = ("Der chinesische Staatschef Xi Jinping ist am Donnerstag zu einem zweitägigen Staatsbesuch "
      "in Belarus eingetroffen und von Präsident Alexander Lukaschenko empfangen worden.")
P2 = ("Beide Seiten wollen nach Angaben der belarussischen Staatsagentur Belta die wirtschaftliche "
      "Zusammenarbeit deutlich ausbauen und mehrere Abkommen unterzeichnen.")
P3 = ("Westliche Beobachter sehen in dem Besuch ein Signal an Moskau, dass Peking seinen Einfluss "
      "in Osteuropa ausweiten möchte, ohne sich offen gegen Russland zu stellen.")


@pytest.fixture(scope="module")
def rules():
    return default_rules()


@pytest.fixture(scope="module")
def kept(rules):
    """The kept body lines of a page, as text."""
    def run(page: str) -> list[str]:
        return [line.text for line in body_lines(page_lines(page), rules)]
    return run


def test_page_lines_are_stripped_with_their_page_offsets():
    page = "Titel der Seite\n\n   Eingerückter Absatz.  \nLetzte Zeile"
    lines = page_lines(page)
    assert [line.text for line in lines] == ["Titel der Seite", "Eingerückter Absatz.", "Letzte Zeile"]
    assert all(page[line.start:line.start + len(line.text)] == line.text for line in lines)


def test_running_text_is_long_and_ends_like_a_sentence(rules):
    assert is_running_text(P1, rules)
    assert not is_running_text("Lukaschenko empfängt Xi Jinping in Minsk", rules)
    assert not is_running_text(P1.rstrip(".") + " und", rules)
    assert is_running_text(" ".join([P1.rstrip(".")] * 2), rules), "a long transcript line"


def test_body_starts_at_the_first_running_text(kept):
    page = f"Startseite\nPolitik\nAusland\nLukaschenko empfängt Xi Jinping\n\n{P1}\n{P2}\n"
    assert kept(page) == [P1, P2]


def test_gallery_counters_captions_and_credits_are_dropped(kept):
    page = (f"{P1}\n\n1 / 8\nXi Jinping und Lukaschenko vor dem Palast der Unabhängigkeit.\n"
            "Bild: AP\n2 / 8\nEhrengarde am Flughafen von Minsk am Donnerstag.\n"
            f"Foto: Reuters/Pool\n\n{P2}\n")
    assert kept(page) == [P1, P2]


@pytest.mark.parametrize("line", ["Bild: AP", "Foto: Reuters/Pool", "Quelle: dpa", "1 / 12",
                                  "12/40", "Bild: Keystone", "AFP", "IMAGO / photothek",
                                  "(Archivbild)", "Facebook teilen", "Auf WhatsApp teilen",
                                  "https://example.org/minsk", "04.07.2024, 14:05 Uhr",
                                  "Aktualisiert am 04.07.2024", "Anzeige"])
def test_page_furniture_lines_are_dropped(rules, line):
    assert is_dropped(line, rules)


def test_english_agency_caption_is_dropped(rules):
    assert is_dropped("President Xi Jinping is welcomed by Alexander Lukashenko at the airport "
                      "of Minsk on Thursday.", rules)
    assert not is_dropped("Die Agentur Xinhua sprach von einem Besuch, der die Partnerschaft mit "
                          "Belarus auf eine neue Stufe heben werde.", rules)


def test_reader_comments_end_the_article(kept):
    page = (f"{P1}\n{P2}\nKommentare\nMax_Mustermann vor 2 Std.\nDas ist doch alles nur Show, "
            "was soll das bringen für die Menschen in Belarus und in China?\nAntworten\n")
    assert kept(page) == [P1, P2]


def test_teasers_end_the_article(kept):
    page = (f"{P1}\n{P2}\nDas könnte Sie auch interessieren\nHitzewelle in Südeuropa: "
            "Rekordtemperaturen in Spanien und Portugal werden für das Wochenende erwartet.\n")
    assert kept(page) == [P1, P2]


def test_mehr_zum_thema_ends_the_article(kept):
    page = (f"{P1}\n{P2}\nMehr zum Thema\nSelenskyj wirbt in Washington um weitere Hilfe für die "
            "Luftverteidigung seines Landes.\n")
    assert kept(page) == [P1, P2]


@pytest.mark.parametrize("byline", ["(dpa)", "(dpa/afp)", "(AFP/Reuters)", "(sda/red)"])
def test_agency_byline_ends_the_article(kept, byline):
    page = (f"{P1}\n{P2}\n{byline}\nWetter am Wochenende: Gewitter und Starkregen im Süden des "
            "Landes, sagen die Meteorologen voraus.\n")
    assert kept(page) == [P1, P2]


def test_newsletter_prompt_after_the_article_is_removed(kept):
    page = f"{P1}\n{P2}\nJetzt den Newsletter abonnieren und nichts mehr verpassen!\n"
    assert kept(page) == [P1, P2]


def test_newsletter_prompt_inside_the_article_is_removed(kept):
    page = f"{P1}\n{P2}\nJetzt den Newsletter abonnieren und nichts mehr verpassen!\n{P3}\n"
    assert kept(page) == [P1, P2, P3]


def test_end_marker_before_enough_text_is_skipped_not_honoured(kept):
    page = f"{P1}\nKommentare\n{P2}\n"
    assert kept(page) == [P1, P2]


def test_end_markers(rules):
    for line in ("Kommentare", "3 Kommentare", "Mehr zum Thema", "Weitere Artikel",
                 "Das könnte Sie auch interessieren", "(dpa)", "Fehler gefunden? Jetzt melden."):
        assert is_end_marker(line, rules), line
    # social prompts also stand inside articles: dropped, not an end
    assert not is_end_marker("Folgen Sie uns auf Instagram", rules)
    assert is_dropped("Folgen Sie uns auf Instagram", rules)
    assert not is_end_marker("Kommentatoren in Moskau sehen das anders als in Minsk.", rules)


def test_repeated_paragraph_is_kept_once(kept):
    assert kept(f"{P1}\n{P2}\n{P1}\n") == [P1, P2]


def test_short_lines_are_dropped_and_subheadings_kept(kept):
    page = f"{P1}\nLesezeit drei Minuten\nWirtschaft im Mittelpunkt der Gespräche\n{P2}\nOK\n"
    assert kept(page) == [P1, "Wirtschaft im Mittelpunkt der Gespräche", P2]


def test_short_paragraph_before_share_buttons_is_kept(kept):
    page = f"{P1}\n{P2}\nAuf Facebook teilen\nAuf WhatsApp teilen\n12 Kommentare\n"
    assert kept(page) == [P1, P2]


def test_page_without_running_text_has_no_body(kept):
    assert kept("Startseite\nPolitik\nSport\nWetter\nImpressum\n") == []


def test_paragraph_starting_with_xi_jinping_is_kept(kept):
    opening = ("Xi Jinping sicherte seinem Gast bei dem Treffen die weitere Unterstützung Chinas "
               "für die wirtschaftliche Entwicklung von Belarus zu.")
    assert kept(f"{P1}\n{opening}\n{P2}\n") == [P1, opening, P2]
