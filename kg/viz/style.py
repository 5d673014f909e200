"""Colours and line styles shared by every drawn format, so DOT, GEXF and the HTML page agree."""
from __future__ import annotations

#: Fill colour per entity type (``type`` node attribute); colour-blind-safe Okabe–Ito hues.
TYPE_COLOURS: dict[str, str] = {
    "Person": "#E69F00",
    "Country": "#0072B2",
    "City": "#009E73",
    "Region": "#56B4E9",
    "Organisation": "#CC79A7",
    "Unknown": "#999999",
}

#: Graphviz line style per modality: only asserted facts are drawn solid.
MODALITY_LINES: dict[str, str] = {
    "asserted": "solid", "alleged": "dashed", "planned": "dotted", "denied": "dashed",
}


def type_colour(entity_type: object) -> str:
    return TYPE_COLOURS.get(str(entity_type), TYPE_COLOURS["Unknown"])


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
