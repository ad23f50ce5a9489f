"""Quotations and who said them.

Quote marks: “ ” and straight double quotes always; ‘ ’ and straight single
quotes only around five words or more, since news uses them for scare quotes
(‘good’, ‘requires improvement’). An apostrophe inside a word (don’t) is never a
mark. A quote left open at the end of a paragraph continues into the next
paragraph that opens with a mark; a new opening mark inside an open quote closes
it there (writers drop closing marks: `deserve. “In a significant ...`).

Attribution, in order:
  1. the clause before the quote in its sentence: the first person named there
     is the speaker ("Deputy Ch Con Sunita Gamblin said the force was taking the
     findings “extremely seriously”", "He said: “..."); with no person, the first
     organization, report ("the report said") or plural pronoun ("they") makes it
     a statement of a body, never of a person;
  2. the clause after it: `“...,” he said.`, `“...,” said the Inspectorate.`;
  3. "the words of NAME" in the next sentence;
  4. a quote-only paragraph continues the previous quote of the same speaker,
     or takes the speaker of a lead-in paragraph ending with a colon
     ("Statement from Dr Alan Billings ...:").
Pronouns he/she refer to the last person named before them. A quote whose
speaker cannot be found is dropped: an extractor returns nothing rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.text import sentence_at
from kg.model import Article, OrgMention, PersonMention, QuoteClaim, Sentence, Span, SpeakerKind

OPEN_DOUBLE, CLOSE_DOUBLE = "“", "”"
OPEN_SINGLE, CLOSE_SINGLE = "‘", "’"
MIN_SINGLE_WORDS = 5
RE_REPORT_REF = re.compile(
    r"\b(?:[Tt]he|[Tt]his|[Ii]ts|[Tt]heir)\s+(?:\w+\s+){0,3}?(?:report|review|"
    r"inspection|assessment|findings)\b|\b(?:It|it)\b"
)
RE_PLURAL = re.compile(r"\b(?:[Tt]hey|[Ii]nspectors|[Tt]he inspectors)\b")
RE_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
RE_WORDS_OF = re.compile(r"\b(?:words of|according to)\s+")
# a character that may open a quotation
RE_MARK = re.compile("[“\"‘']")
# what ends a double quotation: its closing mark, or a new opening one
RE_DOUBLE_END = re.compile('[”"“]')
# what ends a single quotation: a closing mark not followed by a letter or digit
RE_SINGLE_END = re.compile("[’'](?![^\\W_])")


@dataclass
class _Segment:
    start: int  # first character inside the marks
    end: int
    paragraph: int
    opens_paragraph: bool
    closed: bool
    parts: list[Span] = field(default_factory=list)


def segments(article: Article) -> list[_Segment]:
    """Quoted stretches of the body, one per paragraph piece, in order."""
    text = article.text
    out: list[_Segment] = []
    for index, para in enumerate(article.body):
        i, end = para.start, para.end
        while i < end:
            mark = RE_MARK.search(text, i, end)
            if mark is None:
                break
            i = mark.start()
            c = text[i]
            is_open = c in (OPEN_DOUBLE, '"') or (i == para.start or not text[i - 1].isalnum())
            if not is_open:
                i += 1
                continue
            double = c in (OPEN_DOUBLE, '"')
            # a double quote ends at its closing mark, or where a new one opens (the old
            # one was never closed); a single one at a closing mark not inside a word
            found = (RE_DOUBLE_END if double else RE_SINGLE_END).search(text, i + 1, end)
            j = found.start() if found else end
            close = None if found is None or text[j] == OPEN_DOUBLE else j
            stop = close if close is not None else j
            body = text[i + 1 : stop]
            lead_ws = len(body) - len(body.lstrip())
            seg_start, seg_end = i + 1 + lead_ws, i + 1 + len(body.rstrip())
            words = len(body.split())
            opens = not text[para.start : i].strip()
            if seg_end > seg_start and (double or words >= MIN_SINGLE_WORDS):
                out.append(_Segment(seg_start, seg_end, index, opens, close is not None))
            elif not double and close is None:
                i += 1
                continue
            i = (close + 1) if close is not None else stop
            if close is None and not double:
                i = stop
    return out


def extract(
    article: Article, sents: list[Sentence], people: list[PersonMention], orgs: list[OrgMention]
) -> list[QuoteClaim]:
    text = article.text
    segs = segments(article)
    claims: list[QuoteClaim] = []
    prev: QuoteClaim | None = None
    prev_seg: _Segment | None = None
    for seg in segs:
        sent = sentence_at(sents, seg.start)
        if sent is None:
            continue
        # continuation: "“X,” he said. “Y" or a quote-only paragraph after an open one
        if prev is not None and prev_seg is not None and _continues(text, article, prev_seg, seg):
            prev = _extend(prev, seg, text, sent)
            claims[-1] = prev
            prev_seg = seg
            continue
        speaker = _attribute(article, sents, sent, seg, people, orgs)
        if speaker is None:
            prev, prev_seg = None, None
            continue
        kind, who = speaker
        claim = QuoteClaim(
            text[seg.start : seg.end],
            Span(seg.start, seg.end),
            sent.span,
            kind,
            who,
            (Span(seg.start, seg.end),),
        )
        claims.append(claim)
        prev, prev_seg = claim, seg
    return claims


def _continues(text: str, article: Article, prev: _Segment, seg: _Segment) -> bool:
    if seg.paragraph == prev.paragraph:
        # “...,” he said. “More words  — the same speaker goes on; a fragment
        # quote inside a sentence ("some “innovative work”") goes on with nothing
        if not _starts_sentence(text, article, prev):
            return False
        between = text[prev.end : seg.start]
        return (
            bool(
                re.fullmatch(
                    r"[\s.,;:!?”\"’]*(?:(?:he|she|they|[A-Z][\w'’ .-]{0,60}?)\s+"
                    r"(?:said|says|added|adds|continued|went on)\.?)?[\s.,;:]*[“\"‘]?",
                    between,
                )
            )
            and seg.opens_paragraph is False
        )
    if seg.paragraph == prev.paragraph + 1 and seg.opens_paragraph:
        return not prev.closed or _ends_paragraph(text, article, prev)
    return False


def _starts_sentence(text: str, article: Article, seg: _Segment) -> bool:
    para = article.body[seg.paragraph]
    before = text[para.start : seg.start - 1].rstrip()
    return not before or before.endswith((".", "!", "?", ":", "”", '"'))


def _ends_paragraph(text: str, article: Article, seg: _Segment) -> bool:
    para = article.body[seg.paragraph]
    return not text[seg.end : para.end].strip(' ”"’.')


def _extend(claim: QuoteClaim, seg: _Segment, text: str, sent: Sentence) -> QuoteClaim:
    parts = (*claim.parts, Span(seg.start, seg.end))
    body = " ".join(text[p.start : p.end] for p in parts)
    ev = Span(min(claim.evidence.start, sent.span.start), max(claim.evidence.end, sent.span.end))
    return QuoteClaim(body, claim.span, ev, claim.speaker_kind, claim.speaker, parts)


def _attribute(
    article: Article,
    sents: list[Sentence],
    sent: Sentence,
    seg: _Segment,
    people: list[PersonMention],
    orgs: list[OrgMention],
) -> tuple[SpeakerKind, str] | None:
    text = article.text
    open_at = seg.start - 1
    pre = Span(sent.span.start, max(sent.span.start, open_at))
    post = Span(min(seg.end + 1, sent.span.end), sent.span.end)
    # 1. the clause before the quote
    found = _speaker_in(text, pre, people, orgs, first=True)
    if found:
        return found
    # 2. the clause after it, up to the end of the sentence
    if post.end > post.start:
        found = _speaker_in(text, post, people, orgs, first=True)
        if found:
            return found
    # 3. "Those are not my words ... but the words of Roy Wilsher"
    nxt = next((s for s in sents if s.span.start >= sent.span.end), None)
    if nxt is not None and nxt.paragraph == sent.paragraph:
        m = RE_WORDS_OF.search(nxt.text)
        if m:
            at = nxt.span.start + m.end()
            person = next((p for p in people if p.span.start == at), None)
            if person:
                return SpeakerKind.PERSON, person.name
    # 4. a lead-in paragraph ending with a colon
    if seg.opens_paragraph and seg.paragraph > 0:
        lead = article.body[seg.paragraph - 1]
        if text[lead.start : lead.end].rstrip().endswith(":"):
            return _speaker_in(text, lead, people, orgs, first=True)
    return None


def _speaker_in(
    text: str, span: Span, people: list[PersonMention], orgs: list[OrgMention], first: bool
) -> tuple[SpeakerKind, str] | None:
    chunk = text[span.start : span.end]
    if not chunk.strip():
        return None
    candidates: list[tuple[int, SpeakerKind, str]] = []
    for p in people:
        if span.start <= p.span.start < span.end:
            candidates.append((p.span.start, SpeakerKind.PERSON, p.name))
    for m in RE_PRONOUN.finditer(chunk):
        at = span.start + m.start()
        before = [p for p in people if p.span.end <= at]
        if before:
            candidates.append((at, SpeakerKind.PERSON, before[-1].name))
    persons = sorted(candidates)
    if persons:
        return persons[0][1], persons[0][2]
    bodies: list[tuple[int, SpeakerKind, str]] = []
    for o in orgs:
        if span.start <= o.span.start < span.end:
            bodies.append((o.span.start, SpeakerKind.ORGANIZATION, o.org))
    for m in RE_REPORT_REF.finditer(chunk):
        bodies.append((span.start + m.start(), SpeakerKind.REPORT, "report"))
    for m in RE_PLURAL.finditer(chunk):
        bodies.append((span.start + m.start(), SpeakerKind.ORGANIZATION, "inspectors"))
    if bodies:
        bodies.sort()
        return bodies[0][1], bodies[0][2]
    return None
