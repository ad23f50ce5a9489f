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

from kg import dates
from kg.errors import InputError
from kg.model import Article, IngestError, PartialDate, Span
from kg.reference import lexicon

DEFAULT_MAX_BYTES = 5_000_000
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


@dataclass
class _Page:
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0


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


def _without_chrome(raw: str) -> str:
    """The page with its menus, side bars, scripts and styles cut out; as given if it
    does not parse."""
    import lxml.html

    try:
        doc = lxml.html.document_fromstring(re.sub(r"\A\s*<\?xml[^>]*>", "", raw))
        for el in doc.xpath(_CHROME):
            if el.getparent() is not None:
                el.drop_tree()
        return str(lxml.html.tostring(doc, encoding="unicode"))
    except Exception:  # lxml raises several kinds on broken pages
        return raw


def _html_page(raw: str) -> _Page:
    import trafilatura

    # trafilatura and the libraries under it raise on some broken pages
    # (htmldate asserts on "<svg onload=...><html>"): such a page has no text.
    try:
        body = (
            trafilatura.extract(
                _without_chrome(raw),
                output_format="txt",
                include_comments=False,
                include_tables=False,
                favor_precision=True,
            )
            or ""
        )
    except Exception:
        body = ""
    meta: dict[str, Any] = {}
    try:
        md = trafilatura.extract_metadata(raw)
    except Exception:
        md = None
    if md is not None:
        for key in ("title", "date", "url", "sitename", "author"):
            value = getattr(md, key, None)
            if value:
                meta[key] = value
    return _Page(body, meta)


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


# Four words in a row: what any article has and CSV, JSON or minified code has not.
RE_PROSE = re.compile(r"(?<![^\W_])(?:[^\W\d_][^\W_]*+[,;:]?\s++){3}[^\W\d_]")


def _has_prose(article: Article) -> bool:
    return any(RE_PROSE.search(article.text, s.start, s.end) for s in article.body)


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


def _is_clutter(line: str) -> bool:
    prefixes, substrings, _ = _clutter_words()
    s = line.strip().lstrip("•*·-– ").strip()
    low = s.lower()
    # one startswith over all prefixes first: most lines start with none
    if low.startswith(_clutter_starts()) and any(
        low.startswith(p) and (len(low) == n or not low[n].isalnum()) for p, n in prefixes
    ):
        return True
    for sub in substrings:  # noqa: SIM110  (a plain loop is quicker than any() here)
        if sub in low:
            return True
    return False


def _is_section(line: str) -> bool:
    s = line.strip().rstrip(":").lower()
    return s in _clutter_words()[2]


def _honorifics() -> str:
    """The lexicon's honorifics as a regex alternation ("Dr|Mr|..."), longest first."""
    hons = sorted(lexicon().honorifics, key=len, reverse=True)
    return "|".join(re.escape(h) for h in hons)


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


def _undated_day(text: str, ref_hi: int, era: tuple[int, int]) -> PartialDate | None:
    """ "today, Thursday March 22" / "today (Tuesday December 12)": the article's own day."""
    rx = re.compile(r"\b(?:today|this morning)\b[,\s(]*(?:\(\s*)?", re.IGNORECASE)
    for m in rx.finditer(text):
        rest = text[m.end() : m.end() + 40]
        for drx in (dates.RE_WMD, dates.RE_WDM):
            d = drx.match(rest)
            if d and d.group("wday"):
                return dates.undated_day(d, None, era[0], min(era[1], ref_hi))
    return None


def _era(text: str) -> tuple[int, int]:
    """Years the text can be from, judged by the names it uses for bodies that were renamed."""
    from kg.reference import name_eras

    lo, hi = 1990, dates.today().year
    for label, (since, until) in name_eras().items():
        if re.search(r"(?<![\w'’])" + re.escape(label) + r"(?![\w'’])", text):
            if since:
                lo = max(lo, since)
            if until:
                hi = min(hi, until)
    return (lo, hi) if lo <= hi else (1990, dates.today().year)


