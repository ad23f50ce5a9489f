"""Files -> ``Article``s: decoding, front matter, HTML main text, title, date,
URL, publisher, and page clutter, with character offsets kept.

``Article.text`` is the decoded file with line ends made ``\\n`` (for HTML, the
main text trafilatura extracts); every offset kg records points into it.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml

from kg.errors import InputError
from kg.extract import dates
from kg.model import Article, IngestError, PartialDate, Span
from kg.reference import lexicon

DEFAULT_MAX_BYTES = 5_000_000
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
    """Bytes -> text: UTF-8 (with or without BOM), else the detected legacy encoding."""
    if not data.strip():
        raise InputError(f"{name}: empty file")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}: binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(f"{name}: not text in any known encoding") from None
        text = str(best)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # lone surrogates cannot be written to RDF; make them visible instead
    text = text.encode("utf-8", "replace").decode("utf-8") if _has_surrogates(text) else text
    if _looks_binary(text):
        raise InputError(f"{name}: binary file, not text")
    return text


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _looks_binary(text: str) -> bool:
    sample = text[:4096]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\n\t\f\v")
    return bad > max(8, len(sample) // 50)


def _html_page(raw: str) -> _Page:
    import trafilatura

    body = (
        trafilatura.extract(
            raw,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            favor_precision=True,
        )
        or ""
    )
    meta: dict[str, Any] = {}
    md = trafilatura.extract_metadata(raw)
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
    except yaml.YAMLError:
        meta = None  # a malformed block is kept out of the body but read no further
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


def _lines(text: str, start: int) -> Iterator[tuple[int, str]]:
    pos = start
    for line in text[start:].split("\n"):
        yield pos, line
        pos += len(line) + 1


def _is_clutter(line: str) -> bool:
    lex = lexicon()
    s = line.strip().lstrip("•*·-– ").strip()
    low = s.lower()
    if any(
        low.startswith(p.lower()) and (len(low) == len(p) or not low[len(p)].isalnum())
        for p in lex.clutter_prefixes
    ):
        return True
    return any(sub.lower() in low for sub in lex.clutter_substrings)


def _is_section(line: str) -> bool:
    s = line.strip().rstrip(":").lower()
    return any(s == sec.lower() for sec in lexicon().clutter_sections)


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
    """Read one decoded file into an ``Article``."""
    page = _html_page(raw) if fmt == "html" else _front_matter(raw)
    text = page.text
    meta = page.meta
    url = _meta_str(meta, "url", "canonical", "og.url", "link")
    title = _meta_str(meta, "title", "og.title", "headline")
    og_title = _meta_str(meta, "og.title")
    publisher = _meta_str(meta, "publisher", "sitename", "site_name", "og.site_name", "source")
    author = _meta_str(meta, "author", "byline")
    published: PartialDate | None = None
    for key in ("date", "published", "datePublished", "pubdate", "article.published_time"):
        value = _meta_str(meta, key)
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
    for pos, line in _lines(text, page.body_start):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        span = Span(pos + lead, pos + len(line.rstrip()))
        if in_section or _is_section(stripped):
            in_section = True
            clutter.append(span)
            continue
        if after_marker or _is_clutter(stripped):
            # "Image caption," alone on its line: the caption follows on the next one
            after_marker = _is_clutter(stripped) and stripped.endswith((",", ":"))
            clutter.append(span)
            continue
        dl = dates.dateline(line, pos)
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
        body.append(span)

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
            if len(line.split()) >= 3 and not line.endswith(":") and "|" not in line:
                title = line
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
                r"\s[-–|]\s+(?P<name>(?:Dr|Mr|Mrs|Ms|Sir|Dame|Prof)\.?\s+[A-Z][\w'’-]+"
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


def _format_of(path: Path, text: str) -> str:
    suffix = path.suffix.lower()
    head = text[:512].lstrip().lower()
    if suffix in HTML_SUFFIXES or head.startswith(("<!doctype html", "<html")):
        return "html"
    return "markdown" if suffix in {".md", ".markdown"} else "text"


def read_article(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one file; raises ``InputError`` naming the file and the reason."""
    name = path.name
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{name}: {size:,} bytes is over the size limit of {max_bytes:,}")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory") from None
    except OSError as e:
        raise InputError(f"{name}: {e.strerror or e}") from None
    text = decode(data, name)
    fmt = _format_of(path, text)
    article = parse_article(text, name, fmt, hashlib.sha256(data).hexdigest())
    if not article.body:
        raise InputError(f"{name}: no article text found")
    return article


def corpus_files(folder: Path) -> list[Path]:
    """The files of a corpus folder, sorted by name; hidden files and folders skipped."""
    if not folder.exists():
        raise InputError(f"{folder}: no such folder")
    if folder.is_file():
        return [folder]
    out: list[Path] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        out.extend(Path(root) / f for f in files if not f.startswith("."))
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def read_corpus(
    folder: Path, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | IngestError]:
    """Every article of ``folder`` in file-name order; unreadable files as ``IngestError``."""
    for path in corpus_files(folder):
        try:
            yield read_article(path, max_bytes)
        except InputError as e:
            yield IngestError(path.name, str(e).split(": ", 1)[-1])
