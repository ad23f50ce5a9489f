import pytest

from kg.extract import extract_article


def figures(article):
    return {(f.count, f.total, f.counted, f.judgement) for f in extract_article(article).figures}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "HM Inspectorate of Constabulary graded 30 of the 79 cases it reviewed at Lancashire "
            "Constabulary as inadequate.",
            (30, 79, "case", "inadequate"),
        ),
        (
            "HMIC published its report today. Inspectors referred 10 cases containing “evidence of a serious problem” back to Lancashire "
            "Constabulary.",
            (10, None, "case", "evidence of a serious problem"),
        ),
        (
            "HMICFRS found three-quarters of the 384 cases at Kent Police were handled well.",
            (288, 384, "case", None),
        ),
        (
            "The HMICFRS report rated Kent Police good in six out of 10 areas.",
            (6, 10, "area", "good"),
        ),
    ],
)
def test_figures_count_total_counted(make_article, text, expected):
    assert expected in figures(make_article(text))


@pytest.mark.parametrize(
    "text",
    [
        "HMICFRS said Kent Police had 2 of the 3 officers in 2019.",  # not a count noun check: kept
    ],
)
def test_figures_not_dates_or_years(make_article, text):
    assert all(f[2] not in {"year", "month"} for f in figures(make_article(text)))
