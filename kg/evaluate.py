"""``kg eval``: score a graph against gold annotations (tests/gold/GOLD_FORMAT.md).

Micro precision, recall and F1 over the whole set of articles, for:
  people-roles   (person, role with its qualifier, organization)
  organizations  (organization, type)
  reports        (publisher, subject, year-month of publication)
  quotes         (speaker, article) and the quotation's first words; the speaker a
                 person or an organization
  articles       (article, publication date)
  grades         (force, area, grade)
  findings       (article, polarity) and the finding's first words, found in its text
  figures        (article, count, total)
and two accuracies, as a user feels them:
  report-kinds       of the gold reports found, the share whose kind is the gold kind
  quote-attribution  of the gold quotations found (by their words), the share given
                     to the gold speaker
A measure whose gold key no file of the set has (findings, in sets annotated
without them) is not scored. Names are compared without case or accents;
organizations by their key in the ontology (so "HMIC" is "HMICFRS" and a force
matches under any of its names), else by name without a leading "the". The
graph's side comes from the package's named queries, as a user would see it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.patterns import context_labels, fold, org_labels, role_key
from kg.reference import lexicon

RE_NAME_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")

MEASURES = (
    "people-roles",
    "organizations",
    "reports",
    "quotes",
    "articles",
    "grades",
    "findings",
    "figures",
)
ACCURACIES = ("report-kinds", "quote-attribution")
# The named queries the scores read.
QUERIES = (*MEASURES, "reports", "quotes")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _name(text: str | None) -> str:
    if not text:
        return ""
    # typographic apostrophes and dashes folded before accents go: "Majesty’s" is
    # "Majesty's", not "Majestys"
    s = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode()
    return fold(s)


def _person(text: str | None) -> str:
    """A person's name as :func:`_name`, a hyphen a space: "Burns-Williamson" is
    "Burns Williamson" (the graph spells a person as one of its articles does)."""
    return RE_NAME_HYPHEN.sub(" ", _name(text))


def _org(text: str | None) -> str:
    """An organization's key in the ontology, by any of its names, those it goes by only
    in context too (a gold file names the body as its article does: "POA"), else its
    name without case, accents or a leading article ("The Children's Society" is
    "children's society")."""
    if not text:
        return ""
    key = org_labels().get(fold(text)) or context_labels().get(fold(text))
    return key or _name(text).removeprefix("the ")


def _role(text: str | None) -> str:
    """A role's label in the ontology, by any of its names ("Member of the Scottish
    Parliament" is "msp"), with the qualifier before it ("former"), else its name."""
    name = _name(text)
    qualifier, _, rest = name.partition(" ")
    # (the qualifiers a role keeps, as kg/lexicon/qualifiers.txt gives them)
    if qualifier not in set(lexicon().qualifiers.values()) - {None} or not rest:
        qualifier, rest = "", name
    key = role_key(rest)
    if key is None:
        return name
    label = _name(lexicon().roles[key].label)
    return f"{qualifier} {label}" if qualifier else label


def _text(text: str) -> str:
    t = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(_name(t).split())


def load_gold(folder: Path) -> list[dict[str, Any]]:
    if not folder.is_dir():
        raise InputError(f"{folder}: no such folder of gold files")
    out = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise InputError(f"{path.name}: not a gold file: {e}") from None
        if isinstance(data, dict) and "article" in data:
            out.append(data)
    if not out:
        raise InputError(f"{folder}: no gold files (*.json with an 'article' field)")
    return out


