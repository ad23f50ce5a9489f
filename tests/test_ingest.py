import os
from pathlib import Path

import pytest

from kg.extract import extract_article
from kg.ingest import parse_article, read_article, read_corpus
from kg.model import Article, IngestError, PartialDate

from .conftest import CORPUS, ROOT


def test_ingest_yaml_fenced_front_matter():
    a = read_article(CORPUS / "002_8253f2a74fd231eb.txt")
    assert (
        a.url
        == "https://www.lancashire.police.uk/news/2019/april/significant-improvements-in-child-protection/"
    )
    assert a.title == "Significant improvements in child protection"
    assert a.publisher == "Lancashire Constabulary"
    assert a.published == PartialDate(2019, 4, 11)
    assert "```" not in a.text[a.body[0].start : a.body[0].end]


def test_ingest_offsets_point_into_text():
    a = read_article(CORPUS / "003_53badd724a3fb463.txt")
    for span in a.body:
        assert a.text[span.start : span.end].strip() == a.text[span.start : span.end]
    assert a.text[a.body[0].start :].startswith("Vulnerable children")


def test_ingest_page_clutter_is_set_aside():
    a = read_article(CORPUS / "004_074a5c4103a920a0.txt")
    clutter = " ".join(a.text[s.start : s.end] for s in a.clutter)
    body = " ".join(a.text[s.start : s.end] for s in a.body)
    assert "Greater Manchester Police" in clutter and "Greater Manchester Police" not in body
    assert a.publisher == "Police Professional"


def test_ingest_html_main_text(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<!doctype html><html><head><title>Force rated good</title>"
        '<meta property="og:site_name" content="Example News">'
        '<meta property="article:published_time" content="2019-05-02"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/jobs'>Jobs at Kent Police</a></nav>"
        "<script>var x = 'Greater Manchester Police';</script><article><h1>Force rated good</h1>"
        "<p>HM Inspectorate of Constabulary and Fire &amp; Rescue Services today published a "
        "report into how Cumbria Constabulary is performing, and rated it good.</p>"
        "<p>HM Inspector of Constabulary Phil Gormley said: &ldquo;I am pleased with how Cumbria "
        "Constabulary is performing in keeping people safe.&rdquo;</p></article></body></html>",
        encoding="utf-8",
    )
    a = read_article(page)
    assert a.format == "html"
    assert "Cumbria Constabulary" in a.text
    assert "Greater Manchester" not in a.text and "var x" not in a.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (bytes(range(256)) * 20, "binary"),
    ],
)
def test_ingest_bad_files_reported(tmp_path, content, reason):
    (tmp_path / "bad.txt").write_bytes(content)
    (tmp_path / "good.txt").write_text(
        "HMICFRS praised Cumbria Constabulary today.", encoding="utf-8"
    )
    items = list(read_corpus(tmp_path))
    errors = [i for i in items if isinstance(i, IngestError)]
    assert [e.file_name for e in errors] == ["bad.txt"] and reason in errors[0].reason
    assert [i.file_name for i in items if isinstance(i, Article)] == ["good.txt"]


def test_ingest_legacy_encoding_decoded(tmp_path):
    (tmp_path / "cp.txt").write_bytes(
        "Cumbria Constabulary’s report – “good”, said HMIC. Café "
        "owners agreed with the inspectors.".encode("cp1252")
    )
    a = read_article(tmp_path / "cp.txt")
    assert "’s report – “good”" in a.text


def test_ingest_size_limit(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 1000, encoding="utf-8")
    items = list(read_corpus(tmp_path, max_bytes=100))
    assert isinstance(items[0], IngestError) and "size limit" in items[0].reason


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files without permission")
def test_ingest_unreadable_file(tmp_path):
    p = tmp_path / "locked.txt"
    p.write_text("HMICFRS praised Cumbria Constabulary.", encoding="utf-8")
    p.chmod(0)
    items = list(read_corpus(tmp_path))
    assert isinstance(items[0], IngestError) and "permission" in items[0].reason


def test_ingest_crlf_and_bom(tmp_path):
    (tmp_path / "w.txt").write_bytes(
        b"\xef\xbb\xbfTitle line here\r\n\r\nSep 21, 2017\r\n\r\n"
        b"HMICFRS praised Cumbria Constabulary.\r\n"
    )
    a = read_article(tmp_path / "w.txt")
    assert "\r" not in a.text and a.published == PartialDate(2017, 9, 21)


