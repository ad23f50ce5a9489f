"""kg/store.py: stores written from the build's two files, and updated in place of
a rebuild, on a small hand-made dataset."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg import store as kg_store
from kg.errors import ExportError
from kg.store import open_store, update_store, write_store, write_store_files

EX = "http://example.org/"
DEFAULT = ox.DefaultGraph()


def iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def quad(s: str, p: str, o: str | ox.Literal, g: str | None = None) -> ox.Quad:
    obj = o if isinstance(o, ox.Literal) else iri(o)
    return ox.Quad(iri(s), iri(p), obj, DEFAULT if g is None else iri(g))


ALICE = quad("alice", "knows", "bob", "g1")
# g1 and g2 both say alice knows bob: the default graph must hold it once.
OLD = [
    ALICE,
    quad("alice", "name", ox.Literal("Alice"), "g1"),
    quad("alice", "knows", "bob", "g2"),
    quad("bob", "name", ox.Literal("Bob"), "g2"),
    quad("carol", "name", ox.Literal("Carol", language="en"), "g3"),
    quad("Person", "type", "Class"),  # the default graph's own triple (the ontology)
    quad("alice", "name", ox.Literal("Alice")),  # also in g1
]
# g2 re-extracted (bob renamed, the shared triple gone), g4 new.
NEW = [q for q in OLD if q.graph_name != iri("g2")] + [
    quad("bob", "name", ox.Literal("Robert"), "g2"),
    quad("dave", "worksFor", "acme", "g4"),
    quad("dave", "name", ox.Literal('Dave "D" O\'Neil\nJr.'), "g4"),
]


def triples(quads: list[ox.Quad]) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in quads}


def write_files(folder: Path, quads: list[ox.Quad], suffix: str = ".trig") -> tuple[Path, Path]:
    """The two files a build writes: every graph, and the union of all graphs."""
    folder.mkdir(parents=True, exist_ok=True)
    data, union = folder / f"graph{suffix}", folder / "union.nt"
    ox.serialize(quads, str(data), kg_store.rdf_format(data))
    ox.serialize(sorted(triples(quads), key=str), str(union), ox.RdfFormat.N_TRIPLES)
    return data, union


def contents(path: Path) -> list[str]:
    return sorted(str(q) for q in open_store(path))


def expected(quads: list[ox.Quad]) -> list[str]:
    """What a store of ``quads`` holds: the named graphs, and their union as the default."""
    union = [ox.Quad(t.subject, t.predicate, t.object, DEFAULT) for t in triples(quads)]
    return sorted({str(q) for q in quads if q.graph_name != DEFAULT} | {str(q) for q in union})


def folders(parent: Path) -> list[str]:
    """What is in ``parent`` besides each link's hidden home folder."""
    homes = {p.resolve() for p in parent.iterdir() if p.is_symlink()}
    return sorted(p.name for p in parent.iterdir() if p not in homes)


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_store_files_layout(tmp_path, suffix):
    data, union = write_files(tmp_path / "in", OLD, suffix)
    path = write_store_files(data, union, tmp_path / "store")
    assert path == tmp_path / "store"
    store = open_store(path)
    assert {g.value for g in store.named_graphs()} == {EX + "g1", EX + "g2", EX + "g3"}
    g1 = {str(q) for q in store.quads_for_pattern(None, None, None, iri("g1"))}
    assert g1 == {str(q) for q in OLD if q.graph_name == iri("g1")}
    default = list(store.quads_for_pattern(None, None, None, DEFAULT))
    assert triples(default) == triples(OLD)
    assert len(default) == len(triples(OLD)) == 5  # 7 quads; two triples stated twice
    [row] = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s <http://example.org/knows> ?o }")
    assert row["n"].value == "1"
    assert contents(path) == expected(OLD)


