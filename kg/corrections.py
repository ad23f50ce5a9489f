"""Corrections that last: a person's fixes to the graph, kept beside the corpus in
``CORPUS/corrections.yaml`` and applied by every build, each with who made it,
when and why.

The file is a YAML list that a person writes by hand (or ``kg correct`` appends
to) and reviews in a diff; each entry is one fix, named by what a user sees::

    - retract: membership
      person: Stephen Watson
      role: Chief Constable
      organization: Greater Manchester Police
      article: south-yorks-peel-2023.txt
      by: Jane Doe
      date: 2024-05-02
      why: He leads GMP since 2021; the article names it as background.

Corrections work at two levels, as the build does:

- entity corrections change what resolution found across the corpus: merge two
  people or two reports, keep apart a person the resolver merged, set a person's
  label or a report's kind, date or subjects, retract a report's date or a
  subject. ``resolve`` runs them right after ``kg.resolve.resolve``, on claims
  that may be slim (no text, no spans).
- claim corrections change what one article says: retract a membership, a
  quotation or its speaker, an organization's type; assert a membership, a
  quotation or a report the extractors missed; set a quotation's speaker, an
  article's date or an organization's type. ``touching`` says which articles
  each concerns, and ``apply`` runs them on an article's whole claims: what is
  taken out goes to ``ArticleClaims.retracted`` (kept for audit) and every claim
  asserted or changed is named in ``ArticleClaims.corrected``.

Nothing is silently lost: ``load`` names the line of the first malformed entry,
and ``unmatched`` the entries that no longer match anything.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import NoReturn, TypeVar

import yaml

from kg.errors import InputError
from kg.ingest import CORRECTIONS_FILE
from kg.model import (
    ArticleClaims,
    Corrected,
    Correction,
    OrgMention,
    OrgType,
    PartialDate,
    Person,
    QuoteClaim,
    Report,
    ReportClaim,
    Resolved,
    RoleClaim,
    Span,
    SpeakerKind,
)
from kg.patterns import fold, org_labels, place_keys, re_honorific, role_key
from kg.reference import lexicon
from kg.vocab import (
    ID,
    KIND,
    ORGS,
    ROLE,
    article_iri,
    article_scope,
    digest,
    membership_iri,
    named_org_key,
    person_iri,
    quote_iri,
    report_iri,
    scope_of,
    slug,
)

FILE_NAME = CORRECTIONS_FILE
ACTIONS = ("retract", "assert", "merge", "split", "set")
_META = ("by", "date", "why")

# (action, what) -> (requirements: each a tuple of keys one of which must be given,
#                    the keys the entry may have besides the action and by/date/why)
_SPEC: dict[tuple[str, str], tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]] = {
    ("retract", "membership"): (
        (("person", "iri"), ("role", "iri")),
        ("person", "role", "organization", "qualifier", "article", "iri"),
    ),
    ("retract", "quotation"): ((("quote", "iri"),), ("quote", "speaker", "article", "iri")),
    ("retract", "speaker"): (
        (("quote", "iri"), ("speaker",)),
        ("quote", "speaker", "article", "iri"),
    ),
    ("retract", "date"): ((("report",),), ("report", "article")),
    ("retract", "subject"): (
        (("report",), ("organization",)),
        ("report", "organization", "article"),
    ),
    ("retract", "type"): ((("organization",),), ("organization", "article")),
    ("assert", "membership"): (
        (("person",), ("role",), ("organization",), ("article",)),
        ("person", "role", "organization", "qualifier", "type", "article", "sentence"),
    ),
    ("assert", "quotation"): (
        (("quote",), ("speaker",), ("article",)),
        ("quote", "speaker", "article", "sentence"),
    ),
    ("assert", "report"): (
        (("publisher",), ("subject",), ("article",)),
        ("publisher", "subject", "kind", "published", "article", "sentence"),
    ),
    ("merge", "person"): ((("people",),), ("people",)),
    ("merge", "report"): ((("reports",),), ("reports",)),
    ("split", "person"): (
        (("person",), ("article", "articles", "mention")),
        ("person", "article", "articles", "mention", "as"),
    ),
    ("set", "label"): ((("person",), ("value",)), ("person", "value")),
    ("set", "kind"): ((("report",), ("value",)), ("report", "article", "value")),
    ("set", "date"): ((("report", "article"), ("value",)), ("report", "article", "value")),
    ("set", "subject"): ((("report",), ("value",)), ("report", "article", "value")),
    ("set", "type"): ((("organization",), ("value",)), ("organization", "article", "value")),
    ("set", "speaker"): (
        (("quote", "iri"), ("article", "iri"), ("value",)),
        ("quote", "article", "iri", "value"),
    ),
}
_LISTS = frozenset({"people", "reports", "articles", "subject"})  # keys that take a list
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_PIR = "post-inspection-review"


@dataclass(frozen=True, slots=True)
class Entry:
    """One correction, parsed: its record and what it names, with organizations,
    roles and kinds already turned into keys (people, reports and quotations are
    matched against the corpus when applied)."""

    correction: Correction
    what: str  # membership, quotation, speaker, date, subject, type, person, report, label, kind
    person: str | None = None  # a name, key or IRI, as written
    role: str | None = None  # role key
    qualifier: str | None = None
    org: str | None = None  # organization key (``named_org_key`` for one the reference lacks)
    org_name: str | None = None  # the organization as written
    org_type: OrgType | None = None  # set type; assert membership in an organization not known
    article: str | None = None  # file name, article id or IRI, as written
    articles: tuple[str, ...] = ()  # split: the articles whose mentions are kept apart
    quote: str | None = None  # the first words of a quotation (all of it when asserted)
    speaker: str | None = None
    report: str | None = None  # a report's title or IRI
    iri: str | None = None  # a membership's or quotation's IRI
    sentence: str | None = None
    names: tuple[str, ...] = ()  # merge: the entities, the first kept
    mention: str | None = None  # split: only the mentions written so
    label: str | None = None  # split: the name of the person kept apart
    value: str | None = None  # set label, set speaker
    kind: str | None = None  # report kind key: set kind, assert report
    kind_text: str | None = None
    date: PartialDate | None = None  # set date, assert report (published)
    subjects: tuple[str, ...] = ()  # set subject, assert report
    publisher: str | None = None

    @property
    def action(self) -> str:
        return self.correction.action

    @property
    def entity_level(self) -> bool:
        """Whether it changes resolution (people, reports) rather than one article's claims."""
        if self.action in ("merge", "split"):
            return True
        if self.action == "retract":
            return self.what in ("date", "subject")
        if self.action == "set":
            return self.what in ("label", "kind", "subject") or (
                self.what == "date" and self.report is not None
            )
        return False

    @property
    def read_by_resolve(self) -> bool:
        """Whether ``resolve`` reads it: the entity corrections, and the claim corrections
        that name a person an article did not (asserted claims, a new speaker)."""
        return (
            self.entity_level
            or self.action == "assert"
            or (self.action == "set" and self.what == "speaker")
        )


@dataclass(frozen=True, slots=True)
class Corrections:
    """A corrections file, parsed and checked."""

    path: str
    entries: tuple[Entry, ...] = ()

    @property
    def records(self) -> tuple[Correction, ...]:
        return tuple(e.correction for e in self.entries)

    def digest(self, article_id: str) -> str:
        """A digest of the entries that can touch ``article_id``'s claims: those that name
        it, and the claim corrections that name no article (they apply wherever they
        match). For the build's cache keys."""
        ids = [
            e.correction.id
            for e in self.entries
            if _names_article(e, article_id) or (not e.entity_level and not _article_refs(e))
        ]
        return digest("corrections", *ids)

    def entity_digest(self) -> str:
        """A digest of the entries ``resolve`` reads."""
        return digest("entities", *(e.correction.id for e in self.entries if e.read_by_resolve))


