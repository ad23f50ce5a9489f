"""Claims -> canonical entities across the corpus.

People: one per full name (compared without case and accents). A surname-only
mention that the article itself did not resolve goes to the one person of the
corpus with that surname, and stays apart when there are several (Marc Jones
and Dave Jones are two people). Organizations are canonical already: the
extractors map every name and alias to the ontology's key (HMIC and HMICFRS
are one body). Reports: one per (publisher, forces, month, kind) across
articles; a report of unstated kind joins the one report of a stated kind with
the same publisher, forces and month, and an undated report stays with its
article.
"""

from __future__ import annotations

import bisect
import unicodedata
from collections import defaultdict

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
    groups: dict[tuple[str, ...], list[tuple[str, int]]] = defaultdict(list)
    stated_by_month: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    key: tuple[str, ...]
    by_id = {ac.article.id: ac for ac in claims}
    # first the reports whose kind is stated, then the rest join them
    for pass_ in ("stated", "unstated"):
        for ac in claims:
            for i, r in enumerate(ac.reports):
                if (r.kind_concept is not None) != (pass_ == "stated"):
                    continue
                base = (r.publisher, "+".join(r.subjects))
                month = r.published.month_only().iso() if r.published else None
                if month is None:
                    key = (*base, "article:" + ac.article.id, r.kind_concept or "")
                elif r.kind_concept is not None:
                    key = (*base, month, r.kind_concept)
                    if key not in groups:
                        stated_by_month[(*base, month)].append(key)
                else:
                    stated = stated_by_month.get((*base, month), [])
                    key = stated[0] if len(stated) == 1 else (*base, month, "")
                groups[key].append((ac.article.id, i))
    reports: dict[str, Report] = {}
    report_key: dict[tuple[str, int], str] = {}
    for key_parts, members in sorted(groups.items()):
        rkey = "|".join(key_parts)
        claims_ = [by_id[a].reports[i] for a, i in members]
        dates = [c.published for c in claims_ if c.published is not None]
        published = _most_precise(dates)
        kinds = tuple(sorted({c.kind for c in claims_}))
        first = claims_[0]
        reports[rkey] = Report(
            rkey, first.publisher, first.subjects, published, kinds, first.kind_concept
        )
        for m in members:
            report_key[m] = rkey
    return _follow_ups(reports), report_key


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


def _follow_ups(reports: dict[str, Report]) -> dict[str, Report]:
    """A post-inspection review follows up the latest earlier report on the same force.

    "Earlier" is at the other report's precision: a report of March 2018 is not
    earlier than a review of 15 March 2018. Each force's reports are sorted
    once, so a review costs a binary search, not a scan of them all.
    """
    from dataclasses import replace

    out = dict(reports)
    by_target: dict[tuple[str, tuple[str, ...]], list[tuple[str, int, Report]]] = defaultdict(list)
    for i, o in enumerate(reports.values()):
        if o.published is not None and o.kind_concept != "post-inspection-review":
            by_target[(o.publisher, o.subjects)].append((o.published.iso(), i, o))
    isos: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for target, group in by_target.items():
        group.sort(key=lambda item: (item[0], item[1]))
        isos[target] = [item[0] for item in group]
    for key, r in reports.items():
        if r.kind_concept != "post-inspection-review" or r.published is None:
            continue
        target = (r.publisher, r.subjects)
        latest = _latest_before(
            by_target.get(target, []), isos.get(target, []), r.published.iso(), key
        )
        if latest is not None:
            out[key] = replace(r, follows_up=latest.key)
    return out


def _most_precise(dates: list[PartialDate]) -> PartialDate | None:
    if not dates:
        return None
    rank = {"day": 0, "month": 1, "year": 2}
    return sorted(dates, key=lambda d: (rank[d.precision], d))[0]
