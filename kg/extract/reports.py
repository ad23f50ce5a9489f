"""Inspection reports: who published them, about which bodies, when, and of what
kind, in the article's words.

A sentence speaks of a report when it has a report noun ("report", "inspection",
"review", "findings", "judgements", "an 'outstanding' grade for ..."), reports what
inspectors did ("HMICFRS has rated the force inadequate", "Inspectors found ...",
"being graded 'requires improvement' last year"), says a body investigated
("officers investigated by the IOPC") or that a force left special measures. A
report still to come ("will be inspected again in 2023", "once the full report is
published next week") or a programme described in general ("produced each year")
is none.

The publisher is the body the sentence gives: an inspectorate named or implied by
its chief ("Peter Clarke, HM Chief Inspector of Prisons") or its sector ("prison
inspectors"), or another body that is the report's agent ("a peer review by the
College of Policing", "the IOPC published a learning report"); failing that, the
inspectorate the article is most about. The first named leads a joint inspection.

The subjects are the forces the sentence names ("both forces": the last two
named; the forces of a list the sentence leads into), the prisons it names, and
other bodies in the slot of what was inspected ("an inspection of the watchdog",
"its review of how the CPS prosecutes rape", "criticised the SPA"); a sentence
naming none speaks of the forces the article's report sentences name, or of none
when it describes a national report ("across England and Wales", "police forces
were not ..."). A force named aside is no subject: a partner ("its alliance with
Warwickshire"), an example of many ("forces, among them GMP"), a country with an
inspectorate of its own ("the criminal justice system in Northern Ireland"), or the
area in a responder's title ("the Sussex PCC") when the report is a national one.
On a body's own page, "our investigation" is that body's.

The date is the report's own, never the article's unless the text says so:
"published today", "On Tuesday (1 February) the IOPC published", "published in
November 2014", "HMIC's March 2014 report", "in 2016 HMI inspected SYP", "being
graded ... last year" (see ``kg.dates.phrase_dates``). When inspectors visited
("inspected the force in November 2021", "the unannounced inspection in
September 2017") is not when they published, save for an earlier report the text
dates no other way: it is known by the month of its inspection ("When HMIC first
inspected them in August 2010, it found ..."). Sentences about the article's own
report share one report per publisher, dated if any of them dates it recently;
a dated earlier report, and one the sentence marks as earlier ("the previous
inspection", "the damning report of four years ago"), are reports of their own.

The kind is the report's noun phrase as written ("report on the Effectiveness of
Humberside Police") and the concept of the report-kind scheme it names; else what
the sentence shows (a force out of special measures: a post-inspection review;
crimes left unrecorded: crime data integrity; a force graded in one PEEL pillar
in 2015-2018: that pillar, at other times a PEEL assessment), else the headline's.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace

from kg import dates
from kg.extract.areas import area_keys
from kg.extract.organizations import joint_lead, main_org
from kg.model import (
    Article,
    OrgMention,
    OrgType,
    PartialDate,
    PersonMention,
    ReportClaim,
    Sentence,
    Span,
)
from kg.patterns import (
    AUXILIARIES,
    RE_LIST_ITEM,
    RE_TOOK_PART,
    any_in,
    fold,
    jurisdiction_places,
    label_words,
    lowered,
    mentioned_for_titles,
    org_labels,
    own_inspectorates,
    place_keys,
    re_place,
    re_prison,
    role_key,
    role_meant,
    role_spans,
    title_beside,
    title_heads,
)
from kg.reference import areas, lexicon, written_since

RE_REPORT_NOUN = re.compile(
    r"\b(?:reports?|inspections?|review|re-?inspection|assessment|findings|judgements?|judgments?|"
    # a year's round of inspections: "In the 2016 round, the South Wales and Gwent forces"
    r"PEEL|(?<=\d{4}[ \t])round)\b",
    re.IGNORECASE,
)
RE_JUDGED = re.compile(
    r"\b(?:graded|rated|judged|found to|inspected|highlighted|criticised|identified)\b",
    re.IGNORECASE,
)
# what inspectors do to a force, said of a named inspectorate: "HMICFRS found ...",
# "Inspectors rated Lincolnshire Police as 'good'"
RE_INSPECTED = re.compile(
    r"\b(?:graded|rated|judged|found|concluded|identified|highlighted|criticised|praised|"
    r"referred|reviewed|inspected|assessed|set out|picked out|singled out|warned|"
    r"raised concerns|made recommendations|checked how|examined how|"
    # the forces an inspection covered: "HMICFRS examined eight forces, Cumbria among
    # them", "inspectors visited the Dorset and Kent forces"
    # (not "since the two inspectorates last visited in 2014": an earlier visit)
    r"(?<!last[ \t])(?:examined|visited))\b",
    re.IGNORECASE,
)
# Words one of which every match of the regex above holds (see patterns.any_in).
REPORT_NOUN_WORDS = (
    "report",
    "inspection",
    "review",
    "assessment",
    "findings",
    "judgement",
    "judgment",
    "peel",
    "round",
)
JUDGED_WORDS = (
    "graded",
    "rated",
    "judged",
    "found",
    "inspected",
    "highlighted",
    "criticised",
    "identified",
)
INSPECTED_WORDS = (
    "graded",
    "rated",
    "judged",
    "found",
    "concluded",
    "identified",
    "highlighted",
    "criticised",
    "praised",
    "referred",
    "reviewed",
    "inspected",
    "assessed",
    "set out",
    "picked out",
    "singled out",
    "checked how",
    "examined",
    "visited",
    "warned",
    "raised concerns",
    "made recommendations",
)
# "PEEL" qualifying the report noun after it: "PEEL inspection", "PEEL: Police
# effectiveness 2016 report", "PEEL EFFICIENCY REPORT"
RE_PEEL_MODIFIER = re.compile(
    r"[:\s]+(?:\([^()]{0,80}\)[ \t]*)?(?:[\w,-]+[ \t]+){0,3}?"
    r"(?:reports?|inspections?|assessments?|review)\b",
    re.I,
)
# a PEEL report's title: "PEEL: Police effectiveness 2016"
RE_PEEL_TITLE = re.compile(r"PEEL:[ \t]+(?:[A-Za-z]+[ \t]+){0,3}(?:(?:19|20)\d\d(?:/\d\d)?)?", re.I)
# ... and the year that ends one: "HMICFRS PEEL Police Effectiveness 2017"
RE_PEEL_TITLE_BEFORE = re.compile(r"\bPEEL:?[ \t]+(?:[A-Za-z]+[ \t]+){1,3}$")
# quoted words: dates inside a quotation date what the speaker speaks of, not a report
RE_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"")
# the words that name a report's kind: the head noun and an "on/into/of ..."
# complement: "child protection inspection", "report on Crime Data Integrity"
RE_KIND = re.compile(
    # every head word starts with one of these: a quick test at each place tried
    r"(?=[afijr])"
    r"(?P<head>\b(?:(?:inspection|report|review|assessment)\s+)*"
    r"(?:report|inspection|review|assessment|findings|judgements|judgments)s?\b)"
    r"(?P<comp>,?[ \t]+(?:on|into|of)[ \t]+[^;:.()\[\]“”\"–—]{1,80})?",
    re.IGNORECASE,
)
KIND_WORDS = ("report", "inspection", "review", "assessment", "findings", "judgement", "judgment")
# a prefix joined to the report noun by a hyphen: "re-inspection", "follow-up review"
RE_PREFIX_BEFORE = re.compile(r"(?<![\w-])[A-Za-z]+-$")

# --- when a report noun is no report --------------------------------------------

# A report noun used as a verb or in another compound: "to report crime", "victims
# report", "risk assessments", "under review", "reports of fraud".
RE_NOT_REPORT_BEFORE = re.compile(
    # a verb after a modal: "The NCA should review its licences"
    r"(?:\b(?:should|would|will|must|could|can|shall|might|(?-i:did|does))[ \t]+(?:also[ \t]+)?$)|"
    r"(?:\b(?:to|I|we|you|they|people|victims|who|under|risk|partnership|needs|impact|self|"
    r"crime|media|news|press|sends?|sent|receives?|received|makes?|made|logs?|logged|"
    r"handles?|handled|spending|budget|case|domestic homicide|judicial)[ \t-]+)$",
    re.IGNORECASE,
)
RE_NOT_REPORT_AFTER = re.compile(r"^[ \t]+(?:fraud|crime|it|them|back|on[ \t]+to)\b")
# a plural noun of things reported, not of reports: "reports of fraud", "reports of
# crime" (not "reports of the inspectorate", "inspections of police custody")
RE_REPORTS_OF_THINGS = re.compile(
    r"^[ \t]+of[ \t]+(?!the\b|its\b|his\b|her\b|their\b|a\b|an\b|this\b|that\b|how\b|"
    r"police\b|\w+[ \t]+years?\b)[a-z]"
)
# a review whose author holds a role in a force: "a review of policing across West
# Yorkshire by the Police and Crime Commissioner" (not "a review commissioned by the
# PCC": that author is another)
RE_BY_ROLE_AFTER = re.compile(
    r"(?:[ \t]+(?:of|into|on)[ \t]+[^,;:.()]{0,60}?)?(?<!ed)[ \t]+by[ \t]+"
    r"(?:(?:the|its|their|a|an)[ \t]+)?(?:(?:new|then|former)[ \t]+)?"
)
# a report still to come, by the words before it in its clause: "every force will be
# inspected", "once the full HMICFRS inspection report is published next week",
# "waiting for that report to be published", "forced the ombudsman to put off a
# report", "getting ready to publish reports" (not "graded outstanding once again in
# this year's Peel inspections")
RE_FUTURE_BEFORE = re.compile(
    r"\b(?:will|would|shall|is to be|are to be|due to|yet to|waiting for|awaiting|expected|"
    r"once(?![ \t]+(?:again|more)\b)|plans? to|ready to|to publish|put off|postpone|in future|"
    r"from now on)\b"
    # an inspection still to come, named with its noun: "the force's next inspection by
    # HMICFRS", "their next HMICFRS Police Effectiveness, Efficiency and Legitimacy (PEEL)
    # inspection", "the upcoming review"
    r"|\b(?:next|upcoming|forthcoming)\b(?=(?:[ \t,]+[\w'’()-]+){0,8}[ \t]*$)",
    re.IGNORECASE,
)
# ... or after it: "before a follow-up inspection is carried out in the next six months",
# "crime recording inspections will in future be unannounced" (not "officers
# investigated by the IOPC will face no further action")
RE_FUTURE_AFTER = re.compile(
    r"\b(?:to be published|(?:is|are) (?:due|expected|published next)|will be (?:published|"
    r"carried out)|in the next|next[ \t]+(?:\w+[ \t]+)?(?:weeks?|months?|years?)|in future|"
    r"postponed)\b",
    re.IGNORECASE,
)
FUTURE_REACH = 80  # characters after a report noun that may say it is still to come
# ... or the report is what will act: "The new inspections will also check ..."
RE_WILL_AFTER = re.compile(
    r"(?:[ \t]+(?:of|into|on|by|from)[ \t]+[^,;.]{0,50}?)?(?:[ \t]+[\w'’-]+){0,2}?[ \t]+"
    r"(?:will|would|is to|are to)\b"
)
FUTURE_WORDS = (
    "will",
    "would",
    "shall",
    "to be",
    "due",
    "yet to",
    "wait",
    "expected",
    "next",
    "upcoming",
    "forthcoming",
    "once",
    "plan",
    "ready to",
    "to publish",
    "put off",
    "postpone",
    "future",
    "now on",
    "published next",
    "is to",
    "are to",
)
# every word one of which a sentence that speaks of a report holds (see _triggers)
TRIGGER_WORDS = tuple(
    sorted(
        {*REPORT_NOUN_WORDS, *JUDGED_WORDS, *INSPECTED_WORDS}
        | {"measures", "engage", "monitoring", "lifted", "investigat", "inquir", "enquir"}
        | {"grade", "rating"}
        | {"return", "back", "revisit", "last went", "last visited", "last looked"}
        | {"published", "released", "issued"}
    )
)
# a programme described in general, not a report: "one of the three main reports
# produced each year", "a rolling cycle of inspections ... every year"
RE_HABITUAL = re.compile(r"\b(?:each|every) year\b|\brolling (?:cycle|programme)\b", re.I)
# ... and what the programme does, in the present, for forces in general: "HMIC's
# inspection, called the PEEL assessment, examines how effective ... every police force
# ... is", "The PEEL inspection is an independent review of constabularies across the
# country", "In 2014, HMICFRS introduced its PEEL inspections, which assess ..."
RE_PROGRAMME = re.compile(
    r"\b(?:examines|assesses|measures|introduced|"
    r"(?:is|are)[ \t]+an?[ \t]+(?:independent[ \t]+)?(?:review|assessment|inspection|examination)|"
    r"which[ \t]+(?:assess|examine|measure|look[ \t]+at))\b"
)
# a review named for the person who led it, another's work: "the Baroness Casey
# Review", "the Dame Vera Baird report" (a name alone is not told from a title:
# "the Jay Report" and "the Assurance Review" look alike)
RE_NAMED_REVIEW = re.compile(
    r"\b(?:Baroness|Lord|Lady|Dame|Sir|Professor|Dr)[ \t]+(?:[A-Z][a-z]+[ \t]+){1,2}"
    r"(?:Review|Report)\b"
)
# the clause a word is in: split at ; : and dashes, and at ", but" / ", and"
RE_CLAUSE_BREAK = re.compile(r"[;:–—]|,[ \t]+(?:but|and|while|although|whereas)\b| - ")

# --- who published it ------------------------------------------------------------

# an inspectorate by the sector it inspects: "prison inspectors", "the prisons
# inspectorate", "the prisons watchdog", "the CPS inspectorate" (looked up as "<sector>
# inspectorate")
RE_SECTOR_INSPECTORS = re.compile(
    r"\b(?P<sector>[Pp]risons?|[Pp]robation|CPS)[ \t]+"
    r"(?:[Ii]nspectors?|[Ii]nspectorate|[Ww]atchdog)\b"
)
# a body as the report's agent, right before it: "a peer review of the force by the
# College of Policing", "officers investigated by the IOPC" (not "commissioned by")
RE_AGENT_BEFORE = re.compile(
    r"(?<!commissioned)(?<!ordered)(?<!requested)(?<!funded)(?<!prompted)(?<!welcomed)"
    r"(?<!criticised)(?<!chaired)[ \t]+(?:by|from)[ \t]+(?:the[ \t]+)?"
    # past a place's possessive: "by the North's police ombudsman"
    r"(?:[A-Z][\w-]*['’]s[ \t]+)?$"
)
RE_INVESTIGATION = re.compile(r"\b(?:investigat|inquir|enquir)\w*")
# the noun the agent's "by" belongs to, past what it is of: "a peer review of the force
# by", "investigated by", "The review, which was led by" (not "The report stressed that
# the grade did not reflect a failing by the service")
RE_AGENT_NOUN_BEFORE = re.compile(
    r"\b(?:reports?|review|inspection|investigat\w*|findings)"
    r"(?:[ \t]+(?:of|into|on|about)[ \t]+[^,;:.()“”\"]{0,60}?)?"
    # past a relative clause's verb: "The review, which was led by"
    r"(?:,?[ \t]+(?:which|that)[ \t]+(?:was|were|is|are|has[ \t]+been|had[ \t]+been)"
    r"(?:[ \t]+\w+){1,2})?"
    # or a participle of making it public, and when: "a report published this week by"
    r"(?:,?[ \t]+(?:just[ \t]+|recently[ \t]+|jointly[ \t]+)?"
    r"(?:published|released|issued|produced|compiled|carried[ \t]+out|conducted|undertaken)"
    r"(?:[ \t]+(?:today|yesterday|(?:this|last|on|in)[ \t]+\w+(?:[ \t]+\d{1,4})?))?,?)?$"
)
# ... and right after it: "the IOPC's investigation", "an IOPC investigation", "the
# Independent Office for Police Conduct (IOPC) published a learning report", "The
# Independent Office for Police Conduct investigated how Wiltshire Police handled ..."
# (tried on the 140 characters after the name)
RE_AGENT_AFTER = re.compile(
    # past its name or acronym in brackets: "The IOPC (Independent Office for Police
    # Conduct) has closed", also from inside them
    r"^\)?(?:[ \t]*\([^()]{1,80}\))?"
    # past a relative clause: "The IOPC, which was launched in 2018, has released ..."
    r"(?:,[ \t]+(?:which|who)\b[^,;:]{1,80},)?"
    r"(?:['’]s?[ \t]+(?:\w+[ \t]+){0,2}(?:report|review|investigation|inquiry|enquiry)|"
    r"[ \t]+(?:\w+[ \t]+)?(?:report|review|investigation|inquiry|enquiry)\b|"
    # "The IOPC (...) has closed its inquiry into the officer's behaviour"
    r"[ \t]+(?:has[ \t]+|have[ \t]+)?(?:now[ \t]+)?(?:closed|concluded|completed|finished)[ \t]+"
    r"(?:its|an?|the|their)[ \t]+(?:inquiry|enquiry|enquiries|investigation|review)\b|"
    r"[ \t]+(?:has[ \t]+|have[ \t]+)?(?:today[ \t]+|now[ \t]+)?(?:published|issued|released|"
    r"investigated)\b)"
)
# "In a report released last month, the IOPC said ...": the body that speaks after a
# report opening the sentence wrote it
RE_IN_REPORT = re.compile(
    r"[ \t]*In[ \t]+(?:a|an|its|their|the)[ \t]+[^,]{0,60}\b(?:report|review)\b"
)
RE_SAID_AFTER = re.compile(
    r"(?:[ \t]*\([A-Za-z]+\))?[ \t]+(?:has[ \t]+|have[ \t]+)?(?:said|says|found|finds|concluded)\b"
)
# a body's verdict on the police, its investigation's: "A police watchdog has found that
# Staffordshire Police failed to follow ...", "the Police Ombudsman concluded that officers
# ..." (the police, or a force, in what it found)
RE_FOUND_AFTER = re.compile(
    r"(?:[ \t]*\([A-Za-z]+\))?[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+)?(?:also[ \t]+|now[ \t]+)?"
    r"(?P<verb>found|concluded|ruled|determined)[ \t]+that\b(?P<what>[^;:]*)"
)
RE_POLICE_WORDS = re.compile(r"\b(?:[Pp]olice|[Oo]fficers?|[Cc]onstabulary|[Ff]orce)\b")
RE_INSPECTORATE_AFTER = re.compile(r"['’]?s?[ \t]+(?:own[ \t]+)?[Ii]nspector(?:ate|s)?\b")
# inspectors as the agent: "Inspectors found", "the watchdog said", "the Inspector"
RE_TODAY = re.compile(r"\b[Tt]oday\b")
# the day's report named as such, in anyone's words: "today's report from HMICFRS"
RE_TODAYS_REPORT = re.compile(
    r"\b[Tt]oday['’]s[ \t]+(?:[\w-]+[ \t]+){0,3}?(?:report|inspection|assessment|findings)\b"
)
# a body's publishing of a work of its own: "released its Strategic overview of"
RE_RELEASED_ITS = re.compile(
    r"\b(?:published|released|issued)[ \t]+(?:its|their)[ \t]+(?:[A-Z][\w-]*[ \t]+){0,4}"
    r"[A-Za-z][\w-]*\b"
)
# "a report just published by HMICFRS", "the full report ... has been released", "HMIC
# has now published": as good as today's (the present perfect of news)
RE_JUST_PUBLISHED = re.compile(
    r"\b(?:just[ \t]+(?:been[ \t]+)?|(?:has|have)[ \t]+(?:now[ \t]+)?been[ \t]+|"
    r"(?:has|have)[ \t]+now[ \t]+)(?:published|released|issued|made[ \t]+public)\b",
    re.I,
)
RE_INSPECTORS = re.compile(r"\b(?:[Ii]nspectors|[Ii]nspectorate|[Ww]atchdogs?|the Inspector)\b")

# --- about what -----------------------------------------------------------------

# a body in the slot of what was inspected: "an inspection of the watchdog",
# "review of how the CPS prosecutes", "leadership at the Scottish Police Authority"
RE_OBJECT_SLOT = re.compile(
    r"(?<!request )(?<!behalf )(?<!part )(?<!one )(?<!members )(?<!member )(?<!Members )"
    r"(?<!Member )(?<!sits )(?<!sat )(?<!serves )(?<!served )(?<!seat )"
    # a speaker's view, not what was inspected: "the verdict of the Federation's chair"
    r"(?<!\bverdict )(?<!\bview )(?<!\bviews )(?<!\bresponse )(?<!\breaction )(?<!\bopinion )"
    r"\b(?:of|into|at|about|on|over)[ \t]+(?:how[ \t]+|whether[ \t]+)?(?:the[ \t]+)?$"
)
# a national report: "across England and Wales", "police forces were not ...",
# "every force", "nine forces", "the police service", "of policing in England"
RE_NATIONAL = re.compile(
    r"\b(?:nationally|nationwide|national[ \t]+(?:thematic[ \t]+)?(?:report|inspection|review)|"
    # (not "across all 11 inspection areas": the areas of one report)
    r"thematic|across[ \t]+(?:England|the[ \t]+country)|(?:every|each)[ \t]+(?:police[ \t]+)?"
    r"force|all[ \t]+(?:\d+[ \t]+)?(?:police[ \t]+)?forces|police[ \t]+forces|forces[ \t]+(?:in|"
    r"across)[ \t]+England|polic\w*[ \t]+(?:in|of|across)[ \t]+England[ \t]+and[ \t]+Wales|"
    r"\d+[ \t]+forces|(?:two|three|"
    r"four|five|six|seven|eight|nine|ten|half|most|many|some)[ \t]+(?:of[ \t]+the[ \t]+)?forces|"
    r"forces[ \t]+inspected|^[ \t]*[Pp]olice[ \t]+(?:are|were|have)|"
    # "The report highlights forces, among them GMP, whose ...": examples of many
    r"forces,?[ \t]+(?:among[ \t]+them|such[ \t]+as|for[ \t]+example)|"
    r"the[ \t]+police[ \t]+service|"
    # the police in general as what was looked at: "review of how the police responded"
    r"(?:of|into|on)[ \t]+how[ \t]+(?:the[ \t]+)?police|"
    # a super-complaint is of a harm across the system, answered for all forces
    r"super-?complaints?|"
    # the chief inspector's annual assessment of policing in England and Wales
    r"[Ss]tate[ \t]+of[ \t]+[Pp]olicing)\b"
)
# reports of every force, one each: "Reports on every police force in the country have
# been made public today", "earlier reports on the efficiency of each force" (the
# article's force has its own among them), "HMIC recently inspected every police force"
RE_PER_FORCE = re.compile(
    r"\b(?:reports?|findings|assessments?|inspections|inspected)\b[^.;:]{0,100}?"
    r"\b(?:every|each|all)[ \t]+(?:one[ \t]+of[ \t]+)?(?:the[ \t]+)?"
    r"(?:\d+[ \t]+)?(?:police[ \t]+)?forces?\b",
    re.IGNORECASE,
)
# a sentence of forces in general: "Forces are often failing to act", "“Forces will not
# all look the same"
RE_FORCES_OPENING = re.compile(
    r"^[ \t#\"“‘']*[Ff]orces[ \t]+(?:\w+ly[ \t]+)?"
    r"(?:are|were|have|had|will|would|must|should|need|do|did)\b"
)
NATIONAL_WORDS = (
    "nation",
    "thematic",
    "across",
    "force",
    "england",
    "policing",
    "police",
    "complaint",
)
# two forces named before: "Both forces were rated ...", "the two forces"
RE_BOTH_FORCES = re.compile(r"\b(?:[Bb]oth|[Tt]he two)[ \t]+(?:police[ \t]+)?forces\b")
# a sentence speaking of the force the one before named: "it", "its", "the force"
RE_FORCE_PRONOUN = re.compile(r"\b(?:it|its|the force|the constabulary)\b")

# --- when -----------------------------------------------------------------------

# a date right after one of these is when the report came out: "published on
# Thursday", "issued in September", "was made public today", "released today,"
RE_PUBLISHED = re.compile(
    r"\b(?:publish(?:ed|es|ing)?|releas(?:ed|es|ing)|issued|(?<!carried )(?<!carry )out|set out|"
    r"delivered|unveiled|"
    r"made public|launched|presented)\b"
    # (past its publisher: "a report published by the inspectorate last month")
    r"(?:[ \t]+by[ \t]+(?:the[ \t]+)?[\w'’&-]+(?:[ \t]+[\w'’&-]+){0,6}?)?"
    # ("published on the 24th March 2015")
    r"[ \t]*(?:on(?:[ \t]+the)?|in|at|this|last)?[ \t,(]*$",
    re.IGNORECASE,
)
# the inspectors' last visit before this one, by its year: "inspectors last went to the
# prison near Redditch in 2016", "HMICFRS last looked at the accuracy of ... in 2014"
RE_LAST_VISIT = re.compile(
    r"\blast[ \t]+(?:went|visited|inspected|looked|examined|assessed|reviewed|reported)\b",
    re.IGNORECASE,
)
RE_SINCE_BEFORE = re.compile(r"\bsince\b[^,;.]*$", re.IGNORECASE)
# the common nouns of a jail, in news of one: "the prison", "inmates", "the jail"
RE_JAIL_WORD = re.compile(r"\b(?:prisons?|jails?|inmates?|prisoners?)\b", re.IGNORECASE)
RE_LAST_INSPECTED = re.compile(RE_LAST_VISIT.pattern + r"[^.;]{0,100}?[ \t]in[ \t]+$", re.I)
# a publication with its object between it and the date: "HMICS had published its
# *Call Handling Final Report*, also known as 'the Review', in November 2015"
RE_PUBLISHED_OBJECT = re.compile(
    r"\b(?:published|released|issued)[ \t]+(?:its|their|the|a|an|his|her)\b[^.;]{0,160}?"
    r"[ \t,](?:in|on)[ \t]+$",
    re.IGNORECASE,
)
# ... and an inspection as what came out: "released their joint inspection of custody
# provision in Humberside Police on Tuesday 6th March 2018" (its publication, not the visit)
RE_PUBLISHED_INSPECTION = re.compile(
    r"\b(?:published|released|issued)[ \t]+(?:its|their|the|a|an|his|her)[ \t]+"
    r"(?:[\w'’-]+[ \t]+){0,2}?inspection\b[^,;.]{0,60}[ \t](?:in|on)[ \t]+$",
    re.IGNORECASE,
)
# a publication in the present tense, as headlines put the day's news
RE_PUBLISHING = re.compile(r"\b(?:is|was|are|were)[ \t]+(?:today[ \t]+)?publishing\b")
RE_PUBLISHES = re.compile(r"\b(?:publish|publishes|release|releases|issue|issues|unveils?)\b")
# ... unless what came out is no report: "In a statement released on Friday in response
# to the findings", "figures published in May"
RE_OTHER_PUBLICATION = re.compile(
    r"\b(?:statement|letter|response|reply|apology|video|figures|data|statistics|plan|"
    r"guidance|announcement)[ \t]+(?:(?:was|were|has been|have been|first)[ \t]+)?$",
    re.IGNORECASE,
)
# ... or, further back in its clause, one of these: "being graded 'requires
# improvement' last year", "the 'good' judgements it was given in 2016", "a report
# into the force in March"
RE_JUDGED_BEFORE = re.compile(
    # (a grade received, not a referral "received from South Wales Police in January")
    r"\b(?:graded|rated|judged|found|given|assessed|receiv(?:ed|ing)(?![^,;.]*\bfrom\b)|awarded|"
    r"criticised|highlighted|identified|inspected|warned|raised concerns|made recommendations)\b"
    r"[^,;.]{0,60}$|"
    # the report noun, its "of/by ..." complement of names, then the date: "a peer review
    # of South Yorkshire Police by the College of Policing in 2016", "a report today"
    r"\b(?:reports?|findings|review|judgements?|inspections?)"
    r"(?:[ \t]+(?-i:of|into|on|by|from|for)[ \t]+(?:the[ \t]+)?[\w'’-]+"
    r"(?:[ \t]+(?-i:[A-Z])[\w'’-]*)*)*[ \t]+(?:(?:in|on|of|from|dated)[ \t]+)?$",
    re.IGNORECASE,
)
# a date right after a report noun in a headline: "HMIC PEEL EFFICIENCY REPORT –
# NOVEMBER 2016"
# a report's title ending with its year: "Annual Assessment of Policing in England and
# Wales 2014", "State of Policing 2019"
RE_TITLE_BEFORE_YEAR = re.compile(
    r"\b(?:Assessment|Report|Review|Inspection|State[ \t]+of[ \t]+Policing)"
    r"(?:[ \t]+(?:of|in|on|for|and|the|[A-Z][\w'’-]*))*[ \t]+$"
)
RE_HEADLINE_REPORT = re.compile(r"\b(?:report|inspection|review)[ \t]*[–—:-][ \t]*$", re.I)
# the year in a law's name: "the Protection from Harassment Act 1997", "the Police
# (Conduct) Regulations 2020"
RE_LAW_BEFORE_YEAR = re.compile(r"\b(?:Act|Regulations|Order|Bill|Rules)[ \t]+(?:of[ \t]+)?$")
# when a body began: "which was launched in 2018", "set up in 2012"
RE_FOUNDED = re.compile(
    r"\b(?:launched|set[ \t]+up|established|founded|created|formed|renamed)[ \t]+"
    r"(?:in[ \t]+|on[ \t]+)?$",
    re.IGNORECASE,
)
# when a review was asked for, not published: "The then police and crime commissioner
# commissioned the review in January this year"
RE_COMMISSIONED = re.compile(
    r"\b(?:commissioned|ordered|requested|asked[ \t]+for)\b[^.;:]{0,80}$", re.IGNORECASE
)
# a publication delayed to a date: "the findings were not made public until Tuesday"
RE_NOT_UNTIL = re.compile(
    r"\bnot[ \t]+(?:been[ \t]+|be[ \t]+)?(?:published|released|issued|made[ \t]+public)"
    r"[ \t]+until[ \t]+$",
    re.IGNORECASE,
)
# a relative clause of a grading right after a date: ", when it was graded 'inadequate'"
RE_WHEN_GRADED = re.compile(
    r",?[ \t]+when[ \t]+(?:it|the[ \t]+force|the[ \t]+service|they)[ \t]+(?:was|were)[ \t]+"
    r"(?:graded|rated|judged|assessed)\b"
)
# a date that bounds a period: "between 1997 and 2013", "from 2010", "since 2014"
RE_PERIOD = re.compile(r"\b(?:between|from|since|until|till|and|to)[ \t]+$", re.IGNORECASE)
# a date right after one of these is when inspectors visited, if it names a month:
# "inspected North Yorkshire Police in November 2021", "the unannounced inspection in
# September 2017", "returned in December 2022", "between June and August 2015"
RE_FIELDWORK_CUE = re.compile(
    r"\b(?:inspect(?:ed|ion|ions)|(?:re)?visit(?:ed|s)?|fieldwork|returned|went back|carried out|"
    r"took place|examined|looked at|between)\b[^,;.]{0,50}$",
    re.IGNORECASE,
)
# ... and a year alone after the doing of it: "an inspection of the force carried out in
# 2024" (not "its inspection in 2016", which names the report by its year)
RE_FIELDWORK_YEAR_CUE = re.compile(
    r"\b(?:(?:re)?visit(?:ed|s)?|fieldwork|carried out|took place)\b[ \t]*(?:in|during)?[ \t]*$",
    re.IGNORECASE,
)
# a date that modifies a report noun: "HMIC's March 2014 report", "last year's
# inspection", "the 2014 PEEL assessment", "last week's publication of the report"
RE_BEFORE_REPORT = re.compile(
    r"^(?:['’]s?)?[ \t]+(?:[\w'’-]+[ \t]+){0,2}?(?:reports?|inspections?|review|assessment|"
    r"findings|judgements?|publication|PEEL|round)\b",
    re.IGNORECASE,
)
# an event that is not a report's coming out, right before the day it took place
RE_EVENT_BEFORE = re.compile(
    r"\b(?:meeting|hearing|conference|debate|session|briefing|interview|event|summit)"
    r"[ \t]+$",
    re.IGNORECASE,
)
# a date between a publisher and its verb: "HMICFRS last month published a damning
# report", "the inspectorate on Tuesday released its findings"
RE_VERB_AFTER_DATE = re.compile(r"^[ \t]+(?:publish(?:ed|es)|releas(?:ed|es)|issued)\b", re.I)
# a date opening the clause whose report it dates: "In March last year, weaknesses
# were highlighted", "Then in 2016 HMI inspected SYP", "In March last year HMICFRS
# published a report", "And back in February 2012, the ... report that HMIC published"
# (not "In May-June, we commissioned a peer review")
RE_CLAUSE_OPENING = re.compile(r"^[ \t\"“‘']*(?:\w+[ \t]+){0,2}(?:[Ii]n|[Oo]n|[Dd]uring)?[ \t]*$")
RE_OPENED_VERB = re.compile(
    r"^[ \t]*,?[^,;:]{0,140}?\b(?:publish(?:ed|es)|releas(?:ed|es)|issued|produced|highlighted|"
    r"graded|rated|judged|found|inspected|criticised|identified|concluded|warned|raised concerns|"
    r"made recommendations)\b",
    re.IGNORECASE,
)
# an earlier report than the article's own: "the previous inspection", "since the
# last inspection", "the damning report of four years ago", "currently holds an
# 'outstanding' grade"
RE_EARLIER = re.compile(
    r"\b(?:previous|prior|last|earlier|former|original|ago|currently|already|keeps|"
    r"retains?|held)\b",
    re.IGNORECASE,
)
# "an 'outstanding' grade for being Effective", "a 'good' rating"
RE_GRADE_NOUN = re.compile(
    r"\b(?:outstanding|good|requires? improvement|inadequate|adequate)['’”\"]?[ \t]+"
    r"(?:grade|grading|rating|judgement|judgment)s?\b",
    re.IGNORECASE,
)
RE_GRADE_WORD = re.compile(
    r"\b(?:outstanding|good|requires? improvement|inadequate|adequate)\b", re.I
)
# a grade given: "rated 'good'", "graded the force outstanding", "judged inadequate"
RE_RATED = re.compile(r"\b(?:rated|graded|judged|grading|rating|grade)\b", re.I)

# --- of what kind ---------------------------------------------------------------

# a force out of special measures: "taken out of special measures", "exiting Special
# Measures", "That status has now been lifted", "leave Engage"
RE_ENGAGE_EXIT = re.compile(
    r"\b(?:(?:taken|moved?|moving|came|come|comes|brought)[ \t]+(?:\w+[ \t]+){0,3}?out[ \t]+of|"
    r"exit(?:s|ed|ing)?|leav(?:e|es|ing)|left|removed[ \t]+from)[ \t]+(?:the[ \t]+)?"
    r"(?:[Ss]pecial[ \t]+[Mm]easures|[Ee]ngage|enhanced[ \t]+monitoring)\b|"
    r"\b(?:status|monitoring)[ \t]+(?:has[ \t]+)?(?:now[ \t]+)?been[ \t]+lifted\b",
)
ENGAGE_WORDS = ("measures", "engage", "monitoring", "lifted")
# a national or thematic report's own words, to look past for its theme
RE_THEMATIC = re.compile(r"\b(?:national[ \t]+)?thematic\b|\bnational[ \t]+inspection\b", re.I)
# "part of the PEEL assessment", "part of its rolling annual PEEL programme"
RE_PART_OF_PEEL = re.compile(
    r"\bparts?[ \t]+of[ \t]+(?:the|its|their|HMIC['’]s)?[ \t]*PEEL\b", re.I
)
# a cause of concern followed up, reviewed or lifted: a post-inspection review
RE_CAUSE_OF_CONCERN = re.compile(r"\bcauses?[ \t]+(?:of|for)[ \t]+concern\b", re.IGNORECASE)
RE_FOLLOW_UP = re.compile(
    r"\b(?:review|revisit\w*|discharged|lifted|closed|removed)\b", re.IGNORECASE
)
# the graded areas of a PEEL assessment (2018 on): "inadequate in five of 10 areas"
RE_PEEL_AREAS = re.compile(
    r"\b(?:eight|nine|ten|8|9|10)[ \t]+(?:graded[ \t]+)?(?:areas|categories)\b",
    re.IGNORECASE,
)
# a review of progress: "HMICFRS have since reviewed how much progress has been made"
RE_PROGRESS_REVIEW = re.compile(
    r"\b(?:reviewed|reviewing|review(?:ed)?[ \t]+of|assessed|checked|examined)[ \t]+"
    r"(?:how[ \t]+much[ \t]+|the[ \t]+|its[ \t]+)?progress\b|"
    r"\bprogress[ \t]+(?:review|report|inspection)\b",
    re.IGNORECASE,
)
# inspectors back to check: "Inspectors ... returned in December 2022 to carry out a
# review", "HMIC went back to every police force", "they revisited the force" (not "She
# came back at 6 o'clock, and police neither checked", a case the report tells)
RE_RETURNED = re.compile(
    r"\b(?:[Ii]nspectors?|[Ii]nspectorate|HMI\w*|[Tt]hey|[Ww]e|[Ii]t)\b[^.;]{0,40}?"
    r"\b(?:returned|went[ \t]+back|revisit(?:ed|s)?|came[ \t]+back)\b[^.;]{0,60}?"
    r"\b(?:review|inspect\w*|check\w*|assess\w*)\b",
    re.IGNORECASE,
)
# crimes left unrecorded: a crime data integrity inspection
RE_CDI = re.compile(
    r"\b(?:fail(?:ed|ing|s)?[ \t]+to[ \t]+(?:\w+ly[ \t]+)?record|unrecorded|undocumented|"
    r"under-recording|crimes?\b[^.;:]{0,60}?[ \t](?:are|were|is|was)[ \t]+not[ \t]+"
    r"(?:being[ \t]+)?(?:\w+ly[ \t]+)?recorded|"
    r"record(?:ing)?[ \t]+crimes?[ \t]+(?:correctly|accurately|properly)|"
    # "rated 'inadequate' for recording serious crime", "for the way it records crime"
    r"for[ \t]+(?:recording|(?:the[ \t]+way|how)[ \t]+(?:it|they)[ \t]+records?)[ \t]+"
    r"(?:[\w-]+[ \t]+)?crimes?)\b",
    re.IGNORECASE,
)
CDI_WORDS = ("record", "undocumented")
PILLARS = ("effectiveness", "efficiency", "legitimacy")
# The PEEL pillars were reported one by one from 2015 to early 2018; the 2014 PEEL
# reports and the integrated assessments from 2019 on judge a force as a whole.
PILLAR_YEARS = range(2015, 2019)
# the first PEEL reports (2014): a report of before then that names the areas PEEL
# grades ("anti-social behaviour", "keeping people safe") is no PEEL report
PEEL_FIRST_YEAR = 2014


# words that may qualify a report noun in its kind ("the national thematic report",
# "its annual Peel report"), beyond capitalised words and the scheme's label words
MODIFIERS = frozenset(
    [
        "annual",
        "latest",
        "new",
        "final",
        "interim",
        "full",
        "joint",
        "national",
        "thematic",
        "unannounced",
        "damning",
        "independent",
        "follow-up",
        "post-inspection",
        "inspection",
        "inspectorate",
        "watchdog",
        "recent",
        "most",
        "first",
        "second",
        "third",
        "further",
        "separate",
        "learning",
    ]
)
RE_WORD = re.compile(r"[\w'’&-]+")
# where a kind's "on/into/of ..." complement ends: a verb or a relative word
RE_COMP_END = re.compile(
    rf"\b(?:which|that|who|{AUXILIARIES}|do|"
    r"said|says|found|finds|published|shows?|showed|reveal\w*|conclud\w*|"
    r"by|after|before|since|because|when|as|for|with|from|following|in[ \t]+\d{4}|"
    r"on[ \t]+\d+|today|yesterday|this[ \t]+(?:morning|week)|"
    r"(?-i:January|February|March|April|May|June|July|August|September|October|"
    r"November|December))"
    r"\b|[,;:]|\b(?!(?:organised|integrated|unannounced|related|based|combined)\b)[a-z]+ed\b"
)
# a list in a kind's complement: "report on the effectiveness, efficiency and legitimacy"
RE_COMP_LIST = re.compile(r"^[^,;:]+(?:,[ \t]+[\w-]+(?:[ \t]+[\w-]+)?)+,?[ \t]+and[ \t]+[\w-]+")


@dataclass(frozen=True, slots=True)
class _Mention:
    """What one sentence says of one report."""

    sent: Sentence
    publisher: str
    subjects: tuple[str, ...]
    national: bool
    date: PartialDate | None
    earlier: bool  # an earlier report than the article's own
    kind: str  # the report's words, "" when the sentence has no report noun
    concepts: tuple[str, ...]  # one report per concept: the pillars of "rated good for X and Y"
    weak: str | None = None  # a concept only the sentence around the report suggests
    # forces named only in someone's title ("the PCC for Humberside"): the subject, when
    # nothing else names one
    titled: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Trigger:
    start: int
    end: int
    what: str  # "noun", "grade", "exit", "judged", "agent"


@dataclass(frozen=True, slots=True)
class _Context:
    """What every sentence of an article is read against."""

    article: Article
    types: dict[str, OrgType]  # organization key -> its type
    roles: dict[Span, list[tuple[int, str]]]  # sentence -> inspectorates its roles imply
    default: str | None  # the publisher a sentence that names none means
    prisons: dict[str, str]  # a prison's key -> the key of the prison it is
    has_force: bool  # the article names a police force, or a force's area
    own: str | None = None  # the body whose own page it is, speaking as "we"
    since: int | None = None  # an undated article: the earliest year it can be from
    places: bool = True  # a force may be named by its place alone (see extract)
    names: tuple[Span, ...] = ()  # where people are named: a place inside one is no force


def extract(
    article: Article,
    sents: list[Sentence],
    orgs: list[OrgMention],
    people: list[PersonMention] | None = None,
) -> list[ReportClaim]:
    types = {m.org: m.kind for m in orgs if m.kind is not None}
    by_sent: dict[tuple[int, int], list[OrgMention]] = {}
    for m in orgs:
        by_sent.setdefault((m.evidence.start, m.evidence.end), []).append(m)
    # "HM Inspector of Constabulary" in a Scottish article is HMICS's: a role's
    # inspectorate counts where the article names it, or names none
    named_insp = {k for k, t in types.items() if t is OrgType.INSPECTORATE}
    mentioned = mentioned_for_titles(article.text, frozenset(m.org for m in orgs))
    roles = {
        sent.span: [
            (p, k)
            for p, k in _inspectorate_roles(article, sent, mentioned)
            if not named_insp or k in named_insp
        ]
        for sent in sents
    }
    default = _default_publisher(article, sents, orgs, types, by_sent, roles)
    has_force = OrgType.POLICE_FORCE in types.values() or any(
        place_keys().get(fold(p.group())) for p in re_place().finditer(article.text)
    )
    own = _own_body(article)
    if default is None and own is not None:
        default = own
    since = _written_since(article.text) if article.reference_date is None else None
    prisons = _same_prisons(orgs)
    # an article about a prison, or about a fire and rescue service (a body an
    # inspectorate inspects besides forces) that names no force: "Surrey firefighters",
    # "Surrey 999 cover" are the service's, not Surrey Police's
    services = OrgType.POLICE_FORCE not in types.values() and any(
        _inspected(m, k) for m in orgs for k in _inspecting()
    )
    # (nor news of a jail that names no force: "Foston Hall in Derbyshire and Bronzefield
    # in Surrey were given mixed verdicts" is of prisons, not of those places' forces)
    jails = (
        OrgType.POLICE_FORCE not in types.values() and len(RE_JAIL_WORD.findall(article.text)) >= 3
    )
    places = not prisons and not services and not jails
    names = tuple(p.span for p in people or ())
    ctx = _Context(article, types, roles, default, prisons, has_force, own, since, places, names)
    mentions: list[_Mention] = []
    # the forces the sentence before named, in its paragraph, or in a paragraph of one
    # sentence before it (online news: "The figure for Gwent Police held steady. / But
    # the IPCC upheld ... / That follows criticism ... of the force's ...")
    previous: list[str] = []
    named: list[str] = []  # every force named so far, the latest last
    paragraph = -1
    every_force = False  # the article's own inspection is of every force
    inspected = _inspected_forces(article, sents, by_sent, types)
    for n, sent in enumerate(sents):
        if sent.paragraph != paragraph:
            single = n > 0 and (n < 2 or sents[n - 2].paragraph != sents[n - 1].paragraph)
            if not single:
                previous = []
            paragraph = sent.paragraph
        in_sent = by_sent.get((sent.span.start, sent.span.end), [])
        forces = _unique(m.org for m in in_sent if types.get(m.org) is OrgType.POLICE_FORCE)
        # the article's own inspection is of every force: a force graded in it later is
        # graded in that report ("HMIC inspected all 43 police forces ... Only three -
        # Bedfordshire, Gwent and Nottinghamshire - were told they require improvement")
        found = _mentions(ctx, sent, in_sent, previous, named, every_force)
        every_force = every_force or any(
            not m.earlier and (m.national or RE_PER_FORCE.search(sent.text) is not None)
            for m in found
        )
        listed = _listed_forces(article, sents, n, by_sent, types) if found else []
        if listed:
            # "Inspectors picked out four forces as being of particular concern: / -
            # Bedfordshire / - Greater Manchester ...": the forces its list names
            found = [
                replace(m, subjects=tuple(listed), national=False, titled=())
                for m in found
                if not m.subjects
            ] + [m for m in found if m.subjects]
        elif inspected:
            # "present in all eight police forces inspected - the Met, Kent, Cumbria
            # ...": the forces a national inspection looked at, one report each
            found = [
                replace(m, subjects=tuple(inspected), national=False, titled=())
                if not m.subjects and not m.earlier and _inspects_forces(m.publisher)
                else m
                for m in found
            ]
        mentions += found
        if forces:
            named = [f for f in named if f not in forces] + forces
            previous = forces
    if not mentions:
        return []
    all_forces = frozenset(k for k, t in types.items() if t is OrgType.POLICE_FORCE)
    return _claims(article, sents, _with_main_subjects(mentions, orgs, types, sents), all_forces)


# a sentence that says which forces an inspection looked at: "all eight police forces
# inspected", "Inspectors also looked at practices in the ... forces", "the inspection
# covered six forces"
RE_FORCES_INSPECTED = re.compile(
    r"\bforces[ \t]+(?:(?:it|we|they|inspectors|HMICFRS|HMIC)[ \t]+)?"
    r"(?:inspected|examined|visited|reviewed|looked[ \t]+at)\b"
    r"|\b(?:inspected|examined|visited|covered|looked[ \t]+at[ \t]+(?:practices[ \t]+)?in)"
    r"[ \t]+(?:the[ \t]+)?(?:[a-z]+[ \t]+)?(?:police[ \t]+)?forces\b"
    r"|\bforces\b[^.;:]{0,40}\bwere[ \t]+(?:inspected|examined|visited)\b"
    r"|\b(?:inspected|examined|visited|looked[ \t]+at[ \t]+(?:practices[ \t]+)?in)"
    r"[ \t]+(?:the[ \t]+)?[A-Z][^.;]{0,120}\bforces\b"
)


def _inspected_forces(
    article: Article,
    sents: list[Sentence],
    by_sent: dict[tuple[int, int], list[OrgMention]],
    types: dict[str, OrgType],
) -> list[str]:
    """The forces the sentences that say which forces an inspection looked at name, two
    or more in a sentence ("... all eight police forces inspected - the Met, Kent, ...";
    "Inspectors also looked at practices in the Cumbria, South Wales and Dorset
    forces"), in the article's order."""
    out: list[str] = []
    for sent in sents:
        if "forces" not in sent.text or not RE_FORCES_INSPECTED.search(sent.text):
            continue
        named = _unique(
            m.org
            for m in by_sent.get((sent.span.start, sent.span.end), [])
            if types.get(m.org) is OrgType.POLICE_FORCE
        )
        if len(named) >= 2:
            out += named
    return _unique(out)


def _listed_forces(
    article: Article,
    sents: list[Sentence],
    n: int,
    by_sent: dict[tuple[int, int], list[OrgMention]],
    types: dict[str, OrgType],
) -> list[str]:
    """The forces of the list a sentence ending with a colon leads into, one item each."""
    if not sents[n].text.rstrip().endswith(":"):
        return []
    out: list[str] = []
    for sent in sents[n + 1 :]:
        if not RE_LIST_ITEM.match(article.text, sent.span.start, sent.span.end):
            break
        out += [
            m.org
            for m in by_sent.get((sent.span.start, sent.span.end), [])
            if types.get(m.org) is OrgType.POLICE_FORCE
        ]
    return _unique(out)


def _is_headline(article: Article, sent: Sentence) -> bool:
    """Whether a sentence is the article's headline (its title, as the page gives it)."""
    return bool(article.title) and " ".join(sent.text.split()).lstrip("# ") == article.title


def _unique(items: object) -> list[str]:
    return list(dict.fromkeys(items))  # type: ignore[call-overload]


# --- publishers -------------------------------------------------------------------


@functools.cache
def _inspector_words() -> tuple[str, ...] | None:
    """Words one of which every label of an inspectorate's role holds (see any_in)."""
    lex = lexicon()
    labels = [
        lb
        for r in lex.roles.values()
        if r.default_org in lex.orgs and lex.orgs[r.default_org].type is OrgType.INSPECTORATE
        for lb in r.labels
    ]
    return label_words(labels)


def _inspectorate_roles(
    article: Article, sent: Sentence, mentioned: frozenset[str]
) -> list[tuple[int, str]]:
    """Inspectorates a sentence names by their chiefs or inspectors ("Peter Clarke, HM
    Chief Inspector of Prisons", "the Chief Inspector of Constabulary" in an article
    about Police Scotland), or by the sector they inspect ("prison inspectors")."""
    lex = lexicon()
    out: list[tuple[int, str]] = []
    words = _inspector_words()
    low = lowered(sent.text)
    if words is not None and not any_in(words, low) and not any_in(("inspector", "watchdog"), low):
        return out
    for a, b in role_spans(article.text, sent.span.start, sent.span.end):
        key = role_key(article.text[a:b])
        role = lex.roles.get(key) if key else None
        org = lex.orgs.get(role.default_org) if role and role.default_org else None
        if key and org is not None and org.type is OrgType.INSPECTORATE:
            # an inspectorate's title another shares, the one the article means
            meant = lex.roles[role_meant(key, mentioned)]
            out.append((a, meant.default_org or org.key))
    if any_in(("inspector", "watchdog"), lowered(sent.text)):
        labels = org_labels()
        for m in RE_SECTOR_INSPECTORS.finditer(sent.text):
            sector = fold(m.group("sector"))
            for form in (sector, sector.rstrip("s"), sector.rstrip("s") + "s"):
                key = labels.get(form + " inspectorate")
                if key:
                    out.append((sent.span.start + m.start(), key))
                    break
    return out


def _agents(
    article: Article, sent: Sentence, in_sent: list[OrgMention], types: dict[str, OrgType]
) -> list[tuple[int, str]]:
    """Bodies other than forces and inspectorates that the sentence makes a report's
    author: "a peer review of the force by the College of Policing", "officers
    investigated by the IOPC", "the IOPC published a learning report"."""
    text = article.text
    out = []
    for m in in_sent:
        if types.get(m.org) not in (OrgType.GOVERNMENT_BODY, OrgType.OTHER) or _is_prison(m):
            continue
        before = text[max(sent.span.start, m.span.start - 90) : m.span.start]
        after = text[m.span.end : min(sent.span.end, m.span.end + 140)]
        if RE_INSPECTORATE_AFTER.match(text, m.span.end):
            continue  # "the CPS inspectorate": the body it inspects
        by = RE_AGENT_BEFORE.search(before)
        found = RE_FOUND_AFTER.match(after)
        if (
            (by and RE_AGENT_NOUN_BEFORE.search(before[: by.start()]))
            or RE_AGENT_AFTER.match(after)
            or (RE_IN_REPORT.match(sent.text) and RE_SAID_AFTER.match(after))
            or (found is not None and RE_POLICE_WORDS.search(found.group("what")))
        ):
            out.append((m.span.start, m.org))
    return out


# the words of a prison's name that are no prison words: "Feltham" of "HM YOI Feltham A"
RE_PRISON_WORDS = re.compile(
    r"\b(?:HMP|HMYOI|HM|YOI|Prison|Young|Offenders?|Institut(?:e|ion)|[A-Z])\b|[/&]"
)


def _same_prisons(orgs: list[OrgMention]) -> dict[str, str]:
    """Each prison's key -> the key of the first-named prison it shares a name word
    with: "HM YOI Feltham A" is "Feltham Young Offenders Institute"."""
    out: dict[str, str] = {}
    seen: list[tuple[str, set[str]]] = []
    for m in orgs:
        if m.org in out or not _is_prison(m):
            continue
        words = set(RE_PRISON_WORDS.sub(" ", m.name or "").split())
        same = next((k for k, w in seen if w & words), None)
        out[m.org] = same or m.org
        if same is None:
            seen.append((m.org, words))
    return out


def _type(key: str, types: dict[str, OrgType]) -> OrgType | None:
    entry = lexicon().orgs.get(key)
    return entry.type if entry is not None else types.get(key)


def _is_prison(m: OrgMention) -> bool:
    return m.name is not None and re_prison().search(m.name) is not None


def _default_publisher(
    article: Article,
    sents: list[Sentence],
    orgs: list[OrgMention],
    types: dict[str, OrgType],
    by_sent: dict[tuple[int, int], list[OrgMention]],
    roles: dict[Span, list[tuple[int, str]]],
) -> str | None:
    """The inspectorate the article is most about (named, or by its chief or sector),
    else the first body it makes a report's author."""
    named = [m for m in orgs if types.get(m.org) is OrgType.INSPECTORATE and not m.by_context]
    lead = joint_lead(article.text, named)
    if lead is not None:
        return lead
    found = [(m.span.start, m.org) for m in named]
    for sent in sents:
        found += roles[sent.span]
    if found:
        counts = Counter(k for _, k in found)
        first = {k: p for p, k in sorted(found, reverse=True)}
        return min(counts, key=lambda k: (-counts[k], first[k]))
    for sent in sents:
        agents = _agents(article, sent, by_sent.get((sent.span.start, sent.span.end), []), types)
        if agents:
            return min(agents)[1]
    return None


def _publisher_in(
    ctx: _Context, sent: Sentence, in_sent: list[OrgMention], agents: list[tuple[int, str]]
) -> str | None:
    """The body the sentence gives as the report's publisher: the first it names (the
    lead of a joint inspection is named first)."""
    text = ctx.article.text
    found = [
        (m.span.start, m.org)
        for m in in_sent
        if ctx.types.get(m.org) is OrgType.INSPECTORATE
        # "HM Inspectorate of Prisons took part in the unannounced inspection": a
        # partner in another's inspection, not the publisher of one of its own
        and not RE_TOOK_PART.match(text, m.span.end, sent.span.end)
    ]
    found += ctx.roles[sent.span] + agents
    return min(found)[1] if found else None


# --- one sentence -----------------------------------------------------------------


def _within(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` is inside one of ``spans`` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, 1 << 62)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _clause(text: str, pos: int) -> tuple[int, int]:
    """The clause of ``text`` around ``pos``, no wider than ``NEAR`` characters on
    either side (a sentence's words about a report are near it; the bound keeps a
    sentence with many report words linear)."""
    breaks = _clause_breaks(text)
    k = bisect.bisect_right(breaks, (pos, pos))
    start = max(0, pos - NEAR)
    for _, b_end in reversed(breaks[:k]):
        if b_end <= pos:
            start = max(start, b_end)
            break
    end = min(len(text), pos + NEAR)
    for b_start, _ in breaks[k:]:
        if b_start >= pos:
            end = min(end, b_start)
            break
    return start, end


NEAR = 300


@functools.lru_cache(maxsize=256)
def _clause_breaks(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in RE_CLAUSE_BREAK.finditer(text)]


def _triggers(text: str, low: str, has_agent: bool, graded: bool, agents: bool) -> list[_Trigger]:
    """Where the sentence speaks of a report (see the module docstring)."""
    out: list[_Trigger] = []
    if any_in(REPORT_NOUN_WORDS, low):
        for m in RE_REPORT_NOUN.finditer(text):
            if RE_NOT_REPORT_BEFORE.search(text, max(0, m.start() - 14), m.start()):
                continue
            after = text[m.end() : m.end() + 40]
            if RE_NOT_REPORT_AFTER.match(after) or (
                m.group().lower() == "reports" and RE_REPORTS_OF_THINGS.match(after)
            ):
                continue
            word = m.group().lower()
            if word == "peel" and RE_PEEL_MODIFIER.match(text, m.end()):
                continue  # "PEEL inspection", "PEEL EFFICIENCY REPORT": the noun after is the head
            if word.startswith(("judg", "assess")) and not (graded or has_agent):
                continue  # "sound judgement", "an assessment of the risk"
            if _by_other_role(text, m.end()):
                continue
            out.append(_Trigger(m.start(), m.end(), "noun"))
    if graded:
        out += [_Trigger(m.start(), m.end(), "grade") for m in RE_GRADE_NOUN.finditer(text)]
    if any_in(ENGAGE_WORDS, low):
        out += [_Trigger(m.start(), m.end(), "exit") for m in RE_ENGAGE_EXIT.finditer(text)]
    if any_in(("return", "back", "revisit"), low):
        # "Inspectors ... returned in December 2022 to carry out a review", "HMICFRS
        # inspectors revisited Kent Police in March to check on progress"
        out += [_Trigger(m.start(), m.end(), "exit") for m in RE_RETURNED.finditer(text)]
    if agents and any_in(("investigat", "inquir", "enquir"), low):
        out += [_Trigger(m.start(), m.end(), "agent") for m in RE_INVESTIGATION.finditer(text)]
    if agents and not out and any_in(("found", "concluded", "ruled", "determined"), low):
        # "the IOPC concluded that officers ...": what its investigation found
        out += [
            _Trigger(m.start("verb"), m.end("verb"), "agent") for m in RE_FOUND_AFTER.finditer(text)
        ][:1]
    if has_agent and not out and any_in(("published", "released", "issued"), low):
        # "HMICS this morning released its Strategic overview of British Transport
        # Police": what an inspectorate publishes is a report, whatever it is called
        out += [_Trigger(m.start(), m.end(), "noun") for m in RE_RELEASED_ITS.finditer(text)][:1]
    if has_agent and "last" in low:
        # "inspectors last went to the prison in 2016": the visit before, its report
        # (not "improvements since the two inspectorates last visited in 2014")
        out += [
            _Trigger(m.start(), m.end(), "judged")
            for m in RE_LAST_VISIT.finditer(text)
            if not RE_SINCE_BEFORE.search(text, max(0, m.start() - 40), m.start())
        ]
    if not out and any_in(INSPECTED_WORDS, low):
        rx = RE_INSPECTED if has_agent else RE_JUDGED if graded else None
        if rx is not None:
            out += [_Trigger(m.start(), m.end(), "judged") for m in rx.finditer(text)][:1]
    if any_in(FUTURE_WORDS, low):
        kept = []
        for t in out:
            a, b = _clause(text, t.start)
            if (
                not RE_FUTURE_BEFORE.search(text, a, t.start)
                # near the noun: not "... the demand it is likely to face in future"
                and not RE_FUTURE_AFTER.search(text, t.end, min(b, t.end + FUTURE_REACH))
                and not (t.what == "noun" and RE_WILL_AFTER.match(text, t.end, b))
            ):
                kept.append(t)
        out = kept
    return out


def _by_other_role(text: str, end: int) -> bool:
    """Whether a report noun ending at ``end`` is one a force's role holder made: "a
    review ... by the Police and Crime Commissioner"."""
    by = RE_BY_ROLE_AFTER.match(text, end)
    if by is None:
        return False
    lex = lexicon()
    for a, b in role_spans(text, by.end(), min(len(text), by.end() + 80)):
        if a != by.end():
            break
        key = role_key(text[a:b])
        role = lex.roles.get(key) if key else None
        org = lex.orgs.get(role.default_org) if role and role.default_org else None
        # a role in a force, or in none ("Police and Crime Commissioner"); not one in
        # a body that reports ("former police ombudsman Al Hutchinson")
        return role is not None and (org is None or org.type is OrgType.POLICE_FORCE)
    return False


def _mentions(
    ctx: _Context,
    sent: Sentence,
    in_sent: list[OrgMention],
    previous: list[str],
    named: list[str],
    in_national: bool = False,
) -> list[_Mention]:
    text = sent.text
    low = lowered(text)
    if RE_HABITUAL.search(text) or not (
        any_in(TRIGGER_WORDS, low) or in_national and RE_GRADE_WORD.search(text)
    ):
        return []
    article, types = ctx.article, ctx.types
    agents = _agents(article, sent, in_sent, types)
    if ctx.own is not None and "our" in low and (our := RE_OUR_WORK.search(text)):
        # "Our investigation into the actions of officers ..." on the IOPC's own page
        agents.append((sent.span.start + our.start(), ctx.own))
    publisher_here = _publisher_in(ctx, sent, in_sent, agents)
    has_agent = publisher_here is not None or RE_INSPECTORS.search(text) is not None
    graded = RE_GRADE_WORD.search(text) is not None
    triggers = _triggers(text, low, has_agent, graded, bool(agents))
    forces_here = any(types.get(m.org) is OrgType.POLICE_FORCE for m in in_sent)
    if not triggers and in_national and forces_here and (grade := RE_GRADE_WORD.search(text)):
        triggers = [_Trigger(grade.start(), grade.end(), "judged")]
    if "review" in low or "report" in low:
        reviews = [m.span() for m in RE_NAMED_REVIEW.finditer(text)]
        triggers = [t for t in triggers if not _within(reviews, t.start)]
    # a word of a body's name is no report: "Review" in "Police Investigations and
    # Review Commissioner"
    lo = sent.span.start
    triggers = [
        t
        for t in triggers
        if not any(
            not m.by_context and m.span.start - lo <= t.start and t.end <= m.span.end - lo
            for m in in_sent
        )
    ]
    if not triggers:
        return []
    publisher = publisher_here or ctx.default
    if publisher is None:
        return []
    found, titled = _subjects_in(article, sent, in_sent, types, publisher, ctx.places, ctx.names)
    subjects = _unique(ctx.prisons.get(s, s) for s in found)
    if not subjects and RE_BOTH_FORCES.search(text) and len(named) >= 2:
        subjects = named[-2:]
    if not subjects and previous and RE_FORCE_PRONOUN.search(text):
        subjects = list(previous)
    if not _inspects_forces(publisher):
        # HMCPSI's report on letters to victims in South Yorkshire is not the force's
        subjects = [s for s in subjects if not _is_force(s, types)]
        titled = [s for s in titled if not _is_force(s, types)]
    national = (
        not subjects
        and not titled
        and any_in(NATIONAL_WORDS, low)
        and (RE_NATIONAL.search(text) is not None or RE_FORCES_OPENING.match(text) is not None)
        and RE_BOTH_FORCES.search(text) is None
        and (RE_PER_FORCE.search(text) is None or not ctx.has_force)
    )
    if national and ctx.has_force and RE_PROGRAMME.search(text):
        return []  # the programme the article's report belongs to, described
    ref = article.reference_date
    published, fieldwork = _dates(text, ref, ctx.since)
    date = published[0][1] if published else None
    # a headline in the present tense is the day's news: "HMICS publish thematic
    # inspection of police custody" on a page of 11 August 2014; so is a report being
    # published as the article is written: "He was publishing the report of an
    # unannounced inspection"
    if (
        date is None
        and ref is not None
        and ref.day
        and (
            (RE_PUBLISHES.search(text) and _is_headline(article, sent))
            or RE_PUBLISHING.search(text)
        )
    ):
        date = ref
    # "graded 'good'" with neither inspectors nor a time: no report in view ("today it
    # was judged to 'require improvement'" is one, dated or not)
    timed = date is not None or (
        any_in(dates.RELATIVE_WORDS, low) and dates.RE_RELATIVE.search(text) is not None
    )
    judged_only = {t.what for t in triggers} == {"judged"}
    if judged_only and not has_agent and not timed and not (in_national and forces_here):
        return []
    if date is None and fieldwork is not None and ref is not None and _recent(fieldwork, ref):
        # "an inspection earlier this month at HMYOI Cookham Wood, which found ...": a
        # visit this month or last is the report's month
        date = fieldwork.month_only()
    when = date or ref
    era = when.year if when is not None else None
    if era is not None and subjects:
        # a force that had ended by then ("the former Tayside force" in 2017, the RUC
        # beside a 2019 report) is no subject of the report
        lex = lexicon().orgs
        subjects = [s for s in subjects if not (s in lex and (lex[s].dissolved or 9999) <= era)]
    if subjects:
        forces = all(_type(s, types) is OrgType.POLICE_FORCE for s in subjects)
    else:  # the article's force, when it has one
        forces = not national and any(k is OrgType.POLICE_FORCE for k in types.values())
    out: list[_Mention] = []
    for t in triggers:
        earlier = _is_earlier(text, t)
        if date is None and fieldwork is not None and ref is not None:
            earlier = earlier or _months(fieldwork, ref) > 12
        own = date
        if len(published) > 1 and ref is not None:
            # two reports dated apart: "Last year's first review made 11 recommendations, and
            # the follow-up report, published on Wednesday, looked at ...", "a report
            # published today ... after receiving the same 'inadequate' grade last year":
            # each report noun takes the date nearest it, and an earlier date an earlier one
            own = min(published, key=lambda p: abs(p[0] - t.start))[1]
            earlier = earlier or not _recent(own, ref)
        if earlier and date is None and RE_SINCE_LAST.search(text, max(0, t.start - 40), t.start):
            continue  # "has made progress since our last inspection": no report in view
        if (
            own is None
            and fieldwork is not None
            and ref is not None
            and _months(fieldwork, ref) > 12
        ):
            # an earlier inspection is known by when it was made: "When HMIC first
            # inspected them in August 2010, it found ..."
            own = fieldwork.month_only() if fieldwork.month else fieldwork
        # an earlier report's kind is in its own clause; the rest of the sentence is
        # about the article's own report ("... needs to improve its work on X, but HMIC
        # praised the progress since being graded 'requires improvement' last year")
        past = earlier or (own is not None and (ref is None or not _recent(own, ref)))
        rated = graded and RE_RATED.search(text) is not None
        kind, concepts, weak = _kind_of(text, t, era, rated, forces, past, ctx.since)
        out.append(
            _Mention(
                sent,
                publisher,
                tuple(subjects),
                national,
                own,
                earlier,
                kind,
                concepts,
                weak,
                () if subjects else tuple(titled),
            )
        )
    return _one_per_time(out, ref)


def _one_per_time(mentions: list[_Mention], ref: PartialDate | None) -> list[_Mention]:
    """A sentence's triggers as at most two mentions: the article's own report and an
    earlier one ("the most recent inspection ... since the damning report of four
    years ago"); the date goes to the one it fits."""
    now = [m for m in mentions if not m.earlier]
    before = [m for m in mentions if m.earlier]
    out = []
    for group, is_earlier in ((now, False), (before, True)):
        if not group:
            continue
        best = next((m for m in group if m.concepts), group[0])
        if best.kind == "":
            best = replace(best, kind=next((m.kind for m in group if m.kind), ""))
        date = best.date
        if now and before:
            fits = [
                m.date
                for m in group
                if m.date is not None and (ref is not None and _recent(m.date, ref)) != is_earlier
            ]
            date = fits[0] if fits else None
        out.append(replace(best, date=date, earlier=is_earlier))
    return out


def _is_earlier(text: str, t: _Trigger) -> bool:
    """Whether the words about a report noun make it an earlier report: "since the
    last inspection", "its previous inspection", "the damning report of four years
    ago", "currently holds an 'outstanding' grade"."""
    a, b = _clause(text, t.start)
    words = RE_WORD.findall(
        text[a : t.start] if t.what == "grade" else text[max(a, t.start - 40) : t.start]
    )
    near = " ".join(words[-3:] if t.what == "noun" else words)
    return RE_EARLIER.search(near) is not None or RE_AGO_AFTER.match(text, t.end, b) is not None


# an earlier report only as the start of a period: "progress since our last inspection",
# "improvements since the previous report", "improvements since it was last inspected"
RE_SINCE_LAST = re.compile(
    r"\bsince[ \t]+(?:(?:the|our|its|their|his|her)[ \t]+(?:last|previous|prior)[ \t]+"
    r"(?:[\w-]+[ \t]+)?|(?:it|they|the[ \t]+force|we)[ \t]+(?:was|were)[ \t]+last[ \t]+)$",
    re.IGNORECASE,
)
# "the report of four years ago", "the inspection from two years ago"
RE_AGO_AFTER = re.compile(r"[ \t]+(?:of|from)[ \t]+(?:[\w-]+[ \t]+){1,3}ago\b")


def _subjects_in(
    article: Article,
    sent: Sentence,
    in_sent: list[OrgMention],
    types: dict[str, OrgType],
    publisher: str,
    places: bool = True,
    names: tuple[Span, ...] = (),
) -> tuple[list[str], list[str]]:
    """The forces and prisons a sentence names, and bodies in the slot of what was
    inspected; with ``places`` (an article about no prison), a force named by its place
    alone, outside people's ``names`` ("Steve Kent"). Apart: the forces named only in
    someone's title."""
    out = []
    text = article.text
    aside: set[str] = set()  # forces named as a partner, an example or in a title
    titled: list[str] = []
    for m in in_sent:
        kind = types.get(m.org)
        if m.org == publisher or kind is OrgType.INSPECTORATE:
            continue
        if kind is OrgType.POLICE_FORCE or _is_prison(m) or _inspected(m, publisher):
            if _in_title(text, m.span, sent.span.start):
                titled.append(m.org)
                aside.add(m.org)
            elif _named_aside(text, m.span, sent.span.start):
                aside.add(m.org)
            else:
                out.append(m.org)
            continue
        before = text[max(sent.span.start, m.span.start - 40) : m.span.start]
        if not _in_remit(kind, publisher):
            continue  # a body of a kind it never inspects: "a review of the SNP's policy"
        if _audience(m):
            continue  # a report's audience, not its subject: "told the Home Affairs Committee"
        slot = RE_OBJECT_SLOT.search(before)
        if slot and text[m.span.end : m.span.end + 1] not in "-–" and not _role_of(before, slot):
            out.append(m.org)
        elif RE_JUDGED_OBJECT.search(before) or RE_JUDGED_BODY_AFTER.match(text, m.span.end):
            # the body a report judged: "Derek Penman of HMICS criticised the SPA", "The
            # Scottish Police Authority (SPA) came in for criticism"
            out.append(m.org)
    # "Greater Manchester Police (GMP)": one force, however often named
    out = [o for o in out if o not in aside]
    if places:
        # a force by its place: "Humberside was the only force to receive the inadequate
        # grading", "police custody in Northern Ireland", also beside forces named in
        # full: "rated Kent and Cheshire inadequate, while Cambridgeshire was found to
        # require improvement"
        taken = [m.span for m in in_sent] + list(names)
        for p in re_place().finditer(text, sent.span.start, sent.span.end):
            key = place_keys().get(fold(p.group()))
            if not key or any(s.start <= p.start() < s.end for s in taken):
                continue
            if fold(p.group()) in jurisdiction_places() and not RE_POLICE_BEFORE.search(
                text, max(sent.span.start, p.start() - 50), p.start()
            ):
                continue  # "the criminal justice system in Northern Ireland": the country
            if any(
                types.get(m.org) is OrgType.POLICE_FORCE
                and RE_IN_GAP.fullmatch(text, m.span.end, p.start())
                for m in in_sent
            ):
                continue  # "British Transport Police in Scotland": that force's part there
            if _in_title(text, Span(p.start(), p.end()), sent.span.start):
                titled.append(key)
            elif not _named_aside(text, Span(p.start(), p.end()), sent.span.start):
                out.append(key)
    return _unique(out), _unique(o for o in titled if o not in out)


# a force named as another's partner, not as inspected: "the break-up of the force's
# alliance with Warwickshire", "its collaboration with Cheshire"
RE_PARTNER_BEFORE = re.compile(
    r"\b(?:(?:alliance|collaboration|partnership|merger|partners?)[ \t]+(?:with|between)|"
    # "this department is shared with the Bedfordshire and Cambridgeshire forces"
    r"(?:shared|run|operated|provided)[ \t]+(?:jointly[ \t]+)?with)[ \t]+"
    r"(?:the[ \t]+)?(?:(?:[A-Z][\w'’-]*[ \t]+){1,3}and[ \t]+)?$"
)
# a force named as an example among many: "examples of promising practice, among them
# work by Dyfed-Powys Police", "forces such as Kent"
RE_EXAMPLE_BEFORE = re.compile(
    r"\b(?:among[ \t]+them|such[ \t]+as|for[ \t]+example|e\.g\.)[ \t,]+"
    r"(?:(?:work|practice|that|those)[ \t]+(?:by|of|in|at)[ \t]+)?(?:the[ \t]+)?$"
)


RE_IN_GAP = re.compile(r"[ \t]+in[ \t]+")
# police words before a country's name: "police custody in Northern Ireland"
RE_POLICE_BEFORE = re.compile(r"\b[Pp]olic(?:e|ing)\b[^,;:.]*$")


# the last word of a legislature's, its committee's, a government's or a scrutiny panel's
# name: bodies a report is presented to, debated by or answered by, never one it inspects
# ("the Police and Crime Panel" that questions the commissioner about it)
RE_AUDIENCE_HEAD = re.compile(
    r"(?:^|[ \t])(?:Committee|Parliament|Government|Assembly|Panel)$", re.I
)


def _audience(m: OrgMention) -> bool:
    """Whether a body is a legislature, one of its committees, a government or a panel that
    scrutinises ("the Home Affairs Committee", "the Scottish Government", "the Police and
    Crime Panel")."""
    entry = lexicon().orgs.get(m.org)
    name = entry.name if entry is not None else (m.name or m.text)
    return RE_AUDIENCE_HEAD.search(" ".join(name.split())) is not None


def _named_aside(text: str, span: Span, floor: int) -> bool:
    """A force named as a partner or as an example of many."""
    lo = max(floor, span.start - 40)
    return (
        RE_PARTNER_BEFORE.search(text, lo, span.start) is not None
        or RE_EXAMPLE_BEFORE.search(text, lo, span.start) is not None
    )


def _in_title(text: str, span: Span, floor: int) -> bool:
    """A force named in someone's title ("Katy Bourne, the Sussex PCC, responded to the
    report", "the PCC for West Yorkshire"): the holder's, not what was inspected."""
    return title_beside(text, span.start, span.end, floor)


RE_JUDGED_OBJECT = re.compile(
    r"\b(?:criticised|criticized|praised|censured|condemned|faulted|rated|graded|"
    r"(?:found|concluded|concludes|finds)[ \t]+that)[ \t]+(?:the[ \t]+)?$"
)
RE_JUDGED_BODY_AFTER = re.compile(
    r"(?:[ \t]*\([A-Za-z]+\))?[ \t]+(?:has[ \t]+|have[ \t]+|had[ \t]+)?"
    r"(?:been[ \t]+|was[ \t]+|were[ \t]+|is[ \t]+)?(?:heavily[ \t]+|strongly[ \t]+)?"
    r"(?:criticised|criticized|praised|censured|condemned|(?:came|come|comes)[ \t]+in[ \t]+for)\b"
)


RE_TITLED_OF = re.compile(
    r"\b[A-Z][\w'’-]*[ \t]+of[ \t]+(?:how[ \t]+|whether[ \t]+)?(?:the[ \t]+)?$"
)


def _role_of(before: str, slot: re.Match[str]) -> bool:
    """ "Director of the Howard League", "chair of Cleveland Police Federation": "of"
    after a capitalised word that is no report noun, or after a title's head noun in
    any case, names a post in the body, not what was inspected."""
    m = RE_TITLED_OF.search(before)
    if m is not None and RE_REPORT_NOUN.match(m.group()) is None:
        return True
    word = RE_LAST_WORD.search(before, 0, slot.start())
    return word is not None and word.group(1).lower() in title_heads()


RE_LAST_WORD = re.compile(r"([A-Za-z-]+)[ \t]*$")


# --- dates ------------------------------------------------------------------------


def _dates(
    text: str, ref: PartialDate | None, since: int | None = None
) -> tuple[list[tuple[int, PartialDate]], PartialDate | None]:
    """The publication dates of reports in a sentence (where each is, and what), and
    when the first report's inspectors visited. Inside a quotation only a date that
    names its year counts: "When HMIC carried out its crime inspection in 2014 we
    recommended ..." dates the inspector's earlier report; "Today we thank our
    officers" is the speaker's day, not the report's."""
    quoted = [m.span() for m in RE_QUOTED.finditer(text)]
    published: list[tuple[int, PartialDate]] = []
    fieldwork = None
    for d in dates.phrase_dates(text, ref, since):
        if _within(quoted, d.span.start) and not RE_YEAR_WORD.search(
            text, d.span.start, d.span.end
        ):
            continue
        role = _date_role(text, d)
        if role == "published":
            published.append((d.span.start, d.date))
        elif role == "fieldwork" and fieldwork is None:
            fieldwork = d.date
    return published, fieldwork


def _date_role(text: str, d: dates.DateMatch) -> str:
    """ "published", "fieldwork" or "other": what a date in a sentence dates (see the
    patterns above)."""
    a, b = _clause(text, d.span.start)
    before = text[a : d.span.start]
    after = text[d.span.end : b]
    phrase = text[d.span.start : d.span.end].lower()
    if phrase in {"today", "this morning", "this afternoon", "this evening", "tonight"}:
        # not the day of another event: "Speaking at a public accountability meeting
        # today, the deputy chief constable said the force accepts the report's findings"
        return "other" if RE_EVENT_BEFORE.search(before) else "published"
    if phrase == "yesterday" and after[:2] in ("'s", "’s"):
        return "published"  # "yesterday's damning PEEL report"
    if RE_NOT_UNTIL.search(before):
        return "published"  # "the findings were not made public until Tuesday"
    if RE_WHEN_GRADED.match(after):
        # "Since April 2019, when it was graded 'inadequate' across every area": the
        # day of the grading the clause after the date tells, a period's start or not
        return "published"
    if RE_PERIOD.search(before):
        return "other"  # "failed many girls between 1997 and 2013": a period, not a report
    if RE_FOUNDED.search(before):
        return "other"  # "the IOPC, which was launched in 2018,": a body's beginning
    if d.date.month is None and RE_LAW_BEFORE_YEAR.search(before):
        return "other"  # "a review of the Protection from Harassment Act 1997": a law
    pub = RE_PUBLISHED.search(before)
    if pub and not RE_OTHER_PUBLICATION.search(before, 0, pub.start()):
        return "published"
    if d.date.month is None and (last := RE_LAST_INSPECTED.search(before)):
        if RE_SINCE_BEFORE.search(before, 0, last.start()):
            # the start of a period: "improved in many areas since it was last inspected
            # in 2019" dates no report in view (as "since our last inspection" names none)
            return "other"
        return "published"  # "inspectors last went to the prison in 2016": that year's report
    if RE_COMMISSIONED.search(before):
        return "other"  # "commissioned the review in January this year"
    if RE_PUBLISHED_INSPECTION.search(before):
        return "published"
    if d.date.month is not None and RE_FIELDWORK_CUE.search(before):
        return "fieldwork"
    if RE_FIELDWORK_YEAR_CUE.search(before):
        return "fieldwork"
    if RE_BEFORE_REPORT.match(after) or RE_JUDGED_BEFORE.search(before):
        return "published"
    if RE_CLAUSE_OPENING.match(before) and RE_OPENED_VERB.match(after):
        return "published"
    if RE_VERB_AFTER_DATE.match(after):
        return "published"
    if RE_HEADLINE_REPORT.search(text, 0, d.span.start) or RE_PEEL_TITLE_BEFORE.search(before):
        return "published"
    if d.date.month is None and RE_TITLE_BEFORE_YEAR.search(before):
        return "published"  # "the first Annual Assessment of Policing in England and Wales 2014"
    if RE_PUBLISHED_OBJECT.search(text, 0, d.span.start):
        return "published"  # "HMICS had published its *Call Handling Final Report*, ..., in"
    return "other"


def _months(d: PartialDate, ref: PartialDate) -> int:
    """Whole months from ``d`` to ``ref`` (a year alone counts from its last month)."""
    return (ref.year * 12 + (ref.month or 12)) - (d.year * 12 + (d.month or 12))


def _recent(d: PartialDate, ref: PartialDate) -> bool:
    """A date of the article's own report: to the month, this month or the one before."""
    return d.month is not None and 0 <= _months(d, ref) <= 1


RE_JOINT = re.compile(r"\b[Jj]oint(?:ly)?\b")

# --- kinds ------------------------------------------------------------------------


@functools.cache
def _kind_labels() -> list[tuple[str, re.Pattern[str], str, int]]:
    """Every report-kind label, folded and as a compiled word-bounded pattern, with its
    concept."""
    out = []
    for kind in lexicon().kinds.values():
        if kind.key == "other":
            continue
        for label in kind.labels:
            f = fold(label)
            out.append((f, re.compile(r"\b" + re.escape(f) + r"\b"), kind.key, len(f)))
    return out


@functools.cache
def _label_words() -> frozenset[str]:
    return frozenset(w for label, *_ in _kind_labels() for w in label.split())


@functools.cache
def _re_kind_label() -> tuple[re.Pattern[str], dict[str, str]]:
    """Every folded label at every place it starts (a lookahead, so labels that overlap
    are all found), and label -> concept."""
    labels = {label: key for label, _, key, _ in _kind_labels()}
    alts = "|".join(re.escape(lb) for lb in sorted(labels, key=len, reverse=True))
    # (in the plural too: "re-inspections", "vetting inspections")
    return re.compile(r"(?=\b(" + alts + r")s?\b)"), labels


@functools.lru_cache(maxsize=1024)
def _labels_in(text: str) -> tuple[tuple[int, str, str], ...]:
    """(place, label, concept) of every report-kind label in ``text``, folded."""
    rx, labels = _re_kind_label()
    return tuple((m.start(), m.group(1), labels[m.group(1)]) for m in rx.finditer(fold(text)))


def _concept(words: str) -> str | None:
    """The concept whose label ``words`` holds, the longest label winning, except that a
    follow-up of an inspection is a post-inspection review whatever it followed up
    ("re-inspections of child protection work")."""
    found = _labels_in(words)
    if any(key == "post-inspection-review" for *_, key in found):
        return "post-inspection-review"
    return max(found, key=lambda f: len(f[1]))[2] if found else None


def _pillars(words: str) -> list[str]:
    """The PEEL pillars ``words`` names, in its order."""
    return _unique(key for _, _, key in _labels_in(words) if key in PILLARS)


def _kind_words(text: str, t: _Trigger) -> str:
    """The report's noun phrase as written: its modifiers, head and complement
    ("HMIC's March 2014 report", "report on the Effectiveness of Humberside Police",
    "‘outstanding’ grade"), a stretch of the sentence."""
    if t.what not in ("noun", "grade", "exit"):
        return ""
    start, end = t.start, t.end
    if t.what == "noun":
        peel_title = RE_PEEL_TITLE.match(text, t.start)
        if peel_title:  # "PEEL: Police Efficiency 2016", the report's title
            return peel_title.group().strip()
        start, end = _modifiers_start(text, t), _complement_end(text, t)
        if start == t.start and (prefix := RE_PREFIX_BEFORE.search(text, max(0, start - 8), start)):
            start = prefix.start()  # "re-inspections of child protection work"
    if start > 0 and text[start - 1] in "‘'“\"":  # "the ‘good’ judgements"
        start -= 1
    return " ".join(text[start:end].split())


def _complement_end(text: str, t: _Trigger) -> int:
    """Where the report noun's "on/into/of ..." complement ends: before a verb, a
    relative word, a date or a comma that ends no list, after at most twelve words."""
    m = RE_KIND.match(text, t.start)
    if m is None:
        return t.end
    if not m.group("comp"):
        return m.end("head")
    a = m.start("comp")
    while a < m.end("comp") and text[a] in ", \t":  # "Two further reports, on crime ..."
        a += 1
    comp = text[a : m.end("comp")]
    listed = RE_COMP_LIST.match(comp)
    stop = RE_COMP_END.search(comp, listed.end() if listed else 0)
    comp = comp[: stop.start()] if stop else comp
    words = list(re.finditer(r"\S+", comp))[:12]
    comp = comp[: words[-1].end()] if words else ""
    comp = RE_COMP_TAIL.sub("", comp)
    return a + len(comp) if comp.strip() else m.end("head")


def _modifiers_start(text: str, t: _Trigger) -> int:
    """Where the words qualifying the report noun start: up to four modifiers
    ("annual Peel", "HMIC's March 2014", "Lancashire custody"), a bracketed expansion
    ("PEEL (Police Efficiency, Effectiveness and Legitimacy) inspection"), the whole
    of a titled name ("HMICS Assurance Review")."""
    titled = text[t.start : t.start + 1].isupper()  # a report's name: "Assurance Review"
    start = t.start
    lo = max(0, t.start - 140)
    paren = RE_PAREN_BEFORE.search(text, lo, start)
    if paren:
        start = paren.start(1)
    window = max(lo, start - 60)
    words = list(RE_WORD.finditer(text, window, start))
    taken = 0
    for w in reversed(words):
        word = w.group()
        if text[w.end() : start].strip(" \t'’‘") or taken == 4:
            break  # punctuation between: "the report, HMIC said"
        if word.lower() in FUNCTION_WORDS or not (
            _modifier(word) or (titled and word[:1].isupper())
        ):
            break
        start, taken = w.start(), taken + 1
    return start


RE_PAREN_BEFORE = re.compile(r"(\([^()]{1,100}\))[ \t]*$")
# words that never qualify a report noun, in any case ("PCC RESPONDS TO HMIC PEEL
# EFFICIENCY REPORT")
FUNCTION_WORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "this",
        "that",
        "its",
        "his",
        "her",
        "their",
        "our",
        "in",
        "on",
        "of",
        "to",
        "for",
        "by",
        "from",
        "at",
        "with",
        "and",
        "or",
        "as",
        "is",
        "are",
        "was",
        "were",
        "has",
        "have",
        "had",
        "responds",
        "says",
        "said",
        "welcomes",
    ]
)
RE_COMP_TAIL = re.compile(r"(?:\s+(?:in|the|a|an|and|of|on|to|its|their|how|into))+\s*$")
RE_YEAR_WORD = re.compile(r"(?:19|20)\d\d")


def _modifier(word: str) -> bool:
    """Whether a word before a report noun qualifies it: "annual", "PEEL", "HMIC's",
    "Lancashire", "custody", "2014"; not "the", "has", "welcomed"."""
    low = word.lower()
    bare = RE_POSSESSIVE.sub("", low)
    if bare in MODIFIERS or bare in _label_words() or RE_YEAR_WORD.fullmatch(word):
        return True
    if word in dates.MONTHS_FULL:
        return True
    if not word[:1].isupper() or bare in {"the", "a", "an", "this", "its", "in", "on", "and"}:
        return False
    core = RE_POSSESSIVE.sub("", word)
    return core.isupper() or fold(core) in place_keys() or fold(core) in org_labels()


RE_POSSESSIVE = re.compile(r"['’]s?$")


def _is_area(label: str, era: int | None = None) -> bool:
    """Whether a label names an area PEEL graded in the year ``era``."""
    return any(_graded_in(a, era) for a in area_keys(label))


@functools.lru_cache(maxsize=1024)
def _graded_pillars(text: str, era: int | None = None) -> list[str]:
    """The PEEL pillars a sentence names, however worded ("good for being Effective
    (keeping people safe and reducing crime)"), or names an area of ("for preventing
    crime, tackling anti-social behaviour ... and for tackling serious and organised
    crime": effectiveness), an area PEEL graded in the year ``era``."""

    pillar_of = _area_pillars()
    return _unique(
        p for a in area_keys(text) if _graded_in(a, era) and (p := pillar_of.get(a, a)) in PILLARS
    )


@functools.lru_cache(maxsize=256)
def _today_pillars(text: str) -> list[str]:
    """The pillars named in a clause that says "today"."""
    if "today" not in text.lower():
        return []
    out: list[str] = []
    start = 0
    for m in [*RE_CLAUSE_BREAK.finditer(text), None]:
        end = m.start() if m else len(text)
        clause = text[start:end]
        if re.search(r"\btoday\b", clause, re.I):
            out += _graded_pillars(clause)
        start = m.end() if m else end
    return out


@functools.cache
def _graded_in(area: str, era: int | None) -> bool:
    """Whether PEEL graded forces in the area in the year ``era`` (kgo:gradedYears)."""
    concept = areas().get(area)
    years = concept.years if concept is not None else None
    return era is None or years is None or era in years


@functools.cache
def _area_pillars() -> dict[str, str]:
    """Graded area -> the PEEL pillar it belongs to (its skos:broader)."""
    from rdflib.namespace import SKOS

    from kg.reference import AREA_NS, ontology_graph

    out = {}
    for node, up in ontology_graph().subject_objects(SKOS.broader):
        area, pillar = str(node), str(up)
        if area.startswith(AREA_NS) and pillar.startswith(AREA_NS):
            out[area.removeprefix(AREA_NS)] = pillar.removeprefix(AREA_NS)
    return out


def _kind_of(
    text: str,
    t: _Trigger,
    era: int | None,
    rated: bool,
    forces: bool,
    past: bool = False,
    since: int | None = None,
) -> tuple[str, tuple[str, ...], str | None]:
    """The report's words, the concepts they or the sentence's shape name, and a
    concept only the words about the report suggest (see the module docstring); an
    undated article's areas are read in the earliest year it can be from (``since``)."""
    words = _kind_words(text, t)
    graded_era = era if era is not None else since
    pillar_era = era is None or era in PILLAR_YEARS
    if t.what == "exit":
        return words, ("post-inspection-review",), None
    # "This final part of the PEEL assessment": one pillar's report, not the assessment
    part = RE_PART_OF_PEEL.search(text, max(0, t.start - 60), t.end)
    concept = _concept(words) if words and not part else None
    if concept == "thematic":
        # "the national thematic report ..., show that the police service ... treats
        # tackling domestic abuse as an important priority": the theme's kind
        theme = _concept(RE_THEMATIC.sub(" ", text))
        concept = theme if theme not in (None, *PILLARS) else concept
    if concept is not None:
        if len(_pillars(words)) == 3 or (concept in PILLARS and not pillar_era):
            return words, ("peel-assessment",), None
        return words, (concept,), None
    if t.what == "agent":
        return words, (), None
    low = lowered(text)
    if any_in(ENGAGE_WORDS, low) and RE_ENGAGE_EXIT.search(text):
        return words, ("post-inspection-review",), None
    if any_in(("return", "back", "revisit"), low) and RE_RETURNED.search(text):
        return words, ("post-inspection-review",), None
    if ("areas" in low or "categories" in low) and RE_PEEL_AREAS.search(text):
        # "inadequate in five of 10 areas", "assessed the force in eight categories": the
        # graded areas of a PEEL assessment (2018 on)
        return words, ("peel-assessment",), None
    if "concern" in low and RE_CAUSE_OF_CONCERN.search(text) and RE_FOLLOW_UP.search(text):
        # "A review has concluded that Cleveland Police has improved ... two years after the
        # issue was raised as a cause for concern", "the accelerated cause for concern ...
        # has been discharged": a post-inspection review
        return words, ("post-inspection-review",), None
    if "progress" in low and RE_PROGRESS_REVIEW.search(text):
        # "HMICFRS have since reviewed how much progress has been made", "a progress
        # report": a review following up an inspection
        return words, ("post-inspection-review",), None
    if any_in(CDI_WORDS, low) and RE_CDI.search(text):
        return words, ("crime-data-integrity",), None
    a, b = _clause(text, t.start)
    if not part and any(key == "peel-assessment" for *_, key in _labels_in(text)):
        # "The inspection ... is known as the Peel report - short for police
        # effectiveness, efficiency and legitimacy": the pillars are its name's words
        return words, ("peel-assessment",), None
    pillars = _graded_pillars(text[a:b] if past else text, graded_era) if forces else []
    if pillars and not pillar_era and not rated:
        # after 2018 an area named with no grade given ("work to help keep vulnerable
        # people out of the criminal justice system") is a topic, not a graded area
        pillars = []
    if pillars:
        # "rated 'good' overall for efficiency and for legitimacy, and today ... in the
        # third category, effectiveness": in 2015-2018 one report per pillar, today's first
        if not pillar_era:
            return words, ("peel-assessment",), None
        today = [p for p in pillars if p in _today_pillars(text)]
        return words, tuple(today + [p for p in pillars if p not in today]), None
    clause = text[a:b]
    concept = _concept(clause) if not part else None
    label = _label_of(clause, concept) if concept is not None else ""
    # a label that also names an area graded in the clause ("the 'good' judgements it
    # was given ... for tackling serious and organised crime") is the grade's area, not
    # the report's kind
    if (
        concept is not None
        and " " in label
        and not (_is_area(label, graded_era) and RE_GRADE_WORD.search(clause))
    ):
        return words, (), concept
    if forces and rated and not pillar_era:
        return words, (), "peel-assessment"
    return words, (), _topic_concept(clause, era) if forces else None


@functools.cache
def _outside_peel() -> frozenset[str]:
    """The forces of a country with an inspectorate of its own (Police Scotland, the
    PSNI): PEEL, England and Wales's programme, does not assess them."""
    return frozenset(own_inspectorates())


def _published_by(concept: str, publisher: str) -> bool:
    """Whether ``publisher`` may publish a report of ``concept`` (kgo:publishedBy)."""
    kind = lexicon().kinds.get(concept)
    return kind is None or not kind.publishers or publisher in kind.publishers


def _topic_concept(words: str, era: int | None) -> str | None:
    """The kind the topic of ``words`` suggests in the year ``era`` (the ontology's
    kgo:topicLabel): "how it plans to save money" in 2013 is an efficiency report."""
    if era is None:
        return None
    low = fold(words)
    return next((k for k, years, rx in _topics() if era in years and rx.search(low)), None)


@functools.cache
def _topics() -> tuple[tuple[str, range, re.Pattern[str]], ...]:
    """Each kind with topic words: its key, their years, and a pattern of the words."""
    return tuple(
        (
            k.key,
            k.topic_years,
            re.compile(r"\b(?:" + "|".join(re.escape(fold(t)) for t in k.topics) + r")\b"),
        )
        for k in lexicon().kinds.values()
        if k.topics
    )


def _label_of(text: str, concept: str) -> str:
    """The longest label of ``concept`` in ``text``."""
    return max((lb for _, lb, key in _labels_in(text) if key == concept), key=len, default="")


# --- the article's reports --------------------------------------------------------


def _with_main_subjects(
    mentions: list[_Mention],
    orgs: list[OrgMention],
    types: dict[str, OrgType],
    sents: list[Sentence],
) -> list[_Mention]:
    """Mentions that name no subject speak of the subjects the publisher's other
    mentions name most, else of the article's main force or prison; a national one
    of none. A force named only in a title is the subject, unless the publisher's
    report is a national one no other mention gives that force ("Katy Bourne, the
    Sussex PCC, responded to the report" on crime recording across forces)."""
    out = []
    main: dict[str, tuple[str, ...] | None] = {}
    for m in mentions:
        if m.subjects or m.national:
            out.append(m)
            continue
        if m.titled:
            named = {
                s
                for o in mentions
                if o.publisher == m.publisher
                for s in (("",) if o.national else o.subjects)
            }
            if "" not in named or named & set(m.titled):
                out.append(replace(m, subjects=m.titled))
            else:
                out.append(replace(m, national=True))
            continue
        if m.publisher not in main:
            main[m.publisher] = _main_subjects(mentions, m.publisher, orgs, types, sents)
        subjects = main[m.publisher]
        if subjects is None:
            out.append(replace(m, national=True))
        else:
            out.append(replace(m, subjects=subjects))
    return out


def _is_inspectorate(publisher: str) -> bool:
    entry = lexicon().orgs.get(publisher)
    return entry is not None and entry.type is OrgType.INSPECTORATE


def _inspects_forces(publisher: str) -> bool:
    """Whether police forces are in the publisher's remit (``remits.ttl``; a body with
    none there may inspect anything)."""
    return _in_remit(OrgType.POLICE_FORCE, publisher)


def _in_remit(kind: OrgType | None, publisher: str) -> bool:
    """Whether the publisher inspects bodies of this kind (``remits.ttl``; any, for a
    publisher with no remit there)."""
    entry = lexicon().orgs.get(publisher)
    return entry is None or not entry.remit or kind is None or kind in entry.remit


def _inspected(m: OrgMention, publisher: str) -> bool:
    """A body of a kind the publisher inspects, besides forces and prisons, by how its
    name ends ("Bradford Youth Offending Team": HM Inspectorate of Probation's;
    ``remits.ttl``), a body of the reference data by that name ("Border Force"), or a
    unit of a body whose units it inspects ("CPS Wessex": HMCPSI's)."""
    lex = lexicon()
    entry = lex.orgs.get(publisher)
    if entry is None:
        return False
    body = lex.orgs.get(m.org)
    if body is not None and body.part_of is not None and body.part_of in entry.units_of:
        return True  # a unit of a body whose units it inspects: "CPS Wessex"
    if not entry.inspects:
        return False
    if body is not None and fold(body.name) in {fold(h) for h in entry.inspects}:
        return True  # a national body it inspects by name: "Border Force"
    name = fold(m.name or m.text).removeprefix("the ")
    return not name.startswith("national ") and any(
        name.endswith(" " + fold(h)) for h in entry.inspects
    )


@functools.cache
def _inspecting() -> tuple[str, ...]:
    """The inspectorates that inspect bodies besides forces and prisons (remits.ttl)."""
    return tuple(sorted(k for k, o in lexicon().orgs.items() if o.inspects))


def _is_force(key: str, types: dict[str, OrgType]) -> bool:
    entry = lexicon().orgs.get(key)
    kind = types.get(key) or (entry.type if entry is not None else None)
    return kind is OrgType.POLICE_FORCE


def _main_subjects(
    mentions: list[_Mention],
    publisher: str,
    orgs: list[OrgMention],
    types: dict[str, OrgType],
    sents: list[Sentence],
) -> tuple[str, ...] | None:
    said: Counter[str] = Counter()  # in halves: a force in a title counts half
    first: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.publisher != publisher:
            continue
        for s in ("",) if m.national else m.subjects:
            said[s] += 2
            first.setdefault(s, i)
        for s in m.titled:
            said[s] += 1
            first.setdefault(s, i)
    if said:
        # a force before a national report as often named
        top = min(said, key=lambda k: (-said[k], k == "", first[k]))
        return (top,) if top else None
    paragraph = {s.span: s.paragraph for s in sents}
    spoken = {m.sent.paragraph for m in mentions if m.publisher == publisher}
    # a body the publisher inspects named where the report is spoken of: the fire and
    # rescue service of an HMICFRS report, not the police force of its area
    bodies = [m for m in orgs if _inspected(m, publisher)]
    near = Counter(m.org for m in bodies if paragraph.get(m.evidence) in spoken)
    if near:
        return (max(near, key=near.__getitem__),)  # most named; of equals, the first
    force = main_org(orgs, types, OrgType.POLICE_FORCE)
    if force is not None and _inspects_forces(publisher):
        return (force,)
    # the prison named in a paragraph that speaks of the report, then the one named
    # most, then first: a picture's caption may name another before the one inspected
    same = _same_prisons(orgs)
    same.update((m.org, m.org) for m in bodies)
    prisons = [m for m in orgs if _is_prison(m)] + bodies
    if not prisons:
        return None
    near = Counter(same[m.org] for m in prisons if paragraph.get(m.evidence) in spoken)
    counts = Counter(same[m.org] for m in prisons)
    order = [same[m.org] for m in prisons]
    return (min(counts, key=lambda k: (-near[k], -counts[k], order.index(k))),)


def _claims(
    article: Article, sents: list[Sentence], mentions: list[_Mention], forces: frozenset[str]
) -> list[ReportClaim]:
    """One claim per report: the article's own report per publisher (and national or
    not), each earlier report; one per concept where mentions state several, else of
    the concept the headline names for the article's own report, else of the one
    the sentences suggest, else, for a report on forces, of the one the whole article
    names (`_article_concept`)."""
    ref = article.reference_date
    groups: dict[tuple[object, ...], list[tuple[int, _Mention]]] = {}
    for i, m in enumerate(mentions):
        # "this year's Peel inspections", "the 2016 report" in a 2016 article: a year alone,
        # the article's, dates the article's own report unless the words make it earlier
        dated_now = m.date is not None and (
            ref is not None
            and (_recent(m.date, ref) or (m.date == PartialDate(ref.year) and not m.earlier))
            # the headline's report is the article's own: "Association response to HMICFRS
            # PEEL Police Effectiveness 2017" in an undated article
            or ref is None
            and not m.earlier
            and _is_headline(article, m.sent)
        )
        if m.earlier and m.date is None:
            key: tuple[object, ...] = ("earlier", m.publisher, m.national)
        elif m.date is not None and not dated_now:
            key = ("dated", m.publisher, m.national, m.date.iso())
        else:
            key = ("now", m.publisher, m.national)
        groups.setdefault(key, []).append((i, m))
    groups = _earlier_dated(_same_year(groups))
    title = _title_concept(article.title) if article.title else None
    ordered = sorted(groups.items(), key=lambda g: (g[0][0] != "now", g[1][0][0]))
    claims: list[ReportClaim] = []
    # the concept of the article's own report, by publisher and national or not
    own_concept: dict[tuple[object, ...], str | None] = {}
    for n, (key, members) in enumerate(ordered):
        dated = [m.date for _, m in members if m.date is not None]
        date = _most_precise(dated) if dated else None
        stated = _unique(c for _, m in members for c in m.concepts)
        era = date.year if date is not None else ref.year if ref is not None else None
        remap: dict[str, str] = {}  # a concept stated -> the one it is read as
        if "peel-assessment" in stated and era in PILLAR_YEARS:
            # 2015-2018: "the first of this year's Peel inspections" is the pillar's report
            # the sentences or the headline name ("Efficiency of Norfolk Police praised")
            pillars = [c for c in stated if c in PILLARS]
            if not pillars and n == 0 and key[0] == "now" and title in PILLARS:
                pillars = [title]
            if pillars:
                remap["peel-assessment"] = pillars[0]
                stated = _unique(remap.get(c, c) for c in stated)
        # a kind only one body publishes is no other's: no PEEL report from HMICS
        publisher = str(key[1])
        stated = [c for c in stated if _published_by(c, publisher)]
        since = era if era is not None else _written_since(article.text)
        if since is not None and since > PILLAR_YEARS[-1] and any(c in PILLARS for c in stated):
            # no pillar reports after 2018: "effectiveness" then is a part of a PEEL
            # assessment (an undated article placed by the names it uses: "His Majesty's")
            remap.update(dict.fromkeys(PILLARS, "peel-assessment"))
            stated = _unique(remap.get(c, c) for c in stated)
        if "peel-assessment" in stated:
            # a PEEL assessment's pillar grades are parts of it, not reports of their own
            stated = [c for c in stated if c not in PILLARS]
        if stated:
            split: list[tuple[str | None, list[_Mention]]] = [
                (
                    c,
                    [
                        m
                        for _, m in members
                        if c in {remap.get(x, x) for x in m.concepts}
                        or (not m.concepts and c == stated[0])
                    ],
                )
                for c in stated
            ]
            # (every mention under some concept: a concept no mention is read as has none)
            split = [(c, mine) for c, mine in split if mine] or [
                (stated[0], [m for _, m in members])
            ]
        else:
            weak = next((m.weak for _, m in members if m.weak), None)
            concept = title if n == 0 and key[0] == "now" and title else weak
            if (
                concept is None
                and n == 0
                and key[0] != "earlier"
                and all(s in forces for _, m in members for s in m.subjects)
                and any(m.subjects for _, m in members)
            ):
                concept = _article_concept(sents, since)
                if (
                    concept is None
                    and since is not None
                    and since > PILLAR_YEARS[-1]
                    and not any(RE_JOINT.search(m.sent.text) for _, m in members)
                    and not any(s in _outside_peel() for _, m in members for s in m.subjects)
                ):
                    # after 2018 the inspection of a force that names no kind ("its latest
                    # inspection", "a hard-hitting inspectors' report") is its PEEL one;
                    # a joint inspection with another inspectorate is not, nor one of a
                    # force PEEL does not cover (the PSNI, inspected on request)
                    concept = "peel-assessment"
            national = own_concept.get((key[1], True))
            if concept is None and key[0] == "now" and not key[2] and national != "thematic":
                # the forces graded in the article's own national inspection are graded in
                # its kind: "All 43 forces ... were examined in the Legitimacy inspection
                # ... Cheshire Constabulary received an overall rating of 'good'"
                concept = national
            series = own_concept.get(key[1:3])
            if key[0] != "now" and series not in (None, "post-inspection-review", *PILLARS):
                # an earlier report the words give no kind of is of the series of the
                # article's own: "little improvement since the 2013 inspection" beside
                # today's custody inspection, "the same 'inadequate' grade last year". Not
                # a PEEL pillar's: "being graded 'requires improvement' last year" in a
                # report on effectiveness names no pillar (its grade is an overall one)
                concept = series
            elif (
                key[0] != "now"
                and series == "post-inspection-review"
                and title is not None
                and title != series
            ):
                # the inspection a review follows up is of what the headline names: "New
                # report calls for more training for PSNI to help support children
                # impacted by domestic abuse" over "Last year's first review"
                concept = title
            if concept is not None and not _published_by(concept, publisher):
                concept = None
            if concept is None and key[2]:
                # a national report is of the kind the whole article names ("a scathing
                # report on the way police handle domestic violence": domestic abuse),
                # else thematic, a theme across forces that no label fits
                concept = _article_concept(sents, since)
                if concept in (None, "peel-assessment", *PILLARS):
                    # or the one kind whose topic the article speaks of throughout ("modern
                    # slavery", "online child abuse"): a theme a label fits
                    concept = _article_topic(sents)
                if concept is None or not _published_by(concept, publisher):
                    # (a national report by a body that inspects no one, the IOPC's, is
                    # no thematic inspection)
                    concept = "thematic" if _is_inspectorate(publisher) else "other"
            split = [(concept, [m for _, m in members])]
        if key[0] == "now":
            own_concept.setdefault(key[1:3], split[0][0])
            # the article's own report of a force (or its first), not a national one
            # spoken of beside it
            if (
                date is None
                and ref is not None
                and (n == 0 or not key[2])
                and (_todays_news(sents) or _own_release(article, publisher))
            ):
                date = ref
        for concept, mine in split:
            own = [m.date for m in mine if m.date is not None]
            subjects = tuple(_unique(s for m in mine for s in m.subjects))
            kind = next(
                (m.kind for m in mine if m.kind and concept in m.concepts),
                next((m.kind for m in mine if m.kind), "report"),
            )
            # a concept dated by its own sentences keeps its date ("last week's publication
            # of the HMIC report on Crime Data Integrity" beside today's PEEL report)
            when = _most_precise(own) if own and len(split) > 1 else date
            entry = lexicon().orgs.get(mine[0].publisher)
            if not subjects and entry is not None and entry.national_force is not None:
                # a report of the inspectorate of a nation with one force, on no body
                # named: on that force ("HMICS's review of call handling")
                subjects = (entry.national_force,)
            if (
                entry is not None
                and entry.type is not OrgType.INSPECTORATE
                and concept not in ("thematic", "post-inspection-review")
            ):
                # an IOPC investigation, a College of Policing review: no inspection's
                # kind (a national review of a theme is still thematic)
                concept = "other"
            claims.append(
                ReportClaim(mine[0].publisher, subjects, kind, mine[0].sent.span, when, concept)
            )
    fieldwork, revisit = _visits(sents)
    if claims and (fieldwork or revisit):
        claims[0] = replace(claims[0], fieldwork=fieldwork, revisit=revisit)
    return claims


def _article_concept(sents: list[Sentence], era: int | None) -> str | None:
    """The kind an article names as a whole when the sentences about its own report
    name none: the PEEL pillars whose areas it names ("good at preventing crime",
    "- protecting vulnerable people"), two or more being an assessment of the whole
    force; else the one kind it names in three sentences or more, outside those that
    name the areas ("vetting", "the force's custody suites"), which also wins over
    areas named in fewer sentences; else the one pillar named, a pillar's report in
    2015-2018 (and nothing when the year is unknown)."""
    pillar_of = _area_pillars()
    pillars: list[str] = []
    votes: Counter[str] = Counter()
    topics: Counter[str] = Counter()  # sentences speaking of a kind's topic, any sentence
    for sent in sents:
        # (an area PEEL no longer graded then is a topic: "serious and organised crime")
        in_sent = [a for a in area_keys(sent.text) if _graded_in(a, era)]
        graded = [p for a in in_sent if (p := pillar_of.get(a, a)) in PILLARS]
        if graded:  # its labels name the areas ("protecting vulnerable people")
            pillars += graded
        else:
            votes.update({key for _, _, key in _labels_in(sent.text)})
        topics.update(
            _topic_kinds(sent.text)
            | {a for a in in_sent if a not in PILLARS and a in lexicon().kinds}
        )
    named = _unique(pillars)
    top = votes.most_common(2)
    voted = (
        top[0][0] if top and top[0][1] >= 3 and (len(top) == 1 or top[1][1] < top[0][1]) else None
    )
    spoken = topics.most_common(2)
    if (
        voted is None
        and spoken
        and spoken[0][1] >= 3
        and (len(spoken) == 1 or spoken[1][1] < spoken[0][1])
        and len(pillars) < spoken[0][1]
    ):
        # a kind whose topic the article speaks of throughout beats an area named in
        # passing: "got better at protecting children", "the way it safeguards
        # children", "child abuse investigations" (an area of investigating crime)
        voted = spoken[0][0]
        top = [(voted, spoken[0][1])]
    if voted is not None and len(pillars) < top[0][1]:
        # a kind named throughout beats an area named in passing: a custody inspection
        # that "helps keep vulnerable people out of the criminal justice system"
        return voted
    before_peel = era is not None and era < PEEL_FIRST_YEAR
    if not before_peel and (
        len(named) > 1 or (named and era is not None and era not in PILLAR_YEARS)
    ):
        return "peel-assessment"
    if voted is not None:
        return voted
    return named[0] if named and era is not None and not before_peel else None


# the fewest sentences that must speak of a kind's topic for a national report to be
# of that kind
TOPIC_SENTENCES = 2


def _topic_kinds(text: str) -> set[str]:
    """The kinds (not PEEL's, whose topics are its graded areas) whose topic words
    (kgo:topicLabel) a sentence speaks of."""
    low = fold(text)
    return {
        k for k, _, rx in _topics() if k not in ("peel-assessment", *PILLARS) and rx.search(low)
    }


def _article_topic(sents: list[Sentence]) -> str | None:
    """The one kind (not PEEL's, whose topics are its graded areas) whose topic words
    (kgo:topicLabel) the article's sentences speak of most, in two sentences or more:
    a national inspection of modern slavery is of the vulnerability kind, whatever the
    year."""
    votes: Counter[str] = Counter()
    for sent in sents:
        votes.update(_topic_kinds(sent.text))
    top = votes.most_common(2)
    if not top or top[0][1] < TOPIC_SENTENCES or len(top) > 1 and top[1][1] == top[0][1]:
        return None
    return top[0][0]


def _written_since(text: str) -> int | None:
    """The earliest year an undated text can have been written: by the names it uses
    ("HMICFRS" from 2017, "His Majesty's" from 2022) and the latest year it speaks of
    ("the new report, which covers the period from 2023 to 2025")."""
    years = [y for y in dates.spoken_years(text) if 2000 <= y <= 2039]
    named = written_since(text)
    found = [y for y in (named, max(years) if years else None) if y is not None]
    return max(found) if found else None


# a body's own work, in its own words: "Our investigation", "our report", "our inspection"
RE_OUR_WORK = re.compile(
    r"\b[Oo]ur[ \t]+(?:\w+[ \t]+)?(?:investigations?|reports?|inspections?|review)\b"
)


def _own_body(article: Article) -> str | None:
    """The inspectorate or public body whose own page the article is (the page names it
    as its publisher): its "we" and "our report" are that body's."""
    key = _publisher_key(article)
    entry = lexicon().orgs.get(key) if key is not None else None
    if entry is None or entry.type not in (OrgType.INSPECTORATE, OrgType.GOVERNMENT_BODY):
        return None
    return entry.key


def _own_release(article: Article, publisher: str) -> bool:
    """Whether the page is the inspectorate's own news of its report (its site names
    it as the publisher): released the day the report is."""
    entry = lexicon().orgs.get(publisher)
    return (
        entry is not None
        and entry.type in (OrgType.INSPECTORATE, OrgType.GOVERNMENT_BODY)
        and _publisher_key(article) == publisher
    )


# a name's acronym in brackets after it: "Independent Office for Police Conduct (IOPC)"
RE_BRACKETED = re.compile(r"[ \t]*\(([^()]{2,12})\)[ \t]*$")


def _publisher_key(article: Article) -> str | None:
    """The key of the body the page names as its publisher, past an acronym in
    brackets after its name."""
    if not article.publisher:
        return None
    labels = org_labels()
    name = article.publisher.strip()
    bracket = RE_BRACKETED.search(name)
    tries = (name, name[: bracket.start()], bracket.group(1)) if bracket else (name,)
    return next((labels[fold(t)] for t in tries if fold(t) in labels), None)


def _todays_news(sents: list[Sentence]) -> bool:
    """Whether the article says its inspection news is today's, outside quotations:
    "independent inspectors who today reported that ...", "Responding today to the
    report, a spokesman said"."""
    for sent in sents:
        if "oday" in sent.text and RE_TODAYS_REPORT.search(sent.text):
            return True  # quoted too: "We welcome today's report from HMICFRS"
        text = RE_QUOTED.sub(" ", sent.text)
        low = text.lower()
        if not (
            ("today" in low and RE_TODAY.search(text))
            or (("just" in low or " ha" in low) and RE_JUST_PUBLISHED.search(text))
        ):
            continue
        if RE_INSPECTORS.search(text) or any_in(REPORT_NOUN_WORDS + ("findings",), lowered(text)):
            return True
    return False


def _title_concept(title: str) -> str | None:
    """The kind a headline names: a label, or crimes left unrecorded ("West Midlands
    Police rated 'inadequate' for recording serious crime")."""
    concept = _concept(title)
    if concept is None and any_in(CDI_WORDS, lowered(title)) and RE_CDI.search(title):
        return "crime-data-integrity"
    return concept


def _same_year(
    groups: dict[tuple[object, ...], list[tuple[int, _Mention]]],
) -> dict[tuple[object, ...], list[tuple[int, _Mention]]]:
    """A report dated to the year joins the one report of that publisher dated within
    the year: "Our 2014 report" is "HMIC's March 2014 report"."""
    out = dict(groups)
    for key in list(out):
        if key[0] != "dated" or len(str(key[3])) != 4:
            continue
        within = [k for k in out if k[:3] == key[:3] and str(k[3]).startswith(f"{key[3]}-")]
        if len(within) == 1:
            out[within[0]] = sorted(out[within[0]] + out.pop(key), key=lambda x: x[0])
    return out


def _earlier_dated(
    groups: dict[tuple[object, ...], list[tuple[int, _Mention]]],
) -> dict[tuple[object, ...], list[tuple[int, _Mention]]]:
    """An earlier report left undated ("the issues raised in the previous inspection")
    joins the one earlier report of that publisher the article dates ("It followed a
    first inspection in 2021"). Only beside the article's own report: without it, the
    dated one may be the article's own."""
    out = dict(groups)
    for key in [k for k in out if k[0] == "earlier"]:
        dated = [k for k in out if k[0] == "dated" and k[1:3] == key[1:3]]
        if len(dated) == 1 and ("now", *key[1:3]) in out:
            out[dated[0]] = sorted(out[dated[0]] + out.pop(key), key=lambda x: x[0])
    return out


def _most_precise(found: list[PartialDate]) -> PartialDate:
    rank = {"day": 0, "month": 1, "year": 2}
    return min(found, key=lambda d: (rank[d.precision], -d.year, -(d.month or 0)))


# "during a 10-day visit in October", "an inspection of the force in September 2016",
# "The inspection took place in the summer of 2016"
RE_FIELDWORK_TEXT = re.compile(
    r"\b(?:an?\s+)?(?:\w+-(?:day|week)\s+)?(?:visit|inspection|fieldwork)\s+(?:of the force\s+)?"
    r"(?:took place\s+)?(?:in|during)\s+(?:the\s+(?:summer|spring|autumn|winter)\s+of\s+)?"
    r"(?:[A-Z][a-z]+|\d{4})(?:\s+\d{4})?",
    re.I,
)
# "It will be reassessed in six months", "before a follow-up inspection is carried out in
# the next six months"
RE_REVISIT = re.compile(
    r"\b(?:will be (?:reassessed|re-inspected|reinspected|revisited|inspected again)|"
    r"follow-up inspection|re-inspection|revisit)\b[^.;]*?\b(?:in|within)\s+(?:the next\s+)?"
    r"(?:\w+|\d+)\s+(?:months?|weeks?|years?)",
    re.I,
)
FIELDWORK_WORDS = ("visit", "inspection", "fieldwork")
REVISIT_WORDS = ("reassessed", "inspected", "revisit", "inspection")


def _visits(sents: list[Sentence]) -> tuple[str | None, str | None]:
    """When the article's own report's inspectors visited, and when they will again."""
    fieldwork = revisit = None
    for sent in sents:
        low = lowered(sent.text)
        want_fieldwork = fieldwork is None and any_in(FIELDWORK_WORDS, low)
        want_revisit = revisit is None and any_in(REVISIT_WORDS, low)
        if not (want_fieldwork or want_revisit):
            continue
        masked = RE_QUOTED.sub(lambda m: " " * len(m.group()), sent.text)
        if want_fieldwork and (m := RE_FIELDWORK_TEXT.search(masked)):
            fieldwork = m.group().strip()
        if want_revisit and (m := RE_REVISIT.search(masked)):
            revisit = m.group().strip()
    return fieldwork, revisit


def report_of(sent: Sentence, reports: list[ReportClaim]) -> int | None:
    """The index of the report claim this sentence gave, else the article's own
    report (the first)."""
    for i, r in enumerate(reports):
        if r.evidence == sent.span:
            return i
    return 0 if reports else None
