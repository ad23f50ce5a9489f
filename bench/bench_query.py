"""Time kg's competency queries on kg's engine and on rdflib, on >= 1M triples.

    python bench/bench_query.py                  # about 1.05M triples, ~20 min
    python bench/bench_query.py --articles 2000  # a quick run
    python bench/bench_query.py --build OUT      # a real `kg build`'s output

Generates a synthetic graph shaped as docs/graph-model.md describes (forces,
inspectorates, people, memberships, reports, quotations, evidence, one named
graph per article and the provenance in the default graph), deterministic for a
given --seed. kg's side is what ``kg query`` does: the store written by
``kg.store.write_store`` (named graphs plus their union) and
``kg.query.run_query``. rdflib's side is its default in-memory ``Graph``
holding the same union, queried with the same text (parameters bound by the
same VALUES block). kg is timed twice: on the persistent store (``kg query``'s
default; RocksDB, opened read-only) and on the graph file parsed into memory
(``kg query --graph FILE``). Each engine is loaded in a worker process of its
own. Each query runs --runs times and the median is printed; an engine runs a
query once when its first run is slower than 10 s, and is stopped (its worker
killed, then started again) after --cap seconds for rdflib, --kg-cap for kg.
Row counts of the engines are compared; a mismatch is flagged.

``--build OUT`` takes the graph of a real ``kg build`` instead (``OUT/store``,
``OUT/graph.nt``, ``OUT/graph.ttl``; ``kg build CORPUS -o OUT``, e.g. on
``bench/generate.py``'s corpus) and times, in one run:

- every competency query, as above, on ``OUT/store``, on ``OUT/graph.nt``
  loaded into memory by ``kg.store.load_file`` (what ``kg query --graph``
  does) and on rdflib's ``Graph`` parsed from ``OUT/graph.nt``. rdflib runs
  only up to --rdflib-max-triples (1.5M): it holds about 1.5 KB a triple and
  parses about 40k triples/s, so 13M triples would need about 20 GB and 6
  minutes; above the limit the table has kg's columns only and the rdflib
  ratio is the one measured on a smaller graph (10,000 articles);
- parsing ``OUT/graph.nt``: pyoxigraph, ``load_file``, rdflib;
- the Turtle export as ``kg build`` writes it, from the union's triples: made
  into ``kg.export`` keys (not timed with the export), cut and sorted into the
  bodies of ``kg.export.Canonical`` (shared triples by bucket, then each
  article's, by graph IRI) and written body by body by
  ``kg.export.Sections("ttl")`` (pyoxigraph's serializer, kg's prefixes). It
  is written twice; the two outputs must be byte-identical (the run fails
  otherwise), and are compared with ``OUT/graph.ttl``. Then rdflib's
  ``Graph.serialize(format="turtle")`` of the same triples (under the limit;
  capped at 10x --cap). Each step is given in seconds, triples/s and seconds
  per 1M triples.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

BASE = "https://w3id.org/kg-oversight/"
KGO = BASE + "ontology#"
ID = BASE + "id/"
ORGS = ID + "org/"
ROLE = BASE + "role/"
KIND = BASE + "report-kind/"
SCHEMA = "https://schema.org/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

AREAS = [
    "Avon and Somerset",
    "Bedfordshire",
    "Cambridgeshire",
    "Cheshire",
    "Cleveland",
    "Cumbria",
    "Derbyshire",
    "Devon and Cornwall",
    "Dorset",
    "Durham",
    "Dyfed-Powys",
    "Essex",
    "Gloucestershire",
    "Greater Manchester",
    "Gwent",
    "Hampshire",
    "Hertfordshire",
    "Humberside",
    "Kent",
    "Lancashire",
    "Leicestershire",
    "Lincolnshire",
    "Merseyside",
    "Norfolk",
    "North Wales",
    "North Yorkshire",
    "Northamptonshire",
    "Northumbria",
    "Nottinghamshire",
    "South Wales",
    "South Yorkshire",
    "Staffordshire",
    "Suffolk",
    "Surrey",
    "Sussex",
    "Thames Valley",
    "Warwickshire",
    "West Mercia",
    "West Midlands",
    "West Yorkshire",
    "Wiltshire",
]
ROLES = [
    ("chief-constable", "Chief Constable", "Ch Con"),
    ("deputy-chief-constable", "Deputy Chief Constable", "DCC"),
    ("assistant-chief-constable", "Assistant Chief Constable", "ACC"),
    ("police-and-crime-commissioner", "Police and Crime Commissioner", "PCC"),
    ("chief-superintendent", "Chief Superintendent", "Ch Supt"),
    ("superintendent", "Superintendent", "Supt"),
    ("chief-inspector", "Chief Inspector", "Ch Insp"),
    ("inspector", "Inspector", "Insp"),
]
INSPECTOR_ROLES = [
    ("hm-inspector-of-constabulary", "HM Inspector of Constabulary", "HMI"),
    ("hm-chief-inspector-of-constabulary", "HM Chief Inspector of Constabulary", "HMCIC"),
]
INSPECTORATES = [("hmicfrs", "HMICFRS"), ("cqc", "CQC"), ("hmi-prisons", "HMI Prisons")]
KINDS = ["peel", "effectiveness", "efficiency", "legitimacy", "child-protection", "custody"]
KIND_WORDS = [
    "PEEL inspection",
    "effectiveness report",
    "efficiency inspection",
    "legitimacy report",
    "child protection inspection",
    "custody inspection",
    "report",
]
VERDICTS = ["good", "outstanding", "requires improvement", "inadequate", "a cause of concern"]
FIRST = [
    "Alan",
    "Amber",
    "Clive",
    "Dave",
    "David",
    "Jane",
    "John",
    "Lauren",
    "Mike",
    "Olly",
    "Peter",
    "Sarah",
    "Stephen",
    "Sunita",
    "Wendy",
]
LAST = [
    "Billings",
    "Jones",
    "Smith",
    "Watson",
    "Gamblin",
    "Grunshaw",
    "McCall",
    "Martins",
    "Barton",
    "Creedon",
    "Hogg",
]
OUTLETS = [f"Outlet {i}" for i in range(60)]


def _iri(value: str) -> str:
    return f"<{value}>"


def _lit(value: str, datatype: str | None = None, lang: str | None = None) -> str:
    esc = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{esc}"@{lang}'
    if datatype:
        return f'"{esc}"^^<{datatype}>'
    return f'"{esc}"'


def _hash(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


Quad = tuple[str, str, str, str | None]


def _evidence(
    a: int, g: str, article: str, cursor: list[int], sentence: str
) -> tuple[str, list[Quad]]:
    """An evidence node for the next sentence of article ``a``; moves ``cursor``."""
    start = cursor[0]
    end = start + len(sentence)
    cursor[0] = end + 1
    ev = _iri(ID + f"evidence/a{a}/{start}-{end}")
    return ev, [
        (ev, _iri(RDF_TYPE), _iri(KGO + "Evidence"), g),
        (ev, _iri(OA + "exact"), _lit(sentence), g),
        (ev, _iri(OA + "start"), _lit(str(start), XSD + "integer"), g),
        (ev, _iri(OA + "end"), _lit(str(end), XSD + "integer"), g),
        (ev, _iri(KGO + "inArticle"), article, g),
    ]


def generate(articles: int, seed: int) -> Iterator[Quad]:
    """(s, p, o, graph) in N-Triples term syntax; graph None is the default graph."""
    rnd = random.Random(seed)
    ref = ID + "graph/reference"
    forces = []
    for area in AREAS:
        key = area.lower().replace(" ", "-")
        name = f"{area} {'Police' if len(area) % 2 else 'Constabulary'}"
        forces.append((ORGS + key, name))
        s = _iri(ORGS + key)
        yield s, _iri(RDF_TYPE), _iri(KGO + "PoliceForce"), ref
        yield s, _iri(SKOS + "prefLabel"), _lit(name, lang="en"), ref
        yield s, _iri(SKOS + "altLabel"), _lit(f"{area} Police Force", lang="en"), ref
        yield s, _iri(KGO + "policeArea"), _lit(area), ref
    for key, label in INSPECTORATES:
        yield _iri(ORGS + key), _iri(RDF_TYPE), _iri(KGO + "Inspectorate"), ref
        yield _iri(ORGS + key), _iri(SKOS + "prefLabel"), _lit(label, lang="en"), ref
    yield _iri(ORGS + "home-office"), _iri(RDF_TYPE), _iri(KGO + "GovernmentBody"), ref
    yield _iri(ORGS + "home-office"), _iri(SKOS + "prefLabel"), _lit("Home Office", lang="en"), ref
    for key, label, alt in ROLES + INSPECTOR_ROLES:
        yield _iri(ROLE + key), _iri(RDF_TYPE), _iri(SKOS + "Concept"), ref
        yield _iri(ROLE + key), _iri(RDF_TYPE), _iri(ORG + "Role"), ref
        yield _iri(ROLE + key), _iri(SKOS + "prefLabel"), _lit(label, lang="en"), ref
        yield _iri(ROLE + key), _iri(SKOS + "altLabel"), _lit(alt, lang="en"), ref
    for key in KINDS:
        yield _iri(KIND + key), _iri(RDF_TYPE), _iri(KGO + "ReportKind"), ref
        yield _iri(KIND + key), _iri(SKOS + "prefLabel"), _lit(key + " inspection", lang="en"), ref

    people = [
        (ID + f"person/p{i}", f"{rnd.choice(FIRST)} {rnd.choice(LAST)}-{i}")
        for i in range(max(50, articles // 2))
    ]
    # a person's role and organization are stable: people hold one post
    posts = {}
    for iri, _ in people:
        if rnd.random() < 0.08:
            insp = rnd.choice(INSPECTORATES[:1] + INSPECTORATES)
            posts[iri] = (ORGS + insp[0], rnd.choice(INSPECTOR_ROLES)[0])
        else:
            posts[iri] = (rnd.choice(forces)[0], rnd.choice(ROLES)[0])
    reports: list[tuple[str, str, list[str], str]] = []
    build = _iri(ID + "build/bench")
    yield build, _iri(RDF_TYPE), _iri(KGO + "BuildRun"), None
    for a in range(articles):
        year = 2013 + a * 11 // max(articles, 1)
        month, day = rnd.randint(1, 12), rnd.randint(1, 28)
        date = f"{year:04d}-{month:02d}-{day:02d}"
        art = ID + f"article/a{a}"
        g = ID + f"graph/a{a}"
        A = _iri(art)
        yield _iri(g), _iri(PROV + "wasDerivedFrom"), A, None
        yield _iri(g), _iri(PROV + "wasGeneratedBy"), build, None
        yield build, _iri(PROV + "used"), A, None
        yield A, _iri(RDF_TYPE), _iri(SCHEMA + "NewsArticle"), g
        yield A, _iri(KGO + "fileName"), _lit(f"{a:05d}_{_hash(a)}.txt"), g
        yield A, _iri(SCHEMA + "name"), _lit(f"Article {a} about policing"), g
        if rnd.random() < 0.85:
            yield A, _iri(SCHEMA + "datePublished"), _lit(date, XSD + "date"), g
        yield A, _iri(SCHEMA + "url"), _lit(f"https://news.example/{a}", XSD + "anyURI"), g
        outlet = rnd.choice(OUTLETS)
        pub = _iri(ID + "publisher/" + outlet.lower().replace(" ", "-"))
        yield A, _iri(SCHEMA + "publisher"), pub, g
        yield pub, _iri(RDF_TYPE), _iri(SCHEMA + "Organization"), g
        yield pub, _iri(SCHEMA + "name"), _lit(outlet), g
        yield A, _iri(KGO + "contentHash"), _lit(_hash("content", a) * 4), g

        cursor = [0]
        force_iri, force_name = rnd.choice(forces)
        yield A, _iri(SCHEMA + "mentions"), _iri(force_iri), g
        yield A, _iri(SCHEMA + "mentions"), _iri(ORGS + "hmicfrs"), g
        if rnd.random() < 0.3:
            yield A, _iri(SCHEMA + "mentions"), _iri(rnd.choice(forces)[0]), g
        speakers = []
        for _ in range(3):
            person, name = rnd.choice(people)
            speakers.append(person)
            P = _iri(person)
            yield A, _iri(SCHEMA + "mentions"), P, g
            yield P, _iri(RDF_TYPE), _iri(SCHEMA + "Person"), g
            yield P, _iri(SCHEMA + "name"), _lit(name), g
            first, last = name.split(" ", 1)
            yield P, _iri(SCHEMA + "givenName"), _lit(first), g
            yield P, _iri(SCHEMA + "familyName"), _lit(last), g
            org, role = posts[person]
            qualifier = rnd.choices([None, "acting", "interim", "former"], [85, 6, 4, 5])[0]
            m = _iri(ID + "membership/" + _hash(person, role, org, qualifier, a))
            ev_iri, ev_quads = _evidence(
                a, g, A, cursor, f"{name}, {role.replace('-', ' ')} at {org.rsplit('/', 1)[1]}."
            )
            yield from ev_quads
            yield m, _iri(RDF_TYPE), _iri(ORG + "Membership"), g
            yield m, _iri(ORG + "member"), P, g
            yield m, _iri(ORG + "organization"), _iri(org), g
            yield m, _iri(ORG + "role"), _iri(ROLE + role), g
            if qualifier:
                yield m, _iri(KGO + "qualifier"), _lit(qualifier), g
            yield m, _iri(DCT + "date"), _lit(date, XSD + "date"), g
            yield m, _iri(KGO + "evidence"), ev_iri, g
            yield m, _iri(PROV + "wasDerivedFrom"), A, g
        # one new report in most articles, and often a mention of an earlier one
        mentioned = []
        if rnd.random() < 0.8 or not reports:
            about = [force_iri] + ([rnd.choice(forces)[0]] if rnd.random() < 0.1 else [])
            precision = rnd.choice([date, date[:7], date[:4]])
            rep = ID + "report/" + _hash("report", a)
            reports.append(
                (rep, rnd.choice(["hmicfrs"] * 8 + ["cqc", "hmi-prisons"]), about, precision)
            )
            mentioned.append(reports[-1])
        if rnd.random() < 0.4:
            mentioned.append(rnd.choice(reports))
        for rep, inspectorate, about, when in mentioned:
            R = _iri(rep)
            verdict = rnd.choice(VERDICTS)
            ev_iri, ev_quads = _evidence(
                a, g, A, cursor, f"The inspection found the force {verdict} in its findings."
            )
            yield from ev_quads
            yield R, _iri(RDF_TYPE), _iri(KGO + "InspectionReport"), g
            yield R, _iri(RDF_TYPE), _iri(SCHEMA + "Report"), g
            yield R, _iri(SCHEMA + "publisher"), _iri(ORGS + inspectorate), g
            for f in about:
                yield R, _iri(SCHEMA + "about"), _iri(f), g
            dtype = {10: "date", 7: "gYearMonth", 4: "gYear"}[len(when)]
            yield R, _iri(SCHEMA + "datePublished"), _lit(when, XSD + dtype), g
            yield R, _iri(KGO + "kindText"), _lit(rnd.choice(KIND_WORDS)), g
            yield R, _iri(KGO + "reportKind"), _iri(KIND + rnd.choice(KINDS)), g
            yield R, _iri(KGO + "evidence"), ev_iri, g
            yield R, _iri(PROV + "wasDerivedFrom"), A, g
        for k in range(3):
            kind = rnd.random()
            if kind < 0.8:
                speaker = _iri(speakers[k])
            elif kind < 0.9 or not mentioned:
                speaker = _iri(force_iri)
            else:
                speaker = _iri(mentioned[0][0])
            text = f"Quote {k} of article {a}: the inspection {rnd.choice(VERDICTS)}."
            ev_iri, ev_quads = _evidence(a, g, A, cursor, f'"{text}" said the speaker.')
            yield from ev_quads
            start = ev_iri.rsplit("/", 1)[1].split("-")[0]
            Q = _iri(ID + f"quote/a{a}/{start}")
            yield Q, _iri(RDF_TYPE), _iri(SCHEMA + "Quotation"), g
            yield Q, _iri(SCHEMA + "text"), _lit(text), g
            yield Q, _iri(SCHEMA + "spokenByCharacter"), speaker, g
            yield Q, _iri(SCHEMA + "isPartOf"), A, g
            yield Q, _iri(KGO + "evidence"), ev_iri, g
            yield Q, _iri(PROV + "wasDerivedFrom"), A, g


def write_files(folder: Path, articles: int, seed: int) -> tuple[Path, Path, int]:
    """graph.nq (named graphs) and graph.nt (their union, each triple once)."""
    nq, nt = folder / "graph.nq", folder / "graph.nt"
    seen: set[str] = set()
    with nq.open("w", encoding="utf-8") as fq, nt.open("w", encoding="utf-8") as ft:
        for s, p, o, g in generate(articles, seed):
            triple = f"{s} {p} {o}"
            fq.write(f"{triple} <{g}> .\n" if g else f"{triple} .\n")
            if triple not in seen:
                seen.add(triple)
                ft.write(triple + " .\n")
    return nq, nt, len(seen)


# ---------------------------------------------------------------------------
# Engines, each in a process that can be stopped


SERIALIZE_TURTLE = "\0turtle"  # not a query: asks rdflib for Turtle of its graph


def _engine_worker(conn: Connection, kind: str, path: str) -> None:
    """Load an engine ("store", "memory" or "rdflib"), then answer requests:
    (NamedQuery or text, params, bound text) -> (seconds, rows, first record)."""
    started = time.perf_counter()
    engine: Any
    if kind == "rdflib":
        import rdflib

        engine = rdflib.Graph()
        engine.parse(path, format="nt")
        size = len(engine)
    elif kind == "store":
        from kg.store import open_store

        engine, size = open_store(path), 0
    else:
        from kg.store import load_file

        engine = load_file(path)
        size = len(engine)
    conn.send(("ready", time.perf_counter() - started, size))
    from kg.query import run_query
    from kg.vocab import PREFIXES

    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        t = time.perf_counter()
        if msg == SERIALIZE_TURTLE:
            data = engine.serialize(format="turtle", encoding="utf-8")
            conn.send((time.perf_counter() - t, len(data), None))
            del data
            continue
        query, params, bound = msg
        if kind == "rdflib":
            n = len(list(engine.query(bound, initNs=PREFIXES)))
            conn.send((time.perf_counter() - t, n, None))
        else:
            res = run_query(engine, query, params)
            secs = time.perf_counter() - t
            conn.send((secs, len(res), res.records()[:1]))


class Engine:
    """One engine in a worker process: kg's store, kg in memory, or rdflib."""

    def __init__(self, kind: str, path: Path) -> None:
        self.kind, self.path = kind, str(path)
        self.load_seconds = 0.0
        self.triples = 0
        self._start()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(
            target=_engine_worker, args=(child, self.kind, self.path), daemon=True
        )
        self.proc.start()
        _, self.load_seconds, self.triples = self.conn.recv()

    def run(self, msg: object, cap: float) -> tuple[float, int, Any] | None:
        """(seconds, rows or bytes, first record) of a request; None when it took
        longer than ``cap`` (the worker is then killed and started again)."""
        self.conn.send(msg)
        if self.conn.poll(cap):
            got: tuple[float, int, Any] = self.conn.recv()
            return got
        self.proc.kill()
        self.proc.join()
        self._start()
        return None

    def close(self) -> None:
        if self.proc.is_alive():
            self.conn.send(None)
            self.proc.join(5)
            if self.proc.is_alive():
                self.proc.kill()


