from pathlib import Path

import pytest

from kg.extract import extract_article

GOLD_ARTICLES = Path(__file__).resolve().parents[1] / "gold" / "dev" / "articles"


def reports(article):
    return {
        (r.publisher, r.subjects, r.published.iso() if r.published else None)
        for r in extract_article(article).reports
    }


def kinds(article):
    return {(r.subjects, r.kind_concept) for r in extract_article(article).reports}


# (article text, a report it gives): the report's own date, never the article's
# unless the text says so. Shapes from the dev articles, and variants of them.
DATES = [
    (  # what an inspectorate releases is a report, whatever its name
        "8 December 2017\n\nHM Inspectorate of Constabulary in Scotland this morning released "
        "its Strategic overview of British Transport Police in Scotland.",
        ("hmics", ("btp",), "2017-12-08"),
    ),
    (  # "the force" of a sentence after paragraphs of one sentence: the one named last
        "Complaints rise\n\nSouth Wales Police received 721 complaints.\n\nThe figure for "
        "Gwent Police held steady at 311.\n\nBut the IPCC upheld more complaints.\n\nThat "
        "follows criticism from HMIC, which described the force's professional standards "
        "department as slow in a report.",
        ("hmicfrs", ("gwent",), None),
    ),
    (  # a force graded later in the article's inspection of every force: that report's
        "22 July 2014\n\nA report by HMIC, published this morning, praised Kent Police."
        "\n\nHMIC inspected all 43 police forces in England and Wales.\n\nUnder the "
        "gradings, 40 forces were rated good. Only three – Bedfordshire, Gwent and "
        "Nottinghamshire – were told they require improvement.",
        ("hmicfrs", ("kent", "bedfordshire", "gwent", "nottinghamshire"), "2014-07-22"),
    ),
    (  # a year's round of inspections: that year's report of each force it grades
        "Dyfed-Powys Police requires improvement, HMIC report says.\n\nIn the 2016 round, "
        'the South Wales and Gwent forces were judged "good" across the board.',
        ("hmicfrs", ("south-wales", "gwent"), "2016"),
    ),
    (  # a super-complaint's report is national, whoever responds to it
        "17 December 2020\n\nHMICFRS has now published its report on the super-complaint, "
        "which makes the recommendations below.\n\nWarwickshire Police has directed its "
        "officers not to share information.",
        ("hmicfrs", (), "2020-12-17"),
    ),
    (  # the chief inspector's annual State of Policing is national, whoever answers it
        "7 July 2017\n\nHMIC published its State of Policing report today.\n\nTony Lloyd, "
        "PCC for Greater Manchester, said the report was welcome.",
        ("hmicfrs", (), "2017-07-07"),
    ),
    (  # the police in general as what was looked at: a national report
        "19 December 2024\n\nPart one of HMICFRS's review of how the police responded to the "
        "disorder over the summer has now been published.\n\nEmily Spurrell, PCC for "
        "Merseyside, said the review was welcome.",
        ("hmicfrs", (), "2024-12-19"),
    ),
    (  # "has been released": the present perfect of news, the article's day
        "13 April 2017\n\nPolice chiefs have been given no respite now that the full report "
        "branding Bedfordshire Police 'inadequate' has been released by HMIC.",
        ("hmicfrs", ("bedfordshire",), "2017-04-13"),
    ),
    (  # "a report just published": the article's day
        "11 July 2023\n\nThe federation's lead was reacting to a report just published by "
        "HMICFRS on the 2021/22 PEEL inspections of forces in England and Wales.",
        ("hmicfrs", (), "2023-07-11"),
    ),
    (  # the inspectors' last visit, by its year: that year's report
        "21 June 2018\n\nHMICFRS today published its crime data inspection of the "
        "Metropolitan Police Service.\n\nHMICFRS last looked at the accuracy of the "
        "Metropolitan Police Service’s crime recording in 2014.",
        ("hmicfrs", ("metropolitan",), "2014"),
    ),
    (  # "published its *TITLE*, also known as 'the Review', in November 2015"
        "Call handling\n\nHMICS had published its *Independent Assurance Review Police "
        "Scotland – Call Handling Final Report*, also known as 'the Review', in November 2015.",
        ("hmics", ("police-scotland",), "2015-11"),
    ),
    (  # "And back in February 2012, the ... report that HMIC published"
        "18 November 2014\n\nHMIC today released its report on crime recording in Kent Police."
        "\n\nAnd back in February 2012, the Forging the Links report that HMIC published "
        "jointly with HMCPSI raised the same concerns about Kent Police.",
        ("hmicfrs", ("kent",), "2012-02"),
    ),
    (  # "In March last year, ... were highlighted"
        "Monday, 15th April 2019\n\nIn March last year, weaknesses were highlighted in Lancashire "
        "Police’s work by HMICFRS.",
        ("hmicfrs", ("lancashire",), "2018-03"),
    ),
    (  # "published today (Thursday, April 11th)"
        "Thursday, April 11, 2019\n\nIn a post inspection review published today (Thursday, April 11th) "
        "HMICFRS found Lancashire Constabulary had improved.",
        ("hmicfrs", ("lancashire",), "2019-04-11"),
    ),
    (  # "published on Thursday (September 1)": a day and month take the year from the article
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
    (  # a date after the report noun in a headline
        "PCC RESPONDS TO HMIC PEEL EFFICIENCY REPORT – NOVEMBER 2016\n\nThe HMIC report on South "
        "Yorkshire Police does not change those priorities.",
        ("hmicfrs", ("south-yorkshire",), "2016-11"),
    ),
    (  # "published on 7 December" in an article of 17 December 2020
        "Thursday, 17 December 2020\n\nThe watchdog's report, published on 7 December, found that "
        "Greater Manchester Police was failing to record one in five crimes, HMICFRS said.",
        ("hmicfrs", ("greater-manchester",), "2020-12-07"),
    ),
    (  # the same shape, a month later in the year
        "Friday, 12 March 2021\n\nHMICFRS said its report on Kent Police, published on 3 March, "
        "found the force good at investigating crime.",
        ("hmicfrs", ("kent",), "2021-03-03"),
    ),
    (  # a weekday and its date in brackets
        "Thursday, 3 February 2022\n\nOn Tuesday (1 February) the Independent Office for Police "
        "Conduct (IOPC) published a learning report on the Metropolitan Police.",
        ("iopc", ("metropolitan",), "2022-02-01"),
    ),
    (  # a weekday alone: the latest such day not after the article's
        "Wednesday, 7 July 2021\n\nThe report by HMICFRS on Essex Police was published on Monday.",
        ("hmicfrs", ("essex",), "2021-07-05"),
    ),
    (
        "Her Majesty's Inspectorate of Constabulary's report on Kent Police, published in "
        "November 2014, found crime under-recorded.",
        ("hmicfrs", ("kent",), "2014-11"),
    ),
    (  # a date before the report noun
        "HMIC’s March 2014 report on Essex Police exposed significant weaknesses.",
        ("hmicfrs", ("essex",), "2014-03"),
    ),
    (  # "today" is the article's date
        "Wednesday, 6 August 2014\n\nPrison inspectors have today set out serious concerns about "
        "HMYOI Glen Parva in Leicestershire.",
        ("his-majesty-s-inspectorate-of-prisons", ("named-hmyoi-glen-parva",), "2014-08-06"),
    ),
    (  # a visit this month dates its report to the month
        "Friday, 28 April 2023\n\nThe demand follows an inspection earlier this month at HMYOI "
        "Cookham Wood, which found boys held in solitary confinement, HM Chief Inspector of "
        "Prisons said.",
        ("his-majesty-s-inspectorate-of-prisons", ("named-hmyoi-cookham-wood",), "2023-04"),
    ),
    (  # "this year's" inspection in the article's year dates the article's own report
        "Thursday, 2 May 2019\n\nThe chief constable said Durham Constabulary was pleased to be "
        "graded outstanding once again in this year's PEEL inspection by HMICFRS.",
        ("hmicfrs", ("durham",), "2019"),
    ),
    (  # a statement released on a day is not the report
        "Tuesday, 20 September 2022\n\nThe Independent Office for Police Conduct investigated "
        "how Wiltshire Police handled the case. In a statement released on Friday in response "
        "to the findings, the chief constable apologised.",
        ("iopc", ("wiltshire",), None),
    ),
    (  # a time ago opening the sentence whose body then produced the report
        "12 March 2024\n\nA year ago HMICFRS produced a highly critical report on North "
        "Yorkshire Police.",
        ("hmicfrs", ("north-yorkshire",), "2023"),
    ),
    (  # a body's inquiry into how forces acted: its report on each
        "The IPCC's inquiry looked at how Kent Police and GMP dealt with two alleged rapes.",
        ("ipcc", ("kent", "greater-manchester"), None),
    ),
    (  # "a new report" alone has no date
        "Monday, 15th April 2019\n\nLancashire Police have made improvements, a new report by "
        "HMICFRS says.",
        ("hmicfrs", ("lancashire",), None),
    ),
    (  # the article's date is not the report's
        "Friday, 27 September 2019\n\nHer Majesty's Inspectorate of Constabulary and Fire and "
        "Rescue Services (HMICFRS) has rated Cleveland Police inadequate overall.",
        ("hmicfrs", ("cleveland",), None),
    ),
    (  # the date after the publisher: "published by the inspectorate last month"
        "12 March 2019\n\nHMICFRS inspects every force. A report published by the "
        "inspectorate last month found Kent Police was good.",
        ("hmicfrs", ("kent",), "2019-02"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), DATES)
def test_reports_publisher_subject_date(make_article, text, expected):
    assert expected in reports(make_article(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # a body is the report's agent when "by" follows the report's noun
            "Lancashire Police has been criticised. The review, which was led by the "
            "College of Policing, pointed to areas of concern.",
            {("college-of-policing", ("lancashire",), None)},
        ),
        (  # not when "by" follows another noun of the sentence
            "HM Inspectorate of Constabulary and Fire and Rescue Services graded Cumbria "
            "Fire and Rescue Service inadequate. The report stressed that the grade did "
            "not reflect a failing by the service itself.",
            {("hmicfrs", ("named-cumbria-fire-and-rescue-service",), None)},
        ),
    ],
)
def test_reports_a_bodys_agency_is_the_by_of_the_reports_noun(make_article, text, expected):
    assert reports(make_article(text)) == expected


def test_reports_a_report_dated_to_its_year_is_the_one_dated_within_it(make_article):
    a = make_article(
        "HMIC’s March 2014 report on Essex Police exposed weaknesses. “Our 2014 report on "
        "Essex Police was meant as a wake-up call,” HMIC said."
    )
    assert reports(a) == {("hmicfrs", ("essex",), "2014-03")}


def test_reports_an_assessment_of_every_force_titled_with_its_year(make_article):
    a = make_article(
        "Thursday 27 November 2014\n\nThe first Annual Assessment of Policing in England and "
        "Wales 2014 (the PEEL Report) "
        "by Her Majesty's Inspectorate of Constabulary (HMIC) looked at every force's "
        "performance. On the effectiveness side of the assessment, Durham Constabulary was "
        "the only force judged 'outstanding' at investigating offending."
    )
    assert reports(a) == {("hmicfrs", ("durham",), "2014")}


def test_reports_the_forces_of_a_list_a_sentence_leads_into(make_article):
    a = make_article(
        "HMIC found that just eight of the 43 forces responded well to domestic abuse.\n\n"
        "Inspectors picked out four forces as being of particular concern:\n\n"
        "- Bedfordshire\n\n- Greater Manchester\n\n- Cambridgeshire\n\n- Gloucestershire\n\n"
        "The watchdog called for an overhaul."
    )
    subjects = {s for _, subjects, _ in reports(a) for s in subjects}
    assert subjects == {"bedfordshire", "greater-manchester", "cambridgeshire", "gloucestershire"}


def test_reports_a_force_graded_in_a_national_inspection_is_of_its_kind(make_article):
    a = make_article(
        "HMIC today published a report on how legitimate police forces are.\n\nAll 43 "
        "forces in England and Wales were examined in the Legitimacy inspection. Kent Police "
        "was the only force to earn an 'outstanding' grade.\n\nCheshire Constabulary "
        "received an overall rating of 'good'."
    )
    # (Cheshire's grade is of the same inspection of every force)
    assert kinds(a) == {((), "legitimacy"), (("kent", "cheshire"), "legitimacy")}


def test_reports_a_national_report_is_of_the_kind_the_article_names(make_article):
    a = make_article(
        "Victims of domestic abuse are being let down, campaigners say.\n\nDomestic abuse "
        "accounts for a third of violent crime.\n\nCharities said calls about domestic abuse "
        "had risen.\n\nHMIC concluded that just eight of the 43 police forces responded well."
    )
    assert kinds(a) == {((), "domestic-abuse")}


@pytest.mark.parametrize(
    "text",
    [
        "Cumbria Constabulary's child protection inspection was carried out in July 2016.\n\n"
        "HMICFRS have since reviewed how much progress has been made.",
        "The NPCC welcomed the HMICFRS progress report on Cumbria Constabulary's response to "
        "stalking.",
        "An HMICFRS review has concluded that Cleveland Police has improved the way it engages "
        "with the public, two years after the issue was raised as a cause for concern.",
        # a follow-up of an inspection whatever it followed up, the label in the plural
        "The findings come after re-inspections of child protection work at Cheshire "
        "Constabulary, carried out last year by HMICFRS.",
    ],
)
def test_reports_a_review_of_progress_is_a_post_inspection_review(make_article, text):
    assert "post-inspection-review" in {k for _, k in kinds(make_article(text))}


def test_reports_a_national_report_is_of_the_kind_whose_topic_the_article_speaks_of(
    make_article,
):
    a = make_article(
        "Forces told to do more on modern slavery\n\nHMICFRS published a review of police "
        "forces across England and Wales.\n\nThe inspection examined the steps forces are "
        "taking against modern slavery.\n\nToo much police work on human trafficking is "
        "reactive, inspectors said."
    )
    assert kinds(a) == {((), "vulnerability")}


def test_reports_a_bodys_own_page_speaks_of_its_work_as_ours(tmp_path):
    from kg.ingest import read_article

    page = tmp_path / "iopc.md"
    page.write_text(
        "---\ntitle: Allegation found not proven\nsource: https://www.policeconduct.gov.uk/news/"
        "x\nsite: Independent Office for Police Conduct\n---\n\n# Allegation found not proven"
        "\n\nOur investigation into the actions of officers followed a referral we received "
        "from South Wales Police in January 2021.\n",
        encoding="utf-8",
    )
    a = read_article(page)
    assert a.publisher == "Independent Office for Police Conduct"
    assert reports(a) == {("iopc", ("south-wales",), None)}


def test_reports_a_bodys_own_page_named_with_its_acronym_and_its_kind(tmp_path):
    # the site's name with its acronym in brackets; an IOPC investigation is of no
    # inspection's kind, whatever it looked at (custody)
    from kg.ingest import read_article

    page = tmp_path / "iopc.md"
    page.write_text(
        "---\ntitle: Officer given final written warning\nsite: Independent Office for "
        "Police Conduct (IOPC)\n---\n\n# Officer given final written warning\n\nFollowing "
        "our investigation, a Kent Police officer has been found guilty of gross misconduct "
        "over how a man was treated in custody.\n",
        encoding="utf-8",
    )
    a = read_article(page)
    assert reports(a) == {("iopc", ("kent",), None)}
    assert kinds(a) == {(("kent",), "other")}


def test_reports_a_bodys_own_page_publishes_its_findings_the_day_it_is_dated(tmp_path):
    # the site named by the page's breadcrumb trail; the page is the body's release of
    # its findings, so the report is of the page's day, not of the events it tells
    from kg.ingest import read_article

    page = tmp_path / "iopc.md"
    page.write_text(
        "[Independent Office for Police Conduct](https://www.policeconduct.gov.uk/) › "
        "[Our work](https://www.policeconduct.gov.uk/our-work) › Learning\n\n"
        "# Police response to calls about a man before his death\n\n*Published 20 Oct "
        "2022*\n\nIn September 2018, Leicestershire Police took three calls about a man "
        "who was at risk.\n\n## Our investigation\n\nDuring our investigation we looked "
        "at the recordings of the calls made to Leicestershire Police and the incident "
        "log.\n",
        encoding="utf-8",
    )
    a = read_article(page)
    assert a.publisher == "Independent Office for Police Conduct"
    assert reports(a) == {("iopc", ("leicestershire",), "2022-10-20")}


@pytest.mark.parametrize(
    "text",
    [
        "The HMICFRS report judged Gloucestershire Constabulary inadequate in five of 10 areas.",
        "HMICFRS assessed Cleveland Police in eight categories in its latest report.",
    ],
)
def test_reports_a_force_graded_in_many_areas_is_a_peel_assessment(make_article, text):
    assert {k for _, k in kinds(make_article(text))} == {"peel-assessment"}


def test_reports_a_report_being_published_is_of_the_articles_day(make_article):
    a = make_article(
        "Tuesday, 12 March 2013\n\nHMYOI Werrington had slipped back, the chief inspector of "
        "prisons said. Nick Hardwick was publishing the report of an unannounced inspection of "
        "HMYOI Werrington."
    )
    assert (
        "his-majesty-s-inspectorate-of-prisons",
        ("named-hmyoi-werrington",),
        "2013-03-12",
    ) in reports(a)


def test_reports_an_event_dated_beside_the_findings_dates_no_report(make_article):
    a = make_article(
        "The findings on Kent Police by HMICFRS follow the launch in 2021 of Operation Soteria."
    )
    assert reports(a) == {("hmicfrs", ("kent",), None)}


def test_reports_progress_since_the_last_inspection_is_no_report(make_article):
    a = make_article(
        "Thursday, 22 September 2022\n\nThe latest inspection of Staffordshire Police has been "
        "published today by HMICFRS. Policing has become more demanding since the previous "
        "PEEL inspection, the Chief Constable said."
    )
    assert reports(a) == {("hmicfrs", ("staffordshire",), "2022-09-22")}


def test_reports_fieldwork_date_is_not_publication(make_article):
    a = make_article(
        "02/03/2017\n\nA report published today by Her Majesty's Inspectorate of "
        "Constabulary looks at Nottinghamshire Police. The report follows an "
        "inspection of the force in September 2016, when it was found to be good."
    )
    assert reports(a) == {("hmicfrs", ("nottinghamshire",), "2017-03-02")}


def test_reports_an_inspection_released_on_a_day_is_dated_that_day(make_article):
    # the inspection is what came out, not when the inspectors went
    a = make_article(
        "Commissioner responds\n\nHMICFRS and HMI Prisons released their joint inspection "
        "of custody provision in Humberside Police on Tuesday 6th March 2018."
    )
    assert reports(a) == {("hmicfrs", ("humberside",), "2018-03-06")}


def test_reports_todays_report_in_a_speakers_words_is_the_articles_day(make_article):
    # "today's report" names the report as the day's, in quotation marks too
    a = make_article(
        "14 May 2019\n\nHMICFRS has rated Suffolk Constabulary good. The chief constable "
        'said: "We welcome today\'s report and will act on it."'
    )
    assert reports(a) == {("hmicfrs", ("suffolk",), "2019-05-14")}


@pytest.mark.parametrize(
    "text",
    [
        "Wednesday, 22 August 2018\n\nThe inspection of Derbyshire Constabulary's custody "
        "suites by HMICFRS, carried out in April, was invaluable, the force said.",
        "Wednesday, 5 March 2025\n\nThe HMICFRS report, which follows an inspection of West "
        "Mercia Police carried out in 2024, points to good work.",
    ],
)
def test_reports_carried_out_dates_the_visit_not_the_report(make_article, text):
    assert {d for _, _, d in reports(make_article(text))} == {None}


def test_reports_two_dates_in_a_sentence_date_two_reports(make_article):
    a = make_article(
        "Wednesday, 9 April 2025\n\nLast year's first review of the Police Service of Northern "
        "Ireland by Criminal Justice Inspection Northern Ireland made 11 recommendations, and "
        "the follow-up report, published on Wednesday, looked at how far they were taken forward."
    )
    assert reports(a) == {
        ("cji", ("northern-ireland",), "2025-04-09"),
        ("cji", ("northern-ireland",), "2024"),
    }


def test_reports_an_earlier_report_is_of_the_series_of_todays(make_article):
    a = make_article(
        "Tuesday, 15 January 2019\n\nKent Police rated 'inadequate' for recording serious crime"
        "\n\nThe rating came in a report published today by HMICFRS, after Kent Police received "
        "the same 'inadequate' grade last year."
    )
    assert kinds(a) == {(("kent",), "crime-data-integrity")}
    assert reports(a) == {("hmicfrs", ("kent",), "2019-01-15"), ("hmicfrs", ("kent",), "2018")}


def test_reports_since_it_was_last_inspected_is_no_report(make_article):
    a = make_article(
        "Andy Cooke of HMICFRS said West Mercia Police had made some improvements since it was "
        "last inspected."
    )
    assert reports(a) == set()


def test_reports_the_year_it_was_last_inspected_since_is_not_the_reports(make_article):
    a = make_article(
        "Friday, 19 August 2022\n\nSuffolk improves\n\nThe force's latest PEEL report from "
        "HMICFRS found that Suffolk Constabulary had improved in many areas since it was last "
        "inspected in 2019."
    )
    assert reports(a) == {("hmicfrs", ("suffolk",), None)}


def test_reports_places_in_news_of_jails_that_names_no_force_are_no_forces(make_article):
    # the prisons are named by their places alone; the places' forces are no subjects
    a = make_article(
        "Women's jail praised\n\nHM Inspectorate of Prisons praised the jail, where many "
        "inmates serve long sentences.\n\nOther women's prisons fared less well in their "
        "reports: Foston Hall in Derbyshire and Bronzefield in Surrey were given mixed "
        "verdicts by the inspectors.\n\nThe prisoners praised the staff."
    )
    assert {s for _, subjects, _ in reports(a) for s in subjects} == set()


def test_reports_a_visit_long_before_is_an_earlier_inspection(make_article):
    a = make_article(
        "Wednesday, 3 May 2023\n\nHis Majesty's Inspectorate of Constabulary and Fire and Rescue "
        "Services (HMICFRS) inspected North Yorkshire Police in November 2021. Inspectors made "
        "recommendations and returned in December 2022 to carry out a review. Its findings, "
        "published today, make uncomfortable reading."
    )
    # the earlier report is known by the month of its inspection, all the text gives
    assert reports(a) == {
        ("hmicfrs", ("north-yorkshire",), "2023-05-03"),
        ("hmicfrs", ("north-yorkshire",), "2021-11"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "HMICFRS said GMP would be inspected again in 2023.",
        "HMICFRS said Kent Police will be inspected again next year.",
        "Once the full HMICFRS inspection report on Wiltshire Police is published next week, "
        "the reasons will become clear.",
        "Kent Police is still waiting for the HMICFRS report to be published.",
        # a programme described in general
        "It is one of the three main reports produced each year that together form HMIC’s "
        "‘PEEL’ assessment of Humberside Police.",
        "The new inspections of Kent Police by HMICFRS will also check the 2014 recommendations.",
        # crime reports, not inspection reports
        "How are reports of fraud dealt with by City of London Police, HMICFRS asked.",
        "Action Fraud sends reports on to City of London Police, HMICFRS said.",
        # a review named for the person who led it
        "The Met's troubles led to the Baroness Casey Review, HMICFRS noted.",
        # a report noun as a verb after a modal
        "The recommendations were:\n\n- The National Crime Agency should review the "
        "training it gives on handling sensitive intelligence",
    ],
)
def test_reports_none_to_come_or_in_general(make_article, text):
    assert reports(make_article(text)) == set()


# Publishers other than HMICFRS, and subjects other than forces.
BODIES = [
    (
        "Peter Clarke, HM Chief Inspector of Prisons, published a report on HMP Liverpool.",
        ("his-majesty-s-inspectorate-of-prisons", ("named-hmp-liverpool",), None),
    ),
    (  # the same prison under two names is one subject
        "Feltham Young Offenders Institute has been stopped from taking in young offenders. "
        "Inspectors from the prisons inspectorate found rising violence at HM YOI Feltham A.",
        ("his-majesty-s-inspectorate-of-prisons", ("named-hm-yoi-feltham",), None),
    ),
    (
        "Today HMCPSI published its review of how the Crown Prosecution Service (CPS) "
        "prosecutes rape.",
        ("hmcpsi", ("cps",), None),
    ),
    (
        "Concerns remain about leadership at the Scottish Police Authority (SPA), an inspection "
        "of the watchdog by HM Inspectorate of Constabulary in Scotland has found.",
        ("hmics", ("scottish-police-authority",), None),
    ),
    (  # a joint inspection: the lead named first; a force by its place
        "CJI's Chief Inspector has today published the findings of a joint inspection of police "
        "custody in Northern Ireland by Criminal Justice Inspection Northern Ireland and the "
        "Regulation and Quality Improvement Authority (RQIA).",
        ("cji", ("northern-ireland",), None),
    ),
    (  # the body a report judged, as the object of the verb or its subject
        "Derek Penman of HMICS criticised the SPA for its poor governance, an inspection "
        "report has concluded.",
        ("hmics", ("scottish-police-authority",), None),
    ),
    (
        "The Scottish Police Authority (SPA) came in for criticism over how it manages "
        "forensic services in the HMICS report.",
        ("hmics", ("scottish-police-authority",), None),
    ),
    (
        "The HMICS report concluded that the Scottish Police Authority has no clear strategy.",
        ("hmics", ("scottish-police-authority",), None),
    ),
    (  # a force by its place beside forces named as forces
        "Forces were inspected on how they record crime.\n\nHMIC has rated Kent and Cheshire "
        "inadequate, while Cambridgeshire was found to require improvement.",
        ("hmicfrs", ("kent", "cheshire", "cambridgeshire"), None),
    ),
    (  # a country with an inspectorate of its own, named alone, is no force inspected
        "Criminal Justice Inspection Northern Ireland (CJI) has published what it found in its "
        "latest inspection of the way the criminal justice system in Northern Ireland deals "
        "with hate crime.",
        ("cji", (), None),
    ),
    (  # an investigation by the complaints watchdog
        "Sussex Police officers investigated by the Independent Office for Police Conduct (IOPC) "
        "will face no further action.",
        ("iopc", ("sussex",), None),
    ),
    (  # the body that closed its inquiry, named with its full name in brackets
        "The IOPC (Independent Office for Police Conduct) has closed its inquiry into the "
        "conduct of a Lancashire Police officer.",
        ("iopc", ("lancashire",), None),
    ),
    (  # the body that released findings, past a relative clause; its founding dates nothing
        "11th February 2022\n\nThe Independent Office for Police Conduct (IOPC), which was "
        "launched in 2018, has released the findings of its investigations into the behaviour "
        "of Essex Police personnel.",
        ("iopc", ("essex",), None),
    ),
    (
        "A peer review of South Yorkshire Police by the College of Policing in 2016 "
        "set out its weaknesses.",
        ("college-of-policing", ("south-yorkshire",), "2016"),
    ),
    (  # the body that led a review, in a relative clause
        "The review, which was led by the College of Policing, was heavily critical of how "
        "Lancashire Police dealt with the case.",
        ("college-of-policing", ("lancashire",), None),
    ),
    (  # an inspectorate by its sector
        "HMP Wandsworth was described as squalid in a report by the prisons watchdog.",
        ("his-majesty-s-inspectorate-of-prisons", ("named-hmp-wandsworth",), None),
    ),
    (  # the body speaking after a report that opens the sentence wrote it
        "Thursday, 9 May 2019\n\nIn a report released last month, the IOPC said West Midlands "
        "Police officers had failed the family.",
        ("iopc", ("west-midlands",), "2019-04"),
    ),
    (  # the inspectorate of a body, not the body
        "She said the report by the CPS inspectorate on the Crown Prosecution Service shed no "
        "light on the fall in prosecutions.",
        ("hmcpsi", ("cps",), None),
    ),
    (  # a jail's place is no force
        "HMP Glen Parva is a jail in Leicestershire. Prison inspectors found the jail in "
        "Leicestershire unsafe.",
        ("his-majesty-s-inspectorate-of-prisons", ("named-hmp-glen-parva",), None),
    ),
    (  # a force by its place
        "In a review of police efficiency by HMIC, Humberside was the only force to receive the "
        "inadequate grading.",
        ("hmicfrs", ("humberside",), None),
    ),
]


@pytest.mark.parametrize(("text", "expected"), BODIES)
def test_reports_other_publishers_and_subjects(make_article, text, expected):
    assert expected in reports(make_article(text))


def test_reports_an_inspector_of_probation_publishes_for_the_probation_inspectorate(
    make_article,
):
    a = make_article(
        "Probation\n\nNapo voiced its worries over public safety after HM Inspector of "
        "Probation published the fifth report since the reforms."
    )
    assert {r.publisher for r in extract_article(a).reports} == {
        "his-majesty-s-inspectorate-of-probation"
    }


def test_reports_the_year_in_a_laws_name_dates_no_report(make_article):
    a = make_article(
        "Stalking\n\nHMIC found that Sussex Police had failed stalking victims. Among its "
        "recommendations, the report called for a review of the Protection from Harassment "
        "Act 1997."
    )
    assert reports(a) == {("hmicfrs", ("sussex",), None)}


def test_reports_inspectors_who_checked_how_forces_record_crime(make_article):
    a = make_article(
        "Police failing to record crimes, HMIC warns\n\nThe concerns were raised by inspectors after they "
        "checked how accurately four forces - Merseyside, Northumbria, Devon and Cornwall, and "
        "Avon and Somerset - record crime."
    )
    subjects = {s for r in extract_article(a).reports for s in r.subjects}
    assert subjects == {"merseyside", "northumbria", "devon-and-cornwall", "avon-and-somerset"}


def test_reports_one_report_about_several_forces(make_article):
    a = make_article(
        "Sep 21, 2017\n\nThe reports on Cumbria Constabulary and Cleveland Police, published on "
        "Thursday (September 1), found poor record-keeping, according to HMICFRS."
    )
    assert reports(a) == {("hmicfrs", ("cumbria", "cleveland"), "2017-09-01")}


def test_reports_an_inspectorate_that_took_part_is_a_partner_not_a_publisher(make_article):
    a = make_article(
        "Inspectors found ligature points in the force's custody suites, according to a "
        "report by HM Inspectorate of Constabulary and Fire & Rescue Services on Humberside "
        "Police.\n\nHM Inspectorate of Prisons took part in the unannounced inspection, "
        'which was carried out in October.\n\nDetainees were "generally treated '
        'respectfully", the report said.'
    )
    assert {r[0] for r in reports(a)} == {"hmicfrs"}
    (said,) = extract_article(a).quotes
    assert said.speaker_kind.value == "Report"


def test_reports_an_undated_page_places_a_weekday_and_day_by_the_names_it_uses(make_article):
    # no date on the page; "HMICFRS" (from 2017) and "for 2017" say it is 2017 or later,
    # and of the years after, April 10 is a Tuesday only in 2018 within ten
    a = make_article(
        "Wirral Globe\n\nIndependent report rates Merseyside Police as 'good'\n\n"
        "Published on Tuesday, April 10, the HMICFRS Crime Data Integrity Inspection for "
        "2017 looked at Merseyside Police."
    )
    assert a.published is None
    assert ("hmicfrs", ("merseyside",), "2018-04-10") in reports(a)


def test_reports_both_forces_are_the_last_two_named(make_article):
    a = make_article(
        "West Mercia Police must do more, according to the nationwide report by HMIC. "
        "Dyfed-Powys Police won praise for its work.\n\n"
        "Both forces were rated “requires improvement” by HMIC."
    )
    subjects = {s for _, subs, _ in reports(a) for s in subs}
    assert subjects == {"west-mercia", "dyfed-powys"}


def test_reports_a_national_report_is_not_the_forces(make_article):
    a = make_article(
        "Thursday, March 22, 2018\n\nNorth Wales Police was rated good in an HMICFRS report "
        "published today. HMICFRS's latest assessment of the effectiveness of police forces "
        "across England and Wales found that most forces were good."
    )
    # the national report is about no force: it has no subject, never the article's force
    assert reports(a) == {
        ("hmicfrs", ("north-wales",), "2018-03-22"),
        ("hmicfrs", (), None),  # "latest" dates nothing
    }


# (article text, (subjects, kind concept) of a report it gives)
KINDS = [
    (
        "Greater Manchester Police has been taken out of special measures, watchdogs have "
        "announced. HMICFRS said the force had improved.",
        (("greater-manchester",), "post-inspection-review"),
    ),
    (
        "HMICFRS inspected North Yorkshire Police. Inspectors returned in December to carry out "
        "a review.",
        (("north-yorkshire",), "post-inspection-review"),
    ),
    (
        "HMICFRS inspectors revisited Kent Police in March to check on progress.",
        (("kent",), "post-inspection-review"),
    ),
    (
        "HMICFRS found that close to one in five crimes reported to Lincolnshire Police went "
        "undocumented.",
        (("lincolnshire",), "crime-data-integrity"),
    ),
    (  # a PEEL pillar's report in 2015-2018 ...
        "Thursday, 2 March 2017\n\nHMIC has today published its report on the Effectiveness of "
        "Humberside Police.",
        (("humberside",), "effectiveness"),
    ),
    (  # ... and a PEEL assessment later
        "Thursday, 2 May 2019\n\nHMICFRS has today published its report on the effectiveness of "
        "Cumbria Constabulary.",
        (("cumbria",), "peel-assessment"),
    ),
    (
        "Her Majesty's Inspectorate of Constabulary and Fire and Rescue Services graded Durham "
        "Constabulary outstanding for effectiveness, outstanding for efficiency and good for "
        "legitimacy in its annual Peel report.",
        (("durham",), "peel-assessment"),
    ),
    (
        "A report on the effectiveness, efficiency and legitimacy of Herts Police by HM "
        "Inspectorate of Constabulary has been welcomed.",
        (("hertfordshire",), "peel-assessment"),
    ),
    (
        "HM Inspectorate of Constabulary in Scotland (HMICS) has today, Monday 27 June 2016, "
        "published an Assurance Review of Police Scotland's Counter Corruption Unit.",
        (("police-scotland",), "vetting"),
    ),
    (
        "Inspectors rated Cleveland Police inadequate for the way it responds to the public, "
        "HMICFRS said on Thursday 22 September 2022.",
        (("cleveland",), "peel-assessment"),
    ),
    (  # a complement after a comma: "Two further reports, on ... integrity and corruption"
        "Thursday, 27 November 2014\n\nHMIC published its first PEEL report on Derbyshire "
        "Constabulary today. Two further reports, on crime investigation and on police "
        "integrity and corruption, have also been published today.",
        (("derbyshire",), "vetting"),
    ),
    (  # "failing" is no grade, and a joint inspection of a kind unsaid is no PEEL assessment
        "Thursday, 9 May 2019\n\nA joint inspection by HMICFRS and HM Crown Prosecution Service "
        "Inspectorate found rape cases were failing in Kent Police.",
        (("kent",), None),
    ),
    (  # the kind the report's words name beats the sentence's other words
        "Lancashire custody inspection 'disappointing', report finds\n\nChildren are kept in "
        "custody by Lancashire Police for too long, according to HMIC.",
        (("lancashire",), "custody"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), KINDS)
def test_reports_kind_concept(make_article, text, expected):
    assert expected in kinds(make_article(text))


def test_reports_a_peel_inspection_of_2015_2018_is_the_pillar_named(make_article):
    a = make_article(
        "Efficiency of Suffolk Police praised\n\nThursday, 3 November 2016\n\nSuffolk "
        "Constabulary has been praised after the first of this year's Peel inspections by HMIC. "
        "The report, which came out yesterday, looked at how the force plans."
    )
    assert kinds(a) == {(("suffolk",), "efficiency")}


def test_reports_one_report_per_pillar_graded_in_2015_2018(make_article):
    a = make_article(
        "PCC receives HMIC's judgement on Staffordshire Police\n\nThe force was rated ‘good’ "
        "overall for efficiency and for legitimacy, and today it was judged to ‘require "
        "improvement’ in the third category, effectiveness, HMIC said."
    )
    assert {c for _, c in kinds(a)} == {"effectiveness", "efficiency", "legitimacy"}


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "HM Inspectorate of Constabulary graded 30 of the 79 cases it reviewed at Lancashire "
            "Constabulary as inadequate.",
            "report",
        ),
        (
            "Her Majesty’s Inspectorate of Constabulary (HMIC) has today published its report on "
            "the Effectiveness of Humberside Police.",
            "report on the Effectiveness of Humberside Police",
        ),
        (
            "HMICS has published an Assurance Review of Police Scotland's Counter Corruption Unit, "
            "which was carried out at the request of the SPA.",
            "Assurance Review of Police Scotland's Counter Corruption Unit",
        ),
        (
            "HMIC’s March 2014 report on Essex Police exposed significant weaknesses.",
            "HMIC’s March 2014 report on Essex Police",
        ),
        (
            "HMICFRS published its findings on Essex Police on 12 March.",
            "findings on Essex Police",
        ),
        (
            "In a review of police efficiency by HMIC, Humberside was the only force to receive "
            "the inadequate grading.",
            "review of police efficiency",
        ),
    ],
)
def test_reports_kind_words_are_the_articles_noun_phrase(make_article, text, words):
    assert [r.kind for r in extract_article(make_article(text)).reports] == [words]


