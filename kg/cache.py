"""The incremental build cache: what each article gave last time, so a rebuild
re-extracts only the articles that changed.

Entries, each one file under ``OUT/.cache/<kind>/``:

- ``claims/``: an article's claims (``ArticleClaims``, text included), keyed by
  its file name, the SHA-256 of its bytes, and the *extract version*: a hash of
  the source of ingest, the extractors, the patterns, the word lists and the
  ontology. Editing any of them invalidates every entry, so a cached claim is
  always what the current code would extract.
- ``runs/`` and ``shared/``: an article's graph, written in every format, and
  its shared triples, keyed by its claims key, the slice of the corpus-wide
  resolution it uses (its people and reports), and the *render version* (the
  extract version plus the graph code). An article whose people and reports
  resolved as before is not rendered again.
- ``buckets/`` and ``counts/``: the shared section of the exports, a bucket of
  subjects at a time, with how many graphs state each triple.
- ``state/``: what the last build wrote (``kg.build``): the slim claims of
  every article in one pack, the run of each graph, where each body is in
  each export file, and which store folder it made.

Entries are pickles written atomically (temporary file, then rename), so
several worker processes can fill the cache at once and a crash never leaves a
torn entry. The cache is trusted local state, like ``__pycache__``: anyone who
can write into ``OUT/.cache`` can make the next build run their code. Delete
the folder, or build with ``--no-cache``, to start afresh.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg import __version__

CACHE_DIR = ".cache"
_PACKAGE = Path(__file__).resolve().parent


def _hash_tree(h: Any, folder: Path) -> None:
    """Every file under ``folder`` (but caches and hidden files), by relative path."""
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if path.is_file() and not any(
            part.startswith(".") or part == "__pycache__" for part in rel.parts
        ):
            h.update(rel.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")


@functools.cache
def code_version() -> str:
    """The package version and a digest of all of ``kg/`` and ``ontology/``: whatever
    in them changes, no cache entry of an earlier version is used (a hand-kept list
    of the files that matter once left out ``export.py``, and a rebuild served the
    old bytes after an upgrade)."""
    from kg.vocab import ontology_dir

    h = hashlib.sha256(f"kg {__version__}".encode())
    _hash_tree(h, _PACKAGE)
    if not ontology_dir().is_relative_to(_PACKAGE):
        _hash_tree(h, ontology_dir())
    return h.hexdigest()[:16]


# What an article's claims are and what its triples are both follow from the code.
extract_version = render_version = code_version


def key(*parts: str) -> str:
    """A cache key from strings."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class BuildCache:
    """A cache folder. ``read=False`` ignores what is there (a full rebuild) but
    still writes fresh entries. The object is plain data: workers get a copy."""

    root: Path
    read: bool = True

    def claims_key(self, file_name: str, sha256: str) -> str:
        return key("claims", extract_version(), file_name, sha256)

    def run_key(self, claims_key: str, resolution: bytes) -> str:
        return key("run", render_version(), claims_key, hashlib.sha256(resolution).hexdigest())

    def _path(self, kind: str, k: str) -> Path:
        return self.root / kind / k[:2] / f"{k}.pickle"

    def get(self, kind: str, k: str) -> Any | None:
        """The entry, or None when it is missing, unreadable or not to be read."""
        if not self.read:
            return None
        try:
            with open(self._path(kind, k), "rb") as f:
                return pickle.load(f)
        except FileNotFoundError:
            return None
        except Exception:  # a stale or damaged entry is a miss, never an error
            return None

    def has(self, kind: str, k: str) -> bool:
        return self.read and self._path(kind, k).is_file()

    def put(self, kind: str, k: str, value: Any) -> None:
        """Write an entry atomically; a cache that cannot be written is no error."""
        path = self._path(kind, k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            with contextlib.suppress(OSError, UnboundLocalError):
                os.unlink(tmp)

    def load(self, kind: str, k: str) -> Any:
        """An entry that must be there (written earlier in this build)."""
        with open(self._path(kind, k), "rb") as f:
            return pickle.load(f)

    def prune(self, keep: dict[str, set[str]]) -> int:
        """Remove every entry of each kind that is not in ``keep[kind]``; return how many."""
        removed = 0
        for kind, keys in keep.items():
            folder = self.root / kind
            if not folder.is_dir():
                continue
            for sub in os.scandir(folder):
                if not sub.is_dir():
                    continue
                for entry in os.scandir(sub.path):
                    name = entry.name
                    if name.endswith(".pickle") and name[: -len(".pickle")] in keys:
                        continue
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)
                        removed += 1
        return removed

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
