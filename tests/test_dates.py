import pytest

from kg.dates import dateline, phrase_dates
from kg.model import PartialDate


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        (
            " date 2018-03-08 Vulnerable children are being failed, says a damning report published today.",
            "2018-03-08",
        ),
        ("Monday, 15th April 2019, 3:36 pm", "2019-04-15"),
        ("Thursday, April 11, 2019", "2019-04-11"),
        ("Sep 21, 2017", "2017-09-21"),
        ("Fri 25 Nov 2016", "2016-11-25"),
        ("Posted: Thu 22nd Mar 2018", "2018-03-22"),
        ("This article is old - Published: Thursday, Mar 22nd, 2018", "2018-03-22"),
        ("Posted on 27th November 2014", "2014-11-27"),
        # bylines: fields set off by bars, a time before the day, the writer's title
        ("News | Gareth Hill | Published: 16:00, Thursday April 3rd, 2014.", "2014-04-03"),
        ("By Richard Price - Local Democracy Reporter 2nd Jul 2022", "2022-07-02"),
        # a publication's volume before the day, as Hansard prints it
        ("*House of Commons, Volume 734 – Tuesday 20 June 2023*", "2023-06-20"),
        ("Hansard, Volume 594: Thursday 12 March 2015", "2015-03-12"),  # or a colon
        ("*ITV News West Country* · 7 July 2022", "2022-07-07"),  # a field in italics
        # a writer and an outlet set off from "Published" by a full stop
        ("*Amy Lee, Heart Radio Kent. Published 4th Nov 2021*", "2021-11-04"),
        ("02/03/2017", "2017-03-02"),
        # a byline before the date, set off by a gap or a mark
        ("Solihull Editorial  15th Jan, 2019  Updated: 15th Jan, 2019   0", "2019-01-15"),
        ("By Jo Bloggs | 3 May 2019", "2019-05-03"),
        # a paper's name with its small words, then "Published"
        ("*Express & Star | Published 7 April 2022*", "2022-04-07"),
        (  # a labelled byline, its fields set off by middle dots
            "Author: Matt Maddren · Published 22nd Sep 2022 · Last updated 22nd Sep 2022",
            "2022-09-22",
        ),
        ("Mansfield and Ashfield Chad | 27 July 2022", "2022-07-27"),
        # a byline that names no writer, in lower case
        ("By agency reporter, January 12, 2020", "2020-01-12"),
        ("By staff reporter | 12/01/2020", "2020-01-12"),
    ],
)
def test_dates_dateline_shapes(line, iso):
    found = dateline(line)
    assert found is not None and found.date == PartialDate.parse(iso)


@pytest.mark.parametrize(
    "line",
    [
        "In 2016 North Wales Police was assessed against the following areas and more besides.",
        "PCC RESPONDS TO HMIC PEEL EFFICIENCY REPORT – NOVEMBER 2016",
        "Police Say More Officers Needed 15 March 2019 after the force was rated good today",
        "Recommendation 3: 4 May 2019 was the day the force was told it must improve",
        "by the way, 12 January 2020 was a good day for the force in every way and more",
    ],
)
def test_dates_sentence_is_not_a_dateline(line):
    assert dateline(line) is None


def test_dates_today_with_a_weekday_but_no_year_dates_nothing(make_article):
    # March 22 was a Thursday in 2007, 2012 and 2018 (and will be in 2029): a guess at
    # the year would change with the day the corpus is built
    a = make_article(
        "Lincolnshire Police rated good\n\nThe HMIC report released today, Thursday "
        "March 22, graded Lincolnshire Police good."
    )
    assert a.published is None
    b = make_article("Lincolnshire Police rated good\n\nHMIC today, Thursday 22 March 2018, said.")
    assert b.published == PartialDate(2018, 3, 22)


def test_dates_a_yearless_dateline_dated_by_the_names_the_page_uses(make_article):
    # "HMICFRS" (from July 2017): of 2017-2027 only 2018 has 22 March on a Thursday
    a = make_article(
        "PCC confident police are reacting positively\n\nToday's HMICFRS report graded West "
        "Mercia as requiring improvement.\n\n*Issued: Thursday 22nd March*"
    )
    assert a.published == PartialDate(2018, 3, 22)
    # no name that places the page in time: no year, no date
    b = make_article(
        "PCC confident police are reacting positively\n\nToday's report graded West "
        "Mercia as requiring improvement.\n\n*Issued: Thursday 22nd March*"
    )
    assert b.published is None


# (text, the article's date, the dates phrase_dates finds: (words, ISO))
PHRASES = [
    # a cycle of years is no year of a report: "the PEEL report 2023–25", "2021/22"
    ("The PEEL report 2023–25 for Essex Police was published", "2025-05-14", []),
    ("the 2021/22 inspection found", "2022-06-01", []),
    ("published on 7 December", "2020-12-17", [("7 December", "2020-12-07")]),
    ("published on 7 December", "2021-01-05", [("7 December", "2020-12-07")]),
    (
        "On Tuesday (1 February) the IOPC published",
        "2022-02-03",
        [("Tuesday (1 February)", "2022-02-01")],
    ),
    ("a report published on Thursday", "2019-05-02", [("Thursday", "2019-05-02")]),
    ("published on Monday", "2021-07-07", [("Monday", "2021-07-05")]),
    ("an interim report issued in September", "2016-01-20", [("September", "2015-09")]),
    ("the damning report of four years ago", "2023-05-10", [("four years ago", "2019")]),
    ("HMIC's March 2014 report", "2015-03-01", [("March 2014", "2014-03")]),
    ("Then in 2016 HMI inspected SYP", "2023-01-01", [("2016", "2016")]),
    ("since being graded 'requires improvement' last year", "2017-03-02", [("last year", "2016")]),
    (
        "In March last year weaknesses were highlighted",
        "2019-04-15",
        [("In March last year", "2018-03")],
    ),
    ("an inspection earlier this month", "2023-04-28", [("earlier this month", "2023-04")]),
    ("last week's publication of the report", "2014-11-27", [("last week", "2014-11")]),
    (
        "between 1 July 2019 and 30 June 2020",
        "2020-12-17",
        [("1 July 2019", "2019-07-01"), ("30 June 2020", "2020-06-30")],
    ),
    ("cutting £34m since 2010/11, by 2018-19", "2015-11-01", []),
    ("May the force improve", "2015-11-01", []),
]


@pytest.mark.parametrize(("text", "ref", "expected"), PHRASES)
def test_dates_phrases_resolved_against_the_article(text, ref, expected):
    found = phrase_dates(text, PartialDate.parse(ref))
    assert [(text[d.span.start : d.span.end], d.date.iso()) for d in found] == expected


def test_dates_relative_phrases_need_the_articles_date():
    # "published on Thursday" with no article date is no date; a year alone still is one
    assert [d.date.iso() for d in phrase_dates("published on Thursday in 2016", None)] == ["2016"]


def test_dates_a_byline_then_published_then_the_date():
    from kg import dates

    found = dates.dateline(
        "*By Cameron Green — Published 14th Oct 2022, last updated 14th Oct 2022*"
    )
    assert found is not None and found.date == PartialDate(2022, 10, 14)
