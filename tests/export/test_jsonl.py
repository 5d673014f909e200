"""The JSON Lines export: what the scorer reads, plus ids and provenance."""
from __future__ import annotations

import io
import json
from typing import Any

from kg.export import write_export
from kg.store import KGStore


def _rows(store: KGStore) -> list[dict[str, Any]]:
    out = io.StringIO()
    write_export(store, "jsonl", out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_statement_lines_carry_canonical_labels_and_provenance(store: KGStore) -> None:
    statements = [r for r in _rows(store) if r["kind"] == "statement"]
    assert len(statements) == 6
    met = next(r for r in statements if r["predicate"] == "met" and r["source"] == "001_gipfel.txt")
    assert (met["subject"], met["object"]) == ("Kim Jong Un", "Wladimir Putin")
    assert (met["subject_id"], met["object_id"], met["modality"]) == ("kim_jong_un", "putin", "asserted")
    assert (met["place"], met["place_id"], met["date"]) == ("Pjöngjang", "pyongyang", "2024-06-19")
    assert (met["char_start"], met["char_end"], met["rule"]) == (0, 54, "test-rule")
    assert met["sentence"] == "Wladimir Putin hat Kim Jong Un in Pjöngjang getroffen."
    assert met["confidence"] == 0.9 and met["id"]


def test_alleged_statements_say_so(store: KGStore) -> None:
    [supplies] = [r for r in _rows(store) if r.get("predicate") == "suppliesWeaponsTo"]
    assert (supplies["subject"], supplies["modality"]) == ("Russland", "alleged")


def test_one_entity_line_per_entity_per_mentioning_article(store: KGStore) -> None:
    entities = [(r["source"], r["id"], r["label"], r["type"])
                for r in _rows(store) if r["kind"] == "entity"]
    assert len(entities) == len(set(entities)) == 9
    assert ("002_donezk.txt", "putin", "Wladimir Putin", "Person") in entities
    assert not any(source == "002_donezk.txt" and id_ == "russia" for source, id_, *_ in entities)
