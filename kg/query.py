"""Ask the graph: the named competency queries in ``kg/queries/*.rq``, run
with bound parameters on pyoxigraph, and their results in several formats.

The engine is pyoxigraph, 14-50x faster than rdflib's default store on this
graph (``bench/bench_query.py``). A graph source is a store written by
``kg.store.write_store`` (opened read-only, nothing re-parsed), any RDF file
(parsed into memory) or an open ``pyoxigraph.Store``.

What is deliberately refused, before anything runs (``QueryRefused``):
``SERVICE`` (pyoxigraph would call the remote endpoint) and ``FROM`` /
``FROM NAMED`` with anything but an http(s) IRI, so a query cannot be pointed
at local files. Refusal works on tokens (strings, IRIs and comments skipped),
not on the parsed algebra, which pyoxigraph does not expose.

Parameters are bound by a ``VALUES`` block made of terms serialised by
pyoxigraph, inserted as the first element of the query's WHERE group; the
query text itself is never edited with the values. (pyoxigraph's own
``substitutions`` would need each parameter in the SELECT projection, which
aggregate queries cannot have.) Parameters are therefore visible everywhere in
the WHERE group except inside sub-SELECTs.

Timeouts: pyoxigraph cannot cancel a running query, so ``run_query(...,
timeout=)`` evaluates it in a daemon thread and stops waiting for it; the
thread runs on until the query ends or the process exits. A long-lived
process should run queries in a process it can kill (``kg serve`` does).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias
from urllib.parse import urljoin
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from kg.errors import InputError, QueryError, UsageError

Term: TypeAlias = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
QueryKind: TypeAlias = Literal["select", "ask", "graph"]

QUERY_DIR = Path(__file__).parent / "queries"

#: Output formats of ``QueryResult.render``. ``tsv`` is plain values (tabs and
#: newlines escaped as ``\\t``/``\\n``); ``sparql-tsv`` is the W3C SPARQL TSV.
FORMATS: tuple[str, ...] = (
    "table",
    "csv",
    "tsv",
    "json",
    "sparql-json",
    "sparql-xml",
    "sparql-tsv",
    "turtle",
    "ntriples",
)
_RESULT_SET_FORMATS = {"sparql-json", "sparql-xml", "sparql-tsv"}
_GRAPH_FORMATS = {"turtle", "ntriples"}

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

_UPDATE_KEYWORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}
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
    return [load_query(p) for p in sorted(QUERY_DIR.glob("*.rq"))]


def load_query(name_or_path: str | Path) -> NamedQuery:
    """A shipped query by name (``people-roles``) or any ``.rq`` file by path."""
    candidate = Path(name_or_path)
    if isinstance(name_or_path, str) and _QUERY_NAME.match(name_or_path):
        shipped = QUERY_DIR / f"{name_or_path}.rq"
        if shipped.is_file():
            candidate = shipped
        elif not candidate.is_file():
            names = ", ".join(q.stem for q in sorted(QUERY_DIR.glob("*.rq")))
            raise UsageError(f"no query named {name_or_path!r} (known: {names})")
    try:
        text = candidate.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{candidate}: cannot read the query: {e}") from e
    return parse_header(text, path=candidate)


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
        """The result in one of ``FORMATS``; QueryError if it does not fit the
        query form (``turtle`` for a SELECT, ``sparql-json`` for a CONSTRUCT).
        ``max_cell`` shortens long values in ``table`` only."""
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (known: {', '.join(FORMATS)})")
        if fmt in _GRAPH_FORMATS:
            if self.kind != "graph":
                raise QueryError(f"--format {fmt} needs a CONSTRUCT or DESCRIBE query")
            from kg.vocab import PREFIXES

            rdf_fmt = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.N_TRIPLES
            used = _used_prefixes(self.triples, PREFIXES) if fmt == "turtle" else None
            data = ox.serialize(self.triples, format=rdf_fmt, prefixes=used)
            return data.decode("utf-8") if data else ""
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


def _prologue_prefixes(toks: Sequence[_Tok]) -> tuple[dict[str, str], str | None]:
    from kg.vocab import PREFIXES

    prefixes = dict(PREFIXES)
    base: str | None = None
    for i, t in enumerate(toks):
        up = t.text.upper() if t.kind == "word" else ""
        if up == "PREFIX" and i + 2 < len(toks) and toks[i + 2].kind == "iri":
            iri = toks[i + 2].text[1:-1]
            prefixes[toks[i + 1].text.rstrip(":")] = urljoin(base, iri) if base else iri
        elif up == "BASE" and i + 1 < len(toks) and toks[i + 1].kind == "iri":
            iri = toks[i + 1].text[1:-1]
            base = urljoin(base, iri) if base else iri
    return prefixes, base


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


def check_query(text: str) -> None:
    """Raise QueryRefused for an update, SERVICE, or FROM a non-http(s) IRI.

    SPARQL lets ``\\uXXXX`` escapes stand for any character of a query; the
    check runs on the text as written and with the escapes decoded, so
    ``\\u0053ERVICE`` is refused too (pyoxigraph 0.5 does not decode them
    outside strings and IRIs, but another engine might).
    """
    decoded = _decode_escapes(text)
    for variant in (text, decoded) if decoded != text else (text,):
        _check_tokens(variant)


def _decode_escapes(text: str) -> str:
    def char(m: re.Match[str]) -> str:
        try:
            return chr(int(m.group(1) or m.group(2), 16))
        except ValueError:
            return m.group(0)

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", char, text)


def _check_tokens(text: str) -> None:
    form = query_form(text)
    if form in _UPDATE_KEYWORDS:
        raise QueryRefused(f"refused: {form} is a SPARQL update; kg only reads the graph")
    toks = list(_tokens(text))
    prefixes, base = _prologue_prefixes(toks)
    for i, t in enumerate(toks):
        if t.kind != "word":
            continue
        up = t.text.upper()
        if up == "SERVICE":
            raise QueryRefused("refused: SERVICE (federated query) is not allowed")
        if up != "FROM":
            continue
        j = i + 1
        if j < len(toks) and toks[j].kind == "word" and toks[j].text.upper() == "NAMED":
            j += 1
        target = toks[j] if j < len(toks) else None
        iri: str | None = None
        if target is not None and target.kind == "iri":
            iri = target.text[1:-1]
            iri = urljoin(base, iri) if base else iri
        elif target is not None and target.kind == "pname":
            prefix, _, local = target.text.partition(":")
            if prefix in prefixes:
                iri = prefixes[prefix] + re.sub(r"\\(.)", r"\1", local)
        if iri is None or not re.match(r"https?://", iri, re.IGNORECASE):
            shown = iri if iri is not None else (target.text if target else "nothing")
            raise QueryRefused(f"refused: FROM {shown}: only http(s) graph names are allowed")


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
) -> QueryResult:
    """Run a SPARQL query on a graph source and return its materialised result.

    ``query_text`` is SPARQL, a ``NamedQuery``, or the bare name of a shipped
    query (``"people-roles"``). A named query's declared parameters are
    checked: an unknown one or a missing required one is a UsageError. The
    prefixes of ``kg.vocab.PREFIXES`` are predeclared.

    Raises QueryError (malformed: with line and column), QueryRefused,
    QueryTimeout after ``timeout`` seconds, ResultTooLarge past ``max_rows``
    rows or triples, InputError for an unreadable source.
    """
    text, bound, at, shift = _prepare(query_text, params)
    store = open_graph(graph_source)
    if timeout is None:
        return _evaluate(store, bound, text, at, shift, max_rows)
    if timeout <= 0:
        raise UsageError("the timeout must be a positive number of seconds")
    box: dict[str, Any] = {}

    def work() -> None:
        try:
            box["result"] = _evaluate(store, bound, text, at, shift, max_rows)
        except BaseException as e:  # re-raised in the caller's thread
            box["error"] = e

    worker = threading.Thread(target=work, name="kg-query", daemon=True)
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
    else:
        bare = query_text.strip()
        if _QUERY_NAME.match(bare) and (QUERY_DIR / f"{bare}.rq").is_file():
            named = load_query(bare)
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
    store: ox.Store, text: str, original: str, at: int, shift: int, max_rows: int | None
) -> QueryResult:
    from kg.vocab import PREFIXES

    started = time.perf_counter()
    try:
        answer = store.query(text, prefixes=PREFIXES)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer), elapsed=time.perf_counter() - started)
        if isinstance(answer, ox.QueryTriples):
            triples: list[ox.Triple] = []
            for triple in answer:
                triples.append(triple)
                if max_rows is not None and len(triples) > max_rows:
                    raise ResultTooLarge(f"result has more than {max_rows} triples; add a LIMIT")
            return QueryResult(
                "graph", triples=tuple(triples), elapsed=time.perf_counter() - started
            )
        variables = [v.value for v in answer.variables]
        rows: list[tuple[Term | None, ...]] = []
        for solution in answer:
            rows.append(tuple(solution[v] for v in variables))
            if max_rows is not None and len(rows) > max_rows:
                raise ResultTooLarge(f"result has more than {max_rows} rows; add a LIMIT")
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


def _syntax_message(message: str, text: str, at: int, shift: int) -> str:
    """pyoxigraph's "error at L:C: expected ..." as one line, with the position
    mapped back to the query as written (before the VALUES block went in)."""
    m = re.match(r"error at (\d+):(\d+):\s*(.*)", message, re.DOTALL)
    if not m:
        return f"malformed query: {_one_line(message)}"
    line, col, rest = int(m.group(1)), int(m.group(2)), m.group(3)
    if at >= 0:
        at_line = text.count("\n", 0, at) + 1
        at_col = at - (text.rfind("\n", 0, at) + 1) + 1
        if line == at_line and col > at_col:
            col = max(at_col, col - shift)
    return f"malformed query at line {line}, column {col}: {_one_line(rest, 160)}"


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
