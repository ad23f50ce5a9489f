"""People: full names in the contexts that mark them as people, and their
surname-only second mentions.

A run of capitalised words is a person's name only where the text says so:
after a role title ("Deputy Chief Constable Sunita Gamblin") or an honorific
("Dr Alan Billings"), before or after a reporting verb ("Olly Martins said",
"said Olly Martins"), in apposition to a role ("Jason Hogg, Deputy Chief
Constable"), or after "Statement from", "the words of", "appointed". Once a
name is known, its other occurrences and its surname after an honorific
("Mr Martins") are mentions too. Words of organization and role labels,
places, months and weekdays never form a name, so "Lancashire Police said" is
not a person.
"""

from __future__ import annotations

import functools
import re

from kg.model import Article, PersonMention, Sentence, Span
from kg.patterns import (
    BRACKETED_ABBR,
    NAME_TOKEN,
    POSTNOMINAL,
    RE_HONOURS,
    RE_HONOURS_TAIL,
    RE_PLURAL_TITLE_HEAD,
    TITLE_MODIFIERS,
    abbreviation_stop,
    any_in,
    capital_leads,
    context_role_words,
    given_name_words,
    honorific_spans,
    name_stopwords,
    re_context_role,
    re_place,
    re_reporting_verb,
    role_spans,
    surname_words,
    title_heads,
    title_line,
)
from kg.reference import lexicon

