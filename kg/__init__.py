"""kg: a knowledge-graph builder and query server for German news."""
__version__ = "0.1.0"
