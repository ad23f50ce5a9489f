"""Corrections (kg/corrections.py) on the real articles of corpus/: each kind of fix
changes what it should and nothing else, a bad file is one error naming its line, a
stale entry is reported by name, and the entries ``kg correct`` and the view write
load back and apply."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import corrections as C
from kg.cli import cli
from kg.errors import InputError
from kg.graph import article_graph, dataset, report_title
from kg.model import ArticleClaims, Corrected, OrgType, PartialDate, Resolved, SpeakerKind
from kg.pipeline import extract_corpus
from kg.resolve import resolve
from kg.vocab import ORG, SCHEMA, membership_iri, org_iri, person_iri, quote_iri

from .conftest import CORPUS, ROOT

FIXTURE = ROOT / "tests" / "data" / "corrections" / "corrections.yaml"
SY23 = "south-yorks-peel-2023"
LANCS = "001_cbe8bcaef8b6161a"
SIGNED = "  by: Jane Doe\n  date: 2024-05-02\n  why: checked against the report\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """corpus/, copied, with one article that misspells a name (as papers do)."""
    folder = tmp_path_factory.mktemp("corpus")
    for f in CORPUS.iterdir():
        shutil.copy(f, folder / f.name)
    typo = folder / "003_53badd724a3fb463.txt"
    typo.write_text(typo.read_text(encoding="utf-8").replace("Gamblin", "Gamblen"), "utf-8")
    return folder


@pytest.fixture(scope="module")
def base(corpus: Path) -> Resolved:
    claims, skipped = extract_corpus(corpus)
    assert not skipped
    return resolve(claims)


def _corrections(*entries: str) -> C.Corrections:
    return C.parse("".join(e + SIGNED for e in entries), "corpus/corrections.yaml")


def _applied(base: Resolved, corr: C.Corrections) -> tuple[Resolved, dict[str, ArticleClaims]]:
    """The corrected resolution, and every article's claims with the claim corrections."""
    after = C.resolve(base, corr)
    touched = C.touching(after, corr)
    claims = {
        ac.article.id: C.apply(ac, touched.get(ac.article.id, ()), after) for ac in after.claims
    }
    return after, claims


def _triples(ac: ArticleClaims, resolved: Resolved) -> set[tuple[str, str, str]]:
    return {(s, p, o[1]) for s, p, o in article_graph(ac, resolved)}


def test_corrections_retract_a_wrong_membership(base):
    corr = _corrections(
        "- retract: membership\n  person: Stephen Watson\n  role: Chief Constable\n"
        "  organization: Greater Manchester Police\n  article: south-yorks-peel-2023.txt\n"
    )
    after, claims = _applied(base, corr)
    before = next(ac for ac in base.claims if ac.article.id == SY23)
    ac = claims[SY23]
    gmp = next(r for r in before.roles if r.org == "greater-manchester")
    assert gmp not in ac.roles and len(ac.roles) == len(before.roles) - 1
    assert ac.retracted is not None and ac.retracted.roles == (gmp,)  # its evidence kept
    cid = corr.entries[0].correction.id
    assert ac.retracted.corrected == (Corrected("roles", 0, cid),)
    # his South Yorkshire post, in this article and the 2016 one, stays
    assert any(r.person == "Stephen Watson" and r.org == "south-yorkshire" for r in ac.roles)
    assert claims["south-yorks-efficiency-2016"] == next(
        a for a in base.claims if a.article.id == "south-yorks-efficiency-2016"
    )
    node = str(
        membership_iri("stephen-watson", "chief-constable", "greater-manchester", None, SY23)
    )
    assert not any(s == node for s, _, _ in _triples(ac, after))
    assert C.unmatched(base, corr) == []


def test_corrections_merge_two_spellings_of_one_person(base):
    typo = "003_53badd724a3fb463"
    assert {"sunita-gamblin", "sunita-gamblen"} <= set(base.people)
    corr = _corrections("- merge: person\n  people: [Sunita Gamblin, Sunita Gamblen]\n")
    after = C.resolve(base, corr)
    assert "sunita-gamblen" not in after.people
    assert after.person_key[(typo, "Sunita Gamblen")] == "sunita-gamblin"
    assert "Sunita Gamblen" in after.people["sunita-gamblin"].aliases
    ac = next(a for a in after.claims if a.article.id == typo)
    triples = _triples(ac, after)
    gamblin = str(person_iri("sunita-gamblin"))
    assert (gamblin, str(SCHEMA.alternateName), "Sunita Gamblen") in triples
    assert not any(str(person_iri("sunita-gamblen")) in (s, o) for s, _, o in triples)
    assert after.corrections == corr.records


