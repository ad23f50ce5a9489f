"""Quotations and who said them.

Quote marks: “ ” and straight double quotes; ‘ ’ and straight single quotes
when they open before a word and close after one (an apostrophe inside a word,
don’t, is never a mark). A quote left open at the end of a paragraph continues
into the next paragraph that opens with a mark; a new opening mark inside an
open quote closes it there (writers drop closing marks: `deserve. “In a ...`).
`“...,” he said. “More words` in one paragraph is one quotation; a quote-only
paragraph with no attribution after a paragraph ending with a quotation (and its
short attribution) is that speaker's next quotation.

A quotation is two words or more. These are labels, not quotations: a single
quoted word ("failing", 'good'), a grade ("requires improvement"), a term of art
("special measures", "case to answer": lexicon/terms.txt), an inspected
area ('protecting those who are vulnerable from harm'), a title in capitals
('Think Child'), a phrase naming a noun after an article (a "one force" model),
and what follows "called" or "known as" (a report called "...").

Who said it is the subject of the verb that reports it (verbs of saying:
lexicon/reporting_verbs.txt and the "verb" words of lexicon/attribution.txt).
Speakers are people (a surname "Mr Watson" is the full name given elsewhere in
the article; a name in a speaker's place is a person even if the people
extractor missed it, unless it ends like a body's: "Victim Support"; he/she is
the last person named before, not as an object), bodies ("Lancashire Police
said", "the force said", "a spokesman for Kent Police said"), the report and its
inspectors ("the report said", "inspectors found", "they added" after them, "it
added" after the report), and a role without a name ("the Chief Constable", "the
Inspector", "a spokesperson for the mayor": the person the article gave that
role; the inspectorate for an inspector's role held by nobody named). In order,
a quotation's speaker is that of:
  1. an attribution right after it: `“...,” he said`, `“...,” said the Inspectorate`;
  2. an attribution ending its sentence: `..., an inspection found.`, `...,
     according to Peter Clarke, HM Chief Inspector of Prisons.`;
  3. the verbs of saying before it in its sentence: the first whose subject is a
     person ("inspector Wendy Williams says the inspection found "..."" is hers),
     else the nearest. A subject is found past appositions and relative clauses
     ("Ms Linden, who heads MOPAC, told the assembly ...", "the chief inspector,
     Sir Thomas Winsor, said"), and is shared by coordinated verbs and
     participles ("said she was "really disappointed" but described the
     inspection as "just a snapshot"", "adding that ..."). A passive verb's
     subject is not the speaker ("Ms Linden was asked whether she should
     "consider your position"" has none) unless "by" names one; an agentless
     passive of describing ("were described as "...") leaves it to rule 7;
  4. a person, or the report, opening a sentence in the active voice with no verb
     of saying before the quotation ("Mr Watson ... put the force's problems down
     to a "failure of senior leadership"");
  5. "the words of NAME" in the next sentence; a pull quote's caption (a paragraph
     that is only a name); a list item's lead-in ("Among the report's
     recommendations:" / "- ... should "immediately and unequivocally commit"");
  6. for a quote-only paragraph: a lead-in paragraph ending with a colon
     ("Statement from Dr Alan Billings ...:");
  7. the report, when the sentences just before give their words to it ("..., the
     report said. / However, there had been no police records "to indicate ..."");
  8. the report, for words an agentless passive of judging gives in an article about
     a report ("HMP Nottingham has been judged 'fundamentally unsafe'").
The report's and its inspectors' words go to the article's report claim
(SpeakerKind.REPORT, with the claim's index), or, with no report claim, to the
inspectorate the article names; a force's words are its own only when a verb
gives them to it. A quotation whose speaker is not found is dropped: an
extractor returns nothing rather than guess.

Not handled: a quote-only paragraph whose speaker is only the topic of the
paragraphs before ("Janet ... she explains. / "I had sleepless nights ...""); a
body the organization lexicon does not know ("The NSPCC said ..."); quoted
terms used as a noun's modifier without an article ('monitor "use of force" data').
Work is linear in the article's length: referents are looked for near
quotations, and every look-back is over a bounded window.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from kg.extract.text import sentence_at
from kg.model import (
    Article,
    OrgMention,
    OrgType,
    PersonMention,
    QuoteClaim,
    ReportClaim,
    RoleClaim,
    Sentence,
    Span,
    SpeakerKind,
)
from kg.patterns import (
    POSTNOMINAL,
    RE_HONOURS_TAIL,
    any_in,
    context_role_key,
    fold,
    honorific_spans,
    label_words,
    lowered,
    name_stopwords,
    re_honorific,
    role_key,
    terms_of_art,
    title_heads,
)
from kg.reference import LEXICON_DIR, areas, grades, lexicon

OPEN_DOUBLE, CLOSE_DOUBLE = "“", "”"
OPEN_SINGLE, CLOSE_SINGLE = "‘", "’"
MIN_WORDS = 2
# the longest quotation in single marks looked for, in characters
MAX_SINGLE = 3000
# How far from a verb its subject is looked for, and how long an attribution
# after a quotation may be, in characters: bounded, so a huge paragraph with no
# full stop costs time in proportion to its length.
WINDOW = 300
TAIL = 120

# a character that may open a quotation
RE_MARK = re.compile("[“\"‘']")
# a Markdown block quotation's mark: "> Our police force is extremely busy"
RE_BLOCK_QUOTE = re.compile(r"[ \t]*>[ \t]*")
# what ends a double quotation: its closing mark, or a new opening one
# (two apostrophes close too: `"Prisoner frustration needed to be addressed,'' he said`)
RE_DOUBLE_END = re.compile("[”\"“]|''(?!')")
RE_STRAIGHT_REOPEN = re.compile(r'[.!?] "[A-Z]')
# what ends a single quotation: a closing mark not followed by a letter or digit
RE_SINGLE_END = re.compile("[’'](?![^\\W_])")

# "the report", "a damning report", "its findings", "an inspection", "the review":
# found from the noun, then its determiner looked for just before it
RE_REPORT_NOUN = re.compile(
    r"(?:reports?|review|inspection|assessment|findings|conclusions?|study)\b"
)
RE_DETERMINER_END = re.compile(
    # (a body's possessive too: "HMIC's most recent national report")
    r"(?:\b(?:[Tt]he|[Tt]his|[Tt]hat|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Aa]n?)|\b(?P<poss>[A-Z][A-Z&]+['’]s))"
    r"\s+(?:[\w’'-]+\s+){0,3}$"
)
# "inspectors", "the watchdog", "the inspection team", "the inspectorate" (when no
# inspectorate is named for it to stand for)
RE_INSPECTORS = re.compile(
    r"(?:[Ii]nspectors?\b(?!\s+of\b)|watchdog\b|inspectorate\b|inspection\s+team\b)"
)
RE_THE_END = re.compile(r"\b(?:[Tt]he|[Aa]n?)\s+(?:(?:police|policing|prisons?)\s+)?$")
# a document that speaks for its author: "..., the letter says" after "In a letter to
# stakeholders, Chief Constable Richard Lewis has invited ..."
RE_DOCUMENT = re.compile(r"\b[Tt]he\s+(?P<noun>letter|email|e-mail|memo|statement)\b")
RE_DOCUMENT_INTRODUCED = (
    r"\b(?:[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)\s+(?:[\w’'-]+\s+){{0,2}}{noun}\b"
)
# where a role standing for its holder may start: "the Chief Constable", "HM Chief
# Inspector of Constabulary"
RE_ROLE_ANCHOR = re.compile(
    # (a sentence's "A" too: "A police and crime commissioner has said that ...", the one
    # the article names later)
    r"(?:[Tt]he|A|An|HM|Her|His|HER|HIS|[Ii]ts|[Tt]heir)\b"
    # a place's or body's possessive: "Cumbria's Police and Crime Commissioner said:",
    # "Bedfordshire's chief constable said"
    r"|(?P<poss>[A-Z][\w-]*(?:[ \t]+[A-Z][\w-]*){0,2}['’]s)(?=[ \t]+[A-Za-z])"
)
RE_FIRST_WORD = re.compile(r"[^\W\d_]+")
# a headline's verb of saying right before or after a title standing alone
RE_SAYS_END = re.compile(r"\b(?:says|said|warns|admits|claims|insists)[ \t]+$")
RE_SAYS_START = re.compile(r"[ \t]+(?:says|said|warns|admits|claims|insists)\b")
# what may stand before such a title as a headline's subject: nothing, a quotation, a
# conjunction or a qualifier ("Acting Commissioner says", "... as commissioner says"),
# not a body's name ("The IOPC director general said")
RE_BARE_TITLE_LEAD = re.compile(
    r"(?:^|[’'\"”],?[ \t]+|\b(?:as|and|but|while|after|when)[ \t]+|"
    r"\b(?i:acting|interim|temporary|former|new)[ \t]+)$"
)
# after a role's short name, no more of a title or a name: "the chief said", "the
# chief, who", not "the chief inspector" or "the Chief Jane Doe"
RE_CONTEXT_ROLE_END = re.compile(r"(?:[ \t]+[a-z]|[,;:.!?])")
RE_ROLE_QUALIFIER = re.compile(
    r"\s+(?:(?:[Nn]ew|[Cc]urrent|[Oo]utgoing|[Aa]cting|[Ii]nterim|[Tt]emporary)\s+)?"
)
# (the patterns scanned over paragraphs open with a letter, not \b, which scans about
# twice as fast; the word's start is checked in code)
# Pronouns are not scanned for: they are read where a subject is looked for.
PRONOUNS = {"he": "he", "He": "he", "she": "he", "She": "he"}
PRONOUNS |= {"they": "they", "They": "they", "it": "it", "It": "it"}
RE_LEADING_PRONOUN = re.compile(
    r"\s*(?:(?:But|And|However|Meanwhile|Yet|So|Now|Also|Still|Instead)\b,?\s+)?"
    r"(He|She|They|It)\b"
)
# "a spokesman for Kent Police", "A Lancashire Police spokesman", "the spokesperson"
RE_SPOKES = re.compile(r"(?:spokes(?:man|woman|person|people)|press\s+officer)\b")
RE_SPOKES_LEAD = re.compile(r"\b(?:[Aa]n?|[Tt]he)\s+(?:[^\s,.;:“”\"]+\s+){0,5}?$")
RE_SPOKES_FOR = re.compile(r"\s+(?:for|from|of|at)\s+")
# a possessive before a spokesperson, and the word that owns it: "Patel's spokesman"
RE_POSSESSIVE_END = re.compile(r"['’]s\s+$")
# a possessive right after a name: "the service's"
RE_POSSESSIVE_AFTER = re.compile(r"['’]s\b")
# a possessive and a noun of saying or judging, up to a quotation's opening mark:
# "'s claim that victims of crime face a ", "'s recommendation for ", "'s "
RE_POSSESSOR_WORDS = re.compile(
    r"['’]s?[ \t]+(?:(?:claims?|recommendations?|warnings?|verdict|view|description|"
    r"findings?|calls?|conclusions?|criticism|assessment|concerns?|words|description)"
    r"(?:[ \t]+(?:that|for|of|about|on)\b[^“”\"‘’.;:]{0,80})?[ \t]+)?$"
)
RE_WORD_END = re.compile(r"(?<![\w'’-])[A-Z][\w-]+$")
RE_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\b")
# words given to whom follows: "According to the report", "In the words of the report"
RE_WORDS_GIVEN_TO = re.compile(r"\b(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of)\s+$")


# what may stand between a quotation and its attribution: punctuation, and titles
# before a name ("," Mr Taylor said", "," HM Inspector of Constabulary Wendy Williams said")
# a preposition or verb before a referent: "by the force", "to Home Secretary Priti
# Patel" (not one inside a title: "HM Inspector of Constabulary Mike Cunningham")
@functools.cache
def _re_object_end() -> re.Pattern[str]:
    """A preposition or a verb's object slot ending right before a name, past a
    qualifier (``lexicon().qualifiers``): "by the force", "credited the new Chief
    Constable with the changes"."""
    quals = "|".join(sorted(map(re.escape, lexicon().qualifiers), key=len, reverse=True))
    return re.compile(
        r"(?:[^\w\s]|\b[a-z][\w’'-]*)\s*\b(?:by|of|for|to|with|at|in|on|from|into|about|"
        r"against|over|under|than|like|towards|after|before|between|among|put|told|asked|"
        r"urged|thanked|praised|criticised|credited|blamed|congratulated|accused|backed|"
        r"replaced|succeeded|succeed|succeeds|succeeding|replace|replaces|replacing|thank|"
        r"met|meet|joined|join|supported|support|suspended|sacked|dismissed|appointed|"
        r"interviewed|defeated|challenged|followed)\s+"
        r"(?:(?:the|a|an|its|their|his|her)\s+)?"
        rf"(?:(?:{quals})\s+)?"
        r"(?:[A-Z][\w’'.&-]*\s+){0,4}$"
    )