def _gold_names(
    gold: list[dict[str, Any]], rows: dict[str, list[dict[str, Any]]]
) -> dict[str, list[dict[str, Any]]]:
    """The rows with each name a gold file gives as an alias written as the gold's own
    name for it ("Holloway prison" is the gold's "HMP Holloway" when a gold file lists
    it among that body's names; "Tom Winsor" its "Thomas Winsor"). An alias stays as it
    is when it is itself a gold name or when gold files give it to two names."""
    people: dict[str, set[str]] = {}
    orgs: dict[str, set[str]] = {}
    for g in gold:
        for p in g.get("people", []):
            for a in p.get("aliases") or []:
                people.setdefault(_name(a), set()).add(p["name"])
        for o in g.get("organizations", []):
            for a in o.get("aliases") or []:
                orgs.setdefault(_org(a), set()).add(o["name"])
    names = {_name(p["name"]) for g in gold for p in g.get("people", [])}
    keys = {_org(o["name"]) for g in gold for o in g.get("organizations", [])}
    person = {
        a: next(iter(n))
        for a, n in people.items()
        if a not in names and len({_name(x) for x in n}) == 1
    }
    body = {
        a: next(iter(n))
        for a, n in orgs.items()
        if a not in keys and len({_org(x) for x in n}) == 1
    }

    def as_person(text: str | None) -> str | None:
        return person.get(_name(text), text) if text else text

    def as_body(text: str | None) -> str | None:
        return body.get(_org(text), text) if text else text

    fields = {
        "people-roles": {"person": as_person, "organization": as_body},
        "organizations": {"organization": as_body},
        "reports": {"publisher": as_body, "subject": as_body},
        "grades": {"subject": as_body},
    }
    out = dict(rows)
    for name, conv in fields.items():
        out[name] = [{**r, **{k: f(r.get(k)) for k, f in conv.items()}} for r in rows.get(name, [])]
    out["quotes"] = [
        {
            **r,
            "speaker": (as_body if (r.get("speakerType") or "Person") != "Person" else as_person)(
                r["speaker"]
            ),
        }
        for r in rows.get("quotes", [])
    ]
    return out


def _set_score(gold: list[Hashable], pred: list[Hashable]) -> Score:
    g, p = set(gold), set(pred)
    s = Score(tp=len(g & p), fp=len(p - g), fn=len(g - p))
    s.misses = sorted(map(repr, g - p))
    s.false_positives = sorted(map(repr, p - g))
    return s


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


def _speaker(name: str | None, kind: str | None) -> str:
    """A speaker compared as a person (by name) or an organization (by its key)."""
    return _person(name) if (kind or "Person") == "Person" else _org(name)


def accuracies(
    gold: list[dict[str, Any]], rows: dict[str, list[dict[str, Any]]], mutual: bool = False
) -> dict[str, Accuracy]:
    """Report-kind accuracy and quote attribution (see the module docstring); with
    ``mutual`` (rows from a second annotator's first words), a quotation is found when
    either's first words start the other's."""
    rows = _gold_names(gold, rows)
    out = {name: Accuracy() for name in ACCURACIES}
    kinds: dict[tuple[str, str, str], set[str]] = {}
    for r in rows["reports"]:
        key = (_org(r["publisher"]), _org(r["subject"]), (r.get("published") or "")[:7])
        kinds.setdefault(key, set()).add(_name(r.get("kind")))
    acc = out["report-kinds"]
    for g in gold:
        for r in g.get("reports", []):
            key = (_org(r["publisher"]), _org(r["subject"]), (r.get("published") or "")[:7])
            if key in kinds:
                acc.total += 1
                if _name(r.get("kind")) in kinds[key]:
                    acc.right += 1
                else:
                    acc.wrong.append(repr((*key, r.get("kind"), sorted(kinds[key]))))
    said: dict[str, list[tuple[str, str]]] = {}
    for r in rows["quotes"]:
        said.setdefault(r["article"], []).append(
            (_text(r["text"]), _speaker(r["speaker"], r.get("speakerType")))
        )
    acc = out["quote-attribution"]
    for g in gold:
        for q in g.get("quotes", []):
            words = _text(q["text_start"])
            speakers = {
                who for text, who in said.get(g["article"], []) if _starts(text, words, mutual)
            }
            if speakers:
                acc.total += 1
                if _speaker(q["speaker"], q.get("speaker_type")) in speakers:
                    acc.right += 1
                else:
                    acc.wrong.append(repr((g["article"], q["speaker"], q["text_start"])))
    return out


