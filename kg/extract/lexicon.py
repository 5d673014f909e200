"""The extractor's word lists, read once from ``data/lexicons/*.toml`` into typed values.

All words are compared in folded form (:func:`kg.text.fold`), so the data files can be
written in ordinary German spelling.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.text import fold


def _folded(words: list[str]) -> frozenset[str]:
    return frozenset(fold(w) for w in words)


@dataclass(frozen=True)
class VerbCue:
    relation: str
    lemmas: frozenset[str]  # folded; separable ones as "particle|verb"
    objects: tuple[str, ...]
    requires: frozenset[str] = frozenset()
    requires_near: bool = False
    reverse: bool = False
    embedded: bool = False
    adjective_object: bool = False


@dataclass(frozen=True)
class NounCue:
    relation: str
    nouns: frozenset[str]
    object_preps: frozenset[str] = frozenset()
    compound: str | None = None
    genitive_after: str | None = None
    agent_from_subject: bool = False
    symmetric_between: bool = False
    only_between: bool = False
    object_required: bool = False


@dataclass(frozen=True)
class Grammar:
    prepositions: dict[str, str]
    determiners: dict[str, str]
    subordinators: frozenset[str]
    clause_breaks: frozenset[str]
    coordinators: frozenset[str]
    negation: frozenset[str]
    passive_aux: frozenset[str]
    np_fillers: frozenset[str]
    speech_verbs: frozenset[str]


@dataclass(frozen=True)
class Roles:
    leader: frozenset[str]
    leader_of_state: dict[str, str]
    other: dict[str, frozenset[str]]
    parent: frozenset[str]
    child: frozenset[str]
    government: frozenset[str]
    former: frozenset[str]
    he: frozenset[str]
    his: frozenset[str]
    both: frozenset[str]
    country_nouns: frozenset[str]
    person_nouns: frozenset[str]

    def office_of(self, word: str) -> str | None:
        """The office a role noun names ("leader", "advisor", …), or None."""
        folded = fold(word)
        if folded in self.leader or folded in self.leader_of_state:
            return "leader"
        return next((office for office, words in self.other.items() if folded in words), None)


@dataclass(frozen=True)
class Modality:
    denied: frozenset[str]
    alleged: frozenset[str]
    planned: frozenset[str]
    hedges: tuple[str, ...]
    denied_separable: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Lexicon:
    verbs: tuple[VerbCue, ...]
    nouns: tuple[NounCue, ...]
    types: dict[str, tuple[frozenset[str], frozenset[str]]]
    grammar: Grammar
    roles: Roles
    modality: Modality
    verb_index: dict[str, list[VerbCue]] = field(default_factory=dict)
    noun_index: dict[str, list[NounCue]] = field(default_factory=dict)
    particles: frozenset[str] = frozenset()
    #: verbs that have a separable form ("treffen" for "ein|treffen"): worth looking for a particle
    separable_bases: frozenset[str] = frozenset()

    def allows(self, relation: str, subject_type: str, object_type: str) -> bool:
        subject_types, object_types = self.types[relation]
        return subject_type in subject_types and object_type in object_types


def _read(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def load_lexicon(lexicon_dir: Path) -> Lexicon:
    rel = _read(lexicon_dir / "relations.toml")
    gram = _read(lexicon_dir / "grammar.toml")
    roles = _read(lexicon_dir / "roles.toml")
    mod = _read(lexicon_dir / "modality.toml")
    verbs = tuple(VerbCue(
        relation=v["relation"], lemmas=_folded(v["lemmas"]), objects=tuple(v["object"]),
        requires=_folded(v.get("requires", [])), requires_near=v.get("requires_near", False),
        reverse=v.get("reverse", False), embedded=v.get("embedded", False),
        adjective_object=v.get("adjective_object", False)) for v in rel["verb"])
    nouns = tuple(NounCue(
        relation=n["relation"], nouns=_folded(n["nouns"]),
        object_preps=frozenset(n.get("object_preps", [])), compound=n.get("compound"),
        genitive_after=n.get("genitive_after"), agent_from_subject=n.get("agent_from_subject", False),
        symmetric_between=n.get("symmetric_between", False), only_between=n.get("only_between", False),
        object_required=n.get("object_required", False)) for n in rel["noun"])
    words = gram["words"]
    grammar = Grammar(
        prepositions={fold(k): v for k, v in gram["prepositions"].items()},
        determiners={fold(k): v for k, v in gram["determiners"].items()},
        subordinators=_folded(words["subordinators"]), clause_breaks=frozenset(words["clause_breaks"]),
        coordinators=_folded(words["coordinators"]), negation=_folded(words["negation"]),
        passive_aux=_folded(words["passive_aux"]), np_fillers=_folded(words["np_fillers"]),
        speech_verbs=_folded(words["speech_verbs"]))
    ref = roles["reference"]
    role_lex = Roles(
        leader=_folded(roles["leader"]),
        leader_of_state={fold(k): v for k, v in roles["leader_of_state"].items()},
        other={k: _folded(v) for k, v in roles["other"].items()},
        parent=_folded(roles["kinship"]["parent"]), child=_folded(roles["kinship"]["child"]),
        government=_folded(ref["government"]), former=_folded(ref["former"]), he=_folded(ref["he"]),
        his=_folded(ref["his"]), both=_folded(ref["both"]),
        country_nouns=_folded(ref["country_nouns"]), person_nouns=_folded(ref["person_nouns"]))
    modality = Modality(denied=_folded(mod["denied"]), alleged=_folded(mod["alleged"]),
                        planned=_folded(mod["planned"]), hedges=tuple(fold(h) for h in mod["hedges"]),
                        denied_separable=tuple(tuple(fold(w) for w in pair.split("|"))  # type: ignore[misc]
                                               for pair in mod.get("denied_separable", [])))
    types = {name: (frozenset(t["subject"]), frozenset(t["object"])) for name, t in rel["types"].items()}
    verb_index: dict[str, list[VerbCue]] = {}
    particles: set[str] = set()
    for cue in verbs:
        for lemma in cue.lemmas:
            verb_index.setdefault(lemma, []).append(cue)
            if "|" in lemma:
                particles.add(lemma.split("|")[0])
    noun_index: dict[str, list[NounCue]] = {}
    for ncue in nouns:
        for noun in ncue.nouns:
            noun_index.setdefault(noun, []).append(ncue)
    bases = frozenset(lemma.split("|")[1] for lemma in verb_index if "|" in lemma)
    return Lexicon(verbs, nouns, types, grammar, role_lex, modality, verb_index, noun_index,
                   frozenset(particles), bases)
