"""kg.resolve's reports: the same report across articles is one."""

from __future__ import annotations

from kg.model import Article, ArticleClaims, PartialDate, ReportClaim, Span
from kg.resolve import resolve


def _article(aid: str, when: str | None, *reports: ReportClaim) -> ArticleClaims:
    published = PartialDate.parse(when) if when else None
    article = Article(aid, aid + ".txt", "", "text", published=published)
    return ArticleClaims(article, reports=reports)


def _report(
    subjects: tuple[str, ...], when: str | None, kind: str | None, publisher: str = "hmicfrs"
) -> ReportClaim:
    published = PartialDate.parse(when) if when else None
    return ReportClaim(publisher, subjects, "report", Span(0, 0), published, kind)


def _keys(resolved, aid: str) -> list[str]:
    ac = next(c for c in resolved.claims if c.article.id == aid)
    return [resolved.report_key[(aid, i)] for i in range(len(ac.reports))]


def test_resolve_reports_on_a_shared_force_are_one():
    # "The reports on Cumbria and Cleveland, published on Thursday (September 1)" and
    # another article's "the report on Cumbria" of that month and kind
    r = resolve(
        [
            _article("a", "2017-09-21", _report(("cumbria", "cleveland"), "2017-09-01", "cp")),
            _article("b", "2017-09-05", _report(("cumbria",), "2017-09", "cp")),
        ]
    )
    assert _keys(r, "a") == _keys(r, "b")
    rep = r.reports[_keys(r, "a")[0]]
    assert set(rep.subjects) == {"cumbria", "cleveland"}
    assert rep.published == PartialDate(2017, 9, 1)


def test_resolve_reports_in_any_order_of_forces_are_one():
    r = resolve(
        [
            _article("a", None, _report(("cumbria", "cleveland"), "2017-09-01", "cp")),
            _article("b", None, _report(("cleveland", "cumbria"), "2017-09-01", "cp")),
        ]
    )
    assert _keys(r, "a") == _keys(r, "b")


def test_resolve_reports_of_other_kinds_or_forces_stay_apart():
    r = resolve(
        [
            _article("a", None, _report(("kent",), "2018-03", "effectiveness")),
            _article("b", None, _report(("kent",), "2018-03", "custody")),
            _article("c", None, _report(("essex",), "2018-03", "effectiveness")),
        ]
    )
    assert len({_keys(r, a)[0] for a in "abc"}) == 3


def test_resolve_report_of_unstated_kind_joins_the_one_sharing_a_force():
    r = resolve(
        [
            _article("a", None, _report(("kent",), "2018-03-22", "effectiveness")),
            _article("b", None, _report(("kent", "essex"), "2018-03", None)),
        ]
    )
    assert _keys(r, "a") == _keys(r, "b")


def test_resolve_national_reports_of_a_month_and_kind_are_one():
    r = resolve(
        [
            _article("a", None, _report((), "2019-07-04", "thematic")),
            _article("b", None, _report((), "2019-07", "thematic")),
            _article("c", None, _report(("kent",), "2019-07", "thematic")),
        ]
    )
    assert _keys(r, "a") == _keys(r, "b") != _keys(r, "c")
    assert r.reports[_keys(r, "a")[0]].subjects == ()


def test_resolve_undated_reports_stay_with_their_article():
    r = resolve(
        [
            _article("a", "2019-09-27", _report(("cleveland",), None, "peel-assessment")),
            _article("b", "2019-09-27", _report(("cleveland",), None, "peel-assessment")),
        ]
    )
    assert _keys(r, "a") != _keys(r, "b")


def test_resolve_review_follows_up_the_latest_earlier_report():
    r = resolve(
        [
            _article("a", "2018-03-08", _report(("lancashire",), "2018-03-08", "cp")),
            _article("b", "2016-05-01", _report(("lancashire",), "2016-05", "cp")),
            _article(
                "c", "2019-04-11", _report(("lancashire",), "2019-04-11", "post-inspection-review")
            ),
            # an undated review came out by the date of the article that reports it
            _article("d", "2019-04-15", _report(("lancashire",), None, "post-inspection-review")),
        ]
    )
    march = _keys(r, "a")[0]
    assert r.reports[_keys(r, "c")[0]].follows_up == march
    assert r.reports[_keys(r, "d")[0]].follows_up == march
