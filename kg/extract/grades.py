"""Grades: the judgement a report gives a force, per area.

Shapes handled:
  "rated Lincolnshire Police as 'good' for effective policing"
  "It was also rated 'good' for preventing crime ..., for investigating crime ..., and for ..."
  "is ‘good’ at reducing crime and keeping people safe effectively"     (bullet under "judged that")
  "placing both X and Y in the ‘requires improvement’ category"         (areas before the grade)
  "graded “outstanding” – the highest grade – in every one of them"     (the report's own area)
  "rated good across the board", "‘Good’ for Effectiveness, Efficiency and Legitimacy"
  "the force ‘Requires Improvement’" (overall), "requires improvement when it comes to ..."
Grade words come from the ontology's grade scheme, areas from its area scheme.
Only sentences that speak of grading (a grading verb, a quoted grade, or a
report in view) count; "a good record" is not a grade. A grade with no area
named is the report's own pillar (an efficiency inspection) or "overall".
"""

from __future__ import annotations

import functools
import re

from kg.extract.areas import area_keys
from kg.extract.organizations import force_in, main_org
from kg.extract.reports import report_of
from kg.model import (
    Article,
    GradeClaim,
    OrgMention,
    OrgType,
    QuoteClaim,
    ReportClaim,
    Sentence,
    SpeakerKind,
)
from kg.patterns import any_in, fold, guard_words, lowered, names_inspectorate
from kg.reference import grades

RE_GRADING = re.compile(
    r"\b(?:rated|rating|rates|graded|grade|grading|judged|judgements?|assessed|found to|"
    r"found that|judge|category|keeps|kept|retain|remains|holds)\b",
    re.IGNORECASE,
)
# words that end the stretch naming an area
RE_AREA_END = re.compile(
    r"[.;:]|\s[–—-]\s|\bbut\b|\bwhile\b|\bwhich\b|\bdespite\b|,\s+and\s+(?:it|the force|they)\b"
)
PILLARS = ("effectiveness", "efficiency", "legitimacy")
# a speaker reporting the report: "The report says that ... it rates the force 'inadequate'"
RE_REPORT_SAYS = re.compile(r"\b(?:report|inspectors|inspectorate)\b", re.I)
RE_FOR_AREA = re.compile(r"[’'”\"]?\s+(?:at|for|in|when it comes to)\b", re.I)
# a count before the grade: "graded 30 of the 79 cases ... as", "two of the 43 forces ... of"
RE_COUNTED = re.compile(
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:of|out of)\s+"
    r"(?:the\s+)?\d+\b[^.]*$",
    re.I,
)


@functools.cache
def re_grade() -> re.Pattern[str]:
    labels = sorted({lb for c in grades().values() for lb in c.labels}, key=len, reverse=True)
    alts = "|".join(re.escape(lb).replace(r"\ ", r"\s+") for lb in labels)
    return re.compile(r"(?P<q>[‘'“\"]?)(?P<g>(?i:" + alts + r"))(?P=q)?(?![\w-])")


@functools.cache
def _grade_words() -> tuple[str, ...] | None:
    """The first words of the grade labels: every match of ``re_grade`` holds one."""
    return guard_words([lb.split()[0] for c in grades().values() for lb in c.labels])


@functools.cache
def _grade_keys() -> dict[str, str]:
    return {fold(lb): c.key for c in grades().values() for lb in c.labels}


RE_SAME_AREA = re.compile(r"[’'”\"]?\s*in the same area\b")
# a grade word used as a grade: "good at", "rated good"
RE_GRADE_USE_AFTER = re.compile(
    r"\s+(?:at|for|in|overall|across|when|grade|category|rating)\b", re.I
)
RE_GRADE_USE_BEFORE = re.compile(r"\b(?:rated|graded|judged|as|be|being|is|was|remains|were)\s+$")
RE_THIS_RESPECT = re.compile(r"[’'”\"]?\s+in (?:this|that) (?:respect|regard)\b")
RE_CLAUSE_END = re.compile(r"[.;:]|\bbut\b")
RE_EVERY_AREA = re.compile(
    r"across the board|all three areas|in every one of them|each of the three", re.I
)


