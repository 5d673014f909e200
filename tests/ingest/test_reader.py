"""kg.ingest.reader: bytes to text, and refusal of what is not a readable text page."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg.ingest.reader import IngestError, decode_page, read_page

TEXT = "Lukaschenko empfängt Xi Jinping in Minsk – «ein großer Tag», sagt er.\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("cp1252"),
])
def test_decodes_common_encodings(data):
    assert decode_page(data, "p.txt") == TEXT


def test_latin1_umlauts_survive():
    assert decode_page("Pjöngjang grüßt Moskau.".encode("latin-1"), "p.txt") == "Pjöngjang grüßt Moskau."


def test_nul_bytes_without_bom_are_binary():
    with pytest.raises(IngestError, match="binary"):
        decode_page(b"PK\x03\x04\x00\x00Erdogan", "archiv.zip")


def test_mostly_control_characters_are_binary():
    with pytest.raises(IngestError, match="control characters"):
        decode_page(bytes(range(1, 9)) * 20 + b"Putin", "bild.bin")


def test_a_few_control_characters_are_tolerated():
    text = "Selenskyj dankte Scholz.\x0c" + "Die Hilfe kommt an. " * 10
    assert decode_page(text.encode(), "p.txt") == text


def test_read_page(tmp_path: Path):
    page = tmp_path / "artikel.txt"
    page.write_text(TEXT, encoding="utf-8")
    assert read_page(page, 10_000) == TEXT


def test_empty_or_blank_file_is_refused(tmp_path: Path):
    page = tmp_path / "leer.txt"
    page.write_text(" \n\t\n", encoding="utf-8")
    with pytest.raises(IngestError, match="empty") as err:
        read_page(page, 10_000)
    assert err.value.source == "leer.txt"


def test_file_above_the_limit_is_refused_before_reading(tmp_path: Path):
    page = tmp_path / "gross.txt"
    page.write_text(TEXT * 100, encoding="utf-8")
    with pytest.raises(IngestError, match="limit") as err:
        read_page(page, 1000)
    assert err.value.source == "gross.txt"


def test_missing_file_is_an_ingest_error(tmp_path: Path):
    with pytest.raises(IngestError, match="cannot read") as err:
        read_page(tmp_path / "fehlt.txt", 1000)
    assert str(err.value).startswith("fehlt.txt: ")