def score(
    gold: list[dict[str, Any]], rows: dict[str, list[dict[str, Any]]], mutual: bool = False
) -> dict[str, Score]:
    """Score query rows (as ``kg query NAME --format json`` prints them) against gold;
    ``mutual`` for rows of another annotator's gold (``rows_from_gold``), whose
    quotations and findings are first words too."""
    rows = _gold_names(gold, rows)
    articles = {g["article"] for g in gold}
    out: dict[str, Score] = {}
    out["people-roles"] = _set_score(
        [
            (_person(p["name"]), _role(r["role"]), _org(r["organization"]))
            for g in gold
            for p in g.get("people", [])
            for r in p.get("roles", [])
        ],
        [
            (_person(r["person"]), _role(r["role"]), _org(r["organization"]))
            for r in rows["people-roles"]
        ],
    )
    out["organizations"] = _set_score(
        [(_org(o["name"]), o["type"]) for g in gold for o in g.get("organizations", [])],
        [(_org(r["organization"]), r["type"]) for r in rows["organizations"]],
    )
    out["reports"] = _set_score(
        [
            (_org(r["publisher"]), _org(r["subject"]), (r.get("published") or "")[:7])
            for g in gold
            for r in g.get("reports", [])
        ],
        [
            (_org(r["publisher"]), _org(r["subject"]), (r.get("published") or "")[:7])
            for r in rows["reports"]
        ],
    )
    out["articles"] = _set_score(
        [(g["article"], g.get("published") or "") for g in gold],
        [
            (r["article"], r.get("published") or "")
            for r in rows["articles"]
            if r["article"] in articles
        ],
    )
    out["quotes"] = _quotes(gold, [r for r in rows["quotes"] if r["article"] in articles], mutual)
    if any("grades" in g for g in gold):
        out["grades"] = _set_score(
            [
                (_org(x["subject"]), _name(x["area"]), _name(x["grade"]))
                for g in gold
                for x in g.get("grades", [])
            ],
            [(_org(r["subject"]), _name(r["area"]), _name(r["grade"])) for r in rows["grades"]],
        )
    figured = {g["article"] for g in gold if "figures" in g}
    if figured:
        out["figures"] = _set_score(
            [
                (g["article"], int(x["count"]), x.get("total"))
                for g in gold
                for x in g.get("figures", [])
            ],
            [
                (r["article"], int(r["count"]), int(r["total"]) if r.get("total") else None)
                for r in rows["figures"]
                if r["article"] in figured
            ],
        )
    found = {g["article"] for g in gold if "findings" in g}
    if found:
        out["findings"] = _findings(
            [g for g in gold if g["article"] in found],
            [r for r in rows["findings"] if r["article"] in found],
            mutual,
        )
    return out


def _starts(text: str, words: str, mutual: bool, contains: bool = False) -> bool:
    """Whether ``text`` starts with (or, ``contains``, holds) the first ``words``; with
    ``mutual``, also the other way round (two annotators' first words)."""
    if contains:
        return words in text or mutual and text in words
    return text.startswith(words) or mutual and words.startswith(text)


def _prefix_matches(
    gold: list[tuple[tuple[str, ...], str, str]],
    pred: list[tuple[tuple[str, ...], str, str]],
    contains: bool,
    mutual: bool = False,
) -> Score:
    """One-to-one matching of (key, words, shown) items: a predicted item matches a gold
    one with the same key whose first words it starts with (or, ``contains``, holds)."""
    s = Score()
    left = list(pred)
    for key, words, shown in gold:
        hit = next(
            (x for x in left if x[0] == key and _starts(x[1], words, mutual, contains)),
            None,
        )
        if hit:
            s.tp += 1
            left.remove(hit)
        else:
            s.fn += 1
            s.misses.append(shown)
    s.fp = len(left)
    s.false_positives = [shown for *_, shown in left]
    return s


def _findings(
    gold: list[dict[str, Any]], pred: list[dict[str, Any]], mutual: bool = False
) -> Score:
    """A predicted finding matches a gold one of its article and polarity whose
    first words it contains."""
    return _prefix_matches(
        [
            (
                (g["article"], _name(f["polarity"])),
                _words(f["text_start"]),
                repr((g["article"], f["polarity"], f["text_start"])),
            )
            for g in gold
            for f in g.get("findings", [])
        ],
        [
            (
                (r["article"], _name(r["kind"])),
                _words(r["text"]),
                repr((r["article"], r["kind"], r["text"][:60])),
            )
            for r in pred
        ],
        contains=True,
        mutual=mutual,
    )


def _words(text: str) -> str:
    """Words only, lower case: punctuation and quote marks never decide a match."""
    return " ".join(re.findall(r"[a-z0-9]+", _name(text)))


