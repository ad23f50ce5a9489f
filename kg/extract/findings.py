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

from kg.extract.organizations import force_in, main_org
from kg.extract.reports import report_of
from kg.model import (
    Article,
    FindingClaim,
    OrgMention,
    OrgType,
    PersonMention,
    QuoteClaim,
    ReportClaim,
    Sentence,
    Span,
    SpeakerKind,
)
from kg.patterns import any_in, guard_words, inspectorate_names, lowered, names_inspectorate
from kg.reference import polarities

PRIORITY = ("cause-of-concern", "recommendation", "area-for-improvement", "weakness", "strength")
_AGENT_CUE = (
    r"\b(?P<agent>[Ii]nspectors|[Tt]he [Ii]nspectorate|{insp}|[Tt]he watchdog|"
    r"(?:[Tt]he|[Tt]hat|[Tt]his|[Ii]ts) (?:latest |new |(?:{insp}) |damning )?reports?|"
    r"(?:[Tt]he|[Ii]ts|(?:{insp})['’]s) (?:latest )?(?:inspection|assessment)(?: of [^.]{0,60}?)?|"
    r"(?<=report)[^.]{0,60}?\bwhich|"
    r"[Aa]n inspection|[Ii]t|[Tt]hey)"
    r"(?:,[^,.;]{1,60},)?(?:\s+(?:also|further|still|did|have|has|had))?\s+"
    r"(?P<verb>found|finds|concluded|concludes|highlighted|highlights|noted|notes|identified|"
    r"identifies|raised concerns|raised|praised|criticised|described|judged|recommended|"
    r"wants to see|observed|said|says|say|warned|added|pointed out|notes|graded)"
    r"(?:\s+that)?[\s:,]*"
)


# Words one of which every match of the agent cue holds: its verbs (case as written).
AGENT_VERB_WORDS = (
    "found",
    "finds",
    "conclude",
    "highlight",
    "note",
    "identif",
    "raised",
    "praised",
    "criticised",
    "described",
    "judged",
    "recommended",
    "wants",
    "observed",
    "said",
    "say",
    "warned",
    "added",
    "pointed",
    "graded",
)


@functools.cache
def re_agent_cue() -> re.Pattern[str]:
    """The inspectorate, its inspectors or its report, then a finding verb; the
    inspectorate's names come from the ontology."""
    return re.compile(_AGENT_CUE.replace("{insp}", inspectorate_names()))


