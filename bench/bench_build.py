"""Build throughput, memory and incremental rebuilds on generated corpora.

    python bench/bench_build.py [--sizes 1000,10000] [--runs 3] [--jobs N]
                                [--before REV] [--pipeline-up-to 1000] [--workdir DIR]

For each size N it writes N articles with ``bench/generate.py`` (seed 0) and
times, each in a fresh process (so peak RSS is the build's own), the median of
``--runs`` runs of:

- ``before``: ``kg build`` from nothing as it was at git revision ``--before``
  (default 5d9bacf, the build before it was split into its steps), ``--jobs``
  workers: the baseline the full build's ratio is against, measured in the
  same run on the same machine.
- ``pipeline``: ``kg.pipeline.write`` (everything in memory, one process, the
  reference the build must equal), for N up to ``--pipeline-up-to``.
- ``full``: ``kg build`` from nothing (empty cache), ``--jobs`` workers.
- ``no change``, ``1 changed``, ``1 added``, ``1 removed``: a rebuild after
  that change, with the cache of the previous build.

Peak RSS is the build process's own and, separately, its largest worker's
(the store is written in a worker). The builds run on a copy of ``kg/`` and
``ontology/`` taken when the bench starts, so that edits made to the checkout
meanwhile neither mix versions nor invalidate the cache halfway.
The figures are printed as a Markdown table with each time's ratio to the
baseline (for ``full``) or to ``full`` (for the rebuilds), and the seconds
each step of the full build took.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import generate  # noqa: E402

# Runs in a fresh interpreter; prints one JSON line.
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, ".")
from pathlib import Path
corpus, out, mode, jobs = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
t = time.perf_counter()
if mode == "pipeline":
    from kg.pipeline import write
    write(corpus, out)
    info = {"read": sum(1 for _ in corpus.iterdir()), "timings": {}}
else:
    from kg.build import build_graph
    r = build_graph(corpus, out, html=False, jobs=jobs)
    info = {"read": r.read, "extracted": r.extracted, "rendered": r.rendered,
            "triples": r.triples, "timings": r.timings}
info["seconds"] = time.perf_counter() - t
info["rss_main"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
info["rss_worker"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(json.dumps(info))
"""


SRC: Path = ROOT  # where the children import kg from: a snapshot, once main() has run
BEFORE: Path = ROOT  # the same, for the revision the full build is compared with


def snapshot(work: Path) -> Path:
    """A copy of the code and ontology the builds will run."""
    src = work / "src"
    shutil.rmtree(src, ignore_errors=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(ROOT / "kg", src / "kg", ignore=ignore)
    shutil.copytree(ROOT / "ontology", src / "ontology", ignore=ignore)
    return src


def snapshot_rev(work: Path, rev: str) -> Path:
    """The code and ontology of git revision ``rev``, from the repository."""
    src = work / f"src-{rev}"
    shutil.rmtree(src, ignore_errors=True)
    src.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", rev, "kg", "ontology"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    return src


def _run(corpus: Path, out: Path, mode: str, jobs: int) -> dict[str, object]:
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(corpus.resolve()), str(out.resolve()), mode, str(jobs)],
        capture_output=True,
        text=True,
        cwd=BEFORE if mode == "before" else SRC,
    )
    if proc.returncode != 0:
        raise SystemExit(f"{mode} build failed:\n{proc.stderr}")
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


def _median(rows: list[dict[str, object]], key: str) -> float:
    return statistics.median(float(r[key]) for r in rows)  # type: ignore[arg-type]


