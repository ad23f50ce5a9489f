"""Step 3 of a build, render: each article's graph, checked and written, in a worker.

A worker gets an article's cache key and the slice of the corpus-wide
resolution its graph uses (its people and reports), makes its triples
(``kg.graph.article_graph``), checks them against the shapes when the article
is one the build checks (``kg.validate.conforming_graph``: the claims behind a
violation are left out), writes them in every export format
(``kg.export.graph_bodies``) and keeps the triples in the cache for the next
build (kind ``runs``). An article whose claims and slice are unchanged keeps
its run: it is not rendered again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.cache import BuildCache
from kg.export import GraphBodies, Sections, graph_bodies
from kg.graph import article_graph, audit_graph, provenance
from kg.incremental.reuse import full_claims
from kg.model import ArticleClaims, Resolved, TripleKey
from kg.vocab import AUDIT_SUFFIX, graph_iri

if TYPE_CHECKING:  # pySHACL takes a second to import: only a build that checks loads it
    from kg.corrections import Entry
    from kg.validate import Violation


def slice_of(ac: ArticleClaims, resolved: Resolved) -> Resolved:
    """The part of the corpus-wide resolution that one article's graph uses."""
    a = ac.article.id
    names = (
        {p.name for p in ac.people}
        | {r.person for r in ac.roles}
        | {q.speaker for q in ac.quotes if q.speaker_kind == "Person"}
    )
    person_key = {(a, n): resolved.person_key[(a, n)] for n in sorted(names)}
    report_key = {(a, i): resolved.report_key[(a, i)] for i in range(len(ac.reports))}
    return Resolved(
        claims=(),
        people={k: resolved.people[k] for k in sorted(set(person_key.values()))},
        person_key=person_key,
        reports={k: resolved.reports[k] for k in sorted(set(report_key.values()))},
        report_key=report_key,
    )


def slice_bytes(part: Resolved) -> bytes:
    """What identifies a slice, for the run key."""
    return repr(
        (
            tuple(part.person_key.items()),
            tuple(part.people.items()),
            tuple(part.report_key.items()),
            tuple(part.reports.items()),
        )
    ).encode()


@dataclass(frozen=True, slots=True)
class Run:
    """An article's graph as the cache keeps it: its triples (sorted), its provenance
    in the default graph, what the shape check found (empty when unchecked), its
    audit graph (the claims corrections took out) and the corrections it matched."""

    keys: list[TripleKey]
    provenance: list[TripleKey]
    violations: list[Violation]
    audit: list[TripleKey] = field(default_factory=list)
    matched: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class RenderTask:
    cache: BuildCache
    claims_key: str
    run_key: str
    resolved: Resolved  # the slice
    path: str  # the article's file, to extract again if its cached claims are damaged
    max_bytes: int
    check: bool  # check the graph against the shapes
    formats: tuple[str, ...]
    with_keys: bool  # hand the triples back too (the network view draws them)
    corrections: tuple[Entry, ...] = ()  # the claim corrections that apply to it


@dataclass(frozen=True, slots=True)
class Rendered:
    """What the main process needs of a run just rendered."""

    run_key: str
    graph: str  # the article's graph IRI
    bodies: GraphBodies | None  # None: the article's graph was left out
    violations: list[Violation]
    keys: list[TripleKey] | None  # with_keys: its graph's triples and provenance
    extracted: bool  # its claims had to be extracted again
    audit: dict[str, bytes] = field(default_factory=dict)  # quad formats: its audit graph
    audit_count: int = 0
    matched: frozenset[str] = frozenset()  # the corrections it matched


def render(task: RenderTask) -> Rendered:
    """Correct, render, check, write and keep one article's graph (in a worker)."""
    claims, again = full_claims(task.cache, task.claims_key, task.path, task.max_bytes)
    matched: frozenset[str] = frozenset()
    if task.corrections:
        from kg import corrections

        claims = corrections.apply(claims, task.corrections, task.resolved)
        matched = corrections.matched(claims)
    if task.check:
        from kg.validate import conforming_graph

        keys, violations = conforming_graph(claims, task.resolved)
    else:
        keys, violations = article_graph(claims, task.resolved), []
    prov = provenance(claims) if keys else []
    audit = audit_graph(claims, task.resolved)
    run = Run(keys, prov, violations, audit, matched)
    task.cache.put("runs", task.run_key, run)
    return rendered(run, task.run_key, str(graph_iri(claims.article.id)), task, again)


def rendered(run: Run, run_key: str, iri: str, task: RenderTask, again: bool = False) -> Rendered:
    """A run as the main process takes it: its graph written in every format."""
    keys, prov = run.keys, run.provenance
    return Rendered(
        run_key,
        iri,
        graph_bodies(iri, keys, prov, task.formats) if keys else None,
        run.violations,
        [*keys, *prov] if task.with_keys else None,
        again,
        audit_bodies(iri + AUDIT_SUFFIX, run.audit, task.formats),
        len(run.audit),
        run.matched,
    )


def audit_bodies(graph: str, keys: list[TripleKey], formats: tuple[str, ...]) -> dict[str, bytes]:
    """An audit graph written in the quad formats (never in the union ones)."""
    if not keys:
        return {}
    return {fmt: Sections(fmt).body(keys, graph) for fmt in formats if Sections(fmt).quads}
