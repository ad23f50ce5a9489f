"""Inspection reports: who published them, about which forces, when, and of
what kind, in the article's words.

A sentence speaks of a report when it has a report noun ("report", "inspection",
"review", "findings", "judgements") or reports a past judgement with a date
("was found to 'require improvement' ... last month", "since being graded ...
last year", "in 2016 HMI inspected SYP, said ..."). Its date is the one the
sentence gives, resolved against the article's date ("In March last year",
"published today", "Thursday (September 1)", "NOVEMBER 2016", "in 2016");
a sentence with none speaks of the article's current report, dated like the
article. Fieldwork dates ("an inspection of the force in September 2016" in a
sentence about "the report") are not publication dates. The publisher is the
inspectorate the sentence names or, failing that, the one the article names;
the subject is the force the sentence names or the article's main force.
Sentences about another body's work ("a peer review by the College of
Policing") are not inspection reports.
"""

from __future__ import annotations

import functools
import re

from kg import dates
from kg.extract.organizations import main_org
from kg.model import Article, OrgMention, OrgType, PartialDate, ReportClaim, Sentence
from kg.patterns import any_in, fold, lowered
from kg.reference import lexicon

RE_REPORT_NOUN = re.compile(
    r"\b(?:reports?|inspections?|review|re-?inspection|assessment|findings|judgements?|judgments?|"
    r"PEEL)\b",
    re.IGNORECASE,
)
RE_JUDGED = re.compile(
    r"\b(?:graded|rated|judged|found to|inspected|placed it in|said the force|"
    r"highlighted|criticised|identified)\b",
    re.IGNORECASE,
)
# what inspectors do to a force, said of a named inspectorate: "HMICFRS found ...",
# "Inspectors rated Lincolnshire Police as 'good'"
RE_INSPECTED = re.compile(
    r"\b(?:graded|rated|judged|found|concluded|identified|highlighted|criticised|praised|"
    r"referred|reviewed|inspected|assessed)\b",
    re.IGNORECASE,
)
# Words one of which every match of the regex above holds (see patterns.any_in).
REPORT_NOUN_WORDS = (
    "report",
    "inspection",
    "review",
    "assessment",
    "findings",
    "judgement",
    "judgment",
    "peel",
)
JUDGED_WORDS = (
    "graded",
    "rated",
    "judged",
    "found",
    "inspected",
    "placed",
    "said",
    "highlighted",
    "criticised",
    "identified",
)
INSPECTED_WORDS = (
    "graded",
    "rated",
    "judged",
    "found",
    "concluded",
    "identified",
    "highlighted",
    "criticised",
    "praised",
    "referred",
    "reviewed",
    "inspected",
    "assessed",
)
# "in 2016", "since 2014", "during 2017" (a bare year names a programme: "Efficiency 2016")
RE_IN_YEAR = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Ss]ince)\s+(?:(?:early|late|mid)[- ])?(?P<year>(?:19|20)\d\d)\b(?![/-])"
)
# quoted words: dates inside a quotation date what the speaker speaks of, not a report
RE_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# fieldwork, not publication: "an inspection of the force in September 2016", "a visit in October"
RE_FIELDWORK = re.compile(r"\b(?:inspection|visit|fieldwork)\b[^.]{0,40}\b(?:in|during)\s+$", re.I)
RE_THE_REPORT = re.compile(r"^\s*(?:The|This)\s+(?:latest\s+|new\s+)?report\b")
# the words that name a report's kind: up to four modifiers, the head noun, and an
# "on/into ..." complement: "child protection inspection", "report on Crime Data Integrity"
RE_KIND = re.compile(
    # every head word starts with one of these: a quick test at each place tried
    r"(?=[afijr])"
    r"(?P<head>(?:(?:inspection|report|review|assessment)\s+)*"
    r"(?:report|inspection|review|assessment|findings|judgements|judgments))"
    r"(?P<comp>\s+(?:on|into)\s+(?:[A-Za-z][\w-]*\s*){1,4})?",
    re.IGNORECASE,
)
KIND_WORDS = ("report", "inspection", "review", "assessment", "findings", "judgement", "judgment")
_DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "this",
    "that",
    "latest",
    "new",
    "by",
    "of",
    "has",
    "have",
    "today",
    "published",
    "in",
    "on",
    "into",
    "and",
    "for",
    "his",
    "her",
    "our",
    "last",
    "week's",
    "year's",
    "s",
    "from",
    "following",
    "publication",
}


