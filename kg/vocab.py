"""Our ontology's terms as Python attributes, mirroring ``ontology/kg.ttl``,
and the one place IRIs are minted from canonical keys."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from kg.errors import OntologyError

BASE = "https://w3id.org/kg-oversight/"

_PACKAGE = Path(__file__).resolve().parent


def ontology_dir() -> Path:
    """Where the ontology's files are: ``kg/ontology`` in an installed wheel,
    ``ontology/`` beside ``kg/`` in a checkout."""
    for candidate in (_PACKAGE / "ontology", _PACKAGE.parent / "ontology"):
        if (candidate / "kg.ttl").is_file():
            return candidate
    raise OntologyError("ontology/ not found beside the kg package")


class KGO(DefinedNamespace):
    """The kg domain namespace; a misspelt term raises."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    PoliceForce: URIRef
    Inspectorate: URIRef
    GovernmentBody: URIRef
    OtherOrganization: URIRef
    InspectionReport: URIRef
    ReportKind: URIRef
    BuildRun: URIRef
    policeArea: URIRef
    dataPoliceUkId: URIRef
    contextLabel: URIRef
    roleScope: URIRef
    defaultOrganization: URIRef
    remit: URIRef
    inspectsBodyNamed: URIRef
    nationalForce: URIRef
    inspectsUnitsOf: URIRef
    inspectsForcesByDefault: URIRef
    gradedYears: URIRef
    qualifier: URIRef
    roleLabel: URIRef
    reportKind: URIRef
    kindText: URIRef
    fileName: URIRef
    contentHash: URIRef
    evidence: URIRef
    formerName: URIRef
    nameSince: URIRef
    # kg before 0.2 wrote evidence as a kgo:Evidence node with kgo:inArticle; the
    # network view still reads graphs written so
    Evidence: URIRef
    inArticle: URIRef
    formerPrefLabel: URIRef
    publisherName: URIRef
    chiefRole: URIRef
    Correction: URIRef
    correctionText: URIRef
    action: URIRef
    preferredWhen: URIRef
    heldInBodyHeaded: URIRef
    title: URIRef
    topicLabel: URIRef
    publishedBy: URIRef
    topicYears: URIRef
    Grade: URIRef
    Area: URIRef
    Polarity: URIRef
    Judgement: URIRef
    Finding: URIRef
    Figure: URIRef
    rank: URIRef
    cue: URIRef
    strongCue: URIRef
    judgement: URIRef
    grade: URIRef
    area: URIRef
    gradedForce: URIRef
    finding: URIRef
    polarity: URIRef
    figure: URIRef
    count: URIRef
    total: URIRef
    counted: URIRef
    judgementText: URIRef
    followsUp: URIRef
    fieldwork: URIRef
    revisit: URIRef


SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
OA = Namespace("http://www.w3.org/ns/oa#")
WD = Namespace("http://www.wikidata.org/entity/")
DCTERMS = Namespace("http://purl.org/dc/terms/")

ID = Namespace(BASE + "id/")
ROLE = Namespace(BASE + "role/")
KIND = Namespace(BASE + "report-kind/")
ORGS = Namespace(BASE + "id/org/")
GRADE = Namespace(BASE + "grade/")
AREA = Namespace(BASE + "area/")
POLARITY = Namespace(BASE + "polarity/")

PREFIXES: dict[str, str] = {
    "kgo": str(KGO._NS),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "oa": str(OA),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "wd": str(WD),
    "dcterms": str(DCTERMS),
    "orgs": str(ORGS),
    "role": str(ROLE),
    "kind": str(KIND),
    "id": str(ID),
    "grade": str(GRADE),
    "area": str(AREA),
    "pol": str(POLARITY),
}