def test_reports_need_a_publisher(make_article):
    assert reports(make_article("Lancashire Police published a report on burglary today.")) == set()


def test_reports_an_earlier_report_is_dated_where_the_article_dates_it(make_article):
    # "the previous inspection" is "a first inspection in 2021", of the kind the
    # headline names
    a = make_article(
        "How we protect children: progress made\n\nHis Majesty's Inspectorate of Constabulary "
        "and Fire & Rescue Services (HMICFRS) today (4 August) published the findings of its "
        "latest inspection into how Staffordshire Police protects children. It followed a "
        "first inspection in 2021, which found systemic failings. The force has tackled the "
        "issues raised in the previous inspection."
    )
    assert ("hmicfrs", ("staffordshire",), "2021") in reports(a)
    assert len(reports(a)) == 2


@pytest.mark.parametrize(
    ("text", "concept"),
    [
        # crimes "not properly recorded": crime data integrity
        (
            "Thames Valley Police failing to properly record thousands of crimes\n\nAccording "
            "to the report by HMICFRS, released today, almost one in five crimes are not being "
            "properly recorded.",
            "crime-data-integrity",
        ),
        # the year that ends a PEEL title dates it, and names the pillar
        (
            "Association response to HMICFRS PEEL Police Effectiveness 2017\n\nThe association "
            "has welcomed the HMICFRS report.",
            "effectiveness",
        ),
        # HMIC's austerity reports: efficiency, by their names or their topic
        (
            "Saturday, 20th July 2013\n\nA report by HMIC said Lincolnshire Police may struggle. "
            "The inspectors set out concerns about how it plans to save money.",
            "efficiency",
        ),
        # an integrity inspection is a vetting report
        (
            "Derbyshire police rated as 'adequate' for integrity by watchdog\n\nHMICFRS "
            "published its integrity inspection of Derbyshire Constabulary.",
            "vetting",
        ),
        # a report on how a force deals with child sexual abuse: child protection
        (
            "26 February 2020\n\nPolice Scotland is not treating online child sexual abuse as a "
            "priority, according to a new report from HMICS.",
            "child-protection",
        ),
        # a report on corruption is a counter-corruption, vetting report
        (
            "Inspectors publish report on NCA's work against police corruption\n\nHMICFRS "
            "looked at how effectively the National Crime Agency deals with corruption.",
            "vetting",
        ),
    ],
)
def test_reports_kind_from_words_of_the_article(make_article, text, concept):
    assert concept in {k for _, k in kinds(make_article(text))}