# ---------------------------------------------------------------------------
# Timing the queries (both modes)


SLOW = 10.0  # seconds: an engine whose first run is slower runs once


def _timed(engine: Engine, msg: object, runs: int, cap: float) -> tuple[float | None, int | None]:
    """Median seconds of up to ``runs`` runs and the rows; (None, None) if capped."""
    times: list[float] = []
    n: int | None = None
    for _ in range(runs):
        got = engine.run(msg, cap)
        if got is None:
            return None, None
        times.append(got[0])
        n = got[1]
        if got[0] > SLOW:
            break
    return statistics.median(times), n


def time_queries(
    named: list[Any],  # kg.query.NamedQuery
    params: dict[str, dict[str, str]],
    engines: dict[str, Engine],
    runs: int,
    cap: dict[str, float],
) -> list[dict[str, Any]]:
    """Each query on each engine: a row holds the name, the rows, each engine's
    median seconds (None: stopped at its cap) and a note when row counts differ."""
    from kg.query import bind_params

    out: list[dict[str, Any]] = []
    for q in named:
        p = params.get(q.name, {})
        text, _, _ = bind_params(q.text, p)
        row: dict[str, Any] = {"name": q.name}
        counts: dict[str, int] = {}
        for label, engine in engines.items():
            secs, n = _timed(engine, (q, p, text), runs, cap[label])
            row[label] = secs
            if n is not None:
                counts[label] = n
        row["rows"] = next(iter(counts.values()), None)
        differ = {k: v for k, v in counts.items() if v != row["rows"]}
        row["note"] = "  ".join(f"ROWS DIFFER: {k} {v}" for k, v in differ.items())
        out.append(row)
        cells = ", ".join(
            f"{k} {'>' + format(cap[k], '.0f') if row[k] is None else format(row[k], '.4f')} s"
            for k in engines
        )
        print(f"  {q.name}: {row['rows']} rows; {cells} {row['note']}", file=sys.stderr)
    return out


