"""Files -> ``Article``s: decoding, front matter, HTML main text, title, date,
URL, publisher, and page clutter, with character offsets kept.

``Article.text`` is the decoded file with line ends made ``\\n`` (for HTML, the
main text trafilatura extracts); every offset kg records points into it.

Files come from the web and are not trusted. What is done about the shapes
they come in, so that one bad file is reported and never stops a build:

- bytes: UTF-8 (a BOM, UTF-16 and UTF-32 by their BOM); a UTF-8 page with a
  few Windows-1252 bytes pasted in keeps its UTF-8 and reads those bytes as
  cp1252; otherwise the charset an HTML page declares, then cp1252 (what
  "Latin-1" pages really are) when the text reads as mostly ASCII letters,
  then charset_normalizer's guess. Lone surrogates (UTF-8-encoded, in YAML
  escapes, in file names) and noncharacters (U+FFFE, which raptor refuses)
  become U+FFFD, one character for one, so offsets hold and RDF can be written.
- files: only regular files are read (a FIFO or a device would block or never
  end), at most ``max_bytes`` of them even if the file grows while read; a
  symlink loop, a broken link, a folder that cannot be listed and two files
  with one article id are reported, not followed or merged; a symbolic link to
  a file outside the corpus folder is reported without the file being opened
  (unless ``follow_links``).
- text: ``<script>``, ``<style>``, ``<nav>`` and similar blocks and HTML
  comments in a text or Markdown file are set aside as clutter; a file with no
  sentence of words (CSV, JSON, minified code) is reported as not an article;
  a "paragraph" over ``MAX_PARAGRAPH`` characters is cut at sentence ends, as
  no news paragraph is that long and the extractors' cost grows faster than
  the length of a paragraph.
- metadata: titles, publishers and authors are one line of at most
  ``MAX_META`` characters without control characters; a URL is kept only if it
  is http(s), with spaces and ``<>"`` percent-encoded.
"""

from __future__ import annotations

import codecs
import errno
import functools
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from kg import dates, documents
from kg.errors import InputError
from kg.model import Article, IngestError, PartialDate, Span
from kg.patterns import org_heads
from kg.reference import lexicon, written_since

DEFAULT_MAX_BYTES = 5_000_000
# The longest article text kept; a longer one is cut at the last paragraph end
# before it and the article notes where ("cut at N characters of M"). No news
# article comes near it (the longest of the devset has 3,596 characters) and an
# inspection report of about 100 pages fits, but the extractors' cost grows faster
# than the text: 0.5 s for 100,000 characters, 1.7 s for 200,000, 5.4 s for 400,000
# here, and a whole 4.9 MB article took kg build 590 s and 20.7 GB (issue 16).
# Reading up to the cut is linear in the file.
MAX_TEXT = 300_000
# The longest paragraph of the devset has 2,926 characters; longer ones are cut.
MAX_PARAGRAPH = 5_000
# Longest title, publisher or author kept from metadata; a first line longer
# than this is not taken as a title either.
MAX_META = 500
MAX_URL = 2_000
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

# ---yaml front matter---  or  ```yaml ... ```  at the very top of the file
RE_FRONT_MATTER = re.compile(
    r"\A\ufeff?(?:---[ \t]*\n(?P<a>.*?)\n---[ \t]*\n|```ya?ml[ \t]*\n"
    r"(?P<b>.*?)\n```[ \t]*\n)",
    re.DOTALL,
)
# /2019/09/ or /2019/april/ in a URL
RE_URL_DATE = re.compile(r"/(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d|[a-z]{3,9})(?:/|$)", re.I)
# "Copyright © 2024 Police Professional", "© Newsquest Media Group 2019"
RE_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*)?(?P<name>[A-Z][\w&'’. -]+?)"
    r"(?:\s+(?:19|20)\d\d)?\s*\.?(?:\s+all rights reserved\.?)?$",
    re.IGNORECASE,
)
# "The BBC is not responsible for the content of external sites."
RE_NOT_RESPONSIBLE = re.compile(
    r"^The (?P<name>[A-Z][\w&'’ .-]+?) is not responsible for the "
    r"content of external (?:sites|websites)"
)
# "Statement from Dr Alan Billings", "By Jane Smith"
RE_BYLINE = re.compile(
    r"^(?:By|Statement from|Written by)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){1,3})"
)
_STOP = {"and", "of", "the", "for", "in", "on", "at", "&", "-", "–", "|"}
# a line that ends with its day in brackets: "Statement from the PCC on HMIC PEEL
# Assessment website (27 Nov 2014)"
RE_DATE_STAMP = re.compile(r"\(([^()]{6,40})\)\s*$")
# ... or with its day after the last of its fields: "HOME OFFICE News Release (HMIC-04/2008)
# issued by COI News Distribution Service. 28 November 2008"
RE_DATE_LAST = re.compile(r"[.|•·–—][ \t]+([^.|•·–—]{6,40}?)[ \t]*$")
# a year alone between the separators of a breadcrumb trail: "CJI › News and Events ›
# 2020 › July - September", "Home > Archived News > 2014"
RE_CRUMB_YEAR = re.compile(r"[›»>][ \t]*(?:\[)?((?:19|20)\d\d)(?:\]\([^)\s]*\))?[ \t]*(?:[›»>]|$)")
# a breadcrumb trail's first item, when it is the site's own name rather than a section:
# "[Independent Office for Police Conduct](https://...) › [Our work](...) › Learning"
RE_CRUMB_SITE = re.compile(
    r"^\[?(?P<name>[^\[\]()›»>|]{2,60}?)\]?(?:\([^)\s]*\))?[ \t]*(?:[›»]|[ \t]>[ \t])"
    r"[^›»>]+(?:[›»]|[ \t]>[ \t])"
)


@dataclass
class _Page:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0
    whole: int | None = None  # the length of the text before it was cut, if it was
    meta_date_last: bool = False  # a dateline in the text comes before meta["date"]
    unread: str | None = None  # where a document's reading stopped ("after page 95 of 333")


def decode(data: bytes, name: str) -> str:
    """Bytes -> text: UTF-8 (with or without BOM), else the detected legacy encoding.

    Line ends become ``\\n``, lone surrogates and noncharacters U+FFFD. Raises ``InputError``
    naming the file for an empty, binary or undecodable one.
    """
    if not data.strip():
        raise InputError(f"{name}: empty file")
    bom = next(((enc, mark) for mark, enc in _BOMS if data.startswith(mark)), None)
    if bom is None and b"\x00" in data[:4096]:
        raise InputError(f"{name}: binary file, not text")
    if bom is not None:
        enc, mark = bom
        text = data[len(mark) :].decode(enc, "replace")
    else:
        text = _decode_unmarked(data, name)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _writable(text)
    if not text.strip():
        raise InputError(f"{name}: empty file")
    if _looks_binary(text):
        raise InputError(f"{name}: binary file, not text")
    return text


# Longest marks first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# A well-formed UTF-8 sequence of two to four bytes (no surrogates, no overlongs).
RE_UTF8_MULTI = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# <meta charset="windows-1251">, <meta http-equiv=... content="text/html; charset=...">,
# <?xml version="1.0" encoding="ISO-8859-1"?>
RE_DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*(?P<a>[\w.:-]{1,40})"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["'](?P<b>[\w.:-]{1,40})""",
    re.IGNORECASE,
)
# Lone surrogates cannot be written as UTF-8 at all, and noncharacters (U+FFFE,
# U+FDD0...) are refused by raptor's parsers even escaped: neither is ever text.
RE_UNWRITABLE = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(p + 0xFFFE)}{chr(p + 0xFFFF)}" for p in range(0, 0x110000, 0x10000))
    + "]"
)
# Every unwritable character is at or above U+D800; one range is far quicker to scan
# for than the class above, whose planes' noncharacters are tried one by one.
RE_HIGH = re.compile("[\ud800-\U0010ffff]")
RE_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _decode_unmarked(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # UTF-8 apart from encoded lone surrogates (CESU-8, JavaScript strings)
        return data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        pass
    multi = RE_UTF8_MULTI.findall(data)
    stray = sum(1 for b in data if b >= 0x80) - sum(len(m) for m in multi)
    if multi and stray <= len(multi):
        # A UTF-8 page with a few Windows bytes pasted in ("Ã©t’s" pages): keep the
        # UTF-8 and read each stray byte as cp1252.
        text = data.decode("utf-8", "surrogateescape")
        return RE_ESCAPED_BYTE.sub(
            lambda m: bytes([ord(m.group()) - 0xDC00]).decode("cp1252", "replace"), text
        )
    declared = _declared_charset(data)
    if declared is not None:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text and _mostly_ascii_letters(text):
        # cp1252 is what pages labelled Latin-1 are (the WHATWG encoding standard
        # reads them so), and charset_normalizer takes short English ones for cp1250.
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name}: not text in any known encoding")
    return str(best)