def test_corrections_assert_a_missed_quotation(base):
    corr = _corrections(
        "- assert: quotation\n  quote: requires improvement\n  speaker: HMICFRS\n"
        "  article: south-yorks-peel-2023.txt\n  sentence: Then in 2016 HMI inspected SYP,"
        " said the force ‘requires improvement’, and placed it in special measures.\n",
        "- assert: quotation\n  quote: the job now was to consolidate that position\n"
        "  speaker: Dr Alan Billings\n  article: south-yorks-peel-2023.txt\n",
    )
    after, claims = _applied(base, corr)
    ac = claims[SY23]
    text = ac.article.text
    n = len(next(a for a in base.claims if a.article.id == SY23).quotes)
    hmi, billings = ac.quotes[n:]
    assert text[hmi.span.start : hmi.span.end] == hmi.text == "requires improvement"
    assert text[hmi.evidence.start : hmi.evidence.end].startswith("Then in 2016 HMI inspected")
    assert (hmi.speaker_kind, hmi.speaker) == (SpeakerKind.ORGANIZATION, "hmicfrs")
    # no sentence given: the evidence is the paragraph that holds the words
    assert text[billings.evidence.start : billings.evidence.end].startswith("When I appointed")
    assert (billings.speaker_kind, billings.speaker) == (SpeakerKind.PERSON, "Alan Billings")
    ids = [e.correction.id for e in corr.entries]
    assert ac.corrected == (Corrected("quotes", n, ids[0]), Corrected("quotes", n + 1, ids[1]))
    triples = _triples(ac, after)
    assert (
        str(quote_iri(SY23, hmi.span.start)),
        str(SCHEMA.spokenByCharacter),
        str(org_iri("hmicfrs")),
    ) in triples
    assert after.people == base.people  # "Dr Alan Billings" is the one already known


def test_corrections_keep_apart_one_name_in_two_articles(base):
    corr = _corrections(
        "- split: person\n  person: Stephen Watson\n  article: south-yorks-peel-2023.txt\n"
        "  as: Stephen Watson (GMP)\n"
    )
    after = C.resolve(base, corr)
    assert after.person_key[("south-yorks-efficiency-2016", "Stephen Watson")] == "stephen-watson"
    assert after.person_key[(SY23, "Stephen Watson")] == "stephen-watson-gmp"
    assert after.people["stephen-watson-gmp"].name == "Stephen Watson (GMP)"
    assert after.people["stephen-watson"].name == "Stephen Watson"
    ac = next(a for a in after.claims if a.article.id == SY23)
    members = {o for s, p, o in _triples(ac, after) if p == str(ORG.member)}
    assert members >= {str(person_iri("stephen-watson-gmp"))}
    assert str(person_iri("stephen-watson")) not in members


def test_corrections_keep_apart_two_people_of_one_surname(tmp_path):
    """A story that names only "Mr Jones" (Lincolnshire's PCC), in a corpus whose one
    Jones is South Yorkshire's interim chief: the resolver makes them one person."""
    shutil.copy(CORPUS / "south-yorks-efficiency-2016.txt", tmp_path)
    lines = (CORPUS / "lincs-effectiveness-2018.txt").read_text(encoding="utf-8").split("\n")
    story = "\n".join([lines[0], "", *lines[20:]])  # the headline, then from "Mr Jones said"
    (tmp_path / "lincs-jones.txt").write_text(story, encoding="utf-8")
    claims, _ = extract_corpus(tmp_path)
    merged = resolve(claims)
    assert merged.person_key[("lincs-jones", "Jones")] == "dave-jones"
    corr = _corrections(
        "- split: person\n  person: Dave Jones\n  mention: Jones\n"
        "  articles: [lincs-jones.txt]\n  as: Marc Jones\n"
    )
    after = C.resolve(merged, corr)
    assert after.person_key[("lincs-jones", "Jones")] == "marc-jones"
    assert after.person_key[("south-yorks-efficiency-2016", "Dave Jones")] == "dave-jones"
    assert after.people["marc-jones"].aliases == ("Jones", "Mr Jones")
    assert "Mr Jones" not in after.people["dave-jones"].aliases
    ac = next(a for a in after.claims if a.article.id == "lincs-jones")
    people = {s for s, p, o in _triples(ac, after) if o == str(SCHEMA.Person)}
    assert people == {str(person_iri("marc-jones"))}


