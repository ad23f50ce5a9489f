import pytest

from kg.extract import extract_article


def reports(article):
    return {
        (r.publisher, r.subjects, r.published.iso() if r.published else None)
        for r in extract_article(article).reports
    }


CASES = [
    (
        "Monday, 15th April 2019\n\nIn March last year, weaknesses were highlighted in Lancashire "
        "Police’s work by HMICFRS.",
        ("hmicfrs", ("lancashire",), "2018-03"),
    ),
    (
        "Thursday, April 11, 2019\n\nIn a post inspection review published today (Thursday, April 11th) "
        "HMICFRS found Lancashire Constabulary had improved.",
        ("hmicfrs", ("lancashire",), "2019-04-11"),
    ),
    (
        "Sep 21, 2017\n\nThe reports, published on Thursday (September 1), found Cleveland Police’s "
        "record-keeping poor, according to HMICFRS.",
        ("hmicfrs", ("cleveland",), "2017-09-01"),
    ),
    (
        "02/03/2017\n\nIt comes after Nottinghamshire Police was found to 'require improvement' by "
        "HMIC last month.",
        ("hmicfrs", ("nottinghamshire",), "2017-02"),
    ),
    (
        "Then in 2016 HMI inspected South Yorkshire Police (SYP), said the force ‘requires "
        "improvement’. HMICFRS later agreed.",
        ("hmicfrs", ("south-yorkshire",), "2016"),
    ),
    (
        "PCC RESPONDS TO HMIC PEEL EFFICIENCY REPORT – NOVEMBER 2016\n\nThe HMIC report on South "
        "Yorkshire Police does not change those priorities.",
        ("hmicfrs", ("south-yorkshire",), "2016-11"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reports_publisher_subject_date(make_article, text, expected):
    assert expected in reports(make_article(text))


def test_reports_fieldwork_date_is_not_publication(make_article):
    a = make_article(
        "02/03/2017\n\nA report published today by Her Majesty's Inspectorate of "
        "Constabulary looks at Nottinghamshire Police. The report follows an "
        "inspection of the force in September 2016, when it was found to be good."
    )
    assert reports(a) == {("hmicfrs", ("nottinghamshire",), "2017-03-02")}


def test_reports_another_bodys_review_is_its_report(make_article):
    a = make_article(
        "A peer review of South Yorkshire Police by the College of Policing in 2016 "
        "set out its weaknesses."
    )
    assert reports(a) == {("college-of-policing", ("south-yorkshire",), "2016")}


def test_reports_need_an_inspectorate(make_article):
    assert reports(make_article("Lancashire Police published a report on burglary today.")) == set()
