import pytest

from kg.extract import extract_article


def grades(article):
    return {(g.subject, g.area, g.grade) for g in extract_article(article).grades}


CASES = [
    (
        "Inspectors rated Lincolnshire Police as 'good' for effective policing, said HMIC.",
        {("lincolnshire", "effectiveness", "good")},
    ),
    (
        "HMIC published its PEEL inspection of Beds Police, placing both the force's investigation of "
        "offending and its work to reduce and prevent crime in the ‘requires improvement’ category.",
        {
            ("bedfordshire", "investigating-crime", "requires-improvement"),
            ("bedfordshire", "preventing-crime", "requires-improvement"),
        },
    ),
    (
        "HMICFRS has rated Thames Valley Police ‘Good’ for Effectiveness, Efficiency and Legitimacy.",
        {
            ("thames-valley", "effectiveness", "good"),
            ("thames-valley", "efficiency", "good"),
            ("thames-valley", "legitimacy", "good"),
        },
    ),
    (
        "The HMIC report graded Lincolnshire Police “good”. Inspectors did, however, judge that the "
        "force “requires improvement” when it comes to protecting vulnerable people.",
        {("lincolnshire", "protecting-vulnerable-people", "requires-improvement")},
    ),
    (
        "HMICFRS reported on SYP. In the last HMI report SYP was graded ‘good’ overall and outstanding for its ethical leadership.",
        {
            ("south-yorkshire", "overall", "good"),
            ("south-yorkshire", "ethical-leadership", "outstanding"),
        },
    ),
    (
        "HMIC found that Nottinghamshire Police was rated ‘Inadequate’ at protecting those who are "
        "vulnerable from harm and supporting victims.",
        {("nottinghamshire", "protecting-vulnerable-people", "inadequate")},
    ),
    (  # the questions PEEL grades from 2021-22, with no pillars
        "HMICFRS rated Durham Constabulary 'requires improvement' at responding to the public "
        "and 'good' at managing offenders and suspects in its latest PEEL inspection.",
        {
            ("durham", "responding-to-the-public", "requires-improvement"),
            ("durham", "managing-offenders", "good"),
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_grades_force_area_grade(make_article, text, expected):
    assert expected <= grades(make_article(text))


@pytest.mark.parametrize(
    "text",
    [
        # an adjective, not a grade
        "HMICFRS found Derbyshire Constabulary has a good record of reducing crime.",
        # a judgement on cases is a figure, not the force's grade
        "HM Inspectorate of Constabulary graded 30 of the 79 cases it reviewed at Lancashire "
        "Constabulary as inadequate.",
    ],
)
def test_grades_not_a_grade(make_article, text):
    assert grades(make_article(text)) == set()
