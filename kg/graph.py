"""Resolved claims -> an rdflib Dataset. The only module that makes triples.

One named graph per article holds everything taken from it; the reference
graph holds the ontology's organizations and schemes; the default graph holds
the provenance of the named graphs and of the build run. IRIs come from
``kg.vocab``; there are no blank nodes, timestamps or random ids, so the same
corpus always gives the same graph.
"""

from __future__ import annotations

import functools

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg import __version__
from kg.model import ArticleClaims, PartialDate, Resolved, Span, SpeakerKind
from kg.reference import lexicon, ontology_graph
from kg.vocab import (
    AREA,
    DCTERMS,
    GRADE,
    KGO,
    OA,
    ORG,
    POLARITY,
    PREFIXES,
    PROV,
    SCHEMA,
    article_iri,
    build_iri,
    digest,
    evidence_iri,
    figure_iri,
    finding_iri,
    graph_iri,
    judgement_iri,
    kind_iri,
    membership_iri,
    org_iri,
    person_iri,
    publisher_iri,
    quote_iri,
    reference_graph_iri,
    report_iri,
    role_iri,
)


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _integer(n: int) -> Literal:
    """An xsd:integer literal; the offsets of evidence repeat from article to
    article, and rdflib takes a while to make a typed literal."""
    return Literal(n)


def date_literal(date: PartialDate) -> Literal:
    """A typed literal as precise as the date: xsd:date, xsd:gYearMonth or xsd:gYear."""
    dtype = {"day": XSD.date, "month": XSD.gYearMonth, "year": XSD.gYear}[date.precision]
    return Literal(date.iso(), datatype=dtype)


def new_dataset() -> Dataset:
    ds = Dataset()
    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns, override=True)
    return ds


def add_reference(ds: Dataset) -> None:
    """The ontology and reference data, as shipped, in their own named graph."""
    g = ds.graph(reference_graph_iri())
    for triple in ontology_graph():
        g.add(triple)


def build_dataset(resolved: Resolved) -> Dataset:
    ds = new_dataset()
    add_reference(ds)
    add_build_run(ds.default_graph, resolved)
    for ac in resolved.claims:
        add_article(ds.graph(graph_iri(ac.article.id)), ac, resolved)
        add_provenance(ds.default_graph, ac)
    return ds


def add_build_run(g: Graph, resolved: Resolved) -> None:
    """The build run, named by a digest of the corpus, and the software that made it.

    Which article each graph came from is its own provenance
    (``add_provenance``), not a statement about the run, so that a rebuild
    after one article changed leaves the other articles' statements as they
    were.
    """
    build = build_iri(digest(*(ac.article.sha256 or ac.article.id for ac in resolved.claims)))
    g.add((build, RDF.type, KGO.BuildRun))
    g.add((build, RDF.type, PROV.Activity))
    g.add((build, SCHEMA.softwareVersion, Literal(f"kg {__version__}")))


def add_provenance(g: Graph, ac: ArticleClaims) -> None:
    """What an article's graph was derived from: a default-graph triple about that
    graph alone, so that it stays the same when other articles change."""
    g.add((graph_iri(ac.article.id), PROV.wasDerivedFrom, article_iri(ac.article.id)))


def _evidence(g: Graph, ac: ArticleClaims, span: Span) -> URIRef:
    a = ac.article
    node = evidence_iri(a.id, span.start, span.end)
    g.add((node, RDF.type, KGO.Evidence))
    g.add((node, OA.exact, Literal(a.text[span.start : span.end])))
    g.add((node, OA.start, _integer(span.start)))
    g.add((node, OA.end, _integer(span.end)))
    g.add((node, KGO.inArticle, article_iri(a.id)))
    return node


