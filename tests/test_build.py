"""End to end: the default corpus, built, re-parsed, validated and scored."""

import json
import subprocess
import sys

import pyoxigraph as ox
import pytest

from kg.build import build_graph
from kg.evaluate import load_gold, rows_from_graph, score
from kg.export import load_graph
from kg.validate import validate_graph

from .conftest import CORPUS, GOLD

# The scores the devset reached when this floor was set; a drop fails the suite.
FLOORS = {
    "people-roles": 0.96,
    "organizations": 0.95,
    "reports": 0.97,
    "quotes": 0.96,
    "articles": 0.97,
    "grades": 0.95,
    "findings": 0.85,
    "figures": 0.90,
}


def test_build_writes_every_export(built):
    for name in ("graph.ttl", "graph.trig", "graph.jsonld", "graph.nt"):
        assert (built / name).stat().st_size > 1000


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("graph.ttl", ox.RdfFormat.TURTLE),
        ("graph.trig", ox.RdfFormat.TRIG),
        ("graph.nt", ox.RdfFormat.N_TRIPLES),
        ("graph.jsonld", ox.RdfFormat.JSON_LD),
    ],
)
def test_build_exports_reparse_with_pyoxigraph(built, name, fmt):
    quads = list(ox.parse(path=str(built / name), format=fmt))
    assert len(quads) > 1000


def test_build_graph_conforms_to_shapes(built):
    assert validate_graph(load_graph(built / "graph.trig")) == []


def test_build_is_deterministic(built, tmp_path):
    build_graph(CORPUS, tmp_path, html=False, store=False)
    for name in ("graph.ttl", "graph.trig", "graph.nt", "graph.jsonld"):
        assert (tmp_path / name).read_bytes() == (built / name).read_bytes()


def test_build_devset_scores_stay_above_floor(built):
    scores = score(load_gold(GOLD), rows_from_graph(built / "graph.ttl"))
    low = {k: round(s.f1, 3) for k, s in scores.items() if s.f1 < FLOORS.get(k, 0.0)}
    assert not low, f"scores below the floor: {low}"