def _date_in(sent: Sentence, article: Article, offset: int = 0) -> PartialDate | None:
    """The publication date a sentence gives, or None."""
    text = RE_QUOTED.sub(lambda m: " " * len(m.group()), sent.text)
    ref = article.reference_date
    for d in dates.absolute_dates(text):
        lead = text[: d.span.start]
        if RE_FIELDWORK.search(lead) or RE_THE_REPORT.match(text) and "follow" in text.lower():
            continue
        return d.date
    if ref is not None:
        # masking quotes leaves no word that was not in the sentence
        low = lowered(sent.text)
        month = any_in(dates.MONTH_STEMS, low)
        m = dates.RE_MONTH_REL.search(text) if month else None
        if m:
            return dates.month_relative(m, ref)
        if month and any_in(dates.WEEKDAY_STEMS, low):
            for rx in (dates.RE_WMD, dates.RE_WDM):
                m = rx.search(text)
                if m:
                    return dates.undated_day(m, ref, 1990, ref.year)
        m = dates.RE_RELATIVE.search(text) if any_in(dates.RELATIVE_WORDS, low) else None
        if m:
            return dates.relative_date(m.group("what"), ref)
    m = RE_IN_YEAR.search(text)
    if m and not RE_FIELDWORK.search(text[: m.start() + 3]):
        return PartialDate(int(m.group("year")))
    return None


@functools.cache
def _kind_labels() -> list[tuple[str, re.Pattern[str], str, int]]:
    """Every report-kind label, folded and as a compiled word-bounded pattern, with its
    concept."""
    out = []
    for kind in lexicon().kinds.values():
        if kind.key == "other":
            continue
        for label in kind.labels:
            f = fold(label)
            out.append((f, re.compile(r"\b" + re.escape(f) + r"\b"), kind.key, len(f)))
    return out


RE_WORD = re.compile(r"[\w:'’&-]+")
RE_TRAILING_FUNCTION_WORD = re.compile(r"\s+(?:in|the|a|which|that|and|has|have|was|were|is)$")


def _kind(text: str) -> tuple[str, str | None]:
    """The report's kind in the sentence's words, and the kind concept it names."""
    words = "report"
    for m in RE_KIND.finditer(text) if any_in(KIND_WORDS, lowered(text)) else ():
        before = RE_WORD.findall(text[: m.start()])
        mods: list[str] = []
        for w in reversed(before[-4:]):
            low = w.lower().strip(":")
            if (
                low in _DETERMINERS
                or fold(w) in _org_words()
                or low.endswith(("ed", "ing"))
                or low in {"says", "said", "gives", "to", "according"}
            ):
                break
            mods.insert(0, w.strip(":"))
        comp = (m.group("comp") or "").strip()
        comp = RE_TRAILING_FUNCTION_WORD.sub("", comp)
        words = " ".join([*mods, m.group("head"), comp]).strip()
        break
    lower = fold(words)
    concept = None
    best = 0
    for label, rx, key, size in _kind_labels():
        if size > best and label in lower and rx.search(lower):
            concept, best = key, size
    return words, concept


@functools.cache
def _org_words() -> set[str]:
    from kg.patterns import org_labels

    return {w for label in org_labels() for w in label.split() if len(label.split()) == 1}


def extract(article: Article, sents: list[Sentence], orgs: list[OrgMention]) -> list[ReportClaim]:
    types = {m.org: m.kind for m in orgs if m.kind is not None}
    inspectorate = main_org(orgs, types, OrgType.INSPECTORATE)
    if inspectorate is None:
        return []
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    claims: list[ReportClaim] = []
    for sent in sents:
        low = lowered(sent.text)
        noun = RE_REPORT_NOUN.search(sent.text) if any_in(REPORT_NOUN_WORDS, low) else None
        judged = noun is None and any_in(JUDGED_WORDS, low) and RE_JUDGED.search(sent.text)
        inspected = noun is None and any_in(INSPECTED_WORDS, low) and RE_INSPECTED.search(sent.text)
        if noun is None and not judged and not inspected:
            continue
        date = _date_in(sent, article)
        if noun is None and not (
            (judged and date is not None) or (inspected and _names_inspectorate(sent, orgs, types))
        ):
            continue
        in_sent = [m for m in orgs if sent.span.contains(m.span)]
        publishers = [m.org for m in in_sent if types[m.org] is OrgType.INSPECTORATE]
        others = [
            m
            for m in in_sent
            if types[m.org] in (OrgType.OTHER, OrgType.GOVERNMENT_BODY) and not m.by_context
        ]
        if not publishers and others:
            continue  # another body's work: "a peer review ... by the College of Policing"
        subjects = sorted(
            {m.org for m in in_sent if types[m.org] is OrgType.POLICE_FORCE},
            key=lambda k: min(m.span.start for m in in_sent if m.org == k),
        )
        if not subjects and force:
            subjects = [force]
        if not subjects:
            continue
        if date is None:
            date = article.reference_date
        kind, concept = _kind(sent.text)
        if RE_REVISIT.search(sent.text):
            kind, concept = "report", None  # an announced revisit names the next report, not this
        claims.append(
            ReportClaim(
                publishers[0] if publishers else inspectorate,
                tuple(subjects),
                kind,
                sent.span,
                date,
                concept,
            )
        )
    merged = _merge(claims)
    _, title_kind = _kind(article.title or "")
    if title_kind:
        # "Nottinghamshire Police responds to PEEL: Police effectiveness 2016": the
        # headline names the kind of the article's current report
        ref = article.reference_date
        merged = [
            ReportClaim(
                c.publisher,
                c.subjects,
                c.kind,
                c.evidence,
                c.published,
                title_kind,
                c.fieldwork,
                c.revisit,
            )
            if c.kind_concept is None and (c.published == ref)
            else c
            for c in merged
        ]
    fieldwork, revisit = _visits(article, sents)
    if merged and (fieldwork or revisit):
        # the visit and the revisit belong to the article's current report: the
        # one dated like the article, else the first
        ref = article.reference_date
        i = next((k for k, c in enumerate(merged) if ref and c.published == ref), 0)
        c = merged[i]
        merged[i] = ReportClaim(
            c.publisher,
            c.subjects,
            c.kind,
            c.evidence,
            c.published,
            c.kind_concept,
            fieldwork,
            revisit,
        )
    return merged