RE_PASSIVE = re.compile(
    r"\b(?:was|were|has been|have been|is being|are being)(?:\s+not)?\s+"
    r"(?:criticised|highlighted|praised|"
    r"identified|found|accused|discovered|failed)\b|\b(?:identified|highlighted)\s+in\s+the\b"
)
# Words one of which every match of RE_PASSIVE holds (case as written).
PASSIVE_WORDS = (
    "criticised",
    "highlighted",
    "praised",
    "identified",
    "found",
    "accused",
    "discovered",
    "failed",
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


@functools.cache
def _cue_table() -> list[tuple[str, re.Pattern[str] | None, tuple[str, ...] | None]]:
    """Per polarity, in PRIORITY order: its strong cues as one regex (None if it has
    none), and the cue words one of which any match of its cues holds."""
    pols = polarities()
    out = []
    for key in PRIORITY:
        strong = pols[key].strong_cues
        rx = (
            re.compile(r"\b(?:" + "|".join(map(re.escape, strong)) + r")", re.I) if strong else None
        )
        out.append((key, rx, guard_words(pols[key].cues)))
    return out


def polarity(text: str) -> str:
    """The finding's polarity; a statement with no cue is a strength."""
    return _cue_polarity(text) or "strength"


def extract(
    article: Article,
    sents: list[Sentence],
    orgs: list[OrgMention],
    reports: list[ReportClaim],
    quotes: list[QuoteClaim],
    inspectors: frozenset[str] = frozenset(),
    people: list[PersonMention] | None = None,
) -> list[FindingClaim]:
    types = {m.org: m.kind for m in orgs if m.kind is not None}
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    if force is None or not reports:
        return []
    text = article.text
    people_quotes = [q for q in quotes if q.speaker_kind is SpeakerKind.PERSON]
    if people is None:
        from kg.extract import people as people_extractor

        people = people_extractor.extract(article, sents)
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
        subject = force_in(sent, orgs, types) or force
        out.append(
            FindingClaim(
                subject,
                polarity(body),
                body,
                Span(start, start + len(body)),
                sent.span,
                report_of(sent, reports),
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
    # 2. sentences in a finding context, clause by clause
    voiced = [  # what the report, the inspectorate or an inspector says
        p
        for q in quotes
        if q.speaker_kind is not SpeakerKind.PERSON or q.speaker in inspector_names
        for p in q.parts
    ]
    others = [  # what other people say
        p for q in people_quotes if q.speaker not in inspector_names for p in q.parts
    ]
    previous = False
    for k, sent in enumerate(sents):
        at = sent.span.start
        inside_voiced = any(p.start - 1 <= at < p.end for p in voiced) or any(
            sent.span.start <= p.start < sent.span.end and len(p) > 0.6 * len(sent.span)
            for p in voiced
        )
        inside_other = any(p.start - 1 <= at < p.end for p in others)
        low = lowered(sent.text)
        cue = (
            any_in(AGENT_VERB_WORDS, sent.text)
            and re_agent_cue().search(sent.text)
            or any_in(TRAILING_AGENT_WORDS, low)
            and RE_TRAILING_AGENT.search(sent.text)
        )
        passive = (
            any_in(PASSIVE_WORDS, sent.text)
            and RE_PASSIVE.search(sent.text)
            and _mentions_force(sent, orgs, types)
        )
        speaking = _person_speaks(sent, people)
        if inside_other and not (
            cue and (RE_REPORT_WORD.search(sent.text) or names_inspectorate(sent.text))
        ):
            previous = False
            continue
        if speaking and not inside_voiced:
            previous = False
            continue
        if sent.text.rstrip().endswith(":") or RE_FORCE_STATEMENT.match(sent.text):
            previous = False
            continue  # a lead-in to a list, or the force speaking for itself
        if _states_count(sent.text):
            continue  # "Inspectors referred 10 cases ...": a figure
        context = inside_voiced or bool(cue) or bool(passive)
        follows = previous and k > 0 and sent.paragraph - sents[k - 1].paragraph <= 1
        if not context and not (follows and _about_force(sent.text)):
            previous = False
            continue
        found_any = False
        start = sent.span.start
        if cue and re_agent_cue().search(sent.text):
            m = re_agent_cue().search(sent.text)
            assert m is not None
            if not RE_SAID.search(m.group("verb")) or len(sent.text) - m.end() > 20:
                start = sent.span.start + m.end()
        for clause in _clauses(text, Span(start, sent.span.end)):
            body = text[clause.start : clause.end]
            if _cue_polarity(body) is None or _grade_only(body):
                continue
            add(clause, sent)
            found_any = True
        previous = found_any or context
    out.sort(key=lambda f: f.span)
    return out


RE_REPORT_WORD = re.compile(r"\b(?:report|inspectors?|inspectorate)\b", re.I)
# ", says a new report", "according to a damning report", ", an inspection found",
# ", investigators have found"
RE_TRAILING_AGENT = re.compile(
    r"(?:,\s*|\s)(?:says|said|finds|found)\s+(?:a|the)\s+(?:\w+\s+){0,2}(?:report|inspection)\b|"
    r"\baccording to\s+(?:a|an|the|its)\s+(?:\w+\s+){0,3}(?:report|inspection|inspectorate)\b|"
    r",\s*(?:an?|the)\s+(?:\w+\s+)?(?:inspection|report|review)\s+(?:has\s+)?found\b|"
    r",\s*(?:investigators|inspectors)\s+(?:have\s+)?(?:found|said)\b",
    re.I,
)
TRAILING_AGENT_WORDS = ("report", "inspection", "according", "found", "inspectors", "investigators")
# "While some improvements have been made, the constabulary needs to ...": a finding of
# each polarity on either side of "but", "while", "although", ";"
RE_CLAUSE_BREAK = re.compile(
    r";\s+(?:while\s+)?|,?\s+but\s+(?:that\s+)?|,\s+while\s+|,\s+although\s+|"
    r",\s+and\s+(?=(?:that\s+)?(?:it|the force)\s+(?:has|is|was|had)\b)"
)
# "While some improvements have been made, the constabulary needs to ...": cut at the comma
RE_LEAD_CLAUSE = re.compile(r"^\s*(?:While|Although|Though|Whilst)\s+[^,]{8,}(?P<cut>,\s+)")
# "The report says that although the force understands X well, it did not ..."
RE_INNER_CLAUSE = re.compile(r"\b(?P<cut>(?:that\s+)?(?:although|though|whilst)\s+)[^,]{8,},\s+")
RE_FORCE_WORDS = re.compile(
    r"\b(?:force|forces|constabulary|officers|staff|police|teams?|workforce|leaders|its|it)\b", re.I
)


RE_SAID = re.compile(r"\b(?:said|says)\b")
RE_GRADED = re.compile(r"\b(?:rated|graded|judged|grade|grading|found to|was found)\b")
RE_GRADE_WORDS = re.compile(
    r"\b(?:rated|graded|judged|found to be|overall|category|grade|effective\w*|"
    r"efficien\w*|legitima\w*)\b",
    re.I,
)
RE_SPEAKS = re.compile(
    r"\b(?:said|says|told|added|claimed|claiming|welcomed|hit back|accused|attacked)\b"
)


def _clauses(text: str, span: Span) -> list[Span]:
    """The sentence's clauses, split where the polarity turns ("but", "although",
    "while", ";", ", and it"); neighbours of one polarity stay one finding."""
    chunk = text[span.start : span.end]
    cuts: list[tuple[int, int]] = []
    for rx in (RE_LEAD_CLAUSE, RE_INNER_CLAUSE):
        for m in rx.finditer(chunk):
            cuts.append((m.start("cut"), m.end("cut")))
    cuts += [(m.start(), m.end()) for m in RE_CLAUSE_BREAK.finditer(chunk)]
    pieces: list[Span] = []
    pos = 0
    for a, b in sorted(set(cuts)):
        if a < pos:
            continue
        if len(chunk[pos:a].split()) >= 3 and len(chunk[b:].split()) >= 3:
            pieces.append(Span(span.start + pos, span.start + a))
            pos = b
    pieces.append(Span(span.start + pos, span.end))
    merged: list[Span] = []
    for piece in pieces:
        pol = _cue_polarity(text[piece.start : piece.end])
        if merged and pol in (None, _cue_polarity(text[merged[-1].start : merged[-1].end])):
            merged[-1] = Span(merged[-1].start, piece.end)
        else:
            merged.append(piece)
    return merged


def _cue_polarity(text: str) -> str | None:
    """Strong cues decide ("praised"); then cause of concern, recommendation and area for
    improvement in that order; then weakness or strength, whichever has more cues."""
    low = lowered(text)
    table = _cue_table()
    # strong cues are cues too: text with no cue of a polarity has no strong one
    for key, strong, words in table:
        if strong is not None and (words is None or any_in(words, low)) and strong.search(text):
            return key
    counts = {
        key: len(rx.findall(text)) if words is None or any_in(words, low) else 0
        for (key, rx), (_, _, words) in zip(_cues(), table, strict=True)
    }
    for key in ("cause-of-concern", "recommendation", "area-for-improvement"):
        if counts[key]:
            return key
    if counts["weakness"] or counts["strength"]:
        return "weakness" if counts["weakness"] >= counts["strength"] else "strength"
    return None


@functools.cache
def _area_label_patterns() -> list[tuple[str | None, re.Pattern[str]]]:
    """Every area label, in scheme order, as a case-insensitive pattern, with the label
    lowercased for a quick test first (None if it is not ASCII, see patterns.lowered)."""
    from kg.reference import areas

    return [
        (label.lower() if label.isascii() else None, re.compile(re.escape(label), re.I))
        for concept in areas().values()
        for label in concept.labels
    ]


def _grade_only(text: str) -> bool:
    """ "It was also rated 'good' for preventing crime ...": a grade, nothing more.

    A grade word used as an adjective ("outstanding arrangements") is no grade; a
    grade with more said beside it is a finding too."""
    from kg.extract.areas import area_keys
    from kg.extract.grades import is_noun_use, re_grade

    grade_words = [m for m in re_grade().finditer(text) if not is_noun_use(text, m)]
    if not grade_words:
        return False
    if not area_keys(text) and not RE_GRADED.search(text):
        return False  # "The force's response to children ... requires improvement"
    rest = re_grade().sub(" ", text)
    low = lowered(rest)
    for word, rx in _area_label_patterns():
        if word is not None and word not in low:
            continue  # the label is not there to take out
        cut = rx.sub(" ", rest)
        if cut != rest:
            rest, low = cut, lowered(cut)
    rest = RE_GRADE_WORDS.sub(" ", rest)
    return _cue_polarity(rest) is None


# "The force has apologised and said ...", "The force said it was ..."
RE_FORCE_STATEMENT = re.compile(
    r"^\s*(?:The force|The constabulary|It)\s+(?:has\s+)?"
    r"(?:said|says|apologised|welcomed|responded)\b"
)


def _states_count(text: str) -> bool:
    from kg.extract.figures import could_count, count_patterns

    part, bare = could_count(text)
    return any(
        rx.search(text) for rx, want in zip(count_patterns(), (part, bare), strict=True) if want
    )


def _about_force(text: str) -> bool:
    return bool(RE_FORCE_WORDS.search(text))


def _person_speaks(sent: Sentence, people: list[PersonMention]) -> bool:
    """ "Deputy Ch Con Sunita Gamblin said the force was ...": a person's statement."""
    named = [p for p in people if sent.span.contains(p.span)]
    return bool(named) and bool(RE_SPEAKS.search(sent.text))


def _personforce_in(sent: Sentence, at: int, article: Article) -> bool:
    """ "It" and "they" after a person's statement are the person's, not the report's."""
    lead = sent.text[:at]
    return bool(re.search(r"\b(?:said|says|told)\b", lead)) and "report" not in lead.lower()


def _mentions_force(sent: Sentence, orgs: list[OrgMention], types: dict[str, OrgType]) -> bool:
    from kg.patterns import re_place

    return any(
        sent.span.contains(m.span) and types[m.org] is OrgType.POLICE_FORCE for m in orgs
    ) or bool(re_place().search(sent.text))
