"""Resolved claims -> triples. The only module that makes triples.

Triples are ``kg.model.TripleKey`` tuples of strings, the one form every output
reads (the exports, the store, the shape check, the network view): no
library term is made here. One named graph per article holds everything
taken from it; the reference graph holds the ontology's organizations and
schemes; the default graph holds the provenance of the named graphs and of
the build run. IRIs come from ``kg.vocab``; there are no blank nodes,
timestamps or random ids, so the same corpus always gives the same graph.

Evidence is a W3C Web Annotation: the claim's ``kgo:evidence`` is an
``oa:Annotation`` whose body is the claim and whose target is the sentence, an
``oa:SpecificResource`` of the article with an ``oa:TextQuoteSelector`` (its
words) and an ``oa:TextPositionSelector`` (its character offsets).
"""

from __future__ import annotations

import calendar
import functools
from collections.abc import Callable
from dataclasses import dataclass

from rdflib.namespace import RDFS, SKOS, XSD

from kg import __version__
from kg.model import (
    ArticleClaims,
    OrgType,
    PartialDate,
    Report,
    Resolved,
    Span,
    SpeakerKind,
    TermKey,
    TripleKey,
)
from kg.reference import lexicon, publisher_name, reference_keys
from kg.vocab import (
    AREA,
    DCTERMS,
    GRADE,
    KGO,
    OA,
    ORG,
    POLARITY,
    PROV,
    SCHEMA,
    agent_iri,
    article_iri,
    build_iri,
    correction_iri,
    corrections_graph_iri,
    custom_role_iri,
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
    retracted_graph_iri,
    role_iri,
)

# Predicates and classes as plain strings, once (a term's str is its IRI).
_A = ""  # rdf:type, written "" in keys so that types sort first


def _i(term: object) -> str:
    return str(term)


def _iri(value: str) -> TermKey:
    return ("<", value)


def _text(value: str) -> TermKey:
    return ('"', value, "", "")


def _typed(value: str, datatype: str) -> TermKey:
    return ('"', value, "", datatype)


def _en(value: str) -> TermKey:
    return ('"', value, "en", "")


_INTEGER = _i(XSD.integer)
_DATE_TYPES = {"day": _i(XSD.date), "month": _i(XSD.gYearMonth), "year": _i(XSD.gYear)}


@functools.lru_cache(maxsize=1 << 14)
def _integer(n: int) -> TermKey:
    return _typed(str(n), _INTEGER)


def date_term(date: PartialDate) -> TermKey:
    """A date as precise as known: xsd:date, xsd:gYearMonth or xsd:gYear."""
    return _typed(date.iso(), _DATE_TYPES[date.precision])


@dataclass(frozen=True, slots=True)
class Dataset:
    """A whole graph as keys: the default graph's, then each named graph's."""

    default: list[TripleKey]
    named: dict[str, list[TripleKey]]  # graph IRI -> its triples

    def graphs(self) -> list[tuple[str, list[TripleKey]]]:
        """("" for the default graph, keys), then the named graphs by IRI."""
        return [("", self.default), *sorted(self.named.items())]

    def union(self) -> list[TripleKey]:
        return sorted({k for _, keys in self.graphs() for k in keys})


def dataset(
    resolved: Resolved,
    render: Callable[[ArticleClaims, Resolved], list[TripleKey]] | None = None,
) -> Dataset:
    """The graph of a resolved corpus, in memory (the build renders it article by article).

    ``render`` makes an article's graph (default ``article_graph``); an article
    it gives no triples has no graph.
    """
    render = render or article_graph
    default = set(build_run(resolved))
    named = {str(reference_graph_iri()): reference_keys()}
    if resolved.corrections:
        named[str(corrections_graph_iri())] = corrections_graph(resolved)
    for ac in resolved.claims:
        keys = render(ac, resolved)
        if keys:
            named[str(graph_iri(ac.article.id))] = keys
            default.update(provenance(ac))
        audit = audit_graph(ac, resolved)
        if audit:
            named[str(retracted_graph_iri(ac.article.id))] = audit
    return Dataset(sorted(default), named)


