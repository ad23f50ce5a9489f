"""Issue 14: PDF and Word files are read for their text, never as bytes of text.

A report-style PDF (reportlab: a running header, page numbers, paragraphs that run
over a page break) and a Word file (python-docx: a table, a content control, a
tracked insertion and deletion, a header) are built here, read, and give the people,
roles and quotation they hold, with offsets into ``Article.text``. Encrypted,
damaged, scanned, mislabelled and oversized documents are one clear line each.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract import extract_article
from kg.ingest import read_article, read_corpus
from kg.model import Article, IngestError, PartialDate

pypdf = pytest.importorskip("pypdf")
docx = pytest.importorskip("docx")
reportlab = pytest.importorskip("reportlab")

TITLE = "Cumbria Constabulary rated good by the inspectorate"
PARAGRAPHS = [
    "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services (HMICFRS) has "
    "published its PEEL inspection of Cumbria Constabulary, rating the force good at "
    "preventing crime and at treating the public fairly.",
    "Inspectors found that the force understood the demand it faced and worked well with "
    "partners to protect vulnerable people, although it needed to improve how quickly it "
    "answered non-emergency calls from the public.",
    "Chief Constable Michelle Skeer said: “I am proud of the officers and staff whose work "
    "the inspectors recognised, and we will act on every area for improvement they "
    "identified in their report.”",
    "HM Inspector of Constabulary Roy Wilsher said the force had made real progress since "
    "the last inspection, and that its officers showed a strong commitment to the "
    "communities they serve across the county.",
]
FILLER = (
    "The inspection looked at how the force prevents crime, how it investigates crime and "
    "how it protects vulnerable people, and the report sets out what it must do next. "
)


def _facts(a: Article) -> tuple[set[tuple[str, str, str | None]], list[tuple[str, str]]]:
    claims = extract_article(a)
    for q in claims.quotes:  # every offset points at the words it names
        assert a.text[q.span.start : q.span.end].startswith(q.text[:30])
        assert a.text[q.evidence.start : q.evidence.end].count(q.text[:30]) == 1
    for r in claims.roles:
        assert r.person in a.text[r.evidence.start : r.evidence.end]
    return {(r.person, r.role, r.org) for r in claims.roles}, [
        (q.speaker, q.text) for q in claims.quotes
    ]


# --- PDF -------------------------------------------------------------------------------


def report_pdf(
    *,
    title: str | None = TITLE,
    created: str | None = "D:20190502093000+01'00'",
    dateline: str | None = None,
    pages: int = 3,
    encrypt: tuple[str, str] | None = None,
) -> bytes:
    """A report as inspectorates and forces publish them: a title page, then body
    paragraphs over several pages under a running header, with page numbers."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import cm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()

    def margins(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawString(2 * cm, A4[1] - 1.2 * cm, "PEEL 2019: Cumbria Constabulary")
        canvas.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"Page {doc.page}")
        canvas.restoreState()

    story = [Paragraph(TITLE, styles["Title"])]
    if dateline:
        story.append(Paragraph(dateline, styles["Normal"]))
    story += [Paragraph(p, styles["BodyText"]) for p in PARAGRAPHS]
    # enough paragraphs to run over ``pages`` pages, so some are split by a page break
    story += [Paragraph(FILLER * 3, styles["BodyText"]) for _ in range(8 * (pages - 1))]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, invariant=1).build(
        story, onFirstPage=margins, onLaterPages=margins
    )
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(out.getvalue())))
    info: dict[str, str] = {"/Producer": "Microsoft® Word for Microsoft 365"}
    if title:
        info["/Title"] = title
    if created:
        info["/CreationDate"] = created
    writer.metadata = None
    writer.add_metadata(info)
    if encrypt:
        writer.encrypt(user_password=encrypt[0], owner_password=encrypt[1], algorithm="AES-256")
    final = io.BytesIO()
    writer.write(final)
    return final.getvalue()


def test_reliability_pdf_report_read_for_its_facts(tmp_path: Path) -> None:
    path = tmp_path / "cumbria-peel-2019.pdf"
    path.write_bytes(report_pdf())
    a = read_article(path)
    assert a.format == "pdf" and a.id == "cumbria-peel-2019"
    assert (a.title, a.published) == (TITLE, PartialDate(2019, 5, 2))
    # paragraphs whole, also those a page break split; no running header or page number
    text = " ".join(a.text.split())
    for p in PARAGRAPHS + [FILLER.strip()]:
        assert " ".join(p.split()) in text
    assert "PEEL 2019: Cumbria Constabulary" not in a.text and "Page 2" not in a.text
    bodies = [a.text[s.start : s.end] for s in a.body]
    assert any(b.startswith("Chief Constable Michelle Skeer said:") for b in bodies)
    roles, quotes = _facts(a)
    assert ("Michelle Skeer", "chief-constable", "cumbria") in roles
    assert any(
        speaker == "Michelle Skeer" and text.startswith("I am proud of the officers")
        for speaker, text in quotes
    )