# the particles inside a surname: "Sam de Reya", "Ursula von der Leyen"
NAME_PARTICLE = r"(?:de|da|di|du|del|della|der|den|van|von|le|la|dos|das|ter|ten)"
RE_PARTICLE = re.compile(NAME_PARTICLE)
# a relative clause set off by commas after a name (and its honours): ", who proposed
# the motion, "
# (or one of a group: ", one of the four, ", ", another of the men, ")
RE_THE_ASIDE = re.compile(
    r",[ \t]+(?:the|a|an|(?:one|another|two|three|four)[ \t]+of[ \t]+(?:the|them|those))"
    r"[ \t]+[^,;:“”\"]{1,80},[ \t]+"
)
RE_WHO_LEADS = re.compile(
    r",[ \t]+who[ \t]+(?:now[ \t]+|also[ \t]+)?(?:chairs|leads|heads|runs|chaired|led|headed|ran)"
    r"[ \t]+(?:the[ \t]+)?[A-Z]"
)
RE_WHO_ASIDE = re.compile(r"(?:[ \t]+[A-Z]{2,5})*,[ \t]+who\b[^,;:“”\"]{1,100},[ \t]+")
# a title in lower case and its body, set off by commas: ", inspector at HMIC, "
RE_TITLE_ASIDE = re.compile(
    r",[ \t]+[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,3}[ \t]+(?:at|of|for|from|with)[ \t]+"
    r"(?:the[ \t]+)?[A-Z][^,;:“”\"]{0,60},[ \t]+"
)
# ... or after its body's possessive: ", HMIC's inspector for London, ", ", Kieran's
# father, "
RE_POSSESSIVE_TITLE_ASIDE = re.compile(
    r",[ \t]+(?:the[ \t]+)?[A-Z][\w&-]*(?:[ \t]+[A-Z][\w&-]*){0,4}['’]s[ \t]+"
    r"[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,3}"
    r"(?:[ \t]+(?:for|of|in)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})?"
    r",[ \t]+"
)
# the body a speaker is of, and an apposition, before the verb: "Cecilia Goodwin of the
# Stop and Search Legal Project, a member of BSB Solicitors, said"
RE_OF_BODY_ASIDE = re.compile(
    # (also set off by commas: "Zoe Billingham, from HMIC, said")
    r",?[ \t]+(?:of|from|at)[ \t]+(?:the[ \t]+)?[A-Z][\w'’&-]*"
    r"(?:[ \t]+(?:[A-Z][\w'’&-]*|and|of|for|the|&))*"
    r"(?:,[^,;.“”\"]{1,120},|,)?[ \t]+"
)
# a name's verb phrase, then "as" and a role title (its body's possessive and a
# qualifier between): " took office today as Gloucestershire's new "
RE_AS_ROLE = re.compile(
    # (in a relative clause too: "Gareth Wilson, who recently retired as Chief Constable")
    r"(?:,[ \t]+who)?[ \t]+(?:[a-z]+[ \t]+){1,4}as[ \t]+(?:the[ \t]+)?"
    r"(?:[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*)*['’]s?[ \t]+)?"
    r"(?:(?:new|acting|interim|temporary|permanent)[ \t]+)?"
)
RE_POSTNOMINAL = re.compile(rf"{POSTNOMINAL}[,.]?")
# a role's body between the role and a name: "... of Sussex Police "
# (also past the role's abbreviation, and with a comma: "The Police and Crime Commissioner
# (PCC) for Gwent, ")
RE_OF_BODY_LEAD = re.compile(
    rf"(?:[ \t]+{BRACKETED_ABBR})?[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?"
    rf"(?:[A-Z][\w'’&-]*[ \t]+){{0,3}}[A-Z][\w'’&-]*(?:[ \t]+{BRACKETED_ABBR})?,?[ \t]+$"
)
RE_ABBR_AFTER = re.compile(rf"[ \t]+{BRACKETED_ABBR}")
# a first name by its initials: "Deputy Chief Constable BJ Harrington"
INITIALS = r"[A-Z]{2}(?=[ \t]+[A-Z][a-z])"
RE_RUN = re.compile(
    rf"(?<![\w'’-])(?:{INITIALS}|{NAME_TOKEN})"
    rf"(?:[ \t]+(?:{NAME_PARTICLE}[ \t]+){{0,2}}{NAME_TOKEN})*"
    # the run ends at a space or a mark, or before a possessive: "Justice Secretary
    # Michael Matheson's announcement"
    r"(?:(?=['’]s(?!\w))|(?![\w'’-]))"
)
RE_INITIALS = re.compile(INITIALS.split("(?=")[0])
# a surname after an honorific: "Mr Martins"
RE_SURNAME = re.compile(rf"[ \t]+({NAME_TOKEN})(?![\w'’-])")
# the space after a title inside a run of capitals, where the name starts
RE_GAP_START = re.compile(r"[ \t]+")
# a role ending its sentence as the words' source: "..., according to the county's
# police and crime commissioner." (not "The case went to the Chief Constable.")
RE_ROLE_ENDS_SENTENCE = re.compile(r"[ \t]*[.!?][\"'’”]?[ \t]*")
RE_ATTRIBUTED_ROLE_LEAD = re.compile(
    r"(?:\baccording[ \t]+to|\b(?:said|says|told|warned|added|claimed|insisted))[ \t]+"
    r"(?:(?:the|a|an)[ \t]+)?(?:[\w-]+['’]s?[ \t]+)?(?:(?:new|acting|current)[ \t]+)?$"
)
# words before a name that mark it as a person's
RE_LEAD_CUE = re.compile(
    r"(?:\b(?:[Ss]tatement from|words of|[Aa]ppointed|[Aa]ccording to|[Ss]aid|[Ss]ays|[Aa]dded|"
    r"[Tt]old by|[Ii]nterview with|"
    # a title in lower case: "Met Police chief Cressida Dick", "police chief Jo Bloggs",
    # "acting commissioner Stephen House", "saying inspector Zoe Billingham was"
    r"chief|boss|commissioner|constable|superintendent|inspector|councillor|"
    # one who held a role before: "taking over from the departed Richard Lewis"
    r"(?:took|takes|taking|taken) over from(?:[ \t]+the)?(?:[ \t]+(?:departed|former|"
    r"outgoing|retired|previous))?|succeeded|succeeding|replacing|replaced)|"
    rf"{BRACKETED_ABBR})[ \t]+$"
)
# words after a name that mark it as a person's: "(inset) said", ", one of", ", who",
# " as" before a role title ("took over from Ian Hopkins as Chief Constable")
RE_TAIL_CUE = re.compile(
    r"^(?:[ \t]*\([a-z ]+\))?(?:[ \t]*,[ \t]+(?:one of|the|who|a|an)\b|[ \t]*,[ \t]+|"
    r"[ \t]+as[ \t]+|[ \t]+(?:is|was|has[ \t]+been)[ \t]+|"
    # "Mr Trotter has served as the force's Deputy Chief Constable"
    r"[ \t]+(?:has[ \t]+served|serves|served)[ \t]+as[ \t]+|"
    # "When Mark Collins became Chief Constable in December 2016"
    r"[ \t]+(?:became|becomes|was[ \t]+appointed|was[ \t]+named)[ \t]+|"
    # "after Sara Thornton moved to her new role as chairwoman of the ..."
    r"[ \t]+(?:moved|moves|stepped|steps|went|goes)[ \t]+(?:up[ \t]+)?(?:in)?to[ \t]+"
    r"(?:his|her|their)[ \t]+(?:new[ \t]+)?(?:role|post|position|job)[ \t]+as[ \t]+"
    r"(?:the[ \t]+|a[ \t]+)?)"
)


RE_TOKEN = re.compile(r"\S+")
# between two names joined by "and"
RE_AND_GAP = re.compile(r"[ \t]+and[ \t]+")
# ... and the "and" before the last of them, set off by commas with the first: "the Joint
# Leads, Matt Story and Chris Nelson, said"
RE_AND_END = re.compile(r"[ \t]and$")
# a number right after a capitalised run: "May 2019", "Friday May 3"
RE_NUMBER_AFTER = re.compile(r"[ \t]+\d")
# an organization's or place's possessive: "West Yorkshire's"
RE_POSSESSIVE_END = re.compile(r"['’]s?$")


# a place and "and" right before a run: the run may open with the area's last place
RE_PLACE_AND_END = re.compile(r"\b(?:for|of)[ \t]+(?:the[ \t]+)?([A-Z][\w'’-]*)[ \t]+and[ \t]+$")


# the place in a peer's title: " of South Downs" ("Lord Herbert of South Downs")
RE_PEERAGE_PLACE = re.compile(r"[ \t]+of[ \t]+[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+)?(?![\w'’-])")


