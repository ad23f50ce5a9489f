"""Claims -> canonical entities across the corpus.

People: one per full name (compared without case and accents). A surname-only
mention that the article itself did not resolve goes to the one person of the
corpus with that surname, and stays apart when there are several (Marc Jones
and Dave Jones are two people). Organizations are canonical already: the
extractors map every name and alias to the ontology's key (HMIC and HMICFRS
are one body). Reports: one per publisher, month and kind across articles among
the claims that share a force (a report on Cumbria and Cleveland is the one on
Cumbria another article names); a national report (about no force) is one per
publisher, month and kind; a report of unstated kind joins the one report of its
publisher and month that shares a force; an undated report stays with its
article. A post-inspection review follows up the latest earlier report on one
of its forces.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import defaultdict
from collections.abc import Callable

from kg.model import ArticleClaims, PartialDate, Person, Report, Resolved
from kg.vocab import digest, slug


def _fold_name(name: str) -> str:
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(s.replace("’", "'").split())


def resolve(claims: list[ArticleClaims]) -> Resolved:
    ordered = tuple(sorted(claims, key=lambda c: c.article.id))
    people, person_key = _people(ordered)
    reports, report_key = _reports(ordered)
    return Resolved(ordered, people, person_key, reports, report_key)


def _people(
    claims: tuple[ArticleClaims, ...],
) -> tuple[dict[str, Person], dict[tuple[str, str], str]]:
    full: dict[str, str] = {}  # folded name -> display name (first seen)
    aliases: dict[str, set[str]] = defaultdict(set)
    for ac in claims:
        for p in ac.people:
            if not p.surname_only:
                full.setdefault(_fold_name(p.name), p.name)
                aliases[_fold_name(p.name)].add(p.text)
        for r in ac.roles:
            full.setdefault(_fold_name(r.person), r.person)
        for q in ac.quotes:
            if q.speaker_kind == "Person" and " " in q.speaker.strip():
                full.setdefault(_fold_name(q.speaker), q.speaker)
    by_surname: dict[str, set[str]] = defaultdict(set)
    for folded in full:
        by_surname[folded.split()[-1]].add(folded)
    people: dict[str, Person] = {}
    person_key: dict[tuple[str, str], str] = {}

    def key_for(name: str) -> str:
        folded = _fold_name(name)
        if folded in full:
            return slug(full[folded])
        same = by_surname.get(folded.split()[-1], set()) if folded else set()
        if len(same) == 1:
            return slug(full[next(iter(same))])
        return slug(name) or "person-" + digest(name)[:8]

    for ac in claims:
        names = (
            {p.name for p in ac.people}
            | {r.person for r in ac.roles}
            | {q.speaker for q in ac.quotes if q.speaker_kind == "Person"}
        )
        for name in sorted(names):
            key = key_for(name)
            person_key[(ac.article.id, name)] = key
            folded = _fold_name(name)
            display = full.get(folded) or next(
                (full[f] for f in full if slug(full[f]) == key), name
            )
            known = people.get(key)
            alias_set = set(known.aliases) if known else set()
            alias_set |= {a for a in aliases.get(_fold_name(display), set()) if a != display}
            alias_set |= {p.text for p in ac.people if p.name == name and p.text != display}
            people[key] = Person(key, display, tuple(sorted(alias_set)))
    return people, person_key


def _reports(
    claims: tuple[ArticleClaims, ...],
) -> tuple[dict[str, Report], dict[tuple[str, int], str]]:
    """One report per publisher, month and kind among the claims that share a subject
    (a report on Cumbria and Cleveland is the report on Cumbria another article
    names); a national report (no subject) is one per publisher, month and kind. A
    claim of unstated kind joins the one report of its publisher and month that shares
    a subject, else makes its own; an undated claim stays with its article."""
    by_id = {ac.article.id: ac for ac in claims}
    stated: dict[tuple[str, str, str], list[tuple[str, int]]] = defaultdict(list)
    unstated: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    groups: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    for ac in claims:
        for i, r in enumerate(ac.reports):
            if r.published is None:
                key = (r.publisher, _subjects_key(r.subjects), "article:" + ac.article.id)
                groups[(*key, r.kind_concept or "")].append((ac.article.id, i))
            elif r.kind_concept is not None:
                month = r.published.month_only().iso()
                stated[(r.publisher, month, r.kind_concept)].append((ac.article.id, i))
            else:
                unstated[(r.publisher, r.published.month_only().iso())].append((ac.article.id, i))

    def subjects(member: tuple[str, int]) -> tuple[str, ...]:
        return by_id[member[0]].reports[member[1]].subjects or ("",)

    dated: dict[tuple[str, str], list[tuple[str, list[tuple[str, int]]]]] = defaultdict(list)
    for (publisher, month, kind), members in stated.items():
        for found in _sharing_a_subject(members, subjects):
            dated[(publisher, month)].append((kind, found))
    for (publisher, month), members in unstated.items():
        left = []
        for m in members:
            mine = set(subjects(m))
            near = [g for g in dated[(publisher, month)] if mine & _all(g[1], subjects)]
            if len(near) == 1:
                near[0][1].append(m)
            else:
                left.append(m)
        for linked in _sharing_a_subject(left, subjects):
            dated[(publisher, month)].append(("", linked))
    for (publisher, month), made in dated.items():
        for kind, linked in made:
            keys = tuple(sorted(_all(linked, subjects) - {""}))
            groups[(publisher, _subjects_key(keys), month, kind)] += linked
    reports: dict[str, Report] = {}
    report_key: dict[tuple[str, int], str] = {}
    known_by: dict[str, PartialDate] = {}  # an undated report came out by its articles' date
    for key_parts, members in sorted(groups.items()):
        rkey = "|".join(key_parts)
        claims_ = [by_id[a].reports[i] for a, i in members]
        dates = [c.published for c in claims_ if c.published is not None]
        published = _most_precise(dates)
        kinds = tuple(sorted({c.kind for c in claims_}))
        first = claims_[0]
        said = tuple(dict.fromkeys(s for c in claims_ for s in c.subjects))
        reports[rkey] = Report(rkey, first.publisher, said, published, kinds, first.kind_concept)
        for m in members:
            report_key[m] = rkey
        seen = [d for a, _ in members if (d := by_id[a].article.reference_date) is not None]
        if published is None and seen:
            known_by[rkey] = min(seen)
    return _follow_ups(reports, known_by), report_key


def _subjects_key(subjects: tuple[str, ...]) -> str:
    return "+".join(sorted(subjects))


def _all(
    members: list[tuple[str, int]], subjects: Callable[[tuple[str, int]], tuple[str, ...]]
) -> set[str]:
    return {s for m in members for s in subjects(m)}


def _sharing_a_subject(
    members: list[tuple[str, int]], subjects: Callable[[tuple[str, int]], tuple[str, ...]]
) -> list[list[tuple[str, int]]]:
    """``members`` in groups linked by a shared subject, in first-seen order."""
    group_of: dict[str, int] = {}  # subject -> group index
    groups: list[list[tuple[str, int]] | None] = []
    for m in members:
        linked = sorted({group_of[s] for s in subjects(m) if s in group_of})
        if not linked:
            groups.append([m])
            target = len(groups) - 1
        else:
            target = linked[0]
            for other in linked[1:]:  # m links groups made apart: merge them
                moved = groups[other] or []
                groups[target] = (groups[target] or []) + moved
                groups[other] = None
                for s, g in group_of.items():
                    if g == other:
                        group_of[s] = target
            (groups[target] or []).append(m)
        for s in subjects(m):
            group_of[s] = target
    return [g for g in groups if g]


def _latest_before(
    group: list[tuple[str, int, Report]], isos: list[str], when: str, key: str
) -> Report | None:
    """Of reports sorted by (ISO date, first-seen order), the latest strictly before
    ``when`` at its own precision (its date is not a prefix of ``when``), other
    than ``key``; of several on that date, the first seen."""
    k = bisect.bisect_left(isos, when) - 1
    while k >= 0:
        iso = isos[k]
        if when.startswith(iso):  # the same year or month: not earlier
            k -= 1
            continue
        m = k
        while m > 0 and isos[m - 1] == iso:
            m -= 1
        for _, _, o in group[m : k + 1]:
            if o.key != key:
                return o
        k = m - 1
    return None


def _follow_ups(
    reports: dict[str, Report], known_by: dict[str, PartialDate] | None = None
) -> dict[str, Report]:
    """A post-inspection review follows up the latest earlier report by its publisher
    on one of its forces (or, for a national review, the latest national report).

    "Earlier" is at the other report's precision: a report of March 2018 is not
    earlier than a review of 15 March 2018. An undated review is no later than the
    first article that reports it (``known_by``). Each force's reports are sorted
    once, so a review costs a binary search per force, not a scan of them all.
    """
    from dataclasses import replace

    known_by = known_by or {}
    out = dict(reports)
    by_target: dict[tuple[str, str], list[tuple[str, int, Report]]] = defaultdict(list)
    for i, o in enumerate(reports.values()):
        if o.published is not None and o.kind_concept != "post-inspection-review":
            for s in o.subjects or ("",):
                by_target[(o.publisher, s)].append((o.published.iso(), i, o))
    isos: dict[tuple[str, str], list[str]] = {}
    for target, group in by_target.items():
        group.sort(key=lambda item: (item[0], item[1]))
        isos[target] = [item[0] for item in group]
    for key, r in reports.items():
        when = r.published or known_by.get(key)
        if r.kind_concept != "post-inspection-review" or when is None:
            continue
        found: list[Report] = []
        for s in r.subjects or ("",):
            target = (r.publisher, s)
            prior = _latest_before(by_target.get(target, []), isos.get(target, []), when.iso(), key)
            if prior is not None:
                found.append(prior)
        if found:
            latest = max(found, key=lambda o: o.published.iso() if o.published else "")
            out[key] = replace(r, follows_up=latest.key)
    return out


def _most_precise(dates: list[PartialDate]) -> PartialDate | None:
    if not dates:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    return sorted(dates, key=lambda d: (rank[d.precision], d))[0]