def test_ingest_corpus_order_is_by_name(tmp_path):
    for name in ("b.txt", "a.txt", "c.md"):
        (tmp_path / name).write_text("HMICFRS praised Cumbria Constabulary.", encoding="utf-8")
    assert [i.file_name for i in read_corpus(tmp_path)] == ["a.txt", "b.txt", "c.md"]
    _ = Path


# --- saved pages: the date, publisher and title the page states (issue 12) -------------

PAGES = ROOT / "tests" / "data" / "ingest" / "pages"


@pytest.mark.parametrize(
    ("page", "published", "publisher", "title"),
    [
        # JSON-LD @graph: the NewsArticle's datePublished, not the WebPage's or any
        # dateModified; the publisher by its @id; related stories' <time>s ignored
        (
            "jsonld-graph.html",
            PartialDate(2021, 2, 23),
            "Northern Echo Live",
            "Force told to improve how it answers 999 calls",
        ),
        # article:published_time, not article:modified_time, og:updated_time, an
        # "Updated:" stamp above the headline or a "most read" date
        (
            "meta-published-time.html",
            PartialDate(2018, 3, 22),
            "Kent Messenger Online",
            "Kent Police praised for its work with victims",
        ),
        # WordPress: <time class="entry-date published"> in the entry header; not
        # <time class="updated">, the entry footer's or a comment's date
        (
            "time-in-header.html",
            PartialDate(2018, 3, 22),
            "Office of the Lincolnshire Police and Crime Commissioner",
            "PCC responds to HMICFRS report on Lincolnshire Police",
        ),
        # <time pubdate> in the story's meta line, no meta tags at all
        (
            "pubdate-byline.html",
            PartialDate(2016, 11, 9),
            None,
            "Police watchdog finds custody failings at Lancashire Constabulary",
        ),
        # no metadata: the dateline at the top of the article text
        (
            "dateline-top.html",
            PartialDate(2016, 2, 18),
            None,
            "Shropshire and Mid Wales police forces told to improve by inspector",
        ),
        # no date stated but "this morning, Wednesday, July 6": its year the first from
        # 2022 (its names, "His Majesty's", date it from then) whose 6 July is a
        # Wednesday; not the 2019 report in the body, not a related story's, not the
        # footer's "Last modified"
        (
            "no-date.html",
            PartialDate(2022, 7, 6),
            "Capital Voice",
            "City Hall asked about Met special measures",
        ),
        # only "updated" stamps (meta, JSON-LD dateModified, <time> after "Updated",
        # "Last updated" in the body) and a comment's date: the day it was last updated,
        # the one date the page gives for itself (not the comment's, a day earlier)
        (
            "updated-only.html",
            PartialDate(2019, 6, 14),
            "County Courier",
            "Force apologises after inspection finds crimes went unrecorded",
        ),
        # <title>Headline - Site</title> with the headline as <h1>: site is the publisher
        (
            "title-headline-site.html",
            None,
            "Humberside Police and Crime Commissioner",
            "Commissioner comments on latest HMIC report",
        ),
    ],
)
def test_ingest_page_states_its_date_publisher_and_title(page, published, publisher, title):
    a = read_article(PAGES / page)
    assert (a.published, a.publisher, a.title) == (published, publisher, title)


@pytest.mark.parametrize(
    ("crumbs", "publisher"),
    [
        ("[CJI](https://www.cjini.org/) › [News and Events](https://x/) › 2020 › July", "CJI"),
        (
            "HM Inspectorate of Constabulary in Scotland › [Publications](http://x/) › Press "
            "releases",
            "HM Inspectorate of Constabulary in Scotland",
        ),
        # a trail from the home page or a section names no site
        ("Home » News » Crime", None),
        ("[Home](https://www.kentonline.co.uk/) › [Kent](https://x/) › Article", None),
    ],
)
def test_ingest_a_breadcrumb_trail_starts_from_the_sites_name(tmp_path, crumbs, publisher):
    page = tmp_path / "page.md"
    page.write_text(
        f"{crumbs}\n\n# Inspectors publish their report on the force\n\nThe report on "
        "the force was published by the inspectorate and found it needed to improve.\n",
        encoding="utf-8",
    )
    assert read_article(page).publisher == publisher