def test_reliability_pdf_dateline_before_metadata(tmp_path: Path) -> None:
    """The file's creation date is when it was made; a dateline is what it says."""
    path = tmp_path / "release.pdf"
    path.write_bytes(report_pdf(dateline="Published: 3 May 2019", pages=1))
    assert read_article(path).published == PartialDate(2019, 5, 3)
    path.write_bytes(report_pdf(title=None, created=None, pages=2))
    a = read_article(path)
    assert a.published is None  # nothing stated: none
    # the first line of the text, as for a text file (the running header is left out)
    assert a.title == TITLE


def test_reliability_pdf_owner_password_only_is_read(tmp_path: Path) -> None:
    """Reports locked against copying or editing open without a password: read them."""
    path = tmp_path / "locked.pdf"
    path.write_bytes(report_pdf(encrypt=("", "owner-secret"), pages=1))
    a = read_article(path)
    assert "Chief Constable Michelle Skeer said" in a.text


def test_reliability_pdf_by_content_not_by_name(tmp_path: Path) -> None:
    """A PDF named .txt is read as a PDF (its operators were once mined for people);
    text named .pdf is read as text."""
    (tmp_path / "report.txt").write_bytes(report_pdf(pages=1))
    (tmp_path / "notes.pdf").write_text(PARAGRAPHS[2], encoding="utf-8")
    items = {i.file_name: i for i in read_corpus(tmp_path)}
    pdf, text = items["report.txt"], items["notes.pdf"]
    assert isinstance(pdf, Article) and pdf.format == "pdf"
    assert "Chief Constable Michelle Skeer said" in pdf.text
    assert " Tf " not in pdf.text and "endobj" not in pdf.text
    assert isinstance(text, Article) and text.format == "text"


