"""Graded areas named in a phrase ("protecting vulnerable people", "efficiency"),
by the labels of ``ontology/grades.ttl``: shared by the grades, findings and
reports extractors."""

from __future__ import annotations

import functools
import re

from kg.patterns import fold
from kg.reference import areas

# "preventing and investigating crime" -> "preventing crime and investigating crime"
RE_SHARED_OBJECT = re.compile(r"\b(\w+ing) and (\w+ing) (\w+)")


@functools.cache
def _area_labels() -> list[tuple[str, str]]:
    pairs = [(fold(lb), c.key) for c in areas().values() for lb in c.labels]
    return sorted(pairs, key=lambda p: -len(p[0]))


@functools.cache
def _area_patterns() -> list[tuple[str, re.Pattern[str], str]]:
    return [
        (label, re.compile(r"(?<![\w-])" + re.escape(label) + r"(?![\w-])"), key)
        for label, key in _area_labels()
    ]


def area_keys(phrase: str) -> list[str]:
    """Every area a phrase names, in order, each once; longest labels first."""
    text = fold(phrase)
    if "ing and " in text:  # every match of RE_SHARED_OBJECT holds it
        text = RE_SHARED_OBJECT.sub(r"\1 \3 and \2 \3", text)
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for label, rx, key in _area_patterns():
        if label not in text:
            continue
        for m in rx.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append((m.start(), key))
    out: list[str] = []
    for _, key in sorted(found):
        if key not in out:
            out.append(key)
    if "overall" in out and len(out) > 1:
        out.remove("overall")
    return out
