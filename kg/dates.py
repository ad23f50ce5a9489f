"""Dates in news copy: datelines, absolute dates and dates relative to the article.

Shapes handled (each seen in saved news pages):
``2018-03-08``, ``02/03/2017`` (day first, as in UK pages), ``Monday, 15th April 2019``,
``Thursday, April 11, 2019``, ``Sep 21, 2017``, ``Fri 25 Nov 2016``, ``NOVEMBER 2016``,
``in 2016``; and, against the article's own date, ``today``, ``this morning``,
``yesterday``, ``last week``, ``last month``, ``In March last year``, ``last year``,
``Thursday (September 1)``, ``Thursday March 22``; and in running text
(``phrase_dates``) also ``on Thursday``, ``on 7 December``, ``in September``,
``four years ago``, ``this week`` and a year alone (``in 2016``, ``the 2014 report``).

A day and month without a year take the year from the article: the latest such
day not after the article's date ("on 7 December" in
an article of 17 December 2020 is 2020-12-07; "in September" in a January
article is last September). A weekday alone is the latest such day not after
the article's date ("on Tuesday" in an article of Thursday 3 February 2022 is
1 February). Relative phrases are resolved here, never by dateutil's fuzzy mode
(which reads "15 days ago" as the 15th).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from kg.model import PartialDate, Span

MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
MONTHS["sept"] = 9
WEEKDAYS = {
    name.lower(): i for i in range(7) for name in (calendar.day_name[i], calendar.day_abbr[i])
}
WEEKDAYS.update({"tues": 1, "weds": 2, "thur": 3, "thurs": 3})

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WDAY = r"(?:(?P<wday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?,?\s+)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

# 2018-03-08
RE_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
# 02/03/2017 (day first)
RE_DMY_NUM = re.compile(r"\b(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>(?:19|20)\d\d)\b")
# Monday, 15th April 2019 ; Fri 25 Nov 2016 ; 27th November 2014
RE_DMY = re.compile(
    _WDAY + r"?" + _DAY + r"(?:\s+of)?\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE
)
# Thursday, April 11, 2019 ; Sep 21, 2017 ; Thursday, Mar 22nd, 2018
RE_MDY = re.compile(_WDAY + r"?" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)
# NOVEMBER 2016 ; in March 2018
RE_MY = re.compile(r"\b" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)
# Thursday March 22 ; Thursday (September 1) ; Tuesday December 12
RE_WMD = re.compile(_WDAY + r"\(?" + _MONTH + r"\s+" + _DAY + r"\b\)?", re.IGNORECASE)
# Thursday, April 11th (no year) ; Thursday 22 March
RE_WDM = re.compile(_WDAY + r"\(?" + _DAY + r"\s+" + _MONTH + r"\b\)?", re.IGNORECASE)
RE_YEAR = re.compile(r"\b" + _YEAR + r"\b")
# Every absolute date has a year; text without one needs no other pattern tried.
RE_ANY_YEAR = re.compile(r"(?:19|20)\d\d")

# A line that announces the article's own date: "Posted: Thu 22nd Mar 2018",
# "Published: Thursday, Mar 22nd, 2018", " date 2018-03-08 ...", "Posted on ...".
RE_DATELINE_LEAD = re.compile(
    r"^\s*(?:[•*·-]\s*)?(?:this article is old\s*-\s*)?"
    r"(?:(?:date|dated|published|posted|posted on|first published|last updated|updated)\b[:\s]*)?",
    re.IGNORECASE,
)


# A byline before the date, set off by a gap or a mark: "Solihull Editorial  15th Jan,
# 2019", "By Jo Bloggs | 3 May 2019" (a name of one to four capitalised words, or a
# publication's volume or issue).
RE_BYLINE_LEAD = re.compile(
    r"[ \t]*\*?(?:[Bb]y[ \t]+|(?:[Aa]uthor|[Ww]ritten[ \t]+by|[Rr]eporter)[ \t]*:?[ \t]+)?"
    # one to three fields, each set off: "News | Gareth Hill | ", "Express & Star | "
    # (a byline that names no writer in lower case: "By agency reporter, ")
    r"(?:(?:(?<=[Bb]y[ \t])(?:[a-z][\w'’-]*[ \t]+){0,2}[a-z][\w'’-]*(?=[ \t]*[|•·,–—])|"
    r"(?:[A-Z][\w'’.-]*[ \t]+(?:(?:&|and|of|the)[ \t]+)?){0,3}[A-Z][\w'’.-]*"
    r")"
    # a field may end in its number: "House of Commons, Volume 734 – Tuesday 20 June 2023"
    r"(?:[ \t]+\d{1,5})?"
    # (set in italics, its marks closing after it: "*ITV News West Country* · 7 July 2022")
    r"\*?"
    # (or a full stop: "Victoria Hornagold, Greatest Hits Radio. Published 12th Mar 2024";
    # or a colon after a number: "Hansard, Volume 594: Thursday 12 March 2015")
    r"(?:[ \t]{2,}|[ \t]*[|•·,–—][ \t]*|[ \t]+-[ \t]+|\.[ \t]+|(?<=\d):[ \t]+)){1,3}"
    # the writer's title after the name: "By Richard Price - Local Democracy Reporter 2nd
    # Jul 2022"
    r"(?:(?:[A-Z][\w'’.-]*[ \t]+){1,3}(?=\d|$))?"
    # "By Cameron Green — Published 14th Oct 2022"
    r"(?:(?:[Pp]ublished|[Pp]osted)(?:[ \t]+on)?[ \t:]*)?"
    # a time before the day: "Published: 16:00, Thursday April 3rd, 2014"
    r"(?:\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?,?[ \t]+)?"
)


@dataclass(frozen=True, slots=True)
class DateMatch:
    date: PartialDate
    span: Span


def _month(text: str) -> int:
    return int(text) if text.isdigit() else MONTHS[text.lower().rstrip(".")]


def _make(year: int, month: int | None, day: int | None) -> PartialDate | None:
    try:
        return PartialDate(year, month, day)
    except ValueError:
        return None


def absolute_dates(text: str, offset: int = 0) -> list[DateMatch]:
    """Every date with a year in ``text``, most precise first where they overlap."""
    if RE_ANY_YEAR.search(text) is None:
        return []
    found: list[DateMatch] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for rx in (RE_ISO, RE_DMY_NUM, RE_DMY, RE_MDY, RE_MY):
        for m in rx.finditer(text):
            if not free(m.start(), m.end()):
                continue
            g = m.groupdict()
            day = int(g["day"]) if g.get("day") else None
            date = _make(int(g["year"]), _month(g["month"]), day)
            if date is None:
                continue
            found.append(DateMatch(date, Span(offset + m.start(), offset + m.end())))
            taken.append((m.start(), m.end()))
    found.sort(key=lambda d: d.span)
    return found


def dateline(line: str, offset: int = 0, max_tail_words: int = 4) -> DateMatch | None:
    """The date a dateline states, if ``line`` is one.

    A dateline is a line that is mostly a date ("Monday, 15th April 2019, 3:36 pm"),
    or starts with a date field (" date 2018-03-08 Vulnerable children ...").
    """
    lead = RE_DATELINE_LEAD.match(line)
    start = lead.end() if lead else 0
    labelled = bool(lead and lead.group(0).strip())
    dates = absolute_dates(line[start:], offset + start)
    if not dates or dates[0].date.day is None:
        return None
    first = dates[0]
    lead_words = line[start : first.span.start - offset]
    if first.span.start - offset - start > 12 and not RE_BYLINE_LEAD.fullmatch(lead_words):
        return None
    if labelled:
        return first
    tail = line[first.span.end - offset :]
    tail = re.sub(
        r"\b\d{1,2}[:.]\d{2}\s*(?:am|pm)?\b|\b(?:am|pm|GMT|BST|UTC)\b",
        "",
        tail,
        flags=re.IGNORECASE,
    )
    words = re.findall(r"[A-Za-z]{2,}", tail)
    return first if len(words) <= max_tail_words else None


# A dateline with a weekday, a day and a month but no year: "*Issued: Thursday 22nd
# March*", "Posted Thursday, March 22" (press releases that never print the year).
RE_YEARLESS_LEAD = re.compile(
    r"^[\s*_•·-]*(?:(?:issued|date|dated|published|posted|posted on|released)\b[:\s]*)?",
    re.IGNORECASE,
)
WEEKDAY_TITLES = tuple(calendar.day_name)  # "Monday" ... "Sunday", as a dateline has them
YEAR_WINDOW = 10  # years after the earliest a text can be from, to look for its year in
# years after the earliest a text can be from, by its names, that its own "today
# (Thursday 22 February)" may fall in when it speaks of no later year: further on, the
# next year that day is that weekday (5, 6 or 11 years on) is as likely as the first
YEARS_AFTER_LATEST = 2


# a year the text speaks of as past or present, not one to come ("by 2030", "until 2025")
RE_SPOKEN_YEAR = re.compile(r"(?<!\bby )(?<!\buntil )(?<!\btill )(?<!\bbefore )\b((?:19|20)\d\d)\b")


def spoken_years(text: str) -> list[int]:
    """The years a text speaks of, not those it looks ahead to, in order."""
    return [int(y) for y in RE_SPOKEN_YEAR.findall(text)]


def yearless_dateline(line: str, since: int | None) -> PartialDate | None:
    """The date a dateline with no year states ("Issued: Thursday 22nd March"), when
    its weekday fixes the year: the one year from ``since`` (the earliest the text can
    have been written, by the names it uses: "HMICFRS" dates it from 2017) within
    ``YEAR_WINDOW`` years on whose calendar that day is that weekday. None without
    ``since`` or when the weekday leaves more than one year."""
    if since is None:
        return None
    lead = RE_YEARLESS_LEAD.match(line)
    rest = line[lead.end() if lead else 0 :]
    m = RE_WDM.match(rest) or RE_WMD.match(rest)
    if m is None or re.search(r"[A-Za-z0-9]", rest[m.end() :].strip(" *_")):
        return None
    return weekday_year(m, since)


def weekday_year(m: re.Match[str], since: int) -> PartialDate | None:
    """A ``RE_WDM``/``RE_WMD`` match ("Tuesday, April 10") with no year, in the one
    year from ``since`` within ``YEAR_WINDOW`` years on whose calendar that day is that
    weekday; None when it leaves more than one."""
    g = m.groupdict()
    month, day, weekday = _month(g["month"]), int(g["day"]), WEEKDAYS[g["wday"].lower()]
    years = [
        y
        for y in range(since, since + YEAR_WINDOW + 1)
        if day <= calendar.monthrange(y, month)[1] and dt.date(y, month, day).weekday() == weekday
    ]
    return PartialDate(years[0], month, day) if len(years) == 1 else None


def weekday_date(m: re.Match[str], year: int) -> PartialDate | None:
    """A ``RE_WDM``/``RE_WMD`` match ("Tuesday 12 March") in ``year``, if that day is
    that weekday there."""
    g = m.groupdict()
    month, day = _month(g["month"]), int(g["day"])
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    if dt.date(year, month, day).weekday() != WEEKDAYS[g["wday"].lower()]:
        return None
    return PartialDate(year, month, day)


def undated_day(m: re.Match[str], ref: PartialDate) -> PartialDate | None:
    """A ``RE_WMD``/``RE_WDM`` match ("Thursday (November 1)") resolved against the
    article's date: the year of the article, or the one before for a later month."""
    g = m.groupdict()
    month, day = _month(g["month"]), int(g["day"])
    year = ref.year
    if ref.month is not None and month > ref.month:
        year -= 1  # "Thursday (November 1)" in a January article is last year
    return _make(year, month, day)


