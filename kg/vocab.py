"""RDF namespaces used across kg: objects, never IRI strings pasted around."""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, VOID, XSD

KG = Namespace("https://w3id.org/kg-news/ontology#")
ENT = Namespace("https://w3id.org/kg-news/entity/")
ART = Namespace("https://w3id.org/kg-news/article/")
STMT = Namespace("https://w3id.org/kg-news/statement/")
WD = Namespace("http://www.wikidata.org/entity/")
SCHEMA = Namespace("https://schema.org/")

#: The named graph that holds the ontology and the gazetteer of known entities.
ONTOLOGY_GRAPH = KG["ontology-graph"]
#: The dataset as a whole, as its VoID description names it.
DATASET = URIRef("https://w3id.org/kg-news/dataset")

__all__ = ["KG", "ENT", "ART", "STMT", "WD", "SCHEMA", "ONTOLOGY_GRAPH", "DATASET",
           "DCTERMS", "OWL", "PROV", "RDF", "RDFS", "SH", "SKOS", "VOID", "XSD"]