def _stop(token: str, stop: frozenset[str]) -> bool:
    """Whether a token is never part of a name, also as a possessive ("Yorkshire's")."""
    # (also a title head in the plural: "Assistant Chief Constables Andy Cowie and ...")
    return (
        token in stop
        or RE_POSSESSIVE_END.sub("", token) in stop
        or RE_PLURAL_TITLE_HEAD.fullmatch(token) is not None
    )


@functools.cache
def months() -> frozenset[str]:
    import calendar

    return frozenset(calendar.month_name[1:])


# "(inset) said"
RE_INSET = re.compile(r"^[ \t]*\([a-z ]+\)[ \t]+")
# what may come between a name and its role: "one of the", a qualifier, an org or place
RE_ROLE_LEAD = re.compile(
    # (a possessive and a qualifier: "Lynne Owens, the force's departing chief constable")
    # (or a body's possessive before it: "Yvette Cooper, Labour's shadow home secretary")
    r"[ \t]*(?:one of[ \t]+)?(?:the[ \t]+)?(?:[A-Z][\w-]*['’]s[ \t]+)?"
    r"(?:[a-z]+(?:['’]s)?[ \t]+){0,2}"
    # (a police area of several places: "the Devon, Cornwall and Isles of Scilly ...")
    r"(?:[A-Z][\w'’-]*(?:(?:,[ \t]+|[ \t]+(?:and|of|the)[ \t]+)[A-Z][\w'’-]*){0,4}[ \t]+){0,3}"
)


def _name_parts(
    run: str, start: int, dated: bool = False, soft: bool = False
) -> tuple[str, int] | None:
    """Strip stopword tokens from both ends of a capitalised run; 2-3 tokens remain.
    ``dated``: the run is followed by a number, so a month ending it is a date's.
    ``soft``: a word that is also a surname (``surnames.txt``) may end the name."""
    found = _name_in_run(run, dated, soft)
    return None if found is None else (found[0], start + found[1])


@functools.lru_cache(maxsize=65536)
def _name_in_run(run: str, dated: bool = False, soft: bool = False) -> tuple[str, int] | None:
    """The name in a capitalised run and its offset in the run (runs repeat: "The
    Inspectorate", "Chief Constable"). A month may end a name after a first name
    ("Home Secretary Theresa May"), unless a day or year follows ("Friday May 3")."""
    stop = name_stopwords()
    tokens = [(m.group(), m.start()) for m in RE_TOKEN.finditer(run)]
    given = given_name_words()

    def opens(i: int) -> bool:
        # a given name that is a stopword, before a word that is none: "Howard Quayle"
        return (
            i == 0 and tokens[0][0] in given and len(tokens) > 1 and not _stop(tokens[1][0], stop)
        )

    while tokens and _stop(tokens[0][0].rstrip("."), stop) and not opens(0):
        tokens.pop(0)
    while len(tokens) > 2 and RE_POSTNOMINAL.fullmatch(tokens[-1][0]):
        tokens.pop()  # "Sir Thomas Winsor WS", "Andrew Marsh Esq QPM"
    if soft:
        k = 1
        while k < len(tokens) and not _stop(tokens[k][0], stop):
            k += 1
        if k >= len(tokens) or tokens[k][0] not in surname_words() or k < 1:
            return None
        # "Stephen House": the first stopword is a surname, after words that are none
        tokens = tokens[: k + 1]
        if not 2 <= len(tokens) <= 3 or _stop(tokens[0][0], stop):
            return None
        first = tokens[0][1]
        return run[first : tokens[-1][1] + len(tokens[-1][0])], first
    month_last = (
        not dated
        and len(tokens) >= 2
        and tokens[-1][0] in months()
        and not _stop(tokens[-2][0], stop)
    )
    while tokens and _stop(tokens[-1][0], stop) and not (month_last and len(tokens) >= 2):
        tokens.pop()
        month_last = False
    inner = tokens[:-1] if month_last else tokens

    def particle(i: int, t: str) -> bool:
        # a particle inside the name, in either case: "Sam de Reya", "Tim De Meyer"
        return RE_PARTICLE.fullmatch(t) is not None or (
            0 < i < len(tokens) - 1 and RE_PARTICLE.fullmatch(t.lower()) is not None
        )

    core = [t for i, (t, _) in enumerate(tokens) if not particle(i, t)]
    if not 2 <= len(core) <= 3 or any(
        _stop(t, stop) and not particle(i, t) and not opens(i) for i, (t, _) in enumerate(inner)
    ):
        return None
    if any(
        len(t) < 2 or t.isupper() and not (i == 0 and RE_INITIALS.fullmatch(t))
        for i, (t, _) in enumerate(tokens)
    ):
        return None
    first = tokens[0][1]
    return run[first : tokens[-1][1] + len(tokens[-1][0])], first


def is_name(text: str) -> bool:
    """Whether ``text`` is a person's name by its shape: "Mark Burns-Williamson", not
    "West Yorkshire's Police" (a byline read off a heading)."""
    found = _name_in_run(" ".join(text.split()))
    return found is not None and found[0] == " ".join(text.split())


@functools.cache
def _re_verb_after_name() -> re.Pattern[str]:
    """A reporting verb, also in the perfect: "Nicky Ryan has welcomed the report"."""
    return re.compile(
        r"(?:(?:has|have|had)[ \t]+(?:also[ \t]+|now[ \t]+)?)?(?:"
        + re_reporting_verb().pattern
        + ")"
    )