def audit_graph(ac: ArticleClaims, resolved: Resolved) -> list[TripleKey]:
    """The claims a person's correction took out of an article (or changed), as they
    were, with their evidence: its audit graph, never part of the union."""
    if ac.retracted is None:
        return []
    return article_graph(ac.retracted, resolved)


_CORRECTION_TYPES = (_i(KGO.Correction), _i(PROV.Activity))


def corrections_graph(resolved: Resolved) -> list[TripleKey]:
    """Every correction applied: what it says, who made it, when and why."""
    t: set[TripleKey] = set()
    for c in resolved.corrections:
        node = _i(correction_iri(c.id))
        for cls in _CORRECTION_TYPES:
            t.add((node, _A, _iri(cls)))
        t.add((node, _i(KGO.action), _text(c.action)))
        t.add((node, _i(KGO.correctionText), _text(c.text)))
        t.add((node, _i(RDFS.comment), _text(c.why)))
        t.add((node, _i(DCTERMS.date), _date_or_text(c.date)))
        who = _i(agent_iri(c.by))
        t.add((node, _i(PROV.wasAttributedTo), _iri(who)))
        t.add((who, _A, _iri(_i(PROV.Agent))))
        t.add((who, _i(SCHEMA.name), _text(c.by)))
    return sorted(t)


def _date_or_text(text: str) -> TermKey:
    try:
        return date_term(PartialDate.parse(text))
    except ValueError:
        return _text(text)


def build_run(resolved: Resolved) -> list[TripleKey]:
    """The build run, named by a digest of the corpus, and the software that made it.

    Which article each graph came from is its own provenance (``provenance``),
    not a statement about the run, so that a rebuild after one article changed
    leaves the other articles' statements as they were.
    """
    build = _i(build_iri(digest(*(ac.article.sha256 or ac.article.id for ac in resolved.claims))))
    return sorted(
        {
            (build, _A, _iri(_i(KGO.BuildRun))),
            (build, _A, _iri(_i(PROV.Activity))),
            (build, _i(SCHEMA.softwareVersion), _text(f"kg {__version__}")),
        }
    )


def provenance(ac: ArticleClaims) -> list[TripleKey]:
    """What an article's graph was derived from: a default-graph triple about that
    graph alone, so that it stays the same when other articles change."""
    return [
        (
            _i(graph_iri(ac.article.id)),
            _i(PROV.wasDerivedFrom),
            _iri(_i(article_iri(ac.article.id))),
        )
    ]


# A claim of an article: its kind (a field of ArticleClaims, or "article" for the
# article's own metadata) and its index there.
Claim = tuple[str, int]
ARTICLE: Claim = ("article", 0)


class _Triples:
    """The triples of one article's graph, gathered as they are made, and (when
    ``origins`` is given) which claims made each node. A node a person's correction
    asserted or changed (``corrected``) says so: ``prov:wasGeneratedBy`` the
    correction."""

    __slots__ = ("keys", "evidence_done", "origins", "corrected")

    def __init__(self, origins: dict[str, set[Claim]] | None, corrected: dict[Claim, str]) -> None:
        self.keys: set[TripleKey] = set()
        self.evidence_done: set[str] = set()
        self.origins = origins
        self.corrected = corrected

    def add(self, s: str, p: str, o: TermKey) -> None:
        self.keys.add((s, p, o))

    def made(self, node: str, claim: Claim) -> None:
        if self.origins is not None:
            self.origins.setdefault(node, set()).add(claim)

    def claim(self, node: str, claim: Claim) -> None:
        """``node`` is the claim's own node (a membership, a report, a quotation...)."""
        self.made(node, claim)
        fix = self.corrected.get(claim)
        if fix is not None:
            self.keys.add((node, _GENERATED, _iri(_i(correction_iri(fix)))))


