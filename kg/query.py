"""Ask the graph: the named competency queries in ``kg/queries/*.rq``, run
with bound parameters on pyoxigraph, and their results in several formats.

The engine is pyoxigraph, 14-50x faster than rdflib's default store on this
graph (``bench/bench_query.py``). A graph source is a store written by
``kg.store.write_store`` (opened read-only, nothing re-parsed), any RDF file
(parsed into memory) or an open ``pyoxigraph.Store``.

What is deliberately refused, before anything runs (``QueryRefused``, by
``check_query``): every update (``LOAD`` included), ``SERVICE`` (pyoxigraph
would call the remote endpoint), ``FROM`` / ``FROM NAMED`` of any IRI (kg
answers from its own graph), texts over 256 KiB and nesting deeper than 64.
The check reads the query's syntax tree as rdflib's SPARQL 1.1 parser builds
it (pyoxigraph does not expose its own), never its words; a text rdflib
cannot read is not run (see ``check_query`` for why that matters).

Format names are one table for every command: ``RDF_FORMATS`` (``ttl``,
``nt``, ``nq``, ``json-ld``, ``rdf``, ``xml`` are aliases of ``turtle``,
``ntriples``, ``nquads``, ``jsonld``, ``rdfxml``; ``trig``) and
``RESULT_FORMATS`` for SELECT and ASK; ``format_name`` gives the canonical name.

Parameters are bound by a ``VALUES`` block made of terms serialised by
pyoxigraph, inserted as the first element of the query's WHERE group; the
query text itself is never edited with the values. (pyoxigraph's own
``substitutions`` would need each parameter in the SELECT projection, which
aggregate queries cannot have.) Parameters are therefore visible everywhere in
the WHERE group except inside sub-SELECTs.

Timeouts: pyoxigraph cannot cancel a running query, so ``run_query(...,
timeout=)`` evaluates it in a daemon thread and stops waiting for it; the
thread runs on until the query ends or the process exits. ``kg query`` and
``kg serve`` run each query in a worker process they can stop, with a memory
cap as well (``kg.serve.run_isolated``, ``kg.serve.WorkerPool``).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import sys
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeAlias
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import InputError, QueryError, UsageError
from kg.formats import ALIASES as EXPORT_ALIASES
from kg.formats import FORMATS as EXPORT_FORMATS

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
QueryKind: TypeAlias = Literal["select", "ask", "graph"]

QUERY_DIR = Path(__file__).parent / "queries"

#: Result formats of a SELECT or ASK (``QueryResult.render``). ``tsv`` is plain
#: values (tabs and newlines escaped as ``\\t``/``\\n``); ``sparql-tsv`` is the
#: W3C SPARQL TSV.
RESULT_FORMATS: tuple[str, ...] = (
    "table",
    "csv",
    "tsv",
    "json",
    "sparql-json",
    "sparql-xml",
    "sparql-tsv",
)
#: The RDF format names every kg command accepts: each name or alias -> its
#: canonical name (``kg query --format``, the endpoint's ``?format=``, and
#: ``kg build --format``): the table of ``kg.formats``, where the formats live.
RDF_FORMATS: dict[str, str] = {**{name: name for name in EXPORT_FORMATS}, **EXPORT_ALIASES}
#: Canonical RDF format name -> pyoxigraph's format.
OX_RDF_FORMATS: dict[str, ox.RdfFormat] = dict(EXPORT_FORMATS)
#: Every canonical output format of ``QueryResult.render``.
FORMATS: tuple[str, ...] = RESULT_FORMATS + tuple(OX_RDF_FORMATS)
#: Every name ``format_name`` accepts (canonical names and aliases).
FORMAT_NAMES: tuple[str, ...] = RESULT_FORMATS + tuple(RDF_FORMATS)
_RESULT_SET_FORMATS = {"sparql-json", "sparql-xml", "sparql-tsv"}
_GRAPH_FORMATS = set(OX_RDF_FORMATS)


def format_name(name: str) -> str:
    """The canonical name of an output format (``ttl`` -> ``turtle``); UsageError if unknown."""
    key = name.strip().lower()
    if key in RESULT_FORMATS:
        return key
    if key in RDF_FORMATS:
        return RDF_FORMATS[key]
    raise UsageError(f"unknown format {name!r} (known: {', '.join(FORMAT_NAMES)})")


_XSD = "http://www.w3.org/2001/XMLSchema#"
_XSD_STRING = _XSD + "string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_INTEGER_TYPES = {
    _XSD + t
    for t in [
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    ]
}
_FLOAT_TYPES = {_XSD + "decimal", _XSD + "double", _XSD + "float"}

_FORM_KEYWORDS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}
_VAR_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_QUERY_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")


class QueryRefused(QueryError):
    """A query kg will not run: an update, SERVICE, or FROM a non-http(s) IRI."""


class QueryTimeout(QueryError):
    """A query that did not finish within its time limit."""

    exit_code = 3


class ResultTooLarge(QueryError):
    """A result with more rows than the caller allows."""


# ---------------------------------------------------------------------------
# The catalogue of named queries


@dataclass(frozen=True)
class Param:
    """A parameter a named query declares in its ``# params:`` header."""

    name: str
    required: bool
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A ``.rq`` file and what its comment header says about it."""

    name: str
    question: str
    params: tuple[Param, ...]
    text: str
    path: Path | None = None


def list_queries() -> list[NamedQuery]:
    """Every query shipped in ``kg/queries/``, by name."""
    return [_read_query(p) for p in _shipped().values()]


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Path]:
    """Shipped query name -> its file. A user's text is looked up here, never
    joined to a path (a 300-character name used to reach the file system)."""
    return {p.stem: p for p in sorted(QUERY_DIR.glob("*.rq"))}


def shipped_query(name: str) -> NamedQuery | None:
    """The shipped query of that name (``people-roles`` or ``people-roles.rq``), or None."""
    stem = name[:-3] if name.endswith(".rq") else name
    path = _shipped().get(stem)
    return _read_query(path) if path is not None else None


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A shipped query by name (``people-roles``, or ``people-roles.rq``) or any
    ``.rq`` file by path; a file of that name in the working folder comes first."""
    candidate = Path(name_or_path)
    try:
        is_file = candidate.is_file()
    except OSError:  # a name too long for the file system
        is_file = False
    if not is_file and isinstance(name_or_path, str):
        named = shipped_query(name_or_path)
        if named is not None:
            return named
        if _QUERY_NAME.match(name_or_path.removesuffix(".rq")):
            names = ", ".join(_shipped())
            shown = name_or_path if len(name_or_path) <= 80 else name_or_path[:79] + "…"
            raise UsageError(f"no query named {shown!r} (known: {names})")
    return _read_query(candidate)


