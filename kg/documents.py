"""PDF and Word files -> their text and what their metadata states.

kg reads a document's text layer, never its bytes as text (a PDF read as text gave
a "person" made of PDF operators). What a file is comes from its first bytes,
whatever its name says: ``%PDF-`` is a PDF, a ZIP holding ``word/document.xml`` a
Word document; Word 97-2003, OpenDocument, RTF, other ZIP archives and encrypted
Office files are reported as what they are.

PDF (pypdf): the text of each page in the order the page draws it, until ``limit``
characters are read (or ``MAX_PAGES`` pages, or ``MAX_DRAWING`` bytes of drawing
instructions, whatever the text: pypdf's time is bounded by these). A PDF states no
paragraphs, so they are put back together from the lines: a line is joined to the
one before unless that one ended a paragraph, which a line does when it is short and
ends a sentence, is short and the next starts like a new block (a capital, a bullet,
a number), or the next is a bullet. What is dropped: running headers and footers (a
line found at the top or bottom of at least two pages and 40% of them, digits
aside), page numbers ("12", "Page 3 of 20", "- 4 -"), and the header and footer a
browser prints ("12/3/26, 2:07 PM Title", "https://... 1/2"; its URL is kept as the
document's). Not handled: text in images (a scanned PDF is reported as having no
text layer), reading order of complex layouts beyond what the page draws, words
hyphenated across lines (the hyphen stays: "anti-social" is right and "inspec-tion"
wrong, and the first is the commoner in reports).

Word (python-docx opens the package; the text is walked here, since python-docx's
``Paragraph.text`` leaves out tracked insertions, content controls, smart tags and
field results): body paragraphs and table cells in document order, a soft line
break as a new line; deleted text, text boxes (and their fallback copies),
headers, footers, comments and footnotes left out.

Metadata: the title (PDF /Title or XMP dc:title; Word's core title) unless it is a
file name or a placeholder ("Microsoft Word - x.docx", "Untitled"); the date the
file was made (PDF /CreationDate or XMP CreateDate; Word's core created), not when
it was modified, and none for a PDF a browser printed (its date is the printing's);
the author. Nothing the file does not state. (``kg.ingest`` takes a dateline at the
top of the text before this date: a press release saved over last year's file keeps
last year's creation date.)
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from typing import Any

from kg.errors import InputError
from kg.model import PartialDate

# A Word file unpacked past this is refused before python-docx reads it (python-docx
# reads every part into memory): a ZIP of a few MB can unpack to many GB.
MAX_UNPACKED = 200_000_000
# Longest metadata value kept (title, author).
MAX_META = 500
_QUIET = logging.NullHandler()  # added once: logging keeps one of each handler
# A PDF is read no further than this many pages, or this many bytes of drawing
# instructions (decompressed), whatever its text: a 5 MB file can hold 30,000 pages,
# or have each page draw one stream of 75 MB, and pypdf reads drawing instructions at
# 130-340 kB/s here (1 MB of "cm" operators: 5.7 s). An inspection report has a few
# hundred pages of a few kB each (100 pages: 0.34 MB); the budget is a minute at worst.
MAX_PAGES = 2_000
MAX_DRAWING = 8_000_000


@dataclass(frozen=True, slots=True)
class Document:
    """What kg reads of a PDF or Word file."""

    kind: str  # "pdf" or "docx"
    paragraphs: tuple[str, ...]  # each one line of text, in reading order
    title: str | None = None
    created: PartialDate | None = None  # when the file was made, as its metadata states
    author: str | None = None
    url: str | None = None  # a printed web page's address
    unread: str | None = None  # where reading stopped, the text being long enough
    notes: tuple[str, ...] = ()  # what could not be read, one line each


def kind_of(data: bytes) -> str | None:
    """ "pdf" or "docx" for a file kg reads as a document; None for anything else
    (text, HTML), which is read as text. Raises ``InputError`` (without the file
    name) for a document kg recognises but does not read."""
    head = data[:1024]
    at = head.find(b"%PDF-")
    # at the start, or (as readers allow) after some junk when the file ends as a PDF does
    if at == 0 or (at > 0 and (b"%%EOF" in data[-2048:] or b"startxref" in data[-2048:])):
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip_kind(data)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]:
            raise InputError("encrypted Office document: needs a password, not read")
        if "WordDocument".encode("utf-16-le") in data[:1_000_000]:
            raise InputError("Word 97-2003 document (.doc): not read; save it as .docx or PDF")
        raise InputError("Office 97-2003 file: not an article")
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise InputError("RTF document: not read; save it as .docx or PDF")
    return None


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            mimetype = b""
            if "mimetype" in names:
                with z.open("mimetype") as f:  # read no more of it than tells
                    mimetype = f.read(100)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise InputError(f"damaged ZIP archive or Word document ({_why(e)})") from None
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(b"application/vnd.oasis.opendocument"):
        raise InputError("OpenDocument file (.odt): not read; save it as .docx or PDF")
    raise InputError("ZIP archive, not an article")


def read_document(data: bytes, kind: str, limit: int) -> Document:
    """The text and metadata of a PDF or Word file (``kind`` from ``kind_of``), reading
    no further than about ``limit`` characters. Raises ``InputError`` (without the
    file name) for an encrypted, damaged or scanned one."""
    return _read_pdf(data, limit) if kind == "pdf" else _read_docx(data, limit)


def _why(e: BaseException) -> str:
    """A library's error as a short phrase on one line."""
    text = " ".join(str(e).split()) or type(e).__name__
    return text if len(text) <= 120 else text[:117] + "..."