# Predicate and class IRIs used per claim, as strings.
_TYPE_MEMBERSHIP = _iri(_i(ORG.Membership))
_TYPE_PERSON = _iri(_i(SCHEMA.Person))
_TYPE_ARTICLE = _iri(_i(SCHEMA.NewsArticle))
_TYPE_REPORT = (_iri(_i(KGO.InspectionReport)), _iri(_i(SCHEMA.Report)))
_TYPE_QUOTE = _iri(_i(SCHEMA.Quotation))
_TYPE_ANNOTATION = _iri(_i(OA.Annotation))
_TYPE_TARGET = _iri(_i(OA.SpecificResource))
_TYPE_QUOTE_SELECTOR = _iri(_i(OA.TextQuoteSelector))
_TYPE_POSITION_SELECTOR = _iri(_i(OA.TextPositionSelector))
_DESCRIBING = _iri(_i(OA.describing))
_GENERATED = _i(PROV.wasGeneratedBy)
# the bodies a title names ("HM Chief Inspector of Prisons", "Chief Constable of Kent")
_TITLED_BODIES = frozenset({OrgType.INSPECTORATE, OrgType.POLICE_FORCE})
_ORG_CLASSES = {
    OrgType.POLICE_FORCE: _i(KGO.PoliceForce),
    OrgType.INSPECTORATE: _i(KGO.Inspectorate),
    OrgType.GOVERNMENT_BODY: _i(KGO.GovernmentBody),
    OrgType.OTHER: _i(KGO.OtherOrganization),
}
_P = {
    name: _i(term)
    for name, term in {
        "name": SCHEMA.name,
        "given": SCHEMA.givenName,
        "family": SCHEMA.familyName,
        "alternate": SCHEMA.alternateName,
        "mentions": SCHEMA.mentions,
        "publisher": SCHEMA.publisher,
        "about": SCHEMA.about,
        "published": SCHEMA.datePublished,
        "url": SCHEMA.url,
        "text": SCHEMA.text,
        "part_of": SCHEMA.isPartOf,
        "spoken_by": SCHEMA.spokenByCharacter,
        "file": KGO.fileName,
        "hash": KGO.contentHash,
        "evidence": KGO.evidence,
        "derived": PROV.wasDerivedFrom,
        "member": ORG.member,
        "organization": ORG.organization,
        "role": ORG.role,
        "qualifier": KGO.qualifier,
        "role_label": KGO.roleLabel,
        "date": DCTERMS.date,
        "kind": KGO.reportKind,
        "kind_text": KGO.kindText,
        "pref": SKOS.prefLabel,
        "publisher_name": KGO.publisherName,
        "follows": KGO.followsUp,
        "fieldwork": KGO.fieldwork,
        "revisit": KGO.revisit,
        "body": OA.hasBody,
        "target": OA.hasTarget,
        "motivated": OA.motivatedBy,
        "source": OA.hasSource,
        "selector": OA.hasSelector,
        "exact": OA.exact,
        "start": OA.start,
        "end": OA.end,
        "judgement": KGO.judgement,
        "graded_force": KGO.gradedForce,
        "area": KGO.area,
        "grade": KGO.grade,
        "finding": KGO.finding,
        "polarity": KGO.polarity,
        "figure": KGO.figure,
        "count": KGO.count,
        "total": KGO.total,
        "counted": KGO.counted,
        "judgement_text": KGO.judgementText,
    }.items()
}