def _declared_charset(data: bytes) -> str | None:
    """The codec an HTML or XML head declares, if Python knows it (UTF-7 is not honoured)."""
    m = RE_DECLARED_CHARSET.search(data[:4096])
    if m is None:
        return None
    label = (m.group("a") or m.group("b") or b"").decode("ascii", "replace").lower()
    if label in {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "us-ascii", "ascii"}:
        return "cp1252"
    try:
        codec = codecs.lookup(label).name
    except LookupError:
        return None
    return None if codec.startswith("utf") else codec


def _mostly_ascii_letters(text: str) -> bool:
    letters = [c for c in text[:100_000] if c.isalpha()]
    foreign = sum(1 for c in letters if c > "\x7f")
    return bool(letters) and foreign * 4 <= len(letters)


def _writable(text: str) -> str:
    """``text`` with each lone surrogate and noncharacter made U+FFFD: the same length
    (offsets hold), and writable as UTF-8 in any RDF syntax."""
    if RE_HIGH.search(text) is None:
        return text  # the common case: nothing at or above U+D800, so nothing to replace
    return RE_UNWRITABLE.sub("\ufffd", text)


# Control characters (Unicode category Cc, U+0000-U+001F and U+007F-U+009F, a set
# Unicode never changes) other than tab, line feed, vertical tab and form feed.
RE_BINARY_CONTROL = re.compile("[\x00-\x08\x0d-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = len(RE_BINARY_CONTROL.findall(sample))
    return bad > max(8, len(sample) // 50)


# Page parts that are never the article: menus, banners, side bars, forms, scripts.
# trafilatura leaves most of them out, but falls back to the whole <body> when it
# finds no main text, and then a menu's "Kent Police" became the article.
# A <form> holding paragraphs stays: ASP.NET pages wrap the whole page in one.
_CHROME = (
    "//nav|//menu|//aside|//footer|//script|//style|//noscript|//template|//iframe"
    "|//form[not(.//p)]|//header[not(ancestor::article or ancestor::main)]"
    "|//*[@role='navigation' or @role='banner' or @role='contentinfo'"
    " or @role='complementary' or @role='search']"
)


def _html_page(raw: str) -> _Page:
    """The article text of a saved page (trafilatura, on the page without its chrome and
    cut after ``MAX_TEXT`` characters of text) and what the page's own metadata states."""
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(RE_XML_DECLARATION.sub("", raw))
    except Exception:  # lxml raises several kinds on broken pages
        doc = None
    meta: dict[str, Any] = {}
    whole = None
    page = raw
    if doc is not None:
        try:
            meta = _page_meta(doc)
            for el in doc.xpath(_CHROME):
                if el.getparent() is not None:
                    el.drop_tree()
            _mark_block_quotations(doc)
            whole = _cap_text(doc, MAX_TEXT)
            page = str(lxml.html.tostring(doc, encoding="unicode"))
        except Exception:  # a tree lxml built but cannot walk or write: read the page whole
            page = raw
    body = _main_text(page)
    if not body and doc is not None and _unwrap_layout_tables(doc):
        # an older page laid out in a table ("<td class="content"><p>..."): its text
        # is the table's, which trafilatura leaves out as data
        body = _main_text(str(lxml.html.tostring(doc, encoding="unicode")))
    if doc is not None and body:
        body = "\n".join((*_lead(doc, body), body, *_captions(doc, body)))
    return _Page(body, meta, whole=whole)


# what opens a paragraph the page has already set off: a quotation mark, a dash
QUOTE_OR_DASH = frozenset("\"“‘'–—-")


def _mark_block_quotations(doc: Any) -> None:
    """Each paragraph of a <blockquote> opened with "> ", as Markdown writes a block
    quotation: the page sets the words off as quoted, and the text keeps it ("... has
    said: / > We welcome both the publication of this report ...")."""
    for quote in doc.iter("blockquote"):
        for para in quote.xpath(".//p") or [quote]:
            words = (para.text or "").lstrip()
            if words[:1] not in QUOTE_OR_DASH:
                # (not words the page marks itself, “...”, nor the line signing them)
                para.text = "> " + words


def _main_text(page: str) -> str:
    """trafilatura's main text of a page, "" when it finds none."""
    import trafilatura

    # trafilatura and the libraries under it raise on some broken pages
    # (htmldate asserts on "<svg onload=...><html>"): such a page has no text.
    try:
        return (
            trafilatura.extract(
                page,
                output_format="txt",
                include_comments=False,
                include_tables=False,
                favor_precision=True,
            )
            or ""
        )
    except Exception:
        return ""


def _unwrap_layout_tables(doc: Any) -> bool:
    """Turn the tables that hold paragraphs (a page's layout, not data) into plain
    blocks; whether there were any."""
    tables = doc.xpath("//table[.//p]")
    for table in tables:
        for el in (table, *table.xpath(".//thead|.//tbody|.//tfoot|.//tr|.//td|.//th")):
            el.tag = "div"
    return bool(tables)


MIN_CAPTION_WORDS = 4  # fewer is a credit ("Picture: PA") or a name, not a caption
# the credit that ends a caption: "... a board meeting. Picture: John Devlin"
RE_CREDIT = re.compile(
    r"[ \t]*(?:\b(?:Pictures?|Photo(?:graph)?s?|Images?|Credit)[ \t]*:|©).*$", re.IGNORECASE
)


def _captions(doc: Any, body: str) -> list[str]:
    """The captions of the article's own pictures (<figcaption>), without their credits,
    where the main text does not hold them: "Deputy chief constable Rose Fitzpatrick
    and chief constable Sir Stephen House at a recent board meeting"."""
    lines: list[str] = []
    for el in doc.iter("figcaption"):
        if _outside_article(el):
            continue
        text = RE_CREDIT.sub("", " ".join((el.text_content() or "").split()))
        if (
            _letter_words(text) >= MIN_CAPTION_WORDS
            and len(text) <= MAX_LEAD
            and text not in body
            and text not in lines
        ):
            lines.append(text)
    return lines


# The headline and the standfirst under it (the summary a page sets apart by its class)
# are the article's first words, and often the only place it says who said what
# ("Northumbria police and crime commissioner Vera Baird says she is 'delighted'");
# trafilatura leaves both out of the main text.
RE_STANDFIRST = re.compile(
    r"(?<![-\w])(?:standfirst|stand-first|lede|lead|intro|summary|dek|strapline|"
    r"sub-?title|sub-?head(?:ing|line)?|excerpt|article-description)(?![-\w])",
    re.IGNORECASE,
)
MAX_LEAD = 400  # characters: a standfirst is a sentence or two, never a story


def _lead(doc: Any, body: str) -> list[str]:
    """The page's headline (its first <h1> in the article) and standfirst, where the
    main text does not already hold them."""
    found: list[Any] = []
    for el in doc.iter("h1"):
        if not _outside_article(el):
            found.append(el)
            break
    for el in doc.xpath("//p[@class]|//h2[@class]|//div[@class]"):
        if len(found) > 2:
            break
        if (
            RE_STANDFIRST.search(el.get("class") or "")
            and not _outside_article(el)
            and not any(el in set(f.iterancestors()) for f in found)
        ):
            found.append(el)
    lines: list[str] = []
    for el in found:
        text = " ".join((el.text_content() or "").split())
        if len(text.split()) < 3 or len(text) > MAX_LEAD or text in body:
            continue
        if any(text in line or line in text for line in lines):
            continue
        lines.append(text)
    return lines


RE_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>")


def _cap_text(root: Any, limit: int) -> int | None:
    """Cut the tree after about its first ``limit`` characters of text (a tail counts
    where its element starts, so the cut comes early rather than late), in one pass.
    Return the text length of the whole tree if it was cut, else None.

    trafilatura's time grows faster than the page (4 s for 1 MB of text, 28 s for
    5 MB here), and no more than ``MAX_TEXT`` characters of it are kept anyway.
    """
    total = sum(len(el.text or "") + len(el.tail or "") for el in root.iter())
    if total <= limit:
        return None
    seen = 0
    for el in root.iter():
        text, tail = el.text or "", el.tail or ""
        seen += len(text) + len(tail)
        if seen > limit:
            keep = len(text) + len(tail) - (seen - limit)
            el.text = text[:keep] if text else el.text
            el.tail = tail[: max(0, keep - len(text))] if tail else el.tail
            for child in list(el):
                el.remove(child)
            node = el
            while (parent := node.getparent()) is not None:
                for later in list(node.itersiblings()):
                    parent.remove(later)
                if node is not el:
                    node.tail = None
                node = parent
            break
    return total


# --- what a saved page states about itself ----------------------------------------------
#
# In this order, the first that gives a date to the day: JSON-LD ``datePublished`` of
# the article (NewsArticle and its kinds, Article, BlogPosting, Report, ...), then of
# the page (WebPage); the published-time meta tags (article:published_time, og:...,
# <meta name="date">, pubdate, DC.date.issued, ...); a <time> marked as the
# publication (pubdate, itemprop=datePublished) or in the article's header or byline;
# then, in parse_article, a dateline at the top of the article text. Never a date
# from a related link, a comment, a footer or an "updated"/"modified" stamp, and
# never one the page does not state: htmldate (trafilatura's) took the first date in
# the body, a related story's, or guessed "2015-01-01" from a copyright year.

# JSON-LD types whose datePublished is the article's, most telling first.
_LD_ARTICLE_TYPES = frozenset(
    (
        "newsarticle",
        "analysisnewsarticle",
        "askpublicnewsarticle",
        "backgroundnewsarticle",
        "opinionnewsarticle",
        "reportagenewsarticle",
        "reviewnewsarticle",
        "satiricalarticle",
        "article",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "pressrelease",
    )
)
_LD_PAGE_TYPES = frozenset(("webpage", "itempage"))
# Meta tags (property=, name= or itemprop=, lower-cased) that state the publication date.
_META_DATES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "original-publish-date",
    "originalpublicationdate",
    "article_date_original",
    "article.published",
    "sailthru.date",
    "parsely-pub-date",
    "cxenseparse:recs:publishtime",
    "rnews:datepublished",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dc.date.created",
    "dcterms.created",
    "citation_publication_date",
    "citation_date",
)
_META_TITLES = ("og:title", "twitter:title", "title", "dc.title", "dcterms.title")
_META_SITES = ("publisher", "dc.publisher", "application-name")
_META_AUTHORS = ("author", "article:author", "dc.creator", "parsely-author", "sailthru.author")
# Where a date is never the article's: related stories, comments, footers, side bars,
# and "updated" or "modified" stamps (class or id words, as sites write them).
RE_NOT_ARTICLE_DATE = re.compile(
    r"(?:^|[\s_-])(?:related|comments?|footer|sidebar|widget|recommend\w*|more|popular|trending"
    r"|teaser|promo\w*|newsletter|most-?read|read-?next|up-?next|also|outbrain|taboola"
    r"|updated?|modified|edited|revised|last-?mod\w*)(?:$|[\s_-])",
    re.IGNORECASE,
)
# Where a <time> is the article's own: its header or byline.
RE_BYLINE_BOX = re.compile(
    r"byline|dateline|date|time|publish|posted|article-?(?:meta|info|header)"
    r"|(?:post|entry|story|content)-?(?:meta|info|header)",
    re.IGNORECASE,
)
# "Updated 3 May", "Last modified:" just before a date
RE_UPDATED_BEFORE = re.compile(r"(?:updated|modified|edited|revised)\W{0,3}$", re.IGNORECASE)
# 2019-05-02, 2019-05-02T10:00:00+01:00, 2019/05/02, 20190502
RE_ISO_VALUE = re.compile(r"\A\s*(?P<y>(?:19|20)\d\d)([-/]?)(?P<m>[01]\d)\2(?P<d>[0-3]\d)(?!\d)")


def _page_meta(doc: Any) -> dict[str, Any]:
    """What the page's metadata states: title, date (ISO, to the day), url, sitename,
    author, and og.title; a key is missing when the page does not state it."""
    metas: dict[str, str] = {}
    for el in doc.iter("meta"):
        content = el.get("content")
        if content is None or not content.strip() or _outside_article(el):
            continue
        for attr in ("property", "name", "itemprop"):
            key = (el.get(attr) or "").strip().lower()
            if key:
                metas.setdefault(key, content.strip())
    objects = _json_ld(doc)
    article = next((o for o in objects if _ld_types(o) & _LD_ARTICLE_TYPES), None)
    web_page = next((o for o in objects if _ld_types(o) & _LD_PAGE_TYPES), None)
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str)}

    meta: dict[str, Any] = {}
    date = None
    for obj in (article, web_page):
        if obj is not None and date is None:
            date = _iso_day(obj.get("datePublished"))
    for key in _META_DATES:
        if date is None:
            date = _iso_day(metas.get(key))
    if date is None:
        date = _time_date(doc) or _dateline_date(doc)
    if date is not None:
        meta["date"] = date

    ld_title = _ld_text(article, "headline", "name") or _ld_text(web_page, "headline", "name")
    og_title = metas.get("og:title")
    titles = [ld_title, *(metas.get(k) for k in _META_TITLES), _first_text(doc, "title")]
    title = next((t for t in titles if t and t.strip()), None) or _first_text(doc, "h1")
    site = (
        metas.get("og:site_name")
        or _ld_name((article or web_page or {}).get("publisher"), by_id)
        or next((metas[k] for k in _META_SITES if metas.get(k)), None)
    )
    if title is not None and site is None and title == _first_text(doc, "title"):
        # <title>Headline - Site</title> with the headline again as the page's <h1>
        title, site = _title_publisher(title, _first_text(doc, "h1"))
    if title is not None:
        meta["title"] = _strip_site(title, site)
    if og_title:
        meta["og"] = {"title": _strip_site(og_title, site)}
    if site is not None:
        meta["sitename"] = site
    author = (
        _ld_name((article or {}).get("author"), by_id)
        or next(
            (v for k in _META_AUTHORS if (v := metas.get(k)) and not RE_URL_LIKE.match(v)), None
        )
        or _byline(doc)
    )
    if author is not None:
        meta["author"] = author
    url = next(
        (
            u
            for u in (
                _first_attr(doc, "//link[@rel='canonical']/@href"),
                metas.get("og:url"),
                _ld_text(article, "url"),
            )
            if u
        ),
        None,
    )
    if url is not None:
        meta["url"] = url
    return meta