def print_table(head: tuple[str, ...], rows: list[tuple[str, ...]], notes: list[str]) -> None:
    """A Markdown table: the first column left-aligned, the others right-aligned;
    ``notes[i]`` is printed after row i's closing bar."""
    k = len(head)
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(k)]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 1) + (":" if i else "-") for i, w in enumerate(widths)) + "|")
    for r, note in zip(rows, notes, strict=True):
        cells = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(r, widths, strict=True))
        ]
        print("| " + " | ".join(cells) + " |" + (f"  {note}" if note else ""))


def _busiest_force(engine: Engine) -> str:
    """The canonical name of the force most articles mention."""
    text = (
        "SELECT ?name (COUNT(*) AS ?n) WHERE { ?a schema:mentions ?f . "
        "?f a kgo:PoliceForce ; skos:prefLabel ?name } "
        "GROUP BY ?name ORDER BY DESC(?n) LIMIT 1"
    )
    got = engine.run((text, {}, text), 3600)
    assert got is not None and got[2], "no force is mentioned"
    return str(got[2][0]["name"])


def _params(busiest: str) -> dict[str, dict[str, str]]:
    """The parameters bound per query; the others run with none."""
    return {
        "force-timeline": {"force": busiest},
        "role-holders": {"role": "Chief Constable"},
        "articles-mentioning": {"entity": busiest},
        "co-mentioned": {},
        "evidence": {"entity": busiest},
    }


