"""German news-style sentences, one set per relation, written around the cue words of
``kg/data/lexicons/relations.toml`` so the synthetic corpus exercises every relation frame."""
from __future__ import annotations

import random
import tomllib
from functools import lru_cache
from pathlib import Path

from kg.model import EntityType

#: ``{s}`` subject, ``{o}`` object, ``{place}`` a city, ``{day}`` a weekday.
SENTENCES: dict[str, tuple[str, ...]] = {
    "met": ("{s} traf am {day} in {place} mit {o} zusammen.",
            "{s} und {o} sprachen in {place} über die Lage.",
            "In {place} empfing {s} am {day} {o}."),
    "visited": ("{s} reiste am {day} nach {o}.", "{s} besuchte {o}.",
                "{s} ist am {day} in {o} eingetroffen."),
    "signedAgreementWith": ("{s} unterzeichnete in {place} ein Abkommen mit {o}.",
                            "{s} schloss mit {o} einen Vertrag über Zusammenarbeit."),
    "cooperatesWith": ("{s} will mit {o} enger kooperieren.",
                       "{s} vertieft die Zusammenarbeit mit {o}."),
    "recognised": ("{s} erkannte am {day} {o} als unabhängig an.",),
    "brokeRelationsWith": ("{s} brach die diplomatischen Beziehungen zu {o} ab.",),
    "supports": ("{s} unterstützt {o}.", "{s} sicherte {o} Hilfe zu."),
    "suppliesWeaponsTo": ("{s} liefert Waffen an {o}.", "{s} soll {o} mit Granaten beliefern."),
    "sentTroopsTo": ("{s} entsandte Soldaten nach {o}.", "{s} verlegte Truppen nach {o}."),
    "thanked": ("{s} dankte {o} für die Unterstützung.",),
    "praised": ("{s} lobte {o} am {day} ausdrücklich.", "{s} würdigte {o}."),
    "wroteTo": ("{s} schrieb {o} einen Brief.", "{s} richtete ein Schreiben an {o}."),
    "accused": ("{s} warf {o} vor, die Lage zu verschärfen.", "{s} beschuldigte {o}."),
    "sanctioned": ("{s} verhängte Sanktionen gegen {o}.",),
    "invaded": ("{s} marschierte in {o} ein.", "{s} überfiel {o}."),
    "leaderOf": ("{s}, der Präsident von {o}, äußerte sich am {day}.",),
    "parentOf": ("{o}, die Tochter von {s}, trat am {day} auf.",),
    "advisorOf": ("{s}, ein Berater von {o}, widersprach am {day}.",),
}
FILLER: tuple[str, ...] = (
    "Beobachter sprachen von einem wichtigen Signal.",
    "Einzelheiten wurden zunächst nicht bekannt.",
    "Die Gespräche sollen in den kommenden Wochen fortgesetzt werden.",
    "Kritiker sehen darin einen Versuch, die internationale Isolation zu durchbrechen.",
    "Eine offizielle Stellungnahme lag am Abend noch nicht vor.",
)
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")


@lru_cache(maxsize=4)
def relation_types(relations_toml: Path) -> dict[str, tuple[list[EntityType], list[EntityType]]]:
    """Allowed subject and object types per relation, as the relation lexicon declares them."""
    declared = tomllib.loads(relations_toml.read_text("utf-8"))["types"]
    return {name: ([EntityType(t) for t in spec["subject"]], [EntityType(t) for t in spec["object"]])
            for name, spec in declared.items()}


def sentence(rng: random.Random, predicate: str, subject: str, obj: str, place: str) -> str:
    """One sentence stating ``subject predicate obj`` in German."""
    template = rng.choice(SENTENCES[predicate])
    return template.format(s=subject, o=obj, place=place, day=rng.choice(WEEKDAYS))