def parse_article(raw: str, file_name: str, fmt: str, sha256: str = "") -> Article:
    """Read one decoded file into an ``Article``. Never raises on any text."""
    raw = _writable(raw)
    file_name = _writable(file_name)
    page = _html_page(raw) if fmt == "html" else _front_matter(raw)
    text = _writable(page.text)
    meta = page.meta
    url = _meta_url(meta)
    title = _meta_line(meta, "title", "og.title", "headline")
    og_title = _meta_line(meta, "og.title")
    publisher = _meta_line(meta, "publisher", "sitename", "site_name", "og.site_name", "source")
    author = _meta_line(meta, "author", "byline")
    published: PartialDate | None = None
    for key in ("date", "published", "datePublished", "pubdate", "article.published_time"):
        value = _meta_line(meta, key)
        if value:
            found = dates.absolute_dates(value)
            if found and found[0].date.day:
                published = found[0].date
                break
    if title and publisher is None:
        title, publisher = _title_publisher(title, og_title)

    body: list[Span] = []
    clutter: list[Span] = []
    in_section = False
    after_marker = False
    first_lines: list[tuple[int, str]] = []
    blocks = [] if fmt == "html" else _markup_blocks(text, page.body_start)
    next_block = 0
    for pos, line in _lines(text, page.body_start):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        span = Span(pos + lead, pos + len(line.rstrip()))
        while next_block < len(blocks) and blocks[next_block].end <= span.start:
            next_block += 1
        if next_block < len(blocks) and blocks[next_block].start < span.end:
            clutter.append(span)  # a line of a <script>, <style> or <nav> block
            continue
        if in_section or _is_section(stripped):
            in_section = True
            clutter.append(span)
            continue
        if after_marker or _is_clutter(stripped):
            # "Image caption," alone on its line: the caption follows on the next one
            after_marker = _is_clutter(stripped) and stripped.endswith((",", ":"))
            clutter.append(span)
            continue
        # A dateline is short or starts the line; its first 1,000 characters tell.
        dl = dates.dateline(line[:1000], pos)
        if dl is not None:
            if published is None:
                published = dl.date
            rest = Span(dl.span.end, span.end)
            if len(re.findall(r"[A-Za-z]{2,}", text[rest.start : rest.end])) > 4:
                body.append(
                    Span(
                        dl.span.end + 1
                        if text[dl.span.end : dl.span.end + 1] == " "
                        else dl.span.end,
                        span.end,
                    )
                )
            continue
        if len(first_lines) < 3:
            first_lines.append((pos, stripped))
        body.extend(_split_long(text, span) if len(span) > MAX_PARAGRAPH else [span])

    # Masthead: a short Title Case first line followed by the headline ("Cumbria Crack").
    if first_lines and publisher is None and fmt != "html":
        pos, line = first_lines[0]
        if (
            _title_case(line)
            and len(line.split()) <= 7
            and not re.search(r"[.!?:|]$|\|", line)
            and any(len(later.split()) > 4 for _, later in first_lines[1:])
        ):
            publisher = line
            body = [s for s in body if text[s.start : s.end].strip() != line]
            first_lines = first_lines[1:]
    if title is None:
        for _, line in first_lines:
            if (
                len(line) <= MAX_META
                and len(line.split()) >= 3
                and not line.endswith(":")
                and "|" not in line
            ):
                title = " ".join(RE_CONTROL.sub(" ", line).split())
                break

    for span in list(clutter) + body[-2:]:
        line = text[span.start : span.end].strip()
        m = RE_COPYRIGHT.match(line) or RE_NOT_RESPONSIBLE.match(line)
        if m and publisher is None:
            publisher = m.group("name").strip().rstrip(".")
    if publisher is None and body and fmt != "html":
        # a short Title Case sign-off line: "Yorkshire Post", "Newton News"
        last = text[body[-1].start : body[-1].end].strip()
        head = re.split(r"\s+[–|-]\s+", last)[0].strip()
        if _title_case(head) and 1 < len(head.split()) <= 4 and not re.search(r"[.!?\"”]$", head):
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

    date_hint = _url_date(url)
    if date_hint is None and published is None and title:
        # "PCC RESPONDS TO HMIC PEEL EFFICIENCY REPORT – NOVEMBER 2016"
        in_title = dates.absolute_dates(title)
        if in_title and in_title[0].date.month:
            date_hint = in_title[0].date
    if published is None:
        body_text = "\n".join(text[s.start : s.end] for s in body)
        published = _undated_day(body_text, dates.today().year, _era(body_text))
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
    """Read one file; raises ``InputError`` naming the file and the reason."""
    name = _writable(path.name)
    data = _read_bytes(path, name, max_bytes)
    text = decode(data, name)
    fmt = _format_of(path, text)
    article = parse_article(text, name, fmt, hashlib.sha256(data).hexdigest())
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
