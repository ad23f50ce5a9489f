import pytest

from kg.extract import extract_article


def findings(article):
    return [(f.polarity, f.text) for f in extract_article(article).findings]


@pytest.mark.parametrize(
    ("text", "polarity", "start"),
    [
        (
            'HMIC published its report today. In the report, inspectors concluded: "Frontline officers do not always recognise children in '
            'need of safeguarding at the earliest opportunity" at Lancashire Constabulary.',
            "weakness",
            "Frontline officers do not always",
        ),
        (
            "HMICFRS found Cumbria Constabulary had invested in staff training, leading to better awareness.",
            "strength",
            "Cumbria Constabulary had invested",
        ),
        (
            "HMICFRS published its report today. However, the report identified inconsistent decision-making at Cumbria Constabulary as areas "
            "in need of improvement.",
            "area-for-improvement",
            "inconsistent decision-making",
        ),
        (
            "HMICFRS published its report today. The report says Thames Valley Police is good at treating "
            "the public fairly, but describes the historical backlog in vetting officers as a cause for concern.",
            "cause-of-concern",
            "describes the historical backlog",
        ),
        (
            "HMIC published its report today. HMIC said it had “specific concerns” about how Bedfordshire "
            "Police deals with domestic abuse.",
            "weakness",
            "it had",
        ),
    ],
)
def test_findings_text_and_polarity(make_article, text, polarity, start):
    found = findings(make_article(text))
    assert any(p == polarity and t.startswith(start) for p, t in found), found


def test_findings_key_findings_list_items(make_article):
    a = make_article(
        "HM Inspectorate of Constabulary reviewed Lancashire Constabulary.\n\nKey findings:\n\n"
        "  • Governance of child protection is under-developed leaving some children at risk\n\n"
        "  • A reorganisation since 2016 is translating into better child protection work\n\n"
        "Deputy Chief Constable Sunita Gamblin said the force was sorry."
    )
    assert findings(a) == [
        (
            "weakness",
            "Governance of child protection is under-developed leaving some children at risk",
        ),
        (
            "strength",
            "A reorganisation since 2016 is translating into better child protection work",
        ),
    ]


def test_findings_not_from_the_force_or_pcc(make_article):
    a = make_article(
        "HMICFRS published a report on Lincolnshire Police. PCC Marc Jones said: "
        "“The force found it had improved a great deal this year.”"
    )
    assert findings(a) == []