@pytest.mark.parametrize(
    "text",
    [
        # HMCPSI inspects the CPS, not the force of the area its inspection visited
        "Letters sent to victims by CPS ruled unsatisfactory following South Yorkshire "
        "inspection\n\nHMCPSI's inspection of letters sent to victims of crime, some of "
        "them in South Yorkshire, judged them unsatisfactory.",
        # HM Inspectorate of Probation inspects probation and youth justice services
        "HMI Probation has published its report on the management of terrorist offenders. "
        "West Midlands Police and the probation service work together on them.",
    ],
)
def test_reports_an_inspectorate_whose_remit_holds_no_force_reports_on_none(make_article, text):
    got = extract_article(make_article(text)).reports
    assert got and not {s for r in got for s in r.subjects} & {"south-yorkshire", "west-midlands"}


def test_reports_someone_coming_back_in_a_case_the_report_tells_is_no_revisit(make_article):
    # "came back ... checked" in a child's story is not inspectors back to check
    a = make_article(
        "Police failing children, says HMIC\n\nA study by HMIC found the performance of "
        "child protection teams in West Midlands Police was mixed.\n\nA girl left a care "
        "home at night. She came back at 6 o'clock the next morning, and police neither "
        "checked on her nor spoke to her."
    )
    assert "post-inspection-review" not in {k for _, k in kinds(a)}