def extract(article: Article, sents: list[Sentence]) -> list[PersonMention]:
    text = capital_leads(article.text, sents)
    verbs = _re_verb_after_name()
    candidates: list[tuple[str, Span, Sentence]] = []
    accepted: set[str] = set()
    # a line holding a title alone: the line before it may be a signature's name
    titled_next = {
        sents[i - 1].span
        for i in range(1, len(sents))
        if sents[i].paragraph != sents[i - 1].paragraph
        and title_line(text, sents[i].span.start, sents[i].span.end)
    }
    # sentences after one that ends with a role: "..., according to the county's police
    # and crime commissioner. / Matthew Ellis was responding to ...", the holder named
    after_role = {
        sents[i].span.start
        for i in range(1, len(sents))
        if any(
            RE_ROLE_ENDS_SENTENCE.fullmatch(text, e, sents[i - 1].span.end)
            and RE_ATTRIBUTED_ROLE_LEAD.search(text, sents[i - 1].span.start, b)
            for b, e in role_spans(text, sents[i - 1].span.start, sents[i - 1].span.end)
        )
    }
    for sent in sents:
        role_matches = role_spans(text, sent.span.start, sent.span.end)
        role_ends = {e for _, e in role_matches}
        # an abbreviated title's full stop: "Insp. Graeme Smith"
        role_ends |= {e + 1 for e in role_ends if abbreviation_stop(text, e)}
        # ... and a title's abbreviation in brackets: "the Police and Crime Commissioner
        # (PCC), John Campion"
        role_ends |= {m.end() for e in role_ends if (m := RE_ABBR_AFTER.match(text, e))}
        role_starts = {s for s, _ in role_matches}
        if any_in(context_role_words(), sent.text):
            # "Jon Boucher, the new Chief, is ...": a context title is a role after a name
            role_starts |= {
                m.start("role")
                for m in re_context_role().finditer(text, sent.span.start, sent.span.end)
            }
        hon_ends = {e for _, e in honorific_spans(text, sent.span.start, sent.span.end)}

        def has_cue(
            name: str,
            start: int,
            sent: Sentence = sent,
            role_starts: set[int] = role_starts,
            role_ends: set[int] = role_ends,
            hon_ends: set[int] = hon_ends,
        ) -> bool:
            """Whether the words around the name mark it as a person's."""
            # past postnominals: "Jackie Baillie MSP said", "Mohammad Yasin MP, the MP"
            honours = RE_HONOURS.match(text, start + len(name), sent.span.end)
            end = honours.end() if honours else start + len(name)
            before = text[sent.span.start : start]
            after = text[end : sent.span.end]
            gap_before = before.rstrip(" \t")
            lead_pos = sent.span.start + len(gap_before)
            tail = RE_TAIL_CUE.match(after)
            tail_role = (
                tail is not None
                and any(p in role_starts for p in range(end + tail.end(), end + tail.end() + 40))
                and (end + tail.end()) in _role_lead_positions(text, end + tail.end(), role_starts)
            )
            comma = gap_before.endswith(",")
            appos = comma and (
                sent.span.start + len(gap_before) - 1 in role_ends
                or any_in(context_role_words(), before)
                and re_context_role().search(before) is not None
            )
            # a name set off by commas before a reporting verb: "the Federation's chair,
            # John Apter, said"
            rest = after.lstrip(" \t")
            aside = (
                (comma or RE_AND_END.search(gap_before) is not None)
                and rest.startswith(",")
                and verbs.match(rest.removeprefix(",").lstrip()) is not None
            )
            # "Susan Hall AM, who proposed the motion, said", "Roger Baker, the inspector
            # for the north, said"
            who = RE_WHO_ASIDE.match(after) or RE_THE_ASIDE.match(after)
            aside = aside or who is not None and verbs.match(after[who.end() :]) is not None
            # "Paul McKeever, who chairs the Police Federation of England and Wales, ...":
            # a relative clause of a person's, leading a body
            aside = aside or RE_WHO_LEADS.match(after) is not None
            # "Zoë Billingham, inspector at HMIC, said": a title in lower case, its body
            titled = RE_TITLE_ASIDE.match(after) or RE_POSSESSIVE_TITLE_ASIDE.match(after)
            aside = aside or titled is not None and verbs.match(after[titled.end() :]) is not None
            member = RE_OF_BODY_ASIDE.match(after)
            aside = aside or member is not None and verbs.match(after[member.end() :]) is not None
            of_body = RE_OF_BODY_LEAD.search(before)
            signed = (
                sent.span in titled_next
                and not before.strip()
                and RE_HONOURS_TAIL.fullmatch(after) is not None
            )
            cue = (
                appos
                or signed
                or (sent.span.start in after_role and not before.strip())
                # "The Secretary of State for the Home Department (Theresa May):"
                or (
                    gap_before.endswith("(")
                    and after.startswith(")")
                    and sent.span.start + len(gap_before[:-1].rstrip(" \t")) in role_ends
                )
                # "Chief Constable of Sussex Police Jo Shiner"
                or of_body is not None
                and sent.span.start + of_body.start() in role_ends
                or aside
                or lead_pos in role_ends
                or lead_pos in hon_ends
                or RE_LEAD_CUE.search(before) is not None
                or _re_title_head_before().search(before) is not None
                or verbs.match(RE_INSET.sub("", after, count=1).lstrip(" \t")) is not None
                or RE_INSET.match(after) is not None
                and verbs.match(after[after.index(")") + 1 :].lstrip()) is not None
                or tail_role
                or _re_title_tail().match(after) is not None
                # "Rod Hansen took office today as Gloucestershire's new chief constable"
                or (
                    (took := RE_AS_ROLE.match(after)) is not None
                    and end + took.end() in role_starts
                )
            )
            return bool(cue)

        for m in RE_RUN.finditer(text, sent.span.start, sent.span.end):
            dated = RE_NUMBER_AFTER.match(text, m.end()) is not None
            parts = _name_parts(m.group(), m.start(), dated)
            soft = _name_parts(m.group(), m.start(), dated, soft=True)
            if soft is not None and soft != parts and has_cue(*soft):
                parts = soft  # "Susan Hall AM, who proposed the motion, said"
            if parts is None:
                # a unit's name before a title: "Specialist Crime Detective Superintendent
                # Anne-Marie Salwey", the name after the title's end
                inner = [e for e in role_ends if m.start() < e < m.end()]
                if inner:
                    tail = RE_GAP_START.match(text, max(inner), m.end())
                    if tail is not None:
                        parts = _name_parts(text[tail.end() : m.end()], tail.end(), dated)
            if parts is None:
                # a body the reference data does not know before a title outside the
                # scheme: "Napo General Secretary Ian Lawrence", the name after the head
                heads = list(_re_title_head_inside().finditer(text, m.start(), m.end()))
                if heads:
                    at = heads[-1].end()
                    parts = _name_parts(text[at : m.end()], at, dated)
            if (parts is None or parts[1] == m.start()) and _re_title_of_before().search(
                text, sent.span.start, m.start()
            ):
                # a title's body the reference data does not know, then the name: "Head
                # of Counter Terrorism Policing Matt Jukes", "Director of Operations
                # Amanda Rowe": the run's last two words
                words = list(RE_TOKEN.finditer(text, m.start(), m.end()))
                if len(words) > 2:
                    at = words[-2].start()
                    parts = _name_parts(text[at : m.end()], at, dated)
            if parts is None:
                continue
            name, start = parts
            if (joined := RE_PLACE_AND_END.search(text, max(0, start - 40), start)) is not None:
                # the last place of a title's area, then the name: "Police and Crime
                # Commissioner for Wiltshire and Swindon Angus Macpherson"
                tokens = name.split()
                if len(tokens) == 3 and _stop(joined.group(1), name_stopwords()):
                    cut = name.index(tokens[1], len(tokens[0]))
                    name, start = name[cut:], start + cut
            candidates.append((name, Span(start, start + len(name)), sent))
            if has_cue(name, start):
                accepted.add(name)
    # A name joined by "and" to a person's is a person's too: "Matt Story and Chris
    # Nelson issued a statement", "Peter Clarke and Dru Sharpling said".
    starts = {span.start: name for name, span, _ in candidates}
    for name, span, _ in candidates:
        joined = RE_AND_GAP.match(text, span.end)
        if joined is not None and starts.get(joined.end()) in accepted:
            accepted.add(name)
        # ... and so is the name after a person's: "Assistant Chief Constables Andy Cowie
        # and John Hawkins"
        if joined is not None and name in accepted and joined.end() in starts:
            accepted.add(starts[joined.end()])
    # A name whose surname the article also gives after an honorific ("Stephen
    # Watson ... Mr Watson") is a person's, whatever surrounds it.
    titled = {
        tok.group(1)
        for sent in sents
        for _, hon_end in honorific_spans(text, sent.span.start, sent.span.end)
        if (tok := RE_SURNAME.match(text[hon_end : sent.span.end]))
    }
    # ... or after a title alone ("Jeff Farrar has held the post ... CC Farrar said")
    titled.update(
        tok.group(1)
        for sent in sents
        for role_start, role_end in role_spans(text, sent.span.start, sent.span.end)
        if text[role_start].isupper()
        and (tok := RE_SURNAME.match(text[role_end : sent.span.end]))
        and not RE_NAME_GOES_ON.match(text, role_end + tok.end())
        and tok.group(1) not in name_stopwords()
    )
    accepted.update(name for name, _, _ in candidates if name.split()[-1] in titled)
    # ... and so is one whose given name or surname alone says something later ("Nicky
    # Ryan was reacting to a report ... Nicky said:")
    speaking = {
        m.group(1) for m in RE_ALONE_SAYS.finditer(text) if m.group(1) not in name_stopwords()
    }
    accepted.update(
        name
        for name, _, _ in candidates
        if len(name.split()) == 2 and {name.split()[0], name.split()[-1]} & speaking
    )
    # in a headline in Title Case every word is capitalised: "Gwent PCC Welcomes Feedback
    # from Latest HMICFRS Report" names no one unless the name is also in the prose
    title = " ".join(article.title.split()) if article.title else None
    headlines = {
        sent.span
        for sent in sents
        if title is not None
        and _title_case(title)
        # past a Markdown heading's marks or a front matter's key: "# Gwent PCC ..."
        and RE_HEADLINE_MARKUP.sub("", " ".join(sent.text.split())) == title
    }
    # (an honorific marks a name even there: "Statement by Sir Thomas Winsor, Her
    # Majesty's Chief Inspector of Constabulary")
    honoured = {
        end
        for sent in sents
        if sent.span in headlines
        for _, end in honorific_spans(text, sent.span.start, sent.span.end)
    }
    in_prose = {
        name
        for name, span, sent in candidates
        if sent.span not in headlines
        or any(e <= span.start and not text[e : span.start].strip() for e in honoured)
    }
    accepted = {name for name in accepted if name in in_prose or name.split()[-1] in titled}
    # one person however the article spells the given name: "Jonathan Ash-Edwards", then
    # "Jonathon Ash-Edwards", is named as first written
    ordered = [name for name, _, _ in candidates if name in accepted]
    # (a name after an honorific: "Mr Burns Williamson")
    styled = {
        name
        for name, span, sent in candidates
        if any(
            not text[e : span.start].strip()
            for _, e in honorific_spans(text, sent.span.start, span.start)
        )
    }
    spelled = _first_spellings(ordered) | _name_tails(ordered, styled)
    out: list[PersonMention] = []
    taken: list[Span] = []
    for name, span, sent in candidates:
        if name in accepted:
            out.append(PersonMention(spelled.get(name, name), span, sent.span, name))
            taken.append(span)
    accepted = {spelled.get(name, name) for name in accepted}
    # surname-only mentions: "Mr Martins", "Ms Billingham"
    surnames = {n.split()[-1]: n for n in sorted(accepted)}
    for sent in sents:
        for hon_start, hon_end in honorific_spans(text, sent.span.start, sent.span.end):
            tok = RE_SURNAME.match(text[hon_end : sent.span.end])
            if not tok:
                continue
            start = hon_end + tok.start(1)
            span = Span(start, start + len(tok.group(1)))
            full = surnames.get(tok.group(1))
            if any(s.overlaps(span) for s in taken) or (
                full is None and tok.group(1) in name_stopwords()
            ):
                continue
            name = full or tok.group(1)
            if full is None and text[hon_start:hon_end].strip() in lexicon().peer_titles:
                # a peer the article gives no first name: "Lord Stevens", not "Stevens",
                # with the place of the title if given: "Lord Herbert of South Downs"
                name = f"{text[hon_start:hon_end].strip()} {tok.group(1)}"
                if (seat := RE_PEERAGE_PLACE.match(text, span.end, sent.span.end)) is not None:
                    name += " " + " ".join(seat.group().split())
                    span = Span(span.start, seat.end())
            out.append(
                PersonMention(
                    name,
                    span,
                    sent.span,
                    text[hon_start : span.end],
                    surname_only=full is None,
                )
            )
    # a title and a surname given in full before: "Commander Khan said" after "Commander
    # Umer Khan", "DCC de Reya"; or never given in full: "Ch Supt Duckenfield", the
    # person known by the surname alone
    for sent in sents:
        for role_start, role_end in role_spans(text, sent.span.start, sent.span.end):
            tok = RE_SURNAME.match(text[role_end : sent.span.end])
            if not tok:
                continue
            full = surnames.get(tok.group(1))
            if full is None and (
                not text[role_start].isupper()
                or tok.group(1) in name_stopwords()
                or _title_case(sent.text)
            ):
                continue  # "the chief constable Said", "Chief Constable Kent", a headline
            start = role_end + tok.start(1)
            span = Span(start, start + len(tok.group(1)))
            after = text[span.end : span.end + 2]
            if any(s.overlaps(span) for s in taken) or RE_NAME_GOES_ON.match(after):
                continue
            if full is None and not text[span.end : sent.span.end].strip(" \t.,"):
                continue  # a heading: "PFCC Response"
            taken.append(span)
            out.append(
                PersonMention(
                    full or tok.group(1), span, sent.span, tok.group(1), surname_only=full is None
                )
            )
    out.extend(_full_names_a_part_of_which_speaks(text, sents, out, taken))
    out.extend(_bare_surnames(text, sents, out, taken))
    out.extend(_given_names_saying(text, sents, out, taken))
    out.sort(key=lambda p: p.span)
    return out


