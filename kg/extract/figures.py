"""Figures: counts stated about what an inspection examined or found.

Shapes handled:
  "graded 30 of the 79 cases it reviewed ... as inadequate"   -> 30 of 79 case, inadequate
  "six out of 10 areas"                                      -> 6 of 10 area
  "three-quarters of the 384 cases"                          -> 288 of 384 case
  "Inspectors referred 10 cases containing “evidence of ...”" -> 10 case
  "Only two of the 43 forces ... received ... “outstanding”"  -> 2 of 43 force, outstanding
Only sentences about an inspection count (an inspectorate, inspectors, a report,
or a grading or reviewing verb); dates, ages and money are not figures.
"""

from __future__ import annotations

import functools
import re

from kg.extract.organizations import main_org
from kg.model import Article, FigureClaim, OrgMention, OrgType, ReportClaim, Sentence, Span
from kg.patterns import any_in, guard_words, lowered, names_inspectorate
from kg.reference import LEXICON_DIR, grades

RE_CONTEXT = re.compile(
    r"\b(?:inspectors?|inspectorate|report|inspection|reviewed|examined|"
    r"looked at|referred|graded|grading|rated|found|sample|audit|received)\b",
    re.I,
)
_NOUN = r"(?P<noun>[a-z][a-z-]+)\b"
# Words one of which every match of RE_CONTEXT, and of the bare count pattern, holds.
CONTEXT_WORDS = (
    "inspect",
    "report",
    "reviewed",
    "examined",
    "looked",
    "referred",
    "graded",
    "grading",
    "rated",
    "found",
    "sample",
    "audit",
    "received",
)
BARE_WORDS = (
    "referred",
    "reviewed",
    "examined",
    "inspected",
    "looked",
    "audited",
    "sampled",
    "found",
)


RE_DIGIT = re.compile(r"\d")


def could_count(text: str) -> tuple[bool, bool]:
    """Whether the part ("30 of the 79 cases") and the bare ("referred 10 cases") count
    patterns can match ``text``: both need a number, in digits or words."""
    low = lowered(text)
    words = _number_words()
    number = RE_DIGIT.search(text) is not None or words is None or any_in(words, low)
    return number and "of" in low, number and any_in(BARE_WORDS, low)


@functools.cache
def _number_words() -> tuple[str, ...] | None:
    return guard_words(list(_numbers()))