def test_reports_a_partner_force_is_not_inspected(make_article):
    a = make_article(
        "A report by HMICFRS has criticised the decision to end West Mercia Police's alliance "
        "with Warwickshire Police."
    )
    assert {s for _, subjects, _ in reports(a) for s in subjects} == {"west-mercia"}


@pytest.mark.parametrize(
    "text",
    [
        (  # a force named as an example of many
            "# Response to HMICFRS's report on modern slavery\n\nThe report found that some "
            'forces were more proactive than others. "The report highlights forces, among them '
            'Greater Manchester Police (GMP), whose work is producing results," he said.'
        ),
        (  # a force named only in the title of the one who responds
            "# Response to the HMIC Crime Data Integrity report\n\nKaty Bourne, the Sussex PCC, "
            "gave this response to HMIC's report on crime data integrity.\n\n\"Forces will "
            'not all look the same, but the report suggests some causes are structural."'
        ),
    ],
)
def test_reports_a_national_report_is_of_no_force_named_aside(make_article, text):
    assert {subjects for _, subjects, _ in reports(make_article(text))} == {()}


def test_reports_a_force_in_the_responders_title_when_nothing_else_is_named(make_article):
    # every force was inspected, each has its own report: the responder's force is the one
    a = make_article(
        "Nottinghamshire's Deputy Police and Crime Commissioner Chris Cutland today welcomed "
        "the results of an inspection of the county's approach to domestic violence.\n\nHMIC "
        "recently inspected every police force to judge whether victims are protected."
    )
    assert {subjects for _, subjects, _ in reports(a)} == {("nottinghamshire",)}