def _first_spellings(names: list[str]) -> dict[str, str]:
    """Names (in the article's order) whose surname is another's and whose given name
    is a respelling of its given name (``_respelled``): each to the spelling written
    first."""
    out: dict[str, str] = {}
    first: dict[str, list[str]] = {}  # surname -> the full names written with it, in order
    for name in names:
        *given, surname = name.split()
        if not given or name in out:
            continue
        seen = first.setdefault(surname, [])
        for earlier in seen:
            a, b = " ".join(earlier.split()[:-1]), " ".join(given)
            if a != b and a[:1] == b[:1] and _respelled(a, b):
                out[name] = earlier
                break
        else:
            if name not in seen:
                seen.append(name)
    return out


def _name_tails(names: list[str], styled: set[str]) -> dict[str, str]:
    """Names (in the article's order) written after an honorific (``styled``) that are
    the last words of one longer name written before them, each to that name: "Mr Burns
    Williamson" after "Mark Burns Williamson" (a surname of two words, unhyphenated)."""
    out: dict[str, str] = {}
    seen: list[str] = []
    for name in names:
        if name in out or name in seen:
            continue
        longer = [e for e in seen if e.endswith(" " + name)] if name in styled else []
        if len(longer) == 1:
            out[name] = longer[0]
        else:
            seen.append(name)
    return out