def test_ingest_page_author_and_url_from_metadata():
    a = read_article(PAGES / "jsonld-graph.html")
    assert a.author == "Hannah Clegg"
    assert a.url == "https://example-news.co.uk/news/durham-999-calls/"
    # a byline without its "updated" stamp
    assert read_article(PAGES / "updated-only.html").author == "Priya Natarajan"
    assert read_article(PAGES / "time-in-header.html").author == "Press Office"


def test_ingest_page_text_is_the_article_alone():
    a = read_article(PAGES / "jsonld-graph.html")
    body = " ".join(a.text[s.start : s.end] for s in a.body)
    assert "Chief Constable Rachel Hendry said" in body
    assert "Cleveland Police rated inadequate" not in a.text  # a related story
    assert "All rights reserved" not in a.text


def test_ingest_page_facts_point_at_the_words():
    from kg.extract import extract_article

    a = read_article(PAGES / "jsonld-graph.html")
    claims = extract_article(a)
    assert [(r.person, r.role, r.org) for r in claims.roles] == [
        ("Rachel Hendry", "chief-constable", "durham")
    ]
    (quote,) = claims.quotes
    assert a.text[quote.span.start : quote.span.end] == quote.text
    assert quote.text.startswith("We accept the findings") and quote.speaker == "Rachel Hendry"


def test_ingest_menu_before_the_article_is_not_a_section(make_article):
    """A page printed or saved as text starts with its menu ("News", "Jobs", "Events"):
    a heading there is not the start of a "related" section that swallows the article."""
    a = make_article(
        "Police Professional\nNews\nJobs\nEvents\n\n"
        "Inspectors rated the Metropolitan Police Service inadequate at responding to the "
        "public, HM Inspectorate of Constabulary said in a report published today.\n\n"
        "Related stories\nForce placed into special measures by the inspectorate\n"
    )
    body = [a.text[s.start : s.end] for s in a.body]
    assert any(b.startswith("Inspectors rated the Metropolitan Police") for b in body)
    assert "Force placed into special measures by the inspectorate" not in body


def test_ingest_a_related_stories_heading_before_the_story_is_a_side_bar_s(make_article):
    """A BBC page copied as text has its side bar's "Related Stories" between the
    headline and the story: the story after it is the article's, not a related link."""
    a = make_article(
        "Kent police chief Ian Learmonth concedes crime targets led to distortion\n\n"
        "Related Stories\n\n"
        "Kent's police chief has accepted that, in parts of the county, the pursuit of crime "
        "statistic targets produced a distortion of activity within the force.\n\n"
        'Mr Learmonth said: "In some areas there was a distortion of activity."\n'
    )
    body = [a.text[s.start : s.end] for s in a.body]
    assert any(b.startswith("Kent's police chief has accepted") for b in body)
    assert any(b.startswith("Mr Learmonth said") for b in body)


def test_ingest_a_headline_stamped_with_its_day_dates_the_article():
    a = parse_article(
        "Kent Police and Crime Commissioner\n\nHome > News > 2014\n\n"
        "Statement from the Commissioner on the HMIC PEEL Assessment (27 Nov 2014)\n\n"
        "The Commissioner said he was pleased that HMIC had praised Kent Police.\n",
        "t.txt",
        "text",
    )
    assert a.published == PartialDate(2014, 11, 27)


def test_ingest_a_header_line_ending_with_a_day_dates_the_article():
    # a press release's header: its fields, then its day after the last of them
    a = parse_article(
        "Neighbourhood Policing now core work in every force, HMIC finds\n\n"
        "HOME OFFICE News Release (HMIC-04/2008) issued by COI News Distribution Service. "
        "28 November 2008\n\n"
        "Every police force in England and Wales now treats Neighbourhood Policing as core "
        "work, Her Majesty's Inspectorate of Constabulary said today.\n",
        "t.txt",
        "text",
    )
    assert a.published == PartialDate(2008, 11, 28)


