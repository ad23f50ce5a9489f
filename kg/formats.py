"""The RDF formats kg reads and writes, by the one name every command uses.

A small table with no engine behind it, so that ``kg query`` and the endpoint
name formats the same way as ``kg build`` without importing rdflib.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import UsageError

# The export formats by their one name in every command, with the file each is
# written to (graph.<extension>) and the other names a user may give.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
DEFAULT_FORMATS = ("turtle", "trig", "jsonld", "ntriples")
EXTENSIONS = {
    "turtle": "ttl",
    "trig": "trig",
    "jsonld": "jsonld",
    "ntriples": "nt",
    "nquads": "nq",
    "rdfxml": "rdf",
}
ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "rdf": "rdfxml",
    "xml": "rdfxml",
    "rdf/xml": "rdfxml",
}


def format_name(name: str) -> str:
    """The one name of an RDF format given by any of its names (``ttl`` -> ``turtle``);
    raises UsageError for a name kg does not know."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        known = ", ".join([*FORMATS, *ALIASES])
        raise UsageError(f"unknown format {name!r}; choose from {known}")
    return key


def export_file(out_dir: Path, fmt: str) -> Path:
    """Where the export in ``fmt`` is written: ``graph.ttl`` for turtle, and so on."""
    return out_dir / f"graph.{EXTENSIONS[fmt]}"


__all__ = ["ALIASES", "DEFAULT_FORMATS", "EXTENSIONS", "FORMATS", "export_file", "format_name"]
