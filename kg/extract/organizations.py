"""Forces, inspectorates and other bodies, by name, alias and context.

Names and aliases come from the ontology. Context phrases ("the force", "the
watchdog") refer back to the nearest organization of their type named before
them, else to the article's main one. Context-only labels ("HMI", "police
watchdog") count only when the article also names that body outright, since
"HMI" can mean an inspector and "police watchdog" the IOPC. A name inside a
role title ("Cumbria police and crime commissioner") is left to the roles
extractor.
"""

from __future__ import annotations

from collections import Counter

from kg.model import Article, OrgMention, OrgType, Sentence, Span
from kg.patterns import (
    any_in,
    context_labels,
    coreference_words,
    fold,
    lowered,
    org_context_words,
    org_labels,
    re_coreference,
    re_org,
    re_org_context,
    role_spans,
)
from kg.reference import lexicon


def extract(article: Article, sents: list[Sentence]) -> list[OrgMention]:
    lex = lexicon()
    labels, ctx_labels = org_labels(), context_labels()
    named: list[OrgMention] = []
    pending: list[OrgMention] = []
    roles = [span for s in sents for span in role_spans(article.text, s.span.start, s.span.end)]

    def inside_role(a: int, b: int) -> bool:
        return any(a < e and s < b for s, e in roles)

    ctx_words, coref_words = org_context_words(), coreference_words()
    for sent in sents:
        for m in re_org().finditer(article.text, sent.span.start, sent.span.end):
            key = labels.get(fold(m.group()))
            if key and not inside_role(m.start(), m.end()):
                named.append(OrgMention(key, Span(m.start(), m.end()), sent.span, m.group()))
        if ctx_words is not None and not any_in(ctx_words, lowered(sent.text)):
            continue
        for m in re_org_context().finditer(article.text, sent.span.start, sent.span.end):
            key = ctx_labels.get(fold(m.group()))
            if key and not inside_role(m.start(), m.end()):
                pending.append(
                    OrgMention(key, Span(m.start(), m.end()), sent.span, m.group(), True)
                )
    keys = {m.org for m in named}
    mentions = named + [m for m in pending if m.org in keys]

    types = {key: lex.orgs[key].type for key in keys}
    for sent in sents:
        if coref_words is not None and not any_in(coref_words, lowered(sent.text)):
            continue
        for m in re_coreference().finditer(article.text, sent.span.start, sent.span.end):
            want = lex.coreference.get(fold(m.group()))
            if want is None:
                continue
            key = _antecedent(mentions, types, want, m.start())
            if key and not inside_role(m.start(), m.end()):
                mentions.append(
                    OrgMention(key, Span(m.start(), m.end()), sent.span, m.group(), True)
                )
    mentions.sort(key=lambda x: (x.span, x.org))
    return mentions


def _antecedent(
    mentions: list[OrgMention], types: dict[str, OrgType], want: OrgType, pos: int
) -> str | None:
    before = [
        m for m in mentions if m.span.end <= pos and types.get(m.org) is want and not m.by_context
    ]
    if before:
        return before[-1].org
    return main_org(mentions, types, want)


def main_org(mentions: list[OrgMention], types: dict[str, OrgType], want: OrgType) -> str | None:
    """The organization of a type the article is most about: most named, then first named."""
    named = [m for m in mentions if types.get(m.org) is want and not m.by_context]
    if not named:
        return None
    counts = Counter(m.org for m in named)
    first = {m.org: i for i, m in reversed(list(enumerate(named)))}
    return min(counts, key=lambda k: (-counts[k], first[k]))


def force_in(sent: Sentence, orgs: list[OrgMention], types: dict[str, OrgType]) -> str | None:
    """The first police force the sentence mentions."""
    forces = [
        m.org for m in orgs if sent.span.contains(m.span) and types[m.org] is OrgType.POLICE_FORCE
    ]
    return forces[0] if forces else None
