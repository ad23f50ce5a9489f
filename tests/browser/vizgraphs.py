"""Graphs for the viz tests and benchmark, shaped as docs/graph-model.md says.

``sample_graph`` is small and hand-made, with hostile strings wherever an
article's words reach the page; ``synthetic_graph`` is large and random
(seeded) for timing.
"""

from __future__ import annotations

import random

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, XSD

from kg.vocab import (
    KGO,
    OA,
    ORG,
    PROV,
    SCHEMA,
    WD,
    article_iri,
    evidence_iri,
    kind_iri,
    membership_iri,
    org_iri,
    person_iri,
    publisher_iri,
    quote_iri,
    report_iri,
    role_iri,
)

# Runs only if a string from an article is ever parsed as HTML.
XSS = (
    '<script>window.__pwned = "script"</script>'
    "<img src=x onerror=\"window.__pwned = 'img'\">"
    ' <a href="javascript:window.__pwned=1">href</a>'
)
EVIDENCE_SENTENCE = "Deputy Chief Constable Sunita Gamblin said the findings were concerning."


def _org(g: Graph, key: str, cls: URIRef, name: str, wikidata: str | None = None) -> URIRef:
    iri = org_iri(key)
    g.add((iri, RDF.type, cls))
    g.add((iri, SKOS.prefLabel, Literal(name, lang="en")))
    if wikidata:
        g.add((iri, SCHEMA.sameAs, WD[wikidata]))
    return iri


def _article(g: Graph, article_id: str, title: str, day: str | None) -> URIRef:
    a = article_iri(article_id)
    g.add((a, RDF.type, SCHEMA.NewsArticle))
    g.add((a, KGO.fileName, Literal(article_id + ".txt")))
    g.add((a, SCHEMA.name, Literal(title)))
    if day:
        g.add((a, SCHEMA.datePublished, Literal(day, datatype=XSD.date)))
    return a


def _evidence(g: Graph, article_id: str, start: int, text: str) -> URIRef:
    e = evidence_iri(article_id, start, start + len(text))
    g.add((e, RDF.type, KGO.Evidence))
    g.add((e, OA.exact, Literal(text)))
    g.add((e, OA.start, Literal(start)))
    g.add((e, OA.end, Literal(start + len(text))))
    g.add((e, KGO.inArticle, article_iri(article_id)))
    return e


def _membership(
    g: Graph, person: str, role: str, org: str, article_id: str, ev: URIRef, qualifier: str = ""
) -> URIRef:
    m = membership_iri(person, role, org, qualifier or None, article_id)
    g.add((m, RDF.type, ORG.Membership))
    g.add((m, ORG.member, person_iri(person)))
    g.add((m, ORG.organization, org_iri(org)))
    g.add((m, ORG.role, role_iri(role)))
    if qualifier:
        g.add((m, KGO.qualifier, Literal(qualifier)))
    g.add((m, KGO.evidence, ev))
    g.add((m, PROV.wasDerivedFrom, article_iri(article_id)))
    return m


def sample_graph(payload: str = XSS) -> Graph:
    """9 drawn nodes and 11 edges; ``payload`` sits in every article-derived string kind."""
    g = Graph()
    lancs = _org(g, "lancashire", KGO.PoliceForce, "Lancashire Constabulary", "Q6482989")
    g.add((lancs, SKOS.altLabel, Literal("Lancashire Police", lang="en")))
    g.add((lancs, KGO.dataPoliceUkId, Literal("lancashire")))
    cumbria = _org(g, "cumbria", KGO.PoliceForce, "Cumbria Constabulary")
    hmicfrs = _org(g, "hmicfrs", KGO.Inspectorate, "HM Inspectorate of Constabulary")
    _org(g, "durham", KGO.PoliceForce, "Durham Constabulary")  # named by no article: not drawn
    for key, label in (
        ("deputy-chief-constable", "Deputy Chief Constable"),
        ("chief-constable", "Chief Constable"),
    ):
        g.add((role_iri(key), RDF.type, SKOS.Concept))
        g.add((role_iri(key), SKOS.prefLabel, Literal(label, lang="en")))
    g.add((kind_iri("peel"), SKOS.prefLabel, Literal("PEEL inspection", lang="en")))

    bbc = publisher_iri("BBC")
    g.add((bbc, RDF.type, SCHEMA.Organization))
    g.add((bbc, SCHEMA.name, Literal("BBC")))

    a1 = _article(g, "001_aaaa", "Police criticised " + payload, "2018-03-08")
    g.add((a1, SCHEMA.publisher, bbc))
    a2 = _article(g, "002_bbbb", "Cumbria's new chief", None)

    sunita = person_iri("sunita-gamblin")
    g.add((sunita, RDF.type, SCHEMA.Person))
    g.add((sunita, SCHEMA.name, Literal("Sunita Gamblin")))
    g.add((sunita, SCHEMA.alternateName, Literal("DCC Gamblin " + payload)))
    jane = person_iri("jane-doe")
    g.add((jane, RDF.type, SCHEMA.Person))
    g.add((jane, SCHEMA.name, Literal("Jane Doe")))

    for a, ents in ((a1, (lancs, sunita, hmicfrs)), (a2, (cumbria, jane, sunita))):
        for e in ents:
            g.add((a, SCHEMA.mentions, e))

    e1 = _evidence(g, "001_aaaa", 120, EVIDENCE_SENTENCE)
    e2 = _evidence(g, "002_bbbb", 10, "Acting DCC Sunita Gamblin of Lancashire " + payload)
    e3 = _evidence(g, "002_bbbb", 300, "Jane Doe, Chief Constable of Cumbria, said.")
    _membership(g, "sunita-gamblin", "deputy-chief-constable", "lancashire", "001_aaaa", e1)
    _membership(g, "sunita-gamblin", "deputy-chief-constable", "lancashire", "002_bbbb", e2)
    _membership(
        g,
        "sunita-gamblin",
        "deputy-chief-constable",
        "lancashire",
        "002_bbbb",
        e2,
        qualifier="acting",
    )
    _membership(g, "jane-doe", "chief-constable", "cumbria", "002_bbbb", e3)

    rep = report_iri("hmicfrs|lancashire|peel|2018")
    g.add((rep, RDF.type, KGO.InspectionReport))
    g.add((rep, RDF.type, SCHEMA.Report))
    g.add((rep, SCHEMA.publisher, hmicfrs))
    g.add((rep, SCHEMA.about, lancs))
    g.add((rep, SCHEMA.datePublished, Literal("2018-03", datatype=XSD.gYearMonth)))
    g.add((rep, KGO.kindText, Literal("PEEL " + payload)))
    g.add((rep, KGO.reportKind, kind_iri("peel")))
    e4 = _evidence(g, "001_aaaa", 40, "HMICFRS published its PEEL report on Lancashire.")
    g.add((rep, KGO.evidence, e4))
    g.add((rep, PROV.wasDerivedFrom, a1))

    q = quote_iri("001_aaaa", 500)
    g.add((q, RDF.type, SCHEMA.Quotation))
    g.add((q, SCHEMA.text, Literal("The findings are concerning. " + payload)))
    g.add((q, SCHEMA.spokenByCharacter, sunita))
    g.add((q, SCHEMA.isPartOf, a1))
    e5 = _evidence(g, "001_aaaa", 500, "The findings are concerning.")
    g.add((q, KGO.evidence, e5))
    g.add((q, PROV.wasDerivedFrom, a1))
    return g