# "during a 10-day visit in October", "an inspection of the force in September 2016",
# "The inspection took place in the summer of 2016"
RE_FIELDWORK_TEXT = re.compile(
    r"\b(?:an?\s+)?(?:\w+-(?:day|week)\s+)?(?:visit|inspection|fieldwork)\s+(?:of the force\s+)?"
    r"(?:took place\s+)?(?:in|during)\s+(?:the\s+(?:summer|spring|autumn|winter)\s+of\s+)?"
    r"(?:[A-Z][a-z]+|\d{4})(?:\s+\d{4})?",
    re.I,
)
# "It will be reassessed in six months", "before a follow-up inspection is carried out in
# the next six months"
RE_REVISIT = re.compile(
    r"\b(?:will be (?:reassessed|re-inspected|reinspected|revisited|inspected again)|"
    r"follow-up inspection|re-inspection|revisit)\b[^.;]*?\b(?:in|within)\s+(?:the next\s+)?"
    r"(?:\w+|\d+)\s+(?:months?|weeks?|years?)",
    re.I,
)


FIELDWORK_WORDS = ("visit", "inspection", "fieldwork")
REVISIT_WORDS = ("reassessed", "inspected", "revisit", "inspection")


def _visits(article: Article, sents: list[Sentence]) -> tuple[str | None, str | None]:
    fieldwork = revisit = None
    for sent in sents:
        # masking quotes leaves no word that was not in the sentence
        low = lowered(sent.text)
        want_fieldwork = fieldwork is None and any_in(FIELDWORK_WORDS, low)
        want_revisit = revisit is None and any_in(REVISIT_WORDS, low)
        if not (want_fieldwork or want_revisit):
            continue
        masked = RE_QUOTED.sub(lambda m: " " * len(m.group()), sent.text)
        if want_fieldwork and (m := RE_FIELDWORK_TEXT.search(masked)):
            fieldwork = m.group().strip()
        if want_revisit and (m := RE_REVISIT.search(masked)):
            revisit = m.group().strip()
    return fieldwork, revisit


def _names_inspectorate(sent: Sentence, orgs: list[OrgMention], types: dict[str, OrgType]) -> bool:
    return any(sent.span.contains(m.span) and types[m.org] is OrgType.INSPECTORATE for m in orgs)


def _merge(claims: list[ReportClaim]) -> list[ReportClaim]:
    """One claim per (publisher, subjects, date): sentences about the same report."""
    out: dict[tuple[str, tuple[str, ...], str | None], ReportClaim] = {}
    for c in claims:
        key = (c.publisher, c.subjects, c.published.iso() if c.published else None)
        have = out.get(key)
        if have is None or (have.kind_concept is None and c.kind_concept is not None):
            out[key] = (
                c
                if have is None
                else ReportClaim(
                    c.publisher, c.subjects, c.kind, have.evidence, c.published, c.kind_concept
                )
            )
    return list(out.values())


def report_of(sent: Sentence, reports: list[ReportClaim]) -> int | None:
    """The index of the report claim this sentence gave, else the article's first report."""
    for i, r in enumerate(reports):
        if r.evidence == sent.span:
            return i
    return 0 if reports else None