def test_reports_a_force_a_department_is_shared_with_is_not_inspected(make_article):
    a = make_article(
        "HMIC graded Hertfordshire Constabulary good in its inspection. Work was under way "
        "when the inspection took place, as this department is shared with the Bedfordshire "
        "and Cambridgeshire forces."
    )
    assert {s for _, subjects, _ in reports(a) for s in subjects} == {"hertfordshire"}


@pytest.mark.parametrize(
    "programme",
    [
        "HMIC's inspection, called the PEEL assessment, examines how effective and efficient "
        "every police force in England and Wales is at cutting crime.",
        "The Police Effectiveness, Efficiency and Legitimacy (PEEL) inspection is an independent "
        "review of constabularies across the country.",
        "In 2014, HMICFRS introduced its PEEL inspections, which assess the performance of "
        "police forces in England and Wales.",
        "The verdict comes after HMIC inspected every one of the 43 police forces in England "
        "and Wales.",
    ],
)
def test_reports_the_programme_a_forces_report_belongs_to_is_no_report(make_article, programme):
    a = make_article("Cumbria Constabulary was rated good by HMICFRS.\n\n" + programme)
    assert {subjects for _, subjects, _ in reports(a)} == {("cumbria",)}


def test_reports_reports_on_every_force_include_the_articles_force(make_article):
    a = make_article(
        "Thursday, 2nd March 2017\n\nKent Police rated good\n\nReports by HMIC on every "
        "police force in the country have been made public today (Thursday). Kent Police is "
        "among 28 forces rated good."
    )
    assert ("hmicfrs", ("kent",), "2017-03-02") in reports(a)


def test_reports_no_pillar_report_in_an_article_written_after_2018(make_article):
    # undated, but "His Majesty's Inspectorate" places it after September 2022: the
    # effectiveness words are a part of a PEEL assessment, not a 2015-2017 pillar report
    a = make_article(
        "Gwent Police must improve, say inspectors\n\nHis Majesty's Inspectorate of "
        "Constabulary and Fire & Rescue Services has published its report on police "
        "effectiveness at Gwent Police."
    )
    assert {k for _, k in kinds(a)} == {"peel-assessment"}
    from kg.reference import written_since

    assert written_since(a.text) == 2022
    assert written_since("Her Majesty's Inspectorate of Constabulary (HMIC) said") is None


def test_reports_no_pillar_report_in_an_article_that_speaks_of_a_later_year(make_article):
    # undated and "HMICFRS" (from 2017), but speaking of 2023-2025: no pillar report then
    a = make_article(
        "The new HMICFRS report on Gwent Police, which covers the period from 2023 to 2025, "
        "found the force good at its effectiveness in investigating crime."
    )
    assert {k for _, k in kinds(a)} == {"peel-assessment"}
    # a year to come is no year the text was written in
    b = make_article(
        "The new HMICFRS report found Gwent Police good at its effectiveness in "
        "investigating crime, and the force plans more officers by 2025."
    )
    assert {k for _, k in kinds(b)} == {"effectiveness"}


def test_reports_a_future_far_after_the_report_is_not_the_reports(make_article):
    a = make_article(
        "Thursday, 3rd November 2016\n\nAccording to the latest efficiency report from Her "
        "Majesty's Inspector of Constabulary (HMIC), released today, 3 November 2016, Cheshire "
        "Constabulary is outstanding at understanding both the demand it faces now and the "
        "demand it is likely to face in future."
    )
    assert ("hmicfrs", ("cheshire",), "2016-11-03") in reports(a)


def test_reports_a_present_tense_headline_is_the_days_news_and_only_hmicfrs_has_peel(make_article):
    a = make_article(
        "HMICS publish thematic inspection of police custody arrangements in Scotland\n\n"
        "Monday, 11th August 2014\n\nHM Inspectorate of Constabulary in Scotland (HMICS) "
        "has reviewed custody in Police Scotland. The leadership of the custody division is "
        "described as effective, the report says."
    )
    got = extract_article(a).reports
    assert ("hmics", ("police-scotland",), "2014-08-11") in reports(a)
    assert not {r.kind_concept for r in got} & {
        "peel-assessment",
        "effectiveness",
        "efficiency",
        "legitimacy",
    }


# The kind an article names as a whole, when the sentences about its report name none
def test_reports_graded_areas_of_several_pillars_are_a_peel_assessment(make_article):
    a = make_article(
        "Lincolnshire Police has improved, says the latest report from His Majesty's "
        "Inspectorate of Constabulary and Fire and Rescue Services.\n\nThe force was graded "
        "in these areas:\n\n- preventing crime\n- treating the public fairly\n- planning "
        "for the future"
    )
    assert kinds(a) == {(("lincolnshire",), "peel-assessment")}