def test_reliability_long_document_read_no_further_than_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages after the limit (kg.ingest.MAX_TEXT, made small here) are not even read."""
    import kg.ingest

    monkeypatch.setattr(kg.ingest, "MAX_TEXT", 3_000)
    path = tmp_path / "long.pdf"
    path.write_bytes(report_pdf(pages=4))
    a = read_article(path)
    assert len(a.text) <= 3_000
    (note,) = a.notes
    assert note.startswith(f"cut at {len(a.text):,} characters, after page ") and "of 4" in note
    path = tmp_path / "long.docx"
    path.write_bytes(press_release_docx())
    monkeypatch.setattr(kg.ingest, "MAX_TEXT", 500)
    a = read_article(path)
    assert len(a.text) <= 500
    assert a.notes == (f"cut at {len(a.text):,} characters, before the end of the document",)


def _pdf_of_pages(pages: int, drawing: bytes) -> bytes:
    """A PDF of ``pages`` pages, each with a line of its own text, all drawing the one
    (compressed) ``drawing`` stream too."""
    import zlib

    font = (
        b"/Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"
    )
    heavy = zlib.compress(drawing, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(pages)), pages),
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(heavy) + heavy + b"\nendstream",
    ]
    for i in range(pages):
        name = f"{chr(65 + i % 26)}{chr(65 + i // 26 % 26)}{chr(65 + i // 676 % 26)}".encode()
        line = b"BT /F1 12 Tf 72 700 Td (Inspectors praised force %s today.) Tj ET\n" % name
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [%d 0 R 3 0 R] %s >>"
            % (5 + 2 * i, font)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(line) + line + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


@pytest.mark.parametrize(
    ("pages", "drawing", "budget", "where"),
    [
        pytest.param(3_000, b"", ("MAX_PAGES", 20), "after page 20 of 3000", id="many-pages"),
        pytest.param(
            60, b"q Q\n" * 25_000, ("MAX_DRAWING", 250_000), "after page 2 of 60", id="heavy-pages"
        ),
    ],
)
def test_reliability_pdf_work_is_bounded_whatever_the_text(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    pages: int,
    drawing: bytes,
    budget: tuple[str, int],
    where: str,
) -> None:
    """A small PDF can hold thousands of pages, or make every page draw one huge stream
    (pypdf reads drawing instructions at a few hundred kB/s): reading stops at a page or
    drawing budget (made small here), with a note saying where."""
    import kg.documents

    monkeypatch.setattr(kg.documents, *budget)
    path = tmp_path / "heavy.pdf"
    path.write_bytes(_pdf_of_pages(pages, drawing))
    a = read_article(path)
    assert "Inspectors praised force AAA today." in a.text
    assert len(a.notes) == 1 and a.notes[0].endswith(where), a.notes


def _scanned_pdf() -> bytes:
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out)
    c.drawImage(ImageReader(Image.new("L", (600, 800), 255)), 0, 0)
    c.showPage()
    c.save()
    return out.getvalue()


def _flate_bomb_pdf() -> bytes:
    """One page whose content stream inflates from 100 kB to 100 MB (pypdf stops at 75 MB;
    a bigger bomb would only make this test slower)."""
    import zlib

    packer = zlib.compressobj(9)
    line = b"BT /F1 12 Tf 72 700 Td (x) Tj ET\n" * 30_000
    stream = b"".join(packer.compress(line) for _ in range(100)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % n + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.writelines(b"%010d 00000 n \n" % o for o in offsets)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (6, xref))
    return out.getvalue()


def _truncated_pdf() -> bytes:
    good = report_pdf(pages=1)
    return good[: len(good) // 3]


PDF_REASONS = {
    "pdf-user-password": (
        lambda: report_pdf(encrypt=("letmein", "owner"), pages=1),
        "x.pdf: encrypted PDF: needs a password, not read",
    ),
    "pdf-truncated": (_truncated_pdf, "x.pdf: damaged PDF, not read ("),
    "pdf-garbage": (
        lambda: b"%PDF-1.7\n" + bytes(range(256)) * 8,
        "x.pdf: damaged PDF, not read (",
    ),
    "pdf-scanned": (
        _scanned_pdf,
        "x.pdf: PDF with no text layer (scanned or image only): not read",
    ),
    "pdf-bomb": (_flate_bomb_pdf, "x.pdf: damaged PDF: no page could be read"),
}


@pytest.mark.parametrize("case", sorted(PDF_REASONS))
def test_reliability_pdf_that_cannot_be_read_is_one_line(tmp_path: Path, case: str) -> None:
    make, message = PDF_REASONS[case]
    path = tmp_path / "x.pdf"
    path.write_bytes(make())
    items = list(read_corpus(tmp_path))
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    line = f"{items[0].file_name}: {items[0].reason}"
    assert line.startswith(message) and "\n" not in line and len(line) < 250, line


# --- Word ------------------------------------------------------------------------------

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def press_release_docx(
    *, created: dt.datetime | None = dt.datetime(2019, 4, 30, 9, 0), dateline: bool = True
) -> bytes:
    """A force's press release as Word makes them: a title, a date in a content control,
    body paragraphs (one with a tracked insertion and a tracked deletion), a table of
    grades, and "OFFICIAL" in the page header."""
    from docx.oxml import parse_xml

    d = docx.Document()
    d.core_properties.title = TITLE
    d.core_properties.author = "Cumbria Constabulary Press Office"
    if created is not None:
        d.core_properties.created = created
    d.sections[0].header.paragraphs[0].text = "OFFICIAL"
    title = d.add_paragraph(TITLE, style="Title")
    if dateline:
        title._p.addnext(
            parse_xml(
                f'<w:sdt xmlns:w="{_W}"><w:sdtPr><w:date/></w:sdtPr><w:sdtContent>'
                "<w:p><w:r><w:t>Thursday 2 May 2019</w:t></w:r></w:p></w:sdtContent></w:sdt>"
            )
        )
    for text in PARAGRAPHS:
        d.add_paragraph(text)
    tracked = d.add_paragraph("The report ")
    tracked._p.append(
        parse_xml(
            f'<w:ins xmlns:w="{_W}" w:id="1" w:author="Editor" w:date="2019-05-01T10:00:00Z">'
            '<w:r><w:t xml:space="preserve">was published on Thursday and </w:t></w:r></w:ins>'
        )
    )
    tracked._p.append(
        parse_xml(
            f'<w:del xmlns:w="{_W}" w:id="2" w:author="Editor" w:date="2019-05-01T10:00:00Z">'
            '<w:r><w:delText xml:space="preserve">was leaked to the press and </w:delText>'
            "</w:r></w:del>"
        )
    )
    tracked.add_run("can be read on the inspectorate's website.")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {
        (0, 0): "Preventing crime",
        (0, 1): "Good",
        (1, 0): "Treating the public fairly",
        (1, 1): "Good",
    }.items():
        table.cell(r, c).text = text
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_reliability_docx_read_for_its_facts(tmp_path: Path) -> None:
    path = tmp_path / "cumbria-release.docx"
    path.write_bytes(press_release_docx())
    a = read_article(path)
    assert a.format == "docx"
    assert a.title == TITLE and a.author == "Cumbria Constabulary Press Office"
    assert a.published == PartialDate(2019, 5, 2)  # the dateline, not the file's creation
    assert "The report was published on Thursday and can be read on" in a.text
    assert "leaked" not in a.text and "OFFICIAL" not in a.text
    assert "Treating the public fairly" in a.text
    bodies = [a.text[s.start : s.end] for s in a.body]
    for p in PARAGRAPHS:
        assert p in bodies
    roles, quotes = _facts(a)
    assert ("Michelle Skeer", "chief-constable", "cumbria") in roles
    assert any(speaker == "Michelle Skeer" for speaker, _ in quotes)


def test_reliability_docx_date_from_core_properties(tmp_path: Path) -> None:
    path = tmp_path / "release.docx"
    path.write_bytes(press_release_docx(dateline=False))
    assert read_article(path).published == PartialDate(2019, 4, 30)


def test_reliability_docx_without_core_properties_has_no_made_up_metadata(
    tmp_path: Path,
) -> None:
    """python-docx makes up "Word Document" and now for a file without core.xml."""
    import re

    source = zipfile.ZipFile(io.BytesIO(press_release_docx(dateline=False)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "_rels/.rels":  # the package's link to it goes too
                data = re.sub(rb"<Relationship [^>]*docProps/core\.xml[^>]*/>", b"", data)
            if item.filename != "docProps/core.xml":
                z.writestr(item, data)
    path = tmp_path / "bare.docx"
    path.write_bytes(out.getvalue())
    a = read_article(path)
    assert a.published is None and a.author is None
    assert a.title == TITLE  # the first line of the text


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            _zip({"word/document.xml": b"<w:document", "[Content_Types].xml": b"<Types/>"}),
            "x.docx: damaged Word document, not read (",
            id="docx-damaged",
        ),
        pytest.param(
            _zip({"word/document.xml": b" " * 300_000_000}),
            "x.docx: Word document unpacks to 300,000,000 bytes, over the limit",
            id="docx-bomb",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "WordDocument".encode("utf-16-le"),
            "x.docx: Word 97-2003 document (.doc): not read; save it as .docx or PDF",
            id="doc",
        ),
        pytest.param(
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
            + bytes(500)
            + "EncryptedPackage".encode("utf-16-le"),
            "x.docx: encrypted Office document: needs a password, not read",
            id="docx-encrypted",
        ),
        pytest.param(
            _zip({"mimetype": b"application/vnd.oasis.opendocument.text"}),
            "x.docx: OpenDocument file (.odt): not read; save it as .docx or PDF",
            id="odt",
        ),
        pytest.param(_zip({"a.csv": b"1,2,3"}), "x.docx: ZIP archive, not an article", id="zip"),
        pytest.param(b"PK\x03\x04" + bytes(100), "x.docx: damaged ZIP archive", id="zip-damaged"),
        pytest.param(
            b"{\\rtf1\\ansi Chief Constable said}",
            "x.docx: RTF document: not read; save it as .docx or PDF",
            id="rtf",
        ),
    ],
)
def test_reliability_docx_that_cannot_be_read_is_one_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = tmp_path / "x.docx"
    path.write_bytes(data)
    items = list(read_corpus(tmp_path))
    assert len(items) == 1 and isinstance(items[0], IngestError), items
    line = f"{items[0].file_name}: {items[0].reason}"
    assert line.startswith(message) and "\n" not in line and len(line) < 250, line


# --- any damage to a real document: an Article or one line, never a traceback ---------


@pytest.fixture(scope="module")
def originals() -> dict[str, bytes]:
    return {"pdf": report_pdf(pages=2), "docx": press_release_docx()}


def _damaged(data: bytes, cuts: list[tuple[int, int, bytes]]) -> bytes:
    out = bytearray(data)
    for at, length, noise in cuts:
        at %= len(out)
        out[at : at + length] = noise
    return bytes(out)


@settings(max_examples=40, deadline=None, database=None)
@given(
    kind=st.sampled_from(["pdf", "docx"]),
    cuts=st.lists(
        st.tuples(st.integers(0, 10**7), st.integers(0, 64), st.binary(max_size=64)),
        min_size=1,
        max_size=4,
    ),
)
def test_reliability_damaged_document_is_read_or_one_line(
    tmp_path_factory: pytest.TempPathFactory,
    originals: dict[str, bytes],
    kind: str,
    cuts: list[tuple[int, int, bytes]],
) -> None:
    path = tmp_path_factory.mktemp("damaged") / f"x.{kind}"
    path.write_bytes(_damaged(originals[kind], cuts))
    try:
        a = read_article(path)
    except InputError as e:
        assert str(e).startswith("x.") and "\n" not in str(e)
        return
    assert all(0 <= s.start <= s.end <= len(a.text) for s in a.body + a.clutter)
