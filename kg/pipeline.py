"""The pipeline in its plainest form: ingest -> extract -> resolve -> graph -> export.

Everything in memory, in this process, nothing cached. ``kg build``
(``kg.build``) does the same work in worker processes, checks each article's
graph against the shapes, keeps what it can for the next build and writes its
files part by part; whatever it reused, its exports are byte for byte the ones
``write`` here writes for the same corpus (``tests/test_pipeline.py``). This is
the reference it is held to, and the shortest way to read what kg does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from kg import corrections
from kg.export import write_graphs
from kg.extract import extract_article
from kg.formats import DEFAULT_FORMATS
from kg.graph import Dataset, article_graph, dataset
from kg.ingest import DEFAULT_MAX_BYTES, read_corpus
from kg.model import Article, ArticleClaims, IngestError, Resolved, TripleKey
from kg.resolve import resolve
from kg.validate import conforming_graph, sampled


def extract_corpus(
    corpus: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, follow_links: bool = False
) -> tuple[list[ArticleClaims], list[IngestError]]:
    """Every article's claims, and the files that could not be read."""
    claims: list[ArticleClaims] = []
    skipped: list[IngestError] = []
    for item in read_corpus(corpus, max_bytes, follow_links=follow_links):
        if isinstance(item, Article):
            claims.append(extract_article(item))
        else:
            skipped.append(item)
    return claims, skipped


def graph(
    corpus: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check: bool = True,
    use_corrections: bool = True,
) -> Dataset:
    """The graph of a corpus folder: its articles extracted, resolved, corrected by the
    corpus's corrections file (unless not ``use_corrections``) and rendered. With
    ``check``, the graphs of the articles ``kg.validate.sampled`` names are made to
    conform to the shapes (the claims behind a violation are left out), as ``kg
    build`` does."""
    fixes = corrections.load(corrections.file_of(corpus)) if use_corrections else corrections.NONE
    claims, _ = extract_corpus(corpus, max_bytes)
    resolved = corrections.resolve(resolve(claims), fixes)
    touched = corrections.touching(resolved, fixes)
    corrected = tuple(
        corrections.apply(ac, touched[ac.article.id], resolved) if ac.article.id in touched else ac
        for ac in resolved.claims
    )
    resolved = replace(resolved, claims=corrected)
    checked = sampled(ac.article.id for ac in resolved.claims) if check else set()

    def render(ac: ArticleClaims, resolved: Resolved) -> list[TripleKey]:
        if checked is None or ac.article.id in checked:
            return conforming_graph(ac, resolved)[0]
        return article_graph(ac, resolved)

    return dataset(resolved, render)


def write(
    corpus: Path,
    out: Path,
    formats: Sequence[str] = DEFAULT_FORMATS,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check: bool = True,
    use_corrections: bool = True,
) -> dict[str, Path]:
    """Build the graph of ``corpus`` and write its exports into ``out``."""
    return write_graphs(graph(corpus, max_bytes, check, use_corrections).graphs(), out, formats)