def synthetic_graph(n_nodes: int = 5000, seed: int = 1) -> Graph:
    """About ``n_nodes`` drawn nodes: a quarter articles, a fifth quotations, the rest
    people, forces, inspectorates and reports, with the model's relations between them."""
    rnd = random.Random(seed)
    g = Graph()
    forces = [_org(g, f"force-{i}", KGO.PoliceForce, f"Force {i} Police") for i in range(43)]
    insp = [_org(g, f"insp-{i}", KGO.Inspectorate, f"Inspectorate {i}") for i in range(4)]
    for key in ("chief-constable", "deputy-chief-constable", "pcc"):
        g.add((role_iri(key), SKOS.prefLabel, Literal(key.replace("-", " ").title(), lang="en")))
    rest = n_nodes - len(forces) - len(insp)
    n_articles = rest // 4
    n_quotes = rest // 5
    n_reports = rest // 12
    n_people = rest - n_articles - n_quotes - n_reports
    people = []
    for i in range(n_people):
        p = person_iri(f"person-{i}")
        g.add((p, RDF.type, SCHEMA.Person))
        g.add((p, SCHEMA.name, Literal(f"Person {i} Surname{i % 97}")))
        people.append(p)
    articles = []
    for i in range(n_articles):
        aid = f"{i:05d}_synthetic"
        a = _article(
            g, aid, f"Article {i} about policing", f"20{10 + i % 14}-0{1 + i % 9}-1{i % 9}"
        )
        articles.append((aid, a))
        for e in rnd.sample(forces, 1) + rnd.sample(people, 3) + rnd.sample(insp, 1):
            g.add((a, SCHEMA.mentions, e))
    for i, p in enumerate(people):
        aid, a = articles[rnd.randrange(n_articles)]
        g.add((a, SCHEMA.mentions, p))
        if i % 2 == 0:
            ev = _evidence(g, aid, 10 + i, f"Person {i} is the chief constable of a force.")
            force = rnd.choice(forces)
            m = membership_iri(str(p), "chief-constable", str(force), None, aid)
            g.add((m, RDF.type, ORG.Membership))
            g.add((m, ORG.member, p))
            g.add((m, ORG.organization, force))
            g.add((m, ORG.role, role_iri("chief-constable")))
            g.add((m, KGO.evidence, ev))
            g.add((m, PROV.wasDerivedFrom, a))
    for i in range(n_reports):
        aid, a = articles[rnd.randrange(n_articles)]
        rep = report_iri(f"synthetic-{i}")
        g.add((rep, RDF.type, KGO.InspectionReport))
        g.add((rep, SCHEMA.publisher, rnd.choice(insp)))
        g.add((rep, SCHEMA.about, rnd.choice(forces)))
        g.add((rep, KGO.kindText, Literal("inspection")))
        g.add((rep, KGO.evidence, _evidence(g, aid, 5000 + i, f"Report {i} was published.")))
        g.add((rep, PROV.wasDerivedFrom, a))
    for i in range(n_quotes):
        aid, a = articles[rnd.randrange(n_articles)]
        q = quote_iri(aid, 9000 + i)
        g.add((q, RDF.type, SCHEMA.Quotation))
        g.add((q, SCHEMA.text, Literal(f"Quotation number {i}, which says something.")))
        g.add((q, SCHEMA.spokenByCharacter, rnd.choice(people)))
        g.add((q, SCHEMA.isPartOf, a))
        g.add((q, KGO.evidence, _evidence(g, aid, 9000 + i, f"Quotation number {i}.")))
    return g
