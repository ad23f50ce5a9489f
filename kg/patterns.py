"""Compiled regular expressions. Those built from names read the ontology and
the lexicon on first use (``functools.cache``), never at import time."""

from __future__ import annotations

import calendar
import functools
import re

from kg.model import Sentence
from kg.reference import FORCE_HEAD, LEXICON_DIR, lexicon

# Letters of names, with those of Latin-1 and Latin Extended-A ("Zoë", "Siân", "Łukasz")
_UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
_LOWER = "a-zß-öø-ÿā-ž"
# A name token: "Sunita", "McCall", "O'Brien", "D’Souza", "Smith-Jones", "Poultney", "Zoë"
# (a capital and an apostrophe open a name only before another capital: "O'Reilly")
NAME_TOKEN = (
    rf"(?:(?:[{_UPPER}]['’](?=[{_UPPER}]))?"
    rf"[{_UPPER}][{_LOWER}]*[{_UPPER}]?[{_LOWER}]+(?:['’-][{_UPPER}][{_LOWER}]+)*|[A-Z]\.)"
)
# "Sunita Gamblin", "Mary Jane Smith" (2 or 3 tokens on one line)
RE_FULL_NAME = re.compile(rf"(?<![\w'’-]){NAME_TOKEN}(?:[ \t]+{NAME_TOKEN}){{1,2}}(?![\w'’-])")
RE_NAME_TOKEN = re.compile(rf"(?<![\w'’-]){NAME_TOKEN}(?![\w'’-])")
# The titles of those who speak for a body, kept as the article words them (no role
# of the scheme: "the spokesperson said" stands for the body, not for a holder):
# "spokesman", "spokeswoman", "spokesperson"
RE_SPOKES_TITLE = re.compile(r"spokes(?:man|woman|person)")
# he / she / his / her at a word boundary
RE_PRONOUN = re.compile(r"\b(?P<p>[Hh]e|[Ss]he)\b")
# Sentence ends: after . ! ? (optionally closing quotes/brackets) and spaces, before
# a capital, a digit or an opening quote. Abbreviations are checked in code.
RE_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')\]]*[ \t]+(?=[\"“‘'(\[]?[A-Z0-9])")


def _words(name: str) -> list[str]:
    text = (LEXICON_DIR / name).read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


@functools.cache
def party_words() -> frozenset[str]:
    """Words of parties' names, an affiliation before a title ("Labour PCC"):
    ``kg/lexicon/parties.txt``."""
    return frozenset(line.split("\t")[0] for line in _words("parties.txt"))


@functools.cache
def party_adjectives() -> frozenset[str]:
    """The party words that are ordinary adjectives too ("Independent", "Green"), which
    open bodies' names: ``kg/lexicon/parties.txt``."""
    return frozenset(
        line.split("\t")[0] for line in _words("parties.txt") if line.endswith("\tadjective")
    )


@functools.cache
def given_name_words() -> frozenset[str]:
    """Stopwords that are also given names ("Howard", "June"):
    ``kg/lexicon/given_names.txt``."""
    return frozenset(_words("given_names.txt"))


@functools.cache
def surname_words() -> frozenset[str]:
    """Stopwords that are also surnames ("Hall", "House"): ``kg/lexicon/surnames.txt``."""
    return frozenset(_words("surnames.txt"))


# honours and degrees after a name: "QPM", "CBE", "WS", "Esq"
POSTNOMINAL = r"(?:[A-Z]{2,5}|Esq\.?)"
# what may follow a name that ends its line: honours, commas, a full stop
RE_HONOURS_TAIL = re.compile(rf"(?:[ \t,]+{POSTNOMINAL})*[ \t,.]*")
# honours right after a name, and nothing else: "Ian Critchley QPM"
RE_HONOURS = re.compile(rf"(?:[ \t]+{POSTNOMINAL})*")
# the royal style of an inspectorate's or an inspector's name: "HM", "Her Majesty's"
ROYAL_STYLE = r"(?:HM|Her[ \t]+Majesty['’]s|His[ \t]+Majesty['’]s)"
# a title's or body's abbreviation in brackets: "(PCC)", "(HMICFRS)"
BRACKETED_ABBR = r"\([A-Z]{2,6}\)"
# ... and a prison style's, between its words and the place: "HM Prison and Young Offender
# Institution (YOI) Feltham", "(HMP/YOI)"
PRISON_STYLE_ABBR = r"\([A-Z/&]{2,8}\)"
# the auxiliary and modal verbs, which make a clause finite: "has", "was", "will"
AUXILIARIES = (
    r"(?:has|have|had|is|was|are|were|did|does|will|would|can|could|may|might|must|should)"
)
# words that may come before a title's head noun: "Deputy Director", "Vice President"
TITLE_MODIFIERS = (
    "deputy",
    "assistant",
    "vice",
    "regional",
    "national",
    "executive",
    "portfolio",
    "general",  # "General Secretary", "General Manager"
    "co",  # "co-director", "co-chair"
    "associate",  # "Associate Commissioner", "Associate Director"
)