# ---------------------------------------------------------------------------
# The synthetic graph (the default mode)


def main_synthetic(args: argparse.Namespace) -> int:
    from kg.query import list_queries
    from kg.store import write_store

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    nq, nt, n_triples = write_files(folder, args.articles, args.seed)
    took = time.perf_counter() - t
    print(f"generated {n_triples:,} triples ({args.articles} articles) in {took:.1f} s")

    t = time.perf_counter()
    write_store(nq, folder / "store")
    print(f"kg (pyoxigraph): store written in {time.perf_counter() - t:.1f} s")
    engines = {"store": Engine("store", folder / "store"), "memory": Engine("memory", nt)}
    print(
        f"kg (pyoxigraph): {nt.name} parsed into memory in {engines['memory'].load_seconds:.1f} s"
    )
    engines["rdflib"] = Engine("rdflib", nt)
    rd = engines["rdflib"]
    print(f"rdflib: parsed {rd.triples:,} triples in {rd.load_seconds:.1f} s")

    named = [q for q in list_queries() if not args.only or q.name in args.only]
    caps = {"store": args.kg_cap, "memory": args.kg_cap, "rdflib": args.cap}
    rows = time_queries(named, _params(_busiest_force(engines["store"])), engines, args.runs, caps)
    for e in engines.values():
        e.close()

    head = (
        "query",
        "rows",
        "kg store ms",
        "kg in-memory ms",
        "rdflib ms",
        "ratio (store)",
        "ratio (in-memory)",
    )

    def ms(x: float | None, cap: float) -> str:
        return f">{cap:,.0f} s (cap)" if x is None else f"{x * 1000:,.1f}"

    table = []
    for r in rows:
        table.append(
            (
                str(r["name"]),
                str(r["rows"]),
                ms(r["store"], args.kg_cap),
                ms(r["memory"], args.kg_cap),
                ms(r["rdflib"], args.cap),
                _ratio(r["rdflib"], r["store"], args.cap),
                _ratio(r["rdflib"], r["memory"], args.cap),
            )
        )
    print()
    print(
        f"{n_triples:,} triples; medians of up to {args.runs} runs; "
        f"rdflib capped at {args.cap:.0f} s per query"
    )
    print_table(head, table, [str(r["note"]) for r in rows])
    return 0