def _respelled(a: str, b: str) -> bool:
    """Whether two given names are one spelt two ways: a letter doubled or dropped
    ("Philip", "Phillip"; "Jon", "John"), or in names of six letters or more up to two
    letters changed ("Jonathan", "Jonathon"); not "Dan" and "Don"."""
    if min(len(a), len(b)) >= 6:
        return _edits(a, b) <= 2
    return abs(len(a) - len(b)) == 1 and _edits(a, b) == 1


def _edits(a: str, b: str) -> int:
    """The Levenshtein distance between two short words."""
    row = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, y in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (x != y))
    return row[-1]


# a capitalised word standing alone: not after or before another ("Ian Hopkins",
# "Hopkins Lane"), not hyphened into a longer word
RE_LONE_WORD = re.compile(
    r"(?<![\w'’-])(?<![A-Z][a-z][ \t])(?<![A-Z][a-z]{2}[ \t])([A-Z][a-z]+(?:-[A-Z][a-z]+)?)"
    r"(?![\w-])(?![ \t]+[A-Z][a-z])"
)


# a capitalised word alone before a verb of saying: "Nicky said:", "Ryan added"
RE_ALONE_SAYS = re.compile(
    r"(?<![\w'’-])(?<![A-Z][a-z][ \t])(?<![A-Z][a-z]{2}[ \t])([A-Z][a-z]+)[ \t]+"
    r"(?:said|says|added|told|explained|argued|warned)\b"
)