# a preposition and a title in lower case set off by a comma before a name: "than that
# of the incumbent, "
RE_OBJECT_APPOSITION_END = re.compile(
    r"\b(?:of|for|to|with|by|from|than|against)\s+(?:the|a|an|its|their|his|her)\s+"
    r"(?:[a-z][\w’'-]*\s+){0,2}[a-z][\w’'-]*,\s+$"
)
# where a name ends its clause: a full stop, a semicolon or a closing bracket
RE_CLAUSE_END = re.compile(r"\s*[.;)]")
# what opens a title set off after a name: "the ", "the SPA's " (its body's possessive)
RE_APPOSED_TITLE = re.compile(r"\s+the\s+(?:[\w’'&-]+['’]s\s+)?")
# a dash after a pull quote, before the line that signs it: " – "
RE_DASH_SIGN = re.compile(r"[ \t]*[–—-][ \t]+")
# ... and the signer's title before the name, in capitals: "Police Investigations and
# Review Commissioner "
RE_SIGNER_TITLE = re.compile(r"(?:(?:[A-Z][\w’'-]*|and|of|for|the|&),?[ \t]+){0,9}")
# ... and the signer's body after the name, set off by a comma: ", Kent Police"
RE_SIGNER_BODY = re.compile(
    r",[ \t]+(?:[A-Z][\w’'&-]*|and|of|for|the)"
    r"(?:[ \t]+(?:[A-Z][\w’'&-]*|and|of|for|the)){0,7}\.?[ \t]*"
)
# a passive verb's "by" right before a name, past a title in capitals: "were led by HMI "
RE_PASSIVE_BY_END = re.compile(
    # (also a participle after its noun: "the complete statement issued by Deputy Chief
    # Constable Rose Fitzpatrick")
    r"\b(?:(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?|[a-z]+\s+)"
    r"(?:\w+ed|carried\s+out|written|overseen|run)\s+by\s+(?:the\s+)?(?:[A-Z][\w’'.&-]*\s+){0,4}$"
)
# the word right before a name: its honorific, if any ("Mr ", "Dame ")
RE_WORD_BEFORE = re.compile(r"(\w+)\.?[ \t]+$")
# "He" or "She" opening a sentence (past a conjunction or a quotation mark)
RE_HE_OR_SHE_OPENING = re.compile(r"[“‘\"']?(?:(?:But|And|Yet|So)[ \t]+)?(He|She)\b")
# honours after a name, ending where a verb's subject ends: " QPM", " KC MP"
RE_POSTNOMINALS_END = re.compile(rf"(?:[ \t]+{POSTNOMINAL})+$")
# between a verb of saying and the subject of the clause it reports: " that "
RE_THAT_GAP = re.compile(r"[ \t]+that[ \t]+")
# "according to" right before a name: the name is where the words come from
# ... and a noun of answering before "from": "a sharp response from Mr Finnie"
RE_ACCORDING_TO_END = re.compile(
    r"\b(?:[Aa]ccording\s+to|(?:response|reply|reaction|rebuke|retort)\s+from)\s+$"
)
# a preposition or a verb's object slot right before a name, past lower-case title
# words: "written to acting commissioner ", "a letter to the chief constable "
RE_OBJECT_BEFORE = re.compile(
    r"\b(?:to|told|asked|urged)\s+(?:(?:the|a|an|its|their)\s+)?"
    r"(?:[a-z][\w’'-]*\s+){0,3}(?:[A-Z][\w’'.&-]*\s+){0,3}$"
)
# a run of capitalised words with its joins and a bracket after it: one name
RE_PROPER_RUN = re.compile(
    r"[A-Z][\w.’'&-]*(?:\s+(?:(?:of|for|and|the|&)\s+)*[A-Z][\w.’'&-]*)*(?:\s*\([^()]{1,40}\))?"
)
# a job title in lower case before a name: "branch secretary "
RE_LOWER_TITLE = re.compile(r"\s*(?:the\s+)?(?:[a-z][\w-]*\s+){0,2}(?P<head>[a-z]+)\s+")
# what may come between an inverted verb and its subject: "said Chief Constable Mike Barton"
RE_TITLES = re.compile(r"\s*(?:(?:the|a|an)\s+)?(?:(?:[A-Z][\w.’'&-]*|of|for|and)\s+)*")
# ... the title set off from the name by a comma: "said Inspector of Constabulary, Matt Parr"
RE_TITLES_COMMA = re.compile(RE_TITLES.pattern + r"(?:[A-Z][\w.’'&-]*,\s+)?")
# between two quotations of one speaker: `,” he said. “`, `.” Mr Jones added. “`
RE_SAID_BETWEEN = re.compile(
    r"[\s.,;:!?”\"’]*(?:(?:he|she|they|it|[A-Z][\w'’ .-]{0,60}?)\s+"
    r"(?:said|says|added|adds|continued|went on)\.?"
    # inverted: "said Ms Durkin", "added the chief inspector"
    r"|(?:said|says|added|adds)\s+(?:[A-Z][\w'’ .-]{0,60}?|the\s+[a-z][\w'’ -]{0,40}?)\.?)?"
    r"[\s.,;:]*[“\"‘]?"
)
# the sentence after a quotation standing alone that names whose words they were: "That
# was the verdict of Staffordshire Police Federation Chairman, Keith Jervis"
RE_THAT_WAS = re.compile(
    r"\s*(?:That|This|Those|These)\s+(?:was|were|is|are)\s+the\s+(?:verdict|view|message|"
    r"warning|words|assessment|response|reaction|plea|call)s?\s+(?:of|from)\s+(?:the\s+)?"
)
# an agentless passive of judging right before a quotation: "HMP Nottingham has been
# judged 'fundamentally unsafe'", "was found to be "not good enough"", "has been
# described as 'completely unacceptable'"
RE_JUDGED_PASSIVE_END = re.compile(
    r"\b(?:is|are|was|were|been|being|be)\s+(?:\w+ly\s+)?(?:judged|found|rated|deemed|"
    r"described|branded|labelled|labeled|criticised|considered|assessed)"
    r"(?:\s+(?:as|to\s+be|to\s+have\s+been))?\s+(?:(?:as\s+)?(?:being\s+)?)?[“‘\"']$"
)
# ... or a passive of telling the body what to do: "The force was told to make "urgent
# improvements"", "has been warned it must "get a grip""
RE_TOLD_PASSIVE_END = re.compile(
    r"\b(?:is|are|was|were|been|being)\s+(?:told|urged|ordered|advised|warned|instructed)"
    r"\s+(?:to|(?:that\s+)?(?:it|they)\s+(?:must|should|needs?\s+to|has\s+to))"
    r"(?:\s+[\w'’-]+){1,4}\s+[“‘\"']$"
)
# a coordinated clause's start: "..., but inspectors had "serious concerns""
RE_BUT_CLAUSE = re.compile(r"[,;]\s+(?:but|and|while|although|though|whereas|yet)\s+")
# "Those are not my words ... but the words of Roy Wilsher"
RE_WORDS_OF = re.compile(r"\b(?:words of|according to)\s+")
# a list item: "- the force's work", "• ...", "1. ..."
RE_BULLET = re.compile(r"\s*(?:[-*•–]|\d{1,2}[.)])\s+")
# between a name and its title in apposition: ", the ", ", Cumbria's "
RE_TITLE_AFTER_NAME = re.compile(
    r",\s+(?:(?:the|a|one\s+of\s+the)\s+)?(?:[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,2}['’]s\s+)?"
)
# between a role and its holder's name: "The mayor of London, Sadiq Khan", "HER
# MAJESTY'S INSPECTOR OF CONSTABULARY (HMIC) Wendy Williams"
# what may stand between an inverted verb and a name: "said Ms Durkin"
RE_NAME_LEAD = re.compile(r"[ \t]+(?:(?:Mr|Mrs|Ms|Dr|Sir|Dame)[ \t]+)?")
# a title set off after a name, up to its body: "Deborah Coles, Director of "
RE_TITLE_OF_BEFORE = re.compile(
    r",[ \t]+(?:the[ \t]+)?(?:[A-Za-z][\w'’-]*[ \t]+){1,5}(?:of|at|for)[ \t]+(?:the[ \t]+)?"
    r"(?:[a-z]+[ \t]+)?$"
)
# the body a speaker is from, between the name and the verb: "from the constabulary"
# the one at the top of a body: "the head of Sussex Police", "the chief of the force"
RE_HEAD_OF_BEFORE = re.compile(r"\b(?:head|chief|boss|leader)[ \t]+(?:of|at)[ \t]+(?:the[ \t]+)?$")
# (after the name's closing comma too: "Deputy Chief Constable, Dawn Copley, of South
# Yorkshire Police said")
RE_OF_BODY_BEFORE = re.compile(r",?[ \t]+(?:of|from|at)[ \t]+(?:the[ \t]+)?$")
# ... and after a person's name: "Peter Clarke of HM Inspectorate of Prisons"
RE_OF_BODY_AFTER = re.compile(r",?[ \t]+(?:of|from|at)[ \t]+(?:the[ \t]+)?")
RE_BODY_END = re.compile(r"[ \t]+(?:from|of|at)[ \t]+[^,;:“”\"]{1,50}$")
# between a person's name and a verb of saying: the body they are of, an apposition,
# brackets, "has also" ("Cecilia Goodwin of the Stop and Search Legal Project, a member
# of BSB Solicitors, said")
RE_SPEAKS_GAP = re.compile(
    # the body after the name: "Mike Cunningham from HMIC said" (set off by commas, it is
    # an apposition: "Zoe Billingham, from HMIC, said")
    r"(?:[ \t]+(?:of|from|at)[ \t]+(?:the[ \t]+)?(?:[A-Z][^,;.“”\"]{1,60}(?=,)|"
    r"[A-Z][\w'’&-]*(?:[ \t]+(?:[A-Z][\w'’&-]*|of|for|and|the))*(?=[ \t]+[a-z])))?"
    r"(?:\s*\([^()]{1,40}\))?(?:(?:,[^,;:.“”\"\n]{1,200}){1,2},)?"
    # (a relative clause on the name: "Deputy Mayor Sophie Linden, who said:")
    r"(?:,?\s+who\b)?"
    r"(?:\s+(?:has|have|had|also|today|then|later|now|previously|recently))*"
    # the name closing an apposition: "Cumbria's Commissioner, David Allen, said"
    r",?\s+"
)
# a preposition of place right before two capitalised words: they name a place ("the
# jail near Market Drayton had found"), no speaker
RE_PLACE_PREPOSITION_END = re.compile(r"\b(?:near|in|at|outside|around|across|into)\s+$")
# a given name alone opening the clause of a verb of saying: "Keith said"
RE_GIVEN_NAME_END = re.compile(r"(?:^|[.;:!?]\s+|\n\s*)([A-Z][a-z]+)\s*$")
# between a name and the title in apposition to it: "Liam McArthur, justice spokesman"
RE_APPOSITION_GAP = re.compile(r",\s+(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}")
# a passive anywhere: "was asked whether", "has been criticised"
RE_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?\w+ed\b")
# a passive verb: "was asked", "has been criticised", "was credited with"
RE_BE_END = re.compile(r"\b(?:was|were|is|are|be|been|being|get|got)\s*$")
# the agent of a passive: "was described as ... by", "... in a report by"
RE_BY = re.compile(r"\s+by\s+")
RE_REPORT_BY = re.compile(
    r"[^.;:]*?\b(?:in|by)\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:report|review|inspection)\s+by\s+"
)
# between a verb of saying and the subject of the clause it reports: " that "
RE_THAT_GAP = re.compile(
    # also past a first reported clause: "The HMICFRS report said the force had brought
    # in a new IT system ..., and that the force had told the watchdog ... "some problems""
    r"\s+(?:that\s+|(?:that\s+)?[^.;:“”\"]{0,200}?,?\s+and\s+that\s+)"
)
# a relative clause in the passive, up to its verb: "who was falsely "
RE_PASSIVE_RELATIVE_END = re.compile(
    r"\bwho[ \t]+(?:was|were|is|are|had[ \t]+been|has[ \t]+been|have[ \t]+been)[ \t]+"
    r"(?:[a-z]+ly[ \t]+)?$"
)
# a subordinate clause's opening word between two verbs of saying
RE_SUBORDINATOR = re.compile(r"\b(?:after|when|because|since|once|as)\b")
# a clause of its own coordinated after another: "X said ..., while Home Secretary
# Theresa May called the findings "..."", "...; Y described it as"
RE_COORDINATE_OPEN = re.compile(r"(?:,[ \t]+(?:while|whilst|whereas|but)|;)[ \t]+")
# a relative clause set off after a name: ", who heads MOPAC,"
RE_RELATIVE_OPEN = re.compile(r"[ \t]*(?:who|whose|whom)\b")
# a relative pronoun standing for the subject: "the Inspectorate, which said"
RE_RELATIVE_END = re.compile(r"(?:,\s*)?\b(?:who|which|that)\s*$")
# ... "which" set off by a comma right before a verb of saying: the thing named before it
# speaks ("the report, which warns that")
RE_WHICH_BEFORE = re.compile(r",[ \t]*which[ \t]+(?:also[ \t]+|has[ \t]+|had[ \t]+)?$")
# a conjunction or clause start before a verb that shares the previous verb's subject
RE_SHARED_END = re.compile(r"\b(?:and|but|or|then|also)\s*$")
# between a body's names ("HM Inspectorate of Prisons (HMIP)"), and between two bodies
RE_NAME_GAP = re.compile(r"[ \t]*\(?[ \t]*")
RE_AND_GAP = re.compile(r"\)?[ \t]+and[ \t]+(?:the[ \t]+)?")
# a phrase set before a sentence's subject: "On Devon and Cornwall, it said", "However, "
RE_FRONTED = re.compile(r"(?:[A-Z][^,;:.“”\"]{0,60},\s*)?")
# one phrase set off by its comma before a sentence's subject (the first capitalised)
RE_FRONTED_PHRASE = re.compile(r"[^,;:.“”\"]{1,60},\s*")
# what may open a sentence before its subject: "But", "However,", "Chief Constable"
RE_OPENING = re.compile(
    r"(?:(?:But|And|However|Meanwhile|Yet|So|Now|Also|Still|Instead)\b,?\s+"
    # a sentence adverb set off by its comma: "Indeed, HMIC commended ...", "In
    # addition, the report found ...", "Crucially, inspectors said ..."
    r"|(?:Indeed|Moreover|Furthermore|Overall|Likewise|Elsewhere|Nevertheless|Nonetheless|"
    r"Today|Yesterday|Earlier|Again|In[ \t]+(?:addition|particular|general|response|turn)|"
    r"At[ \t]+the[ \t]+same[ \t]+time|[A-Z][a-z]+ly),\s+)?"
    r"(?:(?:[Tt]he|[A-Z][\w’'.&-]*)\s+)*"
)
# what a quoted phrase used as a name is introduced by: a report called "..."
RE_NAMING_END = re.compile(
    r"\b(?:called|named|entitled|titled|dubbed|known\s+as|so-called|the\s+word|the\s+term)\s*$"
)
# a title in apposition to the report it names: "HMIC's March 2014 report, ‘Everyone’s
# business’, exposed ..."
RE_TITLE_APPOSITION_END = re.compile(
    r"\b(?:report|review|inspection|study|strategy|campaign|programme|guidance)[ \t]*,[ \t]*$"
)
# words the subject gives them: "what it called", "what he described as a"
RE_WHAT_CALLED_END = re.compile(
    r"\bwhat\s+(?:he|she|it|they|[A-Z][\w’'-]+)\s+(?:called|calls|termed|described\s+as|"
    r"branded)\s+(?:an?\s+|the\s+)?$"
)
# a report's noun and the preposition before what it is on: "The report on", "the
# inspectorate's review into", "A report about the"
RE_REPORT_ON_END = re.compile(
    r"\b(?:report|review|inspection|assessment|study)[ \t]+(?:on|into|of|about)[ \t]+"
    r"(?:the[ \t]+)?$"
)
# a report's topic up to the end of a stretch: "the national report on Police
# Effectiveness" (the other way round from RE_REPORT_ON_END)
RE_TOPIC_TO_END = re.compile(r"[ \t]+(?:on|into|about)[ \t]+[^,;:.“”\"()]{1,80}$")
# a report's title right after its noun: "the HMIC report 'Core Business: ...'"
RE_REPORT_TITLE_END = re.compile(r"\b(?:report|review|inspection|study)[ \t]*$")
RE_ARTICLE_END = re.compile(r"\b(?:[Aa]n?|[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)\s+$")
RE_WORD = re.compile(r"\s*([a-z][a-z’'-]*)")
RE_LAST_WORD = re.compile(r"([A-Za-z’'-]+)\W*$")
# boundaries of an apposition or a relative clause: "X, who ..., said"
APPOSITION_MARKS = ",–—"
HONORIFIC_GIVEN = ("Sir ", "Dame ", "Lord ", "Lady ")


@functools.cache
@functools.cache
def _re_document_speaks() -> re.Pattern[str]:
    """A document speaking as its clause's subject, with no author ("from", "by")
    between it and its verb of saying: "a statement to the House of Commons has
    confirmed"."""
    verbs = "|".join(sorted(map(re.escape, lexicon().reporting_verbs), key=len, reverse=True))
    return re.compile(
        r"(?:[ \t]+(?!from\b|by\b)[\w’'-]+){0,6}?[ \t]+(?:has[ \t]+|had[ \t]+)?"
        rf"(?:{verbs})\b"
    )


def _attribution_words() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for line in (LEXICON_DIR / "attribution.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, kind = line.partition("\t")
        out.setdefault(kind.strip(), set()).add(word.strip())
    return {k: frozenset(v) for k, v in out.items()}


def _in_sentence_after(word: str) -> bool:
    """Whether a word right after a quoted phrase shows the phrase is part of the
    sentence ("a "real strength" and", "the "huge strides" made since", "the "big
    concern" raised by HMIC"), not a noun's modifier ("a "one force" model")."""
    words = _attribution_words()
    return (
        word in words["function"]
        or word in words["participle"]
        or (len(word) > 4 and word.endswith("ed"))
    )


@functools.cache
def _re_cue() -> re.Pattern[str]:
    """A verb of saying: "said", "told", "found", "according to", "spoke of"."""
    verbs = {*lexicon().reporting_verbs, *_attribution_words()["verb"]}
    # ("In the words of the report:", as "According to the report,")
    return re.compile(
        r"(?<![\w'’-])(?:[Aa]ccording\s+to|[Ii]n\s+the\s+words\s+of|"
        + _trie(verbs)
        + r")(?![\w'’-])"
    )


@functools.cache
def _re_speaks() -> re.Pattern[str]:
    """What may stand between a name and its verb of saying, then the verb (the gap no
    longer than lets a verb follow: "Sara Glen, the force's second-in-command, said the
    findings were ..., although ...")."""
    return re.compile(RE_SPEAKS_GAP.pattern + "(?=" + _re_cue().pattern + ")")


# "urged to", "told to", "said to be": the verb's subject is who is spoken to or of,
# not who speaks ("PSNI and Police Ombudsman urged to 'work hard together'")
RE_TO_INFINITIVE = re.compile(r"\s+to\s+[‘'“\"]?(?P<word>[a-z]+)\b")
ADDRESSEE_VERBS = frozenset(("urged", "told", "asked", "ordered", "advised", "warned"))
# "told it 'must improve'", "warned they must": the told body, then what it must do
RE_TOLD_IT = re.compile(r"\s+(?:that\s+)?(?:it|they)\s+(?:[‘'“\"]|must\b|should\b|needs?\b)")


def _addressed(text: str, verb: str, end: int, hi: int) -> bool:
    """Whether the verb of saying ending at ``end`` is a bare passive with an
    infinitive after it, or a headline's passive of telling ("Humberside Police told it
    'must improve'"): its subject is then not the speaker."""
    if verb in ADDRESSEE_VERBS and RE_TOLD_IT.match(text, end, hi):
        return True
    m = RE_TO_INFINITIVE.match(text, end, hi)
    if m is None:
        return False
    return m["word"] in ("be", "have") or verb in ADDRESSEE_VERBS


def _trie(words: set[str]) -> str:
    """An alternation of ``words`` with shared prefixes factored out ("sa(?:id|ys)"):
    about twice as quick to scan with as the plain alternation."""
    root: dict[str, dict[str, Any]] = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, Any]) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch])
            for ch in sorted(k for k in node if k)
        ]
        if not alts:
            return ""
        end = "" in node
        body = alts[0] if len(alts) == 1 and not end else "(?:" + "|".join(alts) + ")"
        return body + ("?" if end else "")

    return emit(root)


@functools.cache
def _re_role() -> re.Pattern[str]:
    """A role label in any case: "the chief inspector of constabulary", "the Inspector"
    (written out: not "Det Supt" or "PCC", which stand before names)."""
    alts = "|".join(
        re.escape(lb).replace(r"\ ", r"\s+") for lb in sorted(_role_labels(), key=len)[::-1]
    )
    return re.compile(r"(?<![\w'’-])(?i:" + alts + r")s?(?![\w'’-])")


@functools.cache
def _re_role_gap() -> re.Pattern[str]:
    """What stands between a title and its holder's name: the body ("HM Inspector of
    Constabulary for the South West"), an acronym, commas, and an honorific ("HM Chief
    Inspector of Constabulary in Scotland, Mrs Gill Imery")."""
    return re.compile(
        r"(?:\s+of\s+(?:the\s+)?[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*)*)?(?:\s*\([A-Z]{2,8}\))?[\s,]*"
        r"(?:(?:" + re_honorific().pattern + r")[ \t]+)?"
    )


@functools.cache
def _role_labels() -> tuple[str, ...]:
    short = {"of", "and", "the", "for", "in", "&", "HM"}
    return tuple(
        lb
        for r in lexicon().roles.values()
        for lb in r.labels
        if all(len(w) > 3 or w in short for w in lb.split()) or (len(lb) > 2 and lb.isupper())
    )


@functools.cache
def _role_heads() -> frozenset[str]:
    """The first words of role labels, lower case: "chief", "inspector", "mayor"."""
    return frozenset(lb.split()[0].lower() for lb in _role_labels())


@functools.cache
def _re_adjacent() -> re.Pattern[str]:
    """What may stand between a quotation's closing mark and its verb of saying: names,
    titles in capitals, and the words of titles in lower case ("," HM inspector Lee
    Freeman said")."""
    lower = sorted(
        {w for lb in _role_labels() for w in lb.lower().split() if w.isalpha() and len(w) > 2},
        key=len,
        reverse=True,
    )
    words = "|".join(map(re.escape, [*lower, "of", "the", "for"]))
    # (not "and" opening what follows: "‘...’, and she called for" is a clause of its
    # own; "and" inside a title stays: "”, Police and Crime Commissioner Matthew Scott
    # said")
    return re.compile(
        rf"[\s,.;:!?”\"’'—–-]*(?!and\s)(?:(?:[A-Z][\w.’'&-]*|(?:{words})(?![\w-]))\s+)*"
    )


