"""Visualisation: a subgraph of the store (:mod:`.selection`, :mod:`.subgraph`) drawn as
GraphML, GEXF, Cytoscape.js JSON, DOT or a self-contained interactive HTML page
(:mod:`.writer`), written by ``kg viz`` (:mod:`.dump`) or served at ``/viz`` (:mod:`.routes`).

Nothing is imported here, so ``kg.viz.formats`` stays cheap for the CLI."""