def test_reports_a_kind_named_in_three_sentences_away_from_the_report(make_article):
    a = make_article(
        "Thursday, 9 March 2023\n\nDerbyshire Police has been told to do better after a "
        "report by HMICFRS.\n\nThe force's custody suites at Chesterfield and Derby were "
        "visited. Staff in custody did not always record why force was used. Custody "
        "records were incomplete, the chief inspector said."
    )
    assert {k for _, k in kinds(a)} == {"custody"}


def test_reports_a_kind_named_in_passing_is_not_the_articles(make_article):
    # custody named twice, in passing, is not what the report is about
    a = make_article(
        "Thursday, 9 March 2023\n\nDerbyshire Police has been told to do better after a "
        "report by HMICFRS.\n\nOfficers spent hours waiting at custody suites. Two "
        "people died in police custody last year, the force said."
    )
    # (after 2018 a force's inspection that names no kind is taken for its PEEL one)
    assert "custody" not in {k for _, k in kinds(a)}


@pytest.mark.parametrize(
    "place", ["Harmondsworth immigration removal centre", "Yarl's Wood Immigration Removal Centre"]
)
def test_reports_an_immigration_removal_centre_is_inspected_as_a_prison(make_article, place):
    a = make_article(
        f"HM Inspectorate of Prisons (HMIP) inspected {place}, close to the airport, and "
        "published its report today."
    )
    ((publisher, subjects),) = {(r.publisher, r.subjects) for r in extract_article(a).reports}
    assert publisher == "his-majesty-s-inspectorate-of-prisons"
    assert subjects[0].endswith("immigration-removal-centre")


def test_reports_the_peel_programmes_name_is_one_assessment_not_three_pillars(make_article):
    a = make_article(
        "Leicestershire Police rated outstanding\n\nInspectors have rated Leicestershire Police "
        "as outstanding in three areas. The inspection, carried out by HMICFRS, is known as "
        "the Peel report - short for police effectiveness, efficiency and legitimacy."
    )
    assert {k for _, k in kinds(a)} == {"peel-assessment"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Clive Grunshaw has welcomed the verdict of independent inspectors who today reported "
        "that Lancashire Constabulary is good at treating people fairly.",
        "Responding today to the findings, a spokesman for Lancashire Constabulary said the "
        "force would act on the report of HMIC.",
    ],
)
def test_reports_news_of_today_dates_the_articles_own_report(make_article, sentence):
    a = make_article(
        "Commissioner welcomes another good report from HMIC\n\n8 December, 2016\n\n" + sentence
    )
    assert ("hmicfrs", ("lancashire",), "2016-12-08") in reports(a)


def test_reports_today_in_a_quotation_dates_no_report(make_article):
    a = make_article(
        "Commissioner welcomes report from HMIC\n\n8 December, 2016\n\nClive Grunshaw said "
        'the HMIC report on Lancashire Constabulary was fair: "Today we thank our officers."'
    )
    assert ("hmicfrs", ("lancashire",), None) in reports(a)


def test_reports_a_date_between_the_publisher_and_its_verb_not_a_meetings_today(make_article):
    # "last month" before "published" dates the report; "today" is the meeting's
    a = make_article(
        "Force vows to improve after damning report\n\n8 April 2022\n\nMabs Hussain spoke "
        "out after HMICFRS last month published a damning report on North Yorkshire "
        "Police's child protection services.\n\nSpeaking at a public accountability meeting "
        "today, he said the force accepts every one of the report's findings."
    )
    assert reports(a) == {("hmicfrs", ("north-yorkshire",), "2022-03")}


def test_reports_yesterdays_report(make_article):
    a = make_article(
        "PEEL report brands Surrey Police response times 'inadequate'\n\n7 December 2023\n\n"
        "Councillors have seized on yesterday's damning \"Police Effectiveness, Efficiency and "
        'Legitimacy" (PEEL) report on Surrey Police by HMICFRS.'
    )
    assert ("hmicfrs", ("surrey",), "2023-12-06") in reports(a)


def test_reports_todays_news_dates_the_forces_report_beside_a_national_one(make_article):
    a = make_article(
        "Gwent Police praised\n\n2 November 2015\n\nHMIC's PEEL assessment report, published "
        "today, is a yearly inspection of every police force in England and Wales. It found "
        "that Gwent Police is good at using its resources, the HMIC report said."
    )
    assert ("hmicfrs", ("gwent",), "2015-11-02") in reports(a)


def test_reports_an_inspectorates_own_release_is_of_the_day():
    page = (
        '<html><head><meta property="og:site_name" content="HM Inspectorate of Constabulary '
        'in Scotland"><meta property="article:published_time" content="2023-10-18"></head>'
        "<body><article><h1>Thematic review of policing mental health in Scotland</h1>"
        "<p>HMICS has reviewed how Police Scotland responds to people in mental health crisis "
        "and makes 14 recommendations in its report.</p></article></body></html>"
    )
    from kg.ingest import parse_article

    assert ("hmics", ("police-scotland",), "2023-10-18") in reports(
        parse_article(page, "release.html", "html")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # after 2018, a force's inspection that names no kind is its PEEL one
            "Concerns about Sussex Police: what a hard-hitting inspectors' report said\n\n"
            "13 April 2023\n\nHMICFRS published its report on Sussex Police today. "
            "Inspectors said the force must answer 999 calls faster.",
            {(("sussex",), "peel-assessment")},
        ),
        (  # not before: in 2013 the kind stays unknown
            "Concerns about Sussex Police: what a hard-hitting inspectors' report said\n\n"
            "13 April 2013\n\nHMIC published its report on Sussex Police today. "
            "Inspectors said the force must answer 999 calls faster.",
            {(("sussex",), None)},
        ),
        (  # nor when the article names the kind
            "Sussex Police custody criticised\n\n13 April 2023\n\nHMICFRS published its "
            "report on custody at Sussex Police today.",
            {(("sussex",), "custody")},
        ),
    ],
)
def test_reports_an_unnamed_inspection_of_a_force_after_2018_is_peel(make_article, text, expected):
    assert kinds(make_article(text)) == expected


@pytest.mark.parametrize(
    "earlier",
    [
        "In 2016 the inspectorate had raised concerns about the way Norfolk Constabulary "
        "handled calls.",
        "In 2016, HMIC made recommendations to Norfolk Constabulary on its call handling.",
        "HMIC warned Norfolk Constabulary about its call handling in 2016.",
    ],
)
def test_reports_an_inspectorates_past_warning_is_an_earlier_report(make_article, earlier):
    a = make_article(
        "Thursday, 9 February 2017\n\nA report released by HMIC today said Norfolk Constabulary "
        f"now answers calls quickly.\n\n{earlier}"
    )
    assert reports(a) == {
        ("hmicfrs", ("norfolk",), "2017-02-09"),
        ("hmicfrs", ("norfolk",), "2016"),
    }


def test_reports_a_body_someone_chairs_is_no_subject(make_article):
    a = make_article(
        "“This part of the inspectors' report should worry us all,” said Jane Doe, chair of "
        "Durham Police Federation, of the HMICFRS report on Durham Constabulary."
    )
    assert reports(a) == {("hmicfrs", ("durham",), None)}


def test_reports_a_body_of_a_kind_the_inspectorate_never_inspects_is_no_subject(make_article):
    # HMICS inspects forces and public bodies, not parties (remits.ttl)
    a = make_article(
        "HM Inspectorate of Constabulary in Scotland published a review of Police Scotland "
        "today. Opposition MSPs demanded a review of the SNP's centralisation policy."
    )
    assert reports(a) == {("hmics", ("police-scotland",), None)}


def test_reports_a_board_someone_sits_on_is_no_subject(make_article):
    a = make_article(
        "Monday, 10 May 2021\n\nJohn Smith, who sits on the Northern Ireland Policing Board for "
        "his party, said the report by HMICFRS into the PSNI did not go far enough."
    )
    assert {r[1] for r in reports(a)} == {("northern-ireland",)}


def test_reports_an_unnamed_inspection_of_the_psni_is_not_peel(make_article):
    a = make_article(
        "Monday, 10 May 2021\n\nAn independent report by HMICFRS, published on Monday, found "
        "no bias in the PSNI's policing of the funeral."
    )
    assert kinds(a) == {(("northern-ireland",), None)}


def test_reports_an_area_named_without_a_grade_makes_no_peel_assessment(make_article):
    a = make_article(
        "Police custody report\n\nSaturday, 26 August 2023\n\nWEST MIDLANDS Police has made "
        "only “limited improvement” in the way it runs its custody services and “several areas "
        "of concern” remain, a report has found.\n\nInspectors from His Majesty's Inspectorate "
        "of Constabulary and Fire and Rescue Services (HMICFRS) said officers were unable to "
        "demonstrate that force they had used was necessary.\n\nThe report also pointed to some "
        "effective joint work with other agencies to help keep children and vulnerable people "
        "out of the criminal justice system, and found that healthcare for detainees was good."
    )
    assert kinds(a) == {(("west-midlands",), "custody")}


def test_reports_a_kind_named_throughout_beats_an_area_named_once(make_article):
    a = make_article(
        "Force told to improve\n\nThursday, 5 October 2023\n\nHMICFRS published its findings on "
        "Durham Constabulary today.\n\nThe custody suites were clean.\n\nStaff in the custody "
        "suites treated detainees with respect.\n\nBut the custody suites lacked enough nurses."
        "\n\nOfficers were good at protecting vulnerable people."
    )
    assert kinds(a) == {(("durham",), "custody")}


def test_reports_the_body_whose_verdict_it_is_is_no_subject(make_article):
    a = make_article(
        "Federation responds\n\nThat was the verdict of Staffordshire Police Federation "
        "Chairman, Keith Jervis, after the latest results of HMIC's PEEL report on "
        "Staffordshire Police came out."
    )
    assert {r[1] for r in reports(a)} == {("staffordshire",)}