def test_ingest_a_breadcrumb_year_is_a_hint_not_the_date():
    a = parse_article(
        "# Joint inspection report on police custody published\n\n"
        "[CJI](https://www.cjini.org/) › [News](https://www.cjini.org/News/) › 2020 › July\n\n"
        "The Chief Inspector has today published the findings of an inspection of custody.\n",
        "t.md",
        "markdown",
    )
    assert a.published is None and a.date_hint == PartialDate(2020)


def test_ingest_today_with_a_weekday_on_a_page_whose_address_gives_the_month():
    page = (
        '<html><head><title>Chief\'s response</title><link rel="canonical" href="https://'
        'www.cambs.police.uk/news/2024/march/chiefs-response/"></head><body><article><h1>'
        "Chief's response</h1><p>HMICFRS has today (Tuesday 12 March) published its latest "
        "PEEL inspection report into Cambridgeshire Constabulary.</p></article></body></html>"
    )
    assert parse_article(page, "t.html", "html").published == PartialDate(2024, 3, 12)
    # a weekday that does not fit the address's year dates nothing
    wrong = page.replace("Tuesday 12 March", "Monday 12 March")
    assert parse_article(wrong, "t.html", "html").published is None


def test_ingest_today_with_a_weekday_in_the_latest_year_the_page_speaks_of():
    a = parse_article(
        "Force rated outstanding\n\nA report published by HMIC today (Tuesday 20th October) "
        "rates Cheshire Constabulary outstanding, after its 2014 report found it good.\n\n"
        "The force has saved money since 2015.\n",
        "t.txt",
        "text",
    )
    assert a.published == PartialDate(2015, 10, 20)
    # a weekday that does not fit that year dates nothing
    b = parse_article(
        "Force rated outstanding\n\nA report published by HMIC today (Monday 20th October) "
        "rates Cheshire Constabulary outstanding.\n\nThe force has saved money since 2015.\n",
        "t.txt",
        "text",
    )
    assert b.published is None


def test_ingest_today_with_a_weekday_in_the_one_year_between_those_the_page_speaks_of():
    # 18 July was a Monday in 2011, a Wednesday in 2012, a Thursday in 2013, a Friday in
    # 2014 and a Saturday in 2015
    text = (
        "Savings praised\n\nThe force was praised by HMIC in a report published today "
        "(Thursday 18 July).\n\nOver the spending review, from March 2011 to March 2015, "
        "it has to save £32.6 million.\n"
    )
    assert parse_article(text, "t.txt", "text").published == PartialDate(2013, 7, 18)
    # where two years between them fit, neither is taken (a Wednesday in 2012 and 2018)
    wide = text.replace("Thursday 18 July", "Wednesday 18 July").replace("2015", "2019")
    assert parse_article(wide, "t.txt", "text").published is None


def test_ingest_today_with_a_weekday_soon_after_the_year_its_names_date_the_page_from():
    # "His Majesty's" dates the page from 2022, the year of the visits it speaks of;
    # 22 February was a Tuesday in 2022, a Wednesday in 2023 and a Thursday in 2024
    text = (
        "Inspectors praise the force\n\nThe force was praised in a report published today, "
        "Thursday 22 February, by His Majesty's Inspectorate of Constabulary.\n\n"
        "Inspectors visited between May and October 2022.\n"
    )
    assert parse_article(text, "t.txt", "text").published == PartialDate(2024, 2, 22)
    # a page whose names do not date it is dated only in the latest year it speaks of:
    # a year's events ("arrangements put in place in 2022") may be told long after
    older = text.replace("His Majesty's", "Her Majesty's")
    assert parse_article(older, "t.txt", "text").published is None


@pytest.mark.parametrize(
    ("stamps", "day"),
    [
        ("Last updated 3rd Oct 2024", PartialDate(2024, 10, 3)),  # the only date it gives
        ("Published 2nd Oct 2024\nLast updated 3rd Oct 2024", PartialDate(2024, 10, 2)),
    ],
)
def test_ingest_an_update_stamp_dates_a_page_that_gives_no_other(stamps, day):
    a = parse_article(
        f"ICO fines the PSNI\n\n{stamps}\n\nThe Police Service of Northern Ireland has been "
        "fined after a data breach.\n",
        "t.txt",
        "text",
    )
    assert a.published == day


