"""Forces, inspectorates and other bodies, by name, alias and context.

Names and aliases come from the ontology. Context phrases ("the force", "the
watchdog") refer back to the nearest organization of their type named before
them, else to the article's main one. Context-only labels ("HMI", "police
watchdog") count only when the article also names that body outright, since
"HMI" can mean an inspector and "police watchdog" the IOPC. A name inside a
role title ("Cumbria police and crime commissioner") is left to the roles
extractor.

Bodies the reference data does not list are found by the shape of their names
(``kg.patterns.named_org_spans``): a capitalised name built on a head noun
("Scottish Police Authority", "Howard League for Penal Reform", "Kent Police
Federation"), a prison's name ("HMP Liverpool", "Feltham Young Offenders
Institution"), and the acronym an article gives one in brackets ("(NSPCC)"),
then used alone. A longer such name wins over a reference label inside it
("Kent Police Federation" is not Kent Police). Such a body is keyed by its name
as first written (``kg.vocab.named_org_key``) and carries its name and type.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import replace

from kg.extract.people import is_name
from kg.model import Article, OrgMention, OrgType, Sentence, Span
from kg.patterns import (
    PRISON_STYLE_ABBR,
    RE_LIST_ITEM,
    RE_TOOK_PART,
    ROYAL_STYLE,
    any_in,
    body_kind_alternation,
    body_kinds,
    capital_leads,
    context_labels,
    coreference_words,
    fold,
    force_of_place,
    lowered,
    named_org_spans,
    org_context_words,
    org_heads,
    org_labels,
    prison_place,
    prison_spans,
    prison_styled,
    prison_words,
    re_coreference,
    re_inspected_body,
    re_org,
    re_org_context,
    re_place,
    role_key,
    role_labels,
    role_spans,
    title_beside,
    titled_body_spans,
)
from kg.reference import FORCE_HEAD, lexicon
from kg.vocab import named_org_key

# "(NSPCC)" right after a body's name: the acronym the article then uses alone
RE_ACRONYM = re.compile(r"[ \t]*\((?P<acr>[A-Z][A-Za-z0-9&]{1,9})\)")
RE_POSSESSIVE = re.compile(r"['’]s?$")
# a place in the possessive right before a body's name, past a word or two: "Cumbria's
# final ", "Kent's new "
RE_PLACE_OWNER = re.compile(
    r"(?<![\w'’-])(?P<place>[A-Z][\w-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w-]*){0,2})['’]s[ \t]+"
    r"(?:[a-z]+[ \t]+){0,2}$"
)
# a name going on past words that could stand for a body: "HM Inspectorate of Prisons"
RE_NAME_GOES_ON = re.compile(r"[ \t]+(?:of|for|in)[ \t]+(?:the[ \t]+)?[A-Z]")


# what may be left of a name once its titles are taken out: joins between them
RE_TITLE_JOIN_LEFT = re.compile(r"\b(?:and|&)\b|[,&]")


def extract(article: Article, sents: list[Sentence]) -> list[OrgMention]:
    lex = lexicon()
    labels, ctx_labels = org_labels(), context_labels()
    named: list[OrgMention] = []
    pending: list[OrgMention] = []
    roles = [span for s in sents for span in role_spans(article.text, s.span.start, s.span.end)]
    # an office named by its holder's title: "The Victims' Commissioner for England and
    # Wales, Dame Vera Baird" names the body as well as the role
    offices = {
        (s, e): lex.roles[k].default_org
        for s, e in roles
        if (k := role_key(article.text[s:e])) is not None
    }

    def inside_role(a: int, b: int, key: str | None = None) -> bool:
        # a title inside a longer name is the name's: "Police Superintendents' Association"
        return any(
            a < e
            and s < b
            and (key is None or offices.get((s, e)) != key)
            and not (a <= s and e <= b and e - s < b - a)
            for s, e in roles
        )

    def within_role(a: int, b: int) -> bool:
        # or opening inside one: "Member of Parliament for Rotherham" names no body
        return any(s <= a and b <= e or s < a < e for s, e in roles)

    def titles_only(a: int, b: int) -> bool:
        # titles joined by "and", all the name there is
        rest = article.text[a:b]
        for s, e in roles:
            if a <= s and e <= b:
                rest = rest[: s - a] + " " * (e - s) + rest[e - a :]
        return not RE_TITLE_JOIN_LEFT.sub("", rest).strip()

    ctx_words, coref_words = org_context_words(), coreference_words()
    for sent in sents:
        for m in re_org().finditer(article.text, sent.span.start, sent.span.end):
            key = labels.get(fold(m.group()))
            given = RE_ACRONYM.match(article.text, m.end(), sent.span.end)
            own = labels.get(fold(given.group("acr"))) if given else None
            if key and own and own != key and own in lex.orgs and key in lex.orgs:
                # the acronym a name is given with says which body it is when the two
                # differ in that way only: "HM Inspectorate of Constabulary (HMICS)"
                # is Scotland's, not England and Wales's
                key = own if lex.orgs[own].type is lex.orgs[key].type else key
            if key and not inside_role(m.start(), m.end(), key):
                named.append(OrgMention(key, Span(m.start(), m.end()), sent.span, m.group()))
        if ctx_words is not None and not any_in(ctx_words, lowered(sent.text)):
            continue
        for m in re_org_context().finditer(article.text, sent.span.start, sent.span.end):
            key = ctx_labels.get(fold(m.group()))
            if key and not inside_role(m.start(), m.end()):
                pending.append(
                    OrgMention(key, Span(m.start(), m.end()), sent.span, m.group(), True)
                )
    named += _misspelt_acronyms(article, sents, named)
    named += _place_forces(article, sents, named)
    named += _plural_inspectorates(article, sents, labels)
    named = _with_named_bodies(article, sents, named, within_role, titles_only)
    named += _bodies_before_titles(article, sents, named, roles)
    named += _bodies_of_a_kind(article, sents, named)
    types = {m.org: m.kind for m in named if m.kind is not None}
    keys = {m.org for m in named}
    spans = {m.span for m in named}
    mentions = named + [m for m in pending if m.org in keys and m.span not in spans]

    for sent in sents:
        if coref_words is not None and not any_in(coref_words, lowered(sent.text)):
            continue
        for m in re_coreference().finditer(article.text, sent.span.start, sent.span.end):
            want = lex.coreference.get(fold(m.group()))
            if want is None:
                continue
            if RE_NAME_GOES_ON.match(article.text, m.end()):
                continue  # "HM Inspectorate of Prisons": a name, not a word for one
            key = _antecedent(article.text, mentions, types, want, m.start())
            if key is None and fold(m.group()) in lex.coreference_of_force:
                # "Her Majesty's Inspectorate has pointed to enormous improvements in the
                # Force", no inspectorate named: the inspectorate of the article's force
                key = _force_inspectorate(main_org(mentions, types, OrgType.POLICE_FORCE))
            if key and not inside_role(m.start(), m.end()):
                mentions.append(
                    OrgMention(key, Span(m.start(), m.end()), sent.span, m.group(), True)
                )
    mentions += _by_head(article, sents, named, mentions)
    kinds = {key: o.type for key, o in lex.orgs.items()}
    names = {m.org: m.name for m in named if m.name}
    out = [
        m if m.kind is not None else _typed(m, kinds.get(m.org) or types[m.org], names.get(m.org))
        for m in mentions
    ]
    out.sort(key=lambda x: (x.span, x.org))
    return out


# a royal style's letters and more, in capitals: an inspectorate's acronym, perhaps
# misspelt ("HMICFSR"; one of five letters or more, for a slip of one to leave it
# recognisable)
RE_HM_ACRONYM = re.compile(r"(?<![\w-])HM[A-Z]{3,7}(?![\w-])")
RE_HM_LETTERS = re.compile(r"HM[A-Z]{2,7}")


def _misspelt_acronyms(
    article: Article, sents: list[Sentence], named: list[OrgMention]
) -> list[OrgMention]:
    """An inspectorate's acronym written with one letter left out, added, changed or
    swapped with the next ("HMICFSR", "HMICRFS", "HMCSPI"): the inspectorate whose
    acronym it is one slip from. Where two inspectorates' acronyms are (HMICFS is one
    from HMICFRS and from HMICS), the one the article names elsewhere, else the one
    sharing more of its letters; none if that leaves two."""
    text = article.text
    known, titles = org_labels(), role_labels()
    acronyms = _inspectorate_acronyms()
    in_text = {m.org for m in named}
    out: list[OrgMention] = []
    for sent in sents:
        for m in RE_HM_ACRONYM.finditer(text, sent.span.start, sent.span.end):
            word = m.group()
            if fold(word) in known or fold(word) in titles or word in prison_words():
                continue
            near = {key for acr, key in acronyms.items() if _one_slip(word, acr)}
            if len(near) > 1 and near & in_text:
                near &= in_text
            if len(near) > 1:
                shared = {
                    key: max(
                        sum((Counter(word) & Counter(a)).values())
                        for a, k in acronyms.items()
                        if k == key
                    )
                    for key in near
                }
                best = max(shared.values())
                near = {k for k, n in shared.items() if n == best}
            if len(near) == 1:
                key = near.pop()
                out.append(OrgMention(key, Span(m.start(), m.end()), sent.span, word))
    return out


@functools.cache
def _inspectorate_acronyms() -> dict[str, str]:
    """The inspectorates' acronyms that open with the royal style: "HMICFRS", "HMCPSI",
    "HMIC"."""
    return {
        label: o.key
        for o in lexicon().orgs_of(OrgType.INSPECTORATE)
        for label in o.labels
        if RE_HM_LETTERS.fullmatch(label)
    }


def _one_slip(word: str, acronym: str) -> bool:
    """Whether ``word`` is ``acronym`` with one letter left out, added, changed, or
    swapped with its neighbour."""
    if word == acronym or abs(len(word) - len(acronym)) > 1:
        return False
    if len(word) == len(acronym):
        diff = [i for i, (a, b) in enumerate(zip(word, acronym, strict=True)) if a != b]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and word[diff[0]] == acronym[diff[1]]
            and word[diff[1]] == acronym[diff[0]]
        )
    short, long_ = sorted((word, acronym), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


# one name shared by two bodies: "HM Inspectorates of Prisons and Constabulary"
RE_PLURAL_INSPECTORATES = re.compile(
    rf"\b(?P<lead>{ROYAL_STYLE}[ \t]+)Inspectorates"
    r"[ \t]+of[ \t]+(?P<first>[A-Z][a-z]+)(?:,[ \t]+|[ \t]+and[ \t]+)(?P<second>[A-Z][a-z]+)\b"
)


def _plural_inspectorates(
    article: Article, sents: list[Sentence], labels: dict[str, str]
) -> list[OrgMention]:
    """Two inspectorates named at once with their shared words in the plural ("a report
    by HM Inspectorates of Prisons and Constabulary"): each body its own name would
    name, the first at the shared words and its sector, the second at its sector."""
    out: list[OrgMention] = []
    for sent in sents:
        for m in RE_PLURAL_INSPECTORATES.finditer(article.text, sent.span.start, sent.span.end):
            for group, start in (("first", m.start()), ("second", m.start("second"))):
                key = labels.get(fold(f"{m.group('lead')}Inspectorate of {m.group(group)}"))
                if key is not None:
                    span = Span(start, m.end(group))
                    out.append(OrgMention(key, span, sent.span, article.text[start : span.end]))
    return out


@functools.cache
def _re_the_head() -> re.Pattern[str]:
    heads = sorted((h.lower() for h in org_heads()), key=len, reverse=True)
    # the head in either case: "the trust", "the Federation"; past words of the name in
    # lower case: "the police authority's interim chief executive"
    return re.compile(
        r"\b[Tt]he[ \t]+(?P<words>(?:[a-z]+[ \t]+){0,2})"
        r"((?i:" + "|".join(map(re.escape, heads)) + r"))\b(?![ \t]+[A-Z])"
    )


def last_with_head(
    named: list[OrgMention], head: str, pos: int, words: tuple[str, ...] = ()
) -> OrgMention | None:
    """The last of ``named`` ending before ``pos`` whose name holds the head noun ``head``
    in either case ("the trust", "Committee chairman": "the Home Affairs Committee"),
    and the ``words`` before it ("the police authority": "Nottinghamshire Police
    Authority")."""
    want = {head.lower(), *words}
    before = [o for o in named if o.span.end <= pos and want <= set(fold(o.name or o.text).split())]
    return before[-1] if before else None


def _by_head(
    article: Article, sents: list[Sentence], named: list[OrgMention], mentions: list[OrgMention]
) -> list[OrgMention]:
    """ "the trust", "the federation", "the council": the body named last before with that
    head noun in its name ("the Suzy Lamplugh Trust ... the trust said")."""
    text = article.text
    taken = {m.span.start for m in mentions}
    out: list[OrgMention] = []
    for sent in sents:
        for m in _re_the_head().finditer(text, sent.span.start, sent.span.end):
            if m.start() in taken:
                continue
            o = last_with_head(named, m.group(2), m.start(), tuple(m.group("words").split()))
            if o is not None:
                out.append(
                    OrgMention(
                        o.org, Span(m.start(), m.end()), sent.span, m.group(), True, o.kind, o.name
                    )
                )
    return out


# a name's first word before a comma: "the Police, Crime and Fire Panel"
RE_COMMA_CUT = re.compile(r"\b[Tt]he[ \t]+(?P<word>[A-Z][a-z]+),[ \t]+$")
# between places that share a head noun: "South Yorkshire and West Yorkshire forces"
RE_PLACE_JOIN = re.compile(r"(?:,|[ \t]+and|[ \t]+or)[ \t]+(?:the[ \t]+)?")
# (also in the possessive: "Staffordshire's force was rated 'good'")
RE_FORCES_AFTER = re.compile(r"(?:['’]s)?[ \t]+(?:police[ \t]+)?forces?\b")


# "force," right before a place in apposition: "One force, Surrey, had ..."
RE_FORCE_COMMA = re.compile(r"\bforce,[ \t]+$")
# a prison style's abbreviation inside a prison's name, left out of the name
RE_ABBREVIATION_INSIDE = re.compile(rf"[ \t]+{PRISON_STYLE_ABBR}(?=[ \t])")
# a capitalised abbreviation right after a place: the place opens another body's short
# name ("the Commissioners for South Wales FRA", the fire and rescue authority)
RE_ABBREVIATION_AFTER = re.compile(r"[ \t]+[A-Z]{2,5}\b(?![’'-])")


def _place_forces(
    article: Article, sents: list[Sentence], named: list[OrgMention]
) -> list[OrgMention]:
    """Forces named by their places before "force(s)" ("the South Yorkshire and West
    Yorkshire forces", "the Gwent force"), or listed where forces are spoken of ("40
    forces were rated good. Only three - Bedfordshire, Gwent and Nottinghamshire - were
    told they require improvement")."""
    text = capital_leads(article.text, sents)
    taken = {m.span.start for m in named}
    out: list[OrgMention] = []
    lead_forces = False  # the sentence before a list of bullets speaks of forces
    for n, sent in enumerate(sents):
        here = "force" in sent.text
        item = RE_LIST_ITEM.match(text, sent.span.start, sent.span.end)
        if item is None:
            lead_forces = here
        # "Inspectors picked out four forces as being of particular concern: / -
        # Bedfordshire / - Greater Manchester": a list item that is only a place
        if item is not None and lead_forces:
            p = re_place().fullmatch(text, item.end(), len(text[: sent.span.end].rstrip(" .;,")))
            force = force_of_place(p.group()) if p is not None else None
            if p is not None and force is not None and p.start() not in taken:
                taken.add(p.start())
                out.append(OrgMention(force, Span(p.start(), p.end()), sent.span, p.group()))
                continue
        near = (
            here
            or role_spans(text, sent.span.start, sent.span.end)
            # the sentence before, also across a paragraph break: "six forces are now in
            # special measures. / They are: ..., Gloucestershire, Staffordshire and
            # Wiltshire."
            or n > 0
            and ("force" in sents[n - 1].text)
        )
        if not near:
            continue
        chain: list[re.Match[str]] = []
        for p in re_place().finditer(text, sent.span.start, sent.span.end):
            if chain and RE_PLACE_JOIN.fullmatch(text, chain[-1].end(), p.start()) is None:
                chain = []
            chain.append(p)
            forces_after = here and RE_FORCES_AFTER.match(text, p.end(), sent.span.end)
            # the area in a title: the force named, but not as a body that acts or
            # speaks ("Beds police and crime commissioner Olly Martins has attacked")
            # ("Katy Bourne, the Sussex PCC", "the PCC for West Yorkshire")
            titled = (
                not forces_after
                and title_beside(text, p.start(), p.end(), sent.span.start, OrgType.POLICE_FORCE)
                and not (
                    RE_ABBREVIATION_AFTER.match(text, p.end())
                    and not title_beside(text, p.start(), p.end(), p.end())  # "Kent PCC"
                )
            )
            listed = (
                len(chain) >= 2
                and RE_PLACE_JOIN.match(text, p.end(), sent.span.end) is None
                and (
                    re.match(
                        r"[ \t]*(?:and|or)\b", text[chain[-2].end() : p.start()].lstrip(", \t")
                    )
                    is not None
                    # three or more places in a row where forces are spoken of, the
                    # list closed otherwise ("the Met, Kent, Cumbria, South Wales,
                    # Dorset, Devon and Cornwall; and the Civil Nuclear Constabulary")
                    or here
                    and len(chain) >= 3
                )
            )
            # a place in apposition to "force": "One force, Surrey, had its handling ..."
            appos = (
                here
                and RE_FORCE_COMMA.search(text, max(sent.span.start, p.start() - 12), p.start())
                and text.startswith(",", p.end())
            )
            if not (forces_after or listed or titled or appos):
                continue
            for q in chain if not titled else [p]:
                force = force_of_place(q.group())
                if force is not None and q.start() not in taken:
                    taken.add(q.start())
                    span = Span(q.start(), q.end())
                    out.append(
                        OrgMention(
                            force, span, sent.span, q.group(), bool(titled), titled=bool(titled)
                        )
                    )
            chain = []
    return out


# a body's name right before a title any body has, and a name after it: "Refuge CEO Ruth
# Davison", "SafeLives chief executive Suzanne Jacob"
RE_BODY_BEFORE_TITLE = re.compile(
    r"(?<![\w'’&.-])(?P<body>[A-Z][\w'’&-]+(?:[ \t]+[A-Z][\w'’&-]+){0,2})[ \t]+$"
)
RE_NAME_AFTER_TITLE = re.compile(r"[ \t]+(?:[A-Z][a-z]+\.?[ \t]+)?[A-Z][\w'’-]+[ \t]+[A-Z][a-z]")


def _bodies_before_titles(
    article: Article, sents: list[Sentence], named: list[OrgMention], roles: list[tuple[int, int]]
) -> list[OrgMention]:
    """Bodies the reference data does not know, named by the title of someone they
    have ("Refuge CEO Ruth Davison"): a run of capitals before a title of no particular
    body, when a name follows it."""
    lex, text = lexicon(), article.text
    out: list[OrgMention] = []
    for a, b in roles:
        key = role_key(text[a:b])
        role = lex.roles.get(key) if key else None
        if role is None or role.scope is not None or role.default_org is not None or role.bodiless:
            continue
        if not RE_NAME_AFTER_TITLE.match(text, b):
            continue
        sent = next((s for s in sents if s.span.start <= a < s.span.end), None)
        if sent is None:
            continue
        m = RE_BODY_BEFORE_TITLE.search(text, max(sent.span.start, a - 60), a)
        if m is None:
            continue
        words = m.group("body").split()
        while words and words[0] in ("The", "A", "An"):
            words = words[1:]
        body = " ".join(words)
        start = text.rfind(body, m.start(), a)
        if (
            not body
            or is_name(body)
            or re_place().fullmatch(body)
            or role_spans(text, start, start + len(body))
            or any(o.span.start < start + len(body) and start < o.span.end for o in named)
            or fold(body) in org_labels()
        ):
            continue
        out.append(
            OrgMention(
                named_org_key(body),
                Span(start, start + len(body)),
                sent.span,
                body,
                False,
                OrgType.OTHER,
                body,
            )
        )
    return out


# a body's name: capitalised words, and the small words inside names ("Hickman and
# Rose", "Reclaim These Streets", "Children & Young People Now")
BODY_NAME = r"[A-Z][\w'’&-]*(?:[ \t]+(?:(?:and|of|for|the|&)[ \t]+)?[A-Z][\w'’&-]*){0,5}"


@functools.cache
def _re_body_kinds() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A kind of body before its name ("the campaign group NAME") and in apposition
    after it ("NAME, the group that ...")."""
    kinds = body_kind_alternation()
    before = re.compile(
        rf"\b(?:(?:[Tt]he|[Aa]n?)[ \t]+(?:[\w-]+[ \t]+)?|(?<=\bof )(?:[a-z-]+[ \t]+){{0,3}})"
        rf"(?P<kind>{kinds})[ \t]+(?P<name>{BODY_NAME})(?![ \t]*[A-Z])"
    )
    after = re.compile(
        rf"(?<![\w'’-])(?P<name>{BODY_NAME}),[ \t]+(?:the|a|an)[ \t]+(?:[a-z-]+[ \t]+){{0,2}}"
        rf"(?P<kind>{kinds})(?=[ \t]*(?:[,.;:)]|$)|[ \t]+(?:that|which|who|whose|in|based|"
        r"founded|set|for|with)\b)"
    )
    return before, after


def _bodies_of_a_kind(
    article: Article, sents: list[Sentence], named: list[OrgMention]
) -> list[OrgMention]:
    """Bodies the reference data does not know, named with the kind of body they are:
    "the campaign group Reclaim These Streets", "chief executive of national domestic
    violence charity Refuge", "Working Links, the private company that ran probation";
    and a body it knows by a short name it takes only in context, given that context:
    "the prison officers union POA"."""
    text = article.text
    low = lowered(text)
    if not any_in(tuple(body_kinds()), low):
        return []
    taken = [m.span for m in named]
    out: list[OrgMention] = []
    for sent in sents:
        for rx in _re_body_kinds():
            for m in rx.finditer(text, sent.span.start, sent.span.end):
                name = m.group("name")
                span = Span(m.start("name"), m.end("name"))
                known = context_labels().get(fold(name))
                if known is not None and not any(s.overlaps(span) for s in taken):
                    taken.append(span)
                    out.append(OrgMention(known, span, sent.span, name))
                    continue
                if (
                    len(name) < 3
                    or name.isupper()  # an acronym: its full name is the body's
                    or any(s.overlaps(span) for s in taken)
                    or role_spans(text, span.start, span.end)
                    or fold(name) in org_labels()
                    or re_place().fullmatch(name)
                ):
                    continue
                kind = OrgType(body_kinds()[m.group("kind").lower()])
                taken.append(span)
                out.append(
                    OrgMention(named_org_key(name), span, sent.span, name, False, kind, name)
                )
    return out


def _typed(m: OrgMention, kind: OrgType, name: str | None) -> OrgMention:
    return OrgMention(m.org, m.span, m.evidence, m.text, m.by_context, kind, name, m.titled)


# a force's name put another way: "Police Service of Cumbria", "Cumbria Police Service"
_PLACE_WORDS = r"[A-Z][\w'’&-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w'’&-]*)*"
RE_FORCE_VARIANT = re.compile(
    rf"(?:(?P<before>{_PLACE_WORDS})[ \t]+)?{FORCE_HEAD}"
    rf"(?:[ \t]+(?:of|for)[ \t]+(?P<after>{_PLACE_WORDS}))?"
)


def _force_variant(name: str) -> str | None:
    """The force whose area a "Police Service" or "Police Force" name names, if any."""
    m = RE_FORCE_VARIANT.fullmatch(name)
    if m is None or (m.group("before") is None) == (m.group("after") is None):
        return None
    return force_of_place(m.group("before") or m.group("after"))


def _with_named_bodies(
    article: Article,
    sents: list[Sentence],
    named: list[OrgMention],
    within_role: object,
    titles_only: object,
) -> list[OrgMention]:
    """The reference mentions, typed, with the bodies named by the shape of their names
    (see the module docstring); a reference mention inside a longer name goes."""
    lex = lexicon()
    text = article.text
    found: list[OrgMention] = []
    acronyms: dict[str, tuple[str, str, OrgType]] = {}  # acronym -> key, name, kind
    prison_names = _prison_names(text, sents)  # place -> the name the prison goes by
    for sent in sents:
        lo, hi = sent.span.start, sent.span.end
        spans = [(a, b, OrgType(kind)) for a, b, kind in named_org_spans(text, lo, hi)]
        # a name in a job title's body slot ("general secretary of Napo"): a body,
        # unless a name of the shapes above holds it
        spans += [
            (a, b, OrgType.OTHER)
            for a, b in titled_body_spans(text, lo, hi)
            if not any(x <= a and b <= y for x, y, _ in spans)
        ]
        # a local body named as the bodies an inspectorate inspects are: "Bradford Youth
        # Offending Team", "Derby City Probation Delivery Unit" (a head that is no body's
        # in general: "Unit", "Team"); "Cheshire and Greater Manchester Community
        # Rehabilitation Company" whole, though a shape above finds its end
        for m in re_inspected_body().finditer(text, lo, hi):
            a, b = m.span()
            if any(x < b and a < y and not (a <= x and y <= b) for x, y, _ in spans):
                continue
            kind = OrgType(org_heads().get(m.group().split()[-1], "GovernmentBody"))
            spans = [s for s in spans if not (a <= s[0] and s[1] <= b)] + [(a, b, kind)]
        prisons = []
        if any_in(prison_words(), sent.text):
            prisons = prison_spans(text, lo, hi)
            spans += [(a, b, OrgType.OTHER) for a, b in prisons]
        for a, b, kind in spans:
            # a name that opens inside a force's name is named after the force: "City
            # of London Police Authority Board"; one whose first word a comma cut off:
            # "the Police, Crime and Fire Panel"
            a = next(
                (m.span.start for m in named if m.span.start < a < m.span.end < b),
                a,
            )
            cut = RE_COMMA_CUT.search(text, max(lo, a - 30), a)
            if cut is not None and " and " in text[a:b]:
                a = cut.start("word")
            if within_role(a, b):  # type: ignore[operator]
                continue  # "Police and Crime Commissioner for X" is a role
            if titles_only(a, b):  # type: ignore[operator]
                continue  # "Chief Fire Officer and Chief Executive Mark Cashin": two titles
            if any(x <= a and b <= y and (x, y) != (a, b) for x, y, _ in spans):
                continue  # "HM Prison" inside "HM Prison and Probation Service"
            if any(m.span.start <= a and b <= m.span.end for m in named):
                continue  # the reference data's own name (or inside one)
            name = RE_POSSESSIVE.sub("", " ".join(text[a:b].split()))
            owner = RE_PLACE_OWNER.search(text, max(lo, a - 40), a)
            if (
                owner is not None
                and force_of_place(owner.group("place")) is not None
                and force_of_place(name.split()[0]) is None
            ):
                # a place's own body named without the place: "Cumbria's final Police and
                # Crime Panel" is the Cumbria Police and Crime Panel, not one of all areas
                name = f"{owner.group('place')} {name}"
            if fold(name) in org_labels():
                continue
            if (a, b) in prisons:
                # one prison however its name is put: "Feltham Young Offenders Institute",
                # then "HM YOI Feltham"
                name = RE_ABBREVIATION_INSIDE.sub("", name)
                name = prison_names.get(prison_place(name), name)
            given = RE_ACRONYM.match(text, b, hi)
            known = org_labels().get(fold(given.group("acr"))) if given else None
            if known is not None and known in lex.orgs:
                # "the Independent Office for Police Complaints (IOPC)": a body the
                # reference data knows by its acronym, its name misremembered
                kind = lex.orgs[known].type
                found.append(OrgMention(known, Span(a, b), sent.span, text[a:b], False, kind))
                continue
            force = _force_variant(name)
            if force is not None:
                # "the Police Service of Cumbria", "Cumbria Police Service": the force
                found.append(
                    OrgMention(force, Span(a, b), sent.span, text[a:b], False, OrgType.POLICE_FORCE)
                )
                continue
            key = named_org_key(name)
            found.append(OrgMention(key, Span(a, b), sent.span, text[a:b], False, kind, name))
            if given:
                acronyms.setdefault(given.group("acr"), (key, name, kind))
    for acr, (key, name, kind) in acronyms.items():
        rx = re.compile(r"(?<![\w-])" + re.escape(acr) + r"(?![\w-])")
        for sent in sents:
            for m in rx.finditer(text, sent.span.start, sent.span.end):
                if not any(f.span.start <= m.start() < f.span.end for f in found):
                    found.append(
                        OrgMention(key, Span(m.start(), m.end()), sent.span, acr, False, kind, name)
                    )
    kept = [
        _typed(m, lex.orgs[m.org].type, None)
        for m in named
        if not any(f.span.start <= m.span.start and m.span.end <= f.span.end for f in found)
    ]
    return kept + _one_body_per_force_name(found)


def _one_body_per_force_name(found: list[OrgMention]) -> list[OrgMention]:
    """A body named after a force is one body under any of the force's names: "Greater
    Manchester Police Federation", then "the GMP Police Federation" (the first name
    kept)."""
    first: dict[tuple[str, str], OrgMention] = {}
    out = []
    for m in sorted(found, key=lambda m: m.span.start):
        sig = _force_named(m.name) if m.name else None
        if sig is not None and sig in first and first[sig].org != m.org:
            head = first[sig]
            m = replace(m, org=head.org, kind=head.kind, name=head.name)
        elif sig is not None:
            first.setdefault(sig, m)
        out.append(m)
    return out


def _force_named(name: str) -> tuple[str, str] | None:
    """(force, the rest) of a name that opens with a force's name: "GMP Police
    Federation" and "Greater Manchester Police Federation" are both ("greater-manchester",
    "federation")."""
    lex = lexicon()
    words = name.split()
    for n in range(len(words) - 1, 0, -1):
        key = org_labels().get(fold(" ".join(words[:n])))
        if key is not None and key in lex.orgs and lex.orgs[key].type is OrgType.POLICE_FORCE:
            rest = fold(" ".join(words[n:]))
            return key, rest.removeprefix("police ").removeprefix("constabulary ")
    return None


def _prison_names(text: str, sents: list[Sentence]) -> dict[str, str]:
    """One name per prison however the article puts it ("Maghaberry Prison", "HMP
    Maghaberry"): its official style, "HMP X" or "HMYOI X", where the article gives it,
    else the first it gives in full (not by initials)."""
    out: dict[str, str] = {}
    for sent in sents:
        if not any_in(prison_words(), sent.text):
            continue
        for a, b in prison_spans(text, sent.span.start, sent.span.end):
            name = RE_POSSESSIVE.sub("", " ".join(text[a:b].split()))
            # without the prison words' abbreviation: "HM Prison and Young Offender
            # Institution (YOI) Feltham" is "HM Prison and Young Offender Institution Feltham"
            name = RE_ABBREVIATION_INSIDE.sub("", name)
            place = prison_place(name)
            if (
                place not in out
                or (prison_styled(name) and not prison_styled(out[place]))
                # its full name over its initials: "Woodlands Juvenile Justice Centre
                # (Woodlands JJC)", whichever came first
                or (
                    not prison_styled(out[place])
                    and out[place].split()[-1].isupper()
                    and not name.split()[-1].isupper()
                )
            ):
                out[place] = name
    return out


def _antecedent(
    text: str, mentions: list[OrgMention], types: dict[str, OrgType], want: OrgType, pos: int
) -> str | None:
    """The body a word like "the inspectorate" stands for: the last of its type named
    before it, the lead where that was named second in a joint inspection ("HMICFRS
    and the CQC said ... The inspectors also found")."""
    before = [
        m for m in mentions if m.span.end <= pos and types.get(m.org) is want and not m.by_context
    ]
    # not a partner in another's inspection: "HM Inspectorate of Prisons took part in the
    # inspection ... The inspectors also credited the force" (the lead's inspectors)
    leads = [m for m in before if not RE_TOOK_PART.match(text, m.span.end)]
    before = leads or before
    if before:
        # the last by position: forces named by their places are found after the rest
        last = max(before, key=lambda m: m.span.start)
        return _joint_partners(text, before).get(last.span.start, last.org)
    return main_org(mentions, types, want)


def _force_inspectorate(force: str | None) -> str | None:
    """The inspectorate of constabulary of a force: the one whose nation's force it is
    (HMICS, Police Scotland's), else the one that inspects forces by default."""
    if force is None:
        return None
    inspectorates = lexicon().orgs_of(OrgType.INSPECTORATE)
    for entry in inspectorates:
        if entry.national_force == force:
            return entry.key
    return next((e.key for e in inspectorates if e.forces_by_default), None)


# between the two bodies of a joint inspection: "HMICFRS and the CQC", "HM Inspectorate
# of Prisons (HMIP) with HMIC"
RE_JOINT_PAIR = re.compile(r"\)?[ \t]*(?:\([^()]{1,20}\)[ \t]*)?(?:and|&|with)[ \t]+(?:the[ \t]+)?")


RE_ABBR_OPEN = re.compile(r"[ \t]*\([ \t]*")
# between two bodies of a list: "Ofsted, the CQC, ..."
RE_LIST_COMMA = re.compile(r"\)?[ \t]*,[ \t]+(?:the[ \t]+)?")


def _joint_partners(text: str, named: list[OrgMention]) -> dict[int, str]:
    """Where a body is named after another it is named together with, the first of
    them: start of the later one's mention -> the first's key ("HMICFRS and the CQC";
    "Ofsted, the Care Quality Commission (CQC), HMICFRS and HMI Probation": Ofsted)."""
    ordered = sorted((m for m in named if not m.by_context), key=lambda m: m.span.start)
    out: dict[int, str] = {}
    listed: list[OrgMention] = []  # bodies listed with commas, waiting for the "and"
    for a, b in itertools.pairwise(ordered):
        if a.org == b.org and RE_ABBR_OPEN.fullmatch(text, a.span.end, b.span.start):
            # "the Care Quality Commission (CQC)": one body, one item of a list
            if a.span.start in out:
                out[b.span.start] = out[a.span.start]
            if listed and listed[-1] is a:
                listed[-1] = b
            continue
        if a.org != b.org and RE_LIST_COMMA.fullmatch(text, a.span.end, b.span.start):
            listed = [*(listed if listed and listed[-1] is a else [a]), b]
            continue
        if a.org != b.org and RE_JOINT_PAIR.fullmatch(text, a.span.end, b.span.start):
            chain = listed if listed and listed[-1] is a else [a]
            for m in [*chain[1:], b]:
                out[m.span.start] = chain[0].org
        listed = []
    return out


def joint_lead(text: str, named: list[OrgMention]) -> str | None:
    """The lead of the first joint inspection the article names: of two inspectorates
    named together ("Inspectors from HMICFRS and the Care Quality Commission"), the
    first, whichever the article names more (``named`` holds inspectorates only)."""
    pairs = _joint_partners(text, named)
    return pairs[min(pairs)] if pairs else None


def main_org(mentions: list[OrgMention], types: dict[str, OrgType], want: OrgType) -> str | None:
    """The organization of a type the article is most about: most named, then first named;
    failing a name, the one its context words point to ("resign as Chief Constable of
    Avon and Somerset", "the force's PCC")."""
    named = [m for m in mentions if types.get(m.org) is want and not m.by_context]
    if not named:
        named = [m for m in mentions if types.get(m.org) is want]
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