RE_URL_LIKE = re.compile(r"(?i)\s*(?:https?:)?//")


def _json_ld(doc: Any) -> list[dict[str, Any]]:
    """The JSON-LD objects of the page in document order, ``@graph`` members and lists
    flattened; scripts that do not parse are passed over."""
    import json

    out: list[dict[str, Any]] = []
    for script in doc.iter("script"):
        kind = (script.get("type") or "").split(";")[0].strip().lower()
        if kind != "application/ld+json" or not script.text:
            continue
        text = re.sub(r"\A\s*(?://\s*)?<!\[CDATA\[|\]\]>\s*\Z|\A\s*<!--|-->\s*\Z", "", script.text)
        try:
            data = json.loads(text)
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack and len(out) < 1000:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                if "@type" in item:
                    out.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack[:0] = graph
    return out


def _ld_types(obj: dict[str, Any]) -> set[str]:
    kinds = obj.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return {k.rsplit("/", 1)[-1].lower() for k in kinds if isinstance(k, str)}


def _ld_text(obj: dict[str, Any] | None, *keys: str) -> str | None:
    for key in keys:
        value = (obj or {}).get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _ld_name(value: Any, by_id: dict[str, dict[str, Any]]) -> str | None:
    """The name of a JSON-LD publisher or author: a string, an object (or a reference
    to one elsewhere in the page's graph) with a name, or a list of them."""
    if isinstance(value, list):
        names = [n for v in value[:10] if (n := _ld_name(v, by_id))]
        return ", ".join(dict.fromkeys(names)) or None
    if isinstance(value, dict):
        name = value.get("name")
        if not isinstance(name, str) and isinstance(value.get("@id"), str):
            name = by_id.get(value["@id"], {}).get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    if isinstance(value, str) and value.strip() and not RE_URL_LIKE.match(value):
        return value.strip()
    return None


def _iso_day(value: Any) -> str | None:
    """A metadata date as YYYY-MM-DD, if it is one to the day."""
    if not isinstance(value, str):
        return None
    m = RE_ISO_VALUE.match(value)
    if m:
        day = dates.absolute_dates(f"{m['y']}-{m['m']}-{m['d']}")
    else:
        day = dates.absolute_dates(value[:100])
    if day and day[0].date.day:
        return day[0].date.iso()
    return None