def title_line(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` (a line) is a role title and nothing else: "Chief
    Executive", a signature's second line."""
    spans = role_spans(text, start, end)
    line = text[start:end].strip(" \t,.")
    return bool(spans) and " ".join(text[spans[0][0] : spans[0][1]].split()) == " ".join(
        line.split()
    )


@functools.cache
def title_heads() -> frozenset[str]:
    """Head nouns of job titles outside the role scheme ("President", "Director"),
    lower-cased (``kg/lexicon/title_heads.txt``)."""
    return frozenset(w.lower() for w in _words("title_heads.txt"))


@functools.cache
def terms_of_art() -> frozenset[str]:
    """Terms of art quoted as labels ("special measures", "case to answer"), folded
    (``kg/lexicon/terms.txt``)."""
    return frozenset(fold(w) for w in _words("terms.txt"))


@functools.cache
def abbreviations() -> frozenset[str]:
    """Words whose full stop does not end a sentence."""
    return frozenset(_words("abbreviations.txt"))


RE_AMPERSAND = re.compile(r"\s*&\s*")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case, '&'/'and', quote and dash variants folded away, for comparing names."""
    t = text.lower().replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    if "&" in t:
        t = RE_AMPERSAND.sub(" and ", t)
    # str.split() and the regex \s agree on what is a space (both str.isspace)
    return " ".join(t.split())


@functools.lru_cache(maxsize=4096)
def lowered(text: str) -> str:
    """``text`` lowercased for keyword tests before a case-insensitive regex: wherever
    IGNORECASE matches an ASCII word in ``text``, the word is a substring here. The
    letters IGNORECASE takes for "i" and "s" but ``lower()`` does not ("İ", "ı", "ſ")
    become them."""
    low = text.lower()
    if not low.isascii():
        low = low.replace("i\u0307", "i").replace("ı", "i").replace("ſ", "s")
    return low


def any_in(words: tuple[str, ...], low: str) -> bool:
    """Whether one of ``words`` (lowercase ASCII, with no spaces unless the regex has
    literal ones) occurs in ``low``: a cheap test that a regex every match of which
    holds one of them can match at all."""
    for w in words:  # noqa: SIM110  (a plain loop is twice as quick as any() over a generator)
        if w in low:
            return True
    return False


def guard_words(literals: list[str] | tuple[str, ...]) -> tuple[str, ...] | None:
    """``literals`` lowercased, as words for ``any_in`` before a case-insensitive regex
    that matches one of them; None (test nothing) if one is not ASCII, whose case
    folding ``lowered`` does not promise to follow."""
    words = tuple(sorted({w.lower() for w in literals}))
    return words if all(w.isascii() for w in words) else None


def label_words(labels: list[str]) -> tuple[str, ...] | None:
    """Per label, its longest word of ASCII letters only, lowercased: every match of a
    regex made of ``_label_pattern``s holds one of them ("and" is left out, as it
    matches "&" too). None if a label has no such word."""
    out: set[str] = set()
    for label in labels:
        words = [
            w.lower()
            for part in label.split()
            if part.isascii()
            for w in re.findall("[A-Za-z]+", part)
        ]
        words = [w for w in words if w != "and"]
        if not words:
            return None
        out.add(max(words, key=len))
    return tuple(sorted(out))


def _label_pattern(label: str) -> str:
    parts = []
    for word in re.split(r"\s+", label.strip()):
        w = re.escape(word)
        w = re.sub("['’]", "['’]", w).replace(r"\-", "[-–]")
        if word == "&" or word.lower() == "and":
            w = r"(?:&|and)"
        parts.append(w)
    if parts and parts[0] == "the":
        parts[0] = "[Tt]he"  # "the Met" opens a sentence as "The Met"
    return r"[ \t]+".join(parts)


def _case_sensitive(label: str) -> bool:
    """Acronyms and short or ambiguous labels must match their case ("GMP", "the Met")."""
    return (
        len(label) <= 5
        or label.isupper()
        or label in {"the Met", "Met Police"}
        or any(w.isupper() and len(w) > 1 for w in label.split())
    )


def _head(pat: str) -> tuple[str, str, str] | None:
    """A label pattern as (letter, head, rest): "Durham..." -> ("d", "D", "urham...");
    None unless it starts with one plain ASCII letter or "[Tt]he"."""
    if pat.startswith("[Tt]he"):
        return "t", "[Tt]", pat[4:]
    if pat[:1].isascii() and pat[:1].isalpha() and pat[1:2] not in ("?", "*", "+", "{"):
        return pat[0].lower(), pat[0], pat[1:]
    return None


def _dispatch(alts: list[tuple[str, bool]]) -> str:
    """``(?:a|b|...)`` over ``(pattern, case_insensitive)`` alternatives, in that order,
    grouped by first letter: "(?:D(?:urham...|yfed...)|(?i:h)(?:er Majesty's...)|...)".

    The regex engine tries every alternative at every word start, and org and role
    regexes have hundreds; grouped, it tries one head per letter and then the
    alternatives under the head that matched, in their order. Alternatives under
    different letters never match at one place (case folding maps no ASCII letter
    onto another, and "İ", "ı", "ſ" only onto "i" or "s"), so the alternative that
    matches first is the one the plain alternation would match. Patterns that do
    not start with a plain letter leave the plain alternation."""
    heads = [_head(pat) for pat, _ in alts]
    if any(h is None for h in heads):
        return "(?:" + "|".join(f"(?i:{p})" if ci else p for p, ci in alts) + ")"
    groups: dict[str, list[tuple[str, list[str]]]] = {}
    for h, (_, ci) in zip(heads, alts, strict=True):
        assert h is not None
        letter, head, rest = h
        if ci:
            head, rest = f"(?i:{head})", f"(?i:{rest})" if rest else ""
        runs = groups.setdefault(letter, [])
        if runs and runs[-1][0] == head:
            runs[-1][1].append(rest)  # "D(?:urham|yfed)" for "Durham|Dyfed"
        else:
            runs.append((head, [rest]))
    return (
        "(?:"
        + "|".join(
            head + "(?:" + "|".join(rests) + ")" for runs in groups.values() for head, rests in runs
        )
        + ")"
    )


def alternation(labels: list[str], ci_single_words: bool = True) -> re.Pattern[str]:
    """One regex matching any label, longest first, case-insensitively except acronyms."""
    alts = []
    for label in sorted(set(labels), key=lambda s: (-len(s), s)):
        pat = _label_pattern(label)
        single = " " not in label.strip()
        if _case_sensitive(label) and len(label.split()) >= 3:
            pat = _acronym_led_pattern(label)
        alts.append((pat, not (_case_sensitive(label) or (single and not ci_single_words))))
    return re.compile(r"(?<![\w'’-])" + _dispatch(alts) + r"(?![\w-])")


def _acronym_led_pattern(label: str) -> str:
    """A name of three words or more held to its case by an acronym in it: the acronym
    keeps its capitals, the other words take any case after the first ("HM Inspectorate
    of police", "HM inspectorate of Prisons")."""
    words = label.split()
    return r"[ \t]+".join(
        _label_pattern(w) if i == 0 or (w.isupper() and len(w) > 1) else f"(?i:{_label_pattern(w)})"
        for i, w in enumerate(words)
    )


@functools.cache
def org_labels() -> dict[str, str]:
    """Folded label -> organization key, for every label that names an org outright."""
    out: dict[str, str] = {}
    for org in lexicon().orgs.values():
        for label in org.labels:
            out.setdefault(fold(label), org.key)
    return out


@functools.cache
def context_labels() -> dict[str, str]:
    out: dict[str, str] = {}
    for org in lexicon().orgs.values():
        for label in org.context_labels:
            out.setdefault(fold(label), org.key)
    return out


@functools.cache
def re_org() -> re.Pattern[str]:
    """Every organization label: "Lancashire Constabulary", "HMIC", "the Met". A name of
    one word keeps its case, or is all capitals ("Unison", "UNISON"; not "in unison",
    "a knife amnesty")."""
    labels = [lb for o in lexicon().orgs.values() for lb in o.labels]
    labels += [lb.upper() for lb in labels if " " not in lb.strip()]
    # an acronym spoken as a word, as some papers print it: "Pirc", "Mopac", "Acpo"
    # (one that stands for another of the body's names, so never "Inquest")
    labels += [
        lb.capitalize()
        for o in lexicon().orgs.values()
        for lb in o.labels
        if len(lb) >= 4 and lb.isalpha() and lb.isupper() and _initials_of(lb, o.labels)
    ]
    return alternation(labels, ci_single_words=False)


# words a name's initials leave out: "Police Investigations and Review Commissioner"
_UNINITIALLED = frozenset(("of", "and", "&", "the", "for", "in", "on"))


def _initials_of(acronym: str, labels: tuple[str, ...]) -> bool:
    """Whether ``acronym`` is the initials of one of ``labels`` ("PIRC": "Police
    Investigations and Review Commissioner")."""
    for label in labels:
        words = [w for w in re.split(r"[\s-]+", label) if w]
        if len(words) < 2:
            continue
        # (a small word's initial may be in it or not: "MOPAC", "Mayor's Office for
        # Policing and Crime")
        initials = "".join(
            f"(?:{re.escape(w[0].upper())})?"
            if w.lower() in _UNINITIALLED
            else re.escape(w[0].upper())
            for w in words
        )
        if re.fullmatch(initials, acronym):
            return True
    return False


@functools.cache
def re_org_context() -> re.Pattern[str]:
    return alternation([lb for o in lexicon().orgs.values() for lb in o.context_labels])


@functools.cache
def org_context_words() -> tuple[str, ...] | None:
    """Words one of which every match of ``re_org_context`` holds (see ``any_in``)."""
    return label_words([lb for o in lexicon().orgs.values() for lb in o.context_labels])


def force_of_place(place: str) -> str | None:
    """The police force whose area a place names ("Beds", "West Mercia"), if any."""
    from kg.model import OrgType

    key = place_keys().get(fold(place))
    entry = lexicon().orgs.get(key) if key is not None else None
    return entry.key if entry is not None and entry.type is OrgType.POLICE_FORCE else None


@functools.cache
def place_keys() -> dict[str, str]:
    """Folded place stem -> force key: "lancashire", "lancs", "beds", "greater manchester"."""
    out: dict[str, str] = {}
    for org in lexicon().orgs.values():
        for place in org.places:
            out.setdefault(fold(place), org.key)
    return out


# the mark of an item of a list: "- Bedfordshire", "• Gwent", "2. Kent"
RE_LIST_ITEM = re.compile(r"[ \t]*(?:[-*•·–]|\d{1,2}[.)])[ \t]+")
# between a body or place and the title after it ("the Sussex PCC", "Cleveland's Chief
# Constable"), and between a title and the body after it ("the PCC for West Yorkshire")
RE_TITLE_GAP_AFTER = re.compile(r"(?:['’]s?)?[ \t]+")
RE_OF_BEFORE = re.compile(r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?$")


def title_beside(text: str, start: int, end: int, floor: int, scope: object = None) -> bool:
    """Whether ``text[start:end]`` (a body or its place) is part of someone's title, the
    title right after it or before it with "of"/"for", within the sentence from
    ``floor``; with ``scope`` (an OrgType), only a title held in a body of that type."""
    roles = lexicon().roles

    def fits(m: re.Match[str] | None) -> bool:
        if m is None:
            return False
        if scope is None:
            return True
        key = role_key(m.group())
        return key is not None and roles[key].scope is scope

    gap = RE_TITLE_GAP_AFTER.match(text, end)
    if gap and fits(re_role().match(text, gap.end())):
        return True
    of = RE_OF_BEFORE.search(text, max(floor, start - 12), start)
    if of is None:
        return False
    lo = max(floor, of.start() - 60)
    return any(r.end() == of.start() and fits(r) for r in re_role().finditer(text, lo, of.start()))


@functools.cache
def jurisdiction_places() -> frozenset[str]:
    """Folded places that are also a jurisdiction with an inspectorate of its own
    ("Northern Ireland" of Criminal Justice Inspection Northern Ireland): named alone,
    the country, not its force."""
    from kg.model import OrgType

    names = [
        fold(label)
        for o in lexicon().orgs.values()
        if o.type is OrgType.INSPECTORATE
        for label in o.labels
    ]
    return frozenset(
        p for p in place_keys() if any(re.search(rf"\b{re.escape(p)}$", n) for n in names)
    )


@functools.cache
def re_place() -> re.Pattern[str]:
    """A force's place, capitalised: "Lancashire", "Beds", "South Yorkshire"."""
    places = [p for o in lexicon().orgs.values() for p in o.places]
    alts = [(_label_pattern(p), False) for p in sorted(set(places), key=lambda s: (-len(s), s))]
    return re.compile(r"(?<![\w'’-])" + _dispatch(alts) + r"(?![\w-])")


@functools.cache
def role_labels() -> dict[str, str]:
    out: dict[str, str] = {}
    for role in lexicon().roles.values():
        for label in role.labels:
            out.setdefault(fold(label), role.key)
    return out


# the title heads written in the plural before the names of several holders ("Assistant
# Chief Constables Andy Cowie and John Hawkins", "Inspectors of Constabulary")
PLURAL_TITLE_HEADS = ("Inspector", "Commissioner", "Constable", "Superintendent")
RE_PLURAL_TITLE_HEAD = re.compile(
    r"\b(" + "|".join(h.lower() for h in PLURAL_TITLE_HEADS) + r")s\b", re.IGNORECASE
)


# a full name next: two capitalised words ("Andy Burnham", "Zoe O'Neill")
RE_FULL_NAME_NEXT = r"(?=[ \t]+[A-Z][a-z][\w'’-]*[ \t]+[A-Z])"
# ... or set off by a comma before one, past an honorific: "the new commissioner, Sir
# Mark Rowley," (after a determiner or an owner: ``RE_SET_OFF_TITLE_LEAD``)
RE_FULL_NAME_SET_OFF = r"(?=,[ \t]+(?:Sir[ \t]+|Dame[ \t]+)?[A-Z][a-z][\w'’-]*[ \t]+[A-Z])"
RE_SET_OFF_TITLE_LEAD = re.compile(
    r"(?:\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)|[\w-]+['’]s?)[ \t]+"
    r"(?:(?:new|acting|interim|current|outgoing|temporary)[ \t]+)?$"
)


@functools.cache
def re_role() -> re.Pattern[str]:
    """Every role label, plurals too ("Inspectors of Constabulary"); single words only
    when capitalised ("Inspector Jane Doe", not "inspectors said")."""
    alts: list[tuple[str, bool]] = []
    labels = [lb for r in lexicon().roles.values() for lb in r.labels]
    for label in sorted(set(labels), key=lambda s: (-len(s), s)):
        pat = _label_pattern(label)
        words = label.split()
        # "Inspector(s) of Constabulary", "Commissioner(s)": a plural on the head word
        for i, w in enumerate(words):
            if w in PLURAL_TITLE_HEADS:
                esc = _label_pattern(" ".join(words[: i + 1]))
                rest = _label_pattern(" ".join(words[i + 1 :])) if words[i + 1 :] else ""
                pat = esc + "s?" + (r"[ \t]+" + rest if rest else "")
                break
        alts.append((pat, not (_case_sensitive(label) or len(words) == 1)))
        if len(words) == 1 and label[1:].replace("-", "").islower():
            # a title word in lower case right before a full name: "mayor Andy Burnham",
            # "the panel urged commissioner Zoe Metcalfe" (alone, "the mayor" is no title)
            alts.append((_label_pattern(label.lower()) + RE_FULL_NAME_NEXT, False))
            alts.append((_label_pattern(label.lower()) + RE_FULL_NAME_SET_OFF, False))
    # (after "ex-" and "then-" too: "Ex-chief constable Mike Barton", "then-Chief
    # Constable Mike Fuller")
    return re.compile(
        r"(?:(?<![\w'’-])|(?<=\b[Ee]x-)|(?<=\b[Tt]hen-))" + _dispatch(alts) + r"(?![\w-])"
    )


@functools.lru_cache(maxsize=1024)  # a long article's sentences; holds few texts
def role_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Where ``re_role`` matches in ``text[start:end]``, a sentence. The organizations,
    people and roles extractors all need it; the scan is done once per sentence."""
    words = role_words()
    if words is not None and not any_in(words, lowered(text[start:end])):
        return ()
    found = []
    for m in re_role().finditer(text, start, end):
        if (
            " " not in m.group()
            and not m.group().isupper()  # an abbreviation is whole: "Refuge CEO Ruth Davison"
            and _in_longer_title(text, max(start, m.start() - 40), m.start())
        ):
            continue
        one = m.group()
        if (
            one[0].islower()
            and " " not in one
            and text.startswith(",", m.end())
            and not RE_SET_OFF_TITLE_LEAD.search(text, max(start, m.start() - 40), m.start())
        ):
            continue  # a word set off before a name is a title only after "the" or an owner
        if one[0].islower() and " " not in one and one not in _written_labels():
            # a title word written in lower case only here is the whole title only
            # after no word of a longer one: not "Immigration minister Damian Green",
            # "IOPC regional director Derrick Campbell" (a place's is no such word:
            # "Durham mayor Amanda Hopgood")
            before = RE_TOKEN_BEFORE.search(text, max(start, m.start() - 40), m.start())
            word = before.group(1) if before is not None else ""
            if word.lower() in TITLE_MODIFIERS or (
                word[:1].isupper()
                and word not in _LOWER_TITLE_LEADS
                and word not in party_words()
                and re_place().fullmatch(word) is None
            ):
                continue
        found.append(m.span())
    return tuple(found)


# the last word before a full stop, and a name after it: "Insp. Graeme Smith"
RE_WORD_BEFORE_STOP = re.compile(r"(?<![\w'’-])([A-Za-z]+)$")
RE_NAME_NEXT = re.compile(r"[ \t]+[A-Z][a-z]")


def abbreviation_stop(text: str, end: int) -> bool:
    """Whether a title ending at ``end`` is an abbreviation (``abbreviations``) with a
    full stop, a name after it ("Insp. Graeme Smith"): the stop is the title's, not a
    sentence's end."""
    if text[end : end + 1] != ".":
        return False
    word = RE_WORD_BEFORE_STOP.search(text, max(0, end - 12), end)
    return (
        word is not None
        and word.group(1) in abbreviations()
        and RE_NAME_NEXT.match(text, end + 1) is not None
    )


# the capitalised word right before a one-word title: "Deputy First Minister", "Health
# Minister" are titles the scheme does not hold, not its "Minister"
RE_WORD_BEFORE = re.compile(r"(?<![\w'’.-])([A-Z][a-z]+)[ \t]+$")


@functools.cache
def _written_labels() -> frozenset[str]:
    """The role labels as written ("councillor" is one, "mayor" only as "Mayor")."""
    return frozenset(lb for r in lexicon().roles.values() for lb in r.labels)


# capitalised words a title in lower case may follow ("Its chairman, Paul McKeever"),
# besides a party's ("Conservative councillor Teresa Heritage")
_LOWER_TITLE_LEADS = frozenset({"The", "A", "An", "Its", "His", "Her", "Their"})
# the token right before a position: a word with its punctuation ("B", "Immigration")
RE_TOKEN_BEFORE = re.compile(r"(\S+)[ \t]+$")


def _in_longer_title(text: str, lo: int, pos: int) -> bool:
    m = RE_WORD_BEFORE.search(text, lo, pos)
    if m is None:
        return False
    # ("Chief" before a one-word title makes another title: "The Chief Minister")
    return m.group(1) == "Chief" or m.group(1) not in _title_lead_words()


@functools.cache
def _title_lead_words() -> frozenset[str]:
    """Capitalised words that may stand before a one-word title and leave it the
    scheme's: words of organizations' and places' names ("Kent Police Commissioner"),
    of role labels, honorifics, qualifiers ("Acting"), parties ("Labour PCC") and
    determiners ("The")."""
    return frozenset(
        (
            *_label_words(),
            *lexicon().honorifics,
            *_qualifier_words(),
            *party_words(),
            *("The", "A", "An", "Her", "His", "Its", "Their"),
        )
    )


@functools.cache
def _label_words() -> frozenset[str]:
    """The words of organizations', places' and roles' labels, as written."""
    lex = lexicon()
    words: set[str] = set()
    for o in lex.orgs.values():
        for lb in (*o.labels, *o.context_labels, *o.places):
            words.update(w.strip("'’()") for w in lb.split())
    for r in lex.roles.values():
        for lb in (*r.labels, *r.context_labels):
            words.update(w.strip("'’()") for w in lb.split())
    return frozenset(words)


@functools.cache
def _qualifier_words() -> frozenset[str]:
    """The qualifiers' words, capitalised: "Acting", "Temporary", "Newly", "Appointed"."""
    return frozenset(w.capitalize() for q in lexicon().qualifiers for w in q.split())


@functools.cache
def role_words() -> tuple[str, ...] | None:
    """Words one of which every match of ``re_role`` holds (see ``any_in``)."""
    return label_words([lb for r in lexicon().roles.values() for lb in r.labels])


@functools.cache
def role_key(text: str) -> str | None:
    """Role key of a matched role label, plural or not."""
    f = fold(text)
    labels = role_labels()
    if f in labels:
        return labels[f]
    return labels.get(RE_PLURAL_TITLE_HEAD.sub(r"\1", f))


# an article of policing south of the border: "his final State of Policing report for
# England and Wales", "all 43 forces in England and Wales"
RE_ENGLAND_AND_WALES = re.compile(r"\b(?:in|for|of|across)[ \t]+England[ \t]+and[ \t]+Wales\b")


def mentioned_for_titles(text: str, mentioned: frozenset[str]) -> frozenset[str]:
    """The organizations that decide which of two bodies' shared titles an article means
    (``role_meant``): a force of a country with an inspectorate of its own named in
    passing ("on the Police Scotland model") in an article of policing in England and
    Wales does not make its "Chief Inspector of Constabulary" Scotland's; that
    country's inspectorate named still does."""
    if not RE_ENGLAND_AND_WALES.search(text):
        return mentioned
    own = own_inspectorates()
    return frozenset(k for k in mentioned if k not in own or own[k] & mentioned)


@functools.cache
def own_inspectorates() -> dict[str, frozenset[str]]:
    """The forces of a country with an inspectorate of its own, each with the
    inspectorates whose names end with that country (Police Scotland: HMICS, "... in
    Scotland"; the PSNI: "Criminal Justice Inspection Northern Ireland")."""
    from kg.model import OrgType

    out: dict[str, set[str]] = {}
    for o in lexicon().orgs.values():
        if o.type is not OrgType.INSPECTORATE:
            continue
        for label in o.labels:
            for p in jurisdiction_places():
                force = place_keys().get(p)
                if force is not None and re.search(rf"\b{re.escape(p)}$", fold(label)):
                    out.setdefault(force, set()).add(o.key)
    return {k: frozenset(v) for k, v in out.items()}


def role_meant(key: str, mentioned: frozenset[str]) -> str:
    """Of the roles that share ``key``'s label, the one an article that names the
    organizations ``mentioned`` means: one whose ``preferred_when`` organizations it
    names ("Justice Secretary", "the Chief Inspector of Constabulary" in Scotland)."""
    lex = lexicon()
    label = fold(lex.roles[key].label)
    if any(lex.orgs[k].chief_role == key for k in mentioned if k in lex.orgs):
        return key  # "Commissioner" beside the Met, which a Commissioner leads
    for other in lex.roles.values():
        if other.preferred_when & mentioned and label in {fold(x) for x in other.labels}:
            return other.key
    return key


@functools.cache
def re_context_role() -> re.Pattern[str]:
    """ "the present Chief, Lauren Poultney": a context label only in that shape."""
    labels = [lb for r in lexicon().roles.values() for lb in r.context_labels]
    alts = "|".join(re.escape(lb) for lb in labels) or "(?!)"
    return re.compile(r"\b[Tt]he[ \t]+(?:(?P<q>[a-z]+)[ \t]+)?(?P<role>" + alts + r"),[ \t]+")


@functools.cache
def re_context_role_of() -> re.Pattern[str]:
    """ "the chair of the APCC, Nick Alston": a context label before the body it is held
    in (the body, and the name after it, are the caller's to find)."""
    labels = [lb for r in lexicon().roles.values() for lb in r.context_labels]
    alts = "|".join(re.escape(lb) for lb in labels) or "(?!)"
    return re.compile(
        r"\b[Tt]he[ \t]+(?:(?P<q>[a-z]+)[ \t]+)?(?P<role>" + alts + r")(?=[ \t]+(?:of|at)[ \t])"
    )


@functools.cache
def context_role_words() -> tuple[str, ...]:
    """The context labels, one of which (case as written) every match of
    ``re_context_role`` holds."""
    return tuple(lb for r in lexicon().roles.values() for lb in r.context_labels)


@functools.cache
def context_role_key(label: str) -> str | None:
    for r in lexicon().roles.values():
        if label in r.context_labels:
            return r.key
    return None


@functools.cache
def re_reporting_verb() -> re.Pattern[str]:
    verbs = sorted(lexicon().reporting_verbs, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(v) for v in verbs) + r")\b")


@functools.cache
def re_honorific() -> re.Pattern[str]:
    hons = sorted(lexicon().honorifics, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(h) for h in hons) + r")\.?(?=[ \t])")


@functools.lru_cache(maxsize=1024)  # a long article's sentences; holds few texts
def honorific_spans(text: str, start: int, end: int) -> tuple[tuple[int, int], ...]:
    """Where ``re_honorific`` matches in ``text[start:end]``, a sentence; none without
    one of the honorifics (case as written) in it."""
    if not any_in(lexicon().honorifics, text[start:end]):
        return ()
    return tuple(m.span() for m in re_honorific().finditer(text, start, end))


@functools.cache
def re_qualifier() -> re.Pattern[str]:
    quals = sorted(lexicon().qualifiers, key=len, reverse=True)
    # also in brackets: "the (then) Home Secretary Yvette Cooper"; a force's slash
    # forms glued to the title: "T/ACC" (temporary), "A/Supt" (acting)
    alts = "|".join(re.escape(q) for q in quals)
    return re.compile(r"(?i:\(?\b(?P<q>" + alts + r")(?:\b\)?(?:[ \t]+|-)|(?<=/)))$")


@functools.cache
def re_coreference() -> re.Pattern[str]:
    phrases = sorted(lexicon().coreference, key=len, reverse=True)
    return re.compile(
        r"(?<![\w'’-])(?i:" + "|".join(_label_pattern(p) for p in phrases) + r")(?!['’]?[\w-])"
    )


@functools.cache
def coreference_words() -> tuple[str, ...] | None:
    """Words one of which every match of ``re_coreference`` holds (see ``any_in``)."""
    return label_words(list(lexicon().coreference))


@functools.cache
def name_stopwords() -> frozenset[str]:
    """Capitalised words that are never part of a person's name: words of org and
    role labels, places, months and weekdays, sentence openers, the head nouns of
    bodies' names ("Authority") and of titles ("Director"), and the words that end a
    body's name ("Amnesty International")."""
    import calendar

    words: set[str] = set(_label_words())
    lex = lexicon()
    for k in lex.kinds.values():
        for lb in k.labels:
            words.update(w.capitalize() for w in lb.split())
    words.update(calendar.month_name[1:])
    words.update(calendar.day_name)
    words.update(lex.honorifics)
    # ... and each word of one of several words: "Rt Hon Alun Michael"
    words.update(w for h in lex.honorifics for w in h.split())
    # "Temporary Deputy Chief Constable Liane James", "Acting Chief Constable ..."
    words.update(_qualifier_words())
    words.update(_words("not_names.txt"))
    words.update(org_heads())
    # "APCC Victims Lead Dame Vera Baird": the head of a title outside the scheme
    words.update(w.capitalize() for w in title_heads())
    words.update(
        word
        for word, kind in (line.split("\t") for line in _words("attribution.txt"))
        if kind == "body"
    )
    return frozenset(w for w in words if w)


@functools.cache
def inspectorate_names() -> str:
    """Every inspectorate label, as a regex alternation (longest first, ' and & folded)."""
    from kg.model import OrgType

    labels = [lb for o in lexicon().orgs_of(OrgType.INSPECTORATE) for lb in o.labels]
    return _dispatch(
        [(_label_pattern(lb), False) for lb in sorted(set(labels), key=lambda s: (-len(s), s))]
    )


def names_inspectorate(text: str) -> bool:
    """Whether ``re_inspectorate`` matches in ``text``, with a keyword test first."""
    words = inspectorate_words()
    if words is not None and not any_in(words, lowered(text)):
        return False
    return re_inspectorate().search(text) is not None


@functools.cache
def inspectorate_words() -> tuple[str, ...] | None:
    """Words one of which every match of ``re_inspectorate`` holds (see ``any_in``)."""
    from kg.model import OrgType

    return label_words([lb for o in lexicon().orgs_of(OrgType.INSPECTORATE) for lb in o.labels])


@functools.cache
def re_inspectorate() -> re.Pattern[str]:
    """An inspectorate named outright: "HMICFRS", "Her Majesty's Inspectorate of Constabulary"."""
    return re.compile(r"(?<![\w'’-])(?:" + inspectorate_names() + r")(?![\w-])")


# --- organizations the reference data does not list -----------------------------

# A word of a capitalised name: "Howard", "Police", "O'Brien", "GMCA", "Victims'"
RE_CAP_WORD = re.compile(r"[A-Z][\w'’&.-]*")
# a capitalised compound adjective, never the start of a body's name: "the UK-wide
# National Crime Agency", "the London-based Howard League", "a Met-led review"
RE_COMPOUND_ADJECTIVE = re.compile(r"[A-Z][\w'’&.]*-(?:wide|based|led|run|funded|backed)")
# "Police Superintendents' Association": a plural's possessive inside a name
RE_PLURAL_POSSESSIVE = re.compile(r"[A-Z][\w&.-]*s['’]")


@functools.cache
def local_area_words() -> frozenset[str]:
    """The words of a local area's name before its "of" ("City of York Council"):
    ``kg/lexicon/local_area_words.txt``."""
    return frozenset(_words("local_area_words.txt"))


# Words that join the parts of a body's name: "League for Penal Reform",
# "Society for the Prevention of Cruelty to Children".
NAME_JOINS = frozenset({"of", "for", "the", "and", "&", "on", "in", "to"})
# Words that only open a name: a body "of X" starts with its head ("Department for
# Education"), never ends with it ("Professional Standards Department" is a unit).
HEAD_FIRST_ONLY = frozenset({"Department"})
RE_POSSESSIVE_WORD = re.compile(r"['’]s$")


@functools.cache
def _re_titled_body() -> re.Pattern[str]:
    """A capitalised name in the slot of a job title's body, in an apposition set off
    by a comma: ", general secretary of Napo,", ", audit director at Audit Scotland.",
    ", Unison's national officer"."""
    # the heads of job titles outside the scheme, and of the scheme's titles any body
    # may hold ("chief executive", "chair")
    held_anywhere = {
        label.split()[-1].lower()
        for role in lexicon().roles.values()
        if role.scope is None and not role.bodiless
        for label in role.labels
    }
    heads = sorted(title_heads() | held_anywhere)
    alts = "|".join(re.escape(h) for h in heads)
    cap = r"[A-Z][\w'’&-]*"
    run = rf"{cap}(?:[ \t]+(?:(?:of|for|and|&)[ \t]+)?{cap})*"
    return re.compile(
        rf",[ \t]+(?:the[ \t]+)?(?:[\w-]+[ \t]+){{0,3}}?(?i:{alts})[ \t]+(?:of|at)[ \t]+"
        rf"(?:the[ \t]+)?(?P<body>{run})(?=[ \t]*[,;.]|[ \t]+(?:said|says|told|added)\b)"
        rf"|,[ \t]+(?:the[ \t]+)?(?P<owner>{run})['’]s[ \t]+(?:[\w-]+[ \t]+){{0,3}}?"
        rf"(?i:{alts})\b"
    )


# the word a force's name ends with: "Police", "Constabulary"
RE_FORCE_HEAD_WORD = re.compile(rf"\b{FORCE_HEAD}\b")
# a capitalised word ending a stretch: the name an apposition follows
RE_CAP_WORD_END = re.compile(r"(?<![\w'’-])[A-Z][\w'’.-]*$")


def titled_body_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The names in ``text[start:end]`` (a sentence) that a job title set off by
    commas holds as its body, whatever their words: "Ian Lawrence, general secretary
    of Napo, said", "Ben Priestley, Unison's national officer for police". A place
    ("chair of Cumbria"), a title, an acronym or a common noun the article also writes
    in lower case ("head of Custody") is none."""
    out: list[tuple[int, int]] = []
    if "," not in text[start:end]:
        return out
    for m in _re_titled_body().finditer(text, start, end):
        if RE_CAP_WORD_END.search(text, max(start, m.start() - 30), m.start()) is None:
            continue  # the apposition of a name: "Ian Lawrence, ..." (not "protocol, ...")
        group = "body" if m.group("body") else "owner"
        a, b = m.span(group)
        name = text[a:b]
        if re_place().fullmatch(name) or role_key(name) is not None:
            continue
        if RE_FORCE_HEAD_WORD.search(name):
            continue  # a force's name, found by its own labels
        if name.isupper():
            continue  # an acronym: the short name of a body named in full elsewhere
        lower = re.compile(rf"\b{re.escape(name.lower())}\b")
        if " " not in name and (name in org_heads() or lower.search(text)):
            continue  # a common noun in capitals ("head of Custody", "the Society's")
        out.append((a, b))
    return out


def _pairs(name: str) -> dict[str, str]:
    """A lexicon file of ``word <TAB> value`` lines, as a mapping."""
    return dict(line.split("\t", 1) for line in _words(name))


@functools.cache
def org_heads() -> dict[str, str]:
    """Head noun -> the type of body it names (``kg/lexicon/org_heads.txt``)."""
    return _pairs("org_heads.txt")


@functools.cache
def body_kinds() -> dict[str, str]:
    """A noun for a kind of body -> its type (``kg/lexicon/body_kinds.txt``)."""
    return _pairs("body_kinds.txt")


@functools.cache
def body_kind_alternation() -> str:
    """The kinds of body as a regular expression's alternation, longest first."""
    return "|".join(sorted(map(re.escape, body_kinds()), key=len, reverse=True))


@functools.cache
def re_kind_before_name() -> re.Pattern[str]:
    """Up to three lower-case words ending in a kind of body, before the body's name:
    "national domestic violence charity ", "prison officers union "."""
    return re.compile(rf"(?:[a-z-]+[ \t]+){{0,3}}(?:{body_kind_alternation()})[ \t]+")


RE_WORD = re.compile(r"\S+")


@functools.cache
def head_words() -> tuple[str, ...]:
    """The head nouns, as written: one of them is in every name ``named_org_spans``
    finds (a test before the sentence is cut into words)."""
    return tuple(sorted(org_heads()))


@functools.cache
def prison_words() -> tuple[str, ...]:
    """The first word of each prison word, as written: one is in every match of
    ``re_prison`` (a test before it runs)."""
    return tuple(sorted({line.split("\t")[0].split()[0] for line in _words("prisons.txt")}))


@functools.cache
def _re_prison_style() -> re.Pattern[str]:
    before = [
        _label_pattern(words)
        for words, where in (line.split("\t") for line in _words("prisons.txt"))
        if where == "before"
    ]
    return re.compile(r"(?:" + "|".join(sorted(before, key=len, reverse=True)) + r")(?![\w-])")


def prison_styled(name: str) -> bool:
    """Whether a prison's name is in its official style, the prison words before the
    place ("HMP Liverpool", "HMYOI Cookham Wood"; ``kg/lexicon/prisons.txt``)."""
    return _re_prison_style().match(name) is not None


@functools.cache
def re_prison() -> re.Pattern[str]:
    """A prison or young offender institution: "HMP Liverpool", "HMYOI Cookham Wood",
    "Feltham Young Offenders Institution", "Glen Parva YOI" (``kg/lexicon/prisons.txt``)."""
    before: list[str] = []
    after: list[str] = []
    common: list[str] = []  # "Wandsworth prison": a common noun after the name
    for line in _words("prisons.txt"):
        words, where = line.split("\t")
        bucket = before if where == "before" else common if words[0].islower() else after
        bucket.append(_label_pattern(words))
    # a place of up to three words, not running on into a title after it: "HMP
    # Winchester Governor James Bourke" (an "of" inside: "HMP Isle of Wight")
    heads = r"(?!(?:" + "|".join(sorted(map(re.escape, _words("title_heads.txt")))) + r")\b)"
    name = heads + r"[A-Z][\w'’-]+(?:[ \t]+(?:of[ \t]+)?" + heads + r"[A-Z][\w'’-]+){0,2}"
    # "Another YOI slammed": a name before the prison words starts with no opener
    opener = r"(?!(?:" + "|".join(sorted(map(re.escape, _words("not_names.txt")))) + r")\b)"
    # a common noun makes a name only of a name with no determiner: "Wandsworth prison",
    # never "a London prison" or "the Victorian prison"
    bare = r"(?<![Aa][ \t])(?<![Aa]n[ \t])(?<![Tt]he[ \t])"

    def longest_first(words: list[str]) -> str:
        return r"(?:" + "|".join(sorted(words, key=len, reverse=True)) + r")"

    alts = (
        # (past the words' abbreviation: "HM Prison and Young Offender Institution (YOI)
        # Feltham")
        longest_first(before) + rf"(?:[ \t]+{PRISON_STYLE_ABBR})?[ \t]+" + name,
        opener + name + r"[ \t]+" + longest_first(after),
        bare + opener + name + r"[ \t]+" + longest_first(common),
    )
    return re.compile(r"(?<![\w'’-])(?:" + "|".join(alts) + r")(?![\w-])(?![ \t]+Service)")


def prison_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The prisons ``re_prison`` finds in ``text[start:end]``; a name before a common noun
    only where it opens its run of capitalised words and is not one word of a wider
    place's name: "Wandsworth prison", never "the category B Victorian prison", "the
    County Londonderry prison" or "self-harm at Yorkshire prison" (South Yorkshire's)."""
    out = []
    for m in re_prison().finditer(text, start, end):
        if m.group().split()[-1][0].islower():
            before = RE_TOKEN_BEFORE.search(text, max(0, m.start() - 40), m.start())
            if before is not None and RE_CAP_WORD.fullmatch(before.group(1)):
                continue
            place = prison_place(m.group())
            if place not in place_keys() and any(
                f" {place} " in f" {key} " for key in place_keys()
            ):
                continue
        out.append(m.span())
    return out


@functools.cache
def re_prison_word() -> re.Pattern[str]:
    """The prison words of a prison's name: "HMP", "HM YOI", "Young Offenders Institution"."""
    words = [line.split("\t")[0] for line in _words("prisons.txt")]
    return re.compile(
        r"(?<![\w'’-])(?:"
        + "|".join(_label_pattern(w) for w in sorted(words, key=len, reverse=True))
        + r")(?![\w-])"
    )


def prison_place(name: str) -> str:
    """A prison's name without its prison words, folded: "HM YOI Feltham" and "Feltham
    Young Offenders Institute" are both "feltham"."""
    return fold(re_prison_word().sub(" ", name))


@functools.cache
def re_inspected_body() -> re.Pattern[str]:
    """A local body named by how the names of the bodies an inspectorate inspects end
    (ontology/remits.ttl): "Derbyshire Probation Delivery Unit", "Bradford Youth
    Offending Team", "Cheshire and Greater Manchester Community Rehabilitation Company";
    its place may list areas ("Bristol, Gloucestershire, Somerset and Wiltshire")."""
    ends = sorted({e for o in lexicon().orgs.values() for e in o.inspects}, key=len, reverse=True)
    # a place's words: no opener ("Yesterday"), nor another body's or a title's head
    # ("Essex Police and Kent Fire and Rescue Service" is two bodies)
    stop = {*_words("not_names.txt"), *org_heads(), *_words("title_heads.txt")}
    word = r"(?!(?:" + "|".join(sorted(map(re.escape, stop))) + r"|" + FORCE_HEAD + r")\b)"
    word += r"[A-Z][\w'’-]+"
    place = word + r"(?:(?:,[ \t]+|[ \t]+(?:and|&)[ \t]+|[ \t]+)" + word + r"){0,5}"
    return re.compile(
        r"(?<![\w'’-])"
        + place
        + r"[ \t]+(?:"
        + "|".join(_label_pattern(e) for e in ends)
        + r")(?![\w-])"
    )


_DATE_WORDS = frozenset((*calendar.month_name[1:], *calendar.day_name))


# the words of a public service in general, which name no one body however capitalised
GENERIC_NAME_WORDS = frozenset(
    ("police", "policing", "fire", "rescue", "and", "&", "the", "service", "services")
    # ... or a court of a kind, named by no place: "the Crown Court", "magistrates' courts"
    + ("crown", "magistrates", "magistrates'", "magistrates’", "youth", "court", "courts")
)
RE_ROYAL = re.compile(r"Majesty['’]s\b")
# closed-class words that open a sentence, never a body's name: "Among Public
# Prosecution Service (PPS) files"
_OPENERS = frozenset(
    ("The", "A", "An", "This", "That", "These", "Those", "Had", "Has", "Have", "If", "When")
    + ("Among", "Amongst", "Across", "After", "Before", "Despite", "During", "Following")
    + ("For", "From", "In", "Under", "Unlike", "Within", "Without", "With")
)
# possessive pronouns, which open no body's name either: "His Labour predecessor"
_PRONOUNS = frozenset(("His", "Her", "Its", "Their", "Our", "My", "Your"))
# words a headline in title case capitalises that no body's name holds before its head:
# "PSNI Says 'Sincere Apologies' To Families After Ombudsman Report" names no "Apologies'
# To Families After Ombudsman"
_TITLE_CASE_BREAKS = frozenset(
    ("To", "After", "Says", "Say", "Over", "Amid", "Following", "Against", "As")
    + ("Is", "Are", "Was", "Were", "Will", "Urges", "Calls", "Slams", "Welcomes")
)


def _party_follows(words: list[tuple[int, int, str]], k: int) -> bool:
    """Whether a party's name opens at ``k``: a party word that is no ordinary adjective
    ("Labour", "Conservative"), or one that is, before another ("Liberal Democrats")."""
    parties, adjectives = party_words(), party_adjectives()
    if k >= len(words) or words[k][2].rstrip(",.;:") not in parties:
        return False
    first = words[k][2]
    return first not in adjectives or (
        k + 1 < len(words) and words[k + 1][2].rstrip(",.;:") in parties
    )


def _head_within(words: list[tuple[int, int, str]], k: int, heads: dict[str, str]) -> bool:
    """Whether a head noun is among the next three capitalised words from ``k``, with no
    punctuation before it: "and Crime Panel", "and Rescue Authority", "and Social Care
    Trust"."""
    for n in range(k, min(k + 3, len(words))):
        w = words[n][2]
        bare = w.rstrip(",.;:)”\"'’")
        if not RE_CAP_WORD.fullmatch(bare):
            return False
        if bare in heads:
            return True
        if bare != w:
            return False
    return False


def _holds_head(words: list[tuple[int, int, str]], k: int, heads: dict[str, str]) -> bool:
    """Whether the capitalised run starting at word ``k`` holds a head noun (also past an
    "and" just before one: "HM Prison and Probation Service")."""
    while k < len(words):
        if words[k][2] in ("and", "&") and _head_within(words, k + 1, heads):
            k += 1
            continue
        if not RE_CAP_WORD.match(words[k][2]):
            return False
        bare = words[k][2].rstrip(",.;:)”\"'’")
        if bare in heads:
            return True
        if bare != words[k][2]:
            return False
        k += 1
    return False


def _listed_to_head(words: list[tuple[int, int, str]], j: int, heads: dict[str, str]) -> bool:
    """Whether the word at ``j``, ending with a comma, begins a list of single capitalised
    words that "and" closes right before a head: one body's name ("North Yorkshire
    Police, Fire and Crime Panel", "Bristol, Gloucestershire, Somerset and Wiltshire
    CRC"), not a list of bodies."""
    k = j + 1
    while k < len(words) and words[k][2].endswith(",") and RE_CAP_WORD.fullmatch(words[k][2][:-1]):
        k += 1
    if not (k + 2 < len(words) and RE_CAP_WORD.fullmatch(words[k][2]) and words[k + 1][2] == "and"):
        return False
    return words[k + 2][2] in heads or (
        k + 3 < len(words)
        and RE_CAP_WORD.fullmatch(words[k + 2][2]) is not None
        and words[k + 3][2].rstrip(",.;:") in heads
    )


def _names_a_body_or_place(words: str) -> bool:
    """Whether ``words``, a possessive ("Northern Ireland's", "the IOPC's"), is of a place,
    a body the reference data knows, or a name that is not a title's or a common noun's."""
    base = RE_POSSESSIVE_WORD.sub("", words.rstrip("’'")).strip()
    if re_place().fullmatch(base) or re_org().fullmatch(base):
        return True
    last = base.split()[-1] if base.split() else ""
    return role_key(last) is None and last.lower() not in possessive_nouns()


@functools.cache
def possessive_nouns() -> frozenset[str]:
    """Nouns whose possessive is part of a body's name ("Coroner's Court"):
    ``kg/lexicon/possessive_nouns.txt``."""
    return frozenset(_words("possessive_nouns.txt"))


@functools.cache
def _leading_qualifiers() -> frozenset[str]:
    """The one-word qualifiers of a role that no body's name starts with ("acting",
    "former", "outgoing"; not "new": "New Forest District Council")."""
    keep = {"new", "present", "current"}
    return frozenset(q for q in lexicon().qualifiers if " " not in q and q not in keep)


def named_org_spans(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The names in ``text[start:end]`` (a sentence) built on an organization head noun,
    with the type each names: (start, end, kind). A run of capitalised words, which
    may go on past "of", "for", "the", ... once it holds a head ("Howard League for
    Penal Reform"), ends at its last head ("Lancashire Police Federation chair" is the
    Federation); a leading "The" and capitalised words before a join that holds no
    head ("Critics of the ...") are not part of it."""
    heads = org_heads()
    out: list[tuple[int, int, str]] = []
    if not any_in(head_words(), text[start:end]):
        return out
    roles_at: dict[int, int] | None = None  # where each title starts: where it ends
    words: list[tuple[int, int, str]] = []
    # words after an opening bracket or quotation mark: "[Leicestershire Police Federation
    # news]", ‘“West Mercia Probation Trust is known ...’
    opens = set()
    for m in RE_WORD.finditer(text, start, end):
        w = m.group().lstrip("[(“‘\"'")
        if w != m.group():
            opens.add(len(words))
        words.append((m.end() - len(w) - start, m.end() - start, w))
    i = 0
    while i < len(words):
        s0, e0, w0 = words[i]
        # (a role's qualifier opens no body's name: "Acting Prisons and Probation
        # Ombudsman Elizabeth Moody", "Interim Police Federation chair")
        if not RE_CAP_WORD.match(w0) or w0.lower() in _leading_qualifiers():
            i += 1
            continue
        j = i
        last_head = -1
        kind = ""
        while j < len(words):
            s, e, w = words[j]
            if j > i and j in opens:
                break
            bare = w.rstrip(",.;:)”\"'’]")
            if (
                bare[-2:] in ("'s", "’s")
                and bare[:-2] in heads
                and j > i
                and (j + 1 == len(words) or not words[j + 1][2][:1].isupper())
            ):
                # a head in the possessive before a common noun ends the name: "Bradford
                # Council's chief executive" (not a possessive inside one: "Staffordshire
                # Commissioner's Office", "the Probation Service's National Security
                # Division")
                last_head, kind = j, heads[bare[:-2]]
                j += 1
                break
            if (
                bare[-2:] in ("'s", "’s")
                and last_head >= 0
                and j > last_head
                and not _holds_head(words, j + 1, heads)
            ):
                # a possessive past the head, no head after it, ends the name: "the
                # Howard League for Penal Reform's Director of Campaigns"
                j += 1
                break
            if RE_CAP_WORD.fullmatch(bare):
                if (
                    bare in heads
                    and (bare not in HEAD_FIRST_ONLY or j == i)
                    # (not a head that ends a title: "Chief Executive of Refuge", "SPA
                    # Chief Executive")
                    and not (j > i and role_key(f"{words[j - 1][2]} {bare}") is not None)
                ):
                    last_head, kind = j, heads[bare]
                    if bare == w and _party_follows(words, j + 1):
                        # a party's group after a council's name: "Stockport Council
                        # Liberal Democrats" is the council, then the party
                        j += 1
                        break
                if bare != w and last_head >= 0 and j > last_head and w.endswith(","):
                    # a title with commas inside the name: "the Office of the Police, Fire
                    # and Crime Commissioner" goes on to the title's end
                    if roles_at is None:
                        roles_at = dict(role_spans(text, start, end))
                    stop = roles_at.get(start + s)
                    if stop is not None:
                        # (its last word; a mark after it ends the name there)
                        k = next(
                            (k for k in range(j, len(words)) if start + words[k][1] >= stop),
                            len(words) - 1,
                        )
                        j = k + 1
                        if start + words[k][1] == stop:
                            continue
                        break
                if (
                    bare != w
                    and not RE_PLURAL_POSSESSIVE.fullmatch(w)
                    and not (w == bare + "," and last_head < 0 and _listed_to_head(words, j, heads))
                ):
                    j += 1  # punctuation ends the name here ("Superintendents'" does not)
                    break
                j += 1
                continue
            if (
                w in ("and", "&")
                and last_head < 0
                and j > i
                and _head_within(words, j + 1, heads)
                # (not "the Police and Crown Prosecution Service": a body of its own after)
                and (j + 1 >= len(words) or re_org().match(text, start + words[j + 1][0]) is None)
            ):
                j += 1  # "Nottinghamshire Police and Crime Panel": one body
                continue
            if (
                w == "of"
                and last_head < 0
                and j > i
                and all(x[2] in local_area_words() for x in words[i:j] if x[2] != "The")
                and _head_within(words, j + 1, heads)
            ):
                j += 1  # "City of York Council", "Royal Borough of Greenwich Council"
                continue
            if w in NAME_JOINS and last_head >= 0:
                k = j
                while k < len(words) and words[k][2] in NAME_JOINS:
                    k += 1
                if (
                    k < len(words)
                    and RE_CAP_WORD.match(words[k][2])
                    and words[k][2].rstrip(",.;:") not in _DATE_WORDS
                ):
                    joins = {x[2] for x in words[j:k]}
                    known = re_org().match(text, start + words[k][0]) is not None
                    if (
                        known
                        or joins & {"and", "&"}
                        and (_holds_head(words, k, heads) or j == last_head + 1)
                    ):
                        # "the League and the Society", "the Home Office and Crown
                        # Prosecution Service", "GEO Group UK Ltd for the Home Office",
                        # "Aberdeen City Council and NHS Grampian" (an "and" right after
                        # the head): two bodies
                        break
                    j = k  # the name goes on: "League for Penal Reform"
                    continue
            break
        if last_head >= 0:
            # an opener is no part of it: "The", "THE Ulster Unionist Party", "Had Parliament"
            first = i + 1 if words[i][2].capitalize() in _OPENERS else i
            # a possessive pronoun opening a sentence ("His Labour predecessor"), not the
            # royal style ("His Majesty's Inspectorate")
            if (
                first == i
                and words[i][2] in _PRONOUNS
                and i + 1 < len(words)
                and not RE_ROYAL.match(words[i + 1][2])
            ):
                first = i + 1
            # a possessive opens the name after it: "Northern Ireland's Police Ombudsman",
            # but not the royal style of a name: "His Majesty's Prison and Probation Service"
            # and so does a compound adjective: "the UK-wide National Crime Agency"
            # (a possessive of a title's or a common noun is the name's own: "Staffordshire
            # Commissioner's Office", "West London Coroner's Court")
            for k in range(first, last_head):
                w = words[k][2]
                if w in _TITLE_CASE_BREAKS:
                    first = k + 1
                    continue
                if (
                    RE_POSSESSIVE_WORD.search(w)
                    and not RE_ROYAL.match(w)
                    and _names_a_body_or_place(text[start + words[first][0] : start + words[k][1]])
                ) or RE_COMPOUND_ADJECTIVE.fullmatch(w):
                    first = k + 1
            # a party before a body not a party's is the holder's affiliation: "DUP
            # Policing Board member Jonathan Craig" ("Liberal Democrats" is the party)
            head = words[last_head][2].rstrip(",.;:)”\"'’]")
            if head not in party_words() and head != "Party":  # (not "the Labour Party")
                while (
                    first < last_head
                    and words[first][2] in party_words()
                    # (an adjective opens the body's name, unless a party's name goes
                    # on: "Liberal Democrat", not "the Independent Scrutiny ... Board")
                    and (
                        words[first][2] not in party_adjectives()
                        or words[first + 1][2] in party_words()
                    )
                ):
                    first += 1
            end_word = j - 1
            # past the last head only through a join ("... Society for the Prevention
            # of Cruelty to Children"), never plain capitals ("Federation Chair")
            tail = words[last_head + 1 : j]
            if tail and fold(" ".join(w[2] for w in tail).rstrip(",.;:)”\"'’")) in (
                jurisdiction_places()
            ):
                pass  # past the head, the jurisdiction's name: "Probation Board Northern Ireland"
            elif not tail or tail[0][2] not in NAME_JOINS:
                end_word = last_head
            else:
                # nor into a title before its holder's name: "the Independent Office for
                # Police Conduct Director General Michael Lockwood"
                titled = {
                    a - start
                    for a, b in role_spans(text, start, end)
                    if RE_NAME_NEXT.match(text, b, end)
                }
                end_word = next(
                    (
                        k - 1
                        for k in range(last_head + 2, j)
                        if words[k][0] in titled and words[k - 1][2] not in NAME_JOINS
                    ),
                    end_word,
                )
            while end_word > last_head and words[end_word][2] in NAME_JOINS:
                end_word -= 1  # a join the name did not go on past: "the High Court in *Edinburgh*"
            generic = all(
                w[2].rstrip(",.;:)”\"'’").lower() in GENERIC_NAME_WORDS
                for w in words[first : end_word + 1]
            )
            # a head alone ("Government", "Council") is no name, nor a head with only the
            # words of the service it is ("our Police Service", "Fire and Rescue Service")
            if first < end_word and not generic:
                a = start + words[first][0]
                b = start + words[end_word][1]
                while b > a and text[b - 1] in ",.;:)”\"'’*_":
                    b -= 1
                if text[b - 2 : b] in ("'s", "’s"):
                    b -= 2  # the possessive's ending: "Bradford Council's"
                out.append((a, b, kind))
        i = max(j, i + 1)
    return out


# a paragraph's first word set in capitals, as papers open a story: "NICK Gargan ought
# to resign", "ROD Hansen took office today"
RE_CAPITAL_LEAD = re.compile(r"(?<![\w'’-])([A-Z]{3,})(?:['’](S))?(?=[ \t]+[A-Z][a-z])")


def capital_leads(text: str, sents: list[Sentence]) -> str:
    """``text`` with each paragraph's opening word in capitals written as a name is
    ("NICK" as "Nick", "WARWICKSHIRE'S" as "Warwickshire's"), of the same length: not an
    acronym the reference data or the lexicon knows ("PCC Sue Mountstevens", "HMIC").
    The people and roles extractors read names and places in it; evidence stays the
    article's own text."""
    out = text
    for i, sent in enumerate(sents):
        if i and sents[i - 1].paragraph == sent.paragraph:
            continue
        head = sent.text.lstrip()
        m = RE_CAPITAL_LEAD.match(head)
        if m is None:
            continue
        word = m.group(1)
        if (
            not any(c in "AEIOUY" for c in word)
            or role_key(word) is not None
            or fold(word) in org_labels()
            or word in abbreviations()
        ):
            continue
        at = sent.span.start + len(sent.text) - len(head)
        out = out[:at] + word.title() + out[at + len(word) :]
        if m.group(2):  # and its possessive: "WARWICKSHIRE'S Police Crime Commissioner"
            out = out[: at + len(word) + 1] + "s" + out[at + len(word) + 2 :]
    return out


# an inspectorate's part in another's inspection: "took part in", "joined", "assisted"
RE_TOOK_PART = re.compile(
    r"[ \t]+(?:also[ \t]+)?(?:(?:took|takes|has[ \t]+taken|had[ \t]+taken)[ \t]+part[ \t]+in|"
    r"joined|assisted(?:[ \t]+(?:with|in))?|contributed[ \t]+to)[ \t]+(?:the|this|that)[ \t]+"
)