def add_article(g: Graph, ac: ArticleClaims, resolved: Resolved) -> None:
    a = ac.article
    lex = lexicon()
    art = article_iri(a.id)
    g.add((art, RDF.type, SCHEMA.NewsArticle))
    g.add((art, KGO.fileName, Literal(a.file_name)))
    if a.sha256:
        g.add((art, KGO.contentHash, Literal(a.sha256)))
    if a.title:
        g.add((art, SCHEMA.name, Literal(a.title)))
    if a.published is not None and a.published.day is not None:
        g.add((art, SCHEMA.datePublished, date_literal(a.published)))
    if a.url:
        g.add((art, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI)))
    if a.publisher:
        pub = publisher_iri(a.publisher)
        g.add((art, SCHEMA.publisher, pub))
        g.add((pub, RDF.type, SCHEMA.Organization))
        g.add((pub, SCHEMA.name, Literal(a.publisher)))
    when = a.reference_date

    mentioned_orgs = {m.org for m in ac.organizations}
    mentioned_orgs |= {r.org for r in ac.roles if r.org}
    mentioned_orgs |= {r.publisher for r in ac.reports} | {
        s for r in ac.reports for s in r.subjects
    }
    for key in sorted(mentioned_orgs):
        g.add((art, SCHEMA.mentions, org_iri(key)))

    def person(name: str) -> URIRef:
        key = resolved.person_key[(a.id, name)]
        p = resolved.people[key]
        node = person_iri(key)
        g.add((node, RDF.type, SCHEMA.Person))
        g.add((node, SCHEMA.name, Literal(p.name)))
        parts = p.name.split()
        if len(parts) >= 2:
            g.add((node, SCHEMA.givenName, Literal(parts[0])))
            g.add((node, SCHEMA.familyName, Literal(parts[-1])))
        for mention in ac.people:
            if mention.name == name and mention.text != p.name:
                g.add((node, SCHEMA.alternateName, Literal(mention.text)))
        g.add((art, SCHEMA.mentions, node))
        return node

    for m in ac.people:
        person(m.name)

    for r in ac.roles:
        if r.org is None:
            continue
        who = person(r.person)
        node = membership_iri(
            resolved.person_key[(a.id, r.person)], r.role, r.org, r.qualifier, a.id
        )
        g.add((node, RDF.type, ORG.Membership))
        g.add((node, ORG.member, who))
        g.add((node, ORG.organization, org_iri(r.org)))
        g.add((node, ORG.role, role_iri(r.role)))
        if r.qualifier:
            g.add((node, KGO.qualifier, Literal(r.qualifier)))
        if r.label:
            g.add((node, KGO.roleLabel, Literal(r.label)))
        if when is not None:
            g.add((node, DCTERMS.date, date_literal(when)))
        g.add((node, KGO.evidence, _evidence(g, ac, r.evidence)))
        g.add((node, PROV.wasDerivedFrom, art))
        assert r.role in lex.roles

    for i, rc in enumerate(ac.reports):
        rep = resolved.reports[resolved.report_key[(a.id, i)]]
        node = report_iri(rep.key)
        g.add((node, RDF.type, KGO.InspectionReport))
        g.add((node, RDF.type, SCHEMA.Report))
        g.add((node, SCHEMA.publisher, org_iri(rep.publisher)))
        for s in rep.subjects:
            g.add((node, SCHEMA.about, org_iri(s)))
        if rep.published is not None:
            g.add((node, SCHEMA.datePublished, date_literal(rep.published)))
        g.add((node, KGO.kindText, Literal(rc.kind)))
        g.add((node, KGO.reportKind, kind_iri(rep.kind_concept or "report")))
        g.add((node, SKOS.prefLabel, Literal(_report_label(rep, lex), lang="en")))
        if rep.follows_up:
            g.add((node, KGO.followsUp, report_iri(rep.follows_up)))
        if rc.fieldwork:
            g.add((node, KGO.fieldwork, Literal(rc.fieldwork)))
        if rc.revisit:
            g.add((node, KGO.revisit, Literal(rc.revisit)))
        g.add((node, KGO.evidence, _evidence(g, ac, rc.evidence)))
        g.add((node, PROV.wasDerivedFrom, art))
        g.add((art, SCHEMA.mentions, node))

    _add_assessments(g, ac, resolved, art)

    for q in ac.quotes:
        node = quote_iri(a.id, q.span.start)
        g.add((node, RDF.type, SCHEMA.Quotation))
        g.add((node, SCHEMA.text, Literal(q.text)))
        g.add((node, SCHEMA.isPartOf, art))
        if q.speaker_kind is SpeakerKind.PERSON:
            speaker = person(q.speaker)
        elif q.speaker_kind is SpeakerKind.ORGANIZATION and q.speaker in lex.orgs:
            speaker = org_iri(q.speaker)
        else:
            # "the report said", "inspectors said", "they added": the article's report
            idx = next(iter(range(len(ac.reports))), None)
            if idx is None:
                continue
            speaker = report_iri(resolved.report_key[(a.id, idx)])
        g.add((node, SCHEMA.spokenByCharacter, speaker))
        g.add((node, KGO.evidence, _evidence(g, ac, q.evidence)))
        g.add((node, PROV.wasDerivedFrom, art))