def test_ingest_a_bracketed_phrase_with_a_date_is_no_stamp():
    a = parse_article(
        "Force rated good\n\nThe inspectorate praised the force (published 2 March 2015)\n\n"
        "The Commissioner said he was pleased that HMIC had praised Kent Police.\n",
        "t.txt",
        "text",
    )
    assert a.published is None


@pytest.mark.parametrize(
    ("tail", "publisher"),
    [
        ("Facebook  Twitter  Email", None),  # a share bar is not the outlet
        ("Comments (4)", None),
        ("Hartlepool Mail", "Hartlepool Mail"),  # a sign-off is
        # and a body's name as a site's footer gives it
        (
            "*Office of the Police and Crime Commissioner for West Mercia — News*",
            "Office of the Police and Crime Commissioner for West Mercia",
        ),
        ("Darryl Preston, Police and Crime Commissioner", None),  # a holder is no site
    ],
)
def test_ingest_share_bars_are_clutter_and_never_the_publisher(make_article, tail, publisher):
    a = make_article(
        "Police praised by inspectors\n\nHMIC rated Cleveland Police good in a report published "
        f"today.\n\nThe force welcomed the findings.\n\n{tail}\n"
    )
    assert a.publisher == publisher
    body = " ".join(a.text[s.start : s.end] for s in a.body)
    assert "Facebook" not in body and "Comments (" not in body


def test_ingest_a_copied_pages_headline_comes_after_its_menus(make_article):
    a = make_article(
        "Skip to main content\nThe Independent\nNews › UK › Crime\n\nPolice approach to "
        "stalking ‘ineffective’, watchdog finds in new report\n\nForces are failing victims of "
        "stalking, inspectors said in a report published today by HMICFRS.\n"
    )
    assert a.title == "Police approach to stalking ‘ineffective’, watchdog finds in new report"
    b = make_article(
        "BBC\nHome News Sport Weather iPlayer Sounds\n\nPolice response to £3.9m fraud "
        "branded woeful\n\nThe City of London Police response was criticised by the family.\n"
    )
    assert b.title == "Police response to £3.9m fraud branded woeful"


def test_ingest_a_pictures_caption_is_text_and_its_credit_is_not(make_article):
    a = make_article(
        "Kent Police rated good\n\nHMIC published its report today.\n\n[Picture: PCC Matthew "
        "Scott together with chief constable Alan Pughsley]\n\n[Picture: PA]\n\nThe force "
        "welcomed the findings.\n"
    )
    body = [a.text[s.start : s.end] for s in a.body]
    assert "PCC Matthew Scott together with chief constable Alan Pughsley" in body
    assert not any("Picture" in line for line in body)
    # a picture's stand-in in square brackets is no text
    b = make_article("Essex Police rated good\n\n[PFCC Alt Banner]\n\nThe force was praised.\n")
    assert "[PFCC Alt Banner]" not in [b.text[s.start : s.end] for s in b.body]


def test_ingest_a_pages_headline_standfirst_captions_and_header_date(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Watchdog rating - Echo</title></head><body><article>"
        "<h1 class='headline'>Northumbria police and crime commissioner 'delighted' with "
        "watchdog rating</h1>"
        "<p class='standfirst'>Northumbria police and crime commissioner Vera Baird says she "
        "is 'delighted' after inspectors rated the force as 'good'.</p>"
        "<div class='article-meta'><span class='date'>28 June 2017</span></div>"
        "<figure><img src='a.jpg'><figcaption>Deputy chief constable Rose Fitzpatrick at a "
        "board meeting. Picture: John Devlin</figcaption></figure>"
        + "".join(
            f"<p>Paragraph {n} of the story says that Her Majesty's Inspectorate of "
            "Constabulary (HMIC) released its report on efficiency and the force did well.</p>"
            for n in range(6)
        )
        + "</article></body></html>",
        encoding="utf-8",
    )
    a = read_article(page)
    assert a.text.startswith("Northumbria police and crime commissioner 'delighted'")
    assert "Vera Baird says she is 'delighted'" in a.text
    assert "Deputy chief constable Rose Fitzpatrick at a board meeting." in a.text
    assert "John Devlin" not in a.text
    assert a.published == PartialDate(2017, 6, 28)


