"""Findings: what inspectors found, concluded, highlighted or want improved.

Where findings come from:
  - list items under a lead-in that announces them ("Key findings:", "In
    particular HMICFRS found we had prioritised child protection by:");
  - sentences whose subject is the inspectorate, its inspectors or its report,
    with a finding verb: "inspectors concluded: ...", "HMICFRS found Cumbria
    Constabulary had invested ...", "the report identified ...", "It also
    highlighted that ...", and passives ("Cleveland Police was criticised for ...",
    "weaknesses were highlighted in ...");
  - what an inspector says about the force in a quotation ("the force still
    needs to do more").
The finding's text is the statement after the lead-in. Its polarity comes from
cue words in the ontology's polarity scheme, strongest first: cause of concern,
recommendation, area for improvement, weakness, strength. A grade alone ("is
'good' at ...") is a grade, not a finding; people speaking for the force or
the PCC are not findings.
"""

from __future__ import annotations

import functools
import re

from kg.extract.organizations import main_org
from kg.model import (
    Article,
    FindingClaim,
    OrgMention,
    OrgType,
    QuoteClaim,
    ReportClaim,
    Sentence,
    Span,
    SpeakerKind,
)
from kg.reference import lexicon, polarities

PRIORITY = ("cause-of-concern", "recommendation", "area-for-improvement", "weakness", "strength")
RE_AGENT_CUE = re.compile(
    r"\b(?P<agent>[Ii]nspectors|[Tt]he [Ii]nspectorate|HMICFRS|HMIC|[Tt]he watchdog|"
    r"[Tt]he (?:latest |new |HMIC(?:FRS)? )?report|[Tt]he inspection|[Tt]he assessment|"
    r"[Ii]t|[Tt]hey)"
    r"(?:\s+(?:also|further|still|did))?\s+"
    r"(?P<verb>found|finds|concluded|concludes|highlighted|highlights|noted|notes|identified|"
    r"identifies|raised concerns|raised|praised|criticised|described|judged|recommended|"
    r"wants to see|observed|said|says|warned|added|pointed out)"
    r"(?:\s+that)?[\s:,]*"
)
RE_PASSIVE = re.compile(
    r"\b(?:was|were|has been|have been)\s+(?:criticised|highlighted|praised|identified|found)\b"
)
RE_LEAD_IN = re.compile(
    r"\b(?:key findings|found|concluded|highlighted|identified|findings)\b", re.I
)
RE_BULLET = re.compile(r"^\s*(?:[•*·▪-]+|\d+[.)])\s*")
RE_GRADE_ONLY = re.compile(
    r"^(?:is|was|are|were)?\s*[‘'“\"]?(?:good|outstanding|inadequate|requires "
    r"improvement)[’'”\"]?\s+(?:at|for|in)\b",
    re.I,
)


@functools.cache
def _cues() -> list[tuple[str, re.Pattern[str]]]:
    pols = polarities()
    out = []
    for key in PRIORITY:
        cues = sorted(pols[key].cues, key=len, reverse=True)
        out.append((key, re.compile(r"\b(?:" + "|".join(re.escape(c) for c in cues) + r")", re.I)))
    return out


def polarity(text: str) -> str:
    """The finding's polarity, strongest cue first; a statement with none is a strength."""
    for key, rx in _cues():
        if rx.search(text):
            return key
    return "strength"


def extract(
    article: Article,
    sents: list[Sentence],
    orgs: list[OrgMention],
    reports: list[ReportClaim],
    quotes: list[QuoteClaim],
    inspectors: frozenset[str] = frozenset(),
) -> list[FindingClaim]:
    lex = lexicon()
    types = {m.org: lex.orgs[m.org].type for m in orgs}
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    if force is None or not reports:
        return []
    text = article.text
    people_quotes = [q for q in quotes if q.speaker_kind is SpeakerKind.PERSON]
    inspector_names = inspectors
    out: list[FindingClaim] = []
    used: set[int] = set()

    def add(span: Span, sent: Sentence) -> None:
        body = text[span.start : span.end].strip(" \t“”\"‘’';,.")
        if len(body.split()) < 3 or RE_GRADE_ONLY.match(body):
            return
        start = span.start + (
            len(text[span.start : span.end])
            - len(text[span.start : span.end].lstrip(" \t“”\"‘’';,."))
        )
        if start in used:
            return
        used.add(start)
        subject = _subject(sent, orgs, types) or force
        out.append(
            FindingClaim(
                subject,
                polarity(body),
                body,
                Span(start, start + len(body)),
                sent.span,
                _report_for(sent, reports),
            )
        )

    # 1. list items under a lead-in
    paras = article.body
    for i, para in enumerate(paras):
        line = text[para.start : para.end]
        if not line.rstrip().endswith(":") or not RE_LEAD_IN.search(line):
            continue
        lead = next((s for s in sents if s.span.start >= para.start and s.paragraph == i), None)
        bullets = False
        for j in range(i + 1, len(paras)):
            item = paras[j]
            item_text = text[item.start : item.end]
            bullet = RE_BULLET.match(item_text)
            if bullet:
                bullets = True
            elif bullets or len(item_text.split()) > 40:
                break  # the list has ended
            elif not item_text.rstrip().endswith((";", "; and", "and", ",")):
                break  # an unmarked list runs on list punctuation
            sent = next((s for s in sents if s.paragraph == j), lead)
            if sent is None:
                continue
            add(Span(item.start + (bullet.end() if bullet else 0), item.end), sent)
    # 2. sentences with the inspectorate as the finder
    for sent in sents:
        if any(
            q.span.start <= sent.span.start < q.parts[-1].end
            for q in people_quotes
            if q.speaker not in inspector_names
        ):
            continue
        m = RE_AGENT_CUE.search(sent.text)
        if m and not _person_subject(sent, m.start(), article):
            add(Span(sent.span.start + m.end(), sent.span.end), sent)
            continue
        if RE_PASSIVE.search(sent.text) and _mentions_force(sent, orgs, types):
            add(sent.span, sent)
    # 3. what an inspector says of the force
    for q in people_quotes:
        if q.speaker in inspector_names:
            for part in q.parts:
                for sent in sents:
                    if part.start <= sent.span.start < part.end and re.search(
                        r"\b(?:the force|the constabulary)\b", sent.text, re.I
                    ):
                        add(sent.span, sent)
    out.sort(key=lambda f: f.span)
    return out


def _person_subject(sent: Sentence, at: int, article: Article) -> bool:
    """ "It" and "they" after a person's statement are the person's, not the report's."""
    lead = sent.text[:at]
    return bool(re.search(r"\b(?:said|says|told)\b", lead)) and "report" not in lead.lower()


def _mentions_force(sent: Sentence, orgs: list[OrgMention], types: dict[str, OrgType]) -> bool:
    return any(sent.span.contains(m.span) and types[m.org] is OrgType.POLICE_FORCE for m in orgs)


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
