"""Bytes → text: the one place that decides whether a file is readable at all."""
from __future__ import annotations

import codecs
import re
from pathlib import Path


class IngestError(Exception):
    """A page that cannot be read; the message says why and what to do about it."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def decode_page(data: bytes, source: str) -> str:
    """Decode a page: UTF-8 (with or without BOM), UTF-16 with BOM, else Latin-1 / cp1252.

    Binary data (NUL bytes without a UTF-16 BOM, or mostly control characters) is refused
    rather than turned into garbage entities.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    if b"\x00" in data[:4096]:
        raise IngestError(source, "looks like a binary file (NUL bytes); expected a text file")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    sample = text[:4096]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    if sample and controls / len(sample) > 0.05:
        raise IngestError(source, "looks like a binary file (control characters); expected text")
    return text


_HTML = re.compile(r"<\s*(!doctype\s+html|html|head|body|div|p|script|meta)\b", re.IGNORECASE)


def check_page(text: str, source: str, max_line_chars: int) -> None:
    """Refuse text that is not a news page in plain text: HTML markup, giant lines."""
    if not text.strip():
        raise IngestError(source, "file is empty")
    head = text[:20_000]
    if len(_HTML.findall(head)) >= 3:
        raise IngestError(source, "looks like HTML, not text; save the page as plain text "
                                  "(for example with a browser's reader view) and build that")
    longest = max((len(line) for line in text.splitlines()), default=0)
    if longest > max_line_chars:
        raise IngestError(source, f"has a line of {longest:,} characters (limit {max_line_chars:,}); "
                                  "that is a data dump, not an article page")


def read_page(path: Path, max_bytes: int, max_line_chars: int = 200_000) -> str:
    """Read and decode one page, refusing what is empty, too large or not text."""
    source = path.name
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise IngestError(source, f"file is {size / 1e6:.1f} MB, above the limit of "
                                  f"{max_bytes / 1e6:.0f} MB for one article page; split it "
                                  "into articles")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from exc
    text = decode_page(data, source)
    check_page(text, source, max_line_chars)
    return text
