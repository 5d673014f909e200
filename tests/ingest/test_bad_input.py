"""Pages that are not articles are refused with a reason that names what to do."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from kg.config import load_settings
from kg.ingest import IngestError, read_article

PAGE = ("Treffen in Berlin\n\nBundeskanzler Olaf Scholz hat am Dienstag in Berlin den polnischen "
        "Regierungschef Donald Tusk empfangen und mit ihm über die Lage in der Ukraine gesprochen.\n")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("encoding, bom", [("latin-1", b""), ("utf-16-le", codecs.BOM_UTF16_LE),
                                           ("utf-8", codecs.BOM_UTF8)])
def test_other_encodings_are_read(tmp_path: Path, encoding: str, bom: bytes) -> None:
    article = read_article(_write(tmp_path, "a.txt", bom + PAGE.encode(encoding)))
    assert "Regierungschef Donald Tusk" in article.text


def test_too_large_file_is_refused_before_reading(tmp_path: Path) -> None:
    settings = load_settings()
    path = _write(tmp_path, "big.txt", PAGE.encode() * (settings.max_article_bytes // len(PAGE) + 10))
    with pytest.raises(IngestError, match=r"big.txt: file is [\d.]+ MB, above the limit"):
        read_article(path)


def test_a_megabyte_on_one_line_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "line.txt", ("Wort " * 220_000).encode())
    with pytest.raises(IngestError, match="has a line of 1,100,000 characters"):
        read_article(path)


def test_html_is_refused_with_what_to_do(tmp_path: Path) -> None:
    html = f"<!DOCTYPE html><html><head><title>x</title></head><body><p>{PAGE}</p></body></html>"
    with pytest.raises(IngestError, match="looks like HTML.*plain text"):
        read_article(_write(tmp_path, "page.txt", html.encode()))


def test_page_without_prose_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no article text found"):
        read_article(_write(tmp_path, "nav.txt", b"Home\nPolitik\nSport\nWetter\n"))
