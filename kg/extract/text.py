"""Paragraphs and sentences of an article's body, with offsets."""

from __future__ import annotations

from kg.model import Article, Sentence, Span
from kg.patterns import RE_SENTENCE_END, abbreviations


def sentences(article: Article) -> list[Sentence]:
    """Sentences of every body paragraph, in order; never across paragraphs."""
    out: list[Sentence] = []
    text = article.text
    for index, para in enumerate(article.body):
        start = para.start
        chunk = text[para.start : para.end]
        for m in RE_SENTENCE_END.finditer(chunk):
            before = chunk[: m.start()].rstrip("\"”’')]").rstrip(".!?")
            last = before.rsplit(None, 1)[-1] if before.split() else ""
            if last in abbreviations() or (len(last) == 1 and last.isupper()):
                continue
            end = para.start + m.start()
            if end > start:
                out.append(_sentence(text, start, end, index))
            start = para.start + m.end()
        if para.end > start:
            out.append(_sentence(text, start, para.end, index))
    return out


def _sentence(text: str, start: int, end: int, paragraph: int) -> Sentence:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Sentence(Span(start, end), text[start:end], paragraph)


def sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    """The sentence holding offset ``pos``."""
    lo, hi = 0, len(sents)
    while lo < hi:
        mid = (lo + hi) // 2
        if sents[mid].span.end <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sents) and sents[lo].span.start <= pos < max(sents[lo].span.end, pos + 1):
        return sents[lo]
    return None