def _evidence(t: _Triples, ac: ArticleClaims, span: Span, claim: str, origin: Claim) -> None:
    """``claim kgo:evidence`` an annotation of the sentence ``span`` (made once per sentence)."""
    a = ac.article
    ann = _i(evidence_iri(a.id, span.start, span.end))
    t.add(claim, _P["evidence"], _iri(ann))
    t.add(ann, _P["body"], _iri(claim))
    target, words, where = ann + "/target", ann + "/quote", ann + "/position"
    if t.origins is not None:
        for node in (ann, target, words, where):
            t.made(node, origin)
    if ann in t.evidence_done:
        return
    t.evidence_done.add(ann)
    t.add(ann, _A, _TYPE_ANNOTATION)
    t.add(ann, _P["motivated"], _DESCRIBING)
    t.add(ann, _P["target"], _iri(target))
    t.add(target, _A, _TYPE_TARGET)
    t.add(target, _P["source"], _iri(_i(article_iri(a.id))))
    t.add(target, _P["selector"], _iri(words))
    t.add(target, _P["selector"], _iri(where))
    t.add(words, _A, _TYPE_QUOTE_SELECTOR)
    t.add(words, _P["exact"], _text(a.text[span.start : span.end]))
    t.add(where, _A, _TYPE_POSITION_SELECTOR)
    t.add(where, _P["start"], _integer(span.start))
    t.add(where, _P["end"], _integer(span.end))