@functools.cache
def _role_words() -> tuple[str, ...]:
    """Words one of which every match of ``_re_role`` holds, for ``any_in``."""
    return label_words(list(_role_labels())) or ()


def _may_name_role(text: str, para: Span) -> bool:
    words = _role_words()
    return not words or any_in(words, lowered(text[para.start : para.end]))


@functools.cache
def _org_types() -> dict[str, OrgType]:
    return {k: o.type for k, o in lexicon().orgs.items()}


@functools.cache
def _grade_labels() -> frozenset[str]:
    return frozenset(fold(lb) for c in grades().values() for lb in c.labels)


@functools.cache
def _area_labels() -> tuple[str, ...]:
    """Names of inspected areas of two words or more: "protecting those who are
    vulnerable", "treating the public fairly"."""
    return tuple(fold(lb) for c in areas().values() for lb in c.labels if " " in lb)


@functools.cache
def _role_sig(key: str) -> tuple[str, bool]:
    """A role's head noun and whether it is a chief's: "HM Inspector of Constabulary"
    and "the Inspector" are both ("inspector", False)."""
    words = fold(lexicon().roles[key].label).split()
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    return head, "chief" in words


@dataclass
class _Segment:
    start: int  # first character inside the marks
    end: int
    paragraph: int
    opens_paragraph: bool
    closed: bool
    after: int  # first character after the closing mark (or after the text)


def segments(article: Article) -> list[_Segment]:
    """Quoted stretches of the body of two words or more, one per paragraph piece,
    in order (single words are left out here: they are labels)."""
    text = article.text
    out: list[_Segment] = []
    blocks: set[int] = set()  # the paragraphs of block quotations
    for index, para in enumerate(article.body):
        i, end = para.start, para.end
        first = para.start  # the paragraph's first character that is not a space
        while first < end and text[first].isspace():
            first += 1
        line_start = text.rfind("\n", 0, first) + 1
        block = RE_BLOCK_QUOTE.match(text, line_start, end)
        if block is not None and block.end() >= first:
            first = block.end()  # the mark is in the text, or before the paragraph
        else:
            block = None
        if block is not None and index > 0 and RE_MARK.search(text, first, end) is None:
            # a Markdown block quotation, set off by the page and not by marks, after a
            # lead-in ending with a colon: "Cumbria's Police and Crime Commissioner
            # said: / > Our police force is extremely busy ...", each of its paragraphs
            # going on from the one before
            lead = article.body[index - 1]
            last = text[lead.start : lead.end].rstrip()
            body_end = len(text[:end].rstrip())
            follows = index - 1 in blocks
            if (last.endswith(":") or follows) and body_end > first:
                out.append(_Segment(first, body_end, index, True, False, end))
                blocks.add(index)
                continue
            if follows and body_end <= first:
                blocks.add(index)  # an empty line of the quotation: ">"
                continue
        left_open = bool(out) and out[-1].paragraph == index - 1 and not out[-1].closed
        if left_open and first < end and not RE_MARK.match(text, first):
            # a quotation left open goes on in a paragraph its writer did not open with a
            # mark, to its closing one: `“HMIC is a useful tool ... / This report has
            # pointed to ... forward.”`
            close_at = text.find(CLOSE_DOUBLE, first, end)
            if close_at > first and RE_MARK.search(text, first, close_at) is None:
                out.append(_Segment(first, close_at, index, True, True, close_at + 1))
                i = close_at + 1
        while i < end:
            mark = RE_MARK.search(text, i, end)
            if mark is None:
                break
            i = mark.start()
            c = text[i]
            double = c in (OPEN_DOUBLE, '"')
            if not double and i > para.start and text[i - 1].isalnum():
                i += 1  # an apostrophe: don’t, officers’
                continue
            # a double quote ends at its closing mark, or where a new one opens (the old
            # one was never closed); a single one at a closing mark not inside a word
            # (a single quotation is looked for over a bounded stretch: an apostrophe
            # opening a word, '90s, must not cost a scan to the paragraph's end)
            found = (
                RE_DOUBLE_END.search(text, i + 1, end)
                if double
                else RE_SINGLE_END.search(text, i + 1, min(end, i + 1 + MAX_SINGLE))
            )
            j = found.start() if found else end
            # a straight mark after a sentence's end and before a word opens the next
            # quotation: the writer dropped the closing one (`crime. "We did come`)
            reopens = (
                found is not None
                and text[j] == '"'
                and RE_STRAIGHT_REOPEN.match(text, max(i + 1, j - 2), j + 2) is not None
            )
            close = None if found is None or text[j] == OPEN_DOUBLE or reopens else j
            width = len(found.group()) if found is not None else 1  # '' closes as "
            if not double and close is None:
                if not _single_left_open(article, text, index, i, first, end):
                    i += 1  # an opening single mark never closed: an apostrophe ('90s)
                    continue
                j = len(text[:end].rstrip())  # one paragraph of several, left open
            stop = close if close is not None else j
            body = text[i + 1 : stop]
            seg_start = i + 1 + len(body) - len(body.lstrip())
            seg_end = i + 1 + len(body.rstrip())
            if (
                seg_end > seg_start
                and len(body.split()) >= MIN_WORDS
                # (a quotation left open at the paragraph's end goes on: no crosshead)
                and not (close is not None and _crosshead(text, i, close + width, end))
            ):
                opens = i == first
                after = close + width if close is not None else stop
                out.append(_Segment(seg_start, seg_end, index, opens, close is not None, after))
            i = (close + width) if close is not None else stop
    return out


# a short quoted phrase with no mark of a sentence in it
RE_PHRASE = re.compile(r"[^.!?,;:]{1,60}")


def _crosshead(text: str, open_at: int, after: int, end: int) -> bool:
    """Whether a quotation is a whole paragraph of a few words and no sentence: a
    subheading that quotes ("'Managing expectations'"), not words someone is given."""
    return (
        not text[:open_at].rstrip(" \t").endswith(tuple(":,"))
        and text[text.rfind("\n", 0, open_at) + 1 : open_at].strip() == ""
        and text[after:end].strip() == ""
        and RE_PHRASE.fullmatch(text, open_at + 1, after - 1) is not None
        and len(text[open_at + 1 : after - 1].split()) <= 6
    )


def _single_left_open(
    article: Article, text: str, index: int, i: int, first: int, end: int
) -> bool:
    """A paragraph a single mark opens and does not close, the next opening with one
    too: a quotation over paragraphs, as British papers print it ("Mr Scott commented:
    / 'I am delighted ... integrity. / 'The Chief Constable ...'"), also after a colon
    in the paragraph ("Matthew Ellis ... said: 'Since I took on ... works well. / 'In
    recent years ...")."""
    opens = i == first or text[first:i].rstrip().endswith(":")
    if not opens or not text[i + 1 : i + 2].isupper() or index + 1 >= len(article.body):
        return False
    if not re.search(r"[.!?]\s*$", text[i:end]):
        return False
    nxt = article.body[index + 1]
    return text[nxt.start : nxt.end].lstrip()[:1] == text[i]


@dataclass(frozen=True, slots=True)
class _Ref:
    """Something that may say words: a person, a body, a pronoun, the report."""

    start: int
    end: int
    kind: str  # person, he, they, it, org, report, role, spokes, document
    value: str = ""  # person name, org key or role key
    target: _Ref | None = None  # what a spokesperson speaks for


# A speaker found: ("person", name), ("org", key), ("report", inspectorate key or "");
# NOBODY where a verb has a subject that did not say the words (a passive).
_Who = tuple[str, str]
NOBODY: _Who = ("nobody", "")
# between two people who speak together: "NAME1 and NAME2", "NAME1, TITLE, and NAME2"
RE_JOINT = re.compile(
    r"(?:,[^,.;:“”\"]{1,120})?,?[ \t]+and[ \t]+"
    # (the second's title before the name: "and inspector of constabulary, Dru Sharpling",
    # "and HMCPSI inspector Andrew Cayley", "and Deputy Mayor Sophie Linden")
    r"(?:[a-z][^,.;:“”\"]{1,60},[ \t]+|(?:[\w'’&-]+[ \t]+){1,6})?"
    r"(?:(?:Mr|Ms|Mrs|Dr|Sir|Dame)[ \t]+)?"
)
# between two people of a list, titles allowed: ", HMICFRS Chief Inspector of
# Constabulary Sir ", " and Assistant Chief Constable "
RE_LIST_GAP = re.compile(
    r"(?:,[ \t]+|,?[ \t]+(?P<and>and)[ \t]+)(?:(?:[A-Z][\w'’&-]*|of|for|the)[ \t]+){0,8}"
)
# a subordinate clause after an attribution: ", even though most of them say ..."
# (also a clause coordinated after it: "‘...’, and she called for ...")
RE_SUBORDINATE_AFTER = re.compile(
    r"^,[ \t]+(?:even[ \t]+though|even[ \t]+if|although|though|while|whereas|because|"
    r"despite|since|and|but)\b"
)
RE_THEY = re.compile(r"[Tt]hey[ \t]+(?:also[ \t]+)?")
# ... or their statement: "“...,” the statement said", after "A and B issued a statement"
RE_THEY_OR_THEIRS = re.compile(
    r"(?:[Tt]hey|[Tt]he[ \t]+(?:joint[ \t]+)?statement)[ \t]+(?:also[ \t]+)?"
)
# (past the first's title: "commented HMICFRS inspector Wendy Williams and ...")
RE_SAID_BEFORE = re.compile(
    r"\b(?:said|says|added|adds|commented|comments)[ \t]+(?:[\w'’&-]+[ \t]+){0,5}$"
)
# the few words of a name that end a sentence after its inverted verb ("..., says HMICFRS.")
RE_CLOSING_NAME = re.compile(r"(?:[ \t]+[^\s“”\"‘]+){1,10}[ \t]*")
_PRIORITY = {"person": 0, "spokes": 1, "org": 2, "role": 3, "report": 4, "he": 5, "they": 5}


@dataclass(frozen=True, slots=True)
class _Cue:
    start: int
    end: int
    who: _Who | None
    lead: int  # where the attribution starts: its subject, or the verb before "said X"


# how many paragraphs further back "they" may stand for a pair named as speaking, when no
# one else is named in between (further while each sentence before a quotation of theirs
# speaks of them as a group: "The two leads said ...", "The pair also picked up on ...")
JOINT_REACH = 4
GROUP_REACH = 12
# a plural subject for people who spoke together: "The two leads", "The pair", "Both men",
# "the joint leads"
RE_GROUP_SUBJECT = re.compile(
    r"(?:[Bb]oth|[Tt]he[ \t]+(?:pair|duo|(?:two|three|four|joint)[ \t]+[a-z]+s))\b(?![‘'’])"
)


