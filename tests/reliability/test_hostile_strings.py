"""Issue 6, part 5: hostile strings in names, titles, file names and quotes
become valid IRIs and literals, and inert HTML.

A corpus whose titles, publisher, URL, file names and quotations hold quote
marks, angle brackets, ``<script>``, newlines and line separators, right-to-left
marks, emoji, control characters, NUL, noncharacters and lone surrogates is
built with ``python -m kg build``. Every export must re-parse (pyoxigraph, and
rapper and serdi where installed), hold the strings as they were read (a lone
surrogate or noncharacter as U+FFFD), and the page must run none of them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.viz import render_html
from kg.vocab import KGO, OA, ORG, SCHEMA, article_iri, evidence_iri, org_iri, person_iri

from .conftest import assert_valid_iris, parse_export, run_kg

LEAD = "HMICFRS published a report on Cumbria Constabulary today, rating it good.\n\n"
# in a quotation: backslash, <script>, &, <b>, RTL override and pop, emoji, U+2028 and
# U+2029, control characters, NEL, NUL (past the first 4 kB, where a NUL means binary),
# a zero-width no-break space, a noncharacter and a combining accent
QUOTE = (
    "<script>alert('q')</script> \\ & <b>stop</b> \u202eevil\u202c \U0001f600 \u2028 line "
    "\u2029 para \x0b\x0c\x1f\x7f\x85 zero\x00width\ufeff \ufffe \u0301 end."
)
TITLE_YAML = "Evil <script>alert('t')</script> \\\" quote\\n\\u202e \U0001f600 \\ud800 \\\\ end"
TITLE = "Evil <script>alert('t')</script> \" quote \u202e \U0001f600 \ufffd \\ end"
PUBLISHER = "Pub </script><img src=x onerror=alert(1)> \u202eRTL"
EVIL_NAME = 'evil "<img src=x onerror=alert(1)>" \u202efdp\U0001f600.txt'
RAW_NAME = b"caf\xe9 \xed\xa0\x80.txt"  # Latin-1 and a CESU-8 surrogate: not UTF-8


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    corpus = base / "corpus"
    corpus.mkdir()
    padding = LEAD * 60  # the NUL past the first 4 kB
    (corpus / "quote-evil.txt").write_bytes(
        (padding + f"Chief Constable Michelle Skeer said: “{QUOTE}”\n").encode("utf-8")
    )
    (corpus / "front-evil.md").write_text(
        f'---\ntitle: "{TITLE_YAML}"\npublisher: "{PUBLISHER}"\n'
        'url: "https://example.org/a b/<script>"\n---\n'
        + LEAD
        + "Chief Constable Michelle Skeer said: “We are proud.”\n",
        encoding="utf-8",
    )
    (corpus / EVIL_NAME).write_text(
        LEAD + "Chief Constable Michelle Skeer said: “We are proud of them.”\n", encoding="utf-8"
    )
    with open(os.fsencode(corpus) + b"/" + RAW_NAME, "wb") as f:
        f.write(
            LEAD.encode() + b"Chief Constable Michelle Skeer said: \xe2\x80\x9cWe are "
            b"proud \xed\xa0\x80 of the staff.\xe2\x80\x9d\n"
        )
    out = base / "out"
    done = run_kg("build", str(corpus), "--out", str(out), "--quiet")
    assert done.returncode == 0, done.stderr
    return out


def _literals(out: Path, predicate: str) -> set[str]:
    return {
        q.object.value
        for q in parse_export(out / "graph.trig")
        if q.predicate.value == predicate and isinstance(q.object, ox.Literal)
    }


def test_reliability_hostile_exports_parse_and_iris_are_valid(hostile: Path) -> None:
    for name in ("graph.ttl", "graph.nt", "graph.jsonld"):
        assert len(parse_export(hostile / name)) > 100
    assert assert_valid_iris(parse_export(hostile / "graph.trig")) > 100


@pytest.mark.parametrize("tool", ["rapper", "serdi"])
@pytest.mark.parametrize("name", ["graph.ttl", "graph.nt", "graph.trig"])
def test_reliability_hostile_exports_parse_with_debian_tools(
    hostile: Path, tool: str, name: str
) -> None:
    exe = shutil.which(tool)
    if exe is None:
        pytest.skip(f"{tool} is not installed")
    syntax = {".ttl": "turtle", ".nt": "ntriples", ".trig": "trig"}[Path(name).suffix]
    argv = [exe, "-i", syntax, "-c"] if tool == "rapper" else [exe, "-i", syntax, "-o", "ntriples"]
    done = subprocess.run([*argv, str(hostile / name)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Error" not in done.stderr


def test_reliability_hostile_literals_kept_as_read(hostile: Path) -> None:
    assert f"{QUOTE.replace(chr(0xFFFE), chr(0xFFFD))}" in {
        t[t.find("<script>") :] for t in _literals(hostile, "https://schema.org/text")
    }
    assert TITLE in _literals(hostile, "https://schema.org/name")
    assert PUBLISHER in _literals(hostile, "https://schema.org/name")
    assert "https://example.org/a%20b/%3Cscript%3E" in _literals(hostile, "https://schema.org/url")
    files = _literals(hostile, str(KGO.fileName))
    assert {EVIL_NAME, "caf\ufffd \ufffd\ufffd\ufffd.txt", "quote-evil.txt"} <= files
    texts = _literals(hostile, "https://schema.org/text")
    assert "We are proud \ufffd of the staff." in texts


class _Page(HTMLParser):
    """Every element a browser would make of the page, and the text of its data block."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self._in_data = False
        self.data_text = ""
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, tuple(sorted(attrs))))
        self._in_data = tag == "script" and ("id", "kg-data") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data_text += data