def shift_days(date: PartialDate, days: int) -> PartialDate:
    if date.day is None or date.month is None:
        return date
    d = dt.date(date.year, date.month, date.day) + dt.timedelta(days=days)
    return PartialDate(d.year, d.month, d.day)


def shift_months(date: PartialDate, months: int) -> PartialDate:
    if date.month is None:
        return PartialDate(date.year)
    n = date.year * 12 + (date.month - 1) + months
    return PartialDate(n // 12, n % 12 + 1)


# "In March last year", "in March this year", "last March"
RE_MONTH_REL = re.compile(
    r"\b(?:in\s+)?"
    + _MONTH
    + r"\s+(?P<rel>last|this|next)\s+year\b|\blast\s+"
    + _MONTH.replace("month>", "month2>")
    + r"\b",
    re.IGNORECASE,
)
RE_RELATIVE = re.compile(
    r"\b(?P<what>today|this morning|this afternoon|this evening|tonight|yesterday|"
    r"last week|earlier this week|this week|"
    r"last month|this month|earlier this month|last year|this year|earlier this year|"
    r"the previous year|the year before|a year ago|"
    r"last summer|last autumn|last spring|last winter)\b",
    re.IGNORECASE,
)


# Words one of which every match of a regex holds, for a cheap test before it (see
# patterns.any_in): every month and weekday name starts with its three-letter stem.
MONTH_STEMS = tuple(sorted({name[:3] for name in MONTHS}))
WEEKDAY_STEMS = tuple(sorted({name[:3] for name in WEEKDAYS}))
RELATIVE_WORDS = ("today", "tonight", "yesterday", "this", "last", "year")
MONTHS_FULL = frozenset(calendar.month_name[1:])
# every full month name and weekday, lowercase (guards for the running-text patterns below)
MONTH_NAMES = tuple(calendar.month_name[i].lower() for i in range(1, 13))
WEEKDAY_NAMES = tuple(calendar.day_name[i].lower() for i in range(7))


def relative_date(phrase: str, ref: PartialDate) -> PartialDate | None:
    """Resolve one RE_RELATIVE phrase against the article's date."""
    p = phrase.lower()
    if p in {"today", "this morning", "this afternoon", "this evening", "tonight"}:
        return ref
    if p == "yesterday":
        return shift_days(ref, -1) if ref.day else ref
    if p == "last week":
        return shift_days(ref, -7).month_only() if ref.day else ref
    if p in {"last month"}:
        return shift_months(ref, -1) if ref.month else None
    if p in {"this week", "earlier this week"}:
        return ref.month_only() if ref.month else None
    if p in {"this month", "earlier this month"}:
        return ref.month_only() if ref.month else None
    if p in {
        "last year",
        "the previous year",
        "the year before",
        "a year ago",
        "last summer",
        "last autumn",
        "last spring",
        "last winter",
    }:
        return PartialDate(ref.year - 1)
    if p in {"this year", "earlier this year"}:
        return PartialDate(ref.year)
    return None


def month_relative(m: re.Match[str], ref: PartialDate) -> PartialDate | None:
    g = m.groupdict()
    if g.get("month2"):
        month = _month(g["month2"])
        year = ref.year if ref.month is not None and month < ref.month else ref.year - 1
        return _make(year, month, None)
    month = _month(g["month"])
    delta = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
    return _make(ref.year + delta, month, None)


# --- dates in running text, resolved against the article's date ------------------

# Month and weekday names as written in running text: capitalised, in full ("May"
# the month, never "may" the verb).
_MONTH_FULL = r"(?P<month>" + "|".join(calendar.month_name[1:]) + r")"
_NO_YEAR_AFTER = r"(?![ \t]*,?[ \t]*(?:19|20)\d\d)"
# "on Thursday", "last Tuesday", "Tuesday evening": a weekday with no day or month
RE_WEEKDAY = re.compile(
    r"\b(?P<wday>" + "|".join(calendar.day_name) + r")\b(?![ \t]*,?[ \t]*\(?\d)"
)
# "on 7 December", "the 1st of February" (no year after)
RE_DM = re.compile(
    r"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?" + _MONTH_FULL + r"\b" + _NO_YEAR_AFTER
)
# "December 7", "March 22nd" (no year after; not "March 2014")
RE_MD = re.compile(
    r"\b" + _MONTH_FULL + r"[ \t]+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?![\d:.])" + _NO_YEAR_AFTER
)
# "in September", "published in March", "since June" (no year after)
RE_BARE_MONTH = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Dd]uring|[Ff]rom|[Uu]ntil|[Bb]y|[Oo]f|early|late|mid-?)[ \t]+"
    + _MONTH_FULL
    + r"\b(?![ \t]*,?[ \t]*(?:\d|last|this|next))"
)
# "four years ago", "a year ago", "two months ago"
RE_AGO = re.compile(
    r"\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})[ \t]+"
    r"(?P<unit>year|month|week)s?[ \t]+ago\b",
    re.IGNORECASE,
)
_SMALL = {
    w: i
    for i, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"], 1
    )
}
# a year alone: "in 2016", "the 2014 report"; not "2010/11", "2018-19", "2023–25", "2,014"
RE_YEAR_ALONE = re.compile(
    r"(?<![\d,./£$–—-])(?P<year>(?:19|20)\d\d)\b(?![/–—-]\d|,\d|[ \t]*[–—][ \t]*\d)"
)