def test_corrections_set_a_report_kind_and_a_date(base):
    lincs = "hmicfrs|lincolnshire|2016|"
    cleveland = "hmicfrs|cleveland+cumbria|2017-09|child-protection"
    corr = _corrections(
        f"- set: kind\n  report: {report_title(base.reports[lincs])}\n  value: effectiveness\n",
        "- set: date\n  report: Child protection inspection of Cumbria Constabulary and Cleveland Police, September 2017\n"
        "  value: 2017-09-21\n",
        "- retract: subject\n  report: Child protection inspection of Cumbria Constabulary and Cleveland Police, September 2017\n"
        "  organization: Lancashire Constabulary\n",  # a subject it does not have: stale
    )
    after = C.resolve(base, corr)
    assert after.reports[lincs].kind_concept == "effectiveness"
    assert (
        report_title(after.reports[lincs])
        == "Effectiveness inspection of Lincolnshire Police, 2016"
    )
    assert after.reports[cleveland].published == PartialDate(2017, 9, 21)
    assert after.report_key == base.report_key  # the same reports, so the same IRIs
    assert [c.line for c in C.unmatched(base, corr)] == [corr.entries[2].correction.line]


def test_corrections_merge_a_report_counted_twice(base):
    kept = "hmicfrs|lancashire|2018-03|child-protection"
    corr = _corrections(
        "- merge: report\n  reports:\n"
        "    - Child protection inspection of Lancashire Constabulary, March 2018\n"
        "    - hmicfrs|lancashire|article:001_cbe8bcaef8b6161a|child-protection\n"
    )
    after = C.resolve(base, corr)
    assert after.report_key[(LANCS, 0)] == kept
    assert "report" in after.reports[kept].kinds  # the words of both are kept
    assert len(after.reports) == len(base.reports) - 1
    # the review of April 2019 still follows up the inspection it merged into
    assert after.reports["hmicfrs|lancashire|2019-04|post-inspection-review"].follows_up == kept


def test_corrections_fixture_file_all_apply(base):
    corr = C.load(FIXTURE)
    assert C.unmatched(base, corr) == []
    after, claims = _applied(base, corr)
    applied = set().union(*(C.matched(ac) for ac in claims.values()))
    assert C.unmatched(base, corr, applied) == []
    quotes = claims[LANCS].quotes
    commitment = next(q for q in quotes if q.text == "clear commitment")
    assert (commitment.speaker_kind, commitment.speaker) == (SpeakerKind.ORGANIZATION, "hmicfrs")
    assert not any(q.text == "workload pressures" for q in quotes)
    d = dataset(after, lambda ac, r: article_graph(claims[ac.article.id], r))
    # each article's graph, the reference data and the corrections
    assert len(d.named) == len(base.claims) + 2