# --- PDF ----------------------------------------------------------------------------

# Producers and creators of a PDF printed from a web page: its dates are the printing's.
RE_BROWSER_PRINT = re.compile(
    r"Skia/PDF|HeadlessChrome|Chrome/|Chromium|Mozilla/|Firefox|Safari|WebKit|wkhtmltopdf",
    re.IGNORECASE,
)
# A title that names a file or a placeholder, not the document.
RE_PLACEHOLDER_TITLE = re.compile(
    r"^(?:Microsoft (?:Word|PowerPoint|Excel) - .*|untitled.*|document\d*|title|word document"
    r"|presentation\d*|.*\.(?:docx?|pdf|indd|qxd|rtf|odt|pages|html?|txt))$",
    re.IGNORECASE,
)
# Ligatures a PDF's fonts map text to: "ﬁ" is two letters to a reader and to a regex.
_LIGATURES = str.maketrans(
    {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
)
# Control characters other than tab and line feed, and the soft hyphen (invisible).
RE_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\ufeff]")


def _read_pdf(data: bytes, limit: int) -> Document:
    import pypdf

    # pypdf logs what it repairs ("EOF marker not found"); with no handler of the
    # application's, Python would print each to stderr, in the middle of kg's output
    logging.getLogger("pypdf").addHandler(_QUIET)
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            # an owner password alone (no printing, no copying) opens with ""; this needs one
            raise InputError("encrypted PDF: needs a password, not read")
        pages = reader.pages
        count = len(pages)
    except InputError:
        raise
    except (DependencyError, FileNotDecryptedError) as e:
        raise InputError(f"encrypted PDF: cannot be decrypted here ({_why(e)})") from None
    except Exception as e:  # pypdf raises many kinds on a damaged file
        raise InputError(f"damaged PDF, not read ({_why(e)})") from None
    texts: list[list[str]] = []
    notes: list[str] = []
    unread = None
    unreadable: list[int] = []
    got = drawn = 0
    for number in range(count):
        if got > limit or number >= MAX_PAGES:
            unread = f"after page {number} of {count}"
            break
        try:
            page = pages[number]
            contents = page.get_contents()
            drawn += len(contents.get_data()) if contents is not None else 0
            if drawn > MAX_DRAWING:
                unread = f"after page {number} of {count}"
                break
            text = page.extract_text() or ""
        except Exception:  # one damaged page (or a compression bomb in it): the others
            unreadable.append(number + 1)
            text = ""
        lines = [
            " ".join(line.split())
            for line in RE_INVISIBLE.sub("", text.translate(_LIGATURES)).split("\n")
        ]
        texts.append([line for line in lines if line])
        got += sum(len(line) + 1 for line in texts[-1])
    if unreadable:
        shown = ", ".join(map(str, unreadable[:10])) + (", ..." if len(unreadable) > 10 else "")
        notes.append(f"page{'s' if len(unreadable) > 1 else ''} {shown} could not be read")
    if not any(re.search(r"[^\W\d_]{2}", line) for page in texts for line in page):
        if unreadable and len(unreadable) == count:
            raise InputError("damaged PDF: no page could be read")
        raise InputError("PDF with no text layer (scanned or image only): not read")
    info = _pdf_info(reader)
    printed = bool(RE_BROWSER_PRINT.search(f"{info.get('producer', '')} {info.get('creator', '')}"))
    url, pages_text = _without_margins(texts, printed)
    return Document(
        kind="pdf",
        paragraphs=tuple(_paragraphs(pages_text)),
        title=_clean_title(info.get("title")),
        created=None if printed else info.get("created"),
        author=_clean_line(info.get("author")),
        url=url,
        unread=unread,
        notes=tuple(notes),
    )


