"""Scoring one annotator against another (``kg eval --against``)."""

import json
import subprocess
import sys

from kg.evaluate import accuracies, load_gold, rows_from_gold, score

from .conftest import GOLD

ARTICLE = {
    "article": "a.txt",
    "published": "2018-03-08",
    "people": [
        {
            "name": "Sunita Gamblin",
            "roles": [
                {"role": "Deputy Chief Constable", "organization": "Lancashire Constabulary"}
            ],
        }
    ],
    "organizations": [{"name": "Lancashire Constabulary", "type": "PoliceForce"}],
    "reports": [
        {
            "publisher": "HMICFRS",
            "subject": "Lancashire Constabulary",
            "published": "2018-03-08",
            "kind": "child protection",
        }
    ],
    "quotes": [{"speaker": "Sunita Gamblin", "text_start": "The findings are concerning"}],
}


def test_evaluate_a_gold_against_itself_agrees_on_every_measure():
    scores = score([ARTICLE], rows_from_gold([ARTICLE]), mutual=True)
    assert {k: s.f1 for k, s in scores.items()} == dict.fromkeys(scores, 1.0)


def test_evaluate_two_annotators_first_words_of_different_length_are_one_quote():
    second = json.loads(json.dumps(ARTICLE))
    second["quotes"] = [{"speaker": "Sunita Gamblin", "text_start": "The findings are"}]
    rows = rows_from_gold([second])
    assert score([ARTICLE], rows, mutual=True)["quotes"].f1 == 1.0
    assert accuracies([ARTICLE], rows, mutual=True)["quote-attribution"].right == 1
    # a graph's quotation must hold the gold's first words: no mutual match there
    assert score([ARTICLE], rows)["quotes"].f1 == 0.0


def test_evaluate_cli_against_a_second_annotator(tmp_path):
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "eval",
            str(GOLD / "heldout"),
            "--against",
            str(GOLD / "agreement"),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    got = json.loads(out.stdout)
    # the held-out articles of the second annotation, each scored once
    held = {g["article"] for g in load_gold(GOLD / "heldout")}
    twice = [g for g in load_gold(GOLD / "agreement") if g["article"] in held]
    assert got["articles"]["tp"] + got["articles"]["fn"] == len(twice) > 0
    assert 0 < got["reports"]["f1"] < 1 and got["people-roles"]["f1"] > 0.5
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.json").write_text(json.dumps({**ARTICLE, "article": "nowhere.txt"}))
    bad = subprocess.run(
        [sys.executable, "-m", "kg", "eval", str(GOLD / "heldout"), "--against", str(other)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode != 0 and "annotates none of the articles" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_evaluate_a_body_named_as_its_article_names_it_in_context_is_the_body():
    # a gold file names the union "POA", as its article does; kg names the body
    gold = json.loads(json.dumps(ARTICLE))
    gold["organizations"] = [{"name": "POA", "type": "Other"}]
    rows = rows_from_gold([ARTICLE])
    rows["organizations"] = [{"organization": "prison-officers-association", "type": "Other"}]
    assert score([gold], rows)["organizations"].f1 == 1.0


def test_evaluate_a_body_is_the_same_with_or_without_its_leading_article():
    gold = json.loads(json.dumps(ARTICLE))
    gold["organizations"] = [{"name": "The Children's Society", "type": "Other"}]
    rows = rows_from_gold([ARTICLE])
    rows["organizations"] = [{"organization": "Children's Society", "type": "Other"}]
    assert score([gold], rows)["organizations"].f1 == 1.0


def test_evaluate_a_name_a_gold_file_gives_as_an_alias_is_that_gold_name():
    # the gold writes the prison "HMP Holloway" with the article's "Holloway prison" as
    # an alias, and the chief inspector "Thomas Winsor" with "Tom Winsor"; kg's row
    # names each as the article does
    gold = json.loads(json.dumps(ARTICLE))
    gold["organizations"] = [
        {"name": "HMP Holloway", "type": "Other", "aliases": ["Holloway prison"]}
    ]
    gold["people"] = [
        {
            "name": "Thomas Winsor",
            "aliases": ["Tom Winsor"],
            "roles": [{"role": "HM Chief Inspector of Constabulary", "organization": "HMICFRS"}],
        }
    ]
    rows = rows_from_gold([gold])
    rows["organizations"] = [{"organization": "Holloway prison", "type": "Other"}]
    rows["people-roles"][0]["person"] = "Tom Winsor"
    scores = score([gold], rows)
    assert scores["organizations"].f1 == 1.0
    assert scores["people-roles"].f1 == 1.0


def test_evaluate_an_alias_two_gold_names_share_stays_as_it_is():
    # "Wetherby" is one gold file's alias of "HMYOI Wetherby" and another's of
    # "Wetherby Young Offenders Institution": a row naming "Wetherby" is neither
    first = json.loads(json.dumps(ARTICLE))
    first["organizations"] = [{"name": "HMYOI Wetherby", "type": "Other", "aliases": ["Wetherby"]}]
    second = json.loads(json.dumps(ARTICLE))
    second["article"] = "b.txt"
    second["organizations"] = [
        {"name": "Wetherby Young Offenders Institution", "type": "Other", "aliases": ["Wetherby"]}
    ]
    rows = rows_from_gold([first, second])
    rows["organizations"] = [{"organization": "Wetherby", "type": "Other"}]
    assert score([first, second], rows)["organizations"].tp == 0


def test_evaluate_a_role_is_the_same_under_any_of_its_names_with_its_qualifier():
    # the gold writes the title as the article spells it ("DCC"); the graph gives the
    # ontology's label; a qualifier before it stays part of the role
    gold = json.loads(json.dumps(ARTICLE))
    gold["people"][0]["roles"][0]["role"] = "Acting DCC"
    rows = rows_from_gold([ARTICLE])
    rows["people-roles"] = [
        {
            "person": "Sunita Gamblin",
            "role": "acting Deputy Chief Constable",
            "organization": "Lancashire Constabulary",
        }
    ]
    assert score([gold], rows)["people-roles"].f1 == 1.0
    rows["people-roles"][0]["role"] = "Deputy Chief Constable"
    assert score([gold], rows)["people-roles"].f1 == 0.0


def test_evaluate_a_name_s_hyphen_is_a_space():
    # the graph may spell a person as another article did: "Burns Williamson"
    gold = json.loads(json.dumps(ARTICLE))
    gold["people"][0]["name"] = "Mark Burns-Williamson"
    gold["quotes"][0]["speaker"] = "Mark Burns-Williamson"
    rows = rows_from_gold([gold])
    for row in rows["people-roles"]:
        row["person"] = "Mark Burns Williamson"
    for row in rows["quotes"]:
        row["speaker"] = "Mark Burns Williamson"
    scores = score([gold], rows)
    assert scores["people-roles"].f1 == 1.0
    assert scores["quotes"].f1 == 1.0
