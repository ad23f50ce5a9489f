"""The data that passes between stages. Nothing else crosses a module boundary.

Claims are what one article says; entities are what the corpus says once claims
are resolved. Every claim carries an ``evidence`` span (the sentence it came from)
so any triple can be traced back to its text.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from operator import attrgetter

# RDF as kg passes it between stages: kg.graph makes it, and the exports, the
# store, the shape check and the network view read it. Plain tuples of strings
# (hashable, sortable, quick to pickle), never library terms.
#   a term:   ("<", iri)  or  ('"', lexical form, language tag, datatype IRI)
#             (a plain string literal has neither language nor datatype: "")
#   a triple: (subject IRI, predicate IRI, object term); the predicate of
#             rdf:type is written "" so that a subject's types sort first.
TermKey = tuple[str, ...]
TripleKey = tuple[str, str, TermKey]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class _Record:
    """Pickles as a call of its constructor with its fields: about four times
    quicker than the state functions dataclasses give a slots class, which
    counts when a build loads the claims of 100,000 articles."""

    __slots__ = ()

    def __reduce__(self) -> tuple[type, tuple[object, ...]]:
        cls = type(self)
        fields = _FIELDS.get(cls)
        if fields is None:
            names: tuple[str, ...] = cls.__slots__
            fields = _FIELDS[cls] = attrgetter(*names) if len(names) > 1 else _one(names[0])
        return cls, fields(self)


def _one(name: str) -> Callable[[object], tuple[object, ...]]:
    get = attrgetter(name)
    return lambda obj: (get(obj),)


_FIELDS: dict[type, Callable[[object], tuple[object, ...]]] = {}


@dataclass(frozen=True, slots=True, order=True)
class Span(_Record):
    """A character range ``[start, end)`` in ``Article.text``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


class OrgType(StrEnum):
    POLICE_FORCE = "PoliceForce"
    INSPECTORATE = "Inspectorate"
    GOVERNMENT_BODY = "GovernmentBody"
    OTHER = "Other"


class SpeakerKind(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    REPORT = "Report"


@dataclass(frozen=True, slots=True, order=True)
class PartialDate(_Record):
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.month is None and self.day is not None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"bad month {self.month}")
        last_day = calendar.monthrange(self.year, self.month)[1] if self.month else 31
        if self.day is not None and not 1 <= self.day <= last_day:
            raise ValueError(f"bad day {self.year}-{self.month}-{self.day}")

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def iso(self) -> str:
        if self.day is not None:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month is not None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def month_only(self) -> PartialDate:
        return PartialDate(self.year, self.month)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        parts = [int(p) for p in text.split("-")]
        return cls(*parts)


@dataclass(frozen=True, slots=True)
class Article(_Record):
    """One input file, read. ``text`` is what offsets point into."""

    id: str  # the file stem: outputs line up with gold files
    file_name: str
    text: str
    format: str  # "text", "markdown", "html", "pdf" or "docx"
    title: str | None = None
    published: PartialDate | None = None  # the article's own date, as stated
    url: str | None = None
    publisher: str | None = None
    author: str | None = None
    # Paragraphs that carry the article's content; page clutter is left out.
    body: tuple[Span, ...] = ()
    # Clutter found and set aside (sign-ups, captions, related links, adverts).
    clutter: tuple[Span, ...] = ()
    # A date known less precisely than a day (a URL's /2019/09/), used only to
    # resolve relative dates when ``published`` is missing.
    date_hint: PartialDate | None = None
    sha256: str = ""
    # What ingest did to the file that the build should tell the user, one line each,
    # without the file name ("cut at 300,000 characters of 4,912,345").
    notes: tuple[str, ...] = ()

    @property
    def reference_date(self) -> PartialDate | None:
        return self.published or self.date_hint


@dataclass(frozen=True, slots=True)
class Sentence(_Record):
    span: Span
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class OrgMention(_Record):
    """A named or coreferent mention of an organization: one of the reference data,
    or one the article names that the reference data does not know (a prison, a
    charity), which then carries its name and type."""

    org: str  # key of the organization (``named_org_key`` for one not in the reference data)
    span: Span
    evidence: Span
    text: str
    by_context: bool = False  # "the force", "the watchdog"
    kind: OrgType | None = None  # its type, for one not in the reference data
    name: str | None = None  # its name, for one not in the reference data
    # a force named only by its area in someone's title ("the Sussex PCC"): named, but
    # neither acting nor speaking nor graded there
    titled: bool = False


@dataclass(frozen=True, slots=True)
class PersonMention(_Record):
    """A person named in the text; ``name`` is the full name without titles."""

    name: str
    span: Span
    evidence: Span
    text: str
    surname_only: bool = False


@dataclass(frozen=True, slots=True)
class RoleClaim(_Record):
    person: str
    role: str  # key of the role concept
    org: str | None  # key of the organization the role is held in
    evidence: Span
    qualifier: str | None = None  # acting, interim, temporary, former, ...
    label: str | None = None  # the words the article used, for roles not in the scheme