def _bare_surnames(
    text: str, sents: list[Sentence], found: list[PersonMention], taken: list[Span]
) -> list[PersonMention]:
    """A surname alone after the full name, as papers write it ("In announcing that he
    would retire, Hopkins said", "Burnham, who oversees the force,"): the one person
    the article names in full with it, named before."""
    return _named_alone(text, sents, found, taken, -1, (RE_LONE_WORD,))


# a verb of saying and a capitalised word alone after it, closing the sentence or its
# clause: "..., said Alison.", "says Phil,"
RE_SAYS_ALONE = re.compile(
    r"\b(?:said|says|added|adds|explained|continued)[ \t]+([A-Z][a-z]+)(?=[ \t]*[.,;:!?]|[ \t]*$)"
)


def _given_names_saying(
    text: str, sents: list[Sentence], found: list[PersonMention], taken: list[Span]
) -> list[PersonMention]:
    """A given name alone beside a verb of saying after the full name, as a local paper
    or a staff association's page writes it ("..., said Alison.", "Nicky said:"): the
    one person the article names in full with that given name, named before."""
    return _named_alone(text, sents, found, taken, 0, (RE_SAYS_ALONE, RE_ALONE_SAYS))


def _full_names_a_part_of_which_speaks(
    text: str, sents: list[Sentence], found: list[PersonMention], taken: list[Span]
) -> list[PersonMention]:
    """A full name in no context that marks a person ("Steve Kent made the remarks"),
    a person where a part of it then speaks alone ("Steve said:", "..., said Kent."):
    the one name before with that given name or surname."""
    known = {part for p in found for part in p.name.split()}
    stop = name_stopwords()
    speakers: dict[str, int] = {}  # the word alone -> where it first speaks
    for sent in sents:
        for rx in (RE_SAYS_ALONE, RE_ALONE_SAYS):
            for m in rx.finditer(text, sent.span.start, sent.span.end):
                if m.group(1) not in known and m.group(1) not in stop:
                    speakers.setdefault(m.group(1), m.start(1))
    spans = [p.span for p in found] + taken
    out: list[PersonMention] = []
    for word, pos in speakers.items():
        names: dict[str, tuple[Span, Span]] = {}
        for sent in sents:
            if sent.span.start >= pos:
                break
            for m in RE_RUN.finditer(text, sent.span.start, min(sent.span.end, pos)):
                inside = _name_in_run(m.group())
                tokens = m.group().split()
                if (
                    inside is None
                    and len(tokens) == 2
                    and tokens[0] == word
                    and re_place().fullmatch(tokens[1])
                ):
                    # the given name speaks, so a place's word after it is the surname:
                    # "Steve Kent"
                    inside = (m.group(), 0)
                if inside is None or word not in (inside[0].split()[0], inside[0].split()[-1]):
                    continue
                span = Span(m.start() + inside[1], m.start() + inside[1] + len(inside[0]))
                if not any(s.overlaps(span) for s in spans):
                    names.setdefault(inside[0], (span, sent.span))
        if len(names) == 1:
            ((name, (span, evidence)),) = names.items()
            spans.append(span)
            out.append(PersonMention(name, span, evidence, name))
    return out


