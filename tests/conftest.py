"""Shared fixtures: articles from literal strings, and one build of the corpus."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from kg.ingest import parse_article
from kg.model import Article

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
GOLD = ROOT / "tests" / "gold"


@pytest.fixture
def make_article() -> Callable[..., Article]:
    """An Article from literal text, read as a saved page would be."""

    def make(text: str, name: str = "t.txt") -> Article:
        return parse_article(text, name, "text")

    return make


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default corpus built once for the session; returns the exports folder."""
    from kg.build import build_graph

    out = tmp_path_factory.mktemp("exports")
    build_graph(CORPUS, out, html=False)
    return out