def _pdf_info(reader: Any) -> dict[str, Any]:
    """Title, author, producer, creator and creation date from the document
    information dictionary, else from the XMP packet; what cannot be parsed is left out."""
    info = _get(reader, "metadata")
    xmp = _get(reader, "xmp_metadata")
    titles = _get(xmp, "dc_title")
    xmp_title = None
    if isinstance(titles, dict) and titles:
        xmp_title = titles.get("x-default") or next(iter(titles.values()))
    found = {
        "title": (_get(info, "title"), xmp_title),
        "author": (_get(info, "author"),),
        "producer": (_get(info, "producer"), _get(xmp, "pdf_producer")),
        "creator": (_get(info, "creator"), _get(xmp, "xmp_creator_tool")),
    }
    out: dict[str, Any] = {}
    for key, values in found.items():
        value = next((v for v in values if isinstance(v, str) and v.strip()), None)
        if value is not None:
            out[key] = value
    out["created"] = _partial(_get(info, "creation_date")) or _partial(_get(xmp, "xmp_create_date"))
    return out


def _get(obj: Any, attr: str) -> Any:
    """``obj.attr``, or None when ``obj`` is None or reading it raises (pypdf parses
    metadata when it is asked for, and a malformed date or XMP packet raises then)."""
    if obj is None:
        return None
    try:
        return getattr(obj, attr)
    except Exception:
        return None


def _partial(value: Any) -> PartialDate | None:
    if value is None or not hasattr(value, "year"):
        return None
    try:
        return PartialDate(value.year, value.month, value.day)
    except (ValueError, TypeError):
        return None


def _clean_line(value: str | None) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(RE_INVISIBLE.sub(" ", value).split())
    return value if 0 < len(value) <= MAX_META else None


def _clean_title(value: str | None) -> str | None:
    value = _clean_line(value)
    if value is None or RE_PLACEHOLDER_TITLE.match(value) or len(value) < 3:
        return None
    return value


# "12", "Page 3", "Page 3 of 20", "3 of 20", "- 4 -", "iv", "3/20"
RE_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$",
    re.IGNORECASE,
)
# What a browser prints at the top of each page: "12/3/26, 2:07 PM  <the page's title>"
RE_PRINT_HEADER = re.compile(r"^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\b", re.I)
# ... and at the bottom: "https://www.example.com/news/story 1/2"
RE_PRINT_FOOTER = re.compile(r"^(?P<url>(?:https?|file)://\S+)\s+\d{1,4}/\d{1,4}$", re.I)
_EDGE = 3  # lines at the top and at the bottom of a page where headers and footers are


def _without_margins(pages: list[list[str]], printed: bool) -> tuple[str | None, list[list[str]]]:
    """The pages without running headers, footers and page numbers; and the URL a
    browser printed in its footer, if any."""

    def shape(line: str) -> str:
        return re.sub(r"\d+", "#", line.lower())

    edges = Counter(shape(line) for page in pages for line in set(page[:_EDGE] + page[-_EDGE:]))
    running = {s for s, n in edges.items() if len(pages) >= 2 and n >= max(2, 0.4 * len(pages))}
    url = None
    out = []
    for page in pages:
        kept = []
        for i, line in enumerate(page):
            at_edge = i < _EDGE or i >= len(page) - _EDGE
            if at_edge and (shape(line) in running or RE_PAGE_NUMBER.match(line)):
                continue
            footer = RE_PRINT_FOOTER.match(line)
            if footer or (printed and RE_PRINT_HEADER.match(line)):
                if footer and url is None and footer["url"].lower().startswith("http"):
                    url = footer["url"]
                continue
            kept.append(line)
        out.append(kept)
    return url, out


# A line that ends a sentence: ". ", "?" or "!" (or ":"), then any closing quotes or brackets.
RE_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
# A line that starts a new block: a bullet, a numbered item, "1.2 Heading".
RE_BLOCK_START = re.compile(
    r"^(?:[•●▪■◦○‣∙·*–-]\s|\(?\d{1,3}(?:\.\d{1,3})*[.)]?\s+[A-Z]|\(?[a-z][.)]\s)"
)