class _Reader:
    """One article's quotations, speakers and verbs of saying."""

    def __init__(
        self,
        article: Article,
        sents: list[Sentence],
        people: list[PersonMention],
        orgs: list[OrgMention],
        reports: Callable[[], list[ReportClaim]],
        segs: list[_Segment],
        roles: Sequence[RoleClaim] = (),
    ) -> None:
        self.text = article.text
        self.roles = roles
        self.article = article
        self.sents = sents
        self.reports = reports  # found when first needed
        self._reports_by: dict[str, list[tuple[int, int]]] | None = None
        self.segs = segs
        self.seg_starts = [s.start for s in segs]
        self.org_types = _org_types()
        self.inspectorates = [
            (o.span.start, o.org) for o in orgs if self.org_types.get(o.org) is OrgType.INSPECTORATE
        ]
        self.names = _full_names(article.text, people)
        # a given name alone for a person named in full, when no one else has it:
        # "Keith Hunter, the Police and Crime Commissioner ... / Keith said: "...""
        # ... and a surname alone: "Zoe Billingham, from HMIC, said ... / Billingham added:"
        given: dict[str, set[str]] = {}
        family: dict[str, set[str]] = {}
        for p in people:
            if not p.surname_only and " " in p.name:
                given.setdefault(p.name.split()[0], set()).add(p.name)
                family.setdefault(p.name.split()[-1], set()).add(p.name)
        self.given_names = {g: next(iter(n)) for g, n in given.items() if len(n) == 1}
        self.given_names |= {
            f: next(iter(n))
            for f, n in family.items()
            if len(n) == 1 and f not in given and f not in name_stopwords()
        }
        # Referents are looked for around quotations only: in their paragraphs, the
        # three before (pronouns, lead-ins) and the one after (a pull quote's caption).
        near: set[int] = set()
        for seg in segs:
            near.update(range(max(0, seg.paragraph - 3), seg.paragraph + 2))
        self.near = [article.body[i] for i in sorted(near) if i < len(article.body)]
        self._cue_matches: dict[int, list[tuple[int, int, str]]] = {}
        self.sent_starts = [x.span.start for x in sents]
        self._holders: dict[tuple[str, bool], list[tuple[int, str]]] | None = None
        self._of_inspectorate: list[tuple[int, str]] | None = None
        self._inspectorates_by_role: list[tuple[int, str]] | None = None
        self._org_roles: dict[int, _Ref] = {}  # a body's ref -> the role it opens
        self.refs = self._refs(people, orgs)
        for i, role in self._org_roles.items():
            if self.refs[i].kind == "org" and self._role_who(role) is not None:
                # "Humberside Police's interim chief constable has promised": the holder
                # of the body's role the article names, not the body
                self.refs[i] = role
        self.ref_starts = [r.start for r in self.refs]
        self.ref_ends = sorted((r.end, i) for i, r in enumerate(self.refs))
        self.genders = self._genders(people)
        self.cue_cache: dict[int, list[_Cue]] = {}
        self.cue_bounds: dict[int, tuple[list[int], list[int]]] = {}
        self.closing_cache: dict[int, list[_Cue]] = {}
        self.last_cache: dict[int, _Who | None] = {}
        self.lead_in_cache: dict[int, _Who | None] = {}

    # -- referents -----------------------------------------------------------------

    def _inside_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.seg_starts, pos) - 1
        return i >= 0 and self.segs[i].start <= pos < self.segs[i].end

    def _refs(self, people: list[PersonMention], orgs: list[OrgMention]) -> list[_Ref]:
        text = self.text
        found: list[_Ref] = []
        for p in people:
            found.append(_Ref(p.span.start, p.span.end, "person", self._person_name(p)))
        for o in orgs:
            found.append(_Ref(o.span.start, o.span.end, "org", o.org))
        for para in self.near:
            for m in RE_REPORT_NOUN.finditer(text, para.start, para.end):
                if not _word_starts(text, m.start()):
                    continue
                det = RE_DETERMINER_END.search(text, max(para.start, m.start() - 50), m.start())
                while det is not None and (
                    later := RE_DETERMINER_END.search(text, det.start() + 1, m.start())
                ):
                    det = later  # the nearest: "the commissioners welcomed [the findings]"
                if det is not None:
                    # (after a body's possessive, which is the body's own referent)
                    at = det.end("poss") if det.group("poss") else det.start()
                    found.append(_Ref(at, m.end(), "report"))
            for m in RE_INSPECTORS.finditer(text, para.start, para.end):
                if not _word_starts(text, m.start()):
                    continue
                the = RE_THE_END.search(text, max(para.start, m.start() - 20), m.start())
                if the is not None or m.group()[1:] == "nspectors":
                    found.append(_Ref(the.start() if the else m.start(), m.end(), "report"))
            found.extend(self._role_refs(para))
            for m in RE_DOCUMENT.finditer(text, para.start, para.end):
                found.append(_Ref(m.start(), m.end(), "document", m.group("noun").lower()))
        known = {r.end for r in found if r.kind == "person"}
        for para in self.near:
            found.extend(self._speaking_names(para, known))
        found.sort(key=lambda r: (r.start, _PRIORITY.get(r.kind, 9), -r.end))
        kept: list[_Ref] = []
        for r in found:
            if self._inside_quote(r.start):
                continue
            if kept and r.start < kept[-1].end:
                last = kept[-1]
                if last.kind == "report" and r.kind == "org" and r.end < last.end:
                    continue  # "The latest HMIC report says": a body naming whose it is
                if last.kind == "org" and r.kind == "role" and r.end > last.end:
                    self._org_roles[len(kept) - 1] = r  # its holder speaks, if named
                    continue
                if _PRIORITY.get(r.kind, 9) < _PRIORITY.get(last.kind, 9):
                    kept[-1] = r
                continue
            kept.append(r)
        return self._with_spokespeople(kept)

    def _role_refs(self, para: Span) -> list[_Ref]:
        """Roles standing for their holders: "the Chief Constable", "the Inspector",
        "HM Chief Inspector of Constabulary" (not "the Chief Constable Chris Noble")."""
        text = self.text
        out: list[_Ref] = []
        if not _may_name_role(text, para):
            return out
        heads = _role_heads()
        for a in RE_ROLE_ANCHOR.finditer(text, para.start, para.end):
            if not _word_starts(text, a.start()):
                continue
            at = a.start()
            if a.group("poss"):
                # past a qualifier: "Humberside Police's interim chief constable"
                qualified = RE_ROLE_QUALIFIER.match(text, a.end(), para.end)
                at = qualified.end() if qualified is not None else a.end() + 1
            elif a.group() in ("the", "The", "A", "An", "its", "Its", "their", "Their"):
                space = RE_ROLE_QUALIFIER.match(text, a.end(), para.end)
                if space is None:
                    continue
                at = space.end()
                word = RE_FIRST_WORD.match(text, at, min(para.end, at + 20))
                if word is None or word.group().lower() not in heads:
                    continue
            m = _re_role().match(text, at, para.end)
            if m is None:
                # a role's short name in context: "the chief said" (the chief constable)
                word = RE_FIRST_WORD.match(text, at, min(para.end, at + 20))
                short = None if word is None else context_role_key(word.group().capitalize())
                if (
                    word is not None
                    and short is not None
                    and RE_CONTEXT_ROLE_END.match(text, word.end(), para.end)
                ):
                    out.append(_Ref(a.start(), word.end(), "role", short))
                continue
            key = role_key(" ".join(m.group().split()))
            if key is not None and not _names_follow(text, m.end()):
                out.append(_Ref(a.start(), m.end(), "role", key))
        if self._headline(para):
            # a headline drops its articles: "..., says chief constable", "‘Police taking
            # steps to improve’ Chief Constable says" (the title's holder, named below)
            for m in _re_role().finditer(text, para.start, para.end):
                if any(r.end == m.end() for r in out) or _names_follow(text, m.end()):
                    continue
                if not (
                    RE_SAYS_END.search(text, para.start, m.start())
                    or RE_BARE_TITLE_LEAD.search(text, para.start, m.start())
                    and RE_SAYS_START.match(text, m.end(), para.end)
                ):
                    continue
                key = role_key(" ".join(m.group().split()))
                if key is not None:
                    out.append(_Ref(m.start(), m.end(), "role", key))
        return out

    def _headline(self, para: Span) -> bool:
        """Whether a paragraph is the article's headline."""
        title = self.article.title
        return (
            title is not None
            and bool(self.article.body)
            and para.start == self.article.body[0].start
            and self.text[para.start : para.end].strip(" \t#*") == title.strip()
        )

    def cue_matches(self, para: Span) -> list[tuple[int, int, str]]:
        """(start, end, words) of every verb of saying in a paragraph: one scan each."""
        found = self._cue_matches.get(para.start)
        if found is None:
            found = self._cue_matches[para.start] = [
                (m.start(), m.end(), m.group())
                for m in _re_cue().finditer(self.text, para.start, para.end)
                if not _addressed(self.text, m.group(), m.end(), para.end)
            ]
        return found

    def _speaking_names(self, para: Span, known: set[int]) -> list[_Ref]:
        """People named as the subject of a verb of saying whom the people extractor
        did not know: "Zoë Billingham said", "Ron Hogg, Police, Crime and Victims'
        Commissioner for County Durham and Darlington, described", "said Adam Burling"."""
        text = self.text
        out: list[_Ref] = []
        for v, v_end, _ in self.cue_matches(para):
            lo = max(para.start, v - WINDOW)
            slot = _slot_end(text, lo, v)
            if slot in known:  # a person is the subject already
                continue
            ends = [slot]
            body = RE_BODY_END.search(text, max(lo, slot - 60), slot)
            if body is not None:  # "Richard Berry from the constabulary said"
                ends.append(body.start())
            if slot > lo and text[slot - 1] == ",":  # in or past an apposition
                ends.append(slot - 1)
                first = text.find(",", max(lo, slot - 150), slot - 1)
                if first >= 0:
                    ends.append(_slot_end(text, lo, first))
            for end in ends:
                name = _name_ending(text, lo, end)
                if name is not None and RE_PLACE_PREPOSITION_END.search(
                    text, max(lo, end - len(name) - 12), end - len(name)
                ):
                    # a place, the object of a preposition: "the 2015 inspection of the
                    # jail near Market Drayton had found"
                    break
                if name is not None:
                    out.append(_Ref(end - len(name), end, "person", name))
                    break
            else:
                base = max(lo, slot - 30)
                one = RE_GIVEN_NAME_END.search(text[base:slot])
                full = self.given_names.get(one.group(1)) if one is not None else None
                if full is not None and one is not None:
                    out.append(_Ref(base + one.start(1), base + one.end(1), "person", full))
                    continue
                after = RE_NAME_LEAD.match(text, v_end, min(para.end, v_end + 12))
                if after and not text[lo:v].strip(" \t,”\"’'"):
                    at = after.end()
                    name = _name_starting(text, at, para.end)
                    if name is not None:
                        out.append(_Ref(at, at + len(name), "person", name))
        return out

    def _with_spokespeople(self, refs: list[_Ref]) -> list[_Ref]:
        """A spokesperson's words are those of whom they speak for: "a spokesman for
        Kent Police", "A Lancashire Police spokesman", "the spokesperson" (the one
        before)."""
        text = self.text
        starts = [r.start for r in refs]
        out = list(refs)
        drop: set[int] = set()
        last: _Ref | None = None
        spokes: list[_Ref] = []
        for para in self.near:
            for m in RE_SPOKES.finditer(text, para.start, para.end):
                if self._inside_quote(m.start()) or not _word_starts(text, m.start()):
                    continue
                lead = RE_SPOKES_LEAD.search(text, max(para.start, m.start() - 60), m.start())
                start = lead.start() if lead else m.start()
                end = m.end()
                target: _Ref | None = None
                after = RE_SPOKES_FOR.match(text, m.end())
                if after:
                    i = bisect.bisect_left(starts, after.end())
                    if i < len(refs) and refs[i].start <= after.end() + 4:
                        target, end = refs[i], refs[i].end
                        drop.add(i)
                if target is None and lead is None:
                    # a possessive: "Patel's spokesman went on", "Kent Police's spokesman"
                    own = RE_POSSESSIVE_END.search(text, max(para.start, m.start() - 4), m.start())
                    i = bisect.bisect_left(starts, m.start()) - 1
                    word = (
                        RE_WORD_END.search(text, max(para.start, m.start() - 40), own.start())
                        if own
                        else None
                    )
                    if own is not None and i >= 0 and refs[i].end == own.start():
                        target, start = refs[i], refs[i].start
                        drop.add(i)
                    elif word is not None and word.group() in self.given_names:
                        # a surname alone: "Patel's spokesman" after "Priti Patel"
                        name = self.given_names[word.group()]
                        target = _Ref(word.start(), word.end(), "person", name)
                        start = word.start()
                if target is None:
                    lo, hi = (
                        bisect.bisect_left(starts, start),
                        bisect.bisect_left(starts, m.start()),
                    )
                    inner = [k for k in range(lo, hi) if refs[k].kind in ("org", "person", "role")]
                    if inner:
                        target = refs[inner[-1]]
                    drop.update(range(lo, hi))
                if (
                    target is None
                    and last is not None
                    and lead
                    and lead.group()[:3].lower() == "the"
                ):
                    target = last.target
                if target is None and lead is not None:
                    # "The IOPC confirmed it was looking at the case. A spokesperson
                    # said": the body the sentence before opens with
                    target = self._body_opening_before(refs, starts, m.start())
                if target is None:
                    continue
                ref = _Ref(start, end, "spokes", target=target)
                spokes.append(ref)
                last = ref
        out = [r for i, r in enumerate(out) if i not in drop]
        spoke_starts = [sp.start for sp in spokes]

        def inside_spokes(r: _Ref) -> bool:
            k = bisect.bisect_right(spoke_starts, r.start) - 1
            return k >= 0 and r.start < spokes[k].end

        out = [r for r in out if not inside_spokes(r)]
        return sorted(out + spokes, key=lambda r: r.start)

    def _body_opening_before(self, refs: list[_Ref], starts: list[int], pos: int) -> _Ref | None:
        """The organization that opens, as its subject, the sentence before the one
        ``pos`` is in (in the same paragraph or the one before)."""
        si = bisect.bisect_right(self.sent_starts, pos) - 1
        if si < 1 or self.sents[si].paragraph - self.sents[si - 1].paragraph > 1:
            return None
        prev = self.sents[si - 1].span
        i = bisect.bisect_left(starts, prev.start)
        if i >= len(refs) or refs[i].start >= prev.end or refs[i].kind != "org":
            return None
        lead = RE_OPENING.match(self.text, prev.start, refs[i].start)
        return refs[i] if lead is not None and lead.end() == refs[i].start else None

    def _genders(self, people: list[PersonMention]) -> dict[str, str]:
        """Whether each person named is a man or a woman, where the text shows it: by an
        honorific ("Mr Finnie", "Dame Vera Baird": ``lexicon().honorific_genders``), or
        by "He" or "She" opening the sentence after one the person opens. A person shown
        as both is neither."""
        text, genders = self.text, lexicon().honorific_genders
        seen: dict[str, set[str]] = {}
        for p in people:
            m = RE_WORD_BEFORE.search(text, max(0, p.span.start - 12), p.span.start)
            if m is not None and m.group(1) in genders:
                seen.setdefault(self._person_name(p), set()).add(genders[m.group(1)])
        for si in range(len(self.sents) - 1):
            sent, nxt = self.sents[si], self.sents[si + 1]
            pronoun = RE_HE_OR_SHE_OPENING.match(text, nxt.span.start, nxt.span.end)
            if pronoun is None or nxt.paragraph - sent.paragraph > 1:
                continue
            first = next((r for r in self.refs_in(sent.span.start, sent.span.end)), None)
            if (
                first is not None
                and first.kind == "person"
                and self._opens_sentence_before(first, nxt.span.start)
            ):
                gender = "female" if pronoun.group(1) == "She" else "male"
                seen.setdefault(first.value, set()).add(gender)
        return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1}

    def _person_name(self, p: PersonMention) -> str:
        if not p.surname_only:
            return p.name
        return self.names.get(p.name, p.name)

    def holders(self, sig: tuple[str, bool]) -> list[tuple[int, str]]:
        """(position, name) of the people the text gives a role of signature ``sig``."""
        if self._holders is None:
            self._holders = {}
            for pos, key, name in self._role_holders():
                self._holders.setdefault(key, []).append((pos, name))
        return self._holders.get(sig, [])

    def _of_inspectorates(self) -> list[tuple[int, str]]:
        """(position, name) of the people named as of an inspectorate: "Peter Clarke of
        HM Inspectorate of Prisons (HMIP)", "Zoë Billingham, from HMIC"."""
        if self._of_inspectorate is None:
            starts = {pos for pos, _ in self.inspectorates}
            self._of_inspectorate = [
                (r.start, r.value)
                for r in self.refs
                if r.kind == "person"
                and (m := RE_OF_BODY_AFTER.match(self.text, r.end)) is not None
                and m.end() in starts
            ]
        return self._of_inspectorate

    def _role_holders(self) -> list[tuple[int, tuple[str, bool], str]]:
        """(position, role signature, name) of every person the text gives a role:
        "HM Inspector of Constabulary Wendy Williams", "Peter Clarke, the chief
        inspector of prisons", "The mayor of London, Sadiq Khan"."""
        text = self.text
        out: list[tuple[int, tuple[str, bool], str]] = []
        rx = _re_role()
        for r in self.refs:
            if r.kind != "person":
                continue
            keys: list[str] = []
            before = text[max(0, r.start - 80) : r.start]
            for m in rx.finditer(before):
                gap = before[m.end() :]
                if _re_role_gap().fullmatch(gap):
                    key = role_key(m.group())
                    if key:
                        keys.append(key)
            # "Peter McCall, Cumbria's Police and Crime Commissioner"
            m2 = RE_TITLE_AFTER_NAME.match(text[r.end : r.end + 60])
            if m2:
                m3 = rx.match(text, r.end + m2.end())
                if m3:
                    key = role_key(m3.group())
                    if key:
                        keys.append(key)
            for key in keys:
                out.append((r.start, _role_sig(key), r.value))
        # and names the people extractor did not know: "The mayor of London, Sadiq Khan,"
        for para in self.article.body:
            for m in rx.finditer(text, para.start, para.end) if _may_name_role(text, para) else ():
                between = _re_role_gap().match(text, m.end(), para.end)
                key = role_key(m.group())
                if between is None or key is None or self._inside_quote(m.start()):
                    continue
                name = _name_starting(text, between.end(), para.end)
                if name is not None:
                    out.append((between.end(), _role_sig(key), name))
        # and the holders the roles extractor found, in whatever shape the text gave
        # them ("NAME is the ROLE", "NAME became ROLE"): held now, at the holder's name
        for claim in self.roles:
            if claim.qualifier == "former" or claim.role not in lexicon().roles:
                continue
            at = text.find(claim.person, claim.evidence.start, claim.evidence.end)
            out.append(
                (claim.evidence.start if at < 0 else at, _role_sig(claim.role), claim.person)
            )
        out.sort()
        return out

    def ref_ending(self, pos: int, lo: int) -> _Ref | None:
        """The referent ending at ``pos`` (a possessive ’s aside), starting at ``lo`` or later."""
        i = bisect.bisect_left(self.ref_ends, (pos, -1))
        if i < len(self.ref_ends) and self.ref_ends[i][0] == pos:
            r = self.refs[self.ref_ends[i][1]]
            if r.start >= lo:
                return r
        start = _word_start(self.text, lo, pos)
        kind = PRONOUNS.get(self.text[start:pos])
        if kind is not None and _word_starts(self.text, start) and not self._inside_quote(start):
            return _Ref(start, pos, kind)
        return None

    def _spoken_of(self, ref: _Ref) -> bool:
        """Whether ``ref`` is not its sentence's subject: what it names is spoken of, not
        speaking ("noted that the same report found", "the commissioners welcomed the
        findings")."""
        si = self._sentence_index(ref.start)
        if si < 0:
            return False
        lead = self.text[self.sents[si].span.start : ref.start]
        return RE_FRONTED.fullmatch(lead) is None and RE_OPENING.fullmatch(lead) is None

    def _report_before_topic(self, pos: int, lo: int) -> _Ref | None:
        """A report ending before its topic that runs up to ``pos``: "the national report
        on Police Effectiveness(, which cautions ...)"."""
        m = RE_TOPIC_TO_END.search(self.text, max(lo, pos - 100), pos)
        ref = self.ref_ending(m.start(), lo) if m is not None else None
        return ref if ref is not None and ref.kind == "report" else None

    def _leading_pronoun(self, start: int, hi: int) -> _Ref | None:
        """ "He told ...", "But they added ...": a pronoun opening a clause."""
        m = RE_LEADING_PRONOUN.match(self.text, start, hi)
        if m is None:
            return None
        return _Ref(m.start(1), m.end(1), PRONOUNS[m.group(1)])

    def refs_in(self, lo: int, hi: int) -> list[_Ref]:
        i, j = bisect.bisect_left(self.ref_starts, lo), bisect.bisect_left(self.ref_starts, hi)
        return self.refs[i:j]

    def last_ref(self, pos: int, kinds: tuple[str, ...], limit: int = 2000) -> _Ref | None:
        """The last referent of one of ``kinds`` before ``pos`` that is not the object of
        a preposition ("It says:" after "the report does highlight the good work
        ... by the force" is the report)."""
        i = bisect.bisect_left(self.ref_starts, pos) - 1
        while i >= 0 and self.refs[i].start >= pos - limit:
            r = self.refs[i]
            kind = r.kind
            if kind == "org" and self.org_types.get(r.value) is OrgType.INSPECTORATE:
                kind = "inspectorate" if "inspectorate" in kinds else kind
            if kind in kinds and not self._object_of_preposition(r):
                return r
            i -= 1
        return None

    def _speaker_before(self, pos: int, kinds: tuple[str, ...], limit: int = 600) -> _Ref | None:
        """The last referent of one of ``kinds`` before ``pos`` that a verb of saying
        follows."""
        i = bisect.bisect_left(self.ref_starts, pos) - 1
        while i >= 0 and self.refs[i].start >= pos - limit:
            r = self.refs[i]
            i -= 1
            if r.kind in kinds and (
                self._speaks(r)
                or RE_WORDS_GIVEN_TO.search(self.text, max(0, r.start - 30), r.start)
            ):
                return r
        return None

    def _antecedent(self, pos: int) -> _Ref | None:
        """The person "he" or "she" at ``pos`` stands for: the last one named before it
        who speaks ("Chief Constable Mark Webster, who ... after taking over from the
        departed Richard Lewis, said ... / He accepted that ..." is Mark Webster), or a
        spokesperson who spoke since, else the last one named who is not the object of
        a preposition; a role whose holder is named counts as that person
        ("Bedfordshire's chief constable said ..." before "Chief constable Trevor
        Rodenhurst"; "the mayor of London hit back ... / He repeated that charge")."""
        fallback: _Ref | None = None
        opener: _Ref | None = None
        agent: _Ref | None = None
        # "he" for no one the text shows to be a woman, "she" for no man
        word = self.text[pos : pos + 3].lower()
        want = "female" if word == "she" else "male" if word.startswith("he") else None
        i = bisect.bisect_left(self.ref_starts, pos) - 1
        here = self._sentence_index(pos)
        others: set[str] = set()  # the people named between a referent and ``pos``
        while i >= 0 and self.refs[i].start >= pos - 5000:
            r = self.refs[i]
            i -= 1
            if want is not None and r.kind in ("person", "role"):
                name = r.value if r.kind == "person" else (self._role_who(r) or ("", ""))[1]
                if self.genders.get(name, want) != want:
                    continue
            if r.kind == "person" and not others and self._opens_sentence(r, here, pos):
                # "At the same meeting, ..., Mrs Bourne also presented her annual report,
                # which she said had marked a 'turning point'": the subject of its own
                # sentence
                return r
            if (
                r.kind == "person"
                and not others - {r.value}
                and self._opens_paragraph_before(r, here)
            ):
                # "Richard Davies, a Grantham county councillor, is one of three names on
                # the shortlist. He blames ... / He said:": the subject of the paragraph
                # just before, no one else named since
                return opener or r
            if r.kind == "person":
                others.add(r.value)
            if r.kind == "spokes" and self._speaks(r):
                before = self.refs[i] if i >= 0 else None
                if (
                    before is not None
                    and before.kind == "person"
                    and RE_APPOSITION_GAP.fullmatch(self.text, before.end, r.start)
                ):
                    continue  # "Liam McArthur, justice spokesman for the Lib Dems, said"
                # "a spokesman for Bedfordshire Police said ... / ..., he said", unless
                # a person opens the sentence just before: "... / In an interview, Mr
                # Coppinger stood by his view. / "...," he said."
                return opener or r
            if r.kind == "role":
                held = self._role_who(r)
                if held is None or held[0] != "person":
                    continue
            elif r.kind != "person":
                continue
            if (self._speaks(r) and not self._object_of_preposition(r)) or (
                # "According to Mr Fairhurst, the practice had paid off. "...," he said.",
                # "That drew a sharp response from Mr Finnie. "...," he said."
                r.kind == "person"
                and RE_ACCORDING_TO_END.search(
                    self.text, max(0, r.start - 40), _honorific_start(self.text, r.start)
                )
            ):
                # (not "the murder of Sarah Everard raised serious questions": the murder)
                # "Bedfordshire's chief constable said ... / And he added", unless another
                # opens the sentence just before: "Stephen Watson pledged ... / Andy
                # Burnham credited the new Chief Constable ... / On Friday, he said"
                return opener or r
            if opener is None and self._opens_sentence_before(r, pos):
                opener = r
            if fallback is None and not self._object_of_preposition(r):
                fallback = r
            if agent is None and r.kind == "person" and self._passive_agent(r):
                agent = r
        # failing any other, the doer of a passive verb: "The inspections were led by HMI
        # Dru Sharpling. She said: ..."
        return opener or fallback or agent

    def _passive_agent(self, r: _Ref) -> bool:
        """Whether a person is named as the doer after a passive verb's "by" ("were led
        by HMI Dru Sharpling")."""
        line = self.text.rfind("\n", 0, r.start) + 1
        return RE_PASSIVE_BY_END.search(self.text, max(0, r.start - 60, line), r.start) is not None

    def _opens_paragraph_before(self, r: _Ref, si: int) -> bool:
        """Whether ``r`` is the subject opening the paragraph just before sentence
        ``si``'s."""
        if si < 1:
            return False
        para = self.sents[si].paragraph - 1
        first = next((s for s in self.sents if s.paragraph == para), None)
        if first is None or not first.span.start <= r.start < first.span.end:
            return False
        return self._subject_from(r, first.span.start, RE_FRONTED, 0)

    def _opens_sentence(self, r: _Ref, si: int, pos: int) -> bool:
        """Whether ``r`` is the subject opening sentence ``si`` before ``pos``, past what
        may open it and up to two fronted phrases ("At the same meeting, held today at
        County Hall, Mrs Bourne ...")."""
        if si < 0:
            return False
        sent = self.sents[si]
        if not sent.span.start <= r.start < pos or self._inside_quote(r.start):
            return False
        return self._subject_from(r, sent.span.start, RE_FRONTED_PHRASE, 2)

    def _opens_sentence_before(self, r: _Ref, pos: int) -> bool:
        """Whether ``r`` is the subject opening the sentence just before the one at
        ``pos`` (past a fronted phrase: "In an interview with Heart, Mr Coppinger stood
        by ...")."""
        si = self._sentence_index(pos)
        if si < 1:
            return False
        prev = self.sents[si - 1]
        if not prev.span.start <= r.start < prev.span.end:
            return False
        return self._subject_from(r, prev.span.start, RE_FRONTED, 1)

    def _subject_from(self, r: _Ref, at: int, fronted: re.Pattern[str], fronts: int) -> bool:
        """Whether only what may open a sentence stands between ``at`` and ``r``, past at
        most ``fronts`` phrases ``fronted`` finds."""
        for _ in range(fronts + 1):
            lead = RE_OPENING.match(self.text, at, r.start)
            if lead is not None and lead.end() == r.start:
                return True
            phrase = fronted.match(self.text, at, r.start)
            if phrase is None or phrase.end() == at:
                return False
            at = phrase.end()
        return False

    def _object_of_preposition(self, r: _Ref) -> bool:
        """Whether a referent is the object of a preposition or a verb ("by the force"),
        in its own line: "General views of H.M. Prison Maghaberry" on the line above does
        not make the name that opens the next one an object."""
        line = self.text.rfind("\n", 0, r.start) + 1
        if _re_object_end().search(self.text, max(0, r.start - 60, line), r.start) is not None:
            return True
        # ... past a title in lower case set off by a comma, the name ending its clause:
        # "leaner than that of the incumbent, Barry Coppinger." (not a fronted phrase
        # before a subject: "In a statement issued today, Ian Hopkins said")
        before = RE_OBJECT_APPOSITION_END.search(self.text, max(0, r.start - 60, line), r.start)
        return before is not None and RE_CLAUSE_END.match(self.text, r.end) is not None

    def _reported_on(self, r: _Ref, lo: int) -> bool:
        """Whether ``r`` is what a report is on ("The report on Kent Police"), never
        who speaks."""
        return RE_REPORT_ON_END.search(self.text, max(lo, r.start - 40), r.start) is not None

    def _speaks(self, r: _Ref) -> bool:
        """Whether a verb of saying follows a person's name, past an apposition:
        "Mark Webster, who was credited with ..., said"."""
        text = self.text
        if self._reported_on(r, 0):
            return False  # "The report on Staffordshire Police says": the report speaks
        end = min(len(text), r.end + 260)
        return _re_speaks().match(text, r.end, end) is not None

    def who(self, ref: _Ref) -> _Who | None:
        """The speaker a referent stands for."""
        if ref.kind == "person":
            return ("person", ref.value)
        if ref.kind == "org":
            return ("org", ref.value)
        if ref.kind == "report":
            return ("report", "")
        if ref.kind == "spokes":
            return self.who(ref.target) if ref.target is not None else None
        if ref.kind == "he":
            before = self._antecedent(ref.start)
            if before is not None and before.kind in ("spokes", "role"):
                return self.who(before)
            return ("person", before.value) if before else None
        if ref.kind == "they":
            if self._group_before(ref.start):
                # the pair the sentence before speaks of as a group ("The two leads said
                # they were heartened that inspectors had found ... / “...,” they said")
                joint = self._joint_speakers(ref.start, GROUP_REACH)
                if joint is not None:
                    return ("person", joint[0][0])
            # a body that spoke in the sentence before, as British English speaks of one
            # ("The force ... says it has already started work ... / They tell us:")
            # (not one its own sentence speaks of: "The force had made "real progress",
            # they said")
            si = self._sentence_index(ref.start)
            if si >= 1:
                said = next((c.who for c in self.cues(si - 1) if c.who not in (None, NOBODY)), None)
                if said is not None and said[0] == "org":
                    here = self.refs_in(self.sents[si].span.start, ref.start)
                    if not any(
                        r.kind in ("org", "spokes")
                        and not self._inside_quote(r.start)
                        and self.who(r) == said
                        for r in here
                    ):
                        return said
            # "..., they added" after inspectors or the report: theirs, never the force's;
            # after two people who spoke together, the first named's (a report named in
            # their own sentence is what they spoke of: "said there had been little
            # improvement since the 2013 inspection")
            before = self.last_ref(ref.start, ("report", "inspectorate"))
            joint = self._joint_speakers(ref.start)
            if joint is not None:
                # (not a report the pair spoke of after they were named: "The two leads
                # said they were heartened that inspectors had identified ..., but noted
                # that the same report found ...")
                while before is not None and before.start > joint[1] and self._spoken_of(before):
                    before = self.last_ref(before.start, ("report", "inspectorate"))
            if joint is not None and (before is None or before.start < joint[1]):
                return ("person", joint[0][0])
            return self.who(before) if before else None
        if ref.kind == "it":
            # "It added that ..." after the report, "it said" after a body: the one that
            # spoke last ("the Trust said it welcomed the NPCC's report. But it said"),
            # else the body or report the sentence before opens with ("HMIC published a
            # report which pointed to failings in the way Northamptonshire Police records
            # crime. It said ..."), else the last named
            before = self._speaker_before(ref.start, ("report", "org"))
            si = self._sentence_index(ref.start)
            if before is None or si >= 1 and before.start < self.sents[si - 1].span.start:
                # the body or report the sentence just before opens with, when no one
                # spoke since: "The report examined ... On Devon and Cornwall, it said"
                subject = self._subject_before(ref.start)
                if subject is not None:
                    return subject
            before = before or self.last_ref(ref.start, ("report", "org"))
            return self.who(before) if before else None
        if ref.kind == "role":
            return self._role_who(ref)
        if ref.kind == "document":
            return self._author(ref)
        return None

    def _author(self, ref: _Ref) -> _Who | None:
        """Who wrote "the letter": the person (else the body) named in the sentence that
        brought it in ("In a letter to stakeholders, Chief Constable Richard Lewis ...")."""
        rx = re.compile(RE_DOCUMENT_INTRODUCED.format(noun=re.escape(ref.value)))
        lo = max(0, ref.start - 3000)
        found = [
            m for m in rx.finditer(self.text, lo, ref.start) if not self._inside_quote(m.start())
        ]
        if not found:
            return None
        at = found[-1].start()
        if _re_document_speaks().match(self.text, found[-1].end()):
            # the document speaking as its clause's subject, its author not named there:
            # "HMICFRS has completed its inspection ..., a statement to the House of
            # Commons has confirmed" is not HMICFRS's statement
            return None
        sent = next((s for s in self.sents if s.span.start <= at < s.span.end), None)
        if sent is None:
            return None
        refs = [r for r in self.refs_in(sent.span.start, sent.span.end) if r.kind != "document"]
        for kinds in (("person",), ("role", "spokes", "org")):
            for r in refs:
                if r.kind in kinds and (who := self.who(r)) is not None:
                    return who
        return None

    def _sentence_index(self, pos: int) -> int:
        """The index of the sentence holding ``pos`` (-1 before the first)."""
        return bisect.bisect_right(self.sent_starts, pos) - 1

    def _subject_before(self, pos: int) -> _Who | None:
        """The body or report opening the sentence before the one ``pos`` opens."""
        si = self._sentence_index(pos)
        if si < 1:
            return None
        lead = self.text[self.sents[si].span.start : pos].lstrip(" \t“‘\"'")
        if not RE_FRONTED.fullmatch(lead):
            return None
        prev = self.sents[si - 1]
        who = self._opening(prev, prev.span.end)
        return who if who is not None and who[0] in ("org", "report") else None

    def _group_before(self, pos: int) -> bool:
        """Whether the sentence before the quotation that "they" at ``pos`` closes (or
        before the sentence "they" opens) has a group of people for its subject ("The
        pair also picked up on the report's call ...")."""
        si = self._sentence_index(pos) - 1
        while si >= 0 and self._inside_quote(self.sents[si].span.start + 1):
            si -= 1  # the quotation's own sentences
        if si < 0:
            return False
        sent = self.sents[si]
        # (past what may open it: "Finally, the joint leads pointed to ...")
        starts = {sent.span.start}
        for rx in (RE_OPENING, RE_FRONTED):
            m = rx.match(self.text, sent.span.start, sent.span.end)
            if m is not None:
                starts.add(m.end())
        return any(RE_GROUP_SUBJECT.match(self.text, p, sent.span.end) for p in starts)

    def _joint_speakers(
        self, pos: int, reach: int = JOINT_REACH
    ) -> tuple[tuple[str, ...], int] | None:
        """The people a verb of saying before ``pos`` gives words to together ("said
        Brendan McGuigan, Chief Inspector of Criminal Justice, and Peter Clarke, Chief
        Inspector of Prisons"), within the two paragraphs before: their names, the first
        named first, and where that sentence ends."""
        si = bisect.bisect_right(self.sent_starts, pos) - 1
        floor = self.sents[si].paragraph - 2 if si >= 0 else 0
        seen: set[str] = set()  # the people named since
        while si >= 0 and self.sents[si].paragraph >= floor - reach:
            sent = self.sents[si]
            people = [
                r
                for r in self.refs
                if r.kind == "person" and sent.span.start <= r.start < min(sent.span.end, pos)
            ]
            pair = self._pair_speaking(people) or self._pair_opening(sent, people)
            if pair is not None and (sent.paragraph >= floor or seen <= set(pair)):
                # (further back only while no one else is named: "they" goes on standing
                # for the pair through "The two leads said ...", "they said")
                return pair, sent.span.end
            seen.update(r.value for r in people)
            # a list of titled people a verb gives words to: "welcomed by IOPC Director
            # General Rachel Watson, HMICFRS Chief Inspector of Constabulary Sir Andy
            # Cooke and Assistant Chief Constable Tom Harding"
            listed = self._listed(people) if sent.paragraph >= floor else ()
            if listed and any(c.who == ("person", listed[0]) for c in self.cues(si)):
                return listed, sent.span.end
            si -= 1
        return None

    def _pair_opening(self, sent: Sentence, people: list[_Ref]) -> tuple[str, ...] | None:
        """Two people joined as the subject a sentence opens with, whatever its verb: "they"
        after it stands for them ("Brendan McGuigan, Chief Inspector of Criminal Justice,
        and Peter Clarke, Chief Inspector of Prisons, recalled the concerns ... / “...,”
        they said")."""
        if len(people) < 2:
            return None
        a, b = people[0], people[1]
        start = sent.span.start
        m = RE_OPENING.match(self.text, start, sent.span.end)
        if a.start not in (start, m.end() if m is not None else start):
            return None
        if a.value == b.value or not RE_JOINT.fullmatch(self.text, a.end, b.start):
            return None
        return a.value, b.value

    def _pair_speaking(self, people: list[_Ref]) -> tuple[str, ...] | None:
        """Two people, in order, a verb of saying gives words to together: "Peter Clarke
        and Dru Sharpling said", "said A, TITLE, and B"."""
        for a, b in zip(people, people[1:], strict=False):
            if a.value != b.value and RE_JOINT.fullmatch(self.text, a.end, b.start):
                said = RE_SAID_BEFORE.search(self.text, max(0, a.start - 60), a.start)
                if said is not None or self._speaks(b):
                    return a.value, b.value
        return None

    def speaking_with(self, name: str, lo: int, hi: int) -> tuple[str, ...]:
        """Who speaks the words attributed in ``text[lo:hi]`` together with ``name``: the
        other of a pair that says them ("Peter Clarke and Dru Sharpling said:"), or the
        pair or list that "they" stands for ("..., they said")."""
        si = self._sentence_index(lo)
        if si > 0 and self.text[: self.sents[si - 1].span.end].rstrip().endswith(":"):
            # the words open the paragraph after the pair's introduction: "the APCC Joint
            # Victims Leads, PCC Lisa Townsend and Deputy Mayor Sophie Linden, who said:"
            lo = min(lo, self.sents[si - 1].span.start)
        refs = [r for r in self.refs_in(lo, hi) if not self._inside_quote(r.start)]
        pair = self._pair_speaking([r for r in refs if r.kind == "person"])
        if pair is not None and name in pair:
            return tuple(n for n in pair if n != name)
        # (to the end of the paragraph: "“... . We must never be complacent ...,” they said")
        para = self.sents[si].paragraph if 0 <= si < len(self.sents) else -1
        while 0 <= si < len(self.sents) and (
            self.sents[si].span.start < hi or self.sents[si].paragraph == para
        ):
            for c in self.cues(si):
                if c.who == ("person", name) and RE_THEY_OR_THEIRS.fullmatch(
                    self.text, c.lead, c.start
                ):
                    reach = GROUP_REACH if self._group_before(c.lead) else JOINT_REACH
                    joint = self._joint_speakers(c.start, reach)
                    if joint is not None and name in joint[0]:
                        return tuple(n for n in joint[0] if n != name)
            si += 1
        return ()

    def _listed(self, people: list[_Ref]) -> tuple[str, ...]:
        """The people of a list of three or more ("A, B and C", titles between them
        allowed), in order, else ()."""
        first = 0  # where the list under way starts
        for n in range(1, len(people)):
            a, b = people[n - 1], people[n]
            gap = RE_LIST_GAP.fullmatch(self.text, a.end, b.start)
            if gap is None or a.value == b.value:
                first = n
            elif gap.group("and") and n - first >= 2:
                return tuple(dict.fromkeys(p.value for p in people[first : n + 1]))
        return ()

    def _role_who(self, ref: _Ref) -> _Who | None:
        head, chief = _role_sig(ref.value)
        # (a chief is the inspector too: "..., the inspector said" of the Chief Inspector
        # of Prisons named before; never the other way)
        holders = self.holders((head, chief)) or (self.holders((head, True)) if not chief else [])
        if not holders and head == "inspector":
            # "Peter Clarke of HM Inspectorate of Prisons said ... / "...," the inspector
            # said": the person named as of an inspectorate
            holders = self._of_inspectorates()
        if holders:
            i = bisect.bisect_left(holders, (ref.start, ""))
            return ("person", holders[i - 1 if i > 0 else 0][1])
        role = lexicon().roles[ref.value]
        if role.scope is OrgType.INSPECTORATE and role.default_org:
            return ("report", role.default_org)
        if ref.value == "inspector" and self.inspectorates:
            # "according to the inspector, who warned that ...": in news of an
            # inspection, an inspector nobody is named as is the inspectorate's
            return ("report", self.inspectorates[0][1])
        return None

    # -- verbs of saying ---------------------------------------------------------

    def cues(self, si: int) -> list[_Cue]:
        """The verbs of saying of sentence ``si`` outside its quotations, each with
        its subject, in order."""
        if si in self.cue_cache:
            return self.cue_cache[si]
        sent = self.sents[si]
        out: list[_Cue] = []
        prev: _Who | None = None
        found = self.cue_matches(self.article.body[sent.paragraph])
        for i in range(bisect.bisect_left(found, (sent.span.start, 0, "")), len(found)):
            v, v_end, verb = found[i]
            if v >= sent.span.end:
                break
            if self._inside_quote(v):
                continue
            who, lead = self._subject(sent, v, v_end, verb, prev)
            out.append(_Cue(v, v_end, who, lead))
            if who is not None:
                prev = who
        self.cue_cache[si] = out
        self.cue_bounds[si] = ([c.start for c in out], [c.end for c in out])
        return out

    def closing(self, si: int) -> list[_Cue]:
        """The attributions that end sentence ``si`` (", an inspection found."): verbs
        with a speaker and at most eight words after them, no quotation among those."""
        found = self.closing_cache.get(si)
        if found is None:
            sent, cues = self.sents[si], self.cues(si)
            found = []
            for c in reversed(cues):
                if sent.span.end - c.end > TAIL:
                    break
                rest = self.text[c.end : sent.span.end]
                # "..., the inspectors warn, even though most of them say ...": a clause
                # of its own after the attribution ends it too
                aside = RE_SUBORDINATE_AFTER.match(rest) is not None
                # a body's long name counts as one word: "according to the most recent
                # report by His Majesty's Inspectorate of Constabulary and Fire and
                # Rescue Services (HMICFRS)"
                words = len(RE_PROPER_RUN.sub(" X ", rest).split())
                if (words > 8 and not aside) or self._quote_between(c.end, sent.span.end):
                    break
                if c.who is not None and c.who != NOBODY:
                    found.insert(0, c)
            self.closing_cache[si] = found
        return found

    def unnamed_subject(self, si: int, pos: int) -> bool:
        """Whether a verb of saying before ``pos`` in sentence ``si`` has a role for its
        subject that stands for no one the article names ("the Home Secretary will argue that ...
        "badly eroded"" with no Home Secretary named): the words are that subject's,
        and no one else's."""
        return any(
            c.who is None
            and c.lead < c.start
            and c.end <= pos
            and any(r.kind == "role" and r.start == c.lead for r in self.refs_in(c.lead, c.start))
            for c in self.cues(si)
        )

    def last_said(self, si: int) -> _Who | None:
        """The speaker of the last verb of saying of sentence ``si`` that has one."""
        if si not in self.last_cache:
            said = [c for c in self.cues(si) if c.who is not None]
            # a verb in what an earlier one reports is the earlier one's subject's to
            # report: "Mr Green added that the inspectors had also acknowledged ..."
            while len(said) > 1 and RE_THAT_GAP.fullmatch(self.text, said[-2].end, said[-1].lead):
                said.pop()
            self.last_cache[si] = said[-1].who if said else None
        return self.last_cache[si]

    def _subject(
        self, sent: Sentence, v: int, v_end: int, verb: str, prev: _Who | None
    ) -> tuple[_Who | None, int]:
        text = self.text
        lo = max(sent.span.start, v - WINDOW)
        if verb[1:].startswith("ccording") or verb[1:].startswith("n the words"):
            return self._subject_after(sent, v_end), v
        slot = _slot_end(text, lo, v)
        before = text[lo:slot]
        near = max(lo, slot - 16)  # the $-anchored patterns below need no more
        if RE_BE_END.search(text, near, slot) and _participle(verb):
            # the agent right after the verb, or of the report the words are in: "has been
            # branded "squalid" in a hard-hitting report by an inspector"
            by = RE_BY.match(text, v_end) or RE_REPORT_BY.match(
                text, v_end, min(sent.span.end, v_end + 160)
            )
            if by:
                refs = self.refs_in(by.end(), by.end() + 3)
                if refs and refs[0].kind == "org":
                    # "welcomed by IOPC Director General Rachel Watson": the person
                    titled = self.refs_in(refs[0].end, refs[0].end + 60)
                    if (
                        titled
                        and titled[0].kind == "person"
                        and RE_TITLES.fullmatch(text, refs[0].end, titled[0].start)
                    ):
                        refs = titled
                if refs and (who := self.who(refs[0])):
                    return who, v
            # "Arrangements ... were described as "..."": said by whoever speaks around it
            return (None if verb in _attribution_words()["passive"] else NOBODY), v
        # "“...,” said the Inspectorate", "“...,” said Ms Durkin", also with the comma
        # after the closing mark in the body (not a headline's ", says NSPCC"): "morale
        # was "through the floor", said Ian Lawrence"
        closed = before.rstrip()
        if sent.paragraph > 0:
            closed = closed.rstrip(",").rstrip()
        # ... and an inverted verb ending its sentence after a clause: "... 'must do
        # more' to improve in some areas, says HMICFRS"
        ends = before.rstrip().endswith(",") and RE_CLOSING_NAME.fullmatch(
            text, v_end, sent.span.end
        )
        if ends and not (closed and closed[-1] in "”\"’'"):
            # not inverted when a person is set off before the comma: "Chief Constable
            # Sarah Crew, Senior Responsible Officer for Operation Soteria, welcomed the
            # report, saying:"
            found = self._apposition(lo, slot, None)
            if found is not None and found[0] is not None and found[0][0] == "person":
                return found
        if not closed or closed[-1] in "”\"’'" or ends:
            after = self._subject_after(sent, v_end)
            if after is not None:
                return after, v
        rel = RE_RELATIVE_END.search(text, near, slot)
        if rel:
            slot = _slot_end(text, lo, rel.start())
        # a person's honours between the name and the verb: "BJ Harrington QPM said"
        honours = RE_POSTNOMINALS_END.search(text, max(lo, slot - 30), slot)
        if honours is not None:
            named = self.ref_ending(honours.start(), lo)
            if named is not None and named.kind == "person":
                slot = honours.start()
        ref = self.ref_ending(slot, lo) or self._report_before_topic(slot, lo)
        if ref is not None and ref.kind == "org" and self._reported_on(ref, lo):
            ref = None  # "The report on Kent Police says": the report speaks, not the force
        obj = (
            RE_OBJECT_BEFORE.search(text, max(lo, ref.start - 60), ref.start)
            if ref is not None and verb.endswith("ing")
            else None
        )
        if obj is not None:
            # "Matt Parr, the boss at HMIC, had written to acting commissioner Stephen
            # House saying": the one written to is no subject of "saying"; the person
            # before is
            people = [
                r for r in self.refs_in(max(lo, sent.span.start), obj.start()) if r.kind == "person"
            ]
            if people:
                return self.who(people[-1]), people[-1].start
            ref = None
        if ref is not None and ref.kind == "org":
            ref = self._first_of_pair(ref, lo)
            # "Deputy Chief Constable Jason Hogg of Thames Valley Police said": the person
            person = self._of_body(ref, lo)
            if person is None:
                # "Deborah Coles, Director of INQUEST said": the person the title is set
                # off after, its closing comma left out
                set_off = RE_TITLE_OF_BEFORE.search(text, max(lo, ref.start - 80), ref.start)
                person = self.ref_ending(set_off.start(), lo) if set_off is not None else None
            if person is not None and person.kind == "person":
                return self.who(person), person.start
            # "The Chair of Leicestershire Police Federation has described": the holder
            if person is not None and person.kind == "role" and (held := self.who(person)):
                return held, person.start
            # "The head of Sussex Police says": the one the article names in the role
            # that leads the force (its chief constable; the Met's Commissioner)
            head = RE_HEAD_OF_BEFORE.search(text, max(lo, ref.start - 16), ref.start)
            if head is not None and self.org_types.get(ref.value) is OrgType.POLICE_FORCE:
                entry = lexicon().orgs.get(ref.value)
                chief = (entry.chief_role if entry is not None else None) or "chief-constable"
                chiefs = {name for _, name in self.holders(_role_sig(chief))}
                if len(chiefs) == 1:
                    return ("person", chiefs.pop()), head.start()
        if ref is not None and ref.kind == "role":
            # "Matt Parr from HM Inspector of Constabulary said": a title standing for
            # the body the person is from
            person = self._of_body(ref, lo)
            if person is not None and person.kind == "person":
                return self.who(person), person.start
        if ref is not None and ref.kind != "role":
            return self.who(ref), ref.start
        found = self._apposition(lo, slot, ref)
        if found is not None:
            return found
        if ref is not None:
            return self.who(ref), ref.start
        holder = self._titled_after_body(lo, slot)
        if holder is not None:
            return self.who(holder), holder.start
        shared = not text[lo:slot].strip() or RE_SHARED_END.search(text, max(lo, slot - 8), slot)
        if verb.endswith("ing") or shared:
            if prev is not None:
                return prev, v
            return self._opening(sent, v) or self._main_subject(sent, lo, v), v
        return self._clause_subject(sent, lo, v), v

    def _titled_after_body(self, lo: int, slot: int) -> _Ref | None:
        """The person an apposition of a body and a title follows, its closing comma left
        out: "Ben Priestley, UNISON National Officer said"."""
        comma = self.text.rfind(",", lo, slot)
        person = self.ref_ending(comma, lo) if comma > lo else None
        if person is None or person.kind != "person":
            return None
        inner = self.refs_in(comma + 1, slot)
        if not inner or inner[0].kind != "org" or any(r.kind == "person" for r in inner):
            return None
        if self.text[comma + 1 : inner[0].start].strip() not in ("", "the"):
            return None
        # (a title head last, or before its "of": "NSPCC head of policy")
        tail = [w.lower() for w in self.text[inner[-1].end : slot].split()]
        heads = title_heads()
        if not 0 < len(tail) <= 5 or not (
            tail[-1] in heads
            or any(w in heads and n == "of" for w, n in zip(tail, tail[1:], strict=False))
        ):
            return None
        return person

    def _of_body(self, ref: _Ref, lo: int) -> _Ref | None:
        """The referent a body (or a title standing for one) is said after: "Jason Hogg
        of Thames Valley Police", "Dawn Copley, of South Yorkshire Police"."""
        of_ = RE_OF_BODY_BEFORE.search(self.text, max(lo, ref.start - 12), ref.start)
        return self.ref_ending(of_.start(), lo) if of_ is not None else None

    def _first_of_pair(self, ref: _Ref, lo: int) -> _Ref:
        """Of two bodies that speak together, the first named: "Her Majesty's
        Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) and Her
        Majesty's Inspectorate of Prisons (HMIP), which published the report, said"."""
        refs = self.refs_in(lo, ref.start)
        k = len(refs) - 1
        end = ref.start
        # back over the body's other names beside it: "... Prisons (HMIP)"
        while (
            k >= 0
            and refs[k].value == ref.value
            and RE_NAME_GAP.fullmatch(self.text, refs[k].end, end)
        ):
            end = refs[k].start
            k -= 1
        if k < 0 or refs[k].kind != "org" or not RE_AND_GAP.fullmatch(self.text, refs[k].end, end):
            return ref
        first = refs[k]
        while (
            k > 0
            and refs[k - 1].value == first.value
            and RE_NAME_GAP.fullmatch(self.text, refs[k - 1].end, refs[k].start)
        ):
            k -= 1
        return refs[k]

    def _main_subject(self, sent: Sentence, lo: int, v: int) -> _Who | None:
        """The first referent opening a clause before ``v``: "Although it is too early
        to judge ..., the watchdog examined progress ... and concluded that ..."."""
        text = self.text
        for r in self.refs_in(max(lo, sent.span.start), v):
            before = text[max(lo, sent.span.start) : r.start].rstrip()
            if not before or before.endswith((",", ";", ":")):
                return self.who(r)
        return None

    def _subject_after(self, sent: Sentence, pos: int) -> _Who | None:
        """The speaker after an inverted verb: "said Ms Durkin", "according to the
        report", "says Lincolnshire police’s deputy chief constable, Craig Naylor"."""
        refs = self.refs_in(pos, min(sent.span.end, pos + TAIL))
        if not refs:
            return None
        titles = RE_TITLES_COMMA if refs[0].kind == "person" else RE_TITLES
        if not titles.fullmatch(self.text, pos, refs[0].start):
            # a title in lower case before a name: "According to branch secretary Steve
            # Butler, officers were ..."
            low = RE_LOWER_TITLE.fullmatch(self.text, pos, refs[0].start)
            if low is None or refs[0].kind != "person" or low.group("head") not in title_heads():
                return None
        for r in refs:
            if r.kind == "person" and ";" not in self.text[pos : r.start]:
                return self.who(r)
        first = refs[0]
        if first.kind == "org":
            # a body's role with no name after it: "says CJI Chief Inspector" (its holder)
            role = _re_role().match(self.text, first.end + 1, sent.span.end)
            key = role and role_key(" ".join(role.group().split()))
            if (
                role
                and key
                and self.text[first.end] == " "
                and not _names_follow(self.text, role.end())
            ):
                held = self._role_who(_Ref(first.start, role.end(), "role", key))
                if held is not None and held[0] == "person":
                    return held
        return self.who(first)

    def _apposition(self, lo: int, slot: int, ref: _Ref | None) -> tuple[_Who | None, int] | None:
        """ "Ms Linden, who heads MOPAC, told", "the chief inspector of constabulary,
        Sir Thomas Winsor, said": the subject before the commas, or the person between."""
        text = self.text
        if slot <= lo or text[slot - 1] not in APPOSITION_MARKS:
            return None
        close = slot - 1
        # the apposition may hold commas itself ("Ron Hogg, Police, Crime and Victims'
        # Commissioner, described"): try each opening mark, nearest first; a person
        # before one or inside wins over a body before one
        body: _Ref | None = None
        # a relative clause set off ("Mr Smith, the lawyer for Jane Doe, who was injured,
        # said"; "Harvey Proctor, the former Tory MP ..., whose real name is Carl Beech,
        # said") speaks of the one before it, who is the subject only if no mark opens
        # further back: "Ms Linden, who heads MOPAC, told"
        antecedent: _Ref | None = None
        while True:
            open_ = max(text.rfind(c, lo, close) for c in APPOSITION_MARKS)
            if open_ < lo or ";" in text[open_:close]:
                break
            outer = self.ref_ending(_slot_end(text, lo, open_), lo)
            if RE_RELATIVE_OPEN.match(text, open_ + 1):
                if antecedent is None and outer is not None and outer.kind == "person":
                    antecedent = outer
                close = open_
                continue
            inner = [r for r in self.refs_in(open_ + 1, slot) if r.kind == "person"]
            if outer is not None and outer.kind == "person":
                return self.who(outer), outer.start
            if inner:
                return self.who(inner[0]), inner[0].start
            if outer is not None and body is None:
                body = self._first_of_pair(outer, lo) if outer.kind == "org" else outer
            close = open_
        if antecedent is not None:
            return self.who(antecedent), antecedent.start
        return (self.who(body), body.start) if body is not None else None

    def _opening(self, sent: Sentence, hi: int) -> _Who | None:
        """The subject opening the sentence, if it says things: a person or the report."""
        text = self.text
        pronoun = self._leading_pronoun(sent.span.start, hi)
        if pronoun is not None:
            return self.who(pronoun)
        i = bisect.bisect_left(self.ref_starts, sent.span.start)
        if i >= len(self.refs) or self.refs[i].start >= hi:
            return None
        first = self.refs[i]
        lead = RE_OPENING.match(text, sent.span.start, first.start)
        if lead is None or lead.end() != first.start:
            # a role in lower case before the name: "Beds police and crime commissioner
            # Olly Martins has attacked ..."
            words = _re_role().sub(" ", text[sent.span.start : first.start])
            if first.start - sent.span.start > 120 or not RE_OPENING.fullmatch(words):
                return None
        return self.who(first)

    def _clause_subject(self, sent: Sentence, lo: int, v: int) -> _Who | None:
        """The first referent of the verb's clause, when nothing but the clause's start
        comes before it: "Inspectors who visited the custody suites in May found",
        "HMICFRS's latest assessment of ... found" (not "After HMICFRS published its
        report, Victim Support said": a comma starts a clause)."""
        text = self.text
        start = max(lo, sent.span.start, *(text.rfind(c, lo, v) + 1 for c in ",;:"))
        pronoun = self._leading_pronoun(start, v)
        if pronoun is not None:
            return self.who(pronoun)
        refs = self.refs_in(start, v)
        if not refs:
            return None
        opened = RE_APPOSED_TITLE.match(text, start, v) if text[start - 1 : start] == "," else None
        if (
            opened is not None
            and _re_role().fullmatch(text, opened.end(), len(text[:v].rstrip())) is not None
        ):
            # "John Foley, the SPA's Chief Executive said": the title in apposition to
            # the name before it, its closing comma dropped
            named = self.ref_ending(_slot_end(text, lo, start - 1), lo)
            if named is not None and named.kind == "person":
                return self.who(named)
        first = refs[0]
        lead = text[start : first.start]
        if RE_OPENING.fullmatch(lead.lstrip()) is None and not lead.rstrip().endswith(","):
            return None
        return self.who(first)

    # -- a quotation's speaker ---------------------------------------------------

    def speaker(self, seg: _Segment, si: int, sj: int) -> _Who | None:
        """The speaker of a quotation that opens in sentence ``si`` and closes in ``sj``."""
        text = self.text
        cues = self.cues(sj)
        k = bisect.bisect_left(self.cue_bounds[sj][0], seg.after)
        # 1. right after it: "“...,” he said", "“...,” said the Inspectorate", "said Mr Taylor"
        adjacent = k < len(cues) and _re_adjacent().fullmatch(text, seg.after, cues[k].lead)
        if adjacent and cues[k].who is not None:
            return cues[k].who
        # 2. an attribution ending the sentence: ", an inspection found."
        for c in self.closing(sj):
            if c.start < seg.after:
                continue
            comma = text.rfind(",", max(seg.after, c.lead - 80), c.lead)
            if (
                comma >= 0
                and len(text[comma + 1 : c.lead].split()) <= 6
                # not a clause of its own: '"correctly and ethically", even though an
                # HMIC inspection report has found ...'
                and not RE_SUBORDINATE_AFTER.match(text[comma : c.lead])
            ):
                return c.who
        # 3. the verbs of saying before it (the nearest few): the first whose subject is
        # a person, else the nearest
        sent = self.sents[si]
        cues = self.cues(si)
        j = bisect.bisect_right(self.cue_bounds[si][1], seg.start)
        before = [c for c in cues[max(0, j - 12) : j] if c.who is not None]
        # not a passive verb's agent inside a relative clause when a verb follows it:
        # "Harvey Proctor, who was falsely accused by Carl Beech, said ..."
        before = [
            c
            for i, c in enumerate(before)
            if i == len(before) - 1
            or not RE_PASSIVE_RELATIVE_END.search(text, max(sent.span.start, c.start - 40), c.start)
        ]
        if before:
            people = [c for c in before if c.who is not None and c.who[0] == "person"]
            last = before[-1]
            if (
                last.who is not None
                and last.who[0] in ("report", "org")
                and RE_WHICH_BEFORE.search(text, max(sent.span.start, last.start - 12), last.start)
            ):
                # "David Lloyd welcomed the report, which warns that forces are
                # "sleepwalking ..."": the words are in the clause the report speaks
                return last.who
            if (
                people
                and last.who is not None
                and (
                    last.who[0] == "report"
                    or last.who[0] == "org"
                    and self.org_types.get(last.who[1]) is OrgType.INSPECTORATE
                )
                and RE_SUBORDINATOR.search(text, people[-1].end, last.lead)
            ):
                # "Ms Barnes had voiced her anger after the inspectors identified an
                # "institutional bias"": the words are in the clause the inspectors speak
                return last.who
            if len(people) > 1 and RE_COORDINATE_OPEN.search(text, people[-2].end, people[-1].lead):
                # "Sue Mountstevens said an inquiry would take place, while Home
                # Secretary Theresa May called the findings "utterly unacceptable"": the
                # words are in the clause of their own the last speaker heads
                return people[-1].who
            if people:
                return people[0].who
            nearest = len(before) - 1
            # a verb inside what another reports: "Inspectors concluded that the force
            # showed "too little understanding ..."": the words are the inspectors'
            while nearest > 0 and RE_THAT_GAP.fullmatch(
                text, before[nearest - 1].end, before[nearest].lead
            ):
                nearest -= 1
            return before[nearest].who
        # 4. a person, the report or an inspectorate opening a sentence with no verb of
        # saying before the quotation, in the active voice ("Ms Linden was asked whether
        # she should "..."" has none)
        if not self._in_open_clause(sent, seg):
            who = self._opening(sent, seg.start)
            passive = RE_PASSIVE.search(text, max(sent.span.start, seg.start - WINDOW), seg.start)
            # an inspectorate opening it speaks for its report: "HM Inspectorate of
            # Constabulary, in its report, gave Scotland Yard credit for "clear leadership""
            # (with no verb of saying before the quotation: "After HMICFRS published its
            # report, Amnesty International said ..." is not the inspectorate's)
            inspectorate = (
                who is not None
                and who[0] == "org"
                and self.org_types.get(who[1]) is OrgType.INSPECTORATE
                and not any(c.start < seg.start for c in self.cues(si))
            )
            opens = who is not None and (who[0] in ("person", "report") or inspectorate)
            if opens and passive is None:
                return who
            # ... or the report opening the quotation's own clause: "Crime prevention was
            # rated good, but inspectors had "serious concerns" about ..."
            m = RE_BUT_CLAUSE.search(text, max(sent.span.start, seg.start - 80), seg.start)
            if m is not None and RE_PASSIVE.search(text, m.end(), seg.start) is None:
                clause = self._clause_subject(sent, m.end(), seg.start)
                if clause is not None and (
                    clause[0] == "report"
                    or (
                        clause[0] == "org" and self.org_types.get(clause[1]) is OrgType.INSPECTORATE
                    )
                ):
                    return clause
        # 5. a possessor and its words before the quotation: "HMIC's claim that victims of
        # crime face a 'postcode lottery'", "the report's recommendation for "an immediate
        # ..."", "HM Inspector's "serious concerns""
        m = RE_POSSESSOR_WORDS.search(text, max(sent.span.start, seg.start - 120), seg.start - 1)
        if m is not None:
            ref = self.ref_ending(m.start(), sent.span.start)
            if ref is not None and ref.kind in ("person", "org", "report", "role", "spokes"):
                return self.who(ref)
        return None

    def _quote_between(self, lo: int, hi: int) -> bool:
        i = bisect.bisect_left(self.seg_starts, lo)
        return i < len(self.segs) and self.segs[i].start < hi

    def _in_open_clause(self, sent: Sentence, seg: _Segment) -> bool:
        """Whether the quotation sits in a relative clause not closed before it
        ("Mark Webster, who was credited with bringing "greater stability" ...")."""
        text = self.text
        lo = max(sent.span.start, seg.start - WINDOW)
        opened = text.rfind(", who", lo, seg.start)
        opened = max(opened, text.rfind(", which", lo, seg.start))
        return opened >= 0 and "," not in text[opened + 2 : seg.start]

    def report_speaker(self, inspectorate: str, pos: int) -> tuple[SpeakerKind, str] | None:
        """Words of the report or its inspectors: the report claim (the one by that
        inspectorate, the last one before, or the first), else the inspectorate."""
        if self._reports_by is None:
            # report claims by publisher ("" for any), in order of their evidence
            self._reports_by = {}
            for i, r in enumerate(self.reports()):
                for key in ("", r.publisher):
                    self._reports_by.setdefault(key, []).append((r.evidence.start, i))
            for claims in self._reports_by.values():
                claims.sort()
        ranked = self._reports_by.get(inspectorate)
        if ranked:
            i = bisect.bisect_right(ranked, (pos, 1 << 62))
            return SpeakerKind.REPORT, str(ranked[i - 1 if i > 0 else 0][1])
        if inspectorate:
            return SpeakerKind.ORGANIZATION, inspectorate
        named = self.inspectorates or self._inspectorates_of_roles()
        if named:
            i = bisect.bisect_right(named, (pos, "\uffff"))
            return SpeakerKind.ORGANIZATION, named[i - 1 if i > 0 else 0][1]
        return None

    def _inspectorates_of_roles(self) -> list[tuple[int, str]]:
        """An inspectorate known only from its inspectors' roles: "the chief inspector of
        constabulary, Sir Thomas Winsor"."""
        if self._inspectorates_by_role is None:
            self._inspectorates_by_role = []
            for para in self.article.body:
                if not _may_name_role(self.text, para):
                    continue
                for m in _re_role().finditer(self.text, para.start, para.end):
                    role = lexicon().roles.get(role_key(m.group()) or "")
                    inspector = role is not None and role.scope is OrgType.INSPECTORATE
                    if inspector and role is not None and role.default_org:
                        self._inspectorates_by_role.append((m.start(), role.default_org))
        return self._inspectorates_by_role