@functools.cache
def _numbers() -> dict[str, float]:
    out: dict[str, float] = {}
    for line in (LEXICON_DIR / "numbers.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, value = line.split("\t")
            out[word] = float(value)
    return out


@functools.cache
def count_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = sorted(_numbers(), key=len, reverse=True)
    num = r"(?:\d[\d,]*|" + "|".join(re.escape(w) for w in words) + r")"
    # "30 of the 79 cases", "six out of 10 areas", "three-quarters of the 384 cases"
    part = re.compile(
        r"(?<![\w-])(?P<n>"
        + num
        + r")\s+(?:out\s+)?of\s+(?:the\s+|its\s+|all\s+)?(?P<m>\d[\d,]*|"
        + num
        + r")\s+(?:[a-z-]+\s+){0,2}?"
        + _NOUN,
        re.I,
    )
    # "referred 10 cases", "reviewed 384 case files"
    bare = re.compile(
        r"\b(?:referred|reviewed|examined|inspected|looked at|audited|dip-sampled|sampled|"
        r"found)\s+(?P<n>\d[\d,]*|" + num + r")\s+(?:[a-z-]+\s+){0,2}?" + _NOUN,
        re.I,
    )
    return part, bare


@functools.cache
def whole_count_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Counts that are the whole: "all 43 police forces", "split into three areas ... in
    every one of them"."""
    words = sorted(_numbers(), key=len, reverse=True)
    num = r"(?:\d[\d,]*|" + "|".join(re.escape(w) for w in words if w[0] != "a") + r")"
    all_ = re.compile(r"\ball\s+(?P<n>" + num + r")\s+(?:[a-z-]+\s+){0,2}?" + _NOUN, re.I)
    every = re.compile(
        r"\b(?:into|across|in)\s+(?P<n>"
        + num
        + r")\s+"
        + _NOUN
        + r"[^.]*?\b(?:in|for)\s+(?:every one|each|all) of them\b",
        re.I,
    )
    return all_, every


def _value(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if t.isdigit():
        return float(t)
    return _numbers().get(t)


def _judgement(after: str) -> str | None:
    """The judgement after a count: "... as inadequate", "containing “evidence of ...”"."""
    labels = sorted({lb for c in grades().values() for lb in c.labels}, key=len, reverse=True)
    m = re.search(r"\b(" + "|".join(re.escape(lb) for lb in labels) + r")\b", after, re.I)
    if m:
        return m.group(1).lower()
    q = re.match(r"\s*(?:containing|showing|with)\s+[“\"‘']([^”\"’']{3,60})[”\"’']", after)
    return q.group(1).lower() if q else None


def _grade_before(before: str) -> str | None:
    """ "rated Kent Police good in six out of 10 areas": a grade in the same clause."""
    clause = re.split(r"[.;:]|\bbut\b", before)[-1]
    labels = sorted({lb for c in grades().values() for lb in c.labels}, key=len, reverse=True)
    found = re.findall(r"\b(" + "|".join(re.escape(lb) for lb in labels) + r")\b", clause, re.I)
    return str(found[-1]).lower() if found else None


def extract(
    article: Article, sents: list[Sentence], orgs: list[OrgMention], reports: list[ReportClaim]
) -> list[FigureClaim]:
    if not reports:
        return []
    types = {m.org: m.kind for m in orgs if m.kind is not None}
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    part, bare = count_patterns()
    out: list[FigureClaim] = []
    for sent in sents:
        low = lowered(sent.text)
        if not (
            any_in(CONTEXT_WORDS, low)
            and RE_CONTEXT.search(sent.text)
            or names_inspectorate(sent.text)
        ):
            continue
        taken: list[tuple[int, int]] = []
        # "all 43 forces" holds "all", "in every one of them" holds "them"
        wanted = (*could_count(sent.text), "all" in low, "them" in low)
        for rx, want in zip((part, bare, *whole_count_patterns()), wanted, strict=True):
            if not want:
                continue
            whole = rx in whole_count_patterns()
            for m in rx.finditer(sent.text):
                if any(m.start() < e and s < m.end() for s, e in taken):
                    continue
                n = _value(m.group("n"))
                total = _value(m.group("m")) if "m" in m.groupdict() and m.group("m") else None
                if whole:
                    total = n
                noun = m.group("noun").lower()
                if n is None or noun in {"year", "month", "week", "day", "pound", "hour", "minute"}:
                    continue
                if total is not None and n < 1:  # a fraction of the total
                    n = round(n * total)
                elif total is not None and n == 1.0 and m.group("n").lower() == "all":
                    n = total
                if n != int(n) or (total is not None and total < n):
                    continue
                taken.append((m.start(), m.end()))
                forces = [
                    o.org
                    for o in orgs
                    if sent.span.contains(o.span) and types[o.org] is OrgType.POLICE_FORCE
                ]
                span = Span(sent.span.start + m.start(), sent.span.start + m.end())
                out.append(
                    FigureClaim(
                        forces[0] if forces else force,
                        int(n),
                        int(total) if total else None,
                        _singular(noun),
                        _judgement(sent.text[m.end() :]) or _grade_before(sent.text[: m.start()]),
                        span,
                        sent.span,
                        next((i for i, r in enumerate(reports) if r.evidence == sent.span), 0),
                    )
                )
    return out


def _singular(noun: str) -> str:
    for suffix, repl in (("ies", "y"), ("sses", "ss"), ("ches", "ch"), ("s", "")):
        if noun.endswith(suffix) and len(noun) > 3:
            return noun[: -len(suffix)] + repl
    return noun
