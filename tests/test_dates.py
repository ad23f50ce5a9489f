import pytest

from kg.dates import dateline
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
        ("02/03/2017", "2017-03-02"),
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
    ],
)
def test_dates_sentence_is_not_a_dateline(line):
    assert dateline(line) is None


def test_dates_weekday_fixes_a_missing_year(make_article):
    a = make_article(
        "Lincolnshire Police rated good\n\nThe HMIC report released today, Thursday "
        "March 22, graded Lincolnshire Police good."
    )
    assert a.published == PartialDate(2018, 3, 22)