def _ratio(rdflib_s: float | None, kg_s: float | None, cap: float) -> str:
    """rdflib's time over kg's; ">" when rdflib was stopped at its cap."""
    if kg_s is None:
        return "-"
    if rdflib_s is None:
        return f">{cap / kg_s:,.1f}x"
    return f"{rdflib_s / kg_s:,.1f}x"


# ---------------------------------------------------------------------------
# A real build's output (--build OUT)


RDF_TYPE_KEY = ""  # kg.export's key for rdf:type, so that it sorts first
XSD_STRING = XSD + "string"


def nt_keys(nt: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """The triples of an N-Triples file as ``kg.export`` keys (``TripleKey``),
    parsed by pyoxigraph; IRIs and lexical forms shared between keys."""
    import pyoxigraph as ox

    strings: dict[str, str] = {}
    share = strings.setdefault
    keys = []
    for t in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES):
        s, p, o = t.subject, t.predicate, t.object
        if not isinstance(s, ox.NamedNode) or not isinstance(o, ox.NamedNode | ox.Literal):
            raise SystemExit(f"{nt}: kg graphs hold only IRIs and literals, not {t}")
        pv = p.value
        if isinstance(o, ox.NamedNode):
            obj: tuple[str, ...] = ("<", share(o.value, o.value))
        else:
            lang = o.language or ""
            dt = o.datatype.value
            dt = "" if lang or dt == XSD_STRING else share(dt, dt)
            obj = ('"', o.value, lang.lower(), dt)
        keys.append(
            (share(s.value, s.value), RDF_TYPE_KEY if pv == RDF_TYPE else share(pv, pv), obj)
        )
    return keys