def _names_follow(text: str, pos: int) -> bool:
    """Whether a capitalised name follows a role: "the Chief Constable Chris Noble"."""
    return (
        re.match(
            r"[ \t]+(?:Sir |Dame |Dr )?[A-Z][^\W\d_]+[ \t]+[A-Z][^\W\d_]+", text[pos : pos + 60]
        )
        is not None
    )


def _honorific_start(text: str, pos: int) -> int:
    """Where an honorific right before ``pos`` starts ("Mr " before "Fairhurst"), else
    ``pos``."""
    for start, end in honorific_spans(text, max(0, pos - 20), pos):
        if not text[end:pos].strip():
            return start
    return pos


def _slot_end(text: str, lo: int, pos: int) -> int:
    """Where a verb's subject ends: before the words that may stand between them
    ("has also", "last week") and brackets ("(HMICFRS)"), read backwards word by word."""
    between = _attribution_words()["between"]
    while True:
        while pos > lo and text[pos - 1].isspace():
            pos -= 1
        if pos > lo and text[pos - 1] == ")":
            bracket = text.rfind("(", max(lo, pos - 42), pos - 1)
            if bracket >= 0 and ")" not in text[bracket : pos - 1]:
                pos = bracket
                continue
        start = _word_start(text, lo, pos)
        if start == pos:
            return pos
        word = text[start:pos]
        if word in between or _adverb(word):
            pos = start
            continue
        space = start
        while space > lo and text[space - 1] in " \t":
            space -= 1
        first = _word_start(text, lo, space)
        if first < space < start and f"{text[first:space]} {text[start:pos]}" in between:
            pos = first
            continue
        return pos