def article_graph(
    ac: ArticleClaims,
    resolved: Resolved,
    omit: frozenset[Claim] = frozenset(),
    origins: dict[str, set[Claim]] | None = None,
) -> list[TripleKey]:
    """Everything one article says, as its named graph's sorted triples.

    The claims in ``omit`` are left out (a claim that made a node the shapes
    refused, ``kg.validate.conforming_graph``); ``origins``, when given, is
    filled with the claims that made each node.
    """
    t = _Triples(origins, {(c.kind, c.index): c.correction for c in ac.corrected})
    a = ac.article
    lex = lexicon()
    art = _i(article_iri(a.id))
    art_term = _iri(art)
    t.claim(art, ARTICLE)
    t.add(art, _A, _TYPE_ARTICLE)
    t.add(art, _P["file"], _text(a.file_name))
    if a.sha256:
        t.add(art, _P["hash"], _text(a.sha256))
    if a.title:
        t.add(art, _P["name"], _text(a.title))
    if a.published is not None and a.published.day is not None:
        t.add(art, _P["published"], date_term(a.published))
    if a.url:
        t.add(art, _P["url"], _typed(a.url, _i(XSD.anyURI)))
    if a.publisher:
        pub = _i(publisher_iri(a.publisher))
        t.made(pub, ARTICLE)
        t.add(art, _P["publisher"], _iri(pub))
        t.add(pub, _A, _iri(_i(SCHEMA.Organization)))
        t.add(pub, _P["name"], _text(a.publisher))
    when = a.reference_date

    named = {o.key: o for o in ac.named_orgs()}
    for o in named.values():  # a body the reference data does not list
        node = _i(org_iri(o.key))
        t.made(node, ARTICLE)
        t.add(node, _A, _iri(_ORG_CLASSES[o.kind]))
        t.add(node, _P["pref"], _en(o.name))
    # the bodies the article names: outright, as its reports' publishers and subjects,
    # and an inspectorate or a force in someone's title ("Nick Hardwick, chief inspector
    # of prisons" names the prisons inspectorate); a government body a title only
    # implies is not "mentioned" ("the Home Secretary" names no Home Office)
    mentioned = {m.org for m in ac.organizations}
    mentioned |= {r.publisher for r in ac.reports} | {s for r in ac.reports for s in r.subjects}
    for i, r in enumerate(ac.roles):
        if r.org is None or ("roles", i) in omit:
            continue
        kind = named[r.org].kind if r.org in named else lex.orgs[r.org].type
        if kind in _TITLED_BODIES:
            mentioned.add(r.org)
    for key in mentioned:
        t.add(art, _P["mentions"], _iri(_i(org_iri(key))))

    people: dict[str, str] = {}

    def person(name: str, origin: Claim) -> str:
        node = people.get(name)
        if node is not None:
            t.made(node, origin)
            return node
        key = resolved.person_key[(a.id, name)]
        p = resolved.people[key]
        node = people[name] = _i(person_iri(key))
        t.made(node, origin)
        t.add(node, _A, _TYPE_PERSON)
        t.add(node, _P["name"], _text(p.name))
        parts = p.name.split()
        if len(parts) >= 2:
            t.add(node, _P["given"], _text(parts[0]))
            t.add(node, _P["family"], _text(parts[-1]))
        for mention in ac.people:
            if mention.name == name and mention.text != p.name:
                t.add(node, _P["alternate"], _text(mention.text))
        t.add(art, _P["mentions"], _iri(node))
        return node

    for i, m in enumerate(ac.people):
        if ("people", i) not in omit:
            person(m.name, ("people", i))

    for i, r in enumerate(ac.roles):
        if ("roles", i) in omit:
            continue
        who = person(r.person, ("roles", i))
        node = _i(
            membership_iri(resolved.person_key[(a.id, r.person)], r.role, r.org, r.qualifier, a.id)
        )
        t.claim(node, ("roles", i))
        t.add(node, _A, _TYPE_MEMBERSHIP)
        t.add(node, _P["member"], _iri(who))
        if r.org is not None:  # a rank the article names no body for has none
            t.add(node, _P["organization"], _iri(_i(org_iri(r.org))))
        known = r.role in lex.roles
        t.add(node, _P["role"], _iri(_i(role_iri(r.role) if known else custom_role_iri(r.role))))
        if r.qualifier:
            t.add(node, _P["qualifier"], _text(r.qualifier))
        if r.label:
            t.add(node, _P["role_label"], _text(r.label))
        if when is not None:
            t.add(node, _P["date"], date_term(when))
        t.add(node, _P["derived"], art_term)
        _evidence(t, ac, r.evidence, node, ("roles", i))

    for i, rc in enumerate(ac.reports):
        if ("reports", i) in omit:
            continue
        rep = resolved.reports[resolved.report_key[(a.id, i)]]
        node = _i(report_iri(rep.key))
        t.claim(node, ("reports", i))
        for cls in _TYPE_REPORT:
            t.add(node, _A, cls)
        t.add(node, _P["publisher"], _iri(_i(org_iri(rep.publisher))))
        t.add(node, _P["publisher_name"], _text(publisher_name(rep.publisher, rep.published)))
        for s in rep.subjects:
            t.add(node, _P["about"], _iri(_i(org_iri(s))))
        if rep.published is not None:
            t.add(node, _P["published"], date_term(rep.published))
        t.add(node, _P["kind_text"], _text(rc.kind))
        t.add(node, _P["kind"], _iri(_i(kind_iri(rep.kind_concept or "other"))))
        t.add(node, _P["pref"], _en(report_title(rep)))
        if rep.follows_up:
            t.add(node, _P["follows"], _iri(_i(report_iri(rep.follows_up))))
        if rc.fieldwork:
            t.add(node, _P["fieldwork"], _text(rc.fieldwork))
        if rc.revisit:
            t.add(node, _P["revisit"], _text(rc.revisit))
        t.add(node, _P["derived"], art_term)
        t.add(art, _P["mentions"], _iri(node))
        _evidence(t, ac, rc.evidence, node, ("reports", i))

    def report_of(index: int | None) -> str | None:
        if index is None or not 0 <= index < len(ac.reports) or ("reports", index) in omit:
            return None
        return _i(report_iri(resolved.report_key[(a.id, index)]))

    _assessments(t, ac, art, report_of, omit)

    for i, q in enumerate(ac.quotes):
        if ("quotes", i) in omit:
            continue
        if q.speaker_kind is SpeakerKind.PERSON:
            speaker: str | None = person(q.speaker, ("quotes", i))
        elif q.speaker_kind is SpeakerKind.ORGANIZATION and (
            q.speaker in lex.orgs or q.speaker in named
        ):
            speaker = _i(org_iri(q.speaker))
        else:  # "the report said", "inspectors said", "they added": the article's report
            speaker = report_of(int(q.speaker) if q.speaker.isdigit() else 0)
        if speaker is None:
            continue
        node = _i(quote_iri(a.id, q.span.start))
        t.claim(node, ("quotes", i))
        t.add(node, _A, _TYPE_QUOTE)
        t.add(node, _P["text"], _text(q.text))
        t.add(node, _P["part_of"], art_term)
        t.add(node, _P["spoken_by"], _iri(speaker))
        t.add(node, _P["derived"], art_term)
        _evidence(t, ac, q.evidence, node, ("quotes", i))
    return sorted(t.keys)