def _page_parts(page: str) -> tuple[list[tuple[str, tuple[tuple[str, str | None], ...]]], object]:
    """The elements of the page (tags with their attributes), and its decoded data."""
    parsed = _Page(page)
    return parsed.elements, json.loads(parsed.data_text)


def _strings(data: object) -> list[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, list):
        return [s for item in data for s in _strings(item)]
    if isinstance(data, dict):
        return [s for v in data.values() for s in _strings(v)]
    return []


def test_reliability_hostile_page_is_inert(hostile: Path, cli_build: Path) -> None:
    page = (hostile / "graph.html").read_text(encoding="utf-8")
    benign = (cli_build / "graph.html").read_text(encoding="utf-8")
    elements, data = _page_parts(page)
    # the same elements with the same attributes as a page of harmless data: no tag or
    # event handler came out of the data, and the three <script> blocks are the page's own
    assert elements == _page_parts(benign)[0]
    strings = _strings(data)
    assert TITLE in strings and PUBLISHER in strings
    assert any("<script>alert('q')</script>" in s for s in strings)


def _hostile_graph() -> Graph:
    """A graph with hostile strings where the extractors never put them: in names."""
    g = Graph()
    art = article_iri("a")
    person = person_iri("evil")
    g.add((art, RDF.type, SCHEMA.NewsArticle))
    g.add((art, SCHEMA.name, Literal("<img src=x onerror=alert(1)>")))
    g.add((art, KGO.fileName, Literal('"><script>alert(2)</script>.txt')))
    g.add((art, SCHEMA.url, Literal("javascript:alert(3)", datatype=XSD.anyURI)))
    g.add((person, RDF.type, SCHEMA.Person))
    g.add((person, SCHEMA.name, Literal("</script><script>alert(4)</script>\u202e\U0001f600")))
    g.add((art, SCHEMA.mentions, person))
    member = URIRef("https://w3id.org/kg-oversight/id/membership/evil")
    g.add((member, RDF.type, ORG.Membership))
    g.add((member, ORG.member, person))
    g.add((member, ORG.organization, org_iri("cumbria")))
    g.add((member, ORG.role, URIRef("https://w3id.org/kg-oversight/role/chief-constable")))
    g.add((member, KGO.roleLabel, Literal("<!-- -->\n<svg onload=alert(5)>")))
    ev = evidence_iri("a", 0, 10)
    g.add((member, KGO.evidence, ev))
    g.add((ev, RDF.type, KGO.Evidence))
    g.add((ev, OA.exact, Literal("]]></script><script>alert(6)</script>\u2028")))
    g.add((ev, KGO.inArticle, art))
    g.add((org_iri("cumbria"), RDF.type, KGO.PoliceForce))
    g.add((org_iri("cumbria"), SCHEMA.name, Literal("Cumbria <b>Constabulary</b>")))
    return g


def test_reliability_page_escapes_hostile_names() -> None:
    page = render_html(_hostile_graph(), title="<script>alert(7)</script>")
    benign = render_html(Graph())
    elements, data = _page_parts(page)
    assert elements == _page_parts(benign)[0]
    strings = _strings(data)
    assert "</script><script>alert(4)</script>\u202e\U0001f600" in strings
    assert "]]></script><script>alert(6)</script>\u2028" in strings
    assert "<img src=x onerror=alert(1)>" in strings
    assert "&lt;script&gt;alert(7)&lt;/script&gt;" in page  # the page title, as text