def extract(
    article: Article,
    sents: list[Sentence],
    orgs: list[OrgMention],
    reports: list[ReportClaim],
    quotes: tuple[QuoteClaim, ...] | list[QuoteClaim] = (),
    inspectors: frozenset[str] = frozenset(),
) -> list[GradeClaim]:
    """Grades in ``article``; grades inside quotations of people other than the
    ``inspectors`` are the speaker's words about the grade, not the report's."""
    types = {m.org: m.kind for m in orgs if m.kind is not None}
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    if force is None or not reports:
        return []
    spoken = [
        p
        for q in quotes
        if q.speaker_kind is SpeakerKind.PERSON and q.speaker not in inspectors
        for p in q.parts
    ]
    out: list[GradeClaim] = []
    for si, sent in enumerate(sents):
        text = sent.text
        words = _grade_words()
        if words is not None and not any_in(words, lowered(text)):
            continue
        matches = list(re_grade().finditer(text))
        if not matches:
            continue
        grading = RE_GRADING.search(text) or _lead_grading(sents, si)
        subject = force_in(sent, orgs, types) or force
        report = report_of(sent, reports)
        for m in matches:
            at = sent.span.start + m.start()
            if any(p.start <= at < p.end for p in spoken) and not (
                RE_REPORT_SAYS.search(text) or names_inspectorate(text)
            ):
                continue  # "we are ‘outstanding’ at ...", said the chief constable
            quoted = bool(m.group("q"))
            nxt = next((x.start() for x in matches if x.start() > m.start()), len(text))
            # "is good at treating the public fairly": a grade for a named area
            for_area = RE_FOR_AREA.match(text, m.end()) and area_keys(text[m.end() : nxt])
            if not (grading or quoted or for_area):
                continue
            if is_noun_use(text, m):
                continue
            key = _grade_keys().get(fold(m.group("g")))
            if key is None:
                continue
            if RE_COUNTED.search(text[: m.start()]):
                continue  # "graded 30 of the 79 cases ... as inadequate": a figure
            rep = reports[report] if report is not None else None
            areas_ = _areas(text[:nxt], m, rep)
            named = [c.area for c in out if c.area != "overall"]
            if RE_SAME_AREA.match(text[m.end() :]) and named:
                areas_ = [named[-1]]  # "found to 'require improvement' in the same area"
            for area in areas_:
                out.append(GradeClaim(subject, area, key, sent.span, report))
    return _dedupe(_drop_restated_overall(out))


def _drop_restated_overall(claims: list[GradeClaim]) -> list[GradeClaim]:
    """ "rated 'good' overall" in a headline restates an area's grade the body gives."""
    pillar = {(c.subject, c.grade, c.report) for c in claims if c.area != "overall"}
    return [
        c for c in claims if not (c.area == "overall" and (c.subject, c.grade, c.report) in pillar)
    ]


def _lead_grading(sents: list[Sentence], i: int) -> bool:
    """A bullet under "Inspectors judged that Cumbria Constabulary:" is graded."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if sents[j].text.rstrip().endswith(":"):
            return bool(RE_GRADING.search(sents[j].text))
        if sents[j].paragraph != sents[i].paragraph - (i - j):
            break
    return False


def is_noun_use(text: str, m: re.Match[str]) -> bool:
    """ "a good record", "good examples", "good work": an adjective, not a grade."""
    if m.group("q") or _grade_keys().get(fold(m.group("g"))) == "requires-improvement":
        return False  # quoted, or a verb: "requires improvement" is always a judgement
    after = text[m.end() : m.end() + 30]
    before = text[max(0, m.start() - 25) : m.start()].lower()
    if RE_GRADE_USE_AFTER.match(after):
        return False
    return not RE_GRADE_USE_BEFORE.search(before)


def _areas(text: str, m: re.Match[str], report: ReportClaim | None) -> list[str]:
    pillar = report.kind_concept if report and report.kind_concept in PILLARS else None
    after = text[m.end() :]
    stop = RE_AREA_END.search(after)
    after = after[: stop.start()] if stop else after
    found = area_keys(after)
    if RE_THIS_RESPECT.match(after):
        found = area_keys(
            text[: m.start()]
        )  # "... demand ... it rates the force 'inadequate' in this respect"
    if not found:
        # "placing both X and Y in the ‘requires improvement’ category"; "X as 'good'"
        clause = RE_CLAUSE_END.split(text[: m.start()])[-1]
        found = area_keys(clause)
    if "overall" in area_keys(text[m.end() : m.end() + 40]) and not area_keys(
        after.replace("overall", "")
    ):
        found = ["overall"]
    if RE_EVERY_AREA.search(text) and not [a for a in found if a not in PILLARS and a != "overall"]:
        return [pillar] if pillar and "every one" in text else list(PILLARS)
    if not found:
        found = ["overall"]
    # an effectiveness inspection's overall grade is its effectiveness grade
    return [pillar if a == "overall" and pillar else a for a in found]


def _dedupe(claims: list[GradeClaim]) -> list[GradeClaim]:
    seen: set[tuple[str, str, str, int | None]] = set()
    out = []
    for c in claims:
        k = (c.subject, c.area, c.grade, c.report)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out