def weekday_before(ref: PartialDate, weekday: int) -> PartialDate | None:
    """The latest ``weekday`` not after ``ref`` (itself, if it is one)."""
    if ref.day is None or ref.month is None:
        return None
    d = dt.date(ref.year, ref.month, ref.day)
    return shift_days(ref, -((d.weekday() - weekday) % 7))


def day_month_before(ref: PartialDate, month: int, day: int) -> PartialDate | None:
    """``day month`` in the year that makes it the latest such day not after ``ref``."""
    year = ref.year
    if ref.month is not None and (month, day) > (ref.month, ref.day or 31):
        year -= 1
    return _make(year, month, day)


def month_before(ref: PartialDate, month: int) -> PartialDate | None:
    """``month`` in the year that makes it the latest such month not after ``ref``."""
    if ref.month is None:
        return None
    return _make(ref.year if month <= ref.month else ref.year - 1, month, None)


def ago(m: re.Match[str], ref: PartialDate) -> PartialDate | None:
    """A ``RE_AGO`` match resolved: "four years ago" in 2023 is 2019."""
    word = m.group("n").lower()
    n = 1 if word in {"a", "an"} else _SMALL.get(word) or int(word)
    unit = m.group("unit").lower()
    if unit == "year":
        return PartialDate(ref.year - n)
    if unit == "month":
        return shift_months(ref, -n) if ref.month else None
    return shift_days(ref, -7 * n).month_only() if ref.day else None


