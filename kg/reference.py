"""Names and word lists, read from ``ontology/`` and ``kg/lexicon/`` on first use.

The ontology is the single source of names: forces, inspectorates, bodies and
role titles with their aliases. Nothing here hard-codes a name.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg.errors import OntologyError
from kg.model import OrgType, PartialDate, TripleKey
from kg.vocab import KGO, ORG, ORGS, ROLE, SCHEMA, ontology_dir

_PACKAGE = Path(__file__).resolve().parent
GRADE_NS = "https://w3id.org/kg-oversight/grade/"
AREA_NS = "https://w3id.org/kg-oversight/area/"
POLARITY_NS = "https://w3id.org/kg-oversight/polarity/"
LEXICON_DIR = _PACKAGE / "lexicon"
ONTOLOGY_FILES = (
    "kg.ttl",
    "forces.ttl",
    "force-roles.ttl",
    "inspectorates.ttl",
    "bodies.ttl",
    "roles.ttl",
    "report-kinds.ttl",
    "history.ttl",
    "grades.ttl",
    "remits.ttl",
)

_TYPES = {
    KGO.PoliceForce: OrgType.POLICE_FORCE,
    KGO.Inspectorate: OrgType.INSPECTORATE,
    KGO.GovernmentBody: OrgType.GOVERNMENT_BODY,
    KGO.OtherOrganization: OrgType.OTHER,
}


@dataclass(frozen=True, slots=True)
class OrgEntry:
    key: str
    iri: URIRef
    name: str
    type: OrgType
    labels: tuple[str, ...]  # name, legal name and aliases
    context_labels: tuple[str, ...]  # usable only when the context supports them
    places: tuple[str, ...] = ()  # place stems: "Lancashire", "Lancs", "Beds"
    area: str | None = None
    chief_role: str | None = None  # the role that leads a force ("commissioner" for the Met)
    dissolved: int | None = None  # the year a former force ended (schema:dissolutionDate)
    remit: frozenset[OrgType] = frozenset()  # the types of body an inspectorate inspects
    inspects: tuple[str, ...] = ()  # how the names of the bodies it inspects end
    national_force: str | None = None  # the one force of the nation an inspectorate covers
    units_of: tuple[str, ...] = ()  # bodies whose units it inspects, each on its own
    part_of: str | None = None  # the body it is a unit of (org:subOrganizationOf)
    forces_by_default: bool = False  # inspects every force no nation's inspectorate does


@dataclass(frozen=True, slots=True)
class RoleEntry:
    key: str
    iri: URIRef
    label: str
    labels: tuple[str, ...]  # every label that names the role outright
    context_labels: tuple[str, ...]  # "Chief": a role only in "the present Chief, Name"
    scope: OrgType | None
    default_org: str | None
    preferred_when: frozenset[str] = frozenset()  # orgs whose mention makes a shared label mean it
    bodiless: bool = False  # held in no organization (an MP, a councillor)
    body_heads: tuple[str, ...] = ()  # ... but in the one body named with this head noun


@dataclass(frozen=True, slots=True)
class KindEntry:
    key: str
    label: str
    labels: tuple[str, ...]
    title: str  # "PEEL assessment", "Custody inspection": how a report of the kind is titled
    topics: tuple[str, ...] = ()  # words that suggest the kind ("savings": efficiency) ...
    topic_years: range = range(0)  # ... in these years
    publishers: tuple[str, ...] = ()  # the only bodies that publish it (PEEL: HMICFRS)


@dataclass(frozen=True, slots=True)
class Lexicon:
    orgs: dict[str, OrgEntry]
    roles: dict[str, RoleEntry]
    kinds: dict[str, KindEntry]
    reporting_verbs: tuple[str, ...]
    honorifics: tuple[str, ...]
    honorific_genders: dict[str, str]  # "Mr" -> "male", "Ms" -> "female"
    peer_titles: frozenset[str]  # "Lord", "Baroness": part of a name given no first name
    qualifiers: dict[str, str | None]
    clutter_prefixes: tuple[str, ...]
    clutter_substrings: tuple[str, ...]
    clutter_sections: tuple[str, ...]
    clutter_bar_words: tuple[str, ...]  # a line of only these is a share bar
    coreference: dict[str, OrgType]
    # of those, the ones that mean the inspectorate of the article's force when no
    # inspectorate is named ("Her Majesty's Inspectorate")
    coreference_of_force: frozenset[str] = frozenset()

    def orgs_of(self, kind: OrgType) -> list[OrgEntry]:
        return [o for o in self.orgs.values() if o.type is kind]


@functools.cache
def ontology_graph() -> Graph:
    """The ontology and reference data as one rdflib graph."""
    g = Graph()
    base = ontology_dir()
    for name in ONTOLOGY_FILES:
        try:
            g.parse(base / name, format="turtle")
        except Exception as e:  # rdflib raises many kinds
            raise OntologyError(f"{base / name}: {e}") from e
    return g


def _lines(name: str) -> list[str]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


# Words that end a force's name and are not part of its place: "Beds Police" -> "Beds".
FORCE_HEAD = r"(?:Police(?:\s+Service|\s+Force)?|Constabulary)"
_FORCE_HEADS = re.compile(r"\s+" + FORCE_HEAD + "$")


def _places(name: str, short: str | None, area: str | None, aliases: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for text in [short, area, name, *aliases]:
        if not text:
            continue
        stem = _FORCE_HEADS.sub("", text).strip()
        derived = stem != text or text in (short, area)
        if derived and stem and stem[0].isupper() and "(" not in stem and stem not in out:
            out.append(stem)
    return tuple(out)


def _iris(nodes: Iterable[object]) -> set[URIRef]:
    return {n for n in nodes if isinstance(n, URIRef)}


# the royal style a body's name may go without: "the Inspectorate of Prisons", "the Crown
# Prosecution Service Inspectorate"
RE_ROYAL_STYLE = re.compile(r"^(?:HM|H\.M\.|Her Majesty['’]s|His Majesty['’]s)\s+")


def _unstyled(orgs: dict[str, OrgEntry]) -> dict[str, OrgEntry]:
    """Each body's names of three words or more without their royal style, as further
    labels, where no other body has that name with or without it."""
    taken: dict[str, set[str]] = {}
    for o in orgs.values():
        for label in o.labels:
            taken.setdefault(label.casefold(), set()).add(o.key)
            bare = RE_ROYAL_STYLE.sub("", label)
            if bare != label and len(bare.split()) >= 3:
                taken.setdefault(bare.casefold(), set()).add(o.key)
    out = {}
    for key, o in orgs.items():
        extra = [
            bare
            for label in o.labels
            if (bare := RE_ROYAL_STYLE.sub("", label)) != label
            and len(bare.split()) >= 3
            and taken[bare.casefold()] == {key}
        ]
        out[key] = replace(o, labels=tuple(dict.fromkeys([*o.labels, *extra])))
    return out


@functools.cache
def lexicon() -> Lexicon:
    g = ontology_graph()
    orgs: dict[str, OrgEntry] = {}
    for cls, kind in _TYPES.items():
        for node in sorted(_iris(g.subjects(RDF.type, cls))):
            key = str(node).removeprefix(str(ORGS))
            name = str(g.value(node, SKOS.prefLabel))
            alts = sorted(str(x) for x in g.objects(node, SKOS.altLabel))
            legal = [str(x) for x in g.objects(node, SCHEMA.legalName)]
            short = g.value(node, SCHEMA.alternateName)
            area = g.value(node, KGO.policeArea)
            labels = tuple(dict.fromkeys([name, *legal, *alts]))
            ctx = tuple(sorted(str(x) for x in g.objects(node, KGO.contextLabel)))
            ended = g.value(node, SCHEMA.dissolutionDate)
            places = (
                _places(name, str(short) if short else None, str(area) if area else None, alts)
                if kind is OrgType.POLICE_FORCE and ended is None and area is not None
                else ()  # a force of no area, or one that has ended, goes by name only
            )
            chief = g.value(node, KGO.chiefRole)
            orgs[key] = OrgEntry(
                key,
                node,
                name,
                kind,
                labels,
                ctx,
                places,
                str(area) if area else None,
                str(chief).removeprefix(str(ROLE)) if chief else None,
                int(str(ended)[:4]) if ended is not None else None,
                frozenset(_TYPES[c] for c in _iris(g.objects(node, KGO.remit)) if c in _TYPES),
                tuple(sorted(str(x) for x in g.objects(node, KGO.inspectsBodyNamed))),
                str(nf).removeprefix(str(ORGS))
                if (nf := g.value(node, KGO.nationalForce))
                else None,
                tuple(
                    sorted(
                        str(x).removeprefix(str(ORGS)) for x in g.objects(node, KGO.inspectsUnitsOf)
                    )
                ),
                str(up).removeprefix(str(ORGS))
                if (up := g.value(node, ORG.subOrganizationOf))
                else None,
                bool(g.value(node, KGO.inspectsForcesByDefault)),
            )
    orgs = _unstyled(orgs)
    roles: dict[str, RoleEntry] = {}
    for node in sorted(_iris(g.subjects(SKOS.inScheme, ROLE["scheme"]))):
        key = str(node).removeprefix(str(ROLE))
        label = str(g.value(node, SKOS.prefLabel))
        alts = sorted(str(x) for x in g.objects(node, SKOS.altLabel))
        ctx = tuple(sorted(str(x) for x in g.objects(node, KGO.contextLabel)))
        scope = _TYPES.get(g.value(node, KGO.roleScope))  # type: ignore[call-overload]
        default = g.value(node, KGO.defaultOrganization)
        preferred = frozenset(
            str(o).removeprefix(str(ORGS)) for o in g.objects(node, KGO.preferredWhen)
        )
        # a title of a body or place is written "for" it too: "the mayor for the West
        # Midlands", "the chief inspector for probation"
        fors = [lb.replace(" of ", " for ", 1) for lb in (label, *alts) if " of " in lb]
        roles[key] = RoleEntry(
            key,
            node,
            label,
            tuple(dict.fromkeys((label, *alts, *fors))),
            ctx,
            scope,
            str(default).removeprefix(str(ORGS)) if default else None,
            preferred,
            g.value(node, KGO.roleScope) == OWL.Nothing,
            tuple(sorted(str(x) for x in g.objects(node, KGO.heldInBodyHeaded))),
        )
    kinds: dict[str, KindEntry] = {}
    for node in sorted(_iris(g.subjects(RDF.type, KGO.ReportKind))):
        key = str(node).rsplit("/", 1)[-1]
        label = str(g.value(node, SKOS.prefLabel))
        alts = sorted(str(x) for x in g.objects(node, SKOS.altLabel))
        title = str(g.value(node, KGO.title) or label)
        topics = tuple(sorted(str(x) for x in g.objects(node, KGO.topicLabel)))
        years = str(g.value(node, KGO.topicYears) or "")
        first, _, last = years.partition("-")
        span = range(int(first), int(last) + 1) if first.isdigit() and last.isdigit() else range(0)
        publishers = tuple(
            sorted(str(o).removeprefix(str(ORGS)) for o in g.objects(node, KGO.publishedBy))
        )
        kinds[key] = KindEntry(
            key, label, tuple(dict.fromkeys((label, *alts))), title, topics, span, publishers
        )

    qualifiers: dict[str, str | None] = {}
    for line in _lines("qualifiers.txt"):
        word, meaning = line.split("\t")
        qualifiers[word] = None if meaning == "-" else meaning
    clutter = _lines("clutter.txt")
    # honorific <TAB> gender <TAB> peer, the last two optional
    honorifics = [line.split("\t") for line in _lines("honorifics.txt")]
    coref: dict[str, OrgType] = {}
    forces_inspectorate: set[str] = set()
    for line in _lines("coreference.txt"):
        phrase, kind_name, *of = line.split("\t")
        coref[phrase] = OrgType(kind_name)
        if of == ["force's"]:
            forces_inspectorate.add(phrase)
    return Lexicon(
        orgs=orgs,
        roles=roles,
        kinds=kinds,
        reporting_verbs=tuple(_lines("reporting_verbs.txt")),
        honorifics=tuple(h[0] for h in honorifics),
        honorific_genders={h[0]: h[1] for h in honorifics if len(h) > 1},
        peer_titles=frozenset(h[0] for h in honorifics if h[2:] == ["peer"]),
        qualifiers=qualifiers,
        clutter_prefixes=tuple(c for c in clutter if not c.startswith(("~", "section: ", "bar: "))),
        clutter_substrings=tuple(c[1:] for c in clutter if c.startswith("~")),
        clutter_sections=tuple(
            c.removeprefix("section: ") for c in clutter if c.startswith("section: ")
        ),
        clutter_bar_words=tuple(
            c.removeprefix("bar: ").lower() for c in clutter if c.startswith("bar: ")
        ),
        coreference=coref,
        coreference_of_force=frozenset(forces_inspectorate),
    )


@functools.cache
def reference_keys() -> list[TripleKey]:
    """The ontology and reference data as sorted keys (``kg.model.TripleKey``)."""
    from kg.export import union_keys

    return union_keys(ontology_graph())


@functools.cache
def _renames() -> dict[str, tuple[PartialDate, str]]:
    """Organization key -> (the date it took its present name, the name before)."""
    g = ontology_graph()
    out: dict[str, tuple[PartialDate, str]] = {}
    for node, former in g.subject_objects(KGO.formerPrefLabel):
        founded = g.value(node, SCHEMA.foundingDate)
        if founded is not None:
            key = str(node).removeprefix(str(ORGS))
            out[key] = (PartialDate.parse(str(founded)), str(former))
    return out


@functools.cache
def dated_names() -> tuple[tuple[str, int], ...]:
    """Forms of names first used in a year ("His Majesty's Inspectorate", 2022): text
    that uses one was written in that year or later (``kgo:nameSince``)."""
    out = []
    for value in ontology_graph().objects(None, KGO.nameSince):
        name, _, since = str(value).rpartition("|")
        if name and since[:4].isdigit():
            out.append((name, int(since[:4])))
    return tuple(sorted(out))


def written_since(text: str) -> int | None:
    """The earliest year ``text`` can have been written, by the names it uses."""
    years = [year for name, year in dated_names() if name in text]
    return max(years) if years else None


def publisher_name(org: str, when: PartialDate | None) -> str:
    """The name ``org`` bore on ``when``: "HMIC" for a report of 2016, "HMICFRS" for
    one of 2018. A date as imprecise as the rename (2017, or July 2017) and an
    undated report take the present name."""
    entry = lexicon().orgs.get(org)
    name = entry.name if entry is not None else org
    rename = _renames().get(org)
    if rename is None or when is None:
        return name
    since, former = rename
    precision = min(len(since.iso()), len(when.iso()))
    return former if when.iso()[:precision] < since.iso()[:precision] else name


@dataclass(frozen=True, slots=True)
class Concept:
    key: str
    iri: URIRef
    label: str
    labels: tuple[str, ...]  # prefLabel and altLabels
    cues: tuple[str, ...] = ()
    rank: int = 0
    strong_cues: tuple[str, ...] = ()
    years: range | None = None  # an area's years of being graded (kgo:gradedYears); None: all


def _scheme(base: str) -> dict[str, Concept]:
    g = ontology_graph()
    out: dict[str, Concept] = {}
    scheme = URIRef(base + "scheme")
    for node in sorted(_iris(g.subjects(SKOS.inScheme, scheme))):
        label = str(g.value(node, SKOS.prefLabel))
        alts = sorted(str(x) for x in g.objects(node, SKOS.altLabel))
        strong = tuple(sorted(str(x) for x in g.objects(node, KGO.strongCue)))
        cues = tuple(sorted({str(x) for x in g.objects(node, KGO.cue)} | set(strong)))
        rank = g.value(node, KGO.rank)
        first, _, last = str(g.value(node, KGO.gradedYears) or "").partition("-")
        out[str(node).removeprefix(base)] = Concept(
            str(node).removeprefix(base),
            node,
            label,
            tuple(dict.fromkeys([label, *alts])),
            cues,
            int(str(rank)) if rank is not None else 0,
            strong,
            range(int(first), int(last) + 1) if first.isdigit() and last.isdigit() else None,
        )
    return out


@functools.cache
def grades() -> dict[str, Concept]:
    """outstanding, good, requires-improvement, inadequate (with kgo:rank)."""
    return _scheme(GRADE_NS)


@functools.cache
def areas() -> dict[str, Concept]:
    return _scheme(AREA_NS)


@functools.cache
def polarities() -> dict[str, Concept]:
    return _scheme(POLARITY_NS)