# --- reading the file ------------------------------------------------------------------


def load(path: Path) -> Corrections:
    """The corrections file at ``path``, checked; a missing file is no corrections.

    Raises ``InputError("{path}:{line}: {reason}")`` for the first malformed entry.
    """
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Corrections(str(path))
    except OSError as e:
        raise InputError(f"{path}: {e.strerror or e}") from e
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text") from e
    return parse(text, str(path))


def parse(text: str, where: str = FILE_NAME) -> Corrections:
    """Corrections from the text of a corrections file; ``where`` names it in errors."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError as e:
        raise InputError(f"{where}: nested too deep to be a corrections file") from e
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise InputError(f"{where}:{line}: {e.problem or e.context or 'not YAML'}") from e
    except yaml.YAMLError as e:
        raise InputError(f"{where}: not YAML: {e}") from e
    if root is None:
        return Corrections(where)
    if not isinstance(root, yaml.SequenceNode):
        raise InputError(
            f"{where}:{root.start_mark.line + 1}: the file must be a list of corrections, "
            "each starting with '- '"
        )
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for node in root.value:
        entry = _entry(node, where)
        first = seen.setdefault(entry.correction.id, entry.correction.line)
        if first != entry.correction.line:
            raise InputError(
                f"{where}:{entry.correction.line}: the same correction as line {first}"
            )
        entries.append(entry)
    return Corrections(where, tuple(entries))


class _Fields:
    """An entry's keys and values as written, with the line of each, for errors."""

    def __init__(self, node: yaml.Node, where: str) -> None:
        self.where = where
        self.line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            self.fail("a correction is a set of 'key: value' lines (retract: ..., by:, why:)")
        self.values: dict[str, str | tuple[str, ...]] = {}
        self.lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = self._text(key_node, "a key")
            line = key_node.start_mark.line + 1
            if key in self.values:
                self.fail(f"'{key}' is given twice (first on line {self.lines[key]})", line)
            self.lines[key] = line
            if isinstance(value_node, yaml.SequenceNode):
                self.values[key] = tuple(self._text(v, f"'{key}'") for v in value_node.value)
            else:
                self.values[key] = self._text(value_node, f"'{key}'")

    def _text(self, node: yaml.Node, what: str) -> str:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.ScalarNode):
            self.fail(f"{what} must be text, not a nested list or mapping", line)
        if not str(node.tag).startswith("tag:yaml.org,2002:"):
            self.fail(f"{what}: tags such as {node.tag} are not allowed", line)
        if node.tag == "tag:yaml.org,2002:null":
            return ""
        # the text as written: "No" stays "No" and "2019" stays "2019"
        value = str(node.value)
        return " ".join(value.split()) if "\n" in value else value

    def fail(self, reason: str, line: int | None = None) -> NoReturn:
        raise InputError(f"{self.where}:{line or self.line}: {reason}")

    def text(self, key: str) -> str | None:
        value = self.values.get(key)
        if value is None:
            return None
        if isinstance(value, tuple):
            self.fail(f"'{key}' takes one value, not a list", self.lines[key])
        if not value.strip():
            self.fail(f"'{key}' is empty", self.lines[key])
        return value.strip()

    def many(self, key: str) -> tuple[str, ...]:
        value = self.values.get(key)
        if value is None:
            return ()
        items = (value,) if isinstance(value, str) else value
        out = tuple(v.strip() for v in items)
        if not out or any(not v for v in out):
            self.fail(f"'{key}' has an empty item", self.lines[key])
        return out

    def error(self, key: str, reason: str) -> InputError:
        return InputError(f"{self.where}:{self.lines.get(key, self.line)}: {reason}")


def _entry(node: yaml.Node, where: str) -> Entry:
    f = _Fields(node, where)
    actions = [a for a in ACTIONS if a in f.values]
    if len(actions) != 1:
        f.fail(
            "one action per correction: " + ", ".join(ACTIONS)
            if actions
            else "a correction starts with one of: " + ", ".join(f"'{a}:'" for a in ACTIONS)
        )
    action = actions[0]
    what = (f.text(action) or "").lower()
    spec = _SPEC.get((action, what))
    if spec is None:
        kinds = ", ".join(w for a, w in _SPEC if a == action)
        raise f.error(action, f"'{action}: {what}' is not a correction (one of: {kinds})")
    required, optional = spec
    for key in f.values:
        if key != action and key not in optional and key not in _META:
            allowed = ", ".join((*optional, *_META))
            raise f.error(key, f"unknown key '{key}' for {action} {what} (keys: {allowed})")
        takes_list = key in _LISTS or (key == "value" and what == "subject")
        if not takes_list and isinstance(f.values[key], tuple):
            raise f.error(key, f"'{key}' takes one value, not a list")
    for group in required:
        if not any(k in f.values for k in group):
            f.fail(f"{action} {what} needs " + " or ".join(f"'{k}'" for k in group))
    by, why = f.text("by"), f.text("why")
    if by is None or why is None:
        f.fail("a correction says who made it ('by:') and why ('why:')")
    when = f.text("date")
    if when is None:
        f.fail("a correction says when it was made ('date: YYYY-MM-DD')")
    if not _ISO_DAY.fullmatch(when) or _date(when) is None:
        raise f.error("date", f"date '{when}' is not a day written YYYY-MM-DD")
    fields = {k: v for k, v in f.values.items() if k not in _META}
    ident = digest(json.dumps(sorted(fields.items()), ensure_ascii=False), by, when, why)
    correction = Correction(ident, action, by, when, why, f.line, _describe(action, what, f))
    return _build_entry(correction, what, f)


def _build_entry(c: Correction, what: str, f: _Fields) -> Entry:
    kw: dict[str, object] = {
        "person": f.text("person"),
        "article": f.text("article"),
        "quote": _unquoted(f.text("quote")),
        "speaker": f.text("speaker"),
        "report": f.text("report"),
        "iri": f.text("iri"),
        "sentence": f.text("sentence"),
        "mention": f.text("mention"),
        "label": f.text("as"),
    }
    articles = f.many("articles")
    if kw["article"] is not None and c.action == "split":
        articles = (*articles, str(kw["article"]))
    kw["articles"] = articles
    if c.action == "merge":
        key = "people" if what == "person" else "reports"
        names = f.many(key)
        if len(names) < 2:
            raise f.error(key, f"'{key}' names two or more, the first kept")
        kw["names"] = names
    role = f.text("role")
    if role is not None:
        kw["role"], qualifier = _role(role, f)
        kw["qualifier"] = qualifier
    qualifier_text = f.text("qualifier")
    if qualifier_text is not None:
        kw["qualifier"] = _qualifier(qualifier_text, f)
    org = f.text("organization")
    if org is not None:
        key, known = _org(org)
        kw["org"], kw["org_name"] = key, org
        if what == "type" and key in lexicon().orgs:
            raise f.error(
                "organization",
                f"{org} is reference data: its type is in ontology/, not a correction",
            )
        if c.action == "assert" and not known and f.text("type") is None:
            raise f.error(
                "organization",
                f"unknown organization '{org}' (add 'type: Other' to name one the "
                "reference data lacks)",
            )
        if what == "subject" and not known:
            raise f.error("organization", f"unknown organization '{org}'")
    org_type = f.text("type")
    if org_type is not None:
        kw["org_type"] = _org_type(org_type, f, "type")
    publisher = f.text("publisher")
    if publisher is not None:
        kw["publisher"] = _known_org(publisher, f, "publisher")
    if "subject" in f.values:
        kw["subjects"] = tuple(_known_org(s, f, "subject") for s in f.many("subject"))
    kind = f.text("kind")
    if kind is not None:
        kw["kind"], kw["kind_text"] = _kind(kind, f, "kind"), kind
    published = f.text("published")
    if published is not None:
        kw["date"] = _partial(published, f, "published")
    value = f.text("value") if "value" in f.values and what != "subject" else None
    if what in ("label", "speaker"):
        kw["value"] = value
    elif what == "kind" and value is not None:
        kw["kind"], kw["kind_text"] = _kind(value, f, "value"), value
    elif what == "date" and value is not None:
        kw["date"] = _partial(value, f, "value")
    elif what == "type" and value is not None:
        kw["org_type"] = _org_type(value, f, "value")
    elif what == "subject" and "value" in f.values:
        kw["subjects"] = tuple(_known_org(s, f, "value") for s in f.many("value"))
    return Entry(c, what, **kw)  # type: ignore[arg-type]