def _assessments(
    t: _Triples,
    ac: ArticleClaims,
    art: str,
    report_of: Callable[[int | None], str | None],
    omit: frozenset[Claim],
) -> None:
    """Grades, findings and figures, each linked to its report and force."""
    a = ac.article
    art_term = _iri(art)

    for i, gc in enumerate(ac.grades):
        rep = report_of(gc.report)
        if rep is None or ("grades", i) in omit:
            continue
        node = _i(judgement_iri(rep, gc.subject, gc.area, gc.grade))
        t.claim(node, ("grades", i))
        t.add(node, _A, _iri(_i(KGO.Judgement)))
        t.add(rep, _P["judgement"], _iri(node))
        t.add(node, _P["graded_force"], _iri(_i(org_iri(gc.subject))))
        t.add(node, _P["area"], _iri(_i(AREA[gc.area])))
        t.add(node, _P["grade"], _iri(_i(GRADE[gc.grade])))
        t.add(node, _P["derived"], art_term)
        _evidence(t, ac, gc.evidence, node, ("grades", i))
    for i, fc in enumerate(ac.findings):
        if ("findings", i) in omit:
            continue
        rep = report_of(fc.report)
        node = _i(finding_iri(a.id, fc.span.start))
        t.claim(node, ("findings", i))
        t.add(node, _A, _iri(_i(KGO.Finding)))
        if rep is not None:
            t.add(rep, _P["finding"], _iri(node))
        t.add(node, _P["about"], _iri(_i(org_iri(fc.subject))))
        t.add(node, _P["polarity"], _iri(_i(POLARITY[fc.polarity])))
        t.add(node, _P["text"], _text(fc.text))
        t.add(node, _P["derived"], art_term)
        _evidence(t, ac, fc.evidence, node, ("findings", i))
    for i, xc in enumerate(ac.figures):
        if ("figures", i) in omit:
            continue
        rep = report_of(xc.report)
        node = _i(figure_iri(a.id, xc.span.start))
        t.claim(node, ("figures", i))
        t.add(node, _A, _iri(_i(KGO.Figure)))
        if rep is not None:
            t.add(rep, _P["figure"], _iri(node))
        if xc.subject:
            t.add(node, _P["about"], _iri(_i(org_iri(xc.subject))))
        t.add(node, _P["count"], _integer(xc.count))
        if xc.total is not None:
            t.add(node, _P["total"], _integer(xc.total))
        t.add(node, _P["counted"], _text(xc.counted))
        if xc.judgement:
            t.add(node, _P["judgement_text"], _text(xc.judgement))
        t.add(node, _P["text"], _text(a.text[xc.span.start : xc.span.end]))
        t.add(node, _P["derived"], art_term)
        _evidence(t, ac, xc.evidence, node, ("figures", i))


_MONTHS = calendar.month_name[1:]


def report_title(rep: Report) -> str:
    """A readable title: "PEEL assessment of Kent Police, May 2019"."""
    lex = lexicon()
    kind = lex.kinds.get(rep.kind_concept or "other")
    what = kind.title if kind is not None else "Inspection report"
    subjects = " and ".join(lex.orgs[s].name for s in rep.subjects if s in lex.orgs)
    title = f"{what} of {subjects}" if subjects else what
    d = rep.published
    if d is None:
        return title
    when = f"{_MONTHS[d.month - 1]} {d.year}" if d.month else str(d.year)
    return f"{title}, {when}"