def _read_query(path: Path) -> NamedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        raise InputError(f"{path}: cannot read the query: {reason}") from e
    return parse_header(text, path=path)


def parse_header(text: str, path: Path | None = None) -> NamedQuery:
    """Read the ``# name:``, ``# question:`` and ``# params:`` comment lines.

    ``# params:`` lists parameters separated by ``;``, each ``name`` (required)
    or ``name?`` (optional), optionally followed by `` - description``. The
    header may repeat ``# params:`` lines; it ends at the first non-comment line.
    """
    fields: dict[str, list[str]] = {}
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        m = re.match(r"#\s*(name|question|params)\s*:\s*(.*)", stripped)
        if m:
            fields.setdefault(m.group(1), []).append(m.group(2).strip())
        elif fields and not re.match(r"#\s*\w+\s*:", stripped):
            # a continuation line of the previous field
            last = list(fields)[-1]
            fields[last][-1] += " " + stripped.lstrip("#").strip()
    params: list[Param] = []
    for spec in fields.get("params", []):
        for item in filter(None, (s.strip() for s in spec.split(";"))):
            m = re.match(r"(\w+)(\?)?\s*(?:[-\u2014:]\s*(.*))?\Z", item)
            if not m:
                where = path or "query"
                raise QueryError(f"{where}: bad parameter declaration {item!r}")
            params.append(Param(m.group(1), not m.group(2), (m.group(3) or "").strip()))
    default_name = path.stem if path else "query"
    return NamedQuery(
        name=(fields.get("name") or [default_name])[0],
        question=" ".join(fields.get("question", [])),
        params=tuple(params),
        text=text,
        path=path,
    )


# ---------------------------------------------------------------------------
# Graph sources


def default_graph_source(out_dir: str | Path = "exports") -> Path:
    """``OUT/store`` if it exists, else ``OUT/graph.ttl``; InputError if neither."""
    from kg.store import is_store

    out = Path(out_dir)
    if is_store(out / "store"):
        return out / "store"
    if (out / "graph.ttl").is_file():
        return out / "graph.ttl"
    raise InputError(
        f"no graph: neither {out / 'store'} nor {out / 'graph.ttl'} exists; run `kg build` first"
    )


_open_cache: dict[tuple[str, int, int], ox.Store] = {}
_open_lock = threading.Lock()


def open_graph(source: ox.Store | str | Path) -> ox.Store:
    """An open store for a graph source: a Store, a store directory or an RDF file.

    The last two stores opened are cached by path, inode and modification
    time, so a rebuilt store or an edited file is opened afresh.
    """
    from kg.store import is_store, load_file, open_store

    if isinstance(source, ox.Store):
        return source
    p = Path(source)
    if p.is_dir() and not is_store(p):
        raise InputError(f"{p}: a directory, but not a kg store")
    try:
        st = (p / "CURRENT").stat() if p.is_dir() else p.stat()
    except OSError:
        raise InputError(f"{p}: no such file or store") from None
    key = (str(p.resolve()), st.st_ino, st.st_mtime_ns)
    with _open_lock:
        cached = _open_cache.get(key)
        if cached is not None:
            return cached
        store = open_store(p) if p.is_dir() else load_file(p)
        while len(_open_cache) >= 2:
            _open_cache.pop(next(iter(_open_cache)))
        _open_cache[key] = store
        return store


# ---------------------------------------------------------------------------
# Results