def test_reports_a_force_that_had_ended_is_no_subject(make_article):
    a = make_article(
        "Monday, 20 February 2017\n\nHMIC today published a report criticising Humberside "
        "Police and Tayside Police."
    )
    subjects = {s for r in reports(a) for s in r[1]}
    assert "humberside" in subjects and "tayside-police" not in subjects


def test_reports_a_review_made_by_a_forces_role_holder_is_no_inspectorates(make_article):
    a = make_article(
        "Thursday, 12 December 2013\n\nHMIC criticised West Yorkshire Police's finances in "
        "July.\n\n"
        "Those criticisms prompted a review of policing across West Yorkshire by the Police "
        "and Crime Commissioner, Mark Burns-Williamson."
    )
    assert reports(a) == {("hmicfrs", ("west-yorkshire",), "2013-07")}
    kept = make_article(
        "Thursday, 9 June 2016\n\nA report by the Police Ombudsman has concluded that "
        "collusion was a feature of the murders.\n\nA previous report by former police "
        "ombudsman Al Hutchinson was published in 2011."
    )
    assert "2011" in {r[2] for r in reports(kept)}


def test_reports_the_date_a_review_was_commissioned_is_not_its_publication(make_article):
    a = make_article(
        "Tuesday, 28 May 2024\n\nControl room staff at Norfolk Constabulary showed "
        "professionalism, a review of the force's call handling by HMICFRS has found.\n\nThe "
        "then police and crime commissioner for Norfolk commissioned the review in January "
        "this year."
    )
    assert "2024-01" not in {r[2] for r in reports(a)}


def test_reports_the_first_of_a_list_of_inspectorates_leads_their_joint_inspection(make_article):
    a = make_article(
        "Neglect inspection\n\nOfsted, the Care Quality Commission (CQC), Her Majesty's "
        "Inspectorate of Constabulary and Fire and Rescue Services (HMICFRS) and HMI Probation "
        "(HMIP) carried out a joint inspection of how agencies in Stockton respond to neglect."
        "\n\nThe report found Cleveland Police officers were under strain."
    )
    assert {r[0] for r in reports(a)} == {"ofsted"}


def test_reports_a_follow_up_review_is_a_post_inspection_review(make_article):
    a = make_article(
        "Thursday, 23 November 2023\n\nA follow-up review by the Criminal Justice Inspection "
        "Northern Ireland (CJI) has found that backlogs in extracting digital evidence from "
        "phones held up cases at the Police Service of Northern Ireland."
    )
    assert {k for _, k in kinds(a)} == {"post-inspection-review"}


def test_reports_scotlands_police_complaints_body_publishes_reports(make_article):
    a = make_article(
        "Wednesday, 27 March 2019\n\nA police pursuit before a crash in Troon was justified, a "
        "report by the Police Investigations and Review Commissioner (PIRC) published today "
        "has found. The PIRC examined how Police Scotland officers followed the car."
    )
    assert ("pirc", ("police-scotland",), "2019-03-27") in reports(a)


def test_reports_a_publication_delayed_until_a_day_is_dated_that_day(make_article):
    a = make_article(
        "Tuesday, 2nd May 2017\n\nAn investigation by the Police Ombudsman has cleared a PSNI "
        "officer.\n\nAlthough the officer was told of the ruling in January, the findings were "
        "not made public until Tuesday, as publication had been delayed by court proceedings."
    )
    assert {r[2] for r in reports(a)} == {"2017-05-02"}


@pytest.mark.parametrize(
    ("topic", "kind"),
    [
        ("how Essex Police protects children", "child-protection"),
        ("how Essex Police treats people detained in its cells", "custody"),
        ("how Essex Police vets its officers", "vetting"),
        ("how Essex Police records crime", "crime-data-integrity"),
        ("the way Essex Police tackles county lines drug gangs", "serious-organised-crime"),
    ],
)
def test_reports_a_kind_by_the_topic_the_report_is_on(make_article, topic, kind):
    # the kind's topic in the words of a clause, not its name
    a = make_article(f"9 May 2019\n\nAn HMICFRS inspection of {topic} found serious failings.")
    assert [r.kind_concept for r in extract_article(a).reports] == [kind]


def test_reports_a_national_report_by_a_body_that_inspects_no_one_is_no_thematic(make_article):
    # the IOPC's yearly figures are a national report, but no inspection of a theme
    a = make_article(
        "Police contact figures\n\n29 July 2021\n\nToday the Independent Office for Police Conduct "
        "(IOPC) published its yearly report on deaths during or following police contact in "
        "England and Wales."
    )
    assert [(r.publisher, r.kind_concept) for r in extract_article(a).reports] == [
        ("iopc", "other")
    ]


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # HMICFRS inspects fire and rescue services too: its report on one is not about
        # the police force of the same area
        (
            "Cleveland Fire Brigade has welcomed the findings of its latest inspection by "
            "HMICFRS. Cleveland Police also attended the launch.",
            "named-cleveland-fire-brigade",
        ),
        (
            "The commissioner welcomed the report. Inspectors from HMICFRS said North "
            "Yorkshire Fire and Rescue Service needed to improve its protection work.\n\n"
            "North Yorkshire Police was inspected in 2022.",
            "named-north-yorkshire-fire-and-rescue-service",
        ),
        # HM Inspectorate of Probation inspects youth offending services
        (
            "HM Inspectorate of Probation published its report on the Cardiff Youth "
            "Offending Service on Tuesday. South Wales Police works closely with the service.",
            "named-cardiff-youth-offending-service",
        ),
        # ... and the inspector of borders and immigration the Home Office's border
        # functions, national bodies it names
        (
            "David Bolt, the Independent Chief Inspector of Borders and Immigration, has "
            "published the findings of his re-inspection examining how Border Force "
            "identifies and treats potential victims of modern slavery.",
            "border-force",
        ),
    ],
)
def test_reports_about_a_body_the_inspectorate_inspects_besides_forces(make_article, text, subject):
    assert {s for _, subjects, _ in reports(make_article(text)) for s in subjects} == {subject}


def test_reports_a_national_service_is_no_local_body_inspected(make_article):
    # "the National Probation Service" is national: the report names no subject
    a = make_article(
        "HM Inspectorate of Probation published its annual report in March 2019. The "
        "National Probation Service and Cardiff's youth offending services were among "
        "those it looked at."
    )
    assert {s for _, subjects, _ in reports(a) for s in subjects} == set()


def test_reports_the_forces_inspectors_visited_are_the_reports_subjects(make_article):
    a = make_article(
        "HMICFRS published its report on vetting on Tuesday.\n\nInspectors visited the "
        "Cumbria, South Wales and Dorset forces, and examined Kent Police too."
    )
    assert {s for _, subjects, _ in reports(a) for s in subjects} == {
        "cumbria",
        "south-wales",
        "dorset",
        "kent",
    }


def test_reports_a_visit_since_which_things_improved_is_no_report_of_its_own(make_article):
    a = make_article(
        "A new report on custody in Cleveland was published.\n\nHMICFRS and HMIP said "
        "Cleveland Police had made improvements since the two inspectorates last visited "
        "in 2014."
    )
    assert all(date is None for _, _, date in reports(a))


def test_reports_a_place_in_an_article_about_a_fire_service_is_not_the_police_force(
    make_article,
):
    # "Surrey firefighters", "Surrey 999 cover": the service's, in an article naming no force
    a = make_article(
        "Inspector's verdict backs firefighters' warnings over Surrey 999 cover\n\n"
        "A government inspector's report has vindicated Surrey firefighters. The county "
        "branch of the Fire Brigades Union said Surrey Fire and Rescue Service had been hit "
        "by cuts. The findings of an inspection by HMICFRS supported the union."
    )
    subjects = {s for _, subjects, _ in reports(a) for s in subjects}
    assert "surrey" not in subjects


def test_reports_an_earlier_report_dated_inside_a_quotation(make_article):
    # an inspector names the earlier report by its year in his own words; a relative
    # date in a quotation ("Today we thank ...") stays the speaker's (test above)
    a = make_article(
        "HMICFRS published its report on Lancashire Constabulary on Thursday. Inspector "
        'Mike Gormley said: "It has applied all the recommendations contained in our 2017 '
        'report, as well as its own measures."'
    )
    assert ("hmicfrs", ("lancashire",), "2017") in reports(a)


def test_reports_a_word_of_a_bodys_name_is_no_report(make_article):
    # "Review" in "Police Investigations and Review Commissioner" names the body
    a = make_article(
        "HMICS told the committee about Police Scotland's complaints. \"Some ask to whom the "
        'Police Investigations and Review Commissioner is accountable," she said.'
    )
    assert reports(a) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (  # the body that made it public, past the participle and when
            "A report published this week by the IOPC found failings by Kent Police.",
            ("iopc", ("kent",), None),
        ),
        (  # past a place's possessive before the body
            "The phrase kept recurring in the hard-hitting report published this week by "
            "the North's police ombudsman, Marie Anderson, on police links to murders "
            "carried out by loyalists and the RUC.",
            ("police-ombudsman-ni", ("royal-ulster-constabulary",), None),
        ),
    ],
)
def test_reports_a_body_that_published_a_report_is_its_author(make_article, text, expected):
    assert expected in reports(make_article(text))


def test_reports_a_body_that_commissioned_a_report_is_no_author(make_article):
    text = "The report, commissioned by the IOPC, was published by HMICFRS on Kent Police."
    assert {p for p, _, _ in reports(make_article(text))} == {"hmicfrs"}