def canonical_sections(
    keys: list[tuple[str, str, tuple[str, ...]]],
) -> list[list[tuple[str, str, tuple[str, ...]]]]:
    """The union's keys cut into the bodies ``kg build`` writes, in file order
    (``kg.export.Canonical``): the shared triples by bucket of their subject
    (``kg.export.bucket_of``), then each article's local triples, by graph IRI
    (``kg.vocab.graph_scope``: the graph of scope X is ``…/id/graph/X``, so by
    scope), each body sorted by key."""
    from kg.export import SHARED_BUCKETS, bucket_of
    from kg.vocab import scope_of

    buckets: list[list[tuple[str, str, tuple[str, ...]]]] = [[] for _ in range(SHARED_BUCKETS)]
    local: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {}
    scopes: dict[str, str | None] = {}
    for k in keys:
        s = k[0]
        if s in scopes:
            scope = scopes[s]
        else:
            scope = scopes[s] = scope_of(s)
        if scope is None:
            buckets[bucket_of(s)].append(k)
        else:
            local.setdefault(scope, []).append(k)
    bodies = [sorted(b) for b in buckets if b]
    bodies += [sorted(local[scope]) for scope in sorted(local)]
    return bodies


def write_turtle(bodies: list[list[tuple[str, str, tuple[str, ...]]]]) -> list[bytes]:
    """Turtle of the bodies, as ``kg build`` writes ``graph.ttl``: each body
    through ``kg.export.Sections("ttl")`` (pyoxigraph's serializer with kg's
    prefixes), after the header; the file is the concatenation."""
    from kg.export import Sections, _Terms

    sections = Sections("ttl")
    terms = _Terms()
    out = [sections.header()]
    out += [sections.serialize(terms.triples(body), check=False) for body in bodies]
    out.append(sections.footer())
    return out