def _describe(action: str, what: str, f: _Fields) -> str:
    """The entry on one line, as reports and the audit graph name it."""
    parts = []
    for key, value in f.values.items():
        if key in (action, *_META):
            continue
        text = ", ".join(value) if isinstance(value, tuple) else value
        if key == "quote" and len(text) > 60:
            text = text[:57].rstrip() + "..."
        parts.append(f"{key} {_quoted(text) if key == 'quote' else text}")
    return f"{action} {what}: " + "; ".join(parts)


def _unquoted(text: str | None) -> str | None:
    """A quotation as a user pastes it, without the marks around it."""
    if text is None:
        return None
    return text.strip().strip("\"'“”‘’").strip() or text


def _role(text: str, f: _Fields) -> tuple[str, str | None]:
    """A role as written ("acting Chief Constable", "chief-constable", its IRI) -> (key,
    qualifier)."""
    roles = lexicon().roles
    if text.startswith(str(ROLE)) and text.removeprefix(str(ROLE)) in roles:
        return text.removeprefix(str(ROLE)), None
    if text in roles:
        return text, None
    qualifier: str | None = None
    words = text.split()
    quals = lexicon().qualifiers
    for n in (2, 1):
        head = " ".join(words[:n]).lower()
        if len(words) > n and head in quals:
            qualifier, words = quals[head], words[n:]
            break
    key = role_key(" ".join(words))
    if key is None:
        raise f.error("role", f"unknown role '{text}' (the roles are in ontology/roles.ttl)")
    return key, qualifier


def _qualifier(text: str, f: _Fields) -> str:
    quals = lexicon().qualifiers
    meaning = quals.get(text.lower())
    if meaning is None:
        known = sorted({q for q in quals.values() if q})
        raise f.error("qualifier", f"unknown qualifier '{text}' (one of: {', '.join(known)})")
    return meaning


def _org(text: str) -> tuple[str, bool]:
    """An organization as written (a name, alias, place, key or IRI) -> (key, known)."""
    orgs = lexicon().orgs
    if text.startswith(str(ORGS)):
        key = text.removeprefix(str(ORGS))
        return key, key in orgs
    if text in orgs:
        return text, True
    found = org_labels().get(fold(text)) or place_keys().get(fold(text))
    if found is not None:
        return found, True
    return named_org_key(text), False


def _known_org(text: str, f: _Fields, field: str) -> str:
    key, known = _org(text)
    if not known:
        raise f.error(field, f"unknown organization '{text}'")
    return key


def _kind(text: str, f: _Fields, field: str) -> str:
    kinds = lexicon().kinds
    if text.startswith(str(KIND)) and text.removeprefix(str(KIND)) in kinds:
        return text.removeprefix(str(KIND))
    if text in kinds:
        return text
    folded = fold(text)
    for k in kinds.values():
        if any(fold(label) == folded for label in (k.key, *k.labels, k.title)):
            return k.key
    known = ", ".join(k.label for k in kinds.values())
    raise f.error(field, f"unknown report kind '{text}' (one of: {known})")


def _org_type(text: str, f: _Fields, field: str) -> OrgType:
    squashed = fold(text).replace(" ", "").replace("-", "")
    for t in OrgType:
        if squashed in (t.value.lower(), t.name.lower().replace("_", "")):
            return t
    raise f.error(field, f"unknown type '{text}' (one of: {', '.join(t.value for t in OrgType)})")


def _date(text: str) -> PartialDate | None:
    if not re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?)?", text):
        return None
    try:
        return PartialDate.parse(text)
    except ValueError:
        return None