def _outside_article(el: Any) -> bool:
    """Whether ``el`` sits in a part of the page that is not the article: a footer,
    side bar, menu, related stories, comments, or an "updated" stamp. The classes of
    <body> and <html> say what the page has ("has-sidebar"), not where ``el`` is."""
    node = el
    while node is not None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in ("body", "html", "head"):
            return False
        if tag in ("footer", "aside", "nav"):
            return True
        words = f"{node.get('class') or ''} {node.get('id') or ''}"
        if words.strip() and RE_NOT_ARTICLE_DATE.search(words):
            return True
        node = node.getparent()
    return False


def _time_date(doc: Any) -> str | None:
    """The date of the first <time> that marks the article's publication, or sits in the
    article's header or byline (before its text starts), and is no "updated" stamp."""
    articles = doc.xpath("//article|//main|//*[@role='main']|//*[@itemprop='articleBody']")
    for n, el in enumerate(doc.iter("time")):
        if n >= 50:  # the article's own date is near its top; a page of dates is no help
            break
        if _outside_article(el) or RE_UPDATED_BEFORE.search(_text_before(el)):
            continue
        marked = el.get("pubdate") is not None or (el.get("itemprop") or "") == "datePublished"
        if not (marked or _in_header(el, articles)):
            continue
        found = _iso_day(el.get("datetime")) or _iso_day(el.text_content())
        if found:
            return str(found)
    return None


# an element whose class marks it as the article's date: "date", "published", "dateline"
RE_DATE_CLASS = re.compile(
    r"(?<![a-z])(?:date|dateline|published|pubdate|posted|(?P<byline>byline))(?![a-z])", re.I
)


def _dateline_date(doc: Any) -> str | None:
    """The date a page shows in its article's header or byline without a <time> (``<span
    class="date">28 June 2017</span>``), as ``_time_date`` takes it."""
    # (also a block the page's classes call the article: <div class="article">)
    articles = doc.xpath(
        "//article|//main|//*[@role='main']|//*[@itemprop='articleBody']"
        "|//*[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"
    )
    for n, el in enumerate(doc.xpath("//*[@class]")):
        if n >= 400:
            break
        marked = RE_DATE_CLASS.search(el.get("class") or "")
        if not marked or el.tag in ("time", "meta"):
            continue
        text = " ".join((el.text_content() or "").split())
        if not text or len(text) > (80 if marked.group("byline") else 60) or _outside_article(el):
            continue
        if RE_UPDATED_BEFORE.search(_text_before(el)) or not _in_header(el, articles):
            continue
        if marked.group("byline"):
            # "By Jane Smith | Tuesday 12 March 2019, 10:00am": the byline's own date
            line = dates.dateline(text)
            found = line.date.iso() if line is not None and line.date.day else None
        else:
            found = _iso_day(text)
        if found:
            return found
    return None


def _in_header(el: Any, articles: list[Any]) -> bool:
    node = el.getparent()
    depth = 0
    while node is not None and depth < 6:
        if node.tag == "header":
            return True
        words = f"{node.get('class') or ''} {node.get('id') or ''}"
        if RE_BYLINE_BOX.search(words):
            return True
        if node in articles:
            # straight in the article: only above its first paragraph of text
            return not any(
                (p.text_content() or "").strip() for p in _before(node, el) if p.tag == "p"
            )
        node = node.getparent()
        depth += 1
    return False


def _before(container: Any, el: Any) -> Iterator[Any]:
    for node in container.iter():
        if node is el:
            return
        yield node


def _text_before(el: Any) -> str:
    """The few characters of text just before ``el`` in its parent."""
    prev = el.getprevious()
    text = (prev.tail if prev is not None else el.getparent().text) or ""
    if not text.strip() and prev is not None:
        text = prev.text_content() or ""
    return text[-40:]


# class or id words of the element holding the author's name
RE_AUTHOR_BOX = re.compile(r"(?:^|[\s_-])(?:author|byline|by-?line|writer)(?:$|[\s_-])", re.I)
# "Ben Adams", "PA Media", "By Jane O'Neill": a name, not "Published" or a date
RE_AUTHOR_NAME = re.compile(r"(?:By\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})")
_NOT_AUTHORS = {"published", "updated", "posted", "share", "by", "and", "staff"}


def _byline(doc: Any) -> str | None:
    """The name in the article's byline (``class="byline"``, ``rel="author"``,
    ``itemprop="author"``), leaving out any "updated" stamp inside it."""
    found = doc.xpath(
        "//*[@rel='author' or @itemprop='author' or contains(@class, 'author')"
        " or contains(@class, 'byline') or contains(@id, 'byline')]"
    )
    for el in found[:20]:
        words = f"{el.get('class') or ''} {el.get('id') or ''}"
        if not (el.get("rel") or el.get("itemprop") or RE_AUTHOR_BOX.search(words)):
            continue
        if _outside_article(el) or len(el.text_content() or "") > 200:
            continue
        text = " ".join(_text_without_stamps(el).split())
        m = RE_AUTHOR_NAME.fullmatch(text)
        if m and m["name"].lower() not in _NOT_AUTHORS and len(m["name"]) <= 60:
            return m["name"]
    return None


def _text_without_stamps(el: Any) -> str:
    """The text of ``el`` without its parts marked as stamps ("updated", "modified")."""

    def stamped(node: Any) -> bool:
        while node is not None and node is not el:
            words = f"{node.get('class') or ''} {node.get('id') or ''}"
            if words.strip() and RE_NOT_ARTICLE_DATE.search(words):
                return True
            node = node.getparent()
        return False

    parts = []
    for node in el.iter():
        if not stamped(node):
            parts.append(node.text or "")
        if node is not el and not stamped(node.getparent()):
            parts.append(node.tail or "")
    return " ".join(parts)


def _first_text(doc: Any, tag: str) -> str | None:
    for el in doc.iter(tag):
        text = " ".join((el.text_content() or "").split())
        if text:
            return text
    return None


def _first_attr(doc: Any, xpath: str) -> str | None:
    found = doc.xpath(xpath)
    return str(found[0]).strip() if found and str(found[0]).strip() else None


def _strip_site(title: str, site: str | None) -> str:
    """ "Humberside Police rated 'inadequate' - BBC News" without the site's name."""
    title = " ".join(title.split())
    if site:
        for sep in (" - ", " | ", " – ", " — ", " :: "):
            if title.endswith(sep + site) and len(title) > len(sep + site):
                return title[: -len(sep + site)].strip()
            if title.startswith(site + sep) and len(title) > len(site + sep):
                return title[len(site + sep) :].strip()
    return title


def _front_matter(text: str) -> _Page:
    m = RE_FRONT_MATTER.match(text)
    if not m:
        return _Page(text)
    try:
        meta = yaml.safe_load(m.group("a") or m.group("b") or "")
    except (yaml.YAMLError, ValueError, RecursionError, OverflowError):
        # a malformed block ("date: 2019-02-30", nesting too deep) is kept out
        # of the body but read no further
        meta = None
    return _Page(text, meta if isinstance(meta, dict) else {}, m.end())


def _meta_str(meta: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        node: Any = meta
        for part in key.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if isinstance(node, (str, int, float)) and str(node).strip():
            return str(node).strip()
        if hasattr(node, "isoformat"):
            return str(node.isoformat())
    return None


def _meta_line(meta: dict[str, Any], *keys: str) -> str | None:
    """A metadata value as one clean line, or None if it is missing or too long to be one."""
    value = _meta_str(meta, *keys)
    if value is None:
        return None
    value = " ".join(RE_CONTROL.sub(" ", _writable(value)).split())
    return value if 0 < len(value) <= MAX_META else None


# a metadata value that is an address, not an outlet's name ("source: https://...")
RE_URL_LIKE = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
# Control characters, and line and paragraph separators, which have no place in a title.
RE_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a URL may not hold as it is: https://x.org/a b<c> -> https://x.org/a%20b%3Cc%3E
RE_URL_UNSAFE = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f]')


def _meta_url(meta: dict[str, Any]) -> str | None:
    """The page's http(s) URL with unsafe characters percent-encoded; None for any other scheme."""
    value = _meta_str(meta, "url", "canonical", "og.url", "link")
    if value is None:
        return None
    value = _writable(value).strip()
    if len(value) > MAX_URL or not re.match(r"(?i)https?://[^/\s]", value):
        return None
    return RE_URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), value)