def phrase_dates(text: str, ref: PartialDate | None, since: int | None = None) -> list[DateMatch]:
    """Every date ``text`` gives, in text order: those with a year, then (against the
    article's date ``ref``, when known) relative and yearless ones, then years alone.
    Where two overlap the first kind found wins ("7 December 2020" is one date, not
    "7 December" and "2020"). With no ``ref``, a day with its weekday ("Tuesday, April
    10") is placed by ``since``, the earliest year the text can be from (see
    ``weekday_year``)."""
    found = absolute_dates(text)
    taken = [(d.span.start, d.span.end) for d in found]

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    def add(a: int, b: int, date: PartialDate | None) -> None:
        if date is not None and free(a, b):
            found.append(DateMatch(date, Span(a, b)))
            taken.append((a, b))

    low = text.lower()
    if ref is not None:
        month = any(name in low for name in MONTH_NAMES)
        weekday = any(name in low for name in WEEKDAY_NAMES)
        if month:
            for m in RE_MONTH_REL.finditer(text):
                add(m.start(), m.end(), month_relative(m, ref))
        if month and weekday:
            for rx in (RE_WMD, RE_WDM):
                for m in rx.finditer(text):
                    add(m.start(), m.end(), undated_day(m, ref))
        if month:
            for rx in (RE_DM, RE_MD):
                for m in rx.finditer(text):
                    add(
                        m.start(), m.end(), day_month_before(ref, _month(m["month"]), int(m["day"]))
                    )
        for m in RE_RELATIVE.finditer(text) if any_word(RELATIVE_WORDS, low) else ():
            add(m.start(), m.end(), relative_date(m.group("what"), ref))
        for m in RE_AGO.finditer(text) if " ago" in low else ():
            add(m.start(), m.end(), ago(m, ref))
        if weekday:
            for m in RE_WEEKDAY.finditer(text):
                add(m.start(), m.end(), weekday_before(ref, WEEKDAYS[m["wday"].lower()]))
        if month:
            for m in RE_BARE_MONTH.finditer(text):
                add(m.start("month"), m.end(), month_before(ref, _month(m["month"])))
    elif since is not None and any(name in low for name in WEEKDAY_NAMES):
        for rx in (RE_WMD, RE_WDM):
            for m in rx.finditer(text):
                add(m.start(), m.end(), weekday_year(m, since))
    if RE_ANY_YEAR.search(text):
        for m in RE_YEAR_ALONE.finditer(text):
            add(m.start(), m.end(), PartialDate(int(m["year"])))
    found.sort(key=lambda d: d.span)
    return found


def any_word(words: tuple[str, ...], low: str) -> bool:
    return any(w in low for w in words)