def _partial(text: str, f: _Fields, field: str) -> PartialDate:
    date = _date(text)
    if date is None:
        raise f.error(field, f"'{text}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    return date


# --- naming things -----------------------------------------------------------------------


def _fold(text: str) -> str:
    """Case, accents, quote and dash variants folded away."""
    return fold(unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode() or text)


def _bare(name: str) -> str:
    """A name without the titles before it: "Dr Alan Billings" -> "Alan Billings"."""
    while (m := re_honorific().match(name)) is not None and name[m.end() :].strip():
        name = name[m.end() :].strip()
    return name


def _article_refs(e: Entry) -> tuple[str, ...]:
    """The articles an entry names: its ``article``/``articles``, and a claim IRI's scope."""
    refs = list(e.articles) if e.action == "split" else ([e.article] if e.article else [])
    if e.iri:
        scope = scope_of(e.iri)
        refs.append("scope:" + (scope or e.iri))
    return tuple(refs)


def _ref_names(ref: str, article_id: str) -> bool:
    if ref.startswith("scope:"):
        return ref == "scope:" + article_scope(article_id)
    if ref == article_id or ref == str(article_iri(article_id)):
        return True
    p = PurePosixPath(ref.replace("\\", "/"))
    return article_id in (p.name, p.stem)


def _names_article(e: Entry, article_id: str) -> bool:
    return any(_ref_names(r, article_id) for r in _article_refs(e))


class _Articles:
    """The corpus's articles by id, and which of them an entry names."""

    def __init__(self, claims: Iterable[ArticleClaims]) -> None:
        self.by_id = {ac.article.id: ac for ac in claims}
        self.by_scope: dict[str, str] | None = None

    def named(self, e: Entry) -> list[str] | None:
        """The ids of the articles ``e`` names (all must hold), or None if it names none."""
        refs = _article_refs(e)
        if not refs:
            return None
        sets = [set(self._ids(r)) for r in refs]
        # a split's articles are each one of the other person's; an article and a
        # claim's IRI must name the same one
        return sorted(set().union(*sets) if e.action == "split" else set.intersection(*sets))

    def _ids(self, ref: str) -> list[str]:
        if ref.startswith("scope:"):
            if self.by_scope is None:
                self.by_scope = {article_scope(a): a for a in self.by_id}
            hit = self.by_scope.get(ref.removeprefix("scope:"))
            return [hit] if hit else []
        if ref in self.by_id:
            return [ref]
        p = PurePosixPath(ref.replace("\\", "/"))
        for cand in (p.name, p.stem):
            if cand in self.by_id:
                return [cand]
        if ref.startswith(str(ID)):
            return [a for a in self.by_id if str(article_iri(a)) == ref]
        return []


class _People:
    """People by IRI, key, name and alias (folded); the name index is made on first use."""

    def __init__(self, people: Mapping[str, Person]) -> None:
        self.people = dict(people)
        self._by_name: dict[str, set[str]] | None = None
        self._by_alias: dict[str, set[str]] = defaultdict(set)

    def _names(self) -> dict[str, set[str]]:
        if self._by_name is None:
            self._by_name = defaultdict(set)
            for p in self.people.values():
                self._index(p)
        return self._by_name

    def _index(self, p: Person) -> None:
        assert self._by_name is not None
        self._by_name[_fold(p.name)].add(p.key)
        for a in p.aliases:
            self._by_alias[_fold(a)].add(p.key)

    def put(self, p: Person) -> None:
        self.drop(p.key)
        self.people[p.key] = p
        if self._by_name is not None:
            self._index(p)

    def drop(self, key: str) -> None:
        old = self.people.pop(key, None)
        if old is not None and self._by_name is not None:
            self._by_name[_fold(old.name)].discard(key)
            for a in old.aliases:
                self._by_alias[_fold(a)].discard(key)

    def find(self, ref: str) -> list[str]:
        """The keys of the people ``ref`` names: by IRI or key, else by name, else by alias."""
        prefix = str(person_iri(""))
        if ref.startswith(prefix):
            key = ref.removeprefix(prefix)
            return [key] if key in self.people else []
        if ref in self.people:
            return [ref]
        names = self._names()
        for name in dict.fromkeys((ref, _bare(ref))):
            folded = _fold(name)
            found = names.get(folded) or self._by_alias.get(folded)
            if found:
                return sorted(found)
        return []


class _Reports:
    """Reports by IRI, key and title as the view shows it (``kg.graph.report_title``);
    the indexes are made on first use."""

    def __init__(self, reports: Mapping[str, Report]) -> None:
        self.reports = dict(reports)
        self._titles: dict[str, str] | None = None  # key -> folded title
        self._by_title: dict[str, set[str]] = defaultdict(set)
        self._by_iri: dict[str, str] = {}

    def _index(self, r: Report) -> None:
        from kg.graph import report_title  # the view's title; kg.graph may import this module

        assert self._titles is not None
        title = _fold(report_title(r))
        self._titles[r.key] = title
        self._by_title[title].add(r.key)
        self._by_iri[str(report_iri(r.key))] = r.key

    def put(self, r: Report) -> None:
        self.drop(r.key)
        self.reports[r.key] = r
        if self._titles is not None:
            self._index(r)

    def drop(self, key: str) -> None:
        if self.reports.pop(key, None) is not None and self._titles is not None:
            self._by_title[self._titles.pop(key)].discard(key)
            self._by_iri.pop(str(report_iri(key)), None)

    def find(self, ref: str) -> list[str]:
        if ref in self.reports:
            return [ref]
        if self._titles is None:
            self._titles = {}
            for r in self.reports.values():
                self._index(r)
        if ref in self._by_iri:
            return [self._by_iri[ref]]
        return sorted(self._by_title.get(_fold(ref), ()))


_CACHE: list[tuple[Mapping[str, object], object]] = []


def _people_of(resolved: Resolved) -> _People:
    """The people index of ``resolved`` (the last one made is kept: a worker applies
    corrections to one article after another with the same resolution)."""
    for people, index in _CACHE:
        if people is resolved.people and isinstance(index, _People):
            return index
    index = _People(resolved.people)
    _CACHE[:] = [(resolved.people, index)]
    return index


def _names_in(ac: ArticleClaims) -> set[str]:
    """The person names as the article's claims write them (``Resolved.person_key``)."""
    return (
        {p.name for p in ac.people}
        | {r.person for r in ac.roles}
        | {q.speaker for q in ac.quotes if q.speaker_kind is SpeakerKind.PERSON}
    )


def _claimed_name(
    name: str,
    article_id: str,
    people: _People,
    person_key: Mapping[tuple[str, str], str],
    names_here: Iterable[str],
) -> str | None:
    """The name an asserted claim about ``name`` is written under in ``article_id``: the
    one the article already uses for that person, if any."""
    if (article_id, name) in person_key:
        return name
    for key in people.find(name):
        canonical = people.people[key].name
        if (article_id, canonical) in person_key:
            return canonical
    folded = _fold(_bare(name))
    for n in sorted(names_here):
        if _fold(n) == folded and (article_id, n) in person_key:
            return n
    return None


def _speaker_is_org(value: str) -> bool:
    return _org(value)[1]


# --- entity corrections: resolve ---------------------------------------------------------


K = TypeVar("K")


def _holders(index: dict[K, str]) -> dict[str, list[K]]:
    """``index`` (person_key, report_key) inverted: entity key -> the claims that name it."""
    out: dict[str, list[K]] = defaultdict(list)
    for claim, key in index.items():
        out[key].append(claim)
    return out


class _EntityPass:
    """Runs the entity corrections on a resolution, remembering which matched."""

    def __init__(self, resolved: Resolved) -> None:
        self.base = resolved
        self.articles = _Articles(resolved.claims)
        self.people = _People(resolved.people)
        self.person_key = dict(resolved.person_key)
        self.reports = _Reports(resolved.reports)
        self.report_key = dict(resolved.report_key)
        self.matched: set[str] = set()
        self.asserted_reports: dict[str, int] = defaultdict(int)
        self.targets: set[tuple[str, tuple[str, ...]]] = set()  # follow-ups to recompute
        self.renamed: dict[str, str] = {}  # merged report key -> the one kept
        self._by_person: dict[str, list[tuple[str, str]]] | None = None
        self._by_report: dict[str, list[tuple[str, int]]] | None = None

    def run(self, e: Entry) -> None:
        if e.action == "merge" and e.what == "person":
            self._merge_people(e)
        elif e.action == "merge":
            self._merge_reports(e)
        elif e.action == "split":
            self._split(e)
        elif e.action == "set" and e.what == "label":
            self._set_label(e)
        elif e.entity_level:
            self._report_fact(e)
        elif e.action == "assert" and e.what == "report":
            self._assert_report(e)
        elif e.read_by_resolve:
            self._name_person(e)

    def result(self, corrections: Corrections) -> Resolved:
        reports = dict(self.reports.reports)
        for k, r in reports.items():
            if r.follows_up in self.renamed:
                reports[k] = replace(r, follows_up=self.renamed[r.follows_up])
        return Resolved(
            self.base.claims,
            self.people.people,
            self.person_key,
            _follow_ups(reports, self.targets),
            self.report_key,
            corrections.records,
        )

    # people

    def _person_claims(self) -> dict[str, list[tuple[str, str]]]:
        if self._by_person is None:
            self._by_person = _holders(self.person_key)
        return self._by_person

    def _move_person(self, claims: list[tuple[str, str]], to: str) -> None:
        by = self._person_claims()
        for claim in claims:
            by[self.person_key[claim]].remove(claim)
            self.person_key[claim] = to
            by[to].append(claim)

    def _merge_people(self, e: Entry) -> None:
        groups = [self.people.find(n) for n in e.names]
        if not all(groups):
            return
        keep = groups[0][0]
        for other in dict.fromkeys(k for g in groups for k in g if k != keep):
            kept, gone = self.people.people[keep], self.people.people[other]
            aliases = {*kept.aliases, gone.name, *gone.aliases} - {kept.name}
            self.people.drop(other)
            self.people.put(replace(kept, aliases=tuple(sorted(aliases))))
            self._move_person(list(self._person_claims().get(other, ())), keep)
            self.matched.add(e.correction.id)

    def _split(self, e: Entry) -> None:
        only = set(self.articles.named(e) or ()) if e.articles else None
        mention = _fold(e.mention) if e.mention else None
        for key in self.people.find(e.person or ""):
            moved = [
                c
                for c in self._person_claims().get(key, ())
                if (only is None or c[0] in only) and (mention is None or _fold(c[1]) == mention)
            ]
            if not moved:
                continue
            written = self._written(moved)
            # "as" another person of the corpus: the mentions are theirs
            known = [k for k in self.people.find(e.label) if k != key] if e.label else []
            if len(known) == 1:
                new, other = known[0], self.people.people[known[0]]
                aliases = {*other.aliases, *written} - {other.name}
                self.people.put(replace(other, aliases=tuple(sorted(aliases))))
            else:
                name = e.label or self.people.people[key].name
                new = slug(name) if e.label else ""
                if not new or new in self.people.people:
                    new = f"{key}-{digest(key, *sorted(only or ()), e.mention or '')[:6]}"
                self.people.put(Person(new, name, tuple(sorted(written - {name}))))
            self._move_person(moved, new)
            old = self.people.people[key]
            kept = self._written(self._person_claims().get(key, []))
            lost = written - kept - {old.name}
            self.people.put(replace(old, aliases=tuple(a for a in old.aliases if a not in lost)))
            if not self._person_claims().get(key):
                self.people.drop(key)
            self.matched.add(e.correction.id)

    def _written(self, claims: Iterable[tuple[str, str]]) -> set[str]:
        """The names as claimed and as the articles wrote them ("Jones", "Mr Jones")."""
        out = set()
        for aid, name in claims:
            out.add(name)
            ac = self.articles.by_id.get(aid)
            if ac is not None:
                out.update(m.text for m in ac.people if m.name == name)
        return out

    def _set_label(self, e: Entry) -> None:
        assert e.value is not None
        for key in self.people.find(e.person or ""):
            p = self.people.people[key]
            aliases = {*p.aliases, p.name} - {e.value}
            self.people.put(Person(key, e.value, tuple(sorted(aliases))))
            self.matched.add(e.correction.id)

    def _name_person(self, e: Entry) -> None:
        """An asserted claim's person, or a quotation's new speaker, gets a key in its article."""
        name = e.value if e.what == "speaker" else (e.person or e.speaker)
        if name is None or (e.what in ("quotation", "speaker") and _speaker_is_org(name)):
            return
        for aid in self.articles.named(e) or ():
            here = _names_in(self.articles.by_id[aid])
            if _claimed_name(name, aid, self.people, self.person_key, here) is not None:
                continue
            found = self.people.find(name)
            if found:
                self._claim_person((aid, self.people.people[found[0]].name), found[0])
                continue
            name = _bare(name)
            key = slug(name)
            if key in self.people.people:  # a key another name has
                key = f"{key}-{digest(name)[:6]}"
            self.people.put(Person(key, name))
            self._claim_person((aid, name), key)

    def _claim_person(self, claim: tuple[str, str], key: str) -> None:
        self.person_key[claim] = key
        if self._by_person is not None:
            self._by_person[key].append(claim)

    # reports

    def _find_reports(self, ref: str, e: Entry) -> list[str]:
        """The reports ``ref`` names; with an ``article``, only those its claims resolve to."""
        keys = self.reports.find(ref)
        if e.article is None or not keys:
            return keys
        if self._by_report is None:
            self._by_report = _holders(self.report_key)
        named = set(self.articles.named(e) or ())
        return [k for k in keys if any(a in named for a, _ in self._by_report.get(k, ()))]

    def _merge_reports(self, e: Entry) -> None:
        groups = [self._find_reports(n, e) for n in e.names]
        if not all(groups):
            return
        keep = groups[0][0]
        for other in dict.fromkeys(k for g in groups for k in g if k != keep):
            kept, gone = self.reports.reports[keep], self.reports.reports[other]
            self.targets |= {(kept.publisher, kept.subjects), (gone.publisher, gone.subjects)}
            self.reports.drop(other)
            self.reports.put(
                replace(
                    kept,
                    kinds=tuple(sorted({*kept.kinds, *gone.kinds})),
                    published=kept.published or gone.published,
                    kind_concept=kept.kind_concept or gone.kind_concept,
                )
            )
            for claim, key in self.report_key.items():
                if key == other:
                    self.report_key[claim] = keep
            self._by_report = None
            self.renamed = {old: keep if new == other else new for old, new in self.renamed.items()}
            self.renamed[other] = keep
            self.matched.add(e.correction.id)

    def _report_fact(self, e: Entry) -> None:
        for key in self._find_reports(e.report or "", e):
            r = self.reports.reports[key]
            if e.what == "kind":
                new = replace(r, kind_concept=e.kind)
            elif e.what == "date" and e.action == "set":
                new = replace(r, published=e.date)
            elif e.what == "date" and r.published is not None:
                new = replace(r, published=None)
            elif e.what == "subject" and e.action == "set":
                new = replace(r, subjects=e.subjects)
            elif e.what == "subject" and e.org in r.subjects:
                new = replace(r, subjects=tuple(s for s in r.subjects if s != e.org))
            else:  # a date or subject to retract that the report does not have
                continue
            self.targets |= {(r.publisher, r.subjects), (new.publisher, new.subjects)}
            self.reports.put(new)
            self.matched.add(e.correction.id)

    def _assert_report(self, e: Entry) -> None:
        """An asserted report claim's report: joined as ``kg.resolve`` would join it (one per
        publisher, forces, month and kind), at the index ``apply`` will append it at."""
        assert e.publisher is not None
        for aid in self.articles.named(e) or ():
            index = len(self.articles.by_id[aid].reports) + self.asserted_reports[aid]
            self.asserted_reports[aid] += 1
            base = "|".join((e.publisher, "+".join(e.subjects)))
            month = e.date.month_only().iso() if e.date else None
            if month is None:
                key = f"{base}|article:{aid}|{e.kind or ''}"
            elif e.kind is not None:
                key = f"{base}|{month}|{e.kind}"
            else:  # of unstated kind: the one report of a stated kind that month, if one
                prefix = f"{base}|{month}|"
                stated = [k for k in self.reports.reports if k.startswith(prefix) and k != prefix]
                key = stated[0] if len(stated) == 1 else prefix
            old = self.reports.reports.get(key)
            kind_text = e.kind_text or "report"
            if old is None:
                new = Report(key, e.publisher, e.subjects, e.date, (kind_text,), e.kind)
            else:
                new = replace(old, kinds=tuple(sorted({*old.kinds, kind_text})))
            self.reports.put(new)
            self.targets.add((new.publisher, new.subjects))
            self.report_key[(aid, index)] = key
            self._by_report = None


def _follow_ups(
    reports: dict[str, Report], targets: set[tuple[str, tuple[str, ...]]]
) -> dict[str, Report]:
    """Follow-ups again where corrections changed reports: a post-inspection review follows
    up the latest earlier report on the same forces (``kg.resolve``'s rule: "earlier" at
    the other report's precision; of several on one date, the first)."""
    if not targets:
        return reports
    order = {k: i for i, k in enumerate(reports)}
    groups: dict[tuple[str, tuple[str, ...]], list[tuple[str, int, str]]] = defaultdict(list)
    for k, r in reports.items():
        target = (r.publisher, r.subjects)
        if target in targets and r.published is not None and r.kind_concept != _PIR:
            groups[target].append((r.published.iso(), order[k], k))
    out = dict(reports)
    for k, r in reports.items():
        target = (r.publisher, r.subjects)
        if target not in targets:
            continue
        follows = None
        if r.kind_concept == _PIR and r.published is not None:
            when = r.published.iso()
            earlier = [g for g in groups[target] if g[0] < when and not when.startswith(g[0])]
            if earlier:
                latest = max(g[0] for g in earlier)
                follows = min(g for g in earlier if g[0] == latest)[2]
        if follows != r.follows_up:
            out[k] = replace(r, follows_up=follows)
    return out


def resolve(resolved: Resolved, corrections: Corrections) -> Resolved:
    """The entity corrections applied to ``kg.resolve.resolve``'s output: people merged or
    kept apart, reports merged, a person's label, a report's kind, date and subjects
    set or retracted; the people that asserted claims and new speakers name get their
    keys in their articles. ``Resolved.corrections`` lists every entry of the file.
    Person and report keys (and so IRIs) stay those of the entity kept."""
    if not corrections.entries:
        return resolved
    p = _EntityPass(resolved)
    for e in corrections.entries:
        p.run(e)
    return p.result(corrections)


# --- claim corrections: touching, apply -------------------------------------------------


def _slim(ac: ArticleClaims) -> bool:
    """Whether these are the build's slim claims (no text, no spans)."""
    return not ac.article.text


def _person_matches(ref: str, name: str, aid: str, resolved: Resolved, people: _People) -> bool:
    key = resolved.person_key.get((aid, name))
    return (key is not None and key in people.find(ref)) or _fold(name) == _fold(_bare(ref))


def _role_matches(e: Entry, r: RoleClaim, aid: str, resolved: Resolved, people: _People) -> bool:
    if e.iri is not None:
        key = resolved.person_key.get((aid, r.person), "")
        if str(membership_iri(key, r.role, r.org, r.qualifier, aid)) != e.iri:
            return False
    return (
        (e.person is None or _person_matches(e.person, r.person, aid, resolved, people))
        and (e.role is None or r.role == e.role)
        and (e.org is None or r.org == e.org)
        and (e.qualifier is None or r.qualifier == e.qualifier)
    )


def _report_named(ref: str, report: int, aid: str, resolved: Resolved) -> bool:
    from kg.graph import report_title

    key = resolved.report_key.get((aid, report))
    if key is None or key not in resolved.reports:
        return False
    if ref in (key, str(report_iri(key))):
        return True
    return _fold(report_title(resolved.reports[key])) == _fold(ref)


def _speaker_matches(
    ref: str, q: QuoteClaim, aid: str, resolved: Resolved, people: _People
) -> bool:
    """Whether the speaker of ``q`` is the one ``ref`` names as the view shows it: a person,
    an organization, or (for "the report said", "inspectors said") the article's report."""
    if q.speaker_kind is SpeakerKind.PERSON:
        return _person_matches(ref, q.speaker, aid, resolved, people)
    if q.speaker_kind is SpeakerKind.ORGANIZATION and q.speaker in lexicon().orgs:
        return q.speaker == _org(ref)[0]
    if _fold(ref) in (_fold(q.speaker), "report", "the report"):
        return True
    return _report_named(ref, int(q.speaker) if q.speaker.isdigit() else 0, aid, resolved)


def _quote_matches(
    e: Entry, q: QuoteClaim, aid: str, resolved: Resolved, people: _People, slim: bool
) -> bool:
    """Whether ``q`` is the quotation ``e`` names. On slim claims (no spans, and a text
    cut short or gone) only what they keep is compared."""
    if e.iri is not None and not slim and str(quote_iri(aid, q.span.start)) != e.iri:
        return False
    if e.quote is not None and (q.text or not slim):
        said, named = _fold(q.text), _fold(e.quote)
        if not (said.startswith(named) or slim and named.startswith(said)):
            return False
    return e.speaker is None or _speaker_matches(e.speaker, q, aid, resolved, people)


def _org_matches(e: Entry, m: OrgMention) -> bool:
    return m.name is not None and (m.org == e.org or _fold(m.name) == _fold(e.org_name or ""))


def _could_touch(e: Entry, ac: ArticleClaims, resolved: Resolved, people: _People) -> bool:
    """Whether claim correction ``e`` matches (on slim claims: may match) ``ac``."""
    aid, slim = ac.article.id, _slim(ac)
    if e.action == "assert" or (e.action == "set" and e.what == "date"):
        return True
    if e.what == "membership":
        return any(_role_matches(e, r, aid, resolved, people) for r in ac.roles)
    if e.what in ("quotation", "speaker"):
        return any(_quote_matches(e, q, aid, resolved, people, slim) for q in ac.quotes)
    if e.what == "type":
        return slim or any(_org_matches(e, m) for m in ac.organizations)
    return False


def touching(resolved: Resolved, corrections: Corrections) -> dict[str, tuple[Entry, ...]]:
    """Article id -> the claim corrections that apply to it, in file order. An entry that
    names its article applies there; one that names none, to every article whose claims
    match. On slim claims what they lack is not compared: a quotation named by its words
    touches every article where its speaker speaks (unless the slim claims keep the
    quotations' first words), an organization's type every article; ``apply`` then
    matches exactly."""
    arts = _Articles(resolved.claims)
    people = _people_of(resolved)
    out: dict[str, list[Entry]] = defaultdict(list)
    for e in corrections.entries:
        if e.entity_level:
            continue
        named = arts.named(e)
        for aid in named if named is not None else list(arts.by_id):
            if _could_touch(e, arts.by_id[aid], resolved, people):
                out[aid].append(e)
    return {aid: tuple(v) for aid, v in sorted(out.items())}


_QUOTE_CLASSES = {
    "'": "['‘’]", "‘": "['‘’]", "’": "['‘’]",
    '"': '["“”]', "“": '["“”]', "”": '["“”]',
    "-": "[-–—]", "–": "[-–—]", "—": "[-–—]",
}  # fmt: skip


def _find(text: str, words: str) -> Span | None:
    """Where ``words`` are in ``text``, whatever the spaces, quote marks and dashes; in the
    same case if they are there so, else in any."""
    tokens = words.split()
    if not tokens or not text:
        return None
    pattern = r"\s+".join(
        "".join(_QUOTE_CLASSES.get(ch) or re.escape(ch) for ch in tok) for tok in tokens
    )
    m = re.search(pattern, text) or re.search(pattern, text, re.IGNORECASE)
    return Span(m.start(), m.end()) if m else None


def _evidence(ac: ArticleClaims, sentence: str | None, near: Span | None = None) -> Span:
    """The sentence the user gave, found in the text; else the body paragraph holding
    ``near``; else the article's first body paragraph (of sentences, not a heading)."""
    if sentence is not None:
        found = _find(ac.article.text, _unquoted(sentence) or sentence)
        if found is not None:
            return found
    body = ac.article.body
    if near is not None:
        return next((p for p in body if p.contains(near)), near)
    text = ac.article.text
    # the first paragraph of sentences: not a heading such as "Opinion | Columnists"
    for p in body:
        words = text[p.start : p.end].split()
        if len(words) >= 6 and words[-1].rstrip("”’\"')").endswith((".", "!", "?")):
            return p
    return body[0] if body else Span(0, len(text.split("\n", 1)[0]))


def apply(claims: ArticleClaims, entries: tuple[Entry, ...], resolved: Resolved) -> ArticleClaims:
    """``entries`` (``touching(...)[article id]``) applied to one article's whole claims.

    Retracted claims leave their field for ``retracted`` (an ArticleClaims of them alone,
    with their evidence, whose ``corrected`` names the correction that took each out);
    asserted claims are appended, and each claim asserted or changed is named in
    ``corrected``. A changed claim (a quotation's speaker, an organization's type, the
    article's date) is in both: as it is now, and as it was in ``retracted``. Reports
    are only appended, so report indices (of grades, findings, figures, quotations)
    stay valid, and asserted ones take the indices ``resolve`` gave them.
    ``resolved`` is the corrected resolution, or the slice of it for this article.
    """
    if not entries:
        return claims
    aid, slim = claims.article.id, _slim(claims)
    people = _people_of(resolved)
    # each claim with the correction that asserted or changed it
    roles: list[tuple[RoleClaim, str | None]] = [(r, None) for r in claims.roles]
    quotes: list[tuple[QuoteClaim, str | None]] = [(q, None) for q in claims.quotes]
    orgs: list[tuple[OrgMention, str | None]] = [(m, None) for m in claims.organizations]
    reports: list[tuple[ReportClaim, str | None]] = [(r, None) for r in claims.reports]
    # what was taken out or changed, as it was, with the correction
    out_roles: list[tuple[RoleClaim, str]] = []
    out_quotes: list[tuple[QuoteClaim, str]] = []
    out_orgs: list[tuple[OrgMention, str]] = []
    out_article: list[str] = []
    article = claims.article
    names_here = _names_in(claims)

    def claimed(name: str) -> str:
        return _claimed_name(name, aid, people, resolved.person_key, names_here) or _bare(name)

    def speaker(value: str) -> tuple[SpeakerKind, str]:
        if _speaker_is_org(value):
            return SpeakerKind.ORGANIZATION, _org(value)[0]
        return SpeakerKind.PERSON, claimed(value)

    for e in entries:
        cid = e.correction.id
        if e.action == "retract" and e.what == "membership":
            hit = [_role_matches(e, r, aid, resolved, people) for r, _ in roles]
            out_roles += [(r, cid) for (r, _), h in zip(roles, hit, strict=True) if h]
            roles = [rc for rc, h in zip(roles, hit, strict=True) if not h]
        elif e.action == "retract" and e.what in ("quotation", "speaker"):
            hit = [_quote_matches(e, q, aid, resolved, people, slim) for q, _ in quotes]
            out_quotes += [(q, cid) for (q, _), h in zip(quotes, hit, strict=True) if h]
            quotes = [qc for qc, h in zip(quotes, hit, strict=True) if not h]
        elif e.what == "speaker":  # set speaker
            assert e.value is not None
            for i, (q, _) in enumerate(quotes):
                if _quote_matches(e, q, aid, resolved, people, slim):
                    out_quotes.append((q, cid))
                    kind, who = speaker(e.value)
                    quotes[i] = (replace(q, speaker_kind=kind, speaker=who), cid)
        elif e.what == "type":  # retract or set an organization's type
            for i, (m, _) in enumerate(orgs):
                if _org_matches(e, m):
                    out_orgs.append((m, cid))
                    orgs[i] = (replace(m, kind=e.org_type or OrgType.OTHER), cid)
        elif e.what == "date":  # set an article's date
            out_article.append(cid)
            article = replace(article, published=e.date)
        elif e.what == "membership":  # assert
            assert e.person is not None and e.role is not None
            ev = _evidence(claims, e.sentence)
            if e.org is not None and e.org_name is not None and e.org not in lexicon().orgs:
                typ = e.org_type or OrgType.OTHER
                orgs.append((OrgMention(e.org, ev, ev, e.org_name, False, typ, e.org_name), cid))
            roles.append((RoleClaim(claimed(e.person), e.role, e.org, ev, e.qualifier), cid))
        elif e.what == "quotation":  # assert
            assert e.quote is not None and e.speaker is not None
            at = _find(claims.article.text, e.quote)
            ev = _evidence(claims, e.sentence, at)
            text = claims.article.text[at.start : at.end] if at else e.quote
            kind, who = speaker(e.speaker)
            quotes.append((QuoteClaim(text, at or ev, ev, kind, who, (at or ev,)), cid))
        elif e.what == "report":  # assert
            assert e.publisher is not None
            ev = _evidence(claims, e.sentence)
            claim = ReportClaim(
                e.publisher, e.subjects, e.kind_text or "report", ev, e.date, e.kind
            )
            reports.append((claim, cid))

    corrected = [Corrected("article", 0, cid) for cid in out_article[-1:]]
    for field, items in (("organizations", orgs), ("roles", roles), ("reports", reports),
                         ("quotes", quotes)):  # fmt: skip
        corrected += [Corrected(field, i, c) for i, (_, c) in enumerate(items) if c is not None]
    retracted = None
    if out_roles or out_quotes or out_orgs or out_article:
        retracted = ArticleClaims(
            claims.article,
            organizations=tuple(m for m, _ in out_orgs),
            roles=tuple(r for r, _ in out_roles),
            quotes=tuple(q for q, _ in out_quotes),
            corrected=(
                *(Corrected("article", 0, c) for c in out_article),
                *(Corrected("organizations", i, c) for i, (_, c) in enumerate(out_orgs)),
                *(Corrected("roles", i, c) for i, (_, c) in enumerate(out_roles)),
                *(Corrected("quotes", i, c) for i, (_, c) in enumerate(out_quotes)),
            ),
        )
    return replace(
        claims,
        article=article,
        organizations=tuple(m for m, _ in orgs),
        roles=tuple(r for r, _ in roles),
        reports=tuple(r for r, _ in reports),
        quotes=tuple(q for q, _ in quotes),
        corrected=(*claims.corrected, *corrected),
        retracted=retracted,
    )


def matched(claims: ArticleClaims) -> frozenset[str]:
    """The ids of the corrections that asserted, changed or took out a claim of this
    article (read from ``apply``'s result): what ``unmatched`` takes as ``applied``."""
    records = list(claims.corrected)
    if claims.retracted is not None:
        records += claims.retracted.corrected
    return frozenset(c.correction for c in records)


def unmatched(
    resolved: Resolved, corrections: Corrections, applied: Iterable[str] | None = None
) -> list[Correction]:
    """The entries that match nothing in this corpus, in file order.

    ``resolved`` is ``kg.resolve.resolve``'s output, before corrections. The claim
    corrections are judged by ``applied`` when it is given (the union of ``matched``
    over the articles ``apply`` ran on), else by matching ``resolved``'s claims: exactly
    on whole claims; on slim ones a quotation named by its words counts as found where
    its speaker speaks (give ``applied`` to be exact).
    """
    if resolved.corrections:
        raise ValueError("unmatched reads the resolution before corrections")
    p = _EntityPass(resolved)
    for e in corrections.entries:
        p.run(e)
    found = set(p.matched)
    if applied is not None:
        found |= set(applied)
    else:
        after = p.result(corrections)
        for aid, entries in touching(after, corrections).items():
            ac = p.articles.by_id[aid]
            for e in entries:
                if _slim(ac) or e.correction.id in matched(apply(ac, (e,), after)):
                    found.add(e.correction.id)
    return [e.correction for e in corrections.entries if e.correction.id not in found]


# --- writing entries -------------------------------------------------------------------------

HEADER = """\
# Corrections to the graph of this corpus: every `kg build` applies them.
# One entry per fix: what it retracts, asserts, merges, splits or sets, and
# who made it (by), when (date) and why. `kg correct --help` writes entries.
"""


def _plain(value: str) -> bool:
    """Whether ``value`` reads back as itself written plain after 'key: '."""
    if not value or value != value.strip() or not value.isprintable():
        return False
    try:
        node = yaml.compose(f"k: {value}\n", Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return False
    if not isinstance(node, yaml.MappingNode) or len(node.value) != 1:
        return False
    v = node.value[0][1]
    return isinstance(v, yaml.ScalarNode) and v.style is None and v.value == value


def _quoted(value: str) -> str:
    """``value`` as a YAML double-quoted scalar."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable() or ch in "\u2028\u2029\ufeff\x85":
            o = ord(ch)
            out.append(f"\\u{o:04x}" if o < 0x10000 else f"\\U{o:08x}")
        else:
            out.append(ch)
    return "".join(out) + '"'


def _scalar(value: str) -> str:
    return value if _plain(value) else _quoted(value)


def entry_text(
    action: str,
    what: str,
    fields: Mapping[str, str | Sequence[str] | None],
    *,
    by: str,
    why: str,
    date: str | None = None,
) -> str:
    """One entry as YAML text, keys in the documented order, empty fields left out, dated
    today unless ``date`` is given. Not checked here: ``add`` loads the file it makes."""
    spec = _SPEC.get((action, what))
    given = [k for k, v in fields.items() if v not in (None, "", ())]
    keys = [k for k in (spec[1] if spec else ()) if k in given]
    keys += [k for k in given if k not in keys]
    lines = [f"- {action}: {what}"]
    for key in keys:
        value = fields[key]
        if isinstance(value, str):
            lines.append(f"  {key}: {_scalar(value)}")
        elif value is not None:
            lines.append(f"  {key}:")
            lines += [f"    - {_scalar(v)}" for v in value]
    when = date or datetime.date.today().isoformat()
    lines += [f"  by: {_scalar(by)}", f"  date: {_scalar(when)}", f"  why: {_scalar(why)}"]
    return "\n".join(lines) + "\n"


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One writer at a time in ``folder`` (an advisory lock on the folder itself)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def add(
    path: Path,
    action: str,
    what: str,
    fields: Mapping[str, str | Sequence[str] | None],
    *,
    by: str,
    why: str,
    date: str | None = None,
) -> Entry:
    """Append one entry to the corrections file at ``path`` (made if missing) as text, after
    what is there, so comments and layout stay. The file with the entry is checked before
    it replaces the old one (atomically): a bad entry raises ``InputError`` naming its
    line, and the file is left as it was. Returns the entry, as loaded."""
    text = entry_text(action, what, fields, by=by, why=why, date=date)
    folder = path.parent
    if not folder.is_dir():
        raise InputError(f"{path}: no folder {folder}")
    with _locked(folder):
        try:
            old = path.read_bytes().decode("utf-8")
        except FileNotFoundError:
            old = ""
        except (OSError, UnicodeDecodeError) as e:
            raise InputError(f"{path}: cannot be read: {e}") from e
        before = len(parse(old, str(path)).entries) if old.strip() else 0
        head = old if old.strip() else HEADER
        new = head + ("" if head.endswith("\n") else "\n") + "\n" + text
        try:
            loaded = parse(new, str(path))
        except InputError as e:
            raise InputError(f"{e} (the entry was not added)") from e
        if len(loaded.entries) != before + 1:
            raise InputError(f"{path}: its list of corrections cannot be appended to")
        _replace(path, new)
    return loaded.entries[-1]


def _replace(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def view_entry(
    kind: str,
    label: str,
    *,
    iri: str = "",
    source: str = "",
    target: str = "",
    value: str = "",
    articles: Sequence[str] = (),
    by: str = "",
    date: str | None = None,
) -> str:
    """A correction entry for a node or an edge of the network view, as YAML text to copy
    into the corrections file, with ``why`` (and ``by`` unless given) to fill in.

    ``kind``, and what to pass:

    - "person", "report", "organization": a node; ``label`` its label, ``iri`` its IRI,
      ``value`` the value to edit (default: the person's label; a report's kind; an
      organization's type). Gives ``set label``, ``set kind`` or ``set type``; an
      organization of the reference data gives a comment (its type is no correction).
    - "quotation": a node; ``label`` the quotation's text, ``iri`` its IRI, ``source``
      its speaker's label. Gives ``retract quotation``.
    - "membership": a "holds role at" edge; ``label`` the edge's label (the role),
      ``source`` the person's label, ``target`` the organization's. ``retract membership``.
    - "speaker": a "said" edge; ``source`` the speaker's label, ``label`` the quotation's
      text. ``retract speaker``.
    - "subject": an "about" edge; ``source`` the report's label, ``target`` the force's.
      ``retract subject``.

    ``articles`` are the file names of the articles it comes from: with one, the entry
    names it; with several it names none, and so applies wherever it matches.
    """
    article = articles[0] if len(articles) == 1 else None
    first_words = " ".join(_unquoted(label).split()[:8]) if label.strip() else ""  # type: ignore[union-attr]
    fields: dict[str, str | Sequence[str] | None]
    if kind == "person":
        action, what, fields = "set", "label", {"person": label, "value": value or label}
    elif kind == "report":
        action, what, fields = "set", "kind", {"report": label, "value": value}
    elif kind == "organization":
        key = iri.removeprefix(str(ORGS)) if iri.startswith(str(ORGS)) else _org(label)[0]
        if key in lexicon().orgs:
            return f"# {label} is reference data: its name and type are in ontology/\n"
        action, what = "set", "type"
        fields = {"organization": label, "value": value or OrgType.OTHER.value}
    elif kind == "quotation":
        action, what = "retract", "quotation"
        fields = {"quote": first_words, "speaker": source, "article": article}
    elif kind == "membership":
        action, what = "retract", "membership"
        fields = {"person": source, "role": label, "organization": target, "article": article}
    elif kind == "speaker":
        action, what = "retract", "speaker"
        fields = {"quote": first_words, "speaker": source, "article": article}
    elif kind == "subject":
        action, what = "retract", "subject"
        fields = {"report": source, "organization": target, "article": article}
    else:
        raise ValueError(f"no correction for a view item of kind {kind!r}")
    if what in ("kind", "type") and not fields.get("value"):
        fields["value"] = '""'  # placeholder, filled below
    text = entry_text(action, what, fields, by=by, why="", date=date)
    text = text.replace('  value: "\\"\\""\n', '  value: ""  # the right value\n')
    text = text.replace('  by: ""\n', '  by: ""  # who you are\n')
    text = text.replace('  why: ""\n', '  why: ""  # why it is wrong\n')
    return (f"# {iri}\n" if iri else "") + text


NONE = Corrections("", ())  # no corrections file, or corrections left out


def file_of(corpus: Path) -> Path:
    """Where a corpus keeps its corrections: ``CORPUS/corrections.yaml`` (beside a
    single-file corpus)."""
    return (corpus if corpus.is_dir() else corpus.parent) / FILE_NAME