@dataclass(frozen=True, slots=True)
class ReportClaim(_Record):
    publisher: str  # organization key
    subjects: tuple[str, ...]  # organization keys of the forces it is about
    kind: str  # in the article's words
    evidence: Span
    published: PartialDate | None = None
    kind_concept: str | None = None  # key of the report kind concept
    fieldwork: str | None = None  # "a 10-day visit in October"
    revisit: str | None = None  # "will be reassessed in six months"


@dataclass(frozen=True, slots=True)
class QuoteClaim(_Record):
    text: str
    span: Span  # the quotation itself, without the marks
    evidence: Span
    speaker_kind: SpeakerKind
    speaker: str  # person name, organization key, or a report's claim index
    parts: tuple[Span, ...] = ()  # every quoted segment, for quotes over paragraphs


@dataclass(frozen=True, slots=True)
class GradeClaim(_Record):
    """A judgement: "rated 'good' at keeping people safe and reducing crime"."""

    subject: str  # force key
    area: str  # area concept key
    grade: str  # grade concept key
    evidence: Span
    report: int | None = None  # index of the report claim it belongs to


@dataclass(frozen=True, slots=True)
class FindingClaim(_Record):
    """What inspectors found, concluded, highlighted or recommended."""

    subject: str
    polarity: str  # polarity concept key
    text: str
    span: Span
    evidence: Span
    report: int | None = None


@dataclass(frozen=True, slots=True)
class FigureClaim(_Record):
    """A count about an inspection's sample: "30 of the 79 cases ... inadequate"."""

    subject: str | None
    count: int
    total: int | None
    counted: str
    judgement: str | None
    span: Span
    evidence: Span
    report: int | None = None


@dataclass(frozen=True, slots=True)
class Correction(_Record):
    """One entry of a corrections file: what a person fixed, who, when and why."""

    id: str  # a digest of the entry, for its IRI
    action: str  # retract, assert, merge, split, set
    by: str
    date: str  # ISO date as written
    why: str
    line: int  # where it is in the file
    text: str  # the entry, as a user reads it (for reports and the audit graph)


@dataclass(frozen=True, slots=True)
class Corrected(_Record):
    """A claim that a correction asserted or changed (``ArticleClaims.corrected``), or
    took out (then the claim is in ``ArticleClaims.retracted``)."""

    kind: str  # the ArticleClaims field: "roles", "quotes", "reports", ...
    index: int  # the claim's index in that field
    correction: str  # Correction.id


@dataclass(frozen=True, slots=True)
class NamedOrg(_Record):
    """An organization an article names that the reference data does not know."""

    key: str
    name: str
    kind: OrgType


@dataclass(frozen=True, slots=True)
class ArticleClaims(_Record):
    """Everything the extractors found in one article."""

    article: Article
    organizations: tuple[OrgMention, ...] = ()
    people: tuple[PersonMention, ...] = ()
    roles: tuple[RoleClaim, ...] = ()
    reports: tuple[ReportClaim, ...] = ()
    quotes: tuple[QuoteClaim, ...] = ()
    grades: tuple[GradeClaim, ...] = ()
    findings: tuple[FindingClaim, ...] = ()
    figures: tuple[FigureClaim, ...] = ()
    # set by corrections (kg.corrections), never by an extractor:
    corrected: tuple[Corrected, ...] = ()  # claims a person asserted or changed
    retracted: ArticleClaims | None = None  # claims a person took out, kept for audit

    def named_orgs(self) -> list[NamedOrg]:
        """The organizations this article names that the reference data does not know."""
        seen: dict[str, NamedOrg] = {}
        for m in self.organizations:
            if m.name is not None and m.kind is not None and m.org not in seen:
                seen[m.org] = NamedOrg(m.org, m.name, m.kind)
        return list(seen.values())


@dataclass(frozen=True, slots=True)
class IngestError(_Record):
    """A file that could not be read as an article, and why."""

    file_name: str
    reason: str


@dataclass
class BuildSummary:
    read: int = 0
    skipped: list[IngestError] = field(default_factory=list)
    facts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Person(_Record):
    """A person across the corpus."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Report(_Record):
    """An inspection report across the corpus."""

    key: str
    publisher: str
    subjects: tuple[str, ...]
    published: PartialDate | None
    kinds: tuple[str, ...]
    kind_concept: str | None
    follows_up: str | None = None  # key of the report a re-inspection follows up


@dataclass(frozen=True, slots=True)
class Resolved(_Record):
    """The corpus after resolution: canonical people and reports, and which
    canonical entity each claim refers to."""

    claims: tuple[ArticleClaims, ...]
    people: dict[str, Person]
    person_key: dict[tuple[str, str], str]  # (article id, name as claimed) -> person key
    reports: dict[str, Report]
    report_key: dict[tuple[str, int], str]  # (article id, claim index) -> report key
    corrections: tuple[Correction, ...] = ()  # those applied (kg.corrections)
