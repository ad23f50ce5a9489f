"""Small named exceptions. The library raises them; only ``kg/cli.py`` turns
them into a one-line message and an exit status."""

from __future__ import annotations


class KgError(Exception):
    """Base of every error kg reports to its user."""

    exit_code = 1


class UsageError(KgError):
    """A bad option, argument or value."""

    exit_code = 2


class InputError(KgError):
    """A file or folder that cannot be read."""


class QueryError(KgError):
    """A malformed or refused SPARQL query."""

    exit_code = 2


class ValidationFailed(KgError):
    """A graph that does not conform to ontology/shapes.ttl."""


class ExportError(KgError):
    """An export that could not be written; the previous files are untouched."""


class OntologyError(KgError):
    """The ontology files are missing or unreadable."""