def _adverb(word: str) -> bool:
    """A lowercase "-ly" word that is no noun: "rightly", "clearly", "repeatedly"."""
    return (
        len(word) > 4
        and word.endswith("ly")
        and word.islower()
        and word not in _attribution_words()["noun"]
    )


def _word_starts(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "_'’-")


def _word_start(text: str, lo: int, pos: int) -> int:
    while pos > lo and text[pos - 1].isalpha():
        pos -= 1
    return pos


# a person's name: two or three capitalised words, any script ("Zoë Billingham")
_NAME_WORD = r"[A-Z][^\W\d_]*[^\W\d_](?:['’-][A-Z][^\W\d_]+)*"
RE_NAME_END = re.compile(rf"(?<![\w'’-])({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,4}})$")
RE_NAME_START = re.compile(rf"({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{1,2}})(?![\w'’-])")


RE_NAME_PAIR = re.compile(rf"(?<![\w'’-])({_NAME_WORD})[ \t]+(?=({_NAME_WORD})(?![\w'’-]))")


def _name_ending(text: str, lo: int, end: int) -> str | None:
    """The name ending at ``end``, its titles and organization words left out
    ("Inspector of Constabulary Zoë Billingham" -> "Zoë Billingham")."""
    m = RE_NAME_END.search(text, max(lo, end - 80), end)
    if m is None:
        return None
    words = m.group(1).split()
    stop = name_stopwords()
    while words and words[0].rstrip(".") in stop:
        words.pop(0)
    if not 2 <= len(words) <= 3 or any(w in stop or w.isupper() for w in words):
        return None
    if words[-1] in _attribution_words()["body"]:
        return None
    return " ".join(words) if m.group(1).endswith(" ".join(words)) else None


