"""Time kg's competency queries on kg's engine and on rdflib, on >= 1M triples.

    python bench/bench_query.py                  # about 1.05M triples, ~20 min
    python bench/bench_query.py --articles 2000  # a quick run

Generates a synthetic graph shaped as docs/graph-model.md describes (forces,
inspectorates, people, memberships, reports, quotations, evidence, one named
graph per article and the provenance in the default graph), deterministic for a
given --seed. kg's side is what ``kg query`` does: the store written by
``kg.store.write_store`` (named graphs plus their union) and
``kg.query.run_query``. rdflib's side is its default in-memory ``Graph``
holding the same union, queried with the same text (parameters bound by the
same VALUES block). kg is timed twice: on the persistent store (``kg query``'s
default; RocksDB, opened read-only) and on the graph file parsed into memory
(``kg query --graph FILE``). Each query runs --runs times and the median is
printed; rdflib runs once when its first run is slower than 10 s, and is
stopped (in a worker process, which is then restarted) after --cap seconds.
Row counts of the two engines are compared; a mismatch is flagged.
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
# rdflib, in a process that can be stopped


def _rdflib_worker(conn: Connection, nt: str) -> None:
    import rdflib

    started = time.perf_counter()
    graph = rdflib.Graph()
    graph.parse(nt, format="nt")
    conn.send(("ready", time.perf_counter() - started, len(graph)))
    from kg.vocab import PREFIXES

    while True:
        try:
            text = conn.recv()
        except EOFError:
            return
        if text is None:
            return
        t = time.perf_counter()
        result = graph.query(text, initNs=PREFIXES)
        n = len(list(result))
        conn.send((time.perf_counter() - t, n))


class RdflibRunner:
    def __init__(self, nt: Path) -> None:
        self.nt = str(nt)
        self.load_seconds = 0.0
        self.triples = 0
        self._start()

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_rdflib_worker, args=(child, self.nt), daemon=True)
        self.proc.start()
        _, self.load_seconds, self.triples = self.conn.recv()

    def run(self, text: str, cap: float) -> tuple[float, int] | None:
        self.conn.send(text)
        if self.conn.poll(cap):
            secs, n = self.conn.recv()
            return secs, n
        self.proc.kill()
        self.proc.join()
        return None

    def restart(self) -> None:
        self._start()

    def close(self) -> None:
        if self.proc.is_alive():
            self.conn.send(None)
            self.proc.join(5)
            if self.proc.is_alive():
                self.proc.kill()


# ---------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10400, help="articles to generate")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--runs", type=int, default=3, help="runs per query and engine")
    parser.add_argument("--cap", type=float, default=120.0, help="rdflib seconds per query")
    parser.add_argument("--only", nargs="*", help="only these queries")
    parser.add_argument("--workdir", type=Path, help="where to write the graph (default: temp)")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from kg.query import bind_params, list_queries, run_query
    from kg.store import load_file, open_store, write_store

    folder = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    t = time.perf_counter()
    nq, nt, n_triples = write_files(folder, args.articles, args.seed)
    took = time.perf_counter() - t
    print(f"generated {n_triples:,} triples ({args.articles} articles) in {took:.1f} s")

    t = time.perf_counter()
    write_store(nq, folder / "store")
    store = open_store(folder / "store")
    print(f"kg (pyoxigraph): store written in {time.perf_counter() - t:.1f} s")
    t = time.perf_counter()
    memory = load_file(nt)
    print(f"kg (pyoxigraph): {nt.name} parsed into memory in {time.perf_counter() - t:.1f} s")
    rdf = RdflibRunner(nt)
    print(f"rdflib: parsed {rdf.triples:,} triples in {rdf.load_seconds:.1f} s")

    busiest = run_query(
        store,
        "SELECT ?name (COUNT(*) AS ?n) WHERE { ?a schema:mentions ?f . ?f a kgo:PoliceForce ; "
        "skos:prefLabel ?name } GROUP BY ?name ORDER BY DESC(?n) LIMIT 1",
    ).records()[0]["name"]
    params = {
        "force-timeline": {"force": busiest},
        "role-holders": {"role": "Chief Constable"},
        "articles-mentioning": {"entity": busiest},
        "co-mentioned": {},
        "evidence": {"entity": busiest},
    }
    rows_out: list[tuple[str, ...]] = []
    named = [q for q in list_queries() if not args.only or q.name in args.only]
    for q in named:
        p = params.get(q.name, {})
        text, _, _ = bind_params(q.text, p)
        cells: list[float] = []
        n_ox = 0
        for engine in (store, memory):
            times = []
            for _ in range(args.runs):
                t = time.perf_counter()
                res = run_query(engine, q, p)
                times.append(time.perf_counter() - t)
                n_ox = len(res)
            cells.append(statistics.median(times) * 1000)
        rd_times: list[float] = []
        n_rd: int | None = None
        capped = False
        for _ in range(args.runs):
            got = rdf.run(text, args.cap)
            if got is None:
                capped = True
                rdf.restart()
                break
            rd_times.append(got[0])
            n_rd = got[1]
            if got[0] > 10:
                break
        rd_ms = args.cap * 1000 if capped else statistics.median(rd_times) * 1000
        mark = ">" if capped else ""
        rd_cell = f">{args.cap:,.0f} s (cap)" if capped else f"{rd_ms:,.1f}"
        check = "" if capped or n_rd == n_ox else f"  ROWS DIFFER: rdflib {n_rd}"
        rows_out.append(
            (
                q.name,
                str(n_ox),
                f"{cells[0]:,.1f}",
                f"{cells[1]:,.1f}",
                rd_cell,
                f"{mark}{rd_ms / cells[0]:,.1f}x",
                f"{mark}{rd_ms / cells[1]:,.1f}x",
                check,
            )
        )
        print(
            f"  {q.name}: {cells[0]:.1f} / {cells[1]:.1f} ms vs {rd_cell}{check}", file=sys.stderr
        )
    rdf.close()

    head = (
        "query",
        "rows",
        "kg store ms",
        "kg in-memory ms",
        "rdflib ms",
        "ratio (store)",
        "ratio (in-memory)",
    )
    k = len(head)
    widths = [max(len(str(r[i])) for r in [head, *rows_out]) for i in range(k)]
    print()
    print(
        f"{n_triples:,} triples; medians of up to {args.runs} runs; "
        f"rdflib capped at {args.cap:.0f} s per query"
    )
    print("| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows_out:
        cells_out = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(r[:k], widths, strict=True))
        ]
        print("| " + " | ".join(cells_out) + " |" + r[k])
    return 0


if __name__ == "__main__":
    sys.exit(main())