def _paragraphs(pages: list[list[str]]) -> list[str]:
    """Lines put back together into paragraphs, across page breaks too."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    widths = sorted(len(line) for line in lines if len(line) >= 20)
    full = widths[int(len(widths) * 0.85)] if widths else 80
    out: list[str] = []
    current = ""
    for i, line in enumerate(lines):
        current = _join(current, line) if current else line
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if not following or _ends_paragraph(line, following, full):
            out.append(current)
            current = ""
    return out


def _ends_paragraph(line: str, following: str, full: int) -> bool:
    if RE_BLOCK_START.match(following):
        return True
    short = len(line) < 0.85 * full
    if short and RE_SENTENCE_END.search(line):
        return True
    starts_block = following[:1].isupper() or following[:1].isdigit() or following[:1] in "“\"‘'("
    return len(line) < 0.6 * full and starts_block


def _join(text: str, line: str) -> str:
    """Two lines of one paragraph: "anti-" and "social" make "anti-social"."""
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
        return text + line
    return text + " " + line


# --- Word ---------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Inside these, text is not the document's as it reads now (deleted, moved away), or
# is a box of its own drawn on the page (and its fallback copy for older readers).
_SKIP = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_W}instrText", f"{_W}delText"}
_SKIP |= {"{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"}
_SKIP |= {f"{_W}pPr", f"{_W}rPr", f"{_W}sectPr", f"{_W}footnoteReference"}
_PLACEHOLDER_TITLES = {"word document", "document", "title", ""}


def _read_docx(data: bytes, limit: int) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
            has_core = any(i.filename.lower() == "docprops/core.xml" for i in infos)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        raise InputError(f"damaged Word document ({_why(e)})") from None
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNPACKED:
        raise InputError(
            f"Word document unpacks to {unpacked:,} bytes, over the limit of {MAX_UNPACKED:,}"
        )
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except Exception as e:  # python-docx and lxml raise many kinds on a damaged package
        raise InputError(f"damaged Word document, not read ({_why(e)})") from None
    paragraphs: list[str] = []
    unread = None
    got = 0
    for lines in _blocks(body):
        if got > limit:
            unread = "before the end of the document"
            break
        for line in lines:
            line = " ".join(RE_INVISIBLE.sub("", line).split())
            if line:
                paragraphs.append(line)
                got += len(line) + 1
    if not paragraphs:
        raise InputError("Word document with no text")
    # Without docProps/core.xml python-docx makes up "Word Document" and the time of reading.
    core = _get(document, "core_properties") if has_core else None
    title = _get(core, "title")
    if isinstance(title, str) and title.strip().lower() in _PLACEHOLDER_TITLES:
        title = None
    created = _partial(_get(core, "created"))
    author = _get(core, "author")
    return Document(
        kind="docx",
        paragraphs=tuple(paragraphs),
        title=_clean_title(title),
        created=created,
        author=_clean_line(author),
        unread=unread,
    )


def _blocks(body: Any) -> Any:
    """Each paragraph's lines (a soft line break starts a new line), in document order:
    body paragraphs, table cells, and what content controls and custom XML hold."""
    stack = list(reversed(list(body)))
    while stack:
        el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == f"{_W}p":
            yield _paragraph_lines(el)
        elif tag in _SKIP:
            continue
        else:  # w:tbl, w:tr, w:tc, w:sdt, w:sdtContent, w:customXml, ...
            stack.extend(reversed(list(el)))


def _paragraph_lines(p: Any) -> list[str]:
    lines = [""]
    stack = list(reversed(list(p)))
    while stack:
        el = stack.pop()
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            continue
        if tag == f"{_W}t":
            lines[-1] += el.text or ""
        elif tag in (f"{_W}tab", f"{_W}ptab"):
            lines[-1] += " "
        elif tag in (f"{_W}br", f"{_W}cr"):
            if el.get(f"{_W}type") in (None, "textWrapping"):
                lines.append("")
        elif tag == f"{_W}noBreakHyphen":
            lines[-1] += "-"
        elif tag == f"{_W}p":  # a paragraph nested in this one (a text box's, in
            continue  # a drawing not marked as one): not part of this line
        else:
            stack.extend(reversed(list(el)))
    return lines
