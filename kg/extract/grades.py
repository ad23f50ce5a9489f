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

from kg.extract.organizations import main_org
from kg.model import Article, GradeClaim, OrgMention, OrgType, ReportClaim, Sentence
from kg.patterns import fold
from kg.reference import areas, grades, lexicon

RE_GRADING = re.compile(
    r"\b(?:rated|rating|rates|graded|grade|grading|judged|judgements?|assessed|found to|"
    r"found that|judge|category|keeps|kept|retain|remains|holds)\b",
    re.IGNORECASE,
)
# words that end the stretch naming an area
RE_AREA_END = re.compile(r"[.;:]|\s[–—-]\s|\bbut\b|\bwhile\b|\bwhich\b|\bdespite\b")
PILLARS = ("effectiveness", "efficiency", "legitimacy")


@functools.cache
def _re_grade() -> re.Pattern[str]:
    labels = sorted({lb for c in grades().values() for lb in c.labels}, key=len, reverse=True)
    alts = "|".join(re.escape(lb).replace(r"\ ", r"\s+") for lb in labels)
    return re.compile(r"(?P<q>[‘'“\"]?)(?P<g>(?i:" + alts + r"))(?P=q)?(?![\w-])")


@functools.cache
def _grade_keys() -> dict[str, str]:
    return {fold(lb): c.key for c in grades().values() for lb in c.labels}


@functools.cache
def _area_labels() -> list[tuple[str, str]]:
    pairs = [(fold(lb), c.key) for c in areas().values() for lb in c.labels]
    return sorted(pairs, key=lambda p: -len(p[0]))


def area_keys(phrase: str) -> list[str]:
    """Every area a phrase names, in order, each once; longest labels first."""
    text = fold(phrase)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for label, key in _area_labels():
        for m in re.finditer(r"(?<![\w-])" + re.escape(label) + r"(?![\w-])", text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), key))
    out: list[str] = []
    for _, key in sorted(found):
        if key not in out:
            out.append(key)
    if "overall" in out and len(out) > 1:
        out.remove("overall")
    return out


def extract(
    article: Article, sents: list[Sentence], orgs: list[OrgMention], reports: list[ReportClaim]
) -> list[GradeClaim]:
    lex = lexicon()
    types = {m.org: lex.orgs[m.org].type for m in orgs}
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    if force is None or not reports:
        return []
    out: list[GradeClaim] = []
    for si, sent in enumerate(sents):
        text = sent.text
        matches = list(_re_grade().finditer(text))
        if not matches:
            continue
        grading = RE_GRADING.search(text) or _lead_grading(sents, si)
        subject = _subject(sent, orgs, types) or force
        report = _report_for(sent, reports)
        for m in matches:
            quoted = bool(m.group("q"))
            if not (grading or quoted):
                continue
            if _is_noun_use(text, m):
                continue
            key = _grade_keys().get(fold(m.group("g")))
            if key is None:
                continue
            if re.search(r"\b\d+\s+(?:of|out of)\s+(?:the\s+)?\d+\b[^.]*$", text[: m.start()]):
                continue  # "graded 30 of the 79 cases ... as inadequate": a figure
            nxt = next((x.start() for x in matches if x.start() > m.start()), len(text))
            for area in _areas(text[:nxt], m, reports[report] if report is not None else None):
                out.append(GradeClaim(subject, area, key, sent.span, report))
    return _dedupe(out)


def _lead_grading(sents: list[Sentence], i: int) -> bool:
    """A bullet under "Inspectors judged that Cumbria Constabulary:" is graded."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if sents[j].text.rstrip().endswith(":"):
            return bool(RE_GRADING.search(sents[j].text))
        if sents[j].paragraph != sents[i].paragraph - (i - j):
            break
    return False


def _is_noun_use(text: str, m: re.Match[str]) -> bool:
    """ "a good record", "good examples", "good work": an adjective, not a grade."""
    if m.group("q"):
        return False
    after = text[m.end() : m.end() + 30]
    before = text[max(0, m.start() - 25) : m.start()].lower()
    if re.match(r"\s+(?:at|for|in|overall|across|when|grade|category|rating)\b", after, re.I):
        return False
    return not re.search(r"\b(?:rated|graded|judged|as|be|being|is|was|remains|were)\s+$", before)


def _subject(sent: Sentence, orgs: list[OrgMention], types: dict[str, OrgType]) -> str | None:
    forces = [
        m.org for m in orgs if sent.span.contains(m.span) and types[m.org] is OrgType.POLICE_FORCE
    ]
    return forces[0] if forces else None


def _report_for(sent: Sentence, reports: list[ReportClaim]) -> int | None:
    for i, r in enumerate(reports):
        if r.evidence == sent.span:
            return i
    return 0 if reports else None


def _areas(text: str, m: re.Match[str], report: ReportClaim | None) -> list[str]:
    after = text[m.end() :]
    stop = RE_AREA_END.search(after)
    after = after[: stop.start()] if stop else after
    found = area_keys(after)
    if not found:
        # "placing both X and Y in the ‘requires improvement’ category"; "X as 'good'"
        before = text[: m.start()]
        clause = re.split(r"[.;:]|\bbut\b", before)[-1]
        found = area_keys(clause)
    if "overall" in area_keys(text[m.end() : m.end() + 40]) and not area_keys(
        after.replace("overall", "")
    ):
        found = ["overall"]
    if re.search(
        r"across the board|all three areas|in every one of them|each of the three", text, re.I
    ) and not [a for a in found if a not in PILLARS and a != "overall"]:
        pillar = report.kind_concept if report and report.kind_concept in PILLARS else None
        return [pillar] if pillar and "every one" in text else list(PILLARS)
    if not found:
        pillar = report.kind_concept if report and report.kind_concept in PILLARS else None
        found = [pillar] if pillar else ["overall"]
    return found


def _dedupe(claims: list[GradeClaim]) -> list[GradeClaim]:
    seen: set[tuple[str, str, str, int | None]] = set()
    out = []
    for c in claims:
        k = (c.subject, c.area, c.grade, c.report)
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out