def _name_starting(text: str, at: int, hi: int) -> str | None:
    m = RE_NAME_START.match(text, at, hi)
    if m is None:
        return None
    words = m.group(1).split()
    stop = name_stopwords()
    if any(w in stop or w.isupper() for w in words) or words[-1] in _attribution_words()["body"]:
        return None
    return m.group(1)


def _participle(verb: str) -> bool:
    return verb.endswith("ed") or verb in ("said", "told", "found", "shown", "known", "thought")


def _full_names(text: str, people: list[PersonMention]) -> dict[str, str]:
    """Surname (or Sir/Dame's given name) -> the full name the article gives:
    "Watson" -> "Stephen Watson", "Thomas" (Sir Thomas) -> "Thomas Winsor"; failing a
    full name among the people, the first capitalised given name written before the
    surname in the article (not a title: "Chief Constable Watson")."""
    by_last: dict[str, str] = {}
    by_first: dict[str, str] = {}
    for f in people:
        if not f.surname_only:
            by_last.setdefault(f.name.split()[-1], f.name)
            by_first.setdefault(f.name.split()[0], f.name)
    out: dict[str, str] = {}
    pairs: dict[str, str] | None = None
    for p in people:
        if not p.surname_only or p.name in out:
            continue
        match = (by_first if p.text.startswith(HONORIFIC_GIVEN) else by_last).get(p.name)
        if match is None:
            if pairs is None:
                pairs = _given_names(text)
            match = pairs.get(p.name)
        if match is not None:
            out[p.name] = match
    return out


def _given_names(text: str) -> dict[str, str]:
    """Surname -> "Given Surname", the first time two capitalised words stand together
    with no title or organization word among them: one pass over the text."""
    stop = name_stopwords()
    out: dict[str, str] = {}
    for m in RE_NAME_PAIR.finditer(text):
        given, surname = m.group(1), m.group(2)
        if given not in stop and surname not in stop and len(given) > 1:
            out.setdefault(surname, f"{given} {surname}")
    return out


def _is_label(text: str, seg: _Segment) -> bool:
    """A quoted label, not a quotation: a grade ("requires improvement"), an inspected
    area ('protecting those who are vulnerable from harm'), a title in
    capitals ('Think Child'), a name after "called", a noun's modifier (a "one force"
    model)."""
    body = text[seg.start : seg.end]
    words = body.split()
    folded = fold(body.strip(" .,;:!?"))
    terms = terms_of_art()
    if (
        len(words) < MIN_WORDS
        or folded in _grade_labels()
        or folded in terms
        or folded.removesuffix("s") in terms  # "county lines", "legal highs"
    ):
        return True
    # an inspected area named in the inspectors' words: "its work on 'protecting those
    # who are vulnerable from harm, and supporting victims'"
    if len(words) <= 12 and folded.startswith(_area_labels()):
        return True
    long_words = [w for w in words if len(w.strip(".,;:!?")) > 3]
    capitals = long_words and all(w[0].isupper() for w in long_words) and len(words) <= 6
    if capitals and not any(w.endswith((".", "!", "?")) for w in words):
        return True
    open_at = seg.start - 1
    lead = text[max(0, open_at - 40) : open_at]
    if RE_WHAT_CALLED_END.search(lead):
        return False  # "HMIC welcomed what it called "very welcome early improvements""
    if RE_NAMING_END.search(lead):
        return True
    if RE_TITLE_APPOSITION_END.search(lead) and text[seg.after : seg.after + 1] in (",", ")"):
        return True
    if RE_REPORT_TITLE_END.search(lead) and ":" in body and body[:1].isupper():
        return True  # "the HMIC report 'Core Business: An inspection into crime prevention'"
    if RE_ARTICLE_END.search(lead) and seg.closed and len(words) <= 4:
        nxt = RE_WORD.match(text, seg.after)
        if nxt and not _in_sentence_after(nxt.group(1)):
            return True
    return False


def extract(
    article: Article,
    sents: list[Sentence],
    people: list[PersonMention],
    orgs: list[OrgMention],
    reports: list[ReportClaim] | None = None,
    roles: Sequence[RoleClaim] = (),
) -> list[QuoteClaim]:
    """Quotations and their speakers. ``reports`` are the article's report claims
    (found here when not given): the report's words are given to one of them.
    ``roles`` are the article's role claims: "the commissioner said" is said by the
    person a claim gives that role, however the text gave it ("Alison Hernandez is the
    Police and Crime Commissioner for Devon and Cornwall")."""
    text = article.text
    segs = segments(article)
    if not segs:
        return []
    found_reports = reports

    def report_claims() -> list[ReportClaim]:
        nonlocal found_reports
        if found_reports is None:
            from kg.extract import reports as reports_extractor

            found_reports = reports_extractor.extract(article, sents, orgs)
        return found_reports

    reader = _Reader(article, sents, people, orgs, report_claims, segs, roles)
    index = {id(s): i for i, s in enumerate(sents)}
    found: list[_Quote] = []
    prev: _Quote | None = None
    prev_seg: _Segment | None = None
    # quoted paragraphs left open with no speaker yet, whose quotation goes on: the
    # speaker may come at its end (`“We will build on this. / “Our officers work hard,”
    # he said.`)
    pending: list[_Segment] = []
    guessed = False  # the open quotation's speaker was found only before it, not named
    for seg in segs:
        next_of: _Quote | None = None  # the quotation this one is the next of
        sent = sentence_at(sents, seg.start)
        if sent is None or _is_label(text, seg):
            prev, prev_seg = None, None
            continue
        si = index[id(sent)]
        last = sentence_at(sents, max(seg.start, seg.end - 1))
        who = None
        if prev is None or prev_seg is None or not _continues(article, prev_seg, seg):
            who = reader.speaker(seg, si, index[id(last)] if last is not None else si)
        said = _speaker_kind(reader, who, seg.start) if who is not None else None
        if (
            prev is not None
            and prev_seg is not None
            and said == (prev.kind, prev.speaker)
            and _goes_on(text, article, prev_seg, seg)
        ):
            # “...,” he said, “and more.” / “...,” said Ms Durkin. “More.”: one quotation,
            # its attribution between its parts
            who, said = None, None
        if prev is not None and prev_seg is not None and who is None:
            # left open, or “...,” he said. “More words.”: one quotation
            if _continues(article, prev_seg, seg) or _goes_on(text, article, prev_seg, seg):
                if guessed and _continues(article, prev_seg, seg):
                    # its speaker was only guessed from the text before it: the one its
                    # end names wins (“We welcome ... / “... this work,” said Mr
                    # McGuigan.` after "Inspectors found ...")
                    end = sentence_at(sents, max(seg.start, seg.end - 1))
                    own = reader.speaker(seg, si, index[id(end)] if end is not None else si)
                    own_said = _speaker_kind(reader, own, seg.start) if own is not None else None
                    if own_said is not None:
                        prev.kind, prev.speaker = own_said
                        guessed = False
                prev.parts.append(Span(seg.start, seg.end))
                prev.evidence_end = max(prev.evidence_end, sent.span.end)
                prev_seg = seg
                continue
            # a quote-only paragraph after one: the same speaker's next quotation
            if _speaks_next(text, article, prev_seg, seg):
                said = prev.kind, prev.speaker
                next_of = prev
        fallback = said is None and who is None
        if said is None and who is None and not reader.unnamed_subject(si, seg.start):
            who = (
                _paragraph_speaker(reader, seg, si)
                or _discourse_speaker(reader, si)
                or _judged_in_report(reader, seg, sent)
                or _said_just_before(reader, seg, si)
                or _said_in_paragraph_before(reader, seg, si)
                or _responder(reader, seg, found)
                or _subject_of_paragraph_before(reader, seg, si)
            )
            said = _speaker_kind(reader, who, seg.start) if who is not None else None
        opened = pending if pending and _continues(article, pending[-1], seg) else []
        if said is None:
            prev, prev_seg = None, None
            pending = [*opened, seg] if not seg.closed else []
            continue
        parts = [Span(p.start, p.end) for p in opened] + [Span(seg.start, seg.end)]
        first = sentence_at(sents, parts[0].start) or sent
        prev = _Quote(said[0], said[1], parts, first.span.start, sent.span.end, next_of)
        found.append(prev)
        prev_seg = seg
        guessed = fallback and not seg.closed
        pending = []
    claims = []
    joint: dict[int, tuple[str, ...]] = {}  # id of a quotation -> who else said it
    heads: dict[str, set[str]] = {}  # body -> the people the article gives a role in it
    for r in roles:
        if r.org is not None:
            heads.setdefault(r.org, set()).add(r.person)
    for q in found:
        claim = q.claim(text)
        held = heads.get(q.speaker, set()) if q.kind is SpeakerKind.ORGANIZATION else set()
        if len(held) == 1 and RE_FIRST_PERSON.search(claim.text):
            # words in the first person singular are a person's: the one the article
            # gives a role in the body they were given to ("I'm delighted with this
            # report" of CPS Mersey-Cheshire, whose Chief Crown Prosecutor is named)
            q.kind, q.speaker = SpeakerKind.PERSON, next(iter(held))
            claim = q.claim(text)
        claims.append(claim)
        if q.kind is SpeakerKind.PERSON:
            # words two or more people say together are each one's: "Peter Clarke and
            # Dru Sharpling said: ..."; and their next quotation, a paragraph alone
            together = reader.speaking_with(q.speaker, q.evidence_start, q.evidence_end)
            if not together and q.follows is not None:
                together = joint.get(id(q.follows), ())
            joint[id(q)] = together
            claims.extend(replace(claim, speaker=name) for name in together)
    return _said_once(article, claims)