def bench_size(n: int, work: Path, runs: int, jobs: int, pipeline: bool) -> list[dict[str, object]]:
    """Every measurement for one corpus size, each the median of ``runs``."""
    corpus = work / f"corpus-{n}"
    if not corpus.is_dir() or len(list(corpus.iterdir())) != n:
        shutil.rmtree(corpus, ignore_errors=True)
        generate.write_corpus(corpus, n, seed=0)
    rows: list[dict[str, object]] = []

    def measure(mode: str, label: str, prepare: object = None) -> None:
        results = []
        for _ in range(runs):
            out = work / f"out-{n}"
            if label in ("before", "pipeline", "full"):
                shutil.rmtree(out, ignore_errors=True)
            undo = prepare() if callable(prepare) else None
            results.append(_run(corpus, out, mode, jobs))
            if callable(undo):
                undo()
                _run(corpus, out, mode, jobs)  # back to the corpus's own state
        row: dict[str, object] = {"n": n, "step": label}
        for key in ("seconds", "rss_main", "rss_worker"):
            row[key] = _median(results, key)
        row["extracted"] = results[0].get("extracted", n)
        row["timings"] = results[len(results) // 2].get("timings", {})
        rows.append(row)
        print(f"  {n:>7} {label:<11} {row['seconds']:8.2f} s", file=sys.stderr)

    files = sorted(corpus.iterdir())
    victim = files[len(files) // 2]
    spare = work / "spare.txt"

    def change() -> object:
        text = victim.read_text(encoding="utf-8")
        victim.write_text(text.replace("said", "says", 1), encoding="utf-8")
        return lambda: victim.write_text(text, encoding="utf-8")

    def add() -> object:
        name, text = generate.article(0, n + 1)
        path = corpus / name
        path.write_text(text, encoding="utf-8")
        return path.unlink

    def remove() -> object:
        shutil.copy(victim, spare)
        victim.unlink()
        return lambda: shutil.copy(spare, victim)

    measure("before", "before")
    if pipeline:
        measure("pipeline", "pipeline")
    measure("fast", "full")
    measure("fast", "no change")
    measure("fast", "1 changed", change)
    measure("fast", "1 added", add)
    measure("fast", "1 removed", remove)
    return rows


def table(rows: list[dict[str, object]]) -> str:
    before: dict[int, float] = {}
    full: dict[int, float] = {}
    for r in rows:
        n, secs = int(r["n"]), float(r["seconds"])  # type: ignore[arg-type]
        if r["step"] == "before":
            before[n] = secs
        if r["step"] == "full":
            full[n] = secs
    lines = [
        "| articles | build | time (s) | articles/s | peak RSS main (MB) | "
        "largest worker (MB) | extracted | ratio |",
        "|---:|---|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        n, secs = int(r["n"]), float(r["seconds"])  # type: ignore[arg-type]
        step = str(r["step"])
        if step == "before":
            ratio = "1.0 (baseline)"
        elif step in ("full", "pipeline"):
            ratio = f"{before[n] / secs:.1f}x faster than before" if n in before else "-"
        else:
            ratio = f"{full[n] / secs:.1f}x faster than full"
        lines.append(
            f"| {n:,} | {step} | {secs:.2f} | {n / secs:.0f} | {float(r['rss_main']):.0f} | "  # type: ignore[arg-type]
            f"{float(r['rss_worker']):.0f} | {r['extracted']} | {ratio} |"  # type: ignore[arg-type]
        )
    lines.append("")
    lines.append("Steps of each full build, before and now (s):")
    lines.append("")
    for r in rows:
        if r["step"] in ("before", "full"):
            steps = ", ".join(f"{k} {v:.1f}" for k, v in dict(r["timings"]).items())  # type: ignore[call-overload]
            lines.append(f"- {int(r['n']):,} {r['step']}: {steps}")  # type: ignore[call-overload]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from kg.executor import default_jobs

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=default_jobs())
    ap.add_argument("--before", default="5d9bacf", help="the git revision to compare with")
    ap.add_argument("--pipeline-up-to", type=int, default=1000)
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="kg-bench-build-"))
    work.mkdir(parents=True, exist_ok=True)
    global SRC, BEFORE
    SRC = snapshot(work)
    BEFORE = snapshot_rev(work, args.before)
    rows: list[dict[str, object]] = []
    for n in (int(s) for s in args.sizes.split(",")):
        runs = args.runs if n <= 1000 else 1
        rows += bench_size(n, work, runs, args.jobs, n <= args.pipeline_up_to)
    print(f"kg build on generated corpora; {args.jobs} jobs; medians of {args.runs} runs "
          f"(1 run above 1,000 articles)\n")  # fmt: skip
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