def slug(text: str) -> str:
    """ASCII slug: "Sunita Gamblin" -> "sunita-gamblin"; never empty."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return s or "x" + digest(text)[:10]


def digest(*parts: str) -> str:
    h = hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:16]


def org_iri(key: str) -> URIRef:
    return ORGS[key]


def named_org_key(name: str) -> str:
    """The key of an organization the reference data does not know, from its name:
    "HMP Liverpool" -> "named-hmp-liverpool" (never a reference key, which has no prefix)."""
    return "named-" + slug(name)


def correction_iri(correction_id: str) -> URIRef:
    return ID["correction/" + correction_id]


def corrections_graph_iri() -> URIRef:
    """The graph of the corrections applied: who made each, when and why."""
    return ID["graph/corrections"]


def retracted_graph_iri(article_id: str) -> URIRef:
    """The audit graph of the claims corrections took out of one article."""
    return ID["graph/" + article_scope(article_id) + AUDIT_SUFFIX]


def agent_iri(name: str) -> URIRef:
    """Who made a correction."""
    return ID["agent/" + slug(name)]


def person_iri(key: str) -> URIRef:
    return ID["person/" + key]


def article_scope(article_id: str) -> str:
    """The part of every IRI minted for one article alone: "ann-smith-1a2b3c"."""
    return slug(article_id) + "-" + digest(article_id)[:6]


# The kinds of IRI minted for one article alone, as ID[kind/scope] or
# ID[kind/scope/...]: every triple about such a subject is in that article's
# graph, or (its graph's provenance) in the default graph.
ARTICLE_SCOPED = frozenset(
    {"article", "graph", "evidence", "quote", "membership", "finding", "figure"}
)
_ID = str(ID)
# the graphs of the whole corpus (not of one article)
_GLOBAL_GRAPHS = frozenset({_ID + "graph/reference", _ID + "graph/corrections"})


def scope_of(iri: str) -> str | None:
    """The article scope of an IRI minted for one article alone, else None."""
    if not iri.startswith(_ID):
        return None
    kind, _, rest = iri[len(_ID) :].partition("/")
    if kind not in ARTICLE_SCOPED:
        return None
    return rest.partition("/")[0] or None


def graph_scope(graph: str) -> str | None:
    """The article scope of an article's graph IRI (or of its audit graph), else None."""
    prefix = _ID + "graph/"
    if not graph.startswith(prefix) or graph in _GLOBAL_GRAPHS:
        return None
    return graph[len(prefix) :].removesuffix(AUDIT_SUFFIX) or None


AUDIT_SUFFIX = "/retracted"


def is_audit_graph(graph: str) -> bool:
    """Whether ``graph`` holds claims a correction took out: kept for audit, in the
    quad formats and the store's named graphs, never in the union of the graph."""
    return graph.endswith(AUDIT_SUFFIX) and graph.startswith(_ID + "graph/")


def article_iri(article_id: str) -> URIRef:
    return ID["article/" + article_scope(article_id)]


def graph_iri(article_id: str) -> URIRef:
    return ID["graph/" + article_scope(article_id)]


def reference_graph_iri() -> URIRef:
    return ID["graph/reference"]


def evidence_iri(article_id: str, start: int, end: int) -> URIRef:
    return ID[f"evidence/{article_scope(article_id)}/{start}-{end}"]


def membership_iri(
    person: str, role: str, org: str | None, qualifier: str | None, article_id: str
) -> URIRef:
    key = digest(person, role, org or "", qualifier or "", article_id)
    return ID[f"membership/{article_scope(article_id)}/{key}"]


def report_iri(key: str) -> URIRef:
    return ID["report/" + digest(key)]


def quote_iri(article_id: str, start: int) -> URIRef:
    return ID[f"quote/{article_scope(article_id)}/{start}"]


def publisher_iri(name: str) -> URIRef:
    return ID["publisher/" + slug(name)]


def role_iri(key: str) -> URIRef:
    return ROLE[key]


def custom_role_iri(label: str) -> URIRef:
    return ROLE["other/" + slug(label)]


def kind_iri(key: str) -> URIRef:
    return KIND[key]


def build_iri(corpus_digest: str) -> URIRef:
    return ID["build/" + corpus_digest]


def judgement_iri(report_key: str, force: str, area: str, grade: str) -> URIRef:
    return ID["judgement/" + digest(report_key, force, area, grade)]


def finding_iri(article_id: str, start: int) -> URIRef:
    return ID[f"finding/{article_scope(article_id)}/{start}"]


def figure_iri(article_id: str, start: int) -> URIRef:
    return ID[f"figure/{article_scope(article_id)}/{start}"]
