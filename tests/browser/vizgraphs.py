"""Graphs for the viz tests and benchmark, as kg's plain triples (``kg.model.TripleKey``),
shaped as docs/graph-model.md says.

``sample_graph`` is small and hand-made, with hostile strings wherever an
article's words reach the page, and its evidence in either of kg's shapes
(``kgo:Evidence``, or a W3C Web Annotation with its target and selectors);
``synthetic_graph`` is large and random (seeded) for timing.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from kg.model import TermKey, TripleKey
from kg.vocab import (
    KGO,
    OA,
    ORG,
    PREFIXES,
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
KIND_LABEL = "PEEL inspection"

TYPE = ""  # rdf:type, as a TripleKey writes it
SKOS = PREFIXES["skos"]
XSD = PREFIXES["xsd"]


def iri(value: object) -> TermKey:
    return ("<", str(value))


def lit(text: str, lang: str = "", datatype: str = "") -> TermKey:
    return ('"', text, lang, datatype)


class Keys(list[TripleKey]):
    """A list of triples with an ``add`` that takes IRIs as str or rdflib terms."""

    def add(self, s: object, p: object, o: TermKey | object) -> None:
        obj = o if isinstance(o, tuple) else iri(o)
        self.append((str(s), str(p), obj))

    def extend_keys(self, keys: Iterable[TripleKey]) -> None:
        self.extend(keys)


def _org(g: Keys, key: str, cls: object, name: str, wikidata: str | None = None) -> str:
    o = str(org_iri(key))
    g.add(o, TYPE, cls)
    g.add(o, SKOS + "prefLabel", lit(name, "en"))
    if wikidata:
        g.add(o, SCHEMA.sameAs, WD[wikidata])
    return o


def _article(g: Keys, article_id: str, title: str, day: str | None) -> str:
    a = str(article_iri(article_id))
    g.add(a, TYPE, SCHEMA.NewsArticle)
    g.add(a, KGO.fileName, lit(article_id + ".txt"))
    g.add(a, SCHEMA.name, lit(title))
    if day:
        g.add(a, SCHEMA.datePublished, lit(day, datatype=XSD + "date"))
    return a


def _evidence(
    g: Keys, claim: str, article_id: str, start: int, text: str, shape: str = "evidence"
) -> str:
    """The claim's evidence, ``shape`` "evidence" (kgo:Evidence) or "annotation"
    (oa:Annotation -> oa:SpecificResource -> quote and position selectors)."""
    end = start + len(text)
    e = str(evidence_iri(article_id, start, end))
    g.add(claim, KGO.evidence, e)
    if shape == "evidence":
        g.add(e, TYPE, KGO.Evidence)
        g.add(e, OA.exact, lit(text))
        g.add(e, OA.start, lit(str(start), datatype=XSD + "integer"))
        g.add(e, OA.end, lit(str(end), datatype=XSD + "integer"))
        g.add(e, KGO.inArticle, article_iri(article_id))
        return e
    target, quote, position = e + "#target", e + "#quote", e + "#position"
    g.add(e, TYPE, OA.Annotation)
    g.add(e, OA.hasBody, claim)
    g.add(e, OA.hasTarget, target)
    g.add(target, TYPE, OA.SpecificResource)
    g.add(target, OA.hasSource, article_iri(article_id))
    g.add(target, OA.hasSelector, quote)
    g.add(target, OA.hasSelector, position)
    g.add(quote, TYPE, OA.TextQuoteSelector)
    g.add(quote, OA.exact, lit(text))
    g.add(position, TYPE, OA.TextPositionSelector)
    g.add(position, OA.start, lit(str(start), datatype=XSD + "integer"))
    g.add(position, OA.end, lit(str(end), datatype=XSD + "integer"))
    return e


def _membership(
    g: Keys,
    person: str,
    role: str,
    org: str,
    article_id: str,
    evidence: tuple[int, str],
    shape: str,
    qualifier: str = "",
) -> str:
    m = str(membership_iri(person, role, org, qualifier or None, article_id))
    g.add(m, TYPE, ORG.Membership)
    g.add(m, ORG.member, person_iri(person))
    g.add(m, ORG.organization, org_iri(org))
    g.add(m, ORG.role, role_iri(role))
    if qualifier:
        g.add(m, KGO.qualifier, lit(qualifier))
    _evidence(g, m, article_id, *evidence, shape=shape)
    g.add(m, PROV.wasDerivedFrom, article_iri(article_id))
    return m


def sample_graph(payload: str = XSS, evidence: str = "evidence") -> list[TripleKey]:
    """9 drawn nodes and 12 edges; ``payload`` sits in every article-derived string
    kind; ``evidence`` is the shape of every claim's evidence ("evidence" or
    "annotation"). A few triples are there twice, as in a union of graphs."""
    g = Keys()
    lancs = _org(g, "lancashire", KGO.PoliceForce, "Lancashire Constabulary", "Q6482989")
    g.add(lancs, SKOS + "altLabel", lit("Lancashire Police", "en"))
    g.add(lancs, KGO.dataPoliceUkId, lit("lancashire"))
    cumbria = _org(g, "cumbria", KGO.PoliceForce, "Cumbria Constabulary")
    hmicfrs = _org(g, "hmicfrs", KGO.Inspectorate, "HM Inspectorate of Constabulary")
    _org(g, "durham", KGO.PoliceForce, "Durham Constabulary")  # named by no article: not drawn
    for key, label in (
        ("deputy-chief-constable", "Deputy Chief Constable"),
        ("chief-constable", "Chief Constable"),
    ):
        g.add(role_iri(key), TYPE, SKOS + "Concept")
        g.add(role_iri(key), SKOS + "prefLabel", lit(label, "en"))
    g.add(kind_iri("peel"), TYPE, SKOS + "Concept")
    g.add(kind_iri("peel"), SKOS + "prefLabel", lit(KIND_LABEL, "en"))

    bbc = str(publisher_iri("BBC"))
    g.add(bbc, TYPE, SCHEMA.Organization)
    g.add(bbc, SCHEMA.name, lit("BBC"))

    a1 = _article(g, "001_aaaa", "Police criticised " + payload, "2018-03-08")
    g.add(a1, SCHEMA.publisher, bbc)
    a2 = _article(g, "002_bbbb", "Cumbria's new chief", None)

    sunita = str(person_iri("sunita-gamblin"))
    g.add(sunita, TYPE, SCHEMA.Person)
    g.add(sunita, SCHEMA.name, lit("Sunita Gamblin"))
    g.add(sunita, SCHEMA.alternateName, lit("DCC Gamblin " + payload))
    jane = str(person_iri("jane-doe"))
    g.add(jane, TYPE, SCHEMA.Person)
    g.add(jane, SCHEMA.name, lit("Jane Doe"))

    for a, ents in ((a1, (lancs, sunita, hmicfrs)), (a2, (cumbria, jane, sunita))):
        for e in ents:
            g.add(a, SCHEMA.mentions, e)

    dcc, cc = "deputy-chief-constable", "chief-constable"
    second = (10, "Acting DCC Sunita Gamblin of Lancashire " + payload)
    _membership(
        g, "sunita-gamblin", dcc, "lancashire", "001_aaaa", (120, EVIDENCE_SENTENCE), evidence
    )
    _membership(g, "sunita-gamblin", dcc, "lancashire", "002_bbbb", second, evidence)
    _membership(g, "sunita-gamblin", dcc, "lancashire", "002_bbbb", second, evidence, "acting")
    _membership(
        g,
        "jane-doe",
        cc,
        "cumbria",
        "002_bbbb",
        (300, "Jane Doe, Chief Constable of Cumbria, said."),
        evidence,
    )

    rep = str(report_iri("hmicfrs|lancashire|peel|2018"))
    g.add(rep, TYPE, KGO.InspectionReport)
    g.add(rep, TYPE, SCHEMA.Report)
    g.add(rep, SKOS + "prefLabel", lit("PEEL inspection of Lancashire Constabulary (2018)", "en"))
    g.add(rep, SCHEMA.publisher, hmicfrs)
    g.add(rep, SCHEMA.about, lancs)
    g.add(rep, SCHEMA.datePublished, lit("2018-03", datatype=XSD + "gYearMonth"))
    g.add(rep, KGO.kindText, lit("PEEL " + payload))
    g.add(rep, KGO.reportKind, kind_iri("peel"))
    _evidence(g, rep, "001_aaaa", 40, "HMICFRS published its PEEL report on Lancashire.", evidence)
    g.add(rep, PROV.wasDerivedFrom, a1)

    q = str(quote_iri("001_aaaa", 500))
    g.add(q, TYPE, SCHEMA.Quotation)
    g.add(q, SCHEMA.text, lit("The findings are concerning. " + payload))
    g.add(q, SCHEMA.spokenByCharacter, sunita)
    g.add(q, SCHEMA.isPartOf, a1)
    _evidence(g, q, "001_aaaa", 500, "The findings are concerning.", evidence)
    g.add(q, PROV.wasDerivedFrom, a1)
    g.extend_keys(g[::7])  # a union of graphs repeats what several of them hold
    return g


def synthetic_graph(n_nodes: int = 5000, seed: int = 1) -> list[TripleKey]:
    """About ``n_nodes`` drawn nodes: a quarter articles, a fifth quotations, the rest
    people, forces, inspectorates and reports, with the model's relations between them."""
    rnd = random.Random(seed)
    g = Keys()
    forces = [_org(g, f"force-{i}", KGO.PoliceForce, f"Force {i} Police") for i in range(43)]
    insp = [_org(g, f"insp-{i}", KGO.Inspectorate, f"Inspectorate {i}") for i in range(4)]
    for key in ("chief-constable", "deputy-chief-constable", "pcc"):
        g.add(role_iri(key), SKOS + "prefLabel", lit(key.replace("-", " ").title(), "en"))
    rest = n_nodes - len(forces) - len(insp)
    n_articles = rest // 4
    n_quotes = rest // 5
    n_reports = rest // 12
    n_people = rest - n_articles - n_quotes - n_reports
    people = []
    for i in range(n_people):
        p = str(person_iri(f"person-{i}"))
        g.add(p, TYPE, SCHEMA.Person)
        g.add(p, SCHEMA.name, lit(f"Person {i} Surname{i % 97}"))
        people.append(p)
    articles = []
    for i in range(n_articles):
        aid = f"{i:05d}_synthetic"
        a = _article(
            g, aid, f"Article {i} about policing", f"20{10 + i % 14}-0{1 + i % 9}-1{i % 9}"
        )
        articles.append((aid, a))
        for e in rnd.sample(forces, 1) + rnd.sample(people, 3) + rnd.sample(insp, 1):
            g.add(a, SCHEMA.mentions, e)
    for i, p in enumerate(people):
        aid, a = articles[rnd.randrange(n_articles)]
        g.add(a, SCHEMA.mentions, p)
        if i % 2 == 0:
            force = rnd.choice(forces)
            m = str(membership_iri(p, "chief-constable", force, None, aid))
            g.add(m, TYPE, ORG.Membership)
            g.add(m, ORG.member, p)
            g.add(m, ORG.organization, force)
            g.add(m, ORG.role, role_iri("chief-constable"))
            _evidence(g, m, aid, 10 + i, f"Person {i} is the chief constable of a force.")
            g.add(m, PROV.wasDerivedFrom, a)
    for i in range(n_reports):
        aid, a = articles[rnd.randrange(n_articles)]
        rep = str(report_iri(f"synthetic-{i}"))
        g.add(rep, TYPE, KGO.InspectionReport)
        g.add(rep, SCHEMA.publisher, rnd.choice(insp))
        g.add(rep, SCHEMA.about, rnd.choice(forces))
        g.add(rep, KGO.kindText, lit("inspection"))
        _evidence(g, rep, aid, 5000 + i, f"Report {i} was published.", "annotation")
        g.add(rep, PROV.wasDerivedFrom, a)
    for i in range(n_quotes):
        aid, a = articles[rnd.randrange(n_articles)]
        q = str(quote_iri(aid, 9000 + i))
        g.add(q, TYPE, SCHEMA.Quotation)
        g.add(q, SCHEMA.text, lit(f"Quotation number {i}, which says something."))
        g.add(q, SCHEMA.spokenByCharacter, rnd.choice(people))
        g.add(q, SCHEMA.isPartOf, a)
        _evidence(g, q, aid, 9000 + i, f"Quotation number {i}.")
    return g


def to_rdflib(keys: Iterable[TripleKey]) -> object:
    """The same triples as an rdflib Graph (for the tests of that input)."""
    from rdflib import Graph, Literal, URIRef
    from rdflib.namespace import RDF

    graph = Graph()
    for s, p, o in keys:
        if o[0] == "<":
            obj: object = URIRef(o[1])
        else:
            obj = Literal(o[1], lang=o[2] or None, datatype=URIRef(o[3]) if o[3] else None)
        graph.add((URIRef(s), URIRef(p) if p else RDF.type, obj))  # type: ignore[arg-type]
    return graph