def test_build_evidence_offsets_point_at_the_sentence(built):
    store = ox.Store()
    store.bulk_load(path=str(built / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    rows = store.query("""
        PREFIX oa: <http://www.w3.org/ns/oa#> PREFIX kgo: <https://w3id.org/kg-oversight/ontology#>
        SELECT ?exact ?start ?end ?file WHERE {
          ?claim kgo:evidence ?a .
          ?a a oa:Annotation ; oa:hasBody ?claim ; oa:hasTarget ?t .
          ?t a oa:SpecificResource ; oa:hasSource/kgo:fileName ?file ;
             oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact ?exact ] ,
                            [ a oa:TextPositionSelector ; oa:start ?start ; oa:end ?end ] }""")
    checked = 0
    for row in rows:
        from kg.ingest import read_article

        text = read_article(CORPUS / row["file"].value).text
        assert text[int(row["start"].value) : int(row["end"].value)] == row["exact"].value
        checked += 1
    assert checked > 50


def test_build_cli_reports_bad_files_and_goes_on(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blob.bin").write_bytes(bytes(range(256)) * 10)
    (corpus / "ok.txt").write_bytes((CORPUS / "003_53badd724a3fb463.txt").read_bytes())
    out = tmp_path / "out"
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(out), "--no-html"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 3, proc.stderr
    assert "skipped empty.txt: empty file" in proc.stderr
    assert "skipped blob.bin: binary file" in proc.stderr
    assert "read 1 articles, skipped 2" in proc.stdout
    assert (out / "graph.ttl").exists()
    assert "Traceback" not in proc.stderr


def test_build_cli_eval_prints_scores(built):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "eval",
            str(GOLD),
            "--graph",
            str(built / "graph.ttl"),
            "--json",
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(FLOORS) <= set(data) and all(0 <= data[k]["f1"] <= 1 for k in FLOORS)
    kinds, said = data["report-kinds"], data["quote-attribution"]
    assert 0 < kinds["right"] <= kinds["total"] and 0 < said["right"] <= said["total"]


# The same for tests/gold/dev, the blind devset (1742 articles written from public pages
# and annotated by people who never saw the extractors; 1675 of them were added in the
# third to hundred-and-thirty-eighth rounds, scored once fresh, and lowered the floors:
# the code of the twentieth session's start scores people 0.730, organizations 0.668
# and reports 0.634 on them).
# Its held-out sibling, tests/gold/heldout, has no floor here: it is scored by hand,
# never tuned.
DEV_FLOORS = {
    "people-roles": 0.72,
    "organizations": 0.66,
    "reports": 0.63,
    "quotes": 0.87,
    "articles": 0.97,
}
DEV_ACCURACY_FLOORS = {"report-kinds": 0.85, "quote-attribution": 0.96}


def test_build_blind_devset_scores_stay_above_floor():
    from kg.evaluate import accuracies, build_and_read

    dev = GOLD / "dev"
    gold, rows = load_gold(dev), build_and_read(dev / "articles")
    scores, accs = score(gold, rows), accuracies(gold, rows)
    low = {k: round(scores[k].f1, 3) for k, f in DEV_FLOORS.items() if scores[k].f1 < f}
    low |= {k: round(accs[k].value, 3) for k, f in DEV_ACCURACY_FLOORS.items() if accs[k].value < f}
    assert not low, f"blind devset scores below the floor: {low}"


def test_build_cli_errors_are_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(tmp_path / "missing")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().count("\n") == 0 and "no such folder" in proc.stderr


def test_build_one_bad_claim_costs_only_that_claim(built, tmp_path, monkeypatch):
    """One article is made to yield a quotation with blank text (the shapes refuse
    it): that quotation is left out and reported with its file, IRI, property and
    message; every other fact of the corpus is in the graph, which conforms."""
    import dataclasses

    import kg.extract

    victim = "beds-peel-2014.txt"
    real = kg.extract.extract_article

    def extract(article):  # type: ignore[no-untyped-def]
        claims = real(article)
        if article.file_name != victim:
            return claims
        bad = dataclasses.replace(claims.quotes[0], text="   ")
        return dataclasses.replace(claims, quotes=(bad, *claims.quotes[1:]))

    monkeypatch.setattr(kg.extract, "extract_article", extract)
    monkeypatch.setattr("kg.incremental.reuse.extract_article", extract)
    result = build_graph(CORPUS, tmp_path, html=False, store=False, jobs=1, cache=False)
    assert [(v.article, v.path) for v in result.left_out] == [(victim, "https://schema.org/text")]
    assert "Quotation needs exactly one text" in result.left_out[0].message
    assert validate_graph(load_graph(tmp_path / "graph.trig")) == []
    good, bad = rows_from_graph(built / "graph.ttl"), rows_from_graph(tmp_path / "graph.ttl")
    for name in ("people-roles", "organizations", "reports", "articles", "grades", "findings"):
        assert bad[name] == good[name], name
    lost = [q for q in good["quotes"] if q not in bad["quotes"]]
    assert len(lost) == 1 and lost[0]["article"] == victim


def test_build_empty_corpus_is_an_error_and_writes_nothing(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "blank.txt").write_text("  \n")
    proc = subprocess.run(
        [sys.executable, "-m", "kg", "build", str(corpus), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip() == (
        f"kg: error: {corpus}: no article to build a graph of "
        "(1 file could not be read: blank.txt: empty file)"
    )
    assert not list((tmp_path / "out").glob("graph.*"))


def test_build_eval_compares_names_whatever_their_apostrophes():
    # gold typed with a straight apostrophe, an article with a curly one: one body
    gold = [
        {
            "article": "a.txt",
            "organizations": [
                {"name": "His Majesty's Prison and Probation Service", "type": "GovernmentBody"}
            ],
        }
    ]
    rows = {
        "people-roles": [],
        "organizations": [
            {"organization": "His Majesty’s Prison and Probation Service", "type": "GovernmentBody"}
        ],
        "reports": [],
        "articles": [],
        "quotes": [],
    }
    s = score(gold, rows)["organizations"]
    assert (s.tp, s.fp, s.fn) == (1, 0, 0)


def _build_one(tmp_path, text):
    """The query rows of a graph built from one article."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "article.txt").write_text(text)
    build_graph(corpus, tmp_path / "out", html=False, store=False)
    return rows_from_graph(tmp_path / "out" / "graph.ttl")


def test_build_a_rank_held_in_no_named_force_keeps_the_person_and_role(tmp_path):
    """An NPCC lead's rank: the article names no force, so the role has no
    organization (as the gold records it), and the graph still conforms."""
    rows = _build_one(
        tmp_path,
        "Police chiefs respond to inspection of cyber crime\n\n12 March 2019\n\n"
        "HMICFRS today published its inspection of how police tackle cyber crime.\n\n"
        "Chief Constable Peter Goodman, the National Police Chiefs' Council lead for cyber "
        "crime, said: “We welcome the report and will act on it.”\n",
    )["people-roles"]
    assert {"person": "Peter Goodman", "role": "Chief Constable", "organization": ""} in [
        {k: r[k] or "" for k in ("person", "role", "organization")} for r in rows
    ]
    assert validate_graph(load_graph(tmp_path / "out" / "graph.trig")) == []


def test_build_words_two_people_say_together_are_each_ones_in_the_graph(tmp_path):
    """One quotation with both speakers: the shape gate keeps it, and the quotes
    query gives it to each."""
    rows = _build_one(
        tmp_path,
        "Custody suites inspected\n\n12 March 2019\n\n"
        "HM Inspectorate of Prisons and HMICFRS today published their inspection of "
        "custody in Derbyshire Constabulary.\n\n"
        "In a joint comment, Peter Clarke, HM Chief Inspector of Prisons, and Wendy "
        "Williams, HM Inspector of Constabulary, said: “We found committed staff and a "
        "strong culture of wanting to improve.”\n",
    )["quotes"]
    assert {r["speaker"] for r in rows if r["text"].startswith("We found committed")} == {
        "Peter Clarke",
        "Wendy Williams",
    }
    assert validate_graph(load_graph(tmp_path / "out" / "graph.trig")) == []


def test_build_an_inspectorate_named_only_in_a_title_is_mentioned(tmp_path):
    """ "Nick Hardwick, chief inspector of prisons" names the prisons inspectorate: the
    article mentions it; "the Home Secretary" names no Home Office."""
    rows = _build_one(
        tmp_path,
        "Youth jail criticised\n\n1 August 2013\n\n"
        "Home Secretary Theresa May said she would read the findings.\n\n"
        "Nick Hardwick, chief inspector of prisons, said: “The high level of violent "
        "incidents is still a significant concern.”\n",
    )["organizations"]
    names = {r["organization"] for r in rows}
    assert "His Majesty's Inspectorate of Prisons" in names
    assert "Home Office" not in names