def _add_assessments(g: Graph, ac: ArticleClaims, resolved: Resolved, art: URIRef) -> None:
    """Grades, findings and figures, each linked to its report and force."""
    a = ac.article

    def report_of(index: int | None) -> URIRef | None:
        if index is None or not ac.reports:
            return None
        return report_iri(resolved.report_key[(a.id, index)])

    for gc in ac.grades:
        rep = report_of(gc.report)
        if rep is None:
            continue
        node = judgement_iri(str(rep), gc.subject, gc.area, gc.grade)
        g.add((node, RDF.type, KGO.Judgement))
        g.add((rep, KGO.judgement, node))
        g.add((node, KGO.gradedForce, org_iri(gc.subject)))
        g.add((node, KGO.area, AREA[gc.area]))
        g.add((node, KGO.grade, GRADE[gc.grade]))
        g.add((node, KGO.evidence, _evidence(g, ac, gc.evidence)))
        g.add((node, PROV.wasDerivedFrom, art))
    for fc in ac.findings:
        rep = report_of(fc.report)
        node = finding_iri(a.id, fc.span.start)
        g.add((node, RDF.type, KGO.Finding))
        if rep is not None:
            g.add((rep, KGO.finding, node))
        g.add((node, SCHEMA.about, org_iri(fc.subject)))
        g.add((node, KGO.polarity, POLARITY[fc.polarity]))
        g.add((node, SCHEMA.text, Literal(fc.text)))
        g.add((node, KGO.evidence, _evidence(g, ac, fc.evidence)))
        g.add((node, PROV.wasDerivedFrom, art))
    for xc in ac.figures:
        rep = report_of(xc.report)
        node = figure_iri(a.id, xc.span.start)
        g.add((node, RDF.type, KGO.Figure))
        if rep is not None:
            g.add((rep, KGO.figure, node))
        if xc.subject:
            g.add((node, SCHEMA.about, org_iri(xc.subject)))
        g.add((node, KGO.count, Literal(xc.count)))
        if xc.total is not None:
            g.add((node, KGO.total, Literal(xc.total)))
        g.add((node, KGO.counted, Literal(xc.counted)))
        if xc.judgement:
            g.add((node, KGO.judgementText, Literal(xc.judgement)))
        g.add((node, SCHEMA.text, Literal(a.text[xc.span.start : xc.span.end])))
        g.add((node, KGO.evidence, _evidence(g, ac, xc.evidence)))
        g.add((node, PROV.wasDerivedFrom, art))


def _report_label(rep: object, lex: object) -> str:
    from kg.model import Report
    from kg.reference import Lexicon

    assert isinstance(rep, Report) and isinstance(lex, Lexicon)
    subjects = ", ".join(lex.orgs[s].name for s in rep.subjects)
    when = f" ({rep.published.iso()})" if rep.published else ""
    return f"{lex.orgs[rep.publisher].name} {rep.kinds[0]} on {subjects}{when}"