def _lexical(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return str(term)  # a triple term, in N-Triples syntax


def _json_value(term: Term | None) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value
        try:
            if dt in _INTEGER_TYPES:
                return int(term.value)
            if dt in _FLOAT_TYPES:
                f = float(term.value)
                return f if math.isfinite(f) else term.value
            if dt == _XSD + "boolean":
                return term.value in ("true", "1")
        except ValueError:
            return term.value
        return term.value
    return _lexical(term)


def _compact(term: Term | None) -> str:
    """A term for a human: IRIs as prefixed names where a prefix fits."""
    if isinstance(term, ox.NamedNode):
        from kg.vocab import PREFIXES

        best = ""
        for prefix, ns in PREFIXES.items():
            if term.value.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
                best = prefix
        if best:
            local = term.value[len(PREFIXES[best]) :]
            if re.fullmatch(r"[\w.\-/]*", local):
                return f"{best}:{local}"
        return term.value
    return _lexical(term)


def _sparql_json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _sparql_json_term(term.subject),
            "predicate": _sparql_json_term(term.predicate),
            "object": _sparql_json_term(term.object),
        },
    }


def _sparql_xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_sparql_xml_term(term.subject)}</subject>"
        f"<predicate>{_sparql_xml_term(term.predicate)}</predicate>"
        f"<object>{_sparql_xml_term(term.object)}</object></triple>"
    )


def _tsv_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


@dataclass(frozen=True)
class QueryResult:
    """The materialised answer to one query.

    ``kind`` is ``select`` (``variables`` and ``rows``; an unbound value is
    ``None``), ``ask`` (``boolean``) or ``graph`` (``triples``, from CONSTRUCT
    or DESCRIBE).
    """

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    elapsed: float = field(default=0.0, compare=False)

    def __len__(self) -> int:
        if self.kind == "graph":
            return len(self.triples)
        return len(self.rows) if self.kind == "select" else 1

    def _table_rows(self) -> tuple[tuple[str, ...], list[tuple[Term | None, ...]]]:
        if self.kind == "graph":
            return ("subject", "predicate", "object"), [tuple(t) for t in self.triples]
        return self.variables, list(self.rows)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of JSON values (numbers and booleans typed, unbound None)."""
        header, rows = self._table_rows()
        return [dict(zip(header, map(_json_value, row), strict=True)) for row in rows]

    def render(self, fmt: str = "table", max_cell: int = 80) -> str:
        """The result in one of ``FORMAT_NAMES``; QueryError if it does not fit
        the query form (``turtle`` for a SELECT, ``sparql-json`` for a
        CONSTRUCT). ``max_cell`` shortens long values in ``table`` only."""
        fmt = format_name(fmt)
        if fmt in _GRAPH_FORMATS:
            if self.kind != "graph":
                raise QueryError(
                    f"--format {fmt} needs a CONSTRUCT or DESCRIBE query; "
                    "for SELECT or ASK use one of " + ", ".join(RESULT_FORMATS)
                )
            from kg.vocab import PREFIXES

            rdf_fmt = OX_RDF_FORMATS[fmt]
            used = (
                _used_prefixes(self.triples, PREFIXES)
                if fmt in ("turtle", "trig", "rdfxml")
                else None
            )
            data = ox.serialize(self.triples, format=rdf_fmt, prefixes=used)
            text = data.decode("utf-8") if data else ""
            if fmt == "jsonld" and not text:
                text = "[]"
            return text if not text or text.endswith("\n") else text + "\n"
        if fmt in _RESULT_SET_FORMATS and self.kind == "graph":
            raise QueryError(f"--format {fmt} needs a SELECT or ASK query; try turtle")
        if self.kind == "ask":
            return self._render_ask(fmt)
        return getattr(self, "_render_" + fmt.replace("-", "_"))(max_cell)

    def _render_ask(self, fmt: str) -> str:
        value = bool(self.boolean)
        if fmt == "sparql-json":
            return json.dumps({"head": {}, "boolean": value}) + "\n"
        if fmt == "sparql-xml":
            return (
                '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n"
            )
        if fmt == "json":
            return json.dumps(value) + "\n"
        return ("true" if value else "false") + "\n"

    def _render_table(self, max_cell: int) -> str:
        header, rows = self._table_rows()

        def cell(term: Term | None) -> str:
            text = " ".join(_compact(term).split()) if term is not None else ""
            return text if len(text) <= max_cell else text[: max_cell - 1] + "…"

        body = [[cell(t) for t in row] for row in rows]
        widths = [len(h) for h in header]
        for row in body:
            widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
        lines.append("  ".join("-" * w for w in widths))
        lines += [
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body
        ]
        n = len(body)
        lines.append(f"({n} row{'s' if n != 1 else ''})")
        return "\n".join(lines) + "\n"

    def _render_csv(self, _max_cell: int) -> str:
        header, rows = self._table_rows()
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(header)
        w.writerows([_lexical(t) for t in row] for row in rows)
        return buf.getvalue()

    def _render_tsv(self, _max_cell: int) -> str:
        header, rows = self._table_rows()
        lines = ["\t".join(header)]
        lines += ["\t".join(_tsv_escape(_lexical(t)) for t in row) for row in rows]
        return "\n".join(lines) + "\n"

    def _render_json(self, _max_cell: int) -> str:
        return json.dumps(self.records(), ensure_ascii=False, indent=2) + "\n"

    def _render_sparql_json(self, _max_cell: int) -> str:
        bindings = [
            {
                v: _sparql_json_term(t)
                for v, t in zip(self.variables, row, strict=True)
                if t is not None
            }
            for row in self.rows
        ]
        doc = {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False) + "\n"

    def _render_sparql_xml(self, _max_cell: int) -> str:
        out = [
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in self.variables),
            "</head>\n<results>",
        ]
        for row in self.rows:
            out.append("<result>")
            for v, t in zip(self.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_sparql_xml_term(t)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n</sparql>\n")
        return "".join(out)

    def _render_sparql_tsv(self, _max_cell: int) -> str:
        lines = ["\t".join("?" + v for v in self.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in self.rows]
        return "\n".join(lines) + "\n"


def _used_prefixes(triples: Sequence[ox.Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes worth declaring: used, and giving every IRI they abbreviate
    a plain local name (``id:person/x`` would need escaping: leave it whole)."""
    iris = {t.value for tr in triples for t in tr if isinstance(t, ox.NamedNode)}
    chosen = {p: ns for p, ns in prefixes.items() if any(i.startswith(ns) for i in iris)}
    changed = True
    while changed:
        changed = False
        for iri in iris:
            matches = [(len(ns), p) for p, ns in chosen.items() if iri.startswith(ns)]
            if matches:
                _, p = max(matches)
                if not re.fullmatch(r"[A-Za-z_][\w\-.]*", iri[len(chosen[p]) :]):
                    del chosen[p]
                    changed = True
                    break
    return chosen


