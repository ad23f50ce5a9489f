import subprocess
import sys

from kg.reference import lexicon

from .conftest import ROOT


def test_ontology_reference_files_match_the_csvs(tmp_path):
    before = {n: (ROOT / "ontology" / n).read_bytes() for n in ("forces.ttl", "inspectorates.ttl")}
    subprocess.run([sys.executable, str(ROOT / "ontology" / "build_reference.py")], check=True)
    after = {n: (ROOT / "ontology" / n).read_bytes() for n in before}
    assert before == after, "run python ontology/build_reference.py and commit the result"


def test_ontology_has_every_force_and_role():
    lex = lexicon()
    # the 46 forces of the reference data, the eight others the inspectorates inspect
    # (national special forces, Crown Dependencies', Gibraltar's, Belfast's harbour and
    # airport police) and the nine that have ended (RUC, Scotland's eight), the last two kinds
    # found by name only
    forces = [o for o in lex.orgs.values() if o.type == "PoliceForce"]
    assert sum(o.dissolved is None and bool(o.places) for o in forces) == 46
    assert sum(o.dissolved is None and not o.places for o in forces) == 8
    assert sum(o.dissolved is not None and not o.places for o in forces) == 9
    assert lex.orgs["hmicfrs"].name == "HMICFRS" and "HMIC" in lex.orgs["hmicfrs"].labels
    labels = {lb for r in lex.roles.values() for lb in r.labels}
    assert {"Deputy Ch Con", "DCC", "PCC", "HMI"} <= labels


def test_ontology_every_body_it_refers_to_is_one_it_defines():
    # a remit, a role's default body or a force's roles given to a key no body has
    # would be silently ignored (the borders inspectorate's remit once was)
    import rdflib

    g = rdflib.Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        g.parse(path)
    ns = "https://w3id.org/kg-oversight/id/org/"
    defined = {s for s in g.subjects(rdflib.RDF.type, None) if str(s).startswith(ns)}
    used = {x for triple in g for x in (triple[0], triple[2]) if str(x).startswith(ns)}
    assert sorted(str(x).removeprefix(ns) for x in used - defined) == []