def test_reports_a_body_s_verdict_on_the_police_is_its_investigation_s(make_article):
    # what a body found of the police is a report of its ("the IOPC concluded that");
    # what it found of anything else is not ("The council found that the scheme ...")
    text = (
        "Staffordshire Police failed to follow some of its own custody procedures. "
        "Overall, however, the IOPC concluded that there was no evidence to suggest the "
        "actions of police had caused or contributed to the death."
    )
    assert ("iopc", ("staffordshire",), None) in reports(make_article(text))
    other = "Staffordshire Police was praised. The council found that the scheme had worked."
    assert reports(make_article(other)) == set()


def test_reports_the_forces_an_inspection_looked_at_are_its_subjects(make_article):
    # "all eight police forces inspected - the Met, Kent, ...": one report per force
    # the national inspection looked at, not one about no force
    text = (
        "Vetting report\n\nHMICFRS published its report on vetting and misconduct today.\n\n"
        "According to Matt Parr, that culture was present in all eight police forces "
        "inspected - the Met, Kent, Cumbria, South Wales, Nottinghamshire, Dorset, Devon "
        "and Cornwall; and the Civil Nuclear Constabulary."
    )
    (claim,) = extract_article(make_article(text)).reports
    assert (claim.publisher, set(claim.subjects)) == (
        "hmicfrs",
        {
            "metropolitan",
            "kent",
            "cumbria",
            "south-wales",
            "nottinghamshire",
            "dorset",
            "devon-and-cornwall",
            "civil-nuclear-constabulary",
        },
    )
    # a force's own inspection keeps its force, with no such sentence
    own = make_article("Kent Police vetting\n\nHMICFRS published its report on Kent Police today.")
    assert [c.subjects for c in extract_article(own).reports] == [("kent",)]


def test_reports_hmi_constabulary_closes_a_joint_inspection_s_list(make_article):
    # "HMI Constabulary" is HMICFRS: the list of partners ends with it, so its lead (the
    # first named) publishes the report the inspectors speak for
    text = (
        "A joint inspection by HM Inspectorate of Probation, Ofsted, the Care Quality "
        "Commission and HMI Constabulary concluded that Newport YOT staff were falling "
        "short.\n\nWhile staff knew the children well, the inspectors said they did not "
        "bring them into the planning."
    )
    claims = extract_article(make_article(text))
    assert {c.publisher for c in claims.reports} == {"his-majesty-s-inspectorate-of-probation"}
    assert "hmicfrs" in {m.org for m in claims.organizations}


def test_reports_published_on_the_day_with_an_article(make_article):
    # "published on the 24th March 2015": the report's own date, "the" before the day
    text = (
        "Stop and search\n\nStop & Search 2, the HMIC's second report on stop and search, was "
        "published on the 24th March 2015 and is right to condemn forces."
    )
    (claim,) = extract_article(make_article(text)).reports
    assert claim.published is not None and claim.published.iso() == "2015-03-24"


def test_reports_an_inspectorate_of_a_nation_with_one_force_reports_on_it(make_article):
    # HMICS's review that names no body it is about is on Police Scotland, the one force
    # of its nation (ontology/remits.ttl, kgo:nationalForce)
    text = (
        "M9 crash: Terms of police call-handling review outlined\n\n"
        "HM Inspectorate of Constabulary in Scotland has set out the terms of its review "
        "into how calls are dealt with in control centres."
    )
    reports = extract_article(make_article(text)).reports
    assert [(r.publisher, r.subjects) for r in reports] == [("hmics", ("police-scotland",))]


@pytest.mark.parametrize(
    "area, key",
    [
        ("The Thames and Chiltern Crown Prosecution Service", "cps-thames-and-chiltern"),
        ("CPS East of England", "cps-east-of-england"),
    ],
)
def test_reports_on_a_unit_of_a_body_an_inspectorate_inspects_by_its_units(make_article, area, key):
    # HMCPSI inspects the Crown Prosecution Service area by area (ontology/remits.ttl,
    # kgo:inspectsUnitsOf; the areas are org:subOrganizationOf the CPS in bodies.ttl)
    text = (
        "Prosecutors blasted by inspectors\n\n"
        f"{area} was criticised for a string of failings, ranging from the way it "
        "communicates with victims to its general working practices.\n\n"
        "The report by Her Majesty's Crown Prosecution Service Inspectorate also found "
        "fault with the police."
    )
    reports = extract_article(make_article(text)).reports
    assert {(r.publisher, r.subjects) for r in reports} == {("hmcpsi", (key,))}


def test_reports_a_committee_or_government_is_a_report_s_audience_not_its_subject(make_article):
    # a legislature, its committee or a government hears a report, answers it or is
    # told of it; it is not what the inspectorate inspected
    text = (
        "Call handling review\n\n"
        "HM Inspectorate of Constabulary in Scotland published its review of Police "
        "Scotland's call handling on Tuesday.\n\n"
        'Kezia Dugdale said the report was a "damning assessment" of the Scottish '
        "Government, because ministers had merged the forces."
    )
    subjects = {s for r in extract_article(make_article(text)).reports for s in r.subjects}
    assert subjects == {"police-scotland"}


@pytest.mark.parametrize(
    "phrase",
    [
        "the months ahead, which include the force's next inspection by HMICFRS",
        "their next HMICFRS Police Effectiveness, Efficiency and Legitimacy (PEEL) inspection",
        "the forthcoming HMICFRS inspection of the force",
    ],
)
def test_reports_an_inspection_still_to_come_is_no_report(make_article, phrase):
    text = (
        "Temporary chief ruling\n\n"
        "Staffordshire's police commissioner acted unlawfully, the High Court ruled.\n\n"
        f"Mr Adams pointed to {phrase}."
    )
    assert extract_article(make_article(text)).reports == ()


def test_reports_a_report_from_before_peel_is_no_peel_assessment(make_article):
    # the areas PEEL grades named in 2010 ("anti-social behaviour") make no PEEL report:
    # PEEL began in 2014 (the opening of a devset article: responses to HMIC's 2010
    # report on anti-social behaviour)
    path = GOLD_ARTICLES / "hmic-asb-report-federation-north-yorkshire-responses-2010.txt"
    text = "\n".join(path.read_text(encoding="utf-8").splitlines()[:20])
    concepts = {r.kind_concept for r in extract_article(make_article(text)).reports}
    assert concepts and "peel-assessment" not in concepts


def test_reports_a_scrutiny_panel_hears_a_report_and_is_not_its_subject(make_article):
    text = (
        "Commissioner uses urgent panel item to answer HMIC reports on vulnerability\n\n"
        "Leicestershire's Police and Crime Commissioner was given time at a meeting of the "
        "Police and Crime Panel to respond in public to a set of recently published HMIC "
        "reports on Honour-based Crime, Domestic Violence and Vulnerable People."
    )
    subjects = {s for r in extract_article(make_article(text)).reports for s in r.subjects}
    assert "named-police-and-crime-panel" not in subjects


def test_reports_all_the_areas_of_one_report_make_no_national_report(make_article):
    # "across all 11 inspection areas" counts a report's own areas, not every force
    text = (
        "Fire service improving - inspectors\n\n"
        "In its latest report, His Majesty's Inspectorate of Constabulary, Fire and Rescue "
        "Services said it no longer had concerns about the brigade's home visits.\n\n"
        'The service said it was pleased to have been graded "good" or "adequate" across '
        "all 11 inspection areas.\n\n"
        "Chief fire officer Jon Pryce praised the staff of Hereford and Worcester Fire and "
        "Rescue Service."
    )
    subjects = {s for r in extract_article(make_article(text)).reports for s in r.subjects}
    assert subjects == {"named-hereford-and-worcester-fire-and-rescue-service"}


def test_reports_a_topic_spoken_of_throughout_beats_an_area_named_in_passing(make_article):
    # children's protection in the headline and two more sentences; "child abuse
    # investigations" alone names an area of a PEEL assessment (investigating crime)
    text = (
        "Inspectors find Wiltshire Police has got better at protecting children\n\n"
        "Positive changes have been made by a police force that was ordered to improve the "
        "way it safeguards children, according to a report by His Majesty's Inspectorate of "
        "Constabulary and Fire and Rescue Services.\n\n"
        "Among the changes, the force was now taking prompt and effective action when "
        "dealing with child abuse investigations."
    )
    concepts = {r.kind_concept for r in extract_article(make_article(text)).reports}
    assert concepts == {"child-protection"}


@pytest.mark.parametrize(
    ("year", "kind"), [("2023", "serious-organised-crime"), ("2016", "effectiveness")]
)
def test_reports_an_area_peel_no_longer_graded_is_a_report_s_topic(make_article, year, kind):
    # PEEL graded "tackling serious and organised crime" to 2020; from 2022 HMICFRS
    # inspected it region by region (kgo:gradedYears)
    text = (
        "Force told it requires improvement\n\n"
        f"Published: 12 May {year}\n\n"
        "Inspectors from HM Inspectorate of Constabulary have concluded that Cumbria Police "
        '"requires improvement" in the way it deals with serious and organised crime.'
    )
    concepts = {r.kind_concept for r in extract_article(make_article(text)).reports}
    assert concepts == {kind}


def test_reports_a_date_a_grading_clause_follows_dates_that_report(make_article):
    # "Since April 2019, when it was graded ...": the day of the grading, though
    # "since" opens a period
    text = (
        "Cleveland Police removed from 'special measures'\n\n"
        "Published: 20 September 2023\n\n"
        "Since April 2019, when it was graded 'inadequate' across every area by His "
        "Majesty's Inspectorate of Constabulary, Cleveland Police has been subject to an "
        "enhanced level of monitoring."
    )
    dated = {r.published.iso() for r in extract_article(make_article(text)).reports if r.published}
    assert dated == {"2019-04"}