def test_ingest_a_sentence_opening_with_published_is_text_not_a_stamp(make_article):
    a = make_article(
        "Sussex Police told to improve\n\nPublished 13th Apr 2023\n\nPublished on Thursday "
        "April 13, the report said the force needs to get better at keeping the public safe "
        "and cutting crime.\n"
    )
    body = [a.text[s.start : s.end] for s in a.body]
    assert any(line.startswith("Published on Thursday April 13, the report") for line in body)
    assert "Published 13th Apr 2023" not in body
    assert a.published == PartialDate(2023, 4, 13)


def test_ingest_a_short_lead_in_opening_with_published_is_text_not_a_stamp(make_article):
    a = make_article(
        "Forces still reluctant\n\nPublished earlier today, a HMICFRS inspection report says:"
        '\n\n"No force fully understands the impact of using these powers."\n'
    )
    body = [a.text[s.start : s.end] for s in a.body]
    assert "Published earlier today, a HMICFRS inspection report says:" in body


def test_ingest_a_date_atop_a_block_the_page_calls_the_article(tmp_path):
    # no <article> or <main>: a <div class="article"> holds the date above the headline
    (tmp_path / "p.html").write_text(
        "<html><head><title>Firearms decision backed</title></head><body>"
        "<div id='header'><a href='/'>Holyrood</a></div>"
        "<div class='article'><span class='date'>28 October 2014</span>"
        "<h1>Firearms decision backed</h1><div class='article-body'>"
        "<p>Inspectors have backed Police Scotland's decision on side arms.</p>"
        "<p>HMICS concluded that threat levels justified the move.</p></div></div>"
        "</body></html>",
        encoding="utf-8",
    )
    assert read_article(tmp_path / "p.html").published == PartialDate(2014, 10, 28)


def test_ingest_an_older_page_laid_out_in_a_table(tmp_path):
    # the article is in a layout table's cell, beside a menu cell: trafilatura leaves
    # tables out as data, so the page's text is read again with its tables unwrapped
    page = tmp_path / "press.html"
    page.write_text(
        "<html><head><title>Press Bureau - Force welcomes report</title></head><body>"
        '<table width="760"><tr><td class="leftnav"><p>Latest bulletins</p><ul><li>'
        '<a href="a.htm">Appeals</a></li></ul></td><td class="content">'
        "<h1>Force welcomes inspection report</h1>"
        "<p>Kent Police has given a broad welcome to the report from HMIC, which rated the "
        "force as good in five of the six areas it looked at.</p>"
        "<p>Deputy Chief Constable Jane Doe said she was grateful that the inspectors had "
        "taken the time to examine how the force was performing.</p>"
        "</td></tr></table></body></html>",
        encoding="utf-8",
    )
    article = read_article(page)
    assert "rated the force as good in five of the six areas" in article.text
    assert "Deputy Chief Constable Jane Doe said" in article.text


def test_ingest_a_markdown_block_quotation_is_read_past_its_marker():
    a = parse_article(
        "# IPCC review published\n\nFamilies have long criticised the watchdog.\n\n"
        "Deborah Coles, co-director of INQUEST, said:\n\n"
        '> "This report is a welcome admission that families were failed.\n>\n'
        '> "It must now change."\n',
        "review.md",
        "markdown",
    )
    paragraphs = [a.text[s.start : s.end] for s in a.body]
    assert '"This report is a welcome admission that families were failed.' in paragraphs
    assert '"It must now change."' in paragraphs
    assert not any(p.startswith(">") for p in paragraphs)


def test_ingest_a_long_publication_stamp_ending_with_its_date_dates_the_article():
    a = parse_article(
        "Radio News\n\nPolice told to improve\n\nPublished by the Radio News Team at 7:25am "
        "22nd March 2018. (Updated at 6:25am 23rd March 2018)\n\nDevon and Cornwall Police has "
        "been told it must get better.",
        "t.txt",
        "text",
    )
    assert a.published is not None and a.published.iso() == "2018-03-22"
    assert not any("Published by" in a.text[s.start : s.end] for s in a.body)