# ---------------------------------------------------------------------------
# Tokens: just enough SPARQL lexing to refuse SERVICE / FROM <file:> and to
# find where the WHERE group opens.

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'''(?:[^'\\]|\\.|'(?!''))*'''
              |"(?:[^"\\\n\r]|\\.)*"
              |'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7-\uffff]+)
  | (?P<pname>(?:[A-Za-z_\u00c0-\uffff][\w.\-\u00b7-\uffff]*)?:(?:[\w\-.:%\u00b7-\uffff]|\\.)*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int


def _tokens(text: str) -> Iterator[_Tok]:
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield _Tok(kind, m.group(), m.start(), m.end())


def query_form(text: str) -> str:
    """The query's form keyword (SELECT, ASK, ...; INSERT etc. for an update), upper-case."""
    skip = 0
    for t in _tokens(text):
        if skip:
            skip -= 1
            continue
        if t.kind != "word":
            continue
        up = t.text.upper()
        if up == "PREFIX":
            skip = 2
        elif up == "BASE":
            skip = 1
        else:
            return up
    return ""


#: Longest query text kg reads, in characters (the named queries are under 3,000).
MAX_QUERY_CHARS = 256 * 1024
#: Deepest nesting of ``{``, ``(`` and ``[`` kg passes to a parser (the named
#: queries nest 9 deep). pyoxigraph's parser recurses once per level and
#: overflowed the stack at about 1,500; rdflib's needs about 30 Python frames a level.
MAX_NESTING = 64
_RECURSION = 5_000  # Python frames rdflib's parser may use: MAX_NESTING levels and a margin

_UPDATE_VERBS = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE",
}
_FORMS = {
    "SelectQuery": "SELECT",
    "ConstructQuery": "CONSTRUCT",
    "DescribeQuery": "DESCRIBE",
    "AskQuery": "ASK",
}


def check_query(text: str) -> str:
    """Screen a query before anything runs it; return its form (``SELECT``,
    ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``).

    Raises QueryRefused for an update (``LOAD`` included), ``SERVICE``, a
    dataset clause (``FROM`` / ``FROM NAMED``, any IRI: kg answers from its own
    graph), a text over ``MAX_QUERY_CHARS`` or nested deeper than
    ``MAX_NESTING``; QueryError for a malformed query or an undeclared prefix.

    The check reads the query's syntax tree, not its words: rdflib's SPARQL 1.1
    parser builds it (the tree rdflib's algebra is made from), and every node
    is looked at, so SERVICE is found however it is spelt or nested
    (``SERVICE:x``, ``SERVICEex:x``, ``\\u0053ERVICE``, inside OPTIONAL, EXISTS
    or a sub-select). pyoxigraph, which runs the query, does not expose its
    own parse. Where the two parsers disagree, kg refuses: a text that rdflib
    cannot read is never run (pyoxigraph accepts keywords run together with
    names, ``SERVICEex:x`` being ``SERVICE ex:x``; rdflib does not). Results are
    cached by text.
    """
    if len(text) > MAX_QUERY_CHARS:
        raise QueryRefused(
            f"refused: the query is {len(text):,} characters long; kg reads at most "
            f"{MAX_QUERY_CHARS:,}"
        )
    depth = nesting_depth(text)
    if depth > MAX_NESTING:
        raise QueryRefused(
            f"refused: the query nests brackets {depth} deep; kg allows {MAX_NESTING}"
        )
    form = _SCREENED.get(text)
    if form is None:
        form = _without_keywords(text) or _screen(text)
        remember_screened(text, form)
    return form