def test_corrections_in_a_build_slim_claims_then_a_slice_give_the_same_claims(corpus, base):
    """The build resolves slim claims and renders each article in a worker with its slice:
    the parent applies the entries to the slim claims to cut the slice (asserted claims
    name people and reports the extracted ones did not), the worker to the whole claims."""
    from kg.incremental.render import slice_of
    from kg.incremental.reuse import slim

    corr = C.parse(
        FIXTURE.read_text(encoding="utf-8")
        + "- assert: membership\n  person: Lauren Poultney\n  role: Deputy Chief Constable\n"
        "  organization: South Yorkshire Police\n  article: south-yorks-efficiency-2016.txt\n"
        + SIGNED
        + "- assert: report\n  publisher: HMIC\n  subject: South Yorkshire Police\n"
        "  kind: PEEL\n  published: 2016-03\n  article: south-yorks-peel-2023.txt\n" + SIGNED
    )
    lean = resolve([slim(ac) for ac in base.claims])
    after = C.resolve(lean, corr)
    expected_after, expected = _applied(base, corr)
    assert (after.people, after.person_key) == (expected_after.people, expected_after.person_key)
    assert (after.reports, after.report_key) == (expected_after.reports, expected_after.report_key)
    touched = C.touching(after, corr)
    whole = {ac.article.id: ac for ac in base.claims}
    applied: set[str] = set()
    for ac in after.claims:
        entries = touched.get(ac.article.id, ())
        part = slice_of(C.apply(ac, entries, after), after)
        claims = C.apply(whole[ac.article.id], entries, part)
        assert claims == expected[ac.article.id]
        assert article_graph(claims, part) == article_graph(claims, expected_after)
        applied |= C.matched(claims)
    assert C.unmatched(lean, corr, applied) == C.unmatched(lean, corr) == []
    assert after.person_key[("south-yorks-efficiency-2016", "Lauren Poultney")] == "lauren-poultney"
    asserted = len(next(ac for ac in base.claims if ac.article.id == SY23).reports)
    assert after.report_key[(SY23, asserted)] == "hmicfrs|south-yorkshire|2016-03|peel-assessment"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        ("- retract: membership\n  person: X\n  role: Chief Consatble\n" + SIGNED, 3,
         "unknown role 'Chief Consatble'"),
        ("- merge: person\n  people: [A, B]\n  by: Jane\n  date: 2024-05-02\n", 1,
         "who made it ('by:') and why ('why:')"),
        ("# fixes\n\n- set: kind\n  report: R\n  value: [a, b\n" + SIGNED, 6, "expected"),
        ("- retract: quotation\n  quote: x\n  artcle: a.txt\n" + SIGNED, 3, "unknown key 'artcle'"),
        ("- retract: quotation\n  quote: x\n  quote: y\n" + SIGNED, 3, "'quote' is given twice"),
        ("- set: date\n  article: a.txt\n  value: 2019-02-30\n" + SIGNED, 3, "not a date"),
        ("- retract: type\n  organization: Kent Police\n" + SIGNED, 2, "reference data"),
        ("- retract: quotation\n  quote: x\n" + SIGNED.replace("2024-05-02", "May 2"), 4,
         "YYYY-MM-DD"),
        ("retract: membership\n", 1, "a list of corrections"),
    ],
)  # fmt: skip
def test_corrections_malformed_file_is_one_error_naming_the_line(tmp_path, text, line, reason):
    path = tmp_path / "corrections.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as e:
        C.load(path)
    message = str(e.value)
    assert message.startswith(f"{path}:{line}: ") and reason in message
    assert "\n" not in message


def test_corrections_missing_file_is_none(tmp_path):
    assert C.load(tmp_path / "corrections.yaml").entries == ()


def test_corrections_an_entry_that_no_longer_matches_is_reported(base):
    corr = _corrections(
        "- retract: speaker\n  quote: I am pleased with how Cumbria\n  speaker: Mike Barton\n",
        "- merge: person\n  people: [Olly Martins, Oliver Martins]\n",
        "- retract: quotation\n  quote: workload pressures\n",
    )
    stale = C.unmatched(base, corr)
    assert [c.line for c in stale] == [1, 7]
    assert stale[0].text == (
        'retract speaker: quote "I am pleased with how Cumbria"; speaker Mike Barton'
    )
    assert stale[1].action == "merge" and stale[1].by == "Jane Doe"


def test_corrections_digest_changes_only_for_the_articles_an_entry_names():
    one = _corrections("- set: date\n  article: beds-peel-2014.txt\n  value: 2014-11-27\n")
    two = _corrections(
        "- set: date\n  article: beds-peel-2014.txt\n  value: 2014-11-28\n",
        "- merge: person\n  people: [A, B]\n",
    )
    assert one.digest("beds-peel-2014") != two.digest("beds-peel-2014")
    assert one.digest(SY23) == two.digest(SY23)
    assert one.entity_digest() != two.entity_digest()


