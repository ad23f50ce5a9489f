"""``kg build``: a corpus folder -> the graph and its exports."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Dataset

from kg.errors import InputError, ValidationFailed
from kg.extract import extract_article
from kg.graph import build_dataset
from kg.ingest import DEFAULT_MAX_BYTES, read_corpus
from kg.model import Article, ArticleClaims, IngestError
from kg.resolve import resolve

FORMATS = ("ttl", "trig", "jsonld", "nt")


@dataclass
class BuildResult:
    read: int = 0
    skipped: list[IngestError] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, Path] = field(default_factory=dict)
    triples: int = 0

    def summary(self) -> str:
        facts = ", ".join(f"{n} {k}" for k, n in self.facts.items())
        return (
            f"read {self.read} articles, skipped {len(self.skipped)}; "
            f"extracted {facts}; {self.triples} triples"
        )


def extract_corpus(
    corpus: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_article: Callable[[str], None] | None = None,
) -> tuple[list[ArticleClaims], list[IngestError]]:
    claims: list[ArticleClaims] = []
    skipped: list[IngestError] = []
    for item in read_corpus(corpus, max_bytes):
        if isinstance(item, IngestError):
            skipped.append(item)
        elif isinstance(item, Article):
            claims.append(extract_article(item))
        if on_article:
            on_article(item.file_name)
    return claims, skipped


def build_graph(
    corpus: Path,
    out: Path,
    *,
    formats: tuple[str, ...] = FORMATS,
    validate: bool = True,
    html: bool = True,
    store: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_article: Callable[[str], None] | None = None,
) -> BuildResult:
    """Read ``corpus``, extract, resolve, assemble, check and write into ``out``.

    Unreadable files are skipped and listed in the result. A graph that does not
    conform to the shapes raises ``ValidationFailed`` and writes nothing.
    """
    if not corpus.exists():
        raise InputError(f"{corpus}: no such folder")
    claims, skipped = extract_corpus(corpus, max_bytes, on_article)
    resolved = resolve(claims)
    ds = build_dataset(resolved)
    result = BuildResult(read=len(claims), skipped=skipped, facts=_facts(resolved.claims, resolved))
    result.triples = sum(1 for _ in ds.quads((None, None, None, None)))
    if validate:
        check(ds)
    out.mkdir(parents=True, exist_ok=True)
    result.outputs.update(write_all(ds, out, formats, html=html, store=store))
    return result


def check(ds: Dataset) -> None:
    from kg.validate import format_violation, validate_graph

    violations = validate_graph(ds)
    if violations:
        first = format_violation(violations[0])
        raise ValidationFailed(
            f"the graph does not conform to the shapes "
            f"({len(violations)} violations); first: {first}"
        )


def write_all(
    ds: Dataset, out: Path, formats: tuple[str, ...], *, html: bool, store: bool
) -> dict[str, Path]:
    from kg.export import write_exports

    outputs = dict(write_exports(ds, out, formats))
    if store:
        try:
            from kg.store import write_store

            outputs["store"] = write_store(ds, out / "store")
        except ImportError:
            pass
    if html:
        from kg.viz import write_html

        outputs["html"] = write_html(ds, out / "graph.html")
    return outputs


def _facts(claims: tuple[ArticleClaims, ...], resolved: object) -> dict[str, int]:
    from kg.model import Resolved

    assert isinstance(resolved, Resolved)
    return {
        "people": len(resolved.people),
        "organizations": len({m.org for ac in claims for m in ac.organizations}),
        "roles": sum(len(ac.roles) for ac in claims),
        "reports": len(resolved.reports),
        "quotes": sum(len(ac.quotes) for ac in claims),
    }


def _eprint(msg: str) -> None:
    print(msg, file=sys.stderr)


def load_graph(path: Path) -> Dataset:
    """Any RDF file kg writes (ttl, trig, nt, nq, jsonld) as an rdflib Dataset."""
    from rdflib.util import guess_format

    if not path.is_file():
        raise InputError(f"{path}: no such graph file (run `kg build` first)")
    fmt = (
        {"jsonld": "json-ld", "nq": "nquads"}.get(path.suffix.lstrip("."))
        or guess_format(str(path))
        or "turtle"
    )
    ds = Dataset()
    try:
        ds.parse(path, format=fmt)
    except Exception as e:  # rdflib raises many kinds
        raise InputError(f"{path}: cannot read as {fmt}: {str(e).splitlines()[0][:200]}") from None
    return ds