RE_QUOTE_TRIM = re.compile(r"^[\W_]+|[\W_]+$")
RE_FIRST_PERSON = re.compile(r"(?<![\w'’-])(?:I|I['’](?:m|ve|d|ll)|my|me|myself)(?![\w'’-])")


def _said_once(article: Article, claims: list[QuoteClaim]) -> list[QuoteClaim]:
    """The claims without the headline's repeat of what the body quotes:
    "Police failures 'not good enough', says NSPCC" above "... it was "simply not good
    enough" ..." is one statement, kept where the body has it (with its speaker)."""
    if len(article.body) < 2:
        return claims
    lead_end = article.body[0].end  # the headline's

    def key(text: str) -> str:
        return text.casefold().replace("’", "'")

    later = [key(c.text) for c in claims if c.span.start >= lead_end]
    return [
        c
        for c in claims
        if c.span.start >= lead_end
        or not any(RE_QUOTE_TRIM.sub("", key(c.text)) in t for t in later)
    ]


@dataclass
class _Quote:
    """A quotation being read: its parts grow while it goes on."""

    kind: SpeakerKind
    speaker: str
    parts: list[Span]
    evidence_start: int
    evidence_end: int
    follows: _Quote | None = None  # the quotation this one is the next of, by its speaker

    def claim(self, text: str) -> QuoteClaim:
        body = " ".join(text[p.start : p.end] for p in self.parts)
        return QuoteClaim(
            body,
            self.parts[0],
            Span(self.evidence_start, self.evidence_end),
            self.kind,
            self.speaker,
            tuple(self.parts),
        )


def _speaker_kind(reader: _Reader, who: _Who, pos: int) -> tuple[SpeakerKind, str] | None:
    kind, value = who
    if kind == "person":
        return SpeakerKind.PERSON, value
    if kind == "org":
        if reader.org_types.get(value) is OrgType.INSPECTORATE:
            return reader.report_speaker(value, pos)
        return SpeakerKind.ORGANIZATION, value
    if kind == "report":
        return reader.report_speaker(value, pos)
    return None


def _paragraph_speaker(reader: _Reader, seg: _Segment, si: int) -> _Who | None:
    """A quotation with no attribution in its sentence: "the words of NAME" in the next
    sentence, a pull quote's caption, a lead-in paragraph ending with a colon."""
    text, article, sents = reader.text, reader.article, reader.sents
    # "Those are not my words ... but the words of Roy Wilsher"
    if si + 1 < len(sents) and sents[si + 1].paragraph == sents[si].paragraph:
        nxt = sents[si + 1]
        m = RE_WORDS_OF.search(nxt.text, 0, 200)
        if m:
            refs = reader.refs_in(nxt.span.start + m.end(), nxt.span.start + m.end() + 3)
            if refs and refs[0].kind == "person":
                return reader.who(refs[0])
    # a quotation standing alone, then "That was the verdict of NAME, ..."
    quoted_alone = seg.opens_paragraph and _all_quoted(reader, article.body[seg.paragraph])
    if quoted_alone and seg.paragraph + 1 < len(article.body):
        nxt_para = article.body[seg.paragraph + 1]
        m = RE_THAT_WAS.match(text, nxt_para.start, nxt_para.end)
        if m:
            # the person, past a body they speak for ("... of Staffordshire Police
            # Federation Chairman, Keith Jervis"), else the body
            refs = reader.refs_in(m.end(), min(nxt_para.end, m.end() + 120))
            for kinds in (("person",), ("org",)):
                named = next((r for r in refs if r.kind in kinds), None)
                if named is not None:
                    return reader.who(named)
    # a list item under a lead-in: "Among the report's recommendations:" / "- ..."
    if RE_BULLET.match(text, article.body[seg.paragraph].start):
        lead_in = seg.paragraph - 1
        while lead_in >= 0 and RE_BULLET.match(text, article.body[lead_in].start):
            lead_in -= 1
            if seg.paragraph - lead_in > 50:
                return None
        return _lead_in_speaker(reader, lead_in) if lead_in >= 0 else None
    if not seg.opens_paragraph:
        return None
    para = article.body[seg.paragraph]
    # a pull quote over its caption: “The speed of this decline ...” / Peter Clarke; a
    # paragraph of quotations over the line that signs them: “...” “...” / HM Inspector
    # of Constabulary Matt Parr
    quoted = not text[seg.after : para.end].strip() or _all_quoted(reader, para)
    if seg.paragraph + 1 < len(article.body) and quoted:
        cap = article.body[seg.paragraph + 1]
        refs = reader.refs_in(cap.start, cap.end)
        if refs and refs[0].kind == "person" and refs[0].start == cap.start and len(cap) < 80:
            return reader.who(refs[0])
        name = _name_starting(text, cap.start, cap.end)
        if name is not None and len(name) == len(text[cap.start : cap.end].rstrip()):
            return ("person", name)
        # ("– Chief Inspector of Probation Justin Russell, speaking on behalf of all six
        # inspectorates": a dash before, an apposition after)
        signed = [r for r in refs if r.kind == "person"]
        after = text[signed[0].end : cap.end] if signed else ""
        if (
            len(cap) < 160
            and signed
            and (not after.strip(" .,") or after.startswith(","))
            and _re_role().fullmatch(text[cap.start : signed[0].start].strip(" ,–—-"))
        ):
            return reader.who(signed[0])
    # a pull quote signed after a dash on its own line: “So who polices the police?” –
    # Police Investigations and Review Commissioner Kate Frame
    sign = RE_DASH_SIGN.match(text, seg.after, para.end) if seg.closed else None
    if sign is not None:
        signer = next((r for r in reader.refs_in(sign.end(), para.end) if r.kind == "person"), None)
        if (
            signer is not None
            and RE_SIGNER_TITLE.fullmatch(text, sign.end(), signer.start)
            and (
                RE_HONOURS_TAIL.fullmatch(text, signer.end, para.end)
                or RE_SIGNER_BODY.fullmatch(text, signer.end, para.end)
            )
        ):
            return reader.who(signer)
    # a lead-in paragraph ending with a colon
    return _lead_in_speaker(reader, seg.paragraph - 1) if seg.paragraph > 0 else None


# the one who answers a report in a statement's lead: "Lorne Green, Norfolk's Police
# and Crime Commissioner, has welcomed the publication of ...", "Katy Bourne ... has
# today given her reaction to an HMIC report"
RE_RESPONDS = re.compile(
    r"\b(?:has|have)[ \t]+(?:today[ \t]+)?(?:welcomed|responded|reacted|commented|"
    r"given[ \t]+(?:his|her|their)[ \t]+(?:reaction|response))\b"
)
LEAD_PARAGRAPHS = 3


def _responder(reader: _Reader, seg: _Segment, found: list[_Quote]) -> _Who | None:
    """A paragraph of quotations only, with no speaker anywhere near, in a statement
    whose lead names the one person who answers the report, and before anyone else is
    quoted: that person's words."""
    text, article = reader.text, reader.article
    if not seg.opens_paragraph or not _all_quoted(reader, article.body[seg.paragraph]):
        return None
    if any(q.kind is not SpeakerKind.PERSON for q in found):
        return None
    who: _Who | None = None
    for para in article.body[: min(seg.paragraph, LEAD_PARAGRAPHS + 1)]:
        m = RE_RESPONDS.search(text, para.start, para.end)
        if m is None:
            continue
        people = [r for r in reader.refs_in(para.start, m.start()) if r.kind == "person"]
        if people:
            who = reader.who(people[0])
            break
    if who is None or any(q.speaker != who[1] for q in found):
        return None
    return who


def _all_quoted(reader: _Reader, para: Span) -> bool:
    """Whether a paragraph is quotations only (its writer's marks aside)."""
    text = reader.text
    i = bisect.bisect_left(reader.seg_starts, para.start)
    pos = para.start
    while i < len(reader.segs) and reader.segs[i].start < para.end:
        seg = reader.segs[i]
        if re.search(r"\w", text[pos : seg.start]):
            return False
        pos = seg.after
        i += 1
    return pos > para.start and not re.search(r"\w", text[pos : para.end])


def _lead_in_speaker(reader: _Reader, index: int) -> _Who | None:
    """The speaker a paragraph ending with a colon introduces: the subject of its verb
    of saying, else the person, body or report it names ("Statement from Dr Alan
    Billings ...:", "Among the areas singled out for praise by inspectors were:")."""
    if index not in reader.lead_in_cache:
        reader.lead_in_cache[index] = _lead_in(reader, index)
    return reader.lead_in_cache[index]


def _lead_in(reader: _Reader, index: int) -> _Who | None:
    text, article, sents = reader.text, reader.article, reader.sents
    lead = article.body[index]
    if not text[max(lead.start, lead.end - 40) : lead.end].rstrip().endswith(":"):
        return None
    last = sentence_at(sents, max(lead.start, lead.end - 1))
    if last is not None:
        si = bisect.bisect_left(reader.sent_starts, last.span.start)
        cues = [c for c in reader.cues(si) if c.who is not None and c.who != NOBODY]
        if cues:
            return cues[0].who
    refs = reader.refs_in(last.span.start if last is not None else lead.start, lead.end)
    for kinds in (("person",), ("org", "spokes"), ("report",)):
        for r in refs:
            if r.kind == "org" and RE_POSSESSIVE_AFTER.match(text, r.end):
                # whose the points are, not who makes them: "Among the points highlighted
                # in the latest report are the service's:"
                continue
            if r.kind in kinds:
                return reader.who(r)
    return None


def _said_just_before(reader: _Reader, seg: _Segment, si: int) -> _Who | None:
    """A quotation that is a whole sentence, right after a sentence of its paragraph
    that a person's verb of saying ends: "... was 'at risk', he said. 'Public
    confidence hangs by a thread.'"."""
    sents, text = reader.sents, reader.text
    if si == 0 or sents[si - 1].paragraph != sents[si].paragraph:
        return None
    sent = sents[si]
    if text[sent.span.start : seg.start].strip(" \t“‘\"'") or text[seg.after : sent.span.end].strip(
        " \t.!?”’\"'"
    ):
        return None
    closing = reader.closing(si - 1)
    if not closing:
        return None
    last = closing[-1]
    # the verb whose report holds the closing one: "Mr Green added that the inspectors
    # had also acknowledged outside scrutiny."
    cues = reader.cues(si - 1)
    i = cues.index(last)
    while (
        i > 0
        and cues[i - 1].who is not None
        and RE_THAT_GAP.fullmatch(reader.text, cues[i - 1].end, cues[i].lead)
    ):
        i -= 1
    who = cues[i].who
    return who if who is not None and who[0] == "person" else None


def _said_in_paragraph_before(reader: _Reader, seg: _Segment, si: int) -> _Who | None:
    """A paragraph opening with a quotation of its own, right after a paragraph whose
    last sentence a person's verb of saying carries: "Matt Parr said the force had made
    significant improvements. / “Staff are now in a better position ...”"."""
    sents, text = reader.sents, reader.text
    if si == 0 or not seg.opens_paragraph:
        return None
    k = si - 1
    if k > 0 and _is_heading(reader, sents[k]) and sents[k].paragraph == sents[si].paragraph - 1:
        k -= 1  # past a crosshead between them: "... what we found". / ## 'Immediate attention'
    sent, before = sents[si], sents[k]
    if before.paragraph != sents[k + 1].paragraph - 1 or text[sent.span.start : seg.start].strip(
        " \t“‘\"'"
    ):
        return None
    said = [(c.start, c.who) for c in reader.cues(k) if c.who is not None and c.who != NOBODY]
    if not said or said[-1][1][0] != "person" or reader._inside_quote(said[-1][0]):
        return None
    return said[-1][1]


# a heading between paragraphs: a few words with no end of a sentence, quoted or not
# ("## 'Immediate attention'", "Performance culture")
RE_HEADING = re.compile(r"[#\s*“‘\"']*[A-Z][^.!?:;]{0,50}?[”’\"'*\s]*")


def _is_heading(reader: _Reader, sent: Sentence) -> bool:
    """Whether the paragraph holding ``sent`` is a heading between paragraphs (unlike
    ``_crosshead``, which asks whether a quotation is one)."""
    para = reader.article.body[sent.paragraph]
    words = reader.text[para.start : para.end]
    return RE_HEADING.fullmatch(words) is not None and len(words.split()) <= 6


def _subject_of_paragraph_before(reader: _Reader, seg: _Segment, si: int) -> _Who | None:
    """A paragraph that is all quotation, right after a paragraph whose last sentence a
    person opens as its subject: "Mr Davies also credited the people the force serves.
    / “We have listened to our staff ...”" (the words of the person just spoken of)."""
    sents, article = reader.sents, reader.article
    if si == 0 or not seg.opens_paragraph:
        return None
    before = sents[si - 1]
    if before.paragraph != sents[si].paragraph - 1 or not _all_quoted(
        reader, article.body[seg.paragraph]
    ):
        return None
    if (
        reader.text[before.span.start : before.span.end].lstrip(" \t“‘\"'")
        != reader.text[before.span.start : before.span.end]
    ):
        return None  # a quotation of its own before: its speaker, if any, was looked for
    who = reader._opening(before, before.span.end)
    return who if who is not None and who[0] == "person" else None


def _discourse_speaker(reader: _Reader, si: int) -> _Who | None:
    """The report, when a quotation with no attribution follows sentences that give
    their words to the report ("..., the report said. / However, there had been no
    police records "to indicate whether an investigation was conducted".")."""
    sents = reader.sents
    for k in range(si - 1, max(-1, si - 4), -1):
        # the headline's ", says HMIC report" is no sentence of the story
        if sents[k].paragraph < max(1, sents[si].paragraph - 1):
            break
        who = reader.last_said(k)
        if who is not None:
            if who[0] == "report":
                return who
            if who[0] == "org":
                return who if reader.org_types.get(who[1]) is OrgType.INSPECTORATE else None
            return None
    return None


def _judged_in_report(reader: _Reader, seg: _Segment, sent: Sentence) -> _Who | None:
    """The report, for words a passive of judging or telling gives no agent, in an article
    about a report: "HMP Nottingham has been judged 'fundamentally unsafe'", "the force
    was told to make 'urgent improvements'"."""
    text = reader.text
    lo = max(sent.span.start, seg.start - 60)
    passive = RE_JUDGED_PASSIVE_END.search(text, lo, seg.start) or RE_TOLD_PASSIVE_END.search(
        text, lo, seg.start
    )
    if passive is None or not reader.reports():
        return None
    return ("report", "")


def _continues(article: Article, prev: _Segment, seg: _Segment) -> bool:
    """Whether ``seg`` is more of the quotation ``prev``, left open: where a new mark
    opened before the old one closed (`deserve. “In a significant ...`), or in the
    next paragraph when a paragraph ends inside the quotation."""
    if prev.closed:
        return False
    if seg.paragraph == prev.paragraph:
        return seg.start - prev.after <= 2
    # the next paragraph, past lines holding no word (a block quotation's ">")
    between = article.body[prev.paragraph + 1 : seg.paragraph]
    blank = all(not any(c.isalnum() for c in article.text[p.start : p.end]) for p in between)
    return seg.paragraph > prev.paragraph and blank and seg.opens_paragraph


def _goes_on(text: str, article: Article, prev: _Segment, seg: _Segment) -> bool:
    """Whether ``seg``, which has no attribution of its own, is more of the quotation
    ``prev`` in the same paragraph: `“...,” he said. “More words.”`."""
    if seg.paragraph != prev.paragraph or seg.opens_paragraph:
        return False
    if not _starts_sentence(text, article, prev):
        return False
    return RE_SAID_BETWEEN.fullmatch(text, prev.end, seg.start) is not None


def _speaks_next(text: str, article: Article, prev: _Segment, seg: _Segment) -> bool:
    """Whether ``seg``, a quote-only paragraph with no attribution, is the next
    quotation of the speaker of ``prev``, which ends the paragraph before with its
    attribution (`“We found deficiencies ...,” said the Inspectorate.`)."""
    if seg.paragraph != prev.paragraph + 1 or not seg.opens_paragraph or prev.paragraph == 0:
        return False  # (nor is a standfirst the headline's speaker's next quotation)
    if RE_DASH_SIGN.match(text, seg.after, article.body[seg.paragraph].end):
        return False  # a dash after it signs it: `“...” – Sadiq Khan`
    end = article.body[prev.paragraph].end
    if end - prev.after > 120:
        return False
    rest = text[prev.after : end]
    return not any(c in rest for c in '“"') and len(rest.split()) <= 12


def _starts_sentence(text: str, article: Article, seg: _Segment) -> bool:
    para = article.body[seg.paragraph]
    i = seg.start - 1  # the opening mark
    while i > para.start and text[i - 1].isspace():
        i -= 1
    return i <= para.start or text[i - 1] in '.!?:”"'