def test_corrections_kg_correct_appends_entries_that_load(tmp_path):
    path = tmp_path / "corrections.yaml"
    path.write_text("# Our fixes.\n- merge: person  # a comment kept\n  people: [A, B]\n" + SIGNED)
    runner = CliRunner()
    common = ["--file", str(path), "--by", "Jane Doe", "--date", "2024-05-03"]
    commands = [
        ["retract", "membership", "--person", "Stephen Watson", "--role", "Chief Constable",
         "--org", "Greater Manchester Police", "--article", "south-yorks-peel-2023.txt",
         "--why", "background: not news"],
        ["assert", "quotation", "--quote", "requires improvement", "--speaker", "HMICFRS",
         "--article", "south-yorks-peel-2023.txt", "--why", "HMI's words # quoted"],
        ["merge", "Sunita Gamblin", "Sunita Gamblen", "--why", "one person"],
        ["split", "Stephen Watson", "--article", "south-yorks-peel-2023.txt", "--why", "two"],
        ["set", "subject", "--report", "Inspection report of Lincolnshire Police, 2016",
         "Lincolnshire Police", "Nottinghamshire Police", "--why", "a joint report"],
        ["set", "kind", "--report", "R", "PEEL assessment", "--why", "x"],
    ]  # fmt: skip
    for args in commands:
        result = runner.invoke(cli, ["correct", *args, *common])
        assert result.exit_code == 0, result.output
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Our fixes.\n- merge: person  # a comment kept\n")
    entries = C.load(path).entries
    assert [e.action for e in entries] == [
        "merge",
        "retract",
        "assert",
        "merge",
        "split",
        "set",
        "set",
    ]
    assert entries[1].correction.why == "background: not news"
    assert entries[2].correction.why == "HMI's words # quoted"
    assert (entries[1].role, entries[1].org) == ("chief-constable", "greater-manchester")
    assert entries[5].subjects == ("lincolnshire", "nottinghamshire")
    assert entries[6].kind == "peel-assessment"
    # a bad entry: one error naming its line, and the file as it was
    result = runner.invoke(cli, ["correct", "retract", "membership", "--person", "X", "--role",
                                 "Chief Consatble", "--why", "typo", *common])  # fmt: skip
    assert result.exit_code == 1
    assert f"{path}:" in result.output and "unknown role 'Chief Consatble'" in result.output
    assert path.read_text(encoding="utf-8") == text
    assert not [p for p in tmp_path.iterdir() if p.name != "corrections.yaml"]


def test_corrections_entry_for_a_view_edge_and_node(base):
    from kg.viz import build_network

    graph = dataset(base)
    net = build_network(graph.union())
    nodes = {n.iri: n for n in net.nodes}
    edge = next(
        e for e in net.edges if e.relation == "role" and "Manchester" in nodes[e.target].label
    )
    files = [net.articles[a].file_name for a in edge.articles]
    text = C.view_entry(
        "membership", edge.label, source=nodes[edge.source].label,
        target=nodes[edge.target].label, articles=files, by="Jane Doe", date="2024-05-02",
    )  # fmt: skip
    assert text == (
        "- retract: membership\n  person: Stephen Watson\n  role: Chief Constable\n"
        "  organization: Greater Manchester Police\n  article: south-yorks-peel-2023.txt\n"
        '  by: Jane Doe\n  date: 2024-05-02\n  why: ""  # why it is wrong\n'
    )
    with pytest.raises(InputError, match="'why' is empty"):
        C.parse(text)
    quote = next(n for n in net.nodes if n.cls == "quote" and "workload" in n.label)
    facts = dict(quote.facts)
    node_text = C.view_entry(
        "quotation", facts["Text"], iri=quote.iri, source=facts["Speaker"],
        articles=[net.articles[a].file_name for a in quote.articles],
    )  # fmt: skip
    assert node_text.startswith(f"# {quote.iri}\n- retract: quotation\n  quote: workload")
    filled = (
        (text + node_text)
        .replace('""  # why it is wrong', "checked")
        .replace('""  # who you are', "Jane Doe")
    )
    corr = C.parse(filled)
    assert C.unmatched(base, corr) == []
    assert set(C.touching(C.resolve(base, corr), corr)) == {SY23, LANCS}
    force = next(n for n in net.nodes if n.cls == "force")
    assert C.view_entry("organization", force.label, iri=force.iri).startswith("# ")
    assert OrgType.OTHER.value in C.view_entry("organization", "HMP Liverpool")