# Blocks of markup whose content is never article text, when a text or Markdown file
# holds them: <script>...</script>, <style>, <nav> menus, <!-- comments -->, each
# opening a line as in a page's source. A tag inside a sentence is the article's text
# (`he said "<script>" was found`) and stays.
RE_MARKUP_OPEN = re.compile(
    r"^[ \t]*(?:<(?P<tag>script|style|noscript|template|iframe|object|svg|math|head|nav"
    r"|header|footer|aside|form|menu|select|button)\b[^>\n]{0,2000}>|<!--)",
    re.IGNORECASE | re.MULTILINE,
)


def _markup_blocks(text: str, start: int) -> list[Span]:
    """Spans of markup blocks in ``text`` from ``start``, in order, without overlaps.

    An unclosed block runs to the end of its line. Linear in the text: a closing
    tag not found once is not looked for again.
    """
    blocks: list[Span] = []
    unclosed: set[str] = set()
    pos = start
    while (m := RE_MARKUP_OPEN.search(text, pos)) is not None:
        tag = (m.group("tag") or "!--").lower()
        end = -1
        if tag not in unclosed:
            if tag == "!--":
                close = text.find("-->", m.end())
                end = close + 3 if close >= 0 else -1
            else:
                cm = re.compile(rf"</{tag}\s*>", re.IGNORECASE).search(text, m.end())
                end = cm.end() if cm else -1
            if end < 0:
                unclosed.add(tag)
        if end < 0:
            line_end = text.find("\n", m.end())
            end = len(text) if line_end < 0 else line_end
        blocks.append(Span(m.start(), end))
        pos = max(end, m.end())
    return blocks


# "Updated: 3 May 2019", "Last modified 12/03/2019": a stamp, never the article's date.
RE_UPDATED_LINE = re.compile(
    r"^\W*(?:last\s+)?(?:updated|modified|edited|revised)\b", re.IGNORECASE
)


# A sentence end, with the closing quote or bracket after it, and the space after that.
RE_PARAGRAPH_CUT = re.compile(r"[.!?][\"”’')\]]*\s+")


