"""The shortcuts the extractors take for speed change no result: a keyword test
before a regex passes wherever the regex matches, and label alternations grouped
by first letter match what the plain alternation matches."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

import pytest

from kg import dates
from kg.extract import areas, figures, findings, grades, reports, text
from kg.ingest import read_article
from kg.patterns import (
    _case_sensitive,
    _dispatch,
    _label_pattern,
    any_in,
    context_role_words,
    coreference_words,
    inspectorate_words,
    lowered,
    org_context_words,
    re_context_role,
    re_coreference,
    re_honorific,
    re_inspectorate,
    re_org,
    re_org_context,
    re_place,
    re_role,
    role_words,
)
from kg.reference import lexicon
from tests.conftest import CORPUS

# Letters IGNORECASE matches to "i" and "s" that lower() does not make so.
ODD_CASES = [
    "İNSPECTİON FOUND",
    "ınspectıon report",
    "the ſample was reviewed",
    "Revİsİt in six months",
    "Thurſday, March 22",
    "THIS MORNING",
    "LAST YEAR",
    "In March last year",
    "ALL 43 FORCES",
    "Inspectors rated it 'GOOD' for effectiveness",
    "“REQUİRES İMPROVEMENT” overall",
    "30 OF THE 79 CASES",
    "REFERRED 10 CASES",
    "an İnspection of the force in September",
    "Chief Constable Jane Doe",
    "the POLİCE WATCHDOG",
    "The Force said",
    "Police & Crime Commissioner Ann Smith",
]


def _sentences() -> Iterator[str]:
    for path in sorted(CORPUS.iterdir()):
        for sent in text.sentences(read_article(path)):
            yield sent.text
    yield from ODD_CASES


SENTENCES = list(_sentences())

# (regex, its guard words, whether the words are tested on lowered text)
GUARDS = {
    "report noun": (reports.RE_REPORT_NOUN, reports.REPORT_NOUN_WORDS, True),
    "judged": (reports.RE_JUDGED, reports.JUDGED_WORDS, True),
    "inspected": (reports.RE_INSPECTED, reports.INSPECTED_WORDS, True),
    "kind": (reports.RE_KIND, reports.KIND_WORDS, True),
    "fieldwork": (reports.RE_FIELDWORK_TEXT, reports.FIELDWORK_WORDS, True),
    "revisit": (reports.RE_REVISIT, reports.REVISIT_WORDS, True),
    "month relative": (dates.RE_MONTH_REL, dates.MONTH_STEMS, True),
    "weekday month": (dates.RE_WMD, dates.WEEKDAY_STEMS, True),
    "weekday day": (dates.RE_WDM, dates.WEEKDAY_STEMS, True),
    "month of weekday day": (dates.RE_WDM, dates.MONTH_STEMS, True),
    "relative": (dates.RE_RELATIVE, dates.RELATIVE_WORDS, True),
    "agent cue": (findings.re_agent_cue(), findings.AGENT_VERB_WORDS, False),
    "trailing agent": (findings.RE_TRAILING_AGENT, findings.TRAILING_AGENT_WORDS, True),
    "passive": (findings.RE_PASSIVE, findings.PASSIVE_WORDS, False),
    "figure context": (figures.RE_CONTEXT, figures.CONTEXT_WORDS, True),
    "bare count": (figures.count_patterns()[1], figures.BARE_WORDS, True),
    "part count": (figures.count_patterns()[0], ("of",), True),
    "all count": (figures.whole_count_patterns()[0], ("all",), True),
    "every count": (figures.whole_count_patterns()[1], ("them",), True),
    "role": (re_role(), role_words() or (), True),
    "org context": (re_org_context(), org_context_words() or (), True),
    "coreference": (re_coreference(), coreference_words() or (), True),
    "inspectorate": (re_inspectorate(), inspectorate_words() or (), True),
    "honorific": (re_honorific(), lexicon().honorifics, False),
    "context role": (re_context_role(), context_role_words(), False),
    "shared object": (areas.RE_SHARED_OBJECT, ("ing and ",), False),
}


@pytest.mark.parametrize("name", GUARDS)
def test_guards_pass_wherever_the_regex_matches(name):
    rx, words, ci = GUARDS[name]
    missed = [s for s in SENTENCES if rx.search(s) and not any_in(words, lowered(s) if ci else s)]
    assert not missed


def test_guards_grade_and_cue_words_pass_wherever_they_match():
    grade_words = grades._grade_words()
    assert grade_words is not None
    for s in SENTENCES:
        if grades.re_grade().search(s):
            assert any_in(grade_words, lowered(s)), s
        for (_, rx), (_, _, words) in zip(findings._cues(), findings._cue_table(), strict=True):
            if rx.search(s):
                assert words is not None and any_in(words, lowered(s)), s


def test_guards_area_labels_are_found_where_they_match():
    for s in SENTENCES + ["EFFECTİVENESS and Child Protection"]:
        for word, rx in findings._area_label_patterns():
            assert word is None or word in lowered(s) or not rx.search(s), s


def test_guards_counts_need_a_number():
    part, bare = figures.count_patterns()
    for s in SENTENCES + ["two of the 43 forces", "a third of the cases", "reviewed 384 cases"]:
        could_part, could_bare = figures.could_count(s)
        assert could_part or not part.search(s), s
        assert could_bare or not bare.search(s), s


def test_guards_kind_lookahead_takes_every_first_letter():
    # the lookahead before RE_KIND lets through every character its head words can
    # start with, as IGNORECASE matches them ("İ" and "ı" for "i")
    assert reports.RE_KIND.pattern.startswith("(?=[afijr])")
    heads = ("inspection", "report", "review", "assessment", "findings", "judgements", "judgments")
    assert {w[0] for w in heads} == set("afijr")
    everything = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    taken = re.findall("(?=[afijr]).", everything, re.I)
    assert taken == re.findall("|".join(w[0] for w in heads), everything, re.I)


def test_guards_dates_have_no_year_shortcut_misses():
    for s in SENTENCES:
        if any(rx.search(s) for rx in (dates.RE_ISO, dates.RE_DMY_NUM, dates.RE_DMY, dates.RE_MY)):
            assert dates.RE_ANY_YEAR.search(s), s


def _plain(alts: list[tuple[str, bool]]) -> re.Pattern[str]:
    return re.compile(
        r"(?<![\w'’-])(?:" + "|".join(f"(?i:{p})" if ci else p for p, ci in alts) + r")(?![\w-])"
    )


def _spans(rx: re.Pattern[str], texts: list[str]) -> list[list[tuple[int, int]]]:
    return [[m.span() for m in rx.finditer(t)] for t in texts]


def test_guards_dispatch_matches_the_plain_alternation():
    # the same letter case-sensitive and not, in an order that matters, and "the"
    labels = [
        ("HMIC", False),
        ("Her Majesty's Inspectorate", True),
        ("HMI", False),
        ("hampshire", True),
        ("the Met", False),
        ("Thames Valley", True),
        ("Inspector", False),
        ("inspectorate", True),
        ("South Yorkshire", True),
        ("SYP", False),
    ]
    alts = [(_label_pattern(label), ci) for label, ci in labels]
    dispatched = re.compile(r"(?<![\w'’-])" + _dispatch(alts) + r"(?![\w-])")
    texts = [
        "HMICFRS and HMIC and Her Majesty’s Inspectorate; the HMI; THE MET and The Met",
        "İnspectorate and ınspectorate, HAMPSHİRE, ſouth Yorkſhire, SYP's",
        *SENTENCES,
    ]
    assert _spans(dispatched, texts) == _spans(_plain(alts), texts)


def test_guards_org_and_place_regexes_match_the_plain_alternation():
    lex = lexicon()
    labels = sorted({lb for o in lex.orgs.values() for lb in o.labels}, key=lambda s: (-len(s), s))
    plain_org = _plain([(_label_pattern(lb), not _case_sensitive(lb)) for lb in labels])
    assert _spans(re_org(), SENTENCES) == _spans(plain_org, SENTENCES)
    places = sorted({p for o in lex.orgs.values() for p in o.places}, key=lambda s: (-len(s), s))
    plain_place = _plain([(_label_pattern(p), False) for p in places])
    assert _spans(re_place(), SENTENCES) == _spans(plain_place, SENTENCES)