def test_ingest_html_date_from_the_articles_byline():
    # no metadata or <time>: the byline above the text states the day; a date in the
    # text further down is some other event's
    page = (
        "<html><head><title>Force rated good</title></head><body><article>"
        "<h1>Force rated good</h1>"
        '<p class="byline">By Jane Smith | Tuesday 12 March 2019, 10:00am</p>'
        "<p>Kent Police was rated good by inspectors, who first visited on 5 June 2014.</p>"
        "</article></body></html>"
    )
    assert parse_article(page, "a.html", "html").published == PartialDate(2019, 3, 12)


@pytest.mark.parametrize("value", ["2019-03-12T10:00:00Z", '"2019-03-12T10:00:00+00:00"'])
def test_ingest_front_matter_date_and_time(value):
    # YAML reads an unquoted one as a datetime and kg writes it back with its "T"
    text = f"---\ntitle: Force rated good\npublished: {value}\n---\n\nKent Police was rated good."
    assert parse_article(text, "a.md", "markdown").published == PartialDate(2019, 3, 12)


def test_ingest_html_a_block_quotation_keeps_its_words_quoted():
    # a <blockquote> after a lead-in ending with a colon: the page sets the statement
    # off as quoted, with no marks of its own; its words are the lead-in speaker's
    page = (
        "<html><head><title>Federation responds</title></head><body><article>"
        "<h1>Federation responds to transfer report</h1>"
        "<p>HMICS published its report on the transfer of railway policing today.</p>"
        "<p>Responding to the report, Nigel Goodband, Chair of the British Transport Police "
        "Federation, has said:</p>"
        "<blockquote><p>We welcome both the publication of this report and the comments "
        "of the Chief Inspector.</p>"
        "<p>We believe the transfer is more complex than politicians understood.</p>"
        "</blockquote></article></body></html>"
    )
    quotes = extract_article(parse_article(page, "a.html", "html")).quotes
    assert [(q.speaker, q.text.split()[:3]) for q in quotes] == [
        ("Nigel Goodband", ["We", "welcome", "both"]),
    ]
    assert "believe the transfer" in quotes[0].text


def test_ingest_a_markdown_pages_headline_is_its_heading_past_the_menu_above_it():
    a = parse_article(
        "[Skip to content](#content) · [Skip to menu](#menu)\n\n"
        "[Home](https://example.org/) › [News](https://example.org/news/)\n\n"
        "# OPCC response to HMIC Child Protection Report\n\n"
        "We welcome the report HMIC has published today on how the force protects children.\n",
        "response.md",
        "markdown",
    )
    assert a.title == "OPCC response to HMIC Child Protection Report"


def test_ingest_two_apostrophes_for_a_double_quotation_mark_are_one():
    # text typed or converted without a double quotation mark; an empty attribute in
    # a page's markup is no quotation, and "the forces'" keeps its apostrophe
    a = parse_article(
        "Audit\n\nCaroline Gardner described it as ''unacceptable'' and said ''substantial "
        "improvement'' was needed in the forces' accounts.\n",
        "t.txt",
        "text",
    )
    assert '"unacceptable" and said "substantial improvement" was needed' in a.text
    assert "forces' accounts" in a.text
    page = (
        "<html><body><article><h1>Audit</h1><p><img alt='' src='x.png'>She said it was "
        "''unacceptable''.</p></article></body></html>"
    )
    assert 'She said it was "unacceptable".' in parse_article(page, "t.html", "html").text


def test_ingest_the_body_after_a_stamp_left_empty_is_text():
    # "Published:" with no date after it: the paragraph that follows is the story's first,
    # not the stamp's value (as the line after "Image caption," is the caption)
    raw = (
        "Inspection report praises improvements at Yarl's Wood\n"
        "Published:\n"
        "Serco, which runs the Yarl's Wood Immigration Removal Centre for the Home Office, "
        "has welcomed the most recent inspection report on the centre, produced by Peter "
        "Clarke, HM Chief Inspector of Prisons.\n"
        "In his findings the Chief Inspector recorded that there had been significant "
        "improvements at the centre since the last inspection of it.\n"
    )
    a = parse_article(raw, "yarls-wood.txt", "txt")
    body = " ".join(a.text[s.start : s.end] for s in a.body)
    assert "produced by Peter Clarke, HM Chief Inspector of Prisons" in body
    assert "Published:" not in body