def _split_long(text: str, span: Span) -> list[Span]:
    """A paragraph over ``MAX_PARAGRAPH`` characters as pieces, cut at sentence ends where
    there are any in the second half of each piece, else at a space, else anywhere."""
    out: list[Span] = []
    s = span.start
    while span.end - s > MAX_PARAGRAPH:
        window = text[s : s + MAX_PARAGRAPH]
        cut = 0
        for m in RE_PARAGRAPH_CUT.finditer(window, MAX_PARAGRAPH // 2):
            cut = m.end()
        if not cut:
            space = max(window.rfind(" "), window.rfind("\t"))
            cut = space + 1 if space >= MAX_PARAGRAPH // 2 else MAX_PARAGRAPH
        piece_end = s + cut
        while piece_end > s and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > s:
            out.append(Span(s, piece_end))
        s += cut
        while s < span.end and text[s].isspace():
            s += 1
    if span.end > s:
        out.append(Span(s, span.end))
    return out


def _cut_point(text: str, limit: int) -> int:
    """Where to cut ``text`` to at most ``limit`` characters: after the last paragraph
    (line) end in the second half of the window, else after its last sentence end,
    else at its last space, else at the limit."""
    half = limit // 2
    line_end = text.rfind("\n", half, limit)
    if line_end >= 0:
        return line_end
    cut = 0
    for m in RE_PARAGRAPH_CUT.finditer(text, half, limit):
        cut = m.start() + len(m.group().rstrip())
    if cut:
        return cut
    space = text.rfind(" ", half, limit)
    return space if space >= 0 else limit


# Four words in a row: what any article has and CSV, JSON or minified code has not.
RE_PROSE = re.compile(r"(?<![^\W_])(?:[^\W\d_][^\W_]*+[,;:]?\s++){3}[^\W\d_]")


def _is_prose_paragraph(line: str) -> bool:
    """Whether a line is a paragraph of a story's prose, not a heading or a link."""
    return len(line) > 80 and len(line.split()) > 15


RE_NEXT_LINE = re.compile(r"\n[ \t]*(\S[^\n]*)")


def _next_line(text: str, pos: int) -> str:
    """The next line after ``pos`` with something on it, stripped."""
    m = RE_NEXT_LINE.search(text, pos)
    return m.group(1).strip() if m is not None else ""


def _has_prose(article: Article) -> bool:
    return any(RE_PROSE.search(article.text, s.start, s.end) for s in article.body)


# a Markdown top-level heading: "# Headline"
RE_MARKDOWN_H1 = re.compile(r"#[ \t]+\S")
# a Markdown block quotation's marker, nested or not: "> ", ">> "
RE_BLOCKQUOTE = re.compile(r"(?:>[ \t]?)+")


def _lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    pos = start
    for line in text[start:].split("\n"):
        yield pos, line
        pos += len(line) + 1


@functools.cache
def _clutter_words() -> tuple[tuple[tuple[str, int], ...], tuple[str, ...], tuple[str, ...]]:
    """The lexicon's clutter prefixes (lowercased, with their length as written), its
    substrings and its section headings, lowercased once."""
    lex = lexicon()
    return (
        tuple((p.lower(), len(p)) for p in lex.clutter_prefixes),
        tuple(sub.lower() for sub in lex.clutter_substrings),
        tuple(sec.lower() for sec in lex.clutter_sections),
    )


@functools.cache
def _clutter_starts() -> tuple[str, ...]:
    return tuple(p for p, _ in _clutter_words()[0])


@functools.cache
def _bar_words() -> frozenset[str]:
    return frozenset(w for phrase in lexicon().clutter_bar_words for w in phrase.split())


RE_LETTERS = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")


def _is_share_bar(low: str) -> bool:
    """ "facebook  twitter  email", "comments (4)": only share-bar words and numbers."""
    words = RE_LETTERS.findall(low)
    return bool(words) and len(low) <= 80 and all(w in _bar_words() for w in words)


STAMP_WORDS = ("published", "updated", "posted")
# a sentence leading in to a quotation: words, a comma, more words, a colon at the end
RE_LEAD_IN = re.compile(r",[ \t]+\w+(?:[ \t]+\S+)*:$")
PUBLISHED_WORDS = ("published", "posted")  # an update's date is not the publication's
MAX_STAMP_WORDS = 12


def _is_clutter(line: str) -> bool:
    prefixes, substrings, _ = _clutter_words()
    s = line.strip().lstrip("•*·-– ").strip()
    low = s.lower()
    if _is_share_bar(low):
        return True
    # one startswith over all prefixes first: most lines start with none
    if low.startswith(_clutter_starts()) and any(
        low.startswith(p) and (len(low) == n or not low[n].isalnum() or not p[-1].isalnum())
        for p, n in prefixes
    ):
        # a stamp is short: "Published on Thursday April 13, the report said the force
        # needs to get better ..." is the article's own sentence; unless it ends with its
        # date: "Published by the Pirate FM News Team at 7:25am 22nd March 2018. (Updated
        # at 6:25am 23rd March 2018)"
        # nor is a lead-in to a quotation: "Published earlier today, a HMICFRS
        # inspection report says:"
        return not (
            low.startswith(STAMP_WORDS)
            and (len(low.split()) > MAX_STAMP_WORDS or RE_LEAD_IN.search(s) is not None)
            and not _ends_with_date(s)
        )
    for sub in substrings:  # noqa: SIM110  (a plain loop is quicker than any() here)
        if sub in low:
            return True
    return False


# a bracketed aside ending a line, and the stops around it: ". (Updated at 6:25am ...)"
RE_TRAILING_ASIDE = re.compile(r"[\s.]*(?:\([^()]*\))?[\s.]*$")


def _ends_with_date(line: str) -> bool:
    """Whether a line ends with a date to the day, past a bracketed aside."""
    head = line[: RE_TRAILING_ASIDE.search(line).start()]  # type: ignore[union-attr]
    found = dates.absolute_dates(head[-40:])
    return (
        bool(found)
        and found[-1].date.day is not None
        and head.endswith(head[-40:][found[-1].span.start : found[-1].span.end])
    )


def _stamp_date(line: str) -> PartialDate | None:
    """The first date to the day of a publication stamp ("Published by ... 22nd March
    2018"), not of the update after it."""
    if not line.lstrip("•*·-– ").lower().startswith(PUBLISHED_WORDS):
        return None
    found = dates.absolute_dates(line[:200])
    return found[0].date if found and found[0].date.day is not None else None


def _is_section(line: str) -> bool:
    s = line.strip().rstrip(":").lower()
    return s in _clutter_words()[2]


def _honorifics() -> str:
    """The lexicon's honorifics as a regex alternation ("Dr|Mr|..."), longest first."""
    hons = sorted(lexicon().honorifics, key=len, reverse=True)
    return "|".join(re.escape(h) for h in hons)


# a picture's caption in a copied page: "[Picture: Kent PCC Matthew Scott]", "[Image: PA]",
# "Image caption: Staff morale was "through the floor", said Ian Lawrence"
RE_CAPTION = re.compile(
    r"(?:\[(?:Image|Picture|Photo|Photograph)(?:[ \t]+caption)?|Image[ \t]+caption)[ \t]*:[ \t]*"
    r"(?P<text>[^\]]*?)[ \t]*\]?$",
    re.IGNORECASE,
)
# a line that is a short phrase in square brackets: where a copied page had a picture
RE_PLACEHOLDER = re.compile(r"\[(?![^\]]*:)[^\]\n]{1,40}\]")
# a headline has three words of letters at least ("Mark Burns-Williamson" has two); a
# menu ("Listen Live | News | Travel") or a breadcrumb ("News > Crime") is none
RE_TITLE_WORD = re.compile(r"[^\W\d_]{2,}")
RE_MENU_LINE = re.compile(r"\||\s[>›»/]\s")


def _letter_words(text: str) -> int:
    """How many words of ``text`` hold two letters or more ("Mark Burns-Williamson": 2)."""
    return sum(1 for w in text.split() if RE_TITLE_WORD.search(w))


# the most words a site's name signing off its page has ("Office of the Police and Crime
# Commissioner for West Mercia")
MAX_SIGN_OFF = 12


def _title_case(line: str) -> bool:
    words = re.findall(r"[\w'’&]+", line)
    return bool(words) and all(
        w[0].isupper() or w.lower() in _STOP or w[0].isdigit() for w in words
    )


def _url_date(url: str | None) -> PartialDate | None:
    if not url:
        return None
    m = RE_URL_DATE.search(unquote(url))
    if not m:
        return None
    month_text = m.group("month").lower()
    month = int(month_text) if month_text.isdigit() else dates.MONTHS.get(month_text)
    try:
        return PartialDate(int(m.group("year")), month) if month else PartialDate(int(m["year"]))
    except ValueError:
        return None


def _title_publisher(title: str, og_title: str | None) -> tuple[str, str | None]:
    """ "Thames Valley PCC - Inspectorate grades ..." -> (headline, "Thames Valley PCC")."""
    for sep in (" - ", " | ", " – ", " — "):
        if sep in title:
            head, _, tail = title.partition(sep)
            if og_title and tail.strip() == og_title.strip():
                return tail.strip(), head.strip()
            if og_title and head.strip() == og_title.strip():
                return head.strip(), tail.strip()
    return title, None


# "today", "this morning", "today (", "today, "
RE_TODAY = re.compile(r"\b(?:today|this morning)\b[,\s(]*(?:\(\s*)?", re.IGNORECASE)


def _today_dated(
    text: str, hint: PartialDate | None = None, page: str | None = None
) -> PartialDate | None:
    """ "has today, Monday 27 June 2016, published": the article's own day, stated; and
    "today (Tuesday 12 March)" on a page whose address gives the year and month
    (".../news/2024/march/..."), when the weekday fits that year."""
    for m in RE_TODAY.finditer(text):
        rest = text[m.end() : m.end() + 40]
        for drx in (dates.RE_DMY, dates.RE_MDY):
            d = drx.match(rest)
            if d:
                found = dates.absolute_dates(d.group())
                if found and found[0].date.day:
                    return found[0].date
        on = dates.RE_WDM.match(rest) or dates.RE_WMD.match(rest)
        if on is None:
            continue
        if hint is not None and hint.month is not None:
            day = dates.weekday_date(on, hint.year)
            if day is not None and day.month == hint.month:
                return day
        elif hint is None and (latest := _latest_year(page or text)) is not None:
            # "today (Tuesday 20th October)" on a page that speaks of 2015 and no later
            # year: that year, if its 20 October is a Tuesday
            day = dates.weekday_date(on, latest)
            if day is not None:
                return day
            since = written_since(page or text)
            # or the one year between the earliest it speaks of and that one where the
            # day is that weekday: "today (Thursday 18 July)" on savings "from March 2011
            # to March 2015" is of 2013 (a Monday in 2011, a Wednesday in 2012, a
            # Friday in 2014)
            earliest = max(min(dates.spoken_years(page or text)), since or 0)
            fits = [f for y in range(earliest, latest) if (f := dates.weekday_date(on, y))]
            if len(fits) == 1:
                return fits[0]
            # or soon after, when the names the page uses place it no earlier than that
            # year: "today, Thursday 22 February" from "His Majesty's Inspectorate"
            # (from 2022) on inspection visits "between May and October 2022" is of
            # 2024, the 22nd being a Tuesday in 2022 and a Wednesday in 2023
            if since is not None and since >= latest:
                for year in range(since, since + dates.YEARS_AFTER_LATEST + 1):
                    day = dates.weekday_date(on, year)
                    if day is not None:
                        return day
    return None


def _latest_year(text: str) -> int | None:
    years = dates.spoken_years(text)
    return max(years) if years else None


def _yearless_dated(text: str) -> PartialDate | None:
    """The date of a line that is only a weekday, a day and a month ("Issued: Thursday
    22nd March"), its year fixed by the weekday in the years the text's names allow
    (``dates.yearless_dateline``)."""
    if not any(w in text for w in dates.WEEKDAY_TITLES):
        return None
    since = written_since(text)
    if since is None:
        return None
    for line in text.splitlines():
        if len(line) < 60 and any(w in line for w in dates.WEEKDAY_TITLES):
            found = dates.yearless_dateline(line.strip(), since)
            if found is not None:
                return found
    return None


# two apostrophes typed for a double quotation mark: "described it as ''unacceptable''"
RE_DOUBLED_MARK = re.compile(r"(?<![\w'])''(?=[\w‘“(])|(?<=[\w.,;:!?)])''(?![\w'])")


def _doubled_marks(text: str, body_start: int) -> tuple[str, int]:
    """The text with each pair of apostrophes that stands for a double quotation mark
    made one, and where its body starts then."""
    if "''" not in text:
        return text, body_start
    before = len(RE_DOUBLED_MARK.findall(text, 0, body_start))
    return RE_DOUBLED_MARK.sub('"', text), body_start - before


def parse_article(raw: str, file_name: str, fmt: str, sha256: str = "") -> Article:
    """Read one decoded file into an ``Article``. Never raises on any text."""
    raw = _writable(raw)
    page = _html_page(raw) if fmt == "html" else _front_matter(raw)
    return _article(page, file_name, fmt, sha256)


def _document_article(doc: documents.Document, file_name: str, sha256: str) -> Article:
    """A PDF's or Word file's text as an ``Article``: its paragraphs, one a line with a
    blank line between, are the article text. A dateline at the top of the text comes
    before the date in the file's metadata, which is when the file was made: a press
    release saved over last year's keeps last year's."""
    meta: dict[str, Any] = {}
    for key, value in (("title", doc.title), ("author", doc.author), ("url", doc.url)):
        if value:
            meta[key] = value
    if doc.created is not None and doc.created.day:
        meta["date"] = doc.created.iso()
    page = _Page("\n\n".join(doc.paragraphs), meta, meta_date_last=True, unread=doc.unread)
    return _article(page, file_name, doc.kind, sha256, doc.notes)


def _article(
    page: _Page, file_name: str, fmt: str, sha256: str, notes: tuple[str, ...] = ()
) -> Article:
    file_name = _writable(file_name)
    text, body_start = _doubled_marks(_writable(page.text), page.body_start)
    whole = page.whole or len(text)
    if len(text) > MAX_TEXT:
        text = text[: _cut_point(text, MAX_TEXT)]
    if page.unread:  # "cut at 299,870 characters, after page 95 of 333"
        notes = (f"cut at {len(text):,} characters, {page.unread}", *notes)
    elif whole > len(text):
        notes = (f"cut at {len(text):,} characters of {whole:,}", *notes)
    meta = page.meta
    url = _meta_url(meta)
    title = _meta_line(meta, "title", "og.title", "headline")
    og_title = _meta_line(meta, "og.title")
    # the first that names the outlet, not its address ("source: https://...")
    publisher = next(
        (
            v
            for k in ("publisher", "sitename", "site_name", "site", "og.site_name", "source")
            if (v := _meta_line(meta, k)) is not None and not RE_URL_LIKE.match(v)
        ),
        None,
    )
    author = _meta_line(meta, "author", "byline")
    published: PartialDate | None = None
    updated: PartialDate | None = None  # "Last updated 3rd Oct 2024": the date when no other
    for key in ("date", "published", "datePublished", "pubdate", "article.published_time"):
        value = _meta_line(meta, key)
        if value:
            # (an ISO date and time too: "2019-03-12T10:00:00Z", as YAML writes one back)
            found = dates.absolute_dates(_iso_day(value) or value)
            if found and found[0].date.day:
                published = found[0].date
                break
    meta_date = None
    if page.meta_date_last:
        meta_date, published = published, None
    if title and publisher is None:
        title, publisher = _title_publisher(title, og_title)

    body: list[Span] = []
    clutter: list[Span] = []
    in_section = False
    after_marker = False
    after_stamp = False  # the marker is a stamp's label: "Published:"
    first_lines: list[tuple[int, str]] = []
    head_lines: list[str] = []  # where a copied page's headline is
    blocks = _markup_blocks(text, body_start) if fmt in ("text", "markdown") else []
    next_block = 0
    # The top of the article, where its own dateline is: what comes before its
    # tenth line or its third paragraph of prose. A date further down is some
    # event's, a related story's or the footer's.
    top_lines = top_prose = 0
    crumb_year: PartialDate | None = None
    begun = False  # a line of four words has been read: the article has started
    for pos, line in _lines(text, body_start):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        span = Span(pos + lead, pos + len(line.rstrip()))
        if fmt == "markdown" and (quoted := RE_BLOCKQUOTE.match(text, span.start, span.end)):
            # "> “The first investigation ...”": a quoted block's text, past its marker
            if quoted.end() == span.end:
                continue
            span = Span(quoted.end(), span.end)
            stripped = text[span.start : span.end]
        while next_block < len(blocks) and blocks[next_block].end <= span.start:
            next_block += 1
        if next_block < len(blocks) and blocks[next_block].start < span.end:
            clutter.append(span)  # a line of a <script>, <style> or <nav> block
            continue
        if in_section or _is_section(stripped):
            # "Related stories" after the article: the rest is clutter. Before its first
            # line of four words, "Jobs" or "Events" is a menu's item (a printed page);
            # before its first paragraph of prose and right above one, "Related Stories"
            # is a side bar's heading copied between the headline and the story (a BBC page)
            in_section = in_section or (
                begun and (top_prose > 0 or not _is_prose_paragraph(_next_line(text, span.end)))
            )
            clutter.append(span)
            continue
        top_lines += 1
        at_top = top_lines <= 10 and top_prose < 3
        if RE_PLACEHOLDER.fullmatch(stripped):
            clutter.append(span)  # "[PFCC Alt Banner]": a picture's stand-in, copied
            continue
        caption = RE_CAPTION.match(stripped)
        if caption is not None:
            # "[Picture: PCC Matthew Scott together with chief constable Alan Pughsley]":
            # the caption of the article's own picture is its text; a credit is not
            words = caption.group("text")
            if _letter_words(words) >= MIN_CAPTION_WORDS:
                start = span.start + caption.start("text")
                body.append(Span(start, start + len(words)))
            else:
                clutter.append(span)
            continue
        if (after_marker and not (after_stamp and _is_prose_paragraph(stripped))) or _is_clutter(
            stripped
        ):
            # "Image caption," alone on its line: the caption follows on the next one
            # (not the body after a stamp left empty: "Published:" and then the first
            # paragraph)
            after_marker = _is_clutter(stripped) and stripped.endswith((",", ":"))
            after_stamp = after_marker and stripped.lower().startswith(PUBLISHED_WORDS)
            clutter.append(span)
            if at_top and published is None and not RE_UPDATED_LINE.match(stripped):
                # "Published: Feb 18, 2016", "*Published 2 May 2019 - Hartlepool Mail*",
                # "Published by the News Team at 7:25am 22nd March 2018."
                dl = dates.dateline(line[:1000], pos)
                published = dl.date if dl is not None else _stamp_date(stripped)
            elif at_top and updated is None and RE_UPDATED_LINE.match(stripped):
                dl = dates.dateline(line[:1000], pos)
                updated = dl.date if dl is not None and dl.date.day is not None else None
            continue
        # A dateline is short or starts the line; its first 1,000 characters tell.
        dl = dates.dateline(line[:1000], pos)
        if dl is not None:
            if published is None and at_top and not RE_UPDATED_LINE.match(stripped):
                published = dl.date
            elif at_top and updated is None and RE_UPDATED_LINE.match(stripped):
                updated = dl.date if dl.date.day is not None else None
            rest = Span(dl.span.end, span.end)
            if len(re.findall(r"[A-Za-z]{2,}", text[rest.start : rest.end])) > 4:
                # the rest of the line, past the spaces or tab after the date
                start = rest.start
                while start < span.end and text[start] in " \t":
                    start += 1
                body.append(Span(start, span.end))
            continue
        if at_top and (stamp := RE_DATE_STAMP.search(stripped)):
            # "Statement from ... on HMIC PEEL Assessment (27 Nov 2014)": a headline
            # stamped with its day; "... › 2020 › July - September": the year filed under
            inner = stamp.group(1).strip()
            found = dates.absolute_dates(inner)
            if (
                published is None
                and len(found) == 1
                and len(found[0].span) == len(inner)  # the brackets hold the date alone
                and found[0].date.day
            ):
                published = found[0].date
        if at_top and published is None and (ends := RE_DATE_LAST.search(stripped)):
            found = dates.absolute_dates(ends.group(1))
            if len(found) == 1 and len(found[0].span) == len(ends.group(1)) and found[0].date.day:
                published = found[0].date
        if at_top and crumb_year is None and (crumb := RE_CRUMB_YEAR.search(stripped)):
            crumb_year = PartialDate(int(crumb.group(1)))
        if len(first_lines) < 3:
            first_lines.append((pos, stripped))
        if len(head_lines) < 6:
            head_lines.append(stripped)
        if _is_prose_paragraph(stripped):
            top_prose += 1
        begun = begun or RE_PROSE.search(stripped) is not None
        body.extend(_split_long(text, span) if len(span) > MAX_PARAGRAPH else [span])

    # Masthead: a short Title Case first line followed by the headline ("Cumbria Crack").
    if first_lines and publisher is None and fmt in ("text", "markdown"):
        pos, line = first_lines[0]
        if (
            _title_case(line)
            and len(line.split()) <= 7
            and not re.search(r"[.!?:|]$|\|", line)
            and RE_MENU_LINE.search(line) is None  # nor a breadcrumb trail
            and any(len(later.split()) > 4 for _, later in first_lines[1:])
        ):
            publisher = line
            body = [s for s in body if text[s.start : s.end].strip() != line]
            first_lines = first_lines[1:]
    if publisher is None and fmt in ("text", "markdown"):
        # the site a copied page's breadcrumb trail starts from ("CJI › News and Events ›
        # 2020"), not its home page or a section ("Home » News » Crime")
        publisher = next(
            (
                name
                for line in head_lines
                if (crumb := RE_CRUMB_SITE.match(line)) is not None
                and _title_case(name := crumb.group("name").strip())
                and not _is_share_bar(name.lower())
            ),
            None,
        )
    if title is None and fmt == "markdown":
        # a Markdown page's headline is its first top-level heading, past the menu and
        # links a saved page keeps above it ("[Skip to content](#content) · ...")
        title = next(
            (
                " ".join(RE_CONTROL.sub(" ", line[2:]).split())
                for line in head_lines
                if RE_MARKDOWN_H1.match(line) and len(line) <= MAX_META
            ),
            None,
        )
    if title is None:
        for line in head_lines:
            if (
                len(line) <= MAX_META
                and _letter_words(line) >= 3
                and not line.endswith(":")
                and RE_MENU_LINE.search(line) is None
                and line != publisher
            ):
                title = " ".join(RE_CONTROL.sub(" ", line.lstrip("#")).split())
                break

    for span in list(clutter) + body[-2:]:
        line = text[span.start : span.end].strip()
        m = RE_COPYRIGHT.match(line) or RE_NOT_RESPONSIBLE.match(line)
        if m and publisher is None:
            publisher = m.group("name").strip().rstrip(".")
    if publisher is None and body and fmt in ("text", "markdown"):
        # a short Title Case sign-off line: "Yorkshire Post", "Newton News", or a body's
        # name as a site's footer gives it: "*Office of the Police and Crime Commissioner
        # for West Mercia — News*"
        last = text[body[-1].start : body[-1].end].strip().strip("*_").strip()
        head = re.split(r"\s+[–—|-]\s+", last)[0].strip()
        n = len(head.split())
        if (
            _title_case(head)
            and (1 < n <= 4 or n <= MAX_SIGN_OFF and any(w in org_heads() for w in head.split()))
            and not re.search(r"[.!?\"”,]$", head)
        ):
            publisher = head
            body = body[:-1]
    if author is None:
        for span in body[:6]:
            m = RE_BYLINE.match(text[span.start : span.end].strip())
            if m:
                author = m.group("name")
                break
        if author is None and title:
            m = re.search(
                r"\s[-–|]\s+(?P<name>(?:" + _honorifics() + r")\.?\s+[A-Z][\w'’-]+"
                r"(?:\s+[A-Z][\w'’-]+){0,2})\s*$",
                title,
            )
            if m:
                author = m.group("name")

    date_hint = _url_date(url) or crumb_year
    if date_hint is None and published is None and title:
        # "PCC RESPONDS TO HMIC PEEL EFFICIENCY REPORT – NOVEMBER 2016"
        in_title = dates.absolute_dates(title)
        if in_title and in_title[0].date.month:
            date_hint = in_title[0].date
    if published is None:
        published = meta_date
    if published is None:
        body_text = "\n".join(text[s.start : s.end] for s in body)
        # "today, Monday 27 June 2016": stated. "today, Thursday March 22" is not: a
        # year worked out from the weekday alone is a guess (March 22 was a Thursday in
        # 2007, 2012 and 2018), so only the page's address or the latest year the page
        # speaks of may fix it; else such an article has no date...
        published = _today_dated(body_text, date_hint, text)
    if published is None:
        # ... unless the names it uses place it in time: "*Issued: Thursday 22nd March*"
        # on a page that says "HMICFRS" (from July 2017) is of 2018, the one year in
        # the decade after on whose calendar 22 March is a Thursday
        published = _yearless_dated(text)
    if published is None:
        # a page that gives only when it was last updated is of that day, the one date
        # it states for itself
        published = updated
    return Article(
        id=Path(file_name).stem,
        file_name=file_name,
        text=text,
        format=fmt,
        title=title,
        published=published,
        url=url,
        publisher=publisher,
        author=author,
        body=tuple(body),
        clutter=tuple(clutter),
        date_hint=date_hint if date_hint else None,
        sha256=sha256,
        notes=notes,
    )


# What an HTML page starts with, after any BOM, <?xml ...?> and <!-- comments -->.
RE_HTML_START = re.compile(
    r"\A(?:\s|<\?xml[^>]{0,200}>|<!--.{0,2000}?-->)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)


def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES or RE_HTML_START.match(text[:4096].lstrip("\ufeff")):
        return "html"
    return "markdown" if suffix in {".md", ".markdown"} else "text"


def read_article(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file; raises ``InputError`` naming the file and the reason.

    What the file is comes from its bytes, not its name: a PDF or Word file is read
    for its text (``kg.documents``), anything else decoded as text, Markdown or HTML.
    """
    name = _writable(path.name)
    data = _read_bytes(path, name, max_bytes)
    sha256 = hashlib.sha256(data).hexdigest()
    try:
        kind = documents.kind_of(data)
        doc = documents.read_document(data, kind, MAX_TEXT) if kind else None
    except InputError as e:
        raise InputError(f"{name}: {e}") from None
    if doc is not None:
        article = _document_article(doc, name, sha256)
    else:
        text = decode(data, name)
        article = parse_article(text, name, _format_of(path, text), sha256)
    if not article.body:
        raise InputError(f"{name}: no article text found")
    if not _has_prose(article):
        raise InputError(f"{name}: not an article: no sentence of words found")
    return article


def _read_bytes(path: Path, name: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file, or InputError with the reason.

    Opened without blocking and checked on the open file, so a FIFO or a device
    put in place of a file is refused rather than read for ever.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as e:
        raise InputError(f"{name}: {_os_reason(e, path)}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"{name}: not a regular file (a pipe, device or socket)")
        if info.st_size > max_bytes:
            raise InputError(_too_big(name, info.st_size, max_bytes))
        chunks: list[bytes] = []
        got = 0
        while got <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - got))
            if not chunk:
                break
            chunks.append(chunk)
            got += len(chunk)
        if got > max_bytes:
            raise InputError(
                f"{name}: grew over the size limit of {max_bytes:,} bytes while being read"
            )
        return b"".join(chunks)
    except OSError as e:
        raise InputError(f"{name}: {_os_reason(e, path)}") from None
    finally:
        os.close(fd)


def _too_big(name: str, size: int, max_bytes: int) -> str:
    return f"{name}: {size:,} bytes is over the size limit of {max_bytes:,} bytes"


def _os_reason(e: OSError, path: Path) -> str:
    if e.errno == errno.ELOOP:
        return "symbolic link loop"
    if e.errno == errno.ENOENT and path.is_symlink():
        return "broken symbolic link"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.EISDIR:
        return "is a directory"
    return str(e.strerror or e)


def corpus_files(folder: Path, *, follow_links: bool = False) -> list[Path]:
    """The files of a corpus folder, sorted by name; hidden files and folders skipped,
    and (unless ``follow_links``) symbolic links that lead out of the folder."""
    return [p for p, _ in corpus_entries(folder, follow_links=follow_links) if p is not None]


OUTSIDE_LINK = "symbolic link to a file outside the corpus"
# The corrections a person keeps beside the articles (kg.corrections): at the top of
# the corpus folder, never an article.
CORRECTIONS_FILE = "corrections.yaml"


def corpus_entries(
    folder: Path, *, follow_links: bool = False
) -> list[tuple[Path | None, IngestError | None]]:
    """Each file of ``folder`` or a folder that could not be listed, in path order.

    The order is the sorted relative paths, whatever order the system lists them in.
    Symbolic links to folders are not followed (they could loop). A symbolic link to
    a file outside ``folder`` is an ``IngestError`` (``OUTSIDE_LINK``) found without
    opening the file it points to, unless ``follow_links``: a corpus saved from
    elsewhere must not carry ``/etc/shadow`` or a private key into a graph. Links
    that stay inside the folder are read as the files they point to.
    """
    if not folder.exists():
        raise InputError(f"{folder}: no such folder")
    if not folder.is_dir():
        return [(folder, None)]
    found: list[tuple[str, Path | None, IngestError | None]] = []
    home = os.path.realpath(folder)

    def unlistable(e: OSError) -> None:
        where = Path(e.filename or folder)
        rel = _relative(where, folder) + "/"
        reason = "cannot list the folder: " + _os_reason(e, where)
        found.append((rel, None, IngestError(rel, reason)))

    for root, dirs, files in os.walk(folder, onerror=unlistable, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for f in files:
            if f == CORRECTIONS_FILE and Path(root) == folder:
                continue
            if not f.startswith("."):
                path = Path(root) / f
                rel = _relative(path, folder)
                if not follow_links and _leaves(path, home):
                    found.append((rel, None, IngestError(rel, OUTSIDE_LINK)))
                else:
                    found.append((rel, path, None))
    found.sort(key=lambda e: e[0])
    return [(path, error) for _, path, error in found]


def _leaves(path: Path, home: str) -> bool:
    """Whether ``path`` is a symbolic link whose target (followed to the end, by
    reading links, never by opening the target) lies outside the folder ``home``."""
    if not os.path.islink(path):
        return False
    target = os.path.realpath(path)  # a loop stays a path in the folder: reported when read
    return os.path.commonpath([home, target]) != home


def _relative(path: Path, folder: Path) -> str:
    try:
        return _writable(path.relative_to(folder).as_posix())
    except ValueError:
        return _writable(path.as_posix())


def read_corpus(
    folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, *, follow_links: bool = False
) -> Iterator[Article | IngestError]:
    """Every article of ``folder`` in file-name order; unreadable files as ``IngestError``.

    A file whose article id (its name without the suffix) an earlier file has
    already is reported too: two articles must not become one. Symbolic links
    out of ``folder`` are reported unread unless ``follow_links`` (see
    ``corpus_entries``).
    """
    ids: dict[str, str] = {}
    for path, error in corpus_entries(folder, follow_links=follow_links):
        if path is None:
            assert error is not None
            yield error
            continue
        name = _writable(path.name)
        rel = _relative(path, folder) if folder.is_dir() else name
        try:
            article = read_article(path, max_bytes)
        except InputError as e:
            yield IngestError(rel, str(e).removeprefix(f"{name}: "))
            continue
        if article.id in ids:
            yield IngestError(
                rel, f"same article id {article.id!r} as {ids[article.id]}; rename one of them"
            )
            continue
        ids[article.id] = rel
        yield article
