"""A scale corpus: N news articles about police inspections, deterministic by seed.

    python bench/generate.py OUT_DIR -n 10000 [--seed 0]

Article ``i`` depends only on ``(seed, i)``, never on N, so the first 10,000
articles of a 100,000-article corpus are the 10,000-article corpus. The cast
(who holds which post in which force) depends on the seed only, so the same
people recur across articles and resolution has real work to do at scale.

What varies, so that the graph's shape resembles the real one:

- every police force, inspectorate and government body of the reference data
  (``kg.reference.lexicon()``), named by their canonical names and aliases;
- people with roles: chief constables, deputies, PCCs, superintendents, HM
  inspectors, Home Secretaries, named in apposition, before their name, after
  a force's possessive;
- report kinds (every kind of the scheme, in its own words) and publication
  dates from 2013 to 2024, with HMIC before the July 2017 rename and HMICFRS
  after it; earlier gradings referred to ("In March last year ...");
- quote styles: ``Name said: “...”``, ``“...,” said Name.``, ``“...,” he added.``,
  multi-paragraph quotes, quotes from the inspectorate and from "the report";
- date lines in the shapes ingest reads (``Monday, 15th April 2019, 3:36 pm``,
  ``Sep 21, 2017``, ``Fri 25 Nov 2016``, ``02/03/2017``, ``2018-03-08``, ...),
  YAML front matter (fenced both ways), mastheads, bylines, and some HTML pages;
- page clutter: sign-ups, captions, share links, related-story sections,
  vacancies, copyright lines.

Articles are about 2 KB, like the default corpus.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import os
import random
import sys
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_GIVEN_TEXT = (
    "Sunita Jason Marc Olly Alan Dave Sarah Helen Rachel Andy Mike Paul Julie Karen "
    "Matt Simon Claire Emma Gareth Rhian Owen Ian Neil Kate Jo Lisa Nick Tom Peter "
    "Stephen Craig Louise Anne Rob Chris Gemma Hannah Lee Martin Fiona Wendy Zoe "
    "Amir Priya Raj Imran Nadia Tariq Aisha Mark Gavin Jane Lynne Angela Bernard "
    "Colin Derek Elaine Frances Graham Hugh Isobel Jeremy Keith Lorraine Malcolm "
    "Nigel Pauline Quentin Roger Shirley Trevor Vanessa Wayne Yvonne Dominic Harriet"
)
_SURNAMES_TEXT = (
    "Gamblin Hogg Jones Martins Billings Smith Taylor Brown Wilson Evans Thomas "
    "Roberts Walker Wright Robinson Thompson White Hughes Edwards Green Hall Wood "
    "Harris Lewis Martin Jackson Clarke Clark Turner Hill Scott Cooper Morris Ward "
    "Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James "
    "Anderson Phillips Lee Bell Parker Davis Kelly Bennett Price Griffiths Cook "
    "Pearson Marshall Bailey Shaw Ellis Richardson Cox Chapman Hunt Fletcher Mills "
    "Webb Holmes Rogers Stevens Saunders Payne Dixon Pryce Begum Hussain Khan Ahmed "
    "Rahman Okafor Mensah Nowak McCall MacLeod O'Neill Fairweather Ashworth "
    "Blackburn Cartwright Drummond Featherstone Gillespie Hargreaves Iqbal Jennings "
    "Kershaw Lambert Merriman Norris Oakley Pickering Quinlan Rushton Sutcliffe "
    "Thornton Underwood Vickers Whitfield"
)
GIVEN = tuple(_GIVEN_TEXT.split())
SURNAMES = tuple(_SURNAMES_TEXT.split())
PUBLISHERS = (
    "Lancashire Post",
    "Cumbria Crack",
    "Yorkshire Post",
    "Newton News",
    "Police Professional",
    "Northern Echo",
    "Kent Online",
    "Wales Online",
    "Eastern Daily Press",
    "Derby Telegraph",
    "Bristol Post",
    "Essex Live",
    "Manchester Evening News",
    "Lincolnshire Reporter",
    "Oxford Mail",
    "Surrey Comet",
)
AMPM = ("am", "pm")
GRADES = ("good", "outstanding", "requires improvement", "inadequate", "adequate")
THEMES = (
    "protecting vulnerable people",
    "investigating crime",
    "tackling serious and organised crime",
    "responding to the public",
    "managing offenders",
    "treating the public fairly",
    "planning for the future",
    "recording crime accurately",
    "supporting victims of domestic abuse",
    "using stop and search powers",
)
LINES = (
    "We welcome the findings and accept the recommendations in full.",
    "There is still work to do, but the direction of travel is clear.",
    "Our officers and staff work incredibly hard to keep people safe.",
    "I am disappointed by some of the findings and we are already acting on them.",
    "The public deserve a service they can trust and we are determined to provide it.",
    "This report recognises the progress the force has made over the past year.",
    "We have put a plan in place and I will be monitoring it closely.",
    "Victims must be at the heart of everything we do.",
    "I want to thank everyone who has contributed to these improvements.",
    "We know we need to get better at recording crime and we will.",
)
INSPECTORATE_LINES = (
    "We found deficiencies in a number of critical areas.",
    "The force has made real progress since our last inspection.",
    "Leaders need to do more to understand the demand the force faces.",
    "Too many victims are being let down by poor investigations.",
    "The force is good at working with partner agencies to protect children.",
    "We are concerned that the backlog in vetting has not been addressed.",
)
FILLER = (
    "The inspection looked at how well the force keeps people safe and reduces crime.",
    "Inspectors spent several weeks examining case files and speaking to officers.",
    "The findings will be discussed at the next meeting of the police and crime panel.",
    "Crime figures for the area rose slightly over the same period.",
    "A number of recommendations were made, with a deadline of six months.",
    "Officers and staff were praised for their commitment to the communities they serve.",
    "The force covers a population of more than a million people.",
    "Neighbourhood policing teams were singled out for particular praise.",
    "Call handling times had improved since the previous visit.",
    "The report also raised concerns about the number of detectives in post.",
    "Staff sickness levels were described as high but falling.",
    "The force said it would publish an action plan within weeks.",
)
CLUTTER_LINES = (
    "Sign up to our daily newsletter",
    "Subscribe to our newsletter for the latest updates",
    "Share this article",
    "Share on Facebook",
    "Follow us on Twitter",
    "Advertisement",
    "Read more: Police station to close under new plans",
    "Skip to content",
    "Image caption,",
)
RELATED = (
    "Council tax rise to fund more officers",
    "Chief constable to retire after thirty years",
    "New custody suite opens in the city",
    "Force wins award for work with young people",
    "Appeal after burglary at village shop",
)
VACANCIES = ("Police Staff Investigator", "Contact Centre Adviser", "Digital Forensic Analyst")
ROLE_CAST = (
    ("chief-constable", 1),
    ("deputy-chief-constable", 1),
    ("assistant-chief-constable", 2),
    ("police-and-crime-commissioner", 1),
    ("chief-superintendent", 2),
    ("superintendent", 2),
    ("detective-chief-inspector", 1),
)


@dataclass(frozen=True, slots=True)
class Official:
    """A person who holds ``role`` in ``org`` throughout the corpus."""

    given: str
    surname: str
    role: str  # role concept key
    org: str  # organization key

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass(frozen=True, slots=True)
class Cast:
    """The people of a corpus and the reference names articles draw on."""

    forces: tuple[str, ...]
    by_org: dict[str, tuple[Official, ...]]
    inspectors: tuple[Official, ...]
    ministers: tuple[Official, ...]
    org_names: dict[str, tuple[str, ...]]  # key -> name and aliases
    org_area: dict[str, str]  # force key -> place for "X's Police and Crime Commissioner"
    role_labels: dict[str, tuple[str, ...]]
    kinds: tuple[tuple[str, tuple[str, ...]], ...]


@cache
def cast(seed: int) -> Cast:
    """Who holds which post, for every force of the reference data; depends on ``seed`` only."""
    from kg.model import OrgType
    from kg.reference import lexicon

    lex = lexicon()
    rng = random.Random(f"kg-cast:{seed}")
    used: set[tuple[str, str]] = set()

    def person(role: str, org: str) -> Official:
        while True:
            given, surname = rng.choice(GIVEN), rng.choice(SURNAMES)
            if (given, surname) not in used:
                used.add((given, surname))
                return Official(given, surname, role, org)

    forces = tuple(o.key for o in lex.orgs_of(OrgType.POLICE_FORCE))
    by_org = {
        f: tuple(person(role, f) for role, count in ROLE_CAST for _ in range(count)) for f in forces
    }
    inspectors = tuple(person("hm-inspector-of-constabulary", "hmicfrs") for _ in range(6))
    inspectors += (person("hm-chief-inspector-of-constabulary", "hmicfrs"),)
    ministers = tuple(person("home-secretary", "home-office") for _ in range(4))
    ministers += tuple(person("policing-minister", "home-office") for _ in range(3))
    return Cast(
        forces=forces,
        by_org=by_org,
        inspectors=inspectors,
        ministers=ministers,
        org_names={k: o.labels for k, o in lex.orgs.items()},
        org_area={
            f: next(iter(lex.orgs[f].places), lex.orgs[f].name) for f in forces if lex.orgs[f]
        },
        role_labels={k: r.labels for k, r in lex.roles.items()},
        kinds=tuple((k, e.labels) for k, e in lex.kinds.items() if k not in ("report",)),
    )


# --- date lines -------------------------------------------------------------------------


def _ordinal(day: int) -> str:
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def dateline(rng: random.Random, d: dt.date) -> str:
    """One of the date-line shapes ``kg.dates.dateline`` reads."""
    wday, month = calendar.day_name[d.weekday()], calendar.month_name[d.month]
    hour, minute = rng.randint(1, 12), rng.randint(0, 59)
    shapes = (
        f"{wday}, {_ordinal(d.day)} {month} {d.year}, {hour}:{minute:02d} {rng.choice(AMPM)}",
        f"{wday}, {_ordinal(d.day)} {month} {d.year}",
        f"{calendar.month_abbr[d.month]} {d.day}, {d.year}",
        f"{calendar.day_abbr[d.weekday()]} {d.day} {calendar.month_abbr[d.month]} {d.year}",
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        d.isoformat(),
        f"{wday}, {month} {d.day}, {d.year}",
    )
    return rng.choice(shapes)


# --- one article ------------------------------------------------------------------------


def _quote(rng: random.Random, lines: tuple[str, ...], n: int = 2) -> str:
    return " ".join(rng.sample(lines, n))


def _speaker_paragraphs(
    rng: random.Random, c: Cast, who: Official, force_name: str, first: bool
) -> list[str]:
    """A person named with their role and quoted, in one of the styles news uses."""
    role = rng.choice(c.role_labels[who.role][:2])
    words = _quote(rng, LINES)
    pronoun = rng.choice(("He", "She"))
    area = c.org_area.get(who.org, force_name)
    if who.role == "police-and-crime-commissioner":
        intro = rng.choice(
            (
                f"{area} {role} {who.name} said: “{words}”",
                f"{who.name}, {area}'s Police and Crime Commissioner, said: “{words}”",
                f"“{words}” said {who.name}, the {role} for {area}.",
            )
        )
    elif who.org == "hmicfrs":
        intro = rng.choice(
            (
                f"{role} {who.name} said: “{_quote(rng, INSPECTORATE_LINES)}”",
                f"“{_quote(rng, INSPECTORATE_LINES)}” said {role} {who.name}.",
            )
        )
    elif who.org == "home-office":
        intro = f"{role} {who.name} said: “{words}”"
    else:
        intro = rng.choice(
            (
                f"{force_name}'s {role} {who.name} said: “{words}”",
                f"{role} {who.name} said: “{words}”",
                f"Commenting on the report, {who.name}, {role}, said: “{words}”",
                f"“{words}” said {role} {who.name} of {force_name}.",
                f"{role} {who.name} said the force was taking the findings “extremely seriously”.",
            )
        )
    out = [intro]
    if rng.random() < 0.5:
        out.append(f"{pronoun} added: “{_quote(rng, LINES, 1)}”")
    if rng.random() < 0.3:
        out.append(f"“{_quote(rng, LINES, 1)}")  # a quote that runs over paragraphs
        out[-2] = out[-2].removesuffix("”")
        out[-1] += "”"
    return out


def article(seed: int, i: int, html_share: float = 0.03) -> tuple[str, str]:
    """The ``i``-th article of the corpus of ``seed``: (file name, text)."""
    c = cast(seed)
    rng = random.Random(f"kg-article:{seed}:{i}")
    day = dt.date(2013, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))
    renamed = day >= dt.date(2017, 7, 19)
    insp_name = rng.choice(
        ("HMICFRS", "Her Majesty’s Inspectorate of Constabulary and Fire & Rescue Services")
        if renamed
        else (
            "HMIC",
            "Her Majesty’s Inspectorate of Constabulary",
            "HM Inspectorate of Constabulary",
        )
    )
    force = rng.choice(c.forces)
    force_name = rng.choice(c.org_names[force][:3])
    kind_key, kind_labels = rng.choice(c.kinds)
    kind = rng.choice(kind_labels[:3])
    grade = rng.choice(GRADES)
    theme = rng.choice(THEMES)
    publisher = rng.choice(PUBLISHERS)
    title = rng.choice(
        (
            f"{force_name} rated ‘{grade}’ by police inspectorate",
            f"Watchdog report on {force_name} {kind}",
            f"Inspectors find {force_name} {grade} at {theme}",
            f"{force_name} responds to {kind} findings",
        )
    )
    paras: list[str] = []
    paras.append(
        rng.choice(
            (
                f"{insp_name} has rated {force_name} as ‘{grade}’ at {theme} in a {kind} "
                f"report published today.",
                f"A {kind} report by {insp_name} published this week found {force_name} was "
                f"‘{grade}’ at {theme}.",
                f"{force_name} has been told it is ‘{grade}’ at {theme} following a {kind} "
                f"by {insp_name}.",
            )
        )
    )
    paras.append(rng.choice(FILLER) + " " + rng.choice(FILLER))
    if rng.random() < 0.4:
        past = calendar.month_name[rng.randint(1, 12)]
        paras.append(
            f"In {past} last year, the force was graded ‘{rng.choice(GRADES)}’ for "
            f"{rng.choice(THEMES)} by the inspectorate."
        )
    speakers = list(rng.sample(c.by_org[force], rng.randint(1, 3)))
    if rng.random() < 0.3:
        speakers.append(rng.choice(c.inspectors))
    if rng.random() < 0.08:
        speakers.append(rng.choice(c.ministers))
    if rng.random() < 0.5:
        paras.append(
            f"“{_quote(rng, INSPECTORATE_LINES)}” said the "
            + rng.choice(("Inspectorate.", "report."))
        )
    for n, who in enumerate(speakers):
        paras.extend(_speaker_paragraphs(rng, c, who, force_name, n == 0))
        paras.append(rng.choice(FILLER))
    if rng.random() < 0.35:  # a second force in the same round of inspections
        other = rng.choice(c.forces)
        paras.append(
            f"Neighbouring {rng.choice(c.org_names[other][:2])} was rated "
            f"‘{rng.choice(GRADES)}’ in the same {kind} round."
        )
    while sum(len(p) for p in paras) < 1700:
        paras.append(" ".join(rng.sample(FILLER, 2)))

    clutter_top: list[str] = []
    if rng.random() < 0.3:
        clutter_top.append("Skip to content Skip to menu")
    clutter_mid = [rng.choice(CLUTTER_LINES) for _ in range(rng.randint(0, 2))]
    if "Image caption," in clutter_mid:
        clutter_mid.append(f"{speakers[0].name} at the force headquarters")
    tail: list[str] = []
    if rng.random() < 0.4:
        tail.append(rng.choice(("Related Stories", "More on this story", "Related articles")))
        tail.extend(rng.sample(RELATED, 3))
    elif rng.random() < 0.2:
        tail.append("Select Vacancies")
        tail.extend(VACANCIES)
    if rng.random() < 0.5:
        tail.append(f"Copyright © {day.year} {publisher}. All rights reserved.")

    name = f"{i:06d}_{rng.getrandbits(48):012x}"
    if rng.random() < html_share:
        return name + ".html", _html(title, day, publisher, paras)
    mid = rng.randrange(1, len(paras))
    body = paras[:mid] + clutter_mid + paras[mid:]
    head: list[str] = []
    shape = rng.random()
    if shape < 0.2:
        url = f"https://www.example-news.co.uk/news/{day.year}/{day.month:02d}/{name}"
        head.append(
            f'---\ntitle: "{title}"\ndate: {day.isoformat()}\nurl: {url}\n'
            f"publisher: {publisher}\n---\n"
        )
        head.extend(clutter_top)
    elif shape < 0.28:
        head.append(f'```yaml\ntitle: "{title}"\nsource: {publisher}\n```\n')
        head.append(title)
        head.append(dateline(rng, day))
    else:
        if rng.random() < 0.3:
            head.append(publisher)  # a masthead
        head.extend(clutter_top)
        head.append(title)
        if rng.random() < 0.3:
            head.append(f"By {rng.choice(GIVEN)} {rng.choice(SURNAMES)}")
        head.append(dateline(rng, day))
    return name + ".txt", "\n\n".join(head + body + tail) + "\n"


def _html(title: str, day: dt.date, publisher: str, paras: list[str]) -> str:
    from html import escape

    body = "\n".join(f"<p>{escape(p)}</p>" for p in paras)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset='utf-8'>"
        f"<title>{escape(title)} - {escape(publisher)}</title>"
        f"<meta property='og:title' content='{escape(title)}'>"
        f"<meta property='og:site_name' content='{escape(publisher)}'>"
        f"<meta property='article:published_time' content='{day.isoformat()}'>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>{escape(title)}</h1>{body}</article>"
        "<aside><h2>Related Stories</h2><ul><li>Force wins award</li></ul></aside>"
        f"<footer>Copyright © {day.year} {escape(publisher)}</footer></body></html>\n"
    )


def generate(n: int, seed: int = 0, start: int = 0) -> Iterator[tuple[str, str]]:
    """Articles ``start`` .. ``start + n - 1`` of the corpus of ``seed``, as (file name, text)."""
    for i in range(start, start + n):
        yield article(seed, i)


def _write_range(folder: str, seed: int, start: int, stop: int) -> int:
    for name, text in generate(stop - start, seed, start):
        Path(folder, name).write_text(text, encoding="utf-8")
    return stop - start


def write_corpus(folder: Path, n: int, seed: int = 0, jobs: int | None = None) -> int:
    """Write the ``n`` first articles of the corpus of ``seed`` into ``folder``; return ``n``.

    Files already there are overwritten; other files are left alone.
    """
    folder.mkdir(parents=True, exist_ok=True)
    jobs = jobs or os.cpu_count() or 1
    step = max(1, -(-n // (jobs * 4)))
    ranges = [(s, min(n, s + step)) for s in range(0, n, step)]
    if jobs == 1 or n < 500:
        return sum(_write_range(str(folder), seed, a, b) for a, b in ranges)
    with ProcessPoolExecutor(jobs) as pool:
        futures = [pool.submit(_write_range, str(folder), seed, a, b) for a, b in ranges]
        return sum(f.result() for f in futures)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("-n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args(argv)
    n = write_corpus(args.out, args.n, args.seed, args.jobs)
    print(f"wrote {n} articles into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