def _secs(x: float | None) -> str:
    if x is None:
        return "-"
    return f"{x:.4f}" if x < 1 else f"{x:,.2f}"


def kg_turtle_export(nt: Path, ttl: Path) -> dict[str, Any]:
    """Time kg's Turtle export of the union in ``nt`` (see the module docstring)."""
    import pyoxigraph as ox

    got: dict[str, Any] = {}
    t = time.perf_counter()
    got["parsed"] = sum(1 for _ in ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
    got["parse_s"] = time.perf_counter() - t
    t = time.perf_counter()
    keys = nt_keys(nt)
    got["keys_s"] = time.perf_counter() - t
    got["triples"] = len(keys)
    t = time.perf_counter()
    bodies = canonical_sections(keys)
    got["sort_s"] = time.perf_counter() - t
    del keys
    got["writes"], got["digests"] = [], []
    data = b""
    for _ in range(2):
        t = time.perf_counter()
        chunks = write_turtle(bodies)
        got["writes"].append(time.perf_counter() - t)
        h = hashlib.sha256()
        for c in chunks:
            h.update(c)
        got["digests"].append(h.hexdigest())
        data = b"".join(chunks)
        del chunks
    del bodies
    got["bytes"] = len(data)
    t = time.perf_counter()
    got["back"] = sum(1 for _ in ox.parse(data, format=ox.RdfFormat.TURTLE))
    got["check_s"] = time.perf_counter() - t
    del data
    h = hashlib.sha256()
    with ttl.open("rb") as f:
        while block := f.read(1 << 24):
            h.update(block)
    got["same_runs"] = got["digests"][0] == got["digests"][1]
    got["same_build"] = h.hexdigest() == got["digests"][0]
    w = statistics.median(got["writes"])
    print(
        f"kg Turtle export: {got['triples']:,} triples; sort {got['sort_s']:.2f} s, write "
        f"{' and '.join(f'{x:.2f}' for x in got['writes'])} s ({w * 1e6 / got['triples']:.2f} s "
        f"per 1M), parse back {got['check_s']:.2f} s; the writes are "
        f"{'byte-identical' if got['same_runs'] else 'DIFFERENT'}; "
        f"{'identical to' if got['same_build'] else 'DIFFERENT from'} {ttl}",
        flush=True,
    )
    return got


def _secs(x: float | None, cap: float = 0) -> str:
    if x is None:
        return f">{cap:.0f} (cap)"
    return f"{x:.4f}" if x < 1 else f"{x:,.2f}"


def main_build(args: argparse.Namespace) -> int:
    from kg.query import list_queries

    out: Path = args.build
    nt = out / "graph.nt"
    for needed in (out / "store", nt, out / "graph.ttl"):
        if not needed.exists():
            raise SystemExit(f"{needed}: missing; give the output folder of `kg build`")

    ex = kg_turtle_export(nt, out / "graph.ttl")  # first: it needs the most memory
    n_triples = ex["triples"]
    engines = {"store": Engine("store", out / "store"), "memory": Engine("memory", nt)}
    load_s = engines["memory"].load_seconds
    print(
        f"{out}: {n_triples:,} union triples; kg (pyoxigraph): {nt.name} loaded into memory "
        f"(kg.store.load_file, as `kg query --graph`) in {load_s:.1f} s",
        flush=True,
    )
    why_not = ""
    if n_triples <= args.rdflib_max_triples:
        engines["rdflib"] = Engine("rdflib", nt)
        rd = engines["rdflib"]
        print(f"rdflib: parsed {rd.triples:,} triples in {rd.load_seconds:.1f} s", flush=True)
    else:
        why_not = (
            f"rdflib not run: {n_triples:,} triples is above --rdflib-max-triples "
            f"{args.rdflib_max_triples:,}; rdflib's default Graph holds about 1.5 KB a "
            f"triple and parses about 40k triples/s, so it would need about "
            f"{n_triples * 1.5e3 / 1e9:.0f} GB and {n_triples / 40e3 / 60:.0f} min to load. "
            "The rdflib ratio is the one measured on the 10,000-article graph."
        )
        print(why_not, flush=True)

    named = [q for q in list_queries() if not args.only or q.name in args.only]
    caps = {"store": args.kg_cap, "memory": args.kg_cap, "rdflib": args.cap}
    busiest = _busiest_force(engines["memory"])
    rows = time_queries(named, _params(busiest), engines, args.runs, caps)
    rdflib = engines.get("rdflib")
    rd_turtle = rdflib.run(SERIALIZE_TURTLE, args.cap * 10) if rdflib else None
    for e in engines.values():
        e.close()

    # --- tables ---
    print()
    print(
        f"## Queries: {n_triples:,} triples ({out}); medians of up to {args.runs} runs "
        f"(one run when the first took over {SLOW:.0f} s); kg capped at {args.kg_cap:.0f} s, "
        f"rdflib at {args.cap:.0f} s a query"
    )
    if why_not:
        print(why_not)
    print()
    head = (
        "query",
        "rows",
        "kg store s",
        "kg memory s",
        "rdflib s",
        "rdflib / kg memory",
        "rdflib / kg store",
    )
    table = []
    for r in rows:
        ran = rdflib is not None
        table.append(
            (
                str(r["name"]),
                "-" if r["rows"] is None else f"{r['rows']:,}",
                _secs(r["store"], args.kg_cap),
                _secs(r["memory"], args.kg_cap),
                _secs(r["rdflib"], args.cap) if ran else "not run",
                _ratio(r["rdflib"], r["memory"], args.cap) if ran else "-",
                _ratio(r["rdflib"], r["store"], args.cap) if ran else "-",
            )
        )
    print_table(head, table, [str(r["note"]) for r in rows])

    def per(secs: float, n: int) -> tuple[str, str, str]:
        return _secs(secs), f"{n / secs:,.0f}", _secs(secs * 1e6 / n)

    n = n_triples
    erows = [
        (
            "parse graph.nt: pyoxigraph (`ox.parse`, count)",
            f"{ex['parsed']:,}",
            *per(ex["parse_s"], ex["parsed"]),
        ),
        ("parse graph.nt: kg.store.load_file (in-memory store)", f"{n:,}", *per(load_s, n)),
    ]
    if rdflib is not None:
        erows.append(
            (
                "parse graph.nt: rdflib Graph",
                f"{rdflib.triples:,}",
                *per(rdflib.load_seconds, rdflib.triples),
            )
        )
    erows += [
        ("kg: graph.nt to kg.export keys (pyoxigraph parse)", f"{n:,}", *per(ex["keys_s"], n)),
        ("kg: keys into canonical bodies (sort)", f"{n:,}", *per(ex["sort_s"], n)),
    ]
    for i, w in enumerate(ex["writes"], 1):
        erows.append((f"kg: write Turtle, run {i} (kg.export.Sections)", f"{n:,}", *per(w, n)))
    erows.append(
        ("kg: parse the Turtle back (check)", f"{ex['back']:,}", *per(ex["check_s"], ex["back"]))
    )
    kg_write = statistics.median(ex["writes"])
    erows.append(("kg: sort + write (median)", f"{n:,}", *per(ex["sort_s"] + kg_write, n)))
    if rd_turtle is not None:
        assert rdflib is not None
        erows.append(
            (
                "rdflib: Graph.serialize(format='turtle')",
                f"{rdflib.triples:,}",
                *per(rd_turtle[0], rdflib.triples),
            )
        )
    elif rdflib is not None:
        erows.append(
            (
                "rdflib: Graph.serialize(format='turtle')",
                "-",
                f">{args.cap * 10:.0f} (cap)",
                "-",
                "-",
            )
        )
    print()
    print(f"## Parse and Turtle export: {n:,} triples")
    print()
    print_table(("step", "triples", "s", "triples/s", "s per 1M triples"), erows, [""] * len(erows))
    print()
    print(
        f"kg's Turtle: {ex['bytes']:,} bytes; the two writes are "
        f"{'byte-identical' if ex['same_runs'] else 'DIFFERENT'} (sha256 {ex['digests'][0][:16]}); "
        f"{'identical to' if ex['same_build'] else 'DIFFERENT from'} the build's graph.ttl"
    )
    if ex["back"] != n:
        print(f"the Turtle written parses back to {ex['back']:,} triples, not {n:,}")
    if rd_turtle is not None:
        ratio = rd_turtle[0] / kg_write
        print(f"rdflib's Turtle: {rd_turtle[1]:,} bytes; rdflib / kg write: {ratio:,.1f}x")
    return 0 if ex["same_runs"] else 1


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10400, help="articles to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs per query and engine")
    parser.add_argument("--cap", type=float, default=120.0, help="rdflib seconds per query")
    parser.add_argument("--only", nargs="*", help="only these queries")
    parser.add_argument("--workdir", type=Path, help="where to write the graph (default: temp)")
    parser.add_argument(
        "--build",
        type=Path,
        metavar="OUT",
        help="use the output folder of `kg build` (store, graph.nt, graph.ttl) "
        "instead of a generated graph, and time the Turtle export too",
    )
    parser.add_argument(
        "--rdflib-max-triples",
        type=int,
        default=1_500_000,
        help="with --build: run rdflib only up to this many triples",
    )
    parser.add_argument(
        "--kg-cap", type=float, default=600.0, help="kg seconds per query (store and memory)"
    )
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    if args.build is not None:
        return main_build(args)
    return main_synthetic(args)


if __name__ == "__main__":
    sys.exit(main())