# The letters of every word that can make a query reach outside kg's graph or
# change it: SERVICE, FROM (a dataset clause) and the update operations.
_RISKY = re.compile(r"service|from|load|insert|delete|clear|drop|create|add|move|copy|with")


def _without_keywords(text: str) -> str | None:
    """The form of a query in which none of ``_RISKY``'s letter sequences
    appear anywhere, in any case, once ``\\u``/``\\U`` escapes are decoded; else None.

    Such a text cannot hold SERVICE, FROM or an update in any parser's reading
    (a keyword is its letters, however it is joined to its neighbours), so it
    needs no syntax tree: this skips rdflib's parse, about 5 ms of CPU for a
    short query. Anything else goes to the parse."""
    if _RISKY.search(_decode_escapes(text).casefold()):
        return None
    form = query_form(text)
    return form if form in _FORMS.values() else None


def _decode_escapes(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:
            return m.group(0)

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", char, text)


_SCREENED: dict[str, str] = {}  # text -> form, of texts that passed the check
_SCREENED_MAX = 1024
_SCREENED_LOCK = threading.Lock()


def remember_screened(text: str, form: str) -> None:
    """Record that ``text`` passed ``check_query`` with this form, so that it is
    not parsed again in this process. For ``kg serve``: a worker that starts
    gets the texts other workers already screened (the check is a pure
    function of the text, so its answer carries over)."""
    if form not in _FORMS.values():
        raise ValueError(f"not a query form: {form!r}")
    with _SCREENED_LOCK:
        if len(_SCREENED) >= _SCREENED_MAX:
            _SCREENED.pop(next(iter(_SCREENED)))
        _SCREENED[text] = form


def screened_form(text: str) -> str | None:
    """The form of ``text`` if it passed ``check_query`` in this process, else None."""
    return _SCREENED.get(text)


def nesting_depth(text: str) -> int:
    """How deep ``{``, ``(`` and ``[`` nest, outside strings, IRIs and comments."""
    depth = deepest = 0
    for t in _tokens(text):
        if t.kind != "other":
            continue
        if t.text in "{([":
            depth += 1
            deepest = max(deepest, depth)
        elif t.text in "})]":
            depth = max(0, depth - 1)
    return deepest


def _screen(text: str) -> str:
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    if sys.getrecursionlimit() < _RECURSION:
        sys.setrecursionlimit(_RECURSION)
    try:
        tree = parseQuery(text)
    except RecursionError:
        raise QueryRefused("refused: the query nests too deeply for kg to check it") from None
    except ParseBaseException as e:
        _not_a_query(text, e)
        raise AssertionError("unreachable") from None
    prologue, body = tree[0], tree[1]
    declared = set(_predeclared())
    for decl in prologue:
        if getattr(decl, "name", "") == "PrefixDecl":
            declared.add(str(dict.get(decl, "prefix") or ""))
    stack: list[Any] = [body]
    while stack:
        node = stack.pop()
        name = getattr(node, "name", None)
        if name == "ServiceGraphPattern":
            raise QueryRefused(
                "refused: SERVICE (federated query) is not allowed; kg answers from its own graph"
            )
        if name == "pname":
            prefix = str(dict.get(node, "prefix") or "")
            if prefix not in declared:
                raise QueryError(_undeclared_message(prefix))
        if isinstance(node, dict):
            clauses = dict.get(node, "datasetClause")
            if clauses:
                raise QueryRefused(
                    f"refused: {_dataset_clause(clauses[0])}: kg answers from its own graph "
                    "(no FROM or FROM NAMED)"
                )
            stack.extend(node.values())
        elif isinstance(node, list | tuple) or type(node).__name__ == "ParseResults":
            stack.extend(node)
    return _FORMS.get(getattr(body, "name", ""), "SELECT")


def _undeclared_message(prefix: str) -> str:
    return (
        f"prefix {prefix}: is not declared (add PREFIX {prefix}: <...>; kg declares "
        f"{', '.join(p + ':' for p in sorted(_predeclared()))})"
    )


def _undeclared_prefix(text: str) -> str | None:
    """The first prefix a query uses but neither declares nor kg predeclares
    (for the message; pyoxigraph only says "Prefix not found")."""
    declared = set(_predeclared())
    toks = list(_tokens(text))
    for i, t in enumerate(toks):
        if t.kind == "word" and t.text.upper() == "PREFIX" and i + 1 < len(toks):
            declared.add(toks[i + 1].text.partition(":")[0])
        elif t.kind == "pname":
            prefix = t.text.partition(":")[0]
            previous = toks[i - 1] if i else None
            is_declaration = previous is not None and previous.text.upper() == "PREFIX"
            if prefix not in declared and not is_declaration:
                return prefix
    return None


def _predeclared() -> dict[str, str]:
    from kg.vocab import PREFIXES

    return PREFIXES


def _dataset_clause(clause: Any) -> str:
    named = "named" in clause
    target: Any = dict.get(clause, "named" if named else "default")
    if getattr(target, "name", "") == "pname":
        shown = f"{dict.get(target, 'prefix') or ''}:{dict.get(target, 'localname') or ''}"
    else:
        shown = f"<{target}>"
    return ("FROM NAMED " if named else "FROM ") + shown


def _not_a_query(text: str, error: Exception) -> None:
    """Raise the right error for a text rdflib cannot read as a query: an
    update is refused; a text pyoxigraph cannot parse either is malformed
    (pyoxigraph's message and position); one only pyoxigraph reads is refused."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import expandUnicodeEscapes, parseUpdate

    try:
        update = parseUpdate(text)
    except (ParseBaseException, RecursionError):
        update = None
    if update is not None:
        names = [getattr(op, "name", "") for op in dict.get(update, "request") or []]
        if names:
            verb = _UPDATE_VERBS.get(names[0], "an update")
            raise QueryRefused(f"refused: {verb} is a SPARQL update; kg only reads the graph")
    # Without the letters of SERVICE anywhere, pyoxigraph can parse the text on
    # an empty store without calling out (pyoxigraph runs queries, never updates).
    if "service" in expandUnicodeEscapes(text).lower():
        raise QueryRefused(
            "refused: kg cannot check this query (rdflib's SPARQL 1.1 parser cannot read "
            f"it: {_rdflib_message(error)}), and it mentions SERVICE"
        )
    try:
        ox.Store().query(text, prefixes=_predeclared())
    except SyntaxError as e:
        raise QueryError(_syntax_message(str(e), text, -1, 0)) from None
    except (OSError, RuntimeError, ValueError):
        pass
    raise QueryRefused(
        "refused: kg checks every query with rdflib's SPARQL 1.1 parser before running it, "
        f"and it cannot read this one: {_rdflib_message(error)}"
    )


def _rdflib_message(error: Exception) -> str:
    line, col = getattr(error, "lineno", None), getattr(error, "col", None)
    msg = getattr(error, "msg", None) or str(error)
    where = f" at line {line}, column {col}" if line and col else ""
    return _one_line(f"{msg}{where}", 200)


def _where_brace(text: str) -> int | None:
    """Offset just after the ``{`` that opens the query's WHERE group."""
    toks = list(_tokens(text))
    depth_paren = depth_brace = 0
    seen_form = False
    after_where = False
    for t in toks:
        if t.kind == "word":
            up = t.text.upper()
            if up in _FORM_KEYWORDS and depth_brace == 0:
                seen_form = True
            elif up == "WHERE" and depth_brace == 0 and depth_paren == 0:
                after_where = True
            continue
        if t.text == "(":
            depth_paren += 1
        elif t.text == ")":
            depth_paren -= 1
        elif t.text == "{":
            if depth_brace == 0 and depth_paren == 0 and (after_where or seen_form):
                form = query_form(text)
                if after_where or form in ("SELECT", "ASK", "DESCRIBE"):
                    return t.end
            depth_brace += 1
        elif t.text == "}":
            depth_brace -= 1
    return None


# ---------------------------------------------------------------------------
# Parameters


def to_term(value: Any) -> ox.NamedNode | ox.Literal:
    """A Python value as an RDF term for a VALUES block.

    str -> xsd:string literal (never an IRI: use ``ox.NamedNode`` or
    ``param_term("<...>")``), bool/int/float -> typed literals, pyoxigraph
    and rdflib IRIs and literals as themselves. Blank nodes cannot be bound.
    """
    if isinstance(value, ox.NamedNode | ox.Literal):
        return value
    if isinstance(value, bool | int | float):
        return ox.Literal(value)
    if isinstance(value, str):
        # rdflib's URIRef and Literal are str subclasses: keep what they mean.
        kind = type(value).__name__
        if kind == "URIRef":
            return ox.NamedNode(str(value))
        if kind == "Literal":
            lang = getattr(value, "language", None)
            dt = getattr(value, "datatype", None)
            if lang:
                return ox.Literal(str(value), language=lang)
            if dt is not None:
                return ox.Literal(str(value), datatype=ox.NamedNode(str(dt)))
        return ox.Literal(str(value))
    raise UsageError(f"cannot bind {type(value).__name__} value {value!r} as a parameter")


def param_term(text: str) -> ox.NamedNode | ox.Literal:
    """A parameter typed by a user: ``<iri>`` is an IRI, anything else a string."""
    if len(text) > 2 and text.startswith("<") and text.endswith(">"):
        try:
            return ox.NamedNode(text[1:-1])
        except ValueError as e:
            raise UsageError(f"bad IRI {text}: {e}") from e
    return ox.Literal(text)


def bind_params(text: str, params: Mapping[str, Any]) -> tuple[str, int, int]:
    """The query with a VALUES block for ``params`` at the start of its WHERE
    group, plus where it went (offset) and its length, to correct error positions."""
    if not params:
        return text, -1, 0
    names = list(params)
    for name in names:
        if not _VAR_NAME.match(name):
            raise UsageError(f"bad parameter name {name!r}: letters, digits and _ only")
    terms = [to_term(params[n]) for n in names]
    where = _where_brace(text)
    if where is None:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    block = (
        " VALUES ("
        + " ".join("?" + n for n in names)
        + ") { ("
        + " ".join(str(t) for t in terms)
        + ") } "
    )
    assert "\n" not in block and "\r" not in block  # N-Triples escapes newlines
    return text[:where] + block + text[where:], where, len(block)


# ---------------------------------------------------------------------------
# Running


def run_query(
    graph_source: ox.Store | str | Path,
    query_text: str | NamedQuery,
    params: Mapping[str, Any] | None = None,
    timeout: float | None = None,
    max_rows: int | None = None,
    max_bytes: int | None = None,
) -> QueryResult:
    """Run a SPARQL query on a graph source and return its materialised result.

    ``query_text`` is SPARQL, a ``NamedQuery``, or the name of a shipped query
    (``"people-roles"``). A named query's declared parameters are checked: an
    unknown one or a missing required one is a UsageError. The prefixes of
    ``kg.vocab.PREFIXES`` are predeclared. The query is screened by
    ``check_query`` before anything runs.

    Raises QueryError (malformed: with line and column), QueryRefused,
    QueryTimeout after ``timeout`` seconds, ResultTooLarge past ``max_rows``
    rows or triples or about ``max_bytes`` bytes of values, InputError for an
    unreadable source. In this process a timed-out query runs on in a daemon
    thread (pyoxigraph cannot cancel): ``kg query`` and ``kg serve`` run each
    query in a process they can stop.
    """
    if timeout is not None and timeout <= 0:
        raise UsageError("the timeout must be a positive number of seconds")

    def work() -> QueryResult:
        text, bound, at, shift = _prepare(query_text, params)
        store = open_graph(graph_source)
        return _evaluate(store, bound, text, at, shift, max_rows, max_bytes)

    if timeout is None:
        return work()
    box: dict[str, Any] = {}

    def guarded() -> None:
        try:
            box["result"] = work()
        except BaseException as e:  # re-raised in the caller's thread
            box["error"] = e

    worker = threading.Thread(target=guarded, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query timed out after {timeout:g} s")
    if "error" in box:
        raise box["error"]
    result: QueryResult = box["result"]
    return result


def _prepare(
    query_text: str | NamedQuery, params: Mapping[str, Any] | None
) -> tuple[str, str, int, int]:
    """The query's text, checked and with its parameters bound (text, bound, at, shift)."""
    named: NamedQuery | None = None
    if isinstance(query_text, NamedQuery):
        named = query_text
    elif _QUERY_NAME.match(query_text.strip()):
        named = shipped_query(query_text.strip())
    text: str = named.text if named is not None else str(query_text)
    params = dict(params or {})
    if named is not None:
        _check_params(named, params)
    if not text.strip():
        raise QueryError("empty query")
    check_query(text)
    bound, at, shift = bind_params(text, params)
    return text, bound, at, shift


def _check_params(named: NamedQuery, params: Mapping[str, Any]) -> None:
    declared = {p.name for p in named.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        allowed = ", ".join(sorted(declared)) or "none"
        raise UsageError(
            f"query {named.name} has no parameter {', '.join(unknown)} (parameters: {allowed})"
        )
    missing = [p.name for p in named.params if p.required and p.name not in params]
    if missing:
        raise UsageError(
            f"query {named.name} needs --param {missing[0]}=... ({_describe(named, missing[0])})"
        )


def _describe(named: NamedQuery, name: str) -> str:
    for p in named.params:
        if p.name == name:
            return p.description or "no description"
    return ""


def _evaluate(
    store: ox.Store,
    text: str,
    original: str,
    at: int,
    shift: int,
    max_rows: int | None,
    max_bytes: int | None = None,
) -> QueryResult:
    from kg.vocab import PREFIXES

    started = time.perf_counter()
    budget = _Budget(max_rows, max_bytes)
    try:
        answer = store.query(text, prefixes=PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer), elapsed=time.perf_counter() - started)
        if isinstance(answer, ox.QueryTriples):
            triples: list[ox.Triple] = []
            for triple in answer:
                triples.append(triple)
                budget.add(triple, "triples")
            return QueryResult(
                "graph", triples=tuple(triples), elapsed=time.perf_counter() - started
            )
        variables = [v.value for v in answer.variables]
        rows: list[tuple[Term | None, ...]] = []
        for solution in answer:
            row = tuple(solution[v] for v in variables)
            rows.append(row)
            budget.add(row, "rows")
        return QueryResult(
            "select",
            variables=tuple(variables),
            rows=tuple(rows),
            elapsed=time.perf_counter() - started,
        )
    except SyntaxError as e:
        raise QueryError(_syntax_message(str(e), text, at, shift)) from e
    except QueryError:
        raise
    except (OSError, RuntimeError, ValueError) as e:
        raise QueryError(f"query failed: {_one_line(str(e))}") from e


class _Budget:
    """Counts a result's rows and the bytes of its values as they are read,
    so a result past its limits stops before it is all in memory."""

    def __init__(self, max_rows: int | None, max_bytes: int | None) -> None:
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.rows = self.bytes = 0

    def add(self, terms: Sequence[Term | None], unit: str) -> None:
        self.rows += 1
        if self.max_rows is not None and self.rows > self.max_rows:
            raise ResultTooLarge(f"result has more than {self.max_rows} {unit}; add a LIMIT")
        if self.max_bytes is not None:
            self.bytes += sum(_term_size(t) for t in terms)
            if self.bytes > self.max_bytes:
                raise ResultTooLarge(
                    f"result is larger than {_size(self.max_bytes)}; add a LIMIT or ask for less"
                )


def _term_size(term: Term | None) -> int:
    if term is None:
        return 0
    if isinstance(term, ox.Triple):
        return sum(_term_size(t) for t in term)
    return len(term.value) + 8


def _size(n: int) -> str:
    """Bytes for a human: 16 MiB, 512 KiB, 100 bytes."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:g} {unit}"
    return f"{n} bytes"


def _syntax_message(message: str, text: str, at: int, shift: int) -> str:
    """pyoxigraph's "error at L:C: expected ..." as one short line, with the
    position mapped back to the query as written (before the VALUES block
    went in), and the parser's character classes left out of what it expected."""
    prefix = _undeclared_prefix(text)  # pyoxigraph says "Prefix not found", or less
    if prefix is not None:
        return _undeclared_message(prefix)
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not m:
        return f"malformed query: {_one_line(message)}"
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    if at >= 0:
        at_line = text.count("\n", 0, at) + 1
        at_col = at - (text.rfind("\n", 0, at) + 1) + 1
        if line == at_line and col > at_col:
            col = max(at_col, col - shift)
    return f"malformed query at line {line}, column {col}: {_expected(rest)}"


def _expected(rest: str) -> str:
    """``expected one of "(", FILTER, ['0'..='9'], ...`` -> ``expected one of "(", FILTER``."""
    flat = " ".join(rest.split())
    m = re.match(r"expected (one of )?(.*)", flat)
    if not m:
        return _one_line(flat, 160)
    body = re.sub(r"\[(?:[^\]'\\]|'(?:[^'\\]|\\.)*')*\]", "", m.group(2))
    items = [i.strip() for i in body.split(", ")]
    words = [i for i in items if re.fullmatch(r'"[A-Za-z][A-Za-z ]*"|[A-Z][A-Za-z ]*', i)]
    marks = [i for i in items if re.fullmatch(r'"[^"A-Za-z]+"', i)]
    kept = words + marks[: max(0, 8 - len(words))]
    if not kept:
        return "unexpected text here"
    shown = ", ".join(kept[:12]) + (", ..." if len(kept) > 12 else "")
    return ("expected one of " if len(kept) > 1 else "expected ") + shown


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def run_remote(
    endpoint: str,
    query_text: str | NamedQuery,
    params: Mapping[str, Any] | None = None,
    timeout: float | None = None,
    max_rows: int | None = None,
) -> QueryResult:
    """``run_query`` against a SPARQL 1.1 Protocol endpoint (``http://host:port/query``).

    The same checks and parameter binding as a local query; the answer is parsed
    by pyoxigraph into the same ``QueryResult``, so every output format works.
    """
    import urllib.error
    import urllib.parse
    import urllib.request

    from kg.remote import RemoteError
    from kg.vocab import PREFIXES

    if not re.match(r"https?://", endpoint):
        raise UsageError(f"--endpoint {endpoint!r}: not an http(s) URL")
    text, bound, at, shift = _prepare(query_text, params)
    _evaluate(ox.Store(), bound, text, at, shift, None)  # syntax errors with our positions
    prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    graph_form = query_form(text) in ("CONSTRUCT", "DESCRIBE")
    data = urllib.parse.urlencode({"query": prologue + bound}).encode()
    req = urllib.request.Request(endpoint, data=data, method="POST")
    req.add_header("Content-Type", "application/x-www-form-urlencoded")
    req.add_header(
        "Accept", "application/n-triples" if graph_form else "application/sparql-results+json"
    )
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout or 300) as resp:
            body = resp.read()
    except urllib.error.HTTPError as e:
        detail = e.read().decode("utf-8", "replace").strip().splitlines()
        raise QueryError(
            f"{endpoint}: HTTP {e.code}: {detail[0] if detail else e.reason}"
        ) from None
    except TimeoutError:
        raise QueryTimeout(f"query timed out after {timeout:g} s") from None
    except (urllib.error.URLError, OSError) as e:
        raise RemoteError(f"{endpoint}: {getattr(e, 'reason', e)}") from None
    elapsed = time.perf_counter() - started
    try:
        if graph_form:
            triples = tuple(
                ox.Triple(q.subject, q.predicate, q.object)
                for q in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)
            )
            if max_rows is not None and len(triples) > max_rows:
                raise ResultTooLarge(f"result has more than {max_rows} triples; add a LIMIT")
            return QueryResult("graph", triples=triples, elapsed=elapsed)
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as e:
        raise RemoteError(f"{endpoint}: unreadable answer: {_one_line(str(e))}") from None
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer), elapsed=elapsed)
    variables = [v.value for v in answer.variables]
    rows = tuple(tuple(s[v] for v in variables) for s in answer)
    if max_rows is not None and len(rows) > max_rows:
        raise ResultTooLarge(f"result has more than {max_rows} rows; add a LIMIT")
    return QueryResult("select", variables=tuple(variables), rows=rows, elapsed=elapsed)