def _quotes(gold: list[dict[str, Any]], pred: list[dict[str, Any]], mutual: bool = False) -> Score:
    return _prefix_matches(
        [
            (
                (_speaker(q["speaker"], q.get("speaker_type")), g["article"]),
                _text(q["text_start"]),
                repr((q["speaker"], g["article"], q["text_start"])),
            )
            for g in gold
            for q in g.get("quotes", [])
        ],
        [
            (
                (_speaker(r["speaker"], r.get("speakerType")), r["article"]),
                _text(r["text"]),
                repr((r["speaker"], r["article"], r["text"][:60])),
            )
            for r in pred
        ],
        contains=False,
        mutual=mutual,
    )


def report(
    scores: dict[str, Score], show: bool = False, accuracy: dict[str, Accuracy] | None = None
) -> str:
    lines = [f"{'measure':<15} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4}"]
    for name in MEASURES:
        if name not in scores:
            continue
        sc = scores[name]
        lines.append(
            f"{name:<15} {sc.precision:6.3f} {sc.recall:6.3f} {sc.f1:6.3f} "
            f"{sc.tp:4d} {sc.fp:4d} {sc.fn:4d}"
        )
    for name, acc in (accuracy or {}).items():
        lines.append(f"{name:<18} accuracy {acc.value:6.3f}   ({acc.right} of {acc.total})")
    if show:
        for name in MEASURES:
            if name not in scores:
                continue
            sc = scores[name]
            for m in sc.misses:
                lines.append(f"  miss  {name}: {m}")
            for f in sc.false_positives:
                lines.append(f"  false {name}: {f}")
        for name, acc in (accuracy or {}).items():
            for w in acc.wrong:
                lines.append(f"  wrong {name}: {w}")
    return "\n".join(lines)


def rows_from_graph(graph_file: Path) -> dict[str, list[dict[str, Any]]]:
    """Run the named queries on an RDF file or store, as ``kg query NAME`` does."""
    from kg.query import open_graph, run_query

    if not graph_file.exists():
        raise InputError(f"{graph_file}: no such graph file (run `kg build` first)")
    store = open_graph(graph_file)
    out: dict[str, list[dict[str, Any]]] = {}
    for name in dict.fromkeys(QUERIES):
        out[name] = [
            {k: (None if v is None else str(v)) for k, v in row.items()}
            for row in run_query(store, name).records()
        ]
    return out


def rows_from_gold(gold: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """A second annotator's gold as the rows a graph's named queries give, to score one
    annotator against another on the same articles (the agreement that bounds what any
    extractor can be shown to reach)."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in QUERIES}
    for g in gold:
        art = g["article"]
        rows["articles"].append({"article": art, "published": g.get("published")})
        for p in g.get("people", []):
            for r in p.get("roles", []):
                rows["people-roles"].append(
                    {"person": p["name"], "role": r["role"], "organization": r.get("organization")}
                )
        for o in g.get("organizations", []):
            rows["organizations"].append({"organization": o["name"], "type": o["type"]})
        for r in g.get("reports", []):
            rows["reports"].append(
                {k: r.get(k) for k in ("publisher", "subject", "published", "kind")}
            )
        for q in g.get("quotes", []):
            rows["quotes"].append(
                {
                    "speaker": q["speaker"],
                    "speakerType": q.get("speaker_type"),
                    "text": q["text_start"],
                    "article": art,
                }
            )
        for x in g.get("grades", []):
            rows["grades"].append({k: x.get(k) for k in ("subject", "area", "grade")})
        for f in g.get("findings", []):
            rows["findings"].append(
                {"article": art, "kind": f["polarity"], "text": f["text_start"]}
            )
        for x in g.get("figures", []):
            rows["figures"].append({"article": art, "count": x["count"], "total": x.get("total")})
    return rows


def articles_of(gold_dir: Path) -> Path | None:
    """The articles a gold set was written for, when they lie beside it (``articles/``)."""
    folder = gold_dir / "articles"
    return folder if folder.is_dir() else None


def build_and_read(corpus: Path, with_corrections: bool = False) -> dict[str, list[dict[str, Any]]]:
    """Build ``corpus`` in a scratch folder, as ``kg build`` would, and read its rows:
    the extractors' own graph, or (``with_corrections``) the one a user publishes,
    with the corpus's corrections applied."""
    import tempfile

    from kg.build import build_graph

    with tempfile.TemporaryDirectory(prefix="kg-eval-") as out:
        build_graph(
            corpus,
            Path(out),
            html=False,
            store=False,
            cache=False,
            formats=("turtle",),
            use_corrections=with_corrections,
        )
        return rows_from_graph(Path(out) / "graph.ttl")