def test_store_files_in_blocks_keep_blank_nodes(tmp_path, monkeypatch):
    # Blocks of ~2 lines, each bulk-loaded: a blank node must stay one node
    # across blocks and between the graph file and the union file.
    monkeypatch.setattr(kg_store, "_BLOCK_BYTES", 150)
    monkeypatch.setattr(kg_store, "_SMALL_BYTES", 0)
    b = ox.BlankNode("post1")
    with_blank = [
        *OLD,
        ox.Quad(iri("alice"), iri("holds"), b, iri("g1")),
        ox.Quad(b, iri("title"), ox.Literal("Chief Constable"), iri("g1")),
    ]
    data, union = write_files(tmp_path / "in", with_blank, ".nq")
    store = open_store(write_store_files(data, union, tmp_path / "store"))
    blanks = {q.object for q in store.quads_for_pattern(iri("alice"), iri("holds"), None)}
    assert len(blanks) == 1  # the same node in g1 and in the default graph
    [node] = blanks
    titles = list(store.quads_for_pattern(node, iri("title"), None))
    assert {q.graph_name for q in titles} == {iri("g1"), DEFAULT}
    assert len(store) == len(expected(with_blank))


@pytest.mark.parametrize("suffix", [".trig", ".nq"])
def test_store_write_store_stores_what_write_store_files_stores(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(kg_store, "_BLOCK_BYTES", 200)
    monkeypatch.setattr(kg_store, "_BLOCK_QUADS", 2)
    monkeypatch.setattr(kg_store, "_SMALL_BYTES", 0)
    data, union = write_files(tmp_path / "in", OLD, suffix)
    want = contents(write_store_files(data, union, tmp_path / "files"))
    assert want == expected(OLD)
    assert contents(write_store(data, tmp_path / "path")) == want
    assert contents(write_store(iter(OLD), tmp_path / "iterable")) == want
    assert contents(write_store(union, tmp_path / "triples")) == sorted(
        str(ox.Quad(t.subject, t.predicate, t.object, DEFAULT)) for t in triples(OLD)
    )


def update_files(folder: Path) -> dict[str, Path]:
    """The files a build writes when g2 changed and g4 is new (OLD -> NEW)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {"add": folder / "add.nq", "remove": folder / "remove.nt", "union": folder / "add.nt"}
    changed = [q for q in NEW if q.graph_name in (iri("g2"), iri("g4"))]
    ox.serialize(changed, str(paths["add"]), ox.RdfFormat.N_QUADS)
    ox.serialize(triples(OLD) - triples(NEW), str(paths["remove"]), ox.RdfFormat.N_TRIPLES)
    ox.serialize(triples(NEW) - triples(OLD), str(paths["union"]), ox.RdfFormat.N_TRIPLES)
    return paths


def test_store_update_equals_a_rebuild(tmp_path):
    data, union = write_files(tmp_path / "old", OLD)
    previous = write_store_files(data, union, tmp_path / "previous")
    before = contents(previous)
    home = previous.resolve()
    stats = {p.name: p.stat().st_mtime_ns for p in home.iterdir()}
    reader = open_store(previous)  # a `kg serve` with the store open
    files = update_files(tmp_path / "changes")

    path = update_store(
        previous,
        tmp_path / "next",
        drop_graphs=[EX + "g2"],
        add_quads=files["add"],
        union_remove=files["remove"],
        union_add=files["union"],
    )

    data, union = write_files(tmp_path / "new", NEW)
    rebuilt = contents(write_store_files(data, union, tmp_path / "rebuilt"))
    assert contents(path) == rebuilt
    assert "Robert" in str(rebuilt) and "Bob" not in str(rebuilt)
    assert contents(previous) == before  # untouched, and still readable
    assert {p.name: p.stat().st_mtime_ns for p in home.iterdir()} == stats
    assert sorted(str(q) for q in reader) == before
    assert folders(tmp_path) == ["changes", "new", "next", "old", "previous", "rebuilt"]


def test_store_update_in_place(tmp_path):
    # previous and target the same link: the new folder replaces the old one.
    data, union = write_files(tmp_path / "in", OLD)
    target = write_store_files(data, union, tmp_path / "out" / "store")
    old_home = target.resolve()
    files = update_files(tmp_path / "changes")
    update_store(
        target,
        target,
        drop_graphs=[EX + "g2"],
        add_quads=files["add"],
        union_remove=files["remove"],
        union_add=files["union"],
    )
    assert contents(target) == expected(NEW)
    assert target.resolve() != old_home and not old_home.exists()
    assert folders(target.parent) == ["store"]


def test_store_update_nothing_is_a_copy(tmp_path):
    data, union = write_files(tmp_path / "in", OLD)
    previous = write_store_files(data, union, tmp_path / "previous")
    path = update_store(
        previous,
        tmp_path / "next",
        drop_graphs=[],
        add_quads=None,
        union_remove=None,
        union_add=None,
    )
    assert contents(path) == contents(previous) == expected(OLD)


def test_store_update_keeps_writes_not_yet_flushed(tmp_path):
    # Store.backup through a read-only open leaves the write-ahead log out.
    written = ox.Store(str(tmp_path / "previous"))
    written.add(ALICE)  # in the log only: no flush()
    del written
    gc.collect()
    path = update_store(
        tmp_path / "previous",
        tmp_path / "next",
        drop_graphs=[],
        add_quads=None,
        union_remove=None,
        union_add=None,
    )
    assert list(open_store(path)) == [ALICE]


def test_store_update_failure_leaves_previous(tmp_path, monkeypatch):
    monkeypatch.setattr(kg_store, "_BLOCK_BYTES", 100)  # the error is in a later block
    monkeypatch.setattr(kg_store, "_SMALL_BYTES", 0)
    data, union = write_files(tmp_path / "in", OLD)
    target = write_store_files(data, union, tmp_path / "out" / "store")
    before = contents(target)
    home = target.resolve()
    files = update_files(tmp_path / "changes")
    bad = tmp_path / "changes" / "bad.nt"
    lines = files["union"].read_text().splitlines()
    bad.write_text("\n".join([*lines, lines[0], "<http://example.org/x> <http://example.org/y> ."]))
    bad_line = len(lines) + 2
    with pytest.raises(ExportError) as e:
        update_store(
            target,
            target,
            drop_graphs=[EX + "g2"],
            add_quads=files["add"],
            union_remove=files["remove"],
            union_add=bad,
        )
    message = str(e.value)
    assert message.startswith(f"{bad}: not valid N-Triples: line {bad_line} column")
    assert "\n" not in message
    assert target.resolve() == home
    assert contents(target) == before
    assert folders(target.parent) == ["store"]  # no temporary left behind


def test_store_files_bad_input(tmp_path):
    data, union = write_files(tmp_path / "in", OLD)
    target = tmp_path / "store"
    with pytest.raises(ExportError, match="missing.nt: no such file"):
        write_store_files(data, tmp_path / "missing.nt", target)
    with pytest.raises(ExportError, match="union file holds triples"):
        write_store_files(data, data, target)
    broken = tmp_path / "broken.trig"
    broken.write_text(data.read_text() + "\n<http://example.org/x> {\n")
    with pytest.raises(
        ExportError, match=r"broken\.trig: not valid TriG: line 16 column 1: Unexpected end$"
    ):
        write_store_files(broken, union, target)
    assert not target.exists() and not target.is_symlink()
    assert folders(tmp_path) == ["broken.trig", "in"]


def test_store_refuses_a_non_store_target(tmp_path):
    data, union = write_files(tmp_path / "in", OLD)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="notes: exists and is not a kg store"):
        write_store_files(data, union, notes)
    previous = write_store_files(data, union, tmp_path / "store")
    no_change = {"drop_graphs": [], "add_quads": None, "union_remove": None, "union_add": None}
    with pytest.raises(ExportError, match="notes: exists and is not a kg store"):
        update_store(previous, notes, **no_change)  # type: ignore[arg-type]
    with pytest.raises(ExportError, match="notes: not a kg store"):
        update_store(notes, tmp_path / "next", **no_change)  # type: ignore[arg-type]
    assert (notes / "keep.txt").read_text() == "mine"
    assert os.listdir(notes) == ["keep.txt"]