def _named_alone(
    text: str,
    sents: list[Sentence],
    found: list[PersonMention],
    taken: list[Span],
    part: int,
    patterns: tuple[re.Pattern[str], ...],
) -> list[PersonMention]:
    """Mentions of one part of a full name (``part``: 0 the given name, -1 the surname)
    standing alone where ``patterns`` find it (group 1): the one person named in full
    with it before."""
    first: dict[str, int] = {}
    owners: dict[str, set[str]] = {}
    for p in found:
        parts = p.name.split()
        if len(parts) >= 2 and not p.surname_only and p.text.strip() == p.name:
            first.setdefault(p.name, p.span.start)
            owners.setdefault(parts[part], set()).add(p.name)
    if not owners:
        return []
    stop = name_stopwords()
    spans = [p.span for p in found] + taken
    out: list[PersonMention] = []
    for sent in sents:
        for rx in patterns:
            for m in rx.finditer(text, sent.span.start, sent.span.end):
                names = owners.get(m.group(1))
                if names is None or len(names) != 1 or m.group(1) in stop:
                    continue
                (full,) = names
                span = Span(m.start(1), m.end(1))
                if first[full] >= span.start or any(s.overlaps(span) for s in spans):
                    continue
                spans.append(span)
                out.append(PersonMention(full, span, sent.span, m.group(1)))
    return out


RE_WORD = re.compile(r"[\w'’&]+")
# the marks around a headline's words: "# ", 'title: "...."'
RE_HEADLINE_MARKUP = re.compile(r"^(?:#+[ \t]*|title:[ \t]*)?[\"“']?|[\"”']$")
# words a headline in Title Case leaves in lower case
HEADLINE_LOWER = re.compile(
    r"(?:an?|and|as|at|but|by|for|from|in|into|of|off|on|onto|or|over|per|than|the|to|up|upon|"
    r"via|with)\Z"
)


@functools.cache
def _title_heads_either_case() -> str:
    """The heads of titles outside the scheme, first letter in either case, longest
    first, as a regex alternation (``title_heads``)."""
    return "|".join(
        sorted((f"[{h[0].upper()}{h[0]}]{re.escape(h[1:])}" for h in title_heads()), key=len)[::-1]
    )


@functools.cache
def _re_title_head_before() -> re.Pattern[str]:
    """A title's head noun right before a name: "PSA President Paul Griffiths", "branch
    chair Lee Robinson"."""
    return re.compile(rf"\b(?:{_title_heads_either_case()})[ \t]+$")


@functools.cache
def _re_title_of_before() -> re.Pattern[str]:
    """A title's head noun and its "of" right before a run of capitals: "Head of ",
    "Director of the "."""
    return re.compile(rf"\b(?:{_title_heads_either_case()})[ \t]+of[ \t]+(?:the[ \t]+)?\Z")


@functools.cache
def _re_title_head_inside() -> re.Pattern[str]:
    """A title's head noun inside a capitalised run, a name after it ("Napo General
    Secretary Ian Lawrence") (``title_heads``)."""
    heads = "|".join(
        sorted(map(re.escape, (h.capitalize() for h in title_heads())), key=len, reverse=True)
    )
    return re.compile(rf"\b(?:{heads})[ \t]+(?=[A-Z])")


def _title_case(line: str) -> bool:
    """Whether a line of five words or more has every word capitalised but the small
    ones: a headline in Title Case (not a caption: "Chief Constable of Sussex Police Jo
    Shiner")."""
    words = RE_WORD.findall(line)
    return len(words) >= 5 and all(
        w[0].isupper() or w[0].isdigit() or HEADLINE_LOWER.match(w) for w in words
    )


# a capitalised word right after a surname: it was a first name ("Chief Constable Khan Ali")
RE_NAME_GOES_ON = re.compile(r"[ \t][A-Z]")


@functools.cache
def _re_title_tail() -> re.Pattern[str]:
    """A job title outside the role scheme in apposition after a name: ", the IOPC's
    director of strategy", ", President of the ..." (``title_heads``)."""
    heads = "|".join(sorted(map(re.escape, title_heads()), key=len, reverse=True))
    return re.compile(
        # (a body's name may hold small words: ", College of Policing director")
        r"^[ \t]*,[ \t]+(?:the[ \t]+)?"
        r"(?:[A-Z][\w&.-]*(?:['’]s?)?[ \t]+(?:(?:of|for|and|the)[ \t]+(?=[A-Z]))*){0,4}"
        rf"(?:(?i:{'|'.join(TITLE_MODIFIERS)})[ \t-]+)?"
        rf"(?i:{heads})\b"
    )


def _role_lead_positions(text: str, pos: int, role_starts: set[int]) -> set[int]:
    """Positions from which a role title follows, allowing "one of", "the", a
    qualifier and an org or place ("Marc Jones, Lincolnshire's Police and Crime
    Commissioner")."""
    m = RE_ROLE_LEAD.match(text[pos : pos + 80])
    if m is None:
        return set()
    for p in range(pos, pos + m.end() + 1):
        if p in role_starts:
            return {pos}
    return set()
