"""Roles: a person, a canonical role and the organization it is held in.

Shapes handled, each seen in the news:
  "Lancashire Constabulary's Deputy Chief Constable Sunita Gamblin"  (org's ROLE NAME)
  "Cumbria police and crime commissioner Peter McCall", "Beds PCC Olly Martins"  (place ROLE NAME)
  "Police and Crime Commissioner (PCC) Marc Jones"                    (ROLE (ABBR) NAME)
  "Jason Hogg, Deputy Chief Constable, said"                          (NAME, ROLE)
  "Roy Wilsher, one of His Majesty's Inspectors of Constabulary"      (NAME, one of ROLEs)
  "the incoming Chief Constable, Stephen Watson"                      (ROLE, NAME)
  "I appointed Stephen Watson as Chief Constable"                     (NAME as ROLE)
  "before he left to become Chief Constable of Greater Manchester"    (he ... become ROLE of PLACE)
  "during my time as Police and Crime Commissioner"                   (the author's own role)
  "interim Chief Constable Dave Jones"                                (qualifiers kept)
The organization is the one the text attaches to the role (possessive, place
before the title, "of/for/at" after it); else the role's default organization
in the ontology; else the article's main organization of the role's scope (a
PCC's is the force of the police area). A role with no person is not a claim.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import replace

from kg.extract.organizations import last_with_head, main_org
from kg.extract.people import RE_ATTRIBUTED_ROLE_LEAD, RE_ROLE_ENDS_SENTENCE, is_name
from kg.model import Article, OrgMention, OrgType, PersonMention, RoleClaim, Sentence
from kg.patterns import (
    AUXILIARIES,
    BRACKETED_ABBR,
    RE_HONOURS,
    RE_HONOURS_TAIL,
    RE_PLURAL_TITLE_HEAD,
    RE_SPOKES_TITLE,
    ROYAL_STYLE,
    TITLE_MODIFIERS,
    abbreviation_stop,
    any_in,
    capital_leads,
    context_role_key,
    context_role_words,
    fold,
    force_of_place,
    mentioned_for_titles,
    org_heads,
    org_labels,
    party_words,
    place_keys,
    re_context_role,
    re_context_role_of,
    re_honorific,
    re_kind_before_name,
    re_org,
    re_place,
    re_qualifier,
    re_reporting_verb,
    re_role,
    role_key,
    role_meant,
    role_spans,
    title_heads,
    title_line,
)
from kg.reference import lexicon

RE_ABBR = re.compile(rf"[ \t]*{BRACKETED_ABBR}")
# the region a title covers, up to its holder's name: " for the Northern Region, "
RE_REGION_AFTER = re.compile(
    r"[ \t]+for[ \t]+the[ \t]+(?:[A-Z][\w'’-]*[ \t]+){1,3}[Rr]egion,?[ \t]+"
)
# the royal style right before a title: "Her Majesty's Chief Inspector"
RE_ROYAL_BEFORE = re.compile(rf"\b(?:H\.M\.|{ROYAL_STYLE})[ \t]+$")
# a name in brackets after a title: "The Secretary of State ... (Theresa May):"
RE_BRACKET_OPEN = re.compile(r"[ \t]*\([ \t]*")
RE_OF_BEFORE = re.compile(r"[ \t]of[ \t]+(?:the[ \t]+)?\Z")
RE_OF_ORG = re.compile(r"[ \t]+(?:of|for|at|with|in)[ \t]+(?:the[ \t]+)?")
RE_BECOME = re.compile(
    r"\b(?P<who>[Hh]e|[Ss]he)\b[^.;]*?\b(?:become|became|becomes|becoming|"
    r"appointed|named|made)[ \t]+(?:as[ \t]+)?(?:the[ \t]+|a[ \t]+|an[ \t]+)?$"
)
# "NAME became ROLE", "days after Sir Mark Rowley became Commissioner"
RE_NAME_BECAME = re.compile(
    r"\b(?:become|became|becomes|becoming|was appointed|is appointed|been appointed|"
    r"was named|took over|takes over|taking over|stepped in|steps in)[ \t]+"
    r"(?:as[ \t]+)?(?:the[ \t]+|a[ \t]+|an[ \t]+)?(?:new[ \t]+)?$"
)
# "took over from NAME2 (as ROLE)", "succeeded NAME2", "the departed NAME2": NAME2 held
# the role before the person who holds it now
RE_SUCCEEDED = re.compile(
    r"\b(?:took over from|takes over from|taking over from|taken over from|succeeded|"
    r"succeeds|succeeding|replaced|replaces|replacing|in place of|predecessor,?|"
    r"successor to)[ \t]+(?:the[ \t]+)?(?:departed[ \t]+|former[ \t]+|outgoing[ \t]+|"
    r"retired[ \t]+|previous[ \t]+|late[ \t]+)?$"
)
RE_SUCCEEDED_ANYWHERE = re.compile(RE_SUCCEEDED.pattern.removesuffix("$"))
RE_FIRST_PERSON = re.compile(r"\b(?:my|I)\b[^.;]*?\bas[ \t]+(?:the[ \t]+)?$")
RE_AS = re.compile(r"[ \t]+as[ \t]+(?:the[ \t]+|a[ \t]+|an[ \t]+)?$")
# "from his role as", "in her post as", "to her new role as": the post of the person
# named before
RE_OWN_POST = re.compile(
    r"\b(?:his|her|their)[ \t]+(?:(?:new|current|present)[ \t]+)?(?:role|post|position|job)"
    r"[ \t]+as[ \t]+(?:the[ \t]+)?$"
)
# "NAME had led BODY as": the body a title named after it is held in
RE_LED_AS = re.compile(
    r"[ \t]+(?:(?P<have>has|had|have)[ \t]+)?(?:led|headed|ran|run|commanded)[ \t]+"
    r"(?P<body>(?:the[ \t]+)?[A-Z][^,;:.]{0,60}?)[ \t]+as[ \t]+(?:the[ \t]+|its[ \t]+)?$"
)
# "during her time as", "in his tenure as": a post its holder has since left
RE_PAST_POST = re.compile(
    r"\b(?:during|in|over|throughout)[ \t]+(?:his|her|their)[ \t]+"
    r"(?:time|tenure|spell|stint|years|days)[ \t]+as[ \t]+(?:the[ \t]+)?$"
)
# a short verb phrase between a name and "as": "Rod Hansen took office today as"
RE_VERB_PHRASE = re.compile(r"(?:,[ \t]+who)?[ \t]+(?:[a-z]+[ \t]+){0,3}[a-z]+")
# a post to be taken up, not held: "Jo Farrell, who will become chief constable in May"
RE_FUTURE = re.compile(
    r"\b(?:will|shall|is[ \t]+to|are[ \t]+to|(?:is|are)[ \t]+(?:due|set|expected|poised)[ \t]+to)"
    r"[ \t]+(?:become|take[ \t]+over|take[ \t]+up|succeed|replace|join)\b"
    # a choice, a bid or a wish, not what came to pass ("left to become", "went on to
    # become"): "the preferred candidate to become", "backing to Michael Fuller, at present
    # Chief Constable of Kent, to become the new HM Chief Inspector"
    r"|\b(?:candidate|choice|nominee|nominated|shortlisted|backing|backed|bid|race|"
    r"applied|apply|applying|wants?|wanted|hopes?|hoped|hoping|seeks?|seeking|order)"
    r"\b[^.;]{0,80}?\bto[ \t]+become\b"
    # an appointment still to be made: "recommend that Craig Guildford, my preferred
    # candidate, be appointed as chief constable", "in order to be appointed as", "should
    # be confirmed as" (not "has been appointed")
    r"|\bbe[ \t]+(?:appointed|named|made|confirmed|installed)\b"
)
# a verb of leaving a post: "resigned as", "stepped down as", "retired as"
RE_LEFT = re.compile(
    r"\b(?:resign(?:ed|s)?|stepped[ \t]+down|stood[ \t]+down|quit|retired|left|departed)\b"
    # a post held in the past: "who served as chief constable" (not "has served as")
    r"|(?<!\bhas[ \t])(?<!\bhave[ \t])\bserved\b"
)
# a role held now: "Lisa Oldroyd has been acting Police and Crime Commissioner"
# (an adverb of time between: "Judi Heaton is currently Acting Chief Constable")
RE_IS = re.compile(
    # ("Mr Cooke is a former chief constable of Merseyside": one of those who held it)
    # (held still: "Mr Trotter has served as the force's Deputy Chief Constable for more
    # than five years", "she serves as")
    r"[ \t]+(?:is|has[ \t]+been|has[ \t]+served[ \t]+as|serves[ \t]+as)[ \t]+"
    r"(?:(?:currently|now|still|also)[ \t]+)?"
    # (the title of the force the article is about: "is the force's Deputy Chief Constable")
    r"(?:the[ \t]+(?:(?:county|region|area|city|force|force area|constabulary)['’]s[ \t]+)?"
    r"|an?[ \t]+)?$"
)
# a post its holder has left, told around the title: "the resignation of Chief
# Constable Ian Hopkins", "Ian Hopkins, the chief constable at the time"
RE_LEAVING_BEFORE = re.compile(
    r"\b(?:resignation|retirement|departure|sacking|dismissal|ousting|removal)[ \t]+of[ \t]+"
    r"(?:the[ \t]+)?$"
)
RE_AT_THE_TIME = re.compile(r"[ \t]+at[ \t]+the[ \t]+time\b")
# the last place of an area named after "and": " and Swindon"
RE_AND_PLACE = re.compile(r"[ \t]+and[ \t]+[A-Z][\w'’-]*")
# an apposition in the past: "NAME, who was (had been) ROLE at the time"
RE_WHO_WAS = re.compile(r"\bwho[ \t]+(?:was|had[ \t]+been)\b")
# one rank held in the past: "Mr Pritchard was a Detective Chief Superintendent"
# (past a comma closing an apposition, and "formerly": "Sir Denis O'Connor, was formerly
# chief constable of Surrey")
RE_WAS_A = re.compile(
    r",?[ \t]+(?:was|had[ \t]+been)[ \t]+(?:formerly[ \t]+)?(?:an?[ \t]+|the[ \t]+)?$"
)
RE_APPOS = re.compile(
    # (also in brackets: "Nick Hardwick (HM Chief Inspector of Prisons)")
    r"(?:,[ \t]+|[ \t]+\()(?:one of[ \t]+|who is[ \t]+|who was[ \t]+|who has been[ \t]+|"
    # ("at present": "present" is a qualifier the role keeps nothing of, read before)
    r"who had been[ \t]+|now[ \t]+|at(?:[ \t]+present)?[ \t]+|currently[ \t]+|presently[ \t]+)?"
    # "John Campion, the region's Police and Crime Commissioner": the area's
    r"(?:the[ \t]+(?:(?:county|region|area|city|force|force area|constabulary)['’]s[ \t]+|"
    # "Jane Kennedy, the local police commissioner": of the place the article is about
    r"local[ \t]+)?|"
    r"a[ \t]+|an[ \t]+|"
    # "Sophie Linden, Mr Khan's deputy mayor for policing": another person's
    r"(?:(?:Mr|Ms|Mrs|Dr|Sir|Dame)[ \t]+)?[A-Z][\w-]+['’]s[ \t]+)?"
    # "Emily Spurrell, APCC Chair and PCC for Merseyside": the second of two titles
    # (also set off: "Donna Jones, APCC Joint Victims Lead, and the Police and Crime
    # Commissioner for Hampshire")
    r"(?:(?:[A-Z][\w'’&-]*[ \t]+){0,3}[A-Z][\w'’&-]*,?[ \t]+and[ \t]+(?:the[ \t]+)?)?"
    # "Alison Hernandez, the Devon, Cornwall and Isles of Scilly Police and Crime
    # Commissioner": the places of an area before the one its force is found by
    r"(?:[A-Z][\w'’-]*(?:,|[ \t]+(?:and|of))[ \t]+){0,4}"
    # "Peter Clarke, HM chief inspector of prisons": the royal style in capitals alone
    rf"(?:{ROYAL_STYLE}[ \t]+)?$"
)
# postnominals ending a stretch: "Sir Andy Cooke QPM DL"
RE_HONOURS_BEFORE = re.compile(RE_HONOURS.pattern + "$")
RE_HONOURS_GAP_END = re.compile(RE_HONOURS.pattern + r"[ \t]+$")
# "Met Police chief Cressida Dick", "the force's chief, Jo Farrell": the force's leader
RE_CHIEF = re.compile(r"['’]?s?[ \t]+(?:[Pp]olice[ \t]+)?(?:chief|boss),?[ \t]+")
# a title in lower case between a body and a name: "NSPCC spokesman Adam Burling",
# "the Federation's chair, John Apter" (the title is a role label, checked in code)
RE_BODY_TITLE = re.compile(
    r"(?:['’]s?)?,?[ \t]+(?P<title>"
    # (a place the title is for: "the Police Federation's lead for Wales, Nicky Ryan")
    r"[a-z]+(?:[ \t]+[a-z]+){0,3}?[ \t]+for[ \t]+[A-Z][a-z]+(?=,)"
    r"|[a-z]+(?:[ \t]+[a-z]+){0,4}),?[ \t]+"
)
# ... or a title outside the scheme capitalised, one head word with its modifier: "PSA
# President Paul Griffiths", "IOPC Regional Director Derrick Campbell", "Napo General
# Secretary, Ian Lawrence,"
_CAPITAL_MODIFIERS = "|".join(m.capitalize() for m in TITLE_MODIFIERS if m != "co")
RE_BODY_TITLE_CAPS = re.compile(
    rf"(?:['’]s?)?[ \t]+(?P<title>(?:(?:{_CAPITAL_MODIFIERS})[ \t]+)?[A-Z][a-z]+),?[ \t]+(?=[A-Z])"
)
# ... or a capitalised title with its field after "of" or "for", up to its holder's name:
# "IOPC Director of Operations Amanda Rowe", "NCA Director of Investigations Nikki Holland"
RE_BODY_TITLE_OF = re.compile(
    rf"(?:['’]s?)?,?[ \t]+(?P<title>(?:(?:{_CAPITAL_MODIFIERS})[ \t]+)?[A-Z][a-z]+"
    r"[ \t]+(?:of|for)[ \t]+(?:[A-Z][\w'’-]*|and|&)(?:[ \t]+(?:[A-Z][\w'’-]*|and|&)){0,4}),?[ \t]+"
)

# ... or a capitalised title of several words set off before its holder, after the body
# or "its" or "whose": "the APCC Joint Victims Leads, PCC Lisa Townsend and ...", "the
# Association of Police and Crime Commissioners (APCC), whose Joint Leads on Local
# Policing, Matt Story and Chris Nelson,"
RE_BODY_TITLE_SET_OFF = re.compile(
    rf"(?:['’]s?)?(?:[ \t]+{BRACKETED_ABBR})?(?:,[ \t]+(?:its|whose))?[ \t]+"
    r"(?P<title>[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){1,3}"
    r"(?:[ \t]+(?:for|on|of)[ \t]+[A-Z][\w'’-]*(?:[ \t]+(?:[A-Z][\w'’-]*|and|&)){0,4})?),[ \t]+"
)

# the country a title is held in, after it: " in Scotland"
RE_IN_COUNTRY = re.compile(r"[ \t]+in[ \t]+(?:Scotland|Northern[ \t]+Ireland|Wales|England)\b")
RE_COMMA_OR_GAP = re.compile(r",?[ \t]+")
# capitalised words before a rank: "Deputy " before "Mayor Sophie Linden"
RE_CAPITALS_GAP = re.compile(r"(?:[A-Z][\w-]*[ \t]+)*")
# "'s " or " " between an org and a role title
RE_POSSESSIVE_GAP = re.compile(r"(?:['’]s?)?[ \t]+")
RE_POSSESSIVE_END = re.compile(r"['’]s?[ \t]+$")
RE_GAP = re.compile(r"[ \t]+")
RE_GAP_WORD = re.compile(r"[ \t]+(?:\S+[ \t]+)")
RE_COMMA_GAP = re.compile(r",[ \t]+")
# a seat's place after a title held in no body, up to its holder's name: "MP for
# Stockton North, " or "MP for Stockton North " before "Alex Cunningham"
RE_SEAT_PLACE = re.compile(
    r"[ \t]+for[ \t]+(?:(?:[A-Z][\w'’-]*|and|upon|on|the|in)[ \t]+){0,4}[A-Z][\w'’-]*,?[ \t]+"
)
# words that end no title: "officer on", "chief of"
TITLE_END_NOT = frozenset(("on", "of", "for", "at", "in", "to", "by", "with", "and", "the"))
# words that open no field before a title's head ("a former officer", "who leads")
TITLE_FIELD_NOT = frozenset(("a", "an", "the", "his", "her", "their", "its", "who", "which", "one"))
# "shadow" before a title: the opposition's spokesperson for it ("shadow home secretary")
RE_SHADOW_BEFORE = re.compile(r"\b[Ss]hadow[ \t]+$")
RE_SHADOW_APPOS = re.compile(r",[ \t]+(?:the[ \t]+|[A-Z]\w+['’]s[ \t]+)?\Z")
# a deputy's word before a title the scheme has no deputy of
RE_DEPUTY_BEFORE = re.compile(r"\b(?:[Dd]eputy|[Vv]ice|[Aa]ssistant)[ \t]+$")
# "inspector Wendy Williams", "superintendent Katy Barrow-Grint": a rank in lower case
# before a name (not the end of a longer title: "chief inspector")
RE_LOWER_INSPECTOR = re.compile(
    r"(?<![\w-])(?<!police )(?<!detective )(?<!chief )(?<!Chief )(?<!Police )(?<!Detective )"
    r"(?P<rank>inspector|superintendent)[ \t]+"
)
RE_INSPECTOR_APPOSITION = re.compile(
    r",[ \t]+(?:the[ \t]+)?(?:lead[ \t]+)?inspector\b(?![ \t]+of\b)"
    r"(?=(?:(?!Police|Constabulary|police|force)[^,;:]){0,60},)"
)
# a word of rank before a title or a party: "a senior Tory MP", "a former senior"
RE_SENIOR_BEFORE = re.compile(r"(?<![\w'’-])(?:senior|veteran|leading|prominent)[ \t]+$")
# a possessive right after a title: "A councillor's claim"
RE_POSSESSIVE_AFTER = re.compile(r"['’]s?(?![\w'’])")
# a sentence opening with "a" or "an" before a title: "A chief constable has ..."
RE_INDEFINITE_LEAD = re.compile(r"\s*(?:An?|an?)[ \t]+")
# " and " then capitalised words up to a name: "and APCC Victims Lead Dame "
RE_AND_END = re.compile(r"[ \t]+and[ \t]+(?:the[ \t]+)?$")
# (also set off by a comma, past the title's abbreviation: "the Mayor of Greater
# Manchester and Police Crime Commissioner (PCC), Andy Burnham")
RE_AND_TITLE = re.compile(
    r"[ \t]+and[ \t]+(?:[A-Z][\w'’&-]*[ \t]+){0,5}[A-Z][\w'’&-]*"
    r"(?:[ \t]+\([A-Z]+\))?,?[ \t]+"
)


def _titled_and(text: str, pos: int, name_at: int) -> bool:
    """Whether " and " then capitalised words up to a name hold a title ("and APCC
    Victims Lead Dame Vera Baird"), not an honorific alone: "both the PCC and Mr
    Gargan" are two people."""
    m = RE_AND_TITLE.fullmatch(text, pos, name_at)
    words = {w.strip(".,()") for w in m.group().split()[1:]} if m else set()
    return m is not None and not words <= set(lexicon().honorifics)


def _in_name(text: str, start: int, end: int, name_start: int) -> bool:
    """Whether a title at ``text[start:end]`` inside a body's name starting at
    ``name_start`` is only part of the name: in the plural ("the Association of Police
    and Crime Commissioners") or after the name's "of" ("the Office of the Police and
    Crime Commissioner for Surrey"), not an office one person holds ("Police
    Investigations and Review Commissioner Kate Frame")."""
    return text[end - 1] == "s" or RE_OF_BEFORE.search(text, name_start, start) is not None


# a finite verb after a title (past its holder's name): the title is a clause's subject
# (an auxiliary, or a present tense in "-s": "finds", "says", "warns")
RE_FINITE = re.compile(rf"(?:{AUXILIARIES}|[a-z]+[^s\W]s)\b")
RE_NAME_WORDS = re.compile(r"(?:[ \t]+[A-Z][\w'’.-]*)*[ \t]+")


def _clause_verb_after(text: str, pos: int, hi: int) -> bool:
    """Whether a verb follows the title ending at ``pos``, past a name: "as PCC finds
    ...", "as Chief Constable Jane Smith says ..."."""
    gap = RE_NAME_WORDS.match(text, pos, hi)
    if gap is None:
        return False
    at = gap.end()
    return bool(RE_FINITE.match(text, at, hi) or re_reporting_verb().match(text, at, hi))


def _named_next(
    text: str, sents: list[Sentence], people: list[PersonMention], sent: Sentence
) -> PersonMention | None:
    """The person the sentence after ``sent`` opens with, named there for the first
    time: the holder of a role ``sent`` ends with."""
    i = bisect.bisect_right([s.span.start for s in sents], sent.span.start)
    if i >= len(sents):
        return None
    nxt = sents[i]
    start = nxt.span.start + len(nxt.text) - len(nxt.text.lstrip())
    hon = re_honorific().match(text, start, nxt.span.end)  # "Sir Thomas Winsor says"
    if hon is not None and (gap := RE_GAP.match(text, hon.end(), nxt.span.end)) is not None:
        start = gap.end()
    first = next((p for p in people if p.span.start == start), None)
    if first is None or " " not in first.text.strip():
        return None
    if any(p.name == first.name and p.span.start < start for p in people):
        return None
    return first


def _org_before(text: str, pos: int, floor: int) -> tuple[str | None, int]:
    """An org or place ending right before ``pos`` ("Lancashire's ", "Beds "), also past
    a party's words ("Surrey's Conservative "): key, start."""
    party = _re_party_before().search(text, max(floor, pos - 40), pos)
    if party is not None:
        pos = party.start()
    window_start = max(floor, pos - 120)
    window = text[window_start:pos]
    best: tuple[str | None, int] = (None, pos)
    for rx, table in ((re_org(), org_labels()), (re_place(), place_keys())):
        for m in rx.finditer(window):
            rest = window[m.end() :]
            if RE_POSSESSIVE_GAP.fullmatch(rest):
                key = table.get(fold(m.group()))
                if key and window_start + m.start() < best[1]:
                    best = (key, window_start + m.start())
    return best


@functools.cache
def _re_party_before() -> re.Pattern[str]:
    """A party's words right before a title: "Conservative ", "Liberal Democrat "."""
    words = "|".join(sorted(map(re.escape, party_words()), key=len, reverse=True))
    return re.compile(rf"(?<![\w'’-])(?:(?:{words})[ \t]+)+$")


def _body_after(
    text: str, pos: int, ceiling: int, bodies_at: dict[int, tuple[str, int]]
) -> tuple[str | None, int] | None:
    """The body named after a title ("of/for/at ..."): its key and where its name ends.
    A body the article names wins over a reference label inside it ("Chair of
    Leicestershire Police Federation" is the Federation's)."""
    m = RE_OF_ORG.match(text, pos, ceiling)
    return _body_at(text, m.end(), ceiling, bodies_at) if m else None


def _body_at(
    text: str, pos: int, ceiling: int, bodies_at: dict[int, tuple[str, int]], places: bool = True
) -> tuple[str | None, int] | None:
    """The body named at ``pos``: one the article names there, else a reference label's
    (else, with ``places``, a place's): its key (None for a label the tables lack) and
    where its name ends."""
    if pos in bodies_at:
        return bodies_at[pos]
    tables = ((re_org(), org_labels()), (re_place(), place_keys()))
    for rx, table in tables if places else tables[:1]:
        o = rx.match(text, pos, ceiling)
        if o:
            return table.get(fold(o.group())), o.end()
    return None


# where a body set off after a title ends: a mark, or the end of the line
RE_SET_OFF_END = re.compile(r"[ \t]*(?:[,.;:)]|$)", re.M)


def _body_set_off(
    text: str, pos: int, ceiling: int, bodies_at: dict[int, tuple[str, int]]
) -> tuple[str | None, int] | None:
    """The body named after a title set off by commas, as a list of guests or a
    signature gives it ("Mary Harpley, Chief Officer, GLA"; "Peter Neyroud, Chief
    Executive, NPIA, said"): its key and where its name ends, the name ending there."""
    m = RE_COMMA_GAP.match(text, pos, ceiling)
    found = _body_at(text, m.end(), ceiling, bodies_at, places=False) if m else None
    if found is None or found[0] is None or not RE_SET_OFF_END.match(text, found[1], ceiling):
        return None
    return found


# a body's head noun alone, capitalised, opening its clause right before a title
# ("Committee chairman", "Federation chair")
RE_BARE_HEAD_END = re.compile(r"(?:^|(?<=[.:;,\"“‘]\s)|(?<=\n))(?P<head>[A-Z][a-z]+)[ \t]+$")


def _keys_named_in(text: str) -> Iterator[str | None]:
    """The keys of the bodies, then of the places, ``text`` names, in order."""
    for rx, table in ((re_org(), org_labels()), (re_place(), place_keys())):
        for m in rx.finditer(text):
            yield table.get(fold(m.group()))


def _org_within(title: str) -> str | None:
    """A force named inside the title itself: "Met Commissioner"."""
    return next(_keys_named_in(title), None)


@functools.cache
def _re_the_before() -> re.Pattern[str]:
    """ "the" right before a title, past a qualifier the role keeps none of (the
    lexicon's: "the present chief inspector"): a post, not a rank ("the Chief Inspector,
    Andy Cooke")."""
    dropped = sorted((q for q, kept in lexicon().qualifiers.items() if kept is None), key=len)
    alt = "|".join(re.escape(q).replace(r"\ ", r"[ \t]+") for q in reversed(dropped))
    return re.compile(rf"\b[Tt]he[ \t]+(?:(?:{alt})[ \t]+)?$")


@functools.cache
def _re_qualified_title() -> re.Pattern[str]:
    """A qualifier that keeps on the membership and a one-word title in lower case
    before a name: "acting commissioner Stephen House", "former commissioner Sir Bernard
    Hogan-Howe" (one-word labels otherwise count only capitalised: "the commissioner
    said")."""
    lex = lexicon()
    quals = [q for q, kept in lex.qualifiers.items() if kept and " " not in q]
    titles = {lb.lower() for r in lex.roles.values() for lb in r.labels if lb.isalpha()}
    alt = "|".join
    return re.compile(
        rf"\b(?P<q>(?i:{alt(map(re.escape, quals))}))[ \t]+"
        rf"(?P<title>{alt(sorted(titles))})[ \t]+"
    )


def _qualifier(text: str, pos: int, floor: int) -> tuple[str | None, int]:
    m = re_qualifier().search(text, max(floor, pos - 30), pos)
    if not m or m.end() != pos:
        return None, pos
    return lexicon().qualifiers.get(m.group("q").lower()), m.start()


def _site_force(publisher: str | None) -> str | None:
    """The force whose office's own site the page is on, by the site's name ("Cleveland
    Police and Crime Commissioner", "Kent Police"): the force of a rank or a PCC the
    page names no force for."""
    if not publisher:
        return None
    orgs = lexicon().orgs
    return next(
        (
            k
            for k in _keys_named_in(publisher)
            if k in orgs and orgs[k].type is OrgType.POLICE_FORCE
        ),
        None,
    )


def extract(
    article: Article, sents: list[Sentence], people: list[PersonMention], orgs: list[OrgMention]
) -> list[RoleClaim]:
    text = capital_leads(article.text, sents)
    lex = lexicon()
    types = {m.org: m.kind for m in orgs if m.kind is not None}
    by_start = {p.span.start: p for p in people}
    by_end = {p.span.end: p for p in people}
    claims: list[RoleClaim] = []
    predecessors: list[tuple[PersonMention, Sentence]] = []  # who held a role before
    # "the ROLE" opening a sentence after a person's name: theirs, decided at the end
    epithets: list[tuple[PersonMention, str, str | None, str | None, Sentence]] = []
    # ranks of a later mention held in the article's force only for want of another
    guessed: set[tuple[str, str, str | None, str | None]] = set()
    mentioned = set(mentioned_for_titles(article.text, frozenset(m.org for m in orgs)))
    site_force = _site_force(article.publisher)
    # the titles the article spells out anywhere: a force's commissioner named in full
    # elsewhere ("Staffordshire's police, fire and crime commissioner ... The commissioner,
    # Ben Adams, said") is that one; an inspectorate's chief's title says which chief "the
    # present Chief Inspector" is
    spelt_titles = {
        k for a, b in role_spans(text, 0, len(text)) if (k := role_key(text[a:b])) is not None
    }
    spelt = spelt_titles & _COMMISSIONERS
    force_commissioner = next(iter(spelt)) if len(spelt) == 1 else "police-and-crime-commissioner"
    chiefs_titled = {
        k for k, o in lex.orgs.items() if o.chief_role and o.chief_role in spelt_titles
    }

    @functools.cache
    def area_force() -> str | None:
        """The one police area an article that names no force names ("Gloucestershire's
        police and crime panel ... the force"): the area of a force's titles held there."""
        forces = {f for m in re_place().finditer(text) if (f := force_of_place(m.group()))}
        return next(iter(forces)) if len(forces) == 1 else None

    bodies = {
        k: OrgType.OTHER for k, v in types.items() if v in (OrgType.GOVERNMENT_BODY, OrgType.OTHER)
    }

    named_bodies = [om for om in orgs if not om.by_context]
    # where each body the article names starts: its key and where its longest name ends
    bodies_at: dict[int, tuple[str, int]] = {}
    for om in sorted(orgs, key=lambda o: o.span.end - o.span.start):
        if not om.by_context:
            bodies_at[om.span.start] = (om.org, om.span.end)
    # where each mention of a body that is no force or inspectorate ends, "the council"
    # too: its key and where it starts ("Jane Smith, the council's chief executive")
    bodies_end = {
        om.span.end: (om.org, om.span.start)
        for om in orgs
        if om.kind in (OrgType.GOVERNMENT_BODY, OrgType.OTHER)
    }

    def _type_of(org: str) -> OrgType | None:
        entry = lex.orgs.get(org)
        return entry.type if entry is not None else types.get(org)

    def person_at(pos: int) -> PersonMention | None:
        return by_start.get(pos)

    def _past_honorific(text: str, pos: int, hi: int) -> PersonMention | None:
        """The person named after an honorific at ``pos`` ("Dame Vera Baird")."""
        hon = re_honorific().match(text, pos, hi)
        if not hon:
            return None
        gap = RE_GAP.match(text, hon.end(), hi)
        return person_at(gap.end()) if gap else None

    def _holder_at(pos: int, hi: int) -> PersonMention | None:
        """The person named at ``pos``, past an honorific or a rank in capitals ("PCC
        Lisa Townsend", "Deputy Mayor Sophie Linden")."""
        rank = next(
            (b for a, b in role_spans(text, pos, hi) if RE_CAPITALS_GAP.fullmatch(text, pos, a)),
            None,
        )
        gap = RE_GAP.match(text, rank, hi) if rank is not None else None
        at = gap.end() if gap is not None else pos
        return person_at(at) or _past_honorific(text, at, hi)

    def _deputy_inspector(text: str, at: int, start: int, end: int, hi: int) -> list[RoleClaim]:
        """The holder of an inspectorate's title with a deputy's word before it, in the
        article's words with any royal style and country: the holder named after it or
        in apposition before it; held in the inspectorate the title without that word
        names ("HM Inspector of Constabulary in Scotland": HMICS)."""
        royal = RE_ROYAL_BEFORE.search(text, max(0, at - 20), at)
        a = royal.start() if royal is not None else at
        country = RE_IN_COUNTRY.match(text, end, hi)
        b = country.end() if country is not None else end
        own = text[a:at] + text[start:b]
        base = (
            role_key(own)
            or role_key(text[start:b])
            or role_key("HM " + text[start:b])  # "inspector of constabulary in Scotland"
            or role_key(text[start:end])
        )
        if base is None:
            return []
        org = lex.roles[role_meant(base, frozenset(mentioned))].default_org
        # (of the one inspectorate the article names that holds the title under any name:
        # "HM Assistant Inspector of Constabulary, Mr Mark Hargreaves" beside HMICS)
        label = fold(lex.roles[base].label)
        named = {
            r.default_org
            for r in lex.roles.values()
            if label in fold(r.label) and r.default_org in mentioned
        }
        if org not in mentioned and len(named) == 1:
            org = named.pop()
        gap = RE_COMMA_OR_GAP.match(text, b, hi)
        holder = (person_at(gap.end()) or _past_honorific(text, gap.end(), hi)) if gap else None
        if holder is None and (appos := RE_SHADOW_APPOS.search(text, max(0, a - 8), a)):
            holder = by_end.get(appos.start())
        if holder is None:
            return []
        label = " ".join(text[a:b].split())
        return [RoleClaim(holder.name, label.lower(), org, holder.evidence, None, label)]

    def last_person_before(pos: int) -> PersonMention | None:
        before = [p for p in people if p.span.end <= pos]
        return before[-1] if before else None

    def add(
        person: PersonMention | str,
        key: str,
        org: str | None,
        qual: str | None,
        sent: Sentence,
        beside: bool = False,
    ) -> None:
        """``beside``: ``org`` is named before or after the title, not inside it."""
        name = person if isinstance(person, str) else person.name
        if lex.roles[key].bodiless:
            # "Assembly Member Gareth Bacon": of the assembly the article names, if any
            key = role_meant(key, frozenset(mentioned))
        if lex.roles[key].bodiless:
            # "Labour MP Jess Phillips", "Alex Cunningham, MP for Stockton North": a seat,
            # held in no body (the place is a constituency, not a force); a councillor's
            # is the one council the article names, if one only
            seat = lex.roles[key]
            council = _the_one_headed(orgs, seat.body_heads, text, seat.labels)
            claims.append(RoleClaim(name, key, council, sent.span, qual))
            return
        # the body or place named with the title counts first: "West Yorkshire Deputy
        # Mayor for Policing and Crime" is West Yorkshire's wherever else the article goes
        own = role_meant(key, frozenset({org})) if org is not None else key
        meant = own if own != key else role_meant(key, frozenset(mentioned))
        held_in = _type_of(org) if org is not None else None
        if own != key or held_in is None or lex.roles[meant].scope in (None, held_in):
            # not "Chief Inspector John Smith of West Yorkshire Police" in news of a
            # prison inspection: the rank, held in the force named with it
            key = meant
        if (
            key != own
            and org is None
            and lex.roles[own].scope is OrgType.POLICE_FORCE
            and lex.roles[key].scope is OrgType.INSPECTORATE
            and not isinstance(person, str)
            and _kind_named(orgs, types, OrgType.POLICE_FORCE, sent.span.start, person.span.start)
            and not _kind_named(
                orgs, types, OrgType.INSPECTORATE, sent.span.start, sent.span.end, in_context=True
            )
        ):
            # nor "West Midlands Police Head of Custody, Chief Inspector Eddy Johnston,
            # said": a force named before the title, and no inspectorate in its sentence,
            # gives the rank
            key = own
        if key == PLAIN_INSPECTOR and org is None and not beside:
            # "Inspector Zoe Billingham said she was pleased with Kent Police": in news of
            # an inspection, an inspector of no force is one of the inspectorate's
            held = main_org(orgs, types, OrgType.INSPECTORATE)
            if held is not None and _title_in(HM_INSPECTOR, held, OrgType.INSPECTORATE):
                key = HM_INSPECTOR
        if (
            key == CHIEF_INSPECTOR
            and org is None
            and not beside
            and OrgType.POLICE_FORCE not in types.values()
        ):
            # "Chief Inspector Sir Thomas Winsor said" in news of an inspectorate's report
            # that names no force: no police rank, but the inspectorate's chief
            held = main_org(orgs, types, OrgType.INSPECTORATE)
            chief = _chief_of(held)
            if held is not None and chief is not None:
                key, org, beside = chief, held, True
        role = lex.roles[key]
        kind = _type_of(org) if org is not None else None
        if kind is OrgType.POLICE_FORCE and role.scope is OrgType.GOVERNMENT_BODY and beside:
            # "Bev Hughes, Greater Manchester's Deputy Mayor for Policing, ...": the place
            # says where, and no force holds a government body's title
            org, kind, beside = None, None, False
        if org is not None and kind is OrgType.POLICE_FORCE and role.scope is OrgType.INSPECTORATE:
            # "Scotland's chief inspector of prisons", "Northern Ireland's chief
            # inspector of criminal justice": the place says which nation's inspectorate
            # of the title's sector, never a police rank
            org = _nation_inspectorate(key, org)
            kind = OrgType.INSPECTORATE if org is not None else None
        if org is not None and kind is not None and role.scope not in (None, kind):
            # the title is another body's, named before or after it ("IPCC Commissioner
            # for Wales", "CJI's Chief Inspector"): a role of that title held there, or
            # none; a place inside a title ("Mayor of Greater Manchester") is no body
            held = _title_in(key, org, kind) if beside else None
            chief = _chief_of(org)
            if held is None and beside and chief and fold(role.label).startswith("chief"):
                # "Andy Cooke, the Chief Inspector of HMICFRS": the one who leads it
                held = chief
            if held is None and beside and key == PLAIN_INSPECTOR and kind is OrgType.INSPECTORATE:
                # "HMCPSI inspector Andrew Cayley": one of that inspectorate's inspectors,
                # in the article's word (no police rank); "HMICS inspector Derek Penman":
                # an inspector of constabulary, of the inspectorate of constabulary named
                if _of_constabulary(org):
                    claims.append(RoleClaim(name, HM_INSPECTOR, org, sent.span, qual))
                else:
                    label = lex.roles[PLAIN_INSPECTOR].label  # "Inspector"
                    claims.append(RoleClaim(name, PLAIN_INSPECTOR, org, sent.span, qual, label))
                return
            if held is None and beside:
                return
            if held is None:
                org = None
            else:
                key, role = held, lex.roles[held]
        # an inspector belongs to the inspectorate the article names (HMICS in
        # Scotland); a minister to the role's own department whatever else is named
        if org is None and role.scope is OrgType.POLICE_FORCE:
            # "In Hertfordshire, Chief Constable Andy Bliss said": the one force the
            # sentence names, before the one the article is most about
            org = _sole_force(text, sent, orgs, types)
        found = main_org(orgs, types, role.scope) if org is None and role.scope else None
        if found is None and org is None and role.scope is OrgType.POLICE_FORCE:
            # "Barry Coppinger, the PCC," on a page of the Cleveland PCC's own site
            found = site_force or area_force()
        if (
            found is not None
            and role.scope is OrgType.POLICE_FORCE
            and not isinstance(person, str)
            and " " not in person.text.strip()
        ):
            # "DCC Hansen" after "Rod Hansen, deputy chief constable of Gloucestershire
            # Police": a second mention, its force only the article's
            guessed.add((name, key, found, qual))
        if org is None and role.scope is OrgType.INSPECTORATE:
            # the inspectorate the article is most about, if the title is of its sector:
            # not "Chief Inspector of Prisons Nick Hardwick" in a custody inspection HMIC
            # leads, nor "HM Chief Inspector of Constabulary in Scotland" beside HMICFRS
            fits = found is not None and (role.default_org is None or _of_sector(key, found))
            org = found if fits else role.default_org
        elif org is None:
            org = role.default_org or found
        if org is None and role.scope is None:
            # a title any body has ("chief executive John Foley", "the outgoing chair,
            # Andrew Flanagan"): the body other than a force or inspectorate the
            # article is most about, unless the article names another with it
            # ("chief executive of national domestic violence charity Refuge")
            org = main_org(orgs, bodies, OrgType.OTHER)
            guessed.add((name, key, org, qual))
        county = org is not None and _type_of(org) is OrgType.POLICE_FORCE
        if role.body_heads and (org is None or not beside or county):
            # "Mark Preece, Chief Fire Officer for Gloucestershire": the one fire and
            # rescue service the article names, never the county's police force
            served = _the_one_headed(orgs, role.body_heads, text, role.labels)
            if served is not None or county:
                org = served
        if key == CHIEF_INSPECTOR and org is None:
            # "Chief Inspector Andy Cooke" where no force or inspectorate is found for
            # the title: the head of an inspectorate the article does not name, never a
            # police rank held nowhere
            return
        entry = lex.orgs.get(org) if org is not None else None
        if key == "commissioner" and entry is not None and entry.chief_role != "commissioner":
            # a force's "Commissioner" is its police and crime commissioner, unless a
            # Commissioner leads it (the Met): "Commissioner David Lloyd" of Herts
            if any(c.person == name and c.role in _COMMISSIONERS for c in claims):
                return
            key = force_commissioner
        claims.append(RoleClaim(name, key, org, sent.span, qual))

    named = [(om.span.start, om.span.end) for om in orgs if not om.by_context]
    for sent in sents:
        lo, hi = sent.span.start, sent.span.end
        held_until: dict[int, PersonMention] = {}  # where a title just given ends
        matches: list[tuple[int, int, str | None, str | None]] = [
            (a, b, role_key(text[a:b]), None) for a, b in role_spans(text, lo, hi)
        ]
        context = any_in(context_role_words(), sent.text)
        for rx in (re_context_role(), re_context_role_of()) if context else ():
            matches.extend(
                (m.start("role"), m.end("role"), context_role_key(m.group("role")), m.group("q"))
                for m in rx.finditer(text, lo, hi)
            )
        for start, end, key, ctx_q in matches:
            if key is None or any(
                a <= start and end <= b and b - a > end - start and _in_name(text, start, end, a)
                for a, b in named
            ):
                continue  # a title inside a body's name: "Association of Police and Crime ..."
            # an office one person holds, named by its body's name: "UK Information
            # Commissioner John Edwards", "Police Investigations and Review Commissioner
            # Kate Frame" (the office's title, held in that body)
            office = (
                next(
                    (
                        om
                        for om in orgs
                        if not om.by_context and om.span.end == end and om.span.start < start
                    ),
                    None,
                )
                if key == "commissioner"
                else None
            )
            deputy = RE_DEPUTY_BEFORE.search(text, max(lo, start - 12), start)
            if deputy is not None and role_key(text[deputy.start() : end]) is None:
                # "Deputy Mayor Bev Hughes" is not the Mayor; an inspectorate's deputy holds
                # a title of their own: "HM Assistant Inspector of Constabulary in
                # Scotland, Mark Hargreaves,"
                if lex.roles[key].scope is OrgType.INSPECTORATE:
                    claims.extend(_deputy_inspector(text, deputy.start(), start, end, hi))
                continue
            shadow = RE_SHADOW_BEFORE.search(text, max(lo, start - 8), start)
            if shadow is not None:
                # "shadow home secretary Yvette Cooper", "Yvette Cooper, the shadow home
                # secretary,": the opposition's spokesperson, not the holder
                gap = RE_GAP.match(text, end, hi)
                holder = person_at(gap.end()) if gap else None
                appos = RE_SHADOW_APPOS.search(text, lo, shadow.start())
                holder = holder or (by_end.get(appos.start()) if appos else None)
                if holder is not None:
                    label = " ".join(w.capitalize() for w in text[shadow.start() : end].split())
                    claims.append(
                        RoleClaim(holder.name, label.lower(), None, sent.span, None, label)
                    )
                continue
            # qualifier / org before the title, in either order
            qual, p = _qualifier(text, start, lo)
            org, p2 = _org_before(text, p, lo)
            if org is None and (poss := RE_POSSESSIVE_END.search(text, max(lo, p - 4), p)):
                # a body the reference data does not list: "Bradford Council's chief
                # executive", "the council's chief executive"
                owner = bodies_end.get(poss.start())
                if owner is not None and owner[1] >= lo:
                    org, p2 = owner
            bare = RE_BARE_HEAD_END.search(text, max(lo, p - 16), p) if org is None else None
            if bare is not None and bare.group("head") in org_heads():
                # a body's head noun alone before the title, the body named before with
                # it: "Committee chairman Keith Vaz" after "the Home Affairs Committee"
                named_with = last_with_head(named_bodies, bare.group("head"), bare.start())
                if named_with is not None:
                    org, p2 = named_with.org, bare.start()
            owned = org is not None  # a body or place before the title: "Kent's PCC"
            # an office named by capitalised words before "Commissioner", no place's or
            # body's: "Police Complaints Commissioner Michelle Norman", "Civil Service
            # Commissioner Andrew Flanagan" hold that office, not a force's commissioner
            named_office = (
                _office_words(text, lo, p) if key == "commissioner" and not owned else None
            )
            if org is not None:
                p = p2
            elif party := _re_party_before().search(text, max(lo, p - 40), p):
                p = party.start()  # "Caroline Nokes, a senior Tory MP": her party's
            if org is None and (senior := RE_SENIOR_BEFORE.search(text, max(lo, p - 12), p)):
                p = senior.start()
            if qual is None:
                qual, p = _qualifier(text, p, lo)
            if ctx_q:
                qual = lex.qualifiers.get(ctx_q.lower(), qual)
            abbr = RE_ABBR.match(text, end, hi)
            after = abbr.end() if abbr else end + abbreviation_stop(text, end)
            # "The Police and Crime Commissioner (PCC) for Gwent, Jeff Cuthbert,"
            body_after = _body_after(text, end, hi, bodies_at) or _body_after(
                text, after, hi, bodies_at
            )
            if body_after is None and org is None:
                body_after = _body_set_off(text, after, hi, bodies_at)
            after_org = body_after[0] if body_after is not None else None
            beside = (org or after_org) is not None
            # a body the title names wins over a place after it: "the IPCC Commissioner
            # for Lancashire" is the IPCC's
            org = org or _org_within(text[start:end]) or after_org
            lead = text[lo:p]
            # ROLE NAME, also past an honorific: "Met Commissioner Sir Mark Rowley"
            nxt = RE_GAP.match(text[after:hi])
            if nxt:
                hon = re_honorific().match(text, after + nxt.end(), hi)
                if hon:
                    nxt = RE_GAP_WORD.match(text[after:hi])
            person = person_at(after + nxt.end()) if nxt else None
            if person is not None and org is None:
                # ROLE NAME of ORG: "Chief Inspector John Smith of West Yorkshire Police",
                # also set off by commas: "Deputy Chief Constable Mark Roberts, of South
                # Yorkshire Police, who leads ..."
                named_after = _body_after(text, person.span.end, hi, bodies_at)
                if named_after is None and text.startswith(",", person.span.end):
                    named_after = _body_after(text, person.span.end + 1, hi, bodies_at)
                if named_after is not None and named_after[0] is not None:
                    org, beside = named_after[0], True
            # ROLE of ORG NAME: "Chief Constable of Sussex Police Jo Shiner", "Police and
            # Crime Commissioner for Dorset David Sidwick", also with commas: "The Chief
            # Constable of Kent Police, Alan Pughsley, said"
            if person is None and body_after is not None:
                # (past the title's abbreviation: "the Police and Crime Commissioner for
                # Gwent (PCC), Jeff Cuthbert")
                past = RE_ABBR.match(text, body_after[1], hi)
                named_end = past.end() if past else body_after[1]
                # (past the area's last place: "Police and Crime Commissioner for
                # Wiltshire and Swindon Angus Macpherson")
                if (more := RE_AND_PLACE.match(text, named_end, hi)) is not None and (
                    person_at(more.end() + 1) is not None
                ):
                    named_end = more.end()
                gap = RE_GAP.match(text, named_end, hi) or RE_COMMA_GAP.match(text, named_end, hi)
                # (past an honorific too: "The Chief Constable of Kent Police, Sir Alan
                # Pughsley")
                person = (
                    (person_at(gap.end()) or _past_honorific(text, gap.end(), hi)) if gap else None
                )
                titled = next((b for a, b, *_ in matches if gap and a == gap.end()), None)
                if person is None and titled is not None:
                    # past the name's own title: "The Chair of Cleveland Fire Authority,
                    # Councillor David Coupe"
                    person = (g := RE_GAP.match(text, titled, hi)) and person_at(g.end())
            # ROLE and TITLE NAME: "Northumbria Police and Crime Commissioner and APCC
            # Victims Lead Dame Vera Baird", both hers
            if person is None and text.startswith(" and ", after):
                person = next(
                    (
                        q
                        for q in people
                        if after < q.span.start < min(hi, after + 60)
                        and _titled_and(text, after, q.span.start)
                    ),
                    None,
                )
            # ROLE (NAME), as Hansard names a minister: "The Secretary of State for the
            # Home Department (Theresa May):"
            if person is None and (bracket := RE_BRACKET_OPEN.match(text, end, hi)) is not None:
                inside = person_at(bracket.end())
                if inside is not None and text.startswith(")", inside.span.end):
                    person = inside
            # ROLE, NAME, also past an honorific: "the chief inspector, Sir Thomas Winsor"
            if person is None:
                c = RE_COMMA_GAP.match(text[after:hi])
                if c:
                    at = after + c.end()
                    person = person_at(at) or _past_honorific(text, at, hi)
            # ROLE for the REGION, NAME: the part of the country a title covers, "HM
            # Inspector of Constabulary for the Northern Region, Michael Cunningham"
            if person is None and (region := RE_REGION_AFTER.match(text, after, hi)):
                person = person_at(region.end()) or _past_honorific(text, region.end(), hi)
            # ROLE for PLACE(,) NAME: a seat and its place, "Labour's MP for Stockton
            # North, Alex Cunningham, added"
            if person is None and lex.roles[key].bodiless:
                person = next(
                    (
                        q
                        for q in people
                        if after < q.span.start < min(hi, after + 80)
                        and RE_SEAT_PLACE.fullmatch(text, after, q.span.start)
                    ),
                    None,
                )
            # NAME, ROLE and ROLE: the second title is the first's holder's too ("Andy
            # Cooke, HM Chief Inspector of Constabulary and HM Chief Inspector of Fire &
            # Rescue Services")
            if person is None and (both := RE_AND_END.search(lead)) is not None:
                person = held_until.get(lo + both.start())
            # NAME, (one of) (the) ROLE
            if person is None:
                a = RE_APPOS.search(lead)
                if a:
                    person = by_end.get(lo + a.start())
                    # "Jon Boutcher, who was Chief Constable at the time": held before
                    if person is not None and qual is None and RE_WHO_WAS.search(a.group()):
                        qual = "former"
                    # past postnominals: "Sir Andy Cooke QPM DL, His Majesty's Chief ..."
                    honours = RE_HONOURS_BEFORE.search(text, lo, lo + a.start())
                    if person is None and honours is not None and honours.start() < honours.end():
                        person = by_end.get(honours.start())
            # NAME ROLE, a seat's letters written after the name as postnominals are
            # ("Jackie Baillie MSP", "Mohammad Yasin MP", "Sir John Smith QC MP")
            if person is None and text[start:end].isupper():
                honours = RE_HONOURS_GAP_END.search(text, lo, start)
                # (a rank's letters are never among a name's honours: "Lord Herbert of
                # South Downs CBE PC" is a Privy Counsellor, not a constable)
                ranked = lex.roles[key].scope is OrgType.POLICE_FORCE
                if honours is not None and not (ranked and text[honours.start() : start].strip()):
                    person = by_end.get(honours.start())
            # NAME is (the) ROLE, NAME has been acting ROLE: held now ("Lisa Oldroyd has
            # been acting Police and Crime Commissioner since ...")
            if person is None:
                a = RE_IS.search(lead)
                if a:
                    person = by_end.get(lo + a.start())
            # NAME was a ROLE: held before
            if person is None and qual in (None, "former"):
                a = RE_WAS_A.search(lead)
                if a:
                    person = by_end.get(lo + a.start())
                    qual = "former" if person is not None else qual
            # "commissioned by Theresa May during her time as Home Secretary": held before
            if person is None and (past := RE_PAST_POST.search(lead)) is not None:
                before = last_person_before(lo + past.start())
                if before is not None and before.span.start >= lo:
                    person, qual = before, "former"
            # NAME as ROLE; NAME took over from NAME2 as ROLE: NAME's, and NAME2's before
            # (not "as" opening a clause whose subject the title is: "Simon Byrne
            # suspended as PCC finds gross misconduct case")
            if person is None:
                a = RE_AS.search(lead)
                if a and not _clause_verb_after(text, after, hi):
                    person = by_end.get(lo + a.start())
                    if person is not None:
                        gone = RE_SUCCEEDED.search(text, lo, person.span.start)
                        if gone and gone.end() == person.span.start:
                            predecessors.append((person, sent))
                            person = last_person_before(gone.start())
                    else:
                        # "Rod Hansen took office today as Gloucestershire's new chief
                        # constable": the sentence's subject, past a short verb phrase
                        person = next(
                            (
                                q
                                for q in people
                                if lo <= q.span.start
                                and q.span.end < lo + a.start()
                                and RE_VERB_PHRASE.fullmatch(text, q.span.end, lo + a.start())
                            ),
                            None,
                        )
                        if (
                            person is not None
                            and qual is None
                            and RE_LEFT.search(text, person.span.end, lo + a.start())
                        ):
                            # "Cressida Dick resigned as Met Commissioner": no longer
                            qual = "former"
            # NAME led BODY as ROLE: the body's, held before ("Mr Otter had led Devon and
            # Cornwall police as chief constable from 2007 to 2012"), or still ("has led")
            if person is None and (led := RE_LED_AS.search(lead)) is not None:
                person = by_end.get(lo + led.start())
                led_body = next(
                    (
                        om
                        for om in orgs
                        if lo + led.start("body") <= om.span.start
                        and om.span.end <= lo + led.end("body")
                    ),
                    None,
                )
                if person is not None and led_body is not None:
                    org, beside = led_body.org, True
                    if qual is None and led.group("have") not in ("has", "have"):
                        qual = "former"
                else:
                    person = None
            # "Sadiq Khan to be impeached from his role as Mayor of London": the person
            # named last before "his role" in the sentence
            if person is None and (own := RE_OWN_POST.search(lead)) is not None:
                before = last_person_before(lo + own.start())
                if before is not None and before.span.start >= lo:
                    person = before
            if person is not None and RE_FUTURE.search(text, person.span.end, start):
                continue  # "Jo Farrell, who will become chief constable in May": not yet
            # NAME became ROLE, NAME took over as ROLE
            if person is None:
                if RE_FUTURE.search(lead):
                    continue
                b = RE_NAME_BECAME.search(lead)
                if b:
                    before = last_person_before(lo + b.start())
                    if before is not None and before.span.start >= lo:
                        person = before
            # he ... became ROLE
            if person is None and RE_BECOME.search(lead):
                person = last_person_before(lo + RE_BECOME.search(lead).start())  # type: ignore[union-attr]
            # "Andy Cooke ... The former Merseyside Chief Constable believes": an epithet
            # for the person named just before
            if person is None and RE_THE_OPENING.fullmatch(lead):
                before = last_person_before(lo)
                if (
                    before is not None
                    and lo - before.span.end < EPITHET_REACH
                    # (not one the sentence goes on to name as another: "The home
                    # secretary has put forward Tom Winsor as ...")
                    and not any(p.name == before.name and lo <= p.span.start < hi for p in people)
                ):
                    if qual == "former":
                        person = before
                    else:
                        # "Priti Patel welcomed the announcement. The home secretary's
                        # spokesman ...": hers, if she has no role and it no holder
                        epithets.append((before, key, org, qual, sent))
            # "..., according to the county's police and crime commissioner. / Matthew
            # Ellis was responding to ...": a role ending its sentence, its holder named
            # for the first time as the next one's subject
            if (
                person is None
                and RE_ROLE_ENDS_SENTENCE.fullmatch(text, after, hi)
                and RE_ATTRIBUTED_ROLE_LEAD.search(text, lo, start)
            ):
                person = _named_next(text, sents, people, sent)
            # "A chief constable has posted a video apology ... / Nick Adderley said":
            # a role brought in with "a" as its sentence's subject, its holder named for
            # the first time as the next sentence's
            # (not a title in the possessive, nor one of several titles: "A councillor's
            # claim ... has been rejected by the Police and Crime Commissioner. / Dafydd
            # Llywelyn, ...": the next sentence's subject may hold the other)
            if (
                person is None
                and RE_INDEFINITE_LEAD.fullmatch(lead)
                and not RE_POSSESSIVE_AFTER.match(text, end)
                and len(role_spans(text, lo, hi)) == 1
            ):
                person = _named_next(text, sents, people, sent)
            # "The Police and Crime Commissioner has described claims ... as 'alarmist'. /
            # Katie Bourne made the comments ...": the one title of a sentence, brought in
            # with "the" or a place's possessive ("North Wales' Deputy Police and Crime
            # Commissioner is pressing ... / Julian Sandham believes") before anyone is
            # named, its holder named for the first time as the next sentence's subject
            # (not "The mayor ... after the area's chief constable stepped aside. / Ian
            # Hopkins said")
            if (
                person is None
                and (
                    RE_THE_OPENING.fullmatch(lead)
                    or owned
                    and not lead.strip()
                    # ... or with "their" anywhere in it: "People across Leicestershire
                    # are being encouraged by their Police and Crime Commissioner ... /
                    # Sir Clive Loader said"
                    or RE_THEIR_END.search(lead) is not None
                )
                and last_person_before(lo) is None
                and len(role_spans(text, lo, hi)) == 1
            ):
                person = _named_next(text, sents, people, sent)
            # my time as ROLE: the author's own
            author = _plain_name(article.author) if article.author else ""
            if person is None and RE_FIRST_PERSON.search(lead) and is_name(author):
                add(author, key, org, qual, sent)
                continue
            if person is not None and key in (CHIEF_INSPECTOR, PLAIN_INSPECTOR) and org is None:
                # "Her Majesty's Chief Inspector, Kevin McGinty", "the Chief Inspector,
                # Andy Cooke, and His Majesty's Inspectorate": no police rank (a rank comes
                # before its holder's name) but the chief (or an inspector) of the
                # inspectorate the article is about
                royal = RE_ROYAL_BEFORE.search(text, max(lo, start - 24), start)
                the_post = _re_the_before().search(text, max(lo, start - 32), start) is not None
                the_post = the_post and text.startswith(",", after)
                held = main_org(orgs, types, OrgType.INSPECTORATE) if royal or the_post else None
                if held is None and (royal or the_post) and len(chiefs_titled) == 1:
                    # the inspectorate whose chief's full title the article gives ("... to
                    # become the new HM Chief Inspector of the Crown Prosecution Service
                    # ... the present Chief Inspector, Stephen Wooler")
                    (held,) = chiefs_titled
                chief = _chief_of(held)
                if held is not None and key == CHIEF_INSPECTOR and chief is not None:
                    key, org, beside = chief, held, True
                elif held is not None and key == PLAIN_INSPECTOR:
                    # "According to the Inspector, Michelle Skeer,": one of the
                    # inspectorate's inspectors, as the title set beside it would make her
                    org, beside = held, True
                elif held is None and the_post and key == PLAIN_INSPECTOR:
                    # "The inspector, Wendy Williams, said" where no inspectorate is
                    # named: a post, not a rank, the constabulary's inspector
                    key, org = HM_INSPECTOR, None
                elif held is None and royal and key == CHIEF_INSPECTOR:
                    # "HM Chief Inspector Andy Cooke says ..." where no inspectorate is
                    # named: the royal style is no police rank's, and alone it is the
                    # constabulary's chief, as "HM Inspector" alone is its inspector
                    key = HM_CHIEF_INSPECTOR
            if person is not None and office is not None:
                label = " ".join(office.text.split())
                name = person if isinstance(person, str) else person.name
                claims.append(RoleClaim(name, label.lower(), office.org, sent.span, qual, label))
            elif person is not None and named_office is not None:
                label = f"{named_office} {' '.join(text[start:end].split())}"
                name = person if isinstance(person, str) else person.name
                claims.append(RoleClaim(name, label.lower(), None, sent.span, qual, label))
            elif person is not None:
                if qual is None and not isinstance(person, str):
                    role_end = body_after[1] if body_after is not None else after
                    if RE_LEAVING_BEFORE.search(text, max(lo, p - 40), p) or RE_AT_THE_TIME.match(
                        text, role_end, hi
                    ):
                        qual = "former"
                add(person, key, org, qual, sent, beside)
                held_until[after] = person
                joined = RE_AND_WORD.match(text, person.span.end, hi)
                second = person_at(joined.end()) if joined is not None else None
                if second is not None and RE_PLURAL_TITLE_HEAD.search(text, start, end):
                    # "Assistant Chief Constables Andy Cowie and John Hawkins": both hold it
                    add(second, key, org, qual, sent, beside)
    for sent in sents:  # FORCE chief NAME: the role that leads the force
        for om in orgs:
            kind = types.get(om.org)
            if om.by_context or kind not in (OrgType.POLICE_FORCE, OrgType.INSPECTORATE):
                continue
            # (an inspectorate's, when it has a chief's title: "the HMIC chief, Tom
            # Winsor," is HM Chief Inspector of Constabulary)
            if kind is OrgType.INSPECTORATE and _chief_of(om.org) is None:
                continue
            if not sent.span.contains(om.span):
                continue
            chief_at = RE_CHIEF.match(text, om.span.end, sent.span.end)
            if chief_at:
                at = chief_at.end()
                person = person_at(at) or _past_honorific(text, at, sent.span.end)
                if person is not None and any(
                    c.person == person.name and c.org == om.org for c in claims
                ):
                    # "West Yorkshire Police chief Mark Burns-Williamson" whom the article
                    # titles its Police and Crime Commissioner: the loose word yields
                    continue
                if person is not None:
                    chief = _chief_of(om.org)
                    # "former Met Police chief Dame Cressida Dick": a qualifier before
                    qual, _ = _qualifier(text, om.span.start, sent.span.start)
                    add(person, chief or "chief-constable", om.org, qual, sent)
    for sent in sents:  # a qualified one-word title in lower case: "acting commissioner NAME"
        for m in _re_qualified_title().finditer(text, sent.span.start, sent.span.end):
            key = role_key(m.group("title").capitalize())
            person = person_at(m.end()) or _past_honorific(text, m.end(), sent.span.end)
            if key is not None and person is not None:
                qual = lex.qualifiers.get(m.group("q").lower())
                add(person, key, None, qual, sent)
    # where an inspectorate's name ends, for "HMCPSI inspector Andrew Cayley"
    inspectorate_ends = {
        m.span.end: m.org
        for m in orgs
        if not m.by_context and types.get(m.org) is OrgType.INSPECTORATE
    }
    for sent in sents:  # "inspector Wendy Williams says": an inspector in lower case
        for m in RE_LOWER_INSPECTOR.finditer(text, sent.span.start, sent.span.end):
            person = person_at(m.end()) or _past_honorific(text, m.end(), sent.span.end)
            rank = role_key(m.group("rank").capitalize())
            if person is not None and rank is not None:
                # (the inspectorate named right before it: its inspector, as above)
                spaced = text[m.start() - 1 : m.start()] == " "
                body = inspectorate_ends.get(m.start() - 1) if spaced else None
                add(person, rank, body, None, sent, body is not None)
        # "Roger Baker, the inspector for the north, said", "Zoë Billingham, inspector at
        # HMIC, said": in apposition after the name (not one of a force)
        for m in RE_INSPECTOR_APPOSITION.finditer(text, sent.span.start, sent.span.end):
            person = by_end.get(m.start())
            if person is not None:
                add(person, PLAIN_INSPECTOR, None, None, sent)
    for om in orgs:
        # an inspectorate's initials as its inspector's title: "HMICS Derek Penman said",
        # "HMIC Zoe Billingham"
        # (one whose name shares the title's field: "CJI Brendan McGuigan" is no HM
        # Inspector of Constabulary)
        if om.by_context or not om.text.isupper() or not _of_constabulary(om.org):
            continue
        gap = RE_GAP.match(text, om.span.end, om.evidence.end)
        person = person_at(gap.end()) if gap else None
        held_in = next((x for x in sents if x.span.contains(om.span)), None)
        if person is not None and held_in is not None:
            add(person, HM_INSPECTOR, om.org, None, held_in, True)
    for sent in sents:  # BODY title NAME, the title in lower case
        for om in orgs:
            if om.by_context or not sent.span.contains(om.span):
                continue
            t = RE_BODY_TITLE.match(text, om.span.end, sent.span.end) or RE_BODY_TITLE_CAPS.match(
                text, om.span.end, sent.span.end
            )
            if t is None:
                holder = min(
                    (p for p in people if p.span.start > om.span.end),
                    key=lambda p: p.span.start,
                    default=None,
                )
                if holder is not None and holder.span.end <= sent.span.end:
                    t = RE_BODY_TITLE_OF.fullmatch(text, om.span.end, holder.span.start)
            if not t or any(
                a == t.start("title") and (b >= t.end("title") or t.re is not RE_BODY_TITLE_OF)
                for a, b in role_spans(text, sent.span.start, sent.span.end)
            ):
                continue  # no title, or one the loop above read ("PSNI chief constable")
            words = t.group("title").split()
            qual = lex.qualifiers.get(words[0]) if len(words) > 1 else None
            if qual is not None or words[0] in lex.qualifiers:
                words = words[1:]
            title = " ".join(words)
            key = role_key(title)
            spokes = key is None and (
                RE_SPOKES_TITLE.fullmatch(title) is not None
                # "IOPC regional director Derrick Campbell": a title outside the scheme
                # (not "South Wales Police officer on Mohamud Hassan")
                or (
                    0 < len(words) <= (6 if t.re is RE_BODY_TITLE_OF else 3)
                    and words[-1] not in TITLE_END_NOT
                    and _title_outside_scheme(title) is not None
                )
            )
            if key is None and not spokes:
                continue
            person = person_at(t.end()) or _past_honorific(text, t.end(), sent.span.end)
            rank_end = next((b for a, b in role_spans(text, t.end(), sent.span.end)), None)
            if person is None and rank_end is not None and text[t.end() : rank_end].isupper():
                # past the holder's rank: "National Police Chiefs' Council Vice Chair CC
                # Rachel Swann"
                gap = RE_GAP.match(text, rank_end, sent.span.end)
                person = person_at(gap.end()) if gap else None
            if person is None:
                continue
            if key is not None:
                add(person, key, om.org, qual, sent, True)
            else:  # a title outside the scheme, in the article's words
                label = title if title[:1].isupper() else title.title()  # "Director of ..."
                claims.append(RoleClaim(person.name, title.lower(), om.org, sent.span, qual, label))
    for sent in sents:  # "the APCC Joint Victims Leads, PCC Lisa Townsend and ...": set off
        for om in orgs:
            if om.by_context or not sent.span.contains(om.span):
                continue
            t = RE_BODY_TITLE_SET_OFF.match(text, om.span.end, sent.span.end)
            if t is None or any(t.start("title") <= at < t.end() for at in by_start):
                continue  # (not "IOPC Director General Rachel Watson, ...": a name)
            title = t.group("title")
            one = _one_of_titles(title)
            if one is None and (role_key(title) is not None or not _title_outside_scheme(title)):
                continue
            first = _holder_at(t.end(), sent.span.end)
            joined = RE_AND_WORD.match(text, first.span.end) if first is not None else None
            second = _holder_at(joined.end(), sent.span.end) if joined is not None else None
            for person in (first, second if one is not None else None):
                if person is not None:
                    label = one or title
                    claims.append(
                        RoleClaim(person.name, label.lower(), om.org, sent.span, None, label)
                    )
    claims.extend(_body_titles(text, people, orgs, bodies_at))
    claims.extend(_chairs_by_head_noun(text, people, orgs))
    claims.extend(_titles_of_body_before(text, people, orgs))
    for person, sent, body in _signatures(text, sents, people, orgs):
        key = role_key(text[sent.span.start : sent.span.end].strip(" \t,."))
        if key is not None:
            add(person, key, body, None, sent, body is not None)
    claims.extend(_publisher_role(article, sents, orgs, types))
    claims.extend(_predecessors(text, sents, people, claims, predecessors))
    for person, key, org, qual, sent in epithets:
        if key == CHIEF_INSPECTOR and org is None:
            # "Andy Cooke, setting out his first annual assessment as chief of HMIC, ...
            # The chief inspector pressed the government": the chief of the inspectorate
            # the article is about, not a police rank (which comes with its holder's name)
            held = main_org(orgs, types, OrgType.INSPECTORATE)
            chief = _chief_of(held)
            if chief is not None:
                key, org = chief, held
        if not any(c.person == person.name or c.role == key for c in claims):
            add(person, key, org, qual, sent)
    claims = _named_over_guessed(claims, guessed)
    claims = _in_the_titled_force(claims, types)
    claims.extend(_force_titles(text, people, claims))
    return _seats_as_titles(article.text, _shortened(_dedupe(claims)))


# "NAME, (the) TITLE of|at|for (the) BODY": a title of up to six words, then the body,
# after any of the title's own "of"s ("head of crime and criminal justice at Dorset Police")
# (also in brackets: "Sir Hugh Orde (President of ACPO)")
RE_TITLE_LEAD = re.compile(
    r"(?:,[ \t]+|[ \t]+\()(?:the[ \t]+|an?[ \t]+|one[ \t]+of[ \t]+the[ \t]+)?(?=[A-Za-z])"
)
RE_TITLE_WORDS = re.compile(r"[A-Za-z][\w-]*(?:[ \t]+[\w&'’-]+){0,5}")
RE_OF_BODY = re.compile(r"[ \t]+(?:of|at|for)[ \t]+(?:the[ \t]+)?")
# "NAME, TITLE, said": a title that names no body ("superintendent Katy Barrow-Grint,
# head of criminal justice, said")
# a title in lower case of a body named by its head noun: ", chair of the panel,"
RE_TITLE_OF_HEAD = re.compile(
    r",[ \t]+(?:the[ \t]+)?(?P<title>[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,3}?)[ \t]+(?:of|at)"
    r"[ \t]+the[ \t]+(?P<head>[a-z]+)(?=[,.;:]|[ \t]+(?:and|said|says)\b)"
)
# a common noun that ends a clause: "the panel," "the committee."
RE_HEAD_NOUN_END = re.compile(r"([a-z]+)(?=[,.;:]|[ \t]+(?:and|said|says)\b)")
RE_WHO_CHAIRS = re.compile(
    r",[ \t]+(?:[^,.;:]{1,60}?[ \t]+)?who[ \t]+(?:now[ \t]+|also[ \t]+|currently[ \t]+)?"
    r"chairs[ \t]+(?:the[ \t]+)?"
)
# a body's name that goes on past a name found inside it ("the APCC's ... Group")
RE_NAME_GOES_ON = re.compile(r"['’]s?[ \t]|[ \t]+[A-Z]")
# a title outside the scheme before a rank and its holder: "Head of professional
# standards superintendent Sam Payne"
RE_TITLE_BEFORE_RANK = re.compile(
    r"(?:^|(?<=[.,;:]\s)|(?<=\b[Tt]he\s))"
    r"(?P<title>[Hh]ead[ \t]+of[ \t]+[a-z][a-z ]{2,40})[ \t]+"
    r"(?P<rank>(?:[A-Z][a-z]+[ \t]+){0,2}[A-Za-z]+)[ \t]+$"
)
RE_TITLE_ALONE = re.compile(
    r",[ \t]+(?:the[ \t]+)?(?P<title>[a-z][\w-]*(?:[ \t]+[\w&'’-]+){0,5}),[ \t]+"
)
# where a second title may start after a first: "chair and PCC for Merseyside"
RE_AND_WORD = re.compile(r"[ \t]+and[ \t]+")
# "NAME, the BODY's TITLE,", "NAME, who is the BODY's (ABBR) TITLE,", "NAME, CPS director
# of legal services,", also with the body as an attribute: "NAME, the National Police
# Chiefs' Council lead for Child Protection," (the title in lower case, its topic after
# "for", "on" or "of" in any case, to a comma)
RE_BODY_POSSESSIVE = re.compile(r",[ \t]+(?:who[ \t]+is[ \t]+)?(?:the[ \t]+)?")


@functools.cache
def _re_title_after() -> re.Pattern[str]:
    """A title after a body's name, to a comma, the sentence's end or its verb (see
    RE_BODY_POSSESSIVE above)."""
    return re.compile(
        rf"(?:['’]s?)?(?:[ \t]+{BRACKETED_ABBR})?[ \t]+"
        # (in either case: "the National Police Chiefs' Council Lead for Public Order")
        r"(?P<title>[A-Za-z][\w-]*(?:[ \t]+[A-Za-z&][\w-]*){0,5}?"
        r"(?:[ \t]+(?:for|on|of)[ \t]+[\w&'’-]+(?:[ \t]+[\w&'’-]+){0,5})?)"
        # (or the sentence's end: "..., College of Policing director.", or its verb with
        # no comma before it: "Ben Priestley, UNISON National Officer said: ...")
        r"(?=,|[ \t]+as well as\b|\.?\Z|\.[ \t\n]|[ \t]+" + re_reporting_verb().pattern + ")"
    )


def _title_outside_scheme(words: str) -> str | None:
    """A job title the role scheme does not hold, by its head noun ("Deputy Chair",
    "regional director"): its words; None for no title or one of the scheme."""
    parts = words.split()
    if not parts:
        return None
    i = 0
    while i < len(parts) - 1 and parts[i].lower() in TITLE_MODIFIERS:
        i += 1
    head = parts[i].lower()
    if head.partition("-")[0] in TITLE_MODIFIERS:
        head = head.partition("-")[2]  # "co-director", "vice-chair"
    # (the head last before any field after it: "Joint Lead on Local Policing")
    after = RE_FIELD_AFTER.search(words)
    core = words[: after.start()].split() if after is not None else parts
    if head not in title_heads() and len(core) > 1 and core[-1].lower() in title_heads():
        # the head last, after its field: "conduct and performance lead", "Welsh lead"
        field = [w.lower() for w in core[:-1]]
        if (
            field[0] not in TITLE_FIELD_NOT
            and field[0] not in lexicon().qualifiers  # "the former head of": no field
            and not set(field[1:]) & (TITLE_END_NOT - {"and"})
        ):
            head = core[-1].lower()
    if head not in title_heads() or role_key(words) is not None:
        return None
    if re_reporting_verb().search(words):
        return None  # "A Department of Justice spokesman said Ms Long ...": no title
    return " ".join(parts)


# a title's field after its head noun: "Lead for Transparency", "Joint Leads on ..."
RE_FIELD_AFTER = re.compile(r"[ \t]+(?:for|on|of)[ \t]+")


def _one_of_titles(words: str) -> str | None:
    """A title outside the role scheme whose head noun is plural, as one of its holders
    holds it: "Joint Leads on Local Policing" -> "Joint Lead on Local Policing"; None
    for any other words."""
    field = RE_FIELD_AFTER.search(words)
    head_end = field.start() if field is not None else len(words)
    if not words[:head_end].endswith("s") or _title_outside_scheme(words) is not None:
        return None
    one = words[: head_end - 1] + words[head_end:]
    return one if _title_outside_scheme(one) is not None else None


# an inspectorate's own chief inspector or a deputy's title, in the words of a police
# rank: "Ofsted's deputy chief inspector", "the chief inspector of Ofsted", "the Care
# Quality Commission's chief inspector of hospitals"
RE_INSPECTORATE_CHIEF = re.compile(
    r"(?i:(?P<deputy>(?:deputy|assistant)[ \t]+)?chief[ \t]+inspector)"
    r"(?P<field>[ \t]+(?:of|for)[ \t]+[\w&'’ -]+)?"
)


def _inspectorate_title(
    person: PersonMention, words: str, org: str, kind: OrgType | None
) -> RoleClaim | None:
    """A chief inspector's title held in an inspectorate (a rank's words that no force
    holds there): the inspectorate's own chief role for "chief inspector" alone, else the
    title in the article's words; ``None`` for other words or bodies."""
    entry = lexicon().orgs.get(org)
    if (entry.type if entry is not None else kind) is not OrgType.INSPECTORATE:
        return None
    m = RE_INSPECTORATE_CHIEF.fullmatch(words.strip())
    if m is None:
        return None
    chief = entry.chief_role if entry is not None else None
    if chief is not None and not m.group("deputy") and not m.group("field"):
        return RoleClaim(person.name, chief, org, person.evidence, None)
    label = words.strip()
    return RoleClaim(person.name, label.lower(), org, person.evidence, None, label)


def _body_titles(
    text: str,
    people: list[PersonMention],
    orgs: list[OrgMention],
    bodies_at: dict[int, tuple[str, int]],
) -> list[RoleClaim]:
    """Job titles outside the role scheme, in the article's words, with the body they
    are held in: "Gavin Thomas, President of the Police Superintendents' Association",
    "Kathie Cashell, the IOPC's director of strategy and impact"."""
    out: list[RoleClaim] = []
    title_of = _title_outside_scheme

    # (also a body named again by its head noun: "Tiffany Lynch, the federation's deputy
    # chairwoman", after "the Police Federation"; keyed past its "the")
    ends = {
        m.span.start + (4 if m.by_context and m.text[:4].lower() == "the " else 0): m for m in orgs
    }
    kinds = {m.org: m.kind for m in orgs if m.kind is not None}
    # "Giles Orpen-Smellie and Alison Lowe, the APCC Leads for ...": the first of two
    # names joined by "and", by where the second starts
    first_of = {
        b.span.start: a
        for a, b in zip(people, people[1:], strict=False)
        if RE_AND_WORD.fullmatch(text, a.span.end, b.span.start)
    }

    def each(p: PersonMention, words: str, held: str) -> list[RoleClaim]:
        """A plural title after two names joined by "and": each holds one of it."""
        one = _one_of_titles(words)
        if one is None:
            return []
        holders = [h for h in (first_of.get(p.span.start), p) if h is not None]
        return [RoleClaim(h.name, one.lower(), held, p.evidence, None, one) for h in holders]

    for p in people:
        # after any honours: "Sandra Horley CBE, chief executive of ..."
        honours = RE_HONOURS.match(text, p.span.end, p.evidence.end)
        after = honours.end() if honours else p.span.end
        found = _title_of_body(text, after, p.evidence.end, bodies_at)
        if found is not None:
            words, held = found
            inspector = _inspectorate_title(p, words, held, kinds.get(held))
            if inspector is not None:
                out.append(inspector)
                continue
            key = _any_body_title(words)
            if key is not None:
                # a title of the scheme in lower case, which only this shape reads:
                # "Mark Burns-Williamson, chair of the Association of Police Authorities"
                out.append(RoleClaim(p.name, key, held, p.evidence, None))
                continue
            title = title_of(words)
            if title is not None:
                out.append(RoleClaim(p.name, title.lower(), held, p.evidence, None, title))
                continue
            if shared := each(p, words, held):
                out.extend(shared)
                continue
        # "Jo Reed, chair of the panel,": of the one body named with that head noun
        of_head = RE_TITLE_OF_HEAD.match(text, after, p.evidence.end)
        headed = _the_one_headed(orgs, (of_head.group("head"),)) if of_head else None
        if of_head is not None and headed is not None:
            words = of_head.group("title")
            key = _any_body_title(words)
            if key is not None:
                out.append(RoleClaim(p.name, key, headed, p.evidence, None))
                continue
            if (title := title_of(words)) is not None:
                out.append(RoleClaim(p.name, title.lower(), headed, p.evidence, None, title))
                continue
        # "Marc Jones, who chairs the Association of Police and Crime Commissioners":
        # a title as a verb
        chairs = RE_WHO_CHAIRS.match(text, p.span.end, p.evidence.end)
        body_at = bodies_at.get(chairs.end()) if chairs is not None else None
        if body_at is not None and not RE_NAME_GOES_ON.match(text, body_at[1]):
            # (not the APCC for "who chairs the APCC's Performance ... Group")
            out.append(RoleClaim(p.name, CHAIR, body_at[0], p.evidence, None))
            continue
        # "Julie Fallon, who chairs the panel,": the one body named with that head noun
        head = RE_HEAD_NOUN_END.match(text, chairs.end()) if chairs is not None else None
        headed = _the_one_headed(orgs, (head.group(1),)) if head is not None else None
        if headed is not None:
            out.append(RoleClaim(p.name, CHAIR, headed, p.evidence, None))
            continue
        # "NAME, the BODY's title,"
        gap = RE_BODY_POSSESSIVE.match(text, after, p.evidence.end)
        body = ends.get(gap.end()) if gap is not None else None
        if body is not None:
            t = _re_title_after().match(text, body.span.end, p.evidence.end)
            words = t.group("title") if t is not None else ""
            both = RE_AND_WORD.search(words)
            if both is not None and re_role().match(words, both.end()):
                words = words[: both.start()]  # "APCC chair and PCC for Merseyside"
            inspector = _inspectorate_title(p, words, body.org, body.kind) if words else None
            if inspector is not None:
                out.append(inspector)
                continue
            key = _any_body_title(words)
            if key is not None:
                # "Tom Harding, College of Policing director"
                out.append(RoleClaim(p.name, key, body.org, p.evidence, None))
                continue
            title = title_of(words) if words else None
            if title is not None:
                out.append(RoleClaim(p.name, title.lower(), body.org, p.evidence, None, title))
            elif words:
                out.extend(each(p, words, body.org))
    return out


# "The secretary of Derbyshire Police Federation, Kirsty Bunn, said": a title in lower
# case before the body it is held in, the name set off after the body
@functools.cache
def _re_title_of_before() -> re.Pattern[str]:
    """ "The secretary of ", "The chief executive of the charity " right before a body."""
    return re.compile(
        r"(?:^|(?<=[\s\"“(]))[Tt]he[ \t]+(?P<title>[a-z][\w-]*(?:[ \t]+[a-z][\w-]*){0,4})"
        r"[ \t]+(?:of|at|for)[ \t]+(?:the[ \t]+)?(?:" + re_kind_before_name().pattern + r")?\Z"
    )


def _titles_of_body_before(
    text: str, people: list[PersonMention], orgs: list[OrgMention]
) -> list[RoleClaim]:
    """ "The secretary of Derbyshire Police Federation, Kirsty Bunn,": a title the
    scheme does not hold, or holds for any body, before the body and the name."""
    out: list[RoleClaim] = []
    by_start = {p.span.start: p for p in people}
    for body in orgs:
        gap = None if body.by_context else RE_COMMA_GAP.match(text, body.span.end)
        p = by_start.get(gap.end()) if gap is not None else None
        if p is None or body.span.start < p.evidence.start:
            continue
        lead = _re_title_of_before().search(text, p.evidence.start, body.span.start)
        if lead is None:
            continue
        words = lead.group("title")
        key = _any_body_title(words)
        if key is not None:
            out.append(RoleClaim(p.name, key, body.org, p.evidence, None))
        elif (title := _title_outside_scheme(words)) is not None:
            out.append(RoleClaim(p.name, title.lower(), body.org, p.evidence, None, title))
    return out


# a body named by its head noun before its chair's title and name: "Panel chairman Cllr
# Bill Bentley", "Chair of the fire authority Michael Payne" (a councillor's style may
# come between)
_CHAIR_WORDS = r"(?:[Cc]hair(?:man|woman|person)?)"
_CLLR = r"(?:(?:Cllr|Councillor|Coun)\.?[ \t]+)?"
RE_HEAD_CHAIR = re.compile(
    r"(?<![\w'’-])(?P<head>[A-Za-z]+(?:[ \t]+[a-z]+)?)[ \t]+"
    + _CHAIR_WORDS
    + r",?[ \t]+"
    + _CLLR
    + r"|(?<![\w'’-])"
    + _CHAIR_WORDS
    + r"[ \t]+of[ \t]+the[ \t]+(?P<head2>[a-z]+(?:[ \t]+[a-z]+)?),?[ \t]+"
    + _CLLR
)


def _chairs_by_head_noun(
    text: str, people: list[PersonMention], orgs: list[OrgMention]
) -> list[RoleClaim]:
    """The chair of the one body the article names with the head noun said before the
    title ("Panel chairman Cllr Bill Bentley" of the Sussex Police and Crime Panel)."""
    by_start = {p.span.start: p for p in people}
    out = []
    for m in RE_HEAD_CHAIR.finditer(text):
        person = by_start.get(m.end())
        if person is None:
            continue
        # (the body's name ends with all the words said: "Fire authority" is no
        # "Gangmasters' Licensing Authority")
        body = _the_one_headed(orgs, (m.group("head") or m.group("head2"),))
        if body is not None:
            out.append(RoleClaim(person.name, CHAIR, body, person.evidence, None))
    return out


def _the_one_headed(
    orgs: list[OrgMention], heads: tuple[str, ...], text: str = "", titles: tuple[str, ...] = ()
) -> str | None:
    """The one body the article names whose name ends in one of ``heads`` ("Walsall
    Council", "Nottinghamshire Fire Authority" for "fire authority"), if it names one
    only; of several, the one whose name's other words the article puts before the title
    ("a Westmorland and Furness councillor" beside Cumberland Council)."""
    want = [fold(h).split() for h in heads]
    found: dict[str, str] = {}
    for m in orgs:
        name = " ".join((m.name or m.text).split())
        words = fold(name).split()
        if m.by_context or not words:
            continue
        for head in want:
            if head and words[-len(head) :] == head:
                found[m.org] = " ".join(name.split()[: -len(head)])
    if len(found) > 1 and text and titles:
        alt = "|".join(re.escape(t) for t in titles)
        found = {
            k: own
            for k, own in found.items()
            if own and re.search(rf"\b{re.escape(own)}[ \t]+(?:{alt})\b", text, re.IGNORECASE)
        }
    return next(iter(found)) if len(found) == 1 else None


def _any_body_title(words: str) -> str | None:
    """The scheme's role a title in lower case names, when any body may hold it
    ("chair", "director"); else None."""
    key = role_key(words) if words[:1].islower() else None
    return key if key is not None and lexicon().roles[key].scope is None else None


def _title_of_body(
    text: str, pos: int, hi: int, bodies_at: dict[int, tuple[str, int]]
) -> tuple[str, str] | None:
    """ ", (the) TITLE of|at|for (the) BODY" right after a name: the title's words and
    the body's key; the body may come with the kind of body it is ("chief executive of
    national domestic violence charity Refuge")."""
    lead = RE_TITLE_LEAD.match(text, pos, hi)
    if lead is None:
        return None
    for m in RE_OF_BODY.finditer(text, lead.end(), min(hi, lead.end() + 90)):
        words = text[lead.end() : m.start()]
        if not RE_TITLE_WORDS.fullmatch(words):
            break
        kind = re_kind_before_name().match(text, m.end(), hi)
        for at in (m.end(), kind.end() if kind is not None else -1):
            if at in bodies_at:
                return words, bodies_at[at][0]
    return None


def _force_titles(
    text: str, people: list[PersonMention], claims: list[RoleClaim]
) -> list[RoleClaim]:
    """A title outside the scheme that names no body, after the name of someone the
    article gives a rank in one force: held in that force ("superintendent Katy
    Barrow-Grint, head of criminal justice, said")."""
    lex = lexicon()
    ranked: dict[str, set[str]] = {}
    for c in claims:
        role = lex.roles.get(c.role)
        if c.org is not None and role is not None and role.scope is OrgType.POLICE_FORCE:
            ranked.setdefault(c.person, set()).add(c.org)
    out = []
    for p in people:
        forces = ranked.get(p.name, set())
        if len(forces) != 1:
            continue
        m = RE_TITLE_ALONE.match(text, p.span.end, p.evidence.end)
        title = _title_outside_scheme(m.group("title")) if m is not None else None
        before = RE_TITLE_BEFORE_RANK.search(text[p.evidence.start : p.span.start])
        rank = role_key(before.group("rank")) if before is not None else None
        if title is None and before is not None and rank is not None:
            # "Head of professional standards superintendent Sam Payne said"
            title = _title_outside_scheme(before.group("title"))
        if title is not None and " of " in title and re_org().search(title) is None:
            # (not one that names its body: "head of safeguarding for Durham
            # Constabulary" is found with its body)
            (force,) = forces
            out.append(RoleClaim(p.name, title.lower(), force, p.evidence, None, title.title()))
    return out


def _signatures(
    text: str, sents: list[Sentence], people: list[PersonMention], orgs: list[OrgMention]
) -> list[tuple[PersonMention, Sentence, str | None]]:
    """A name on its own line with its title on the next, as letters and statements sign
    off ("Sir Thomas Winsor WS / Her Majesty's Chief Inspector of Constabulary",
    "Andrew Marsh Esq QPM, / Chief Executive / College of Policing"): the person, the
    title's line and the body named alone on the line after it."""
    out = []
    for i in range(1, len(sents)):
        sent, prev = sents[i], sents[i - 1]
        if prev.paragraph == sent.paragraph or not title_line(text, sent.span.start, sent.span.end):
            continue  # not a line of its own, or more than a title
        named = [p for p in people if prev.span.contains(p.span)]
        if not named or not RE_HONOURS_TAIL.fullmatch(text, named[-1].span.end, prev.span.end):
            continue
        body = None
        if i + 1 < len(sents):
            nxt = sents[i + 1]
            alone = [
                m
                for m in orgs
                if not m.by_context
                and nxt.span.contains(m.span)
                and not text[nxt.span.start : m.span.start].strip()
                and not text[m.span.end : nxt.span.end].strip(" \t,.")
            ]
            body = alone[0].org if alone else None
        out.append((named[-1], sent, body))
    return out


# a sentence opening on an epithet: "The former Merseyside Chief Constable believes"
RE_THE_OPENING = re.compile(r"[ \t]*[Tt]he[ \t]+")
RE_THEIR_END = re.compile(r"\btheir[ \t]+$")
EPITHET_REACH = 400  # characters back to the person an epithet stands for

RE_IN_PLACE = re.compile(r"\b[Ii]n[ \t]+$")


def _kind_named(
    orgs: list[OrgMention],
    types: dict[str, OrgType],
    kind: OrgType,
    lo: int,
    hi: int,
    in_context: bool = False,
) -> bool:
    """Whether a body of ``kind`` is named in ``text[lo:hi]``, by its name (or, with
    ``in_context``, by the words it goes by in context too: "the inspectorate")."""
    return any(
        lo <= m.span.start
        and m.span.end <= hi
        and (in_context or not m.by_context)
        and types.get(m.org) is kind
        for m in orgs
    )


# capitalised words right before a title: "Police Complaints ", "Civil Service "
RE_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’&-])((?:[A-Z][a-z][\w'’-]*[ \t]+){1,4})$")
_NOT_OFFICE_WORDS = frozenset({"the", "a", "an", "and", "but", "as", "new", "our", "his", "her"})


def _office_words(text: str, lo: int, p: int) -> str | None:
    """The capitalised words that name an office before its title's head, none of them
    a place, a body's name, a qualifier or a word opening a sentence: "Police
    Complaints" of "Police Complaints Commissioner"; None for "Kent Police", "The",
    "Acting"."""
    m = RE_CAPITALISED_BEFORE.search(text, max(lo, p - 60), p)
    if m is None:
        return None
    words = m.group(1).split()
    if words[-1] in ("Police", "Crime", "Policing"):
        return None  # a force's commissioner: "Mersey Crime Commissioner Jane Kennedy"
    lex = lexicon()
    for i, w in enumerate(words):
        bare = w.rstrip("'’s").rstrip("'’")
        if (
            w.lower() in _NOT_OFFICE_WORDS
            or w.lower() in lex.qualifiers
            or force_of_place(bare) is not None
            or fold(" ".join(words[i:])) in org_labels()
            or fold(bare) in org_labels()
        ):
            return None
    return " ".join(words)


def _chief_of(org: str | None) -> str | None:
    """The role that leads ``org`` where the reference data names one (``kgo:chiefRole``:
    the Met's Commissioner, an inspectorate's chief inspector)."""
    entry = lexicon().orgs.get(org) if org is not None else None
    return entry.chief_role if entry is not None else None


def _sole_force(
    text: str, sent: Sentence, orgs: list[OrgMention], types: dict[str, OrgType]
) -> str | None:
    """The one force a sentence names, by name or by its place ("West Mercia's"), not
    by "the force"; None where it names none or several."""
    here = {
        m.org
        for m in orgs
        if not m.by_context
        and sent.span.contains(m.span)
        and types.get(m.org) is OrgType.POLICE_FORCE
    }
    for p in re_place().finditer(text, sent.span.start, sent.span.end):
        if RE_IN_PLACE.search(text, max(sent.span.start, p.start() - 4), p.start()) and (
            text[sent.span.start : p.start()].strip().lower() != "in"
        ):
            continue  # "HMYOI Glen Parva in Leicestershire" places something else
        force = force_of_place(p.group())
        if force is not None:
            here.add(force)
    return here.pop() if len(here) == 1 else None


def _predecessors(
    text: str,
    sents: list[Sentence],
    people: list[PersonMention],
    claims: list[RoleClaim],
    found: list[tuple[PersonMention, Sentence]],
) -> list[RoleClaim]:
    """The former holders of a role: NAME2 in "NAME took over from NAME2 as ROLE",
    "taking over from the departed NAME2", "succeeded NAME2", in a sentence where
    NAME is given the role; NAME2 held that role in that organization before."""
    out: list[RoleClaim] = []
    for sent in sents:
        holders = [c for c in claims if c.evidence == sent.span and c.qualifier != "former"]
        if not holders:
            continue
        for m in RE_SUCCEEDED_ANYWHERE.finditer(text, sent.span.start, sent.span.end):
            before = next((p for p in people if p.span.start == m.end()), None)
            if before is None:
                continue
            for c in holders:
                if c.person != before.name:
                    out.append(RoleClaim(before.name, c.role, c.org, sent.span, "former", c.label))
    for person, sent in found:
        for c in claims:
            if c.evidence == sent.span and c.person != person.name and c.qualifier != "former":
                out.append(RoleClaim(person.name, c.role, c.org, sent.span, "former", c.label))
    return out


PLAIN_INSPECTOR = "inspector"  # the police rank
CHIEF_INSPECTOR = "chief-inspector"  # the police rank
HM_INSPECTOR = "hm-inspector-of-constabulary"
HM_CHIEF_INSPECTOR = "hm-chief-inspector-of-constabulary"
CHAIR = "chair"

_COMMISSIONERS = frozenset(
    {
        "police-and-crime-commissioner",
        "police-fire-and-crime-commissioner",
        "police-crime-and-victims-commissioner",
    }
)


def _of_sector(key: str, org: str) -> bool:
    """Whether ``org`` is of the sector a title names: the words the title shares with
    the names of the body it is held in by default ("Prisons" of HM Inspectorate of
    Prisons, "Constabulary ... Scotland" of HMICS) are all in ``org``'s names."""
    lex = lexicon()
    role, entry = lex.roles[key], lex.orgs.get(org)
    home = lex.orgs.get(role.default_org) if role.default_org else None
    if entry is None or home is None:
        return entry is not None
    names, home_names = " ".join(entry.labels), " ".join(home.labels)

    def named(word: str, in_names: str) -> bool:
        return re.search(rf"\b{re.escape(word)}\b", in_names) is not None

    sector = [w for w in role.label.split() if named(w, home_names)]
    return all(named(w, names) for w in sector)


def _nation_inspectorate(key: str, force: str) -> str | None:
    """The inspectorate of a title's sector whose name holds a place the force polices:
    HM Inspectorate of Prisons for Scotland for "Scotland's chief inspector of prisons";
    None when the nation has none of its own (the title's default body then)."""
    lex = lexicon()
    places = [fold(p) for p in lex.orgs[force].places] if force in lex.orgs else []
    for org, entry in lex.orgs.items():
        names = fold(" ".join(entry.labels))
        if (
            entry.type is OrgType.INSPECTORATE
            and any(re.search(rf"\b{re.escape(p)}\b", names) for p in places)
            and _of_sector(key, org)
        ):
            return org
    return None


def _of_constabulary(org: str) -> bool:
    """Whether ``org`` is an inspectorate of constabulary (a name of it shares the field
    of an HM Inspector of Constabulary's title): HMICFRS, HMICS, not CJI or HMCPSI."""
    lex = lexicon()
    entry = lex.orgs.get(org)
    field = lex.roles[HM_INSPECTOR].label.split()[-1]  # "Constabulary"
    return (
        entry is not None
        and entry.type is OrgType.INSPECTORATE
        and any(field in label.split() for label in entry.labels)
    )


def _title_in(key: str, org: str, kind: OrgType) -> str | None:
    """The role that shares a label with ``key`` and is held in ``org`` (its default
    organization), or in a body of ``kind`` when it has no default one."""
    roles = lexicon().roles
    labels = {fold(x) for x in roles[key].labels}
    fits = [
        r
        for r in roles.values()
        if labels & {fold(x) for x in r.labels}
        and (r.default_org == org or r.default_org is None and r.scope is kind)
    ]
    return fits[0].key if fits else None


def _plain_name(name: str) -> str:
    from kg.patterns import re_honorific

    return re_honorific().sub("", name).strip()


def _publisher_role(
    article: Article, sents: list[Sentence], orgs: list[OrgMention], types: dict[str, OrgType]
) -> list[RoleClaim]:
    """A statement by its author on an office-holder's own site: the page of the
    "South Yorkshire Police and Crime Commissioner" with "Statement from Dr Alan Billings"."""
    if not (article.publisher and article.author and sents):
        return []
    m = re_role().search(article.publisher)
    if not m:
        return []
    key = role_key(m.group())
    if key is None:
        return []
    org, _ = _org_before(article.publisher, m.start(), 0)
    role = lexicon().roles[key]
    if org is None and role.scope is not None:
        org = main_org(orgs, types, role.scope)
    if org is None:
        return []
    name = _plain_name(article.author)
    if not is_name(name):
        return []
    ev = next((s for s in sents if name in s.text), sents[0])
    return [RoleClaim(name, key, org, ev.span)]


def _named_over_guessed(
    claims: list[RoleClaim], guessed: set[tuple[str, str, str | None, str | None]]
) -> list[RoleClaim]:
    """Without a rank put in the article's force for want of another, when the article
    names the force the person holds it in ("Rod Hansen, deputy chief constable of
    Gloucestershire Police ... DCC Hansen said" in a report on two forces)."""
    named = {
        (c.person, c.role, c.qualifier)
        for c in claims
        if c.org is not None and (c.person, c.role, c.org, c.qualifier) not in guessed
    }
    return [
        c
        for c in claims
        if (c.person, c.role, c.org, c.qualifier) not in guessed
        or (c.person, c.role, c.qualifier) not in named
    ]


def _in_the_titled_force(claims: list[RoleClaim], types: dict[str, OrgType]) -> list[RoleClaim]:
    """A force's rank or commissioner held in no force the article names outright, in
    the one force its titles name ("police, fire and crime commissioner Stephen Mold"
    beside "Nick Adderley, the Chief Constable of Northamptonshire")."""
    lex = lexicon()

    def is_force(org: str | None) -> bool:
        if org is None:
            return False
        entry = lex.orgs.get(org)
        return (entry.type if entry is not None else types.get(org)) is OrgType.POLICE_FORCE

    forces = {c.org for c in claims if is_force(c.org)}
    if len(forces) != 1:
        return claims
    (force,) = forces
    return [
        replace(c, org=force)
        if c.org is None and c.role in lex.roles and lex.roles[c.role].scope is OrgType.POLICE_FORCE
        else c
        for c in claims
    ]


def _shortened(claims: list[RoleClaim]) -> list[RoleClaim]:
    """Without a title that is the short form of one the same person holds in the
    article: "Chief Inspector Jacqui Durkin" beside "Jacqui Durkin, the chief inspector
    of criminal justice in Northern Ireland" is that office, not a police rank."""
    roles = lexicon().roles

    def heads(key: str) -> set[str]:
        return {fold(x) + " " for x in roles[key].labels} if key in roles else set()

    def same_body(a: str, b: str) -> bool:
        # two titles of one body, both held: "HM Inspector of Constabulary and HM
        # Inspector of Fire and Rescue Services"
        body = roles[a].default_org if a in roles else None
        return body is not None and body == roles[b].default_org

    out = []
    for c in claims:
        short = heads(c.role)
        if not any(
            o.person == c.person
            and o.role != c.role
            and o.qualifier == c.qualifier
            and not same_body(c.role, o.role)
            and any(fold(x).startswith(h) for x in roles[o.role].labels for h in short)
            for o in claims
            if o.role in roles
        ):
            out.append(c)
    return out


def _seats_as_titles(text: str, claims: list[RoleClaim]) -> list[RoleClaim]:
    """Without a seat held in no body ("Councillor", "MP") written before the name of
    someone the article gives another role: the seat is then how they are addressed
    ("The Chair of Cleveland Fire Authority, Councillor David Coupe"), the other role
    what they speak as (not "Caroline Nokes, a senior Tory MP who chairs ...")."""
    roles = lexicon().roles

    def seat(c: RoleClaim) -> bool:
        return c.role in roles and roles[c.role].bodiless

    def addressed(c: RoleClaim) -> bool:
        words = text[c.evidence.start : c.evidence.end]
        return any(
            words.find(f"{label} {c.person}") >= 0 or words.find(f"{label}. {c.person}") >= 0
            for label in roles[c.role].labels
        )

    return [
        c
        for c in claims
        if not seat(c)
        or not addressed(c)
        or not any(o.person == c.person and not seat(o) for o in claims)
    ]


def _dedupe(claims: list[RoleClaim]) -> list[RoleClaim]:
    """Each claim once; a role held in no named body only if the article names none
    for it elsewhere ("Humberside Chief Constable Justine Curran ... CC Curran said")."""
    seen: set[tuple[str, str, str | None, str | None]] = set()
    held = {(c.person, c.role, c.qualifier) for c in claims if c.org is not None}
    out = []
    for c in claims:
        k = (c.person, c.role, c.org, c.qualifier)
        if c.org is None and k[:2] + k[3:] in held:
            continue
        if k not in seen:
            seen.add(k)
            out.append(c)
    return out


def inspectors(claims: list[RoleClaim]) -> frozenset[str]:
    """The people the article names as inspectors: their words are the report's."""
    lex = lexicon()
    return frozenset(
        c.person
        for c in claims
        if c.role in lex.roles and lex.roles[c.role].scope is OrgType.INSPECTORATE
    )
