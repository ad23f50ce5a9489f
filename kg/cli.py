"""The ``kg`` command: a thin layer over the library.

Each command parses its options, calls the library function of the same name
and prints. Library errors (``kg.errors.KgError``) become one line on stderr
and a non-zero exit status; nothing else reaches the user as a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

DEFAULT_CORPUS = "corpus"
DEFAULT_OUT = "exports"


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Python is so that every cleanup runs (temporary files
    and folders go; the previous exports stay)."""


def _on_sigterm(signum: int, frame: object) -> None:
    raise _Terminated()


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:  # noqa: D401
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except _Terminated:
            click.echo("kg: stopped (SIGTERM); nothing was replaced", err=True)
            ctx.exit(143)
        except KeyboardInterrupt:
            click.echo("kg: interrupted; nothing was replaced", err=True)
            ctx.exit(130)
        except BrokenPipeError:
            ctx.exit(130)
        except OSError as e:  # a disk full or a file too large, outside the library's own checks
            where = f"{e.filename}: " if e.filename else ""
            click.echo(f"kg: error: {where}{e.strerror or e}", err=True)
            ctx.exit(1)
        except click.exceptions.Exit:
            raise
        except click.ClickException:
            raise
        except Exception as e:  # the CLI edge: never a traceback
            click.echo(f"kg: internal error: {type(e).__name__}: {e}", err=True)
            ctx.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def cli() -> None:
    """Knowledge graphs of UK police inspection news.

    \b
    Quick start:
      kg build corpus            # read corpus/, write exports/graph.ttl and friends
      kg query people-roles      # ask the graph a ready-made question
      kg eval tests/gold         # score the graph against gold annotations
    """


# --- commands are added below, one per library function ---------------------


@cli.command()
@click.argument("corpus", type=click.Path(path_type=Path), default=DEFAULT_CORPUS)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Folder the exports are written into.",
)
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(
        [
            "turtle",
            "trig",
            "jsonld",
            "ntriples",
            "nquads",
            "rdfxml",
            "ttl",
            "nt",
            "nq",
            "json-ld",
            "rdf",
            "xml",
            "n-triples",
            "n-quads",
            "rdf/xml",
        ],  # fmt: skip  (kg.formats: FORMATS and ALIASES, spelt out as for kg query)
        case_sensitive=False,
    ),
    help="Export format (repeatable; default turtle, trig, jsonld and ntriples). Other "
    "names: ttl, nt, n-triples, nq, n-quads, json-ld, rdf, xml, rdf/xml.",
)
@click.option("--no-validate", is_flag=True, help="Skip the SHACL check before writing.")
@click.option("--no-html", is_flag=True, help="Do not write graph.html.")
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=5_000_000,
    show_default=True,
    help="Files larger than this are skipped and reported.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    help="Worker processes for extraction (default: every core; 1: none).",
)
@click.option("--no-cache", is_flag=True, help="Neither use nor keep OUT/.cache.")
@click.option("--full", is_flag=True, help="Re-extract every article, ignoring OUT/.cache.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--verbose", "-v", is_flag=True, help="Also print what was reused and the time of each step."
)
@click.option(
    "--executor",
    type=click.Choice(["processes", "dask"]),
    default="processes",
    show_default=True,
    help="Where extraction runs: local worker processes, or a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="URL",
    help="The Dask scheduler (tcp://host:8786); default with --executor dask: a local cluster.",
)
@click.option(
    "--store",
    "store_url",
    metavar="URL",
    help="Also send the graph to this SPARQL 1.1 Graph Store endpoint (http://host:port/store).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read symbolic links that lead out of CORPUS (refused, unopened, by default).",
)
def build(
    corpus: Path,
    out: Path,
    formats: tuple[str, ...],
    no_validate: bool,
    no_html: bool,
    max_bytes: int,
    jobs: int | None,
    no_cache: bool,
    full: bool,
    quiet: bool,
    verbose: bool,
    executor: str,
    scheduler: str | None,
    store_url: str | None,
    follow_links: bool,
) -> None:
    """Build the knowledge graph of the articles in CORPUS (default: corpus/).

    Writes OUT/graph.ttl, graph.trig, graph.jsonld, graph.nt, the query store
    OUT/store and the network view OUT/graph.html. Files that cannot be read
    (empty, binary, undecodable, too large, no permission) are reported with the
    reason and skipped; the build goes on.

    Articles are extracted in parallel (--jobs). What each gave is kept in
    OUT/.cache, so the next build re-extracts only the files that changed, were
    added or were removed, and writes the same files a full build would. A
    progress bar shows on a terminal.

    --executor dask runs the same extraction on a Dask cluster (--scheduler, or a
    local one of --jobs workers). --store URL then sends one named graph per
    article to a Graph Store endpoint, only those that changed; a graph the
    server refused is reported and sent again by the next build.

    \b
    Exit status: 0 all files read; 1 the build failed (nothing was replaced);
    3 the graph was built but some files were skipped or not sent to --store.

    \b
    Example:
      kg build corpus --out exports
      kg build archive/ --out big --jobs 4 --verbose
    """
    import importlib.util
    import time

    from kg.build import FORMATS, build_graph

    # One tqdm bar per step (articles/s and ETA), on stderr, and only on a terminal.
    bars: dict[str, object] = {}

    def progress(step: str, done: int, total: int) -> None:
        from tqdm import tqdm

        bar = bars.get(step)
        if not isinstance(bar, tqdm):
            for other in bars.values():
                other.close()  # type: ignore[attr-defined]
            bar = bars[step] = tqdm(
                total=total, desc=f"{step:<8}", unit=" articles", file=sys.stderr,
                dynamic_ncols=True, mininterval=0.5, leave=False,
            )  # fmt: skip
        bar.update(done - bar.n)

    show = not quiet and sys.stderr.isatty() and importlib.util.find_spec("tqdm") is not None
    started = time.perf_counter()
    from kg.errors import UsageError

    if scheduler is not None and executor != "dask":
        raise UsageError("--scheduler goes with --executor dask")
    if store_url is not None and formats and "trig" not in formats:
        raise UsageError("--store sends graph.trig: add --format trig")
    ex = None
    if executor == "dask":
        from kg.distributed import DaskExecutor

        ex = DaskExecutor(scheduler, jobs)
    try:
        result = build_graph(
            corpus,
            out,
            formats=formats or FORMATS,
            validate=not no_validate,
            html=not no_html,
            max_bytes=max_bytes,
            jobs=jobs,
            cache=not no_cache,
            full=full,
            progress=progress if show else None,
            executor=ex,
            follow_links=follow_links,
        )
    finally:
        for bar in bars.values():
            bar.close()  # type: ignore[attr-defined]
        if ex is not None:
            ex.close()
    failed_push = False
    if store_url is not None:
        from kg.remote import manifest_path, push

        pushed = push(out / "graph.trig", store_url, manifest_path(out, store_url))
        for graph, reason in pushed.failed:
            click.echo(f"kg: not sent to {store_url}: {graph}: {reason}", err=True)
        failed_push = bool(pushed.failed)
    for skip in result.skipped:
        click.echo(f"kg: skipped {skip.file_name}: {skip.reason}", err=True)
    for file_name, note in result.read_notes:
        click.echo(f"kg: note {file_name}: {note}", err=True)
    for c in result.stale:
        where = f"{corpus if corpus.is_dir() else corpus.parent}/corrections.yaml:{c.line}"
        click.echo(f"kg: correction matches nothing: {where}: {c.text}", err=True)
    if result.left_out:
        from kg.validate import format_violation

        for v in result.left_out:
            click.echo(f"kg: left out: {format_violation(v)}", err=True)
    if not quiet:
        click.echo(result.summary())
        for name, path in result.outputs.items():
            click.echo(f"  {name:<8} {path}")
        for note in result.notes:
            click.echo(f"  note: {note}")
        if store_url is not None:
            click.echo(f"  remote  {store_url}: {pushed.summary()}")
    if verbose and not quiet:
        seconds = time.perf_counter() - started
        click.echo(
            f"  {result.read + len(result.skipped)} files in {seconds:.1f} s "
            f"({(result.read + len(result.skipped)) / max(seconds, 1e-9):.0f} articles/s); "
            f"extracted {result.extracted}, reused {result.read - result.extracted} from the "
            f"cache; rendered {result.rendered}; SHACL-checked {result.validated}"
        )
        click.echo("  steps: " + ", ".join(f"{k} {v:.1f} s" for k, v in result.timings.items()))
    if result.skipped or result.left_out or result.stale or failed_push:
        raise click.exceptions.Exit(3)


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=Path), default="tests/gold")
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    help="The graph to score (default: a build of GOLD_DIR/articles when the set has its "
    "articles beside it, else exports/graph.ttl).",
)
@click.option("--corpus", type=click.Path(path_type=Path), help="Build these articles and score.")
@click.option(
    "--with-corrections",
    is_flag=True,
    help="Score the graph with the corpus's corrections.yaml applied (default: the "
    "extractors' own, so corrections never flatter the scores).",
)
@click.option(
    "--against",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Score a second annotator's gold for some of the same articles (a folder of "
    "JSON files) instead of a graph: how far two annotators agree.",
)
@click.option("--show", is_flag=True, help="List every miss and false positive.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(
    gold_dir: Path,
    graph_file: Path | None,
    corpus: Path | None,
    with_corrections: bool,
    against: Path | None,
    show: bool,
    as_json: bool,
) -> None:
    """Score a graph against gold annotations (micro P, R, F1 per measure, and the
    accuracy of report kinds and of quote attribution).

    \b
    Examples:
      kg eval tests/gold --graph exports/graph.ttl --show
      kg eval tests/gold/dev           # builds tests/gold/dev/articles, then scores
      kg eval tests/gold/heldout --against tests/gold/agreement   # two annotators
    """
    import json

    from kg.errors import UsageError
    from kg.evaluate import (
        accuracies,
        articles_of,
        build_and_read,
        load_gold,
        report,
        rows_from_gold,
        rows_from_graph,
        score,
    )

    if sum(x is not None for x in (graph_file, corpus, against)) > 1:
        raise UsageError("give one of --graph, --corpus and --against")
    gold = load_gold(gold_dir)
    if against is not None:
        second = load_gold(against)
        both = {g["article"] for g in second} & {g["article"] for g in gold}
        if not both:
            raise UsageError(f"--against {against}: annotates none of the articles of {gold_dir}")
        gold = [g for g in gold if g["article"] in both]
        rows = rows_from_gold([g for g in second if g["article"] in both])
        if not as_json:
            click.echo(f"{len(both)} articles annotated twice")
    elif (corpus := corpus or (None if graph_file else articles_of(gold_dir))) is not None:
        rows = build_and_read(corpus, with_corrections)
    else:
        rows = rows_from_graph(graph_file or Path(DEFAULT_OUT) / "graph.ttl")
    mutual = against is not None
    scores, accs = score(gold, rows, mutual), accuracies(gold, rows, mutual)
    if as_json:
        data: dict[str, dict[str, float | int]] = {
            k: {
                "precision": round(s.precision, 4),
                "recall": round(s.recall, 4),
                "f1": round(s.f1, 4),
                "tp": s.tp,
                "fp": s.fp,
                "fn": s.fn,
            }
            for k, s in scores.items()
        }
        for k, a in accs.items():
            data[k] = {"accuracy": round(a.value, 4), "right": a.right, "total": a.total}
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(report(scores, show=show, accuracy=accs))


@cli.command()
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    default=f"{DEFAULT_OUT}/graph.trig",
    show_default=True,
    help="The graph to draw.",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=f"{DEFAULT_OUT}/graph.html",
    show_default=True,
    help="The HTML file to write.",
)
@click.option("--focus", help="Draw only this entity's neighbourhood (a name or IRI).")
@click.option(
    "--hops",
    type=click.IntRange(min=1, max=10),
    default=2,
    show_default=True,
    help="How far from --focus to draw.",
)
@click.option(
    "--query",
    "query_file",
    type=click.Path(path_type=Path),
    help="Draw the result of this CONSTRUCT query (.rq file).",
)
@click.option("--no-articles", is_flag=True, help="Leave article nodes out.")
@click.option("--no-quotes", is_flag=True, help="Leave quotation nodes out.")
@click.option("--endpoint", metavar="URL", help="Read the graph from a SPARQL 1.1 endpoint.")
def viz(
    graph_file: Path,
    out: Path,
    focus: str | None,
    hops: int,
    query_file: Path | None,
    no_articles: bool,
    no_quotes: bool,
    endpoint: str | None,
) -> None:
    """Write the interactive network of a graph as one offline HTML file.

    Labels are 12 px at the first view and never overlap; a graph too big to
    read whole opens on the --focus (or its most linked node), Fit shows all.

    \b
    Example:
      kg viz --focus "Lancashire Constabulary" --hops 2 --out lancs.html
    """
    from kg.viz import draw

    path = draw(
        out,
        graph_file=graph_file,
        endpoint=endpoint,
        query=query_file,
        show_articles=not no_articles,
        show_quotes=not no_quotes,
        focus=focus,
        hops=hops,
    )
    click.echo(f"wrote {path}")


@cli.command()
@click.argument("graph_file", type=click.Path(path_type=Path), default=f"{DEFAULT_OUT}/graph.trig")
def validate(graph_file: Path) -> None:
    """Check a graph against ontology/shapes.ttl; list violations with their article.

    \b
    Example:
      kg validate exports/graph.trig
    """
    from kg.export import load_graph
    from kg.validate import format_violation, validate_graph

    violations = validate_graph(load_graph(graph_file))
    for v in violations:
        click.echo(format_violation(v))
    if violations:
        click.echo(f"kg: {len(violations)} violations in {graph_file}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{graph_file}: conforms to the shapes")


def _graph_source(graph_file: Path | None, store_dir: Path | None) -> Path:
    from kg.errors import UsageError
    from kg.query import default_graph_source

    if graph_file is not None and store_dir is not None:
        raise UsageError("give --graph or --store, not both")
    return graph_file or store_dir or default_graph_source(DEFAULT_OUT)


@cli.command()
@click.argument("query", required=False)
@click.option("-e", "--expr", "inline", metavar="SPARQL", help="The query itself, inline.")
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    help="Any RDF file (.ttl .trig .nt .nq .jsonld .rdf). "
    "Default: exports/store, else exports/graph.ttl.",
)
@click.option(
    "--store", "store_dir", type=click.Path(path_type=Path), help="A store built by kg build."
)
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter (repeatable). VALUE is a string; <...> makes it an IRI.",
)
@click.option(
    "--format",
    "-f",
    "fmt",
    type=click.Choice(
        # kg.query.FORMAT_NAMES, spelt out so that `kg --help` imports no engine
        [
            "table",
            "csv",
            "tsv",
            "json",
            "sparql-json",
            "sparql-xml",
            "sparql-tsv",
            "turtle",
            "ntriples",
            "nquads",
            "trig",
            "jsonld",
            "rdfxml",
            "ttl",
            "nt",
            "nq",
            "json-ld",
            "rdf",
            "xml",
            "n-triples",
            "n-quads",
            "rdf/xml",
        ],
        case_sensitive=False,
    ),
    help="Output format. Default: table on a terminal, else csv; turtle for CONSTRUCT. "
    "Aliases: ttl, nt, n-triples, nq, n-quads, json-ld, rdf, xml, rdf/xml.",
)
@click.option(
    "--timeout",
    default=300.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Longest the query may run; past it kg stops it (exit 3).",
)
@click.option(
    "--max-memory",
    default=1024,
    show_default=True,
    type=click.IntRange(min=64),
    metavar="MiB",
    help="Most memory the query may use; past it kg stops it (exit 3).",
)
@click.option("--list", "list_", is_flag=True, help="List the named queries and exit.")
@click.option(
    "--endpoint",
    metavar="URL",
    help="Ask a SPARQL 1.1 Protocol endpoint instead (http://host:port/query).",
)
def query(
    query: str | None,
    inline: str | None,
    graph_file: Path | None,
    store_dir: Path | None,
    params: tuple[str, ...],
    fmt: str | None,
    timeout: float,
    max_memory: int,
    list_: bool,
    endpoint: str | None,
) -> None:
    """Ask the graph: a named query, a .rq file, -e SPARQL, or SPARQL on stdin (or -).

    \b
    Exit status: 0 answered; 1 no graph; 2 a malformed or refused query or a
    bad option; 3 stopped (--timeout or --max-memory); 130 Ctrl-C; 143 SIGTERM.

    \b
    Examples:
      kg query --list
      kg query people-roles --format json
      kg query force-timeline --param force="Lancashire Constabulary"
      kg query -e 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --graph exports/graph.ttl
      kg query - < question.rq
    """
    import codecs
    import re

    from kg.errors import QueryError, UsageError
    from kg.query import format_name, list_queries, load_query, param_term

    if list_:
        named = list_queries()
        width = max(len(q.name) for q in named)
        for q in named:
            extra = " ".join(
                f"--param {p.name}=..." if p.required else f"[--param {p.name}=...]"
                for p in q.params
            )
            first = re.split(r"(?<=[?.])\s", q.question, maxsplit=1)[0]
            click.echo(f"{q.name:<{width}}  {first}" + (f"  ({extra})" if extra else ""))
        return
    if query and inline:
        raise UsageError("give a query name or file, or -e SPARQL, not both")
    stdin = sys.stdin
    if inline is not None:
        text: object = inline
    elif query and query != "-":
        text = load_query(query)
    elif query == "-" or not stdin.isatty():
        raw = sys.stdin.buffer.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise QueryError(f"stdin: the query is not UTF-8 text (byte {e.start})") from None
    else:
        raise UsageError("no query: give a name (kg query --list), a .rq file, -e SPARQL or stdin")
    values = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {item!r}: write NAME=VALUE")
        param_term(value)  # a bad IRI is reported here, before any work
        values[name.strip()] = value
    fmt = format_name(fmt) if fmt else None
    tty = sys.stdout.isatty()
    if endpoint is not None:
        if graph_file is not None or store_dir is not None:
            raise UsageError("give --endpoint or --graph/--store, not both")
        from kg.query import run_remote

        bound = {k: param_term(v) for k, v in values.items()}
        result = run_remote(endpoint, text, bound, timeout=timeout)  # type: ignore[arg-type]
        default = "turtle" if result.kind == "graph" else ("table" if tty else "csv")
        click.echo(result.render(fmt or default), nl=False)
        return
    from kg.serve import run_isolated

    source = _graph_source(graph_file, store_dir)
    chunks = run_isolated(
        source, text, values, fmt=fmt, tty=tty, timeout=timeout, max_memory=max_memory << 20
    )
    out = getattr(sys.stdout, "buffer", None)
    decoder = codecs.getincrementaldecoder("utf-8")()
    for chunk in chunks:
        if out is not None:
            sys.stdout.flush()
            out.write(chunk)
        else:
            sys.stdout.write(decoder.decode(chunk))
    sys.stdout.flush()


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    help="Any RDF file to serve. Default: exports/store, else exports/graph.ttl.",
)
@click.option(
    "--store", "store_dir", type=click.Path(path_type=Path), help="A store built by kg build."
)
@click.option(
    "--timeout",
    default=30.0,
    show_default=True,
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Longest a query may run; past it the client gets 503.",
)
@click.option(
    "--max-rows",
    default=10_000,
    show_default=True,
    type=click.IntRange(min=1),
    help="Largest result (rows or triples); beyond it the client gets 422.",
)
@click.option(
    "--max-memory",
    default=1024,
    show_default=True,
    type=click.IntRange(min=64),
    metavar="MiB",
    help="Most memory one query may use; past it the client gets 503.",
)
@click.option(
    "--max-bytes",
    default=16,
    show_default=True,
    type=click.IntRange(min=1),
    metavar="MiB",
    help="Largest answer; beyond it the client gets 422.",
)
@click.option(
    "--workers",
    default=2,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Long-running queries at once (two more workers stay for short ones).",
)
@click.option(
    "--memory",
    is_flag=True,
    help="Each worker holds the graph in memory: faster queries, more RAM, slower start.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not log requests.")
def serve(
    host: str,
    port: int,
    graph_file: Path | None,
    store_dir: Path | None,
    timeout: float,
    max_rows: int,
    max_memory: int,
    max_bytes: int,
    workers: int,
    memory: bool,
    quiet: bool,
) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint, with a query page.

    GET or POST /sparql (JSON, XML, CSV, TSV results; Turtle, N-Triples,
    JSON-LD, RDF/XML, N-Quads, TriG for CONSTRUCT; without a query, a Service
    Description); / is a page with the ready-made questions and a SPARQL
    editor, offline; /graph.html the network view when exports/graph.html
    exists. Updates, SERVICE and FROM are refused; a query past --timeout or
    --max-memory gets 503. A rebuilt store is served without a restart. Stop
    with Ctrl-C.

    \b
    Example:
      kg serve --port 7878
      curl -H 'Accept: text/csv' http://127.0.0.1:7878/sparql --data-urlencode 'query=ASK {}'
    """
    from kg.serve import is_loopback
    from kg.serve import serve as serve_graph

    source = _graph_source(graph_file, store_dir)
    if not is_loopback(host):
        click.echo(f"kg: warning: listening on {host}: anyone who can reach it can query", err=True)

    def ready(url: str) -> None:
        click.echo(f"kg: serving {source} at {url} (SPARQL endpoint {url}sparql); Ctrl-C stops")
        sys.stdout.flush()

    serve_graph(
        source,
        host=host,
        port=port,
        timeout=timeout,
        max_rows=max_rows,
        html_file=Path(DEFAULT_OUT) / "graph.html",
        workers=workers,
        quiet=quiet,
        on_ready=ready,
        memory=memory,
        max_memory=max_memory << 20,
        max_bytes=max_bytes << 20,
    )


# --- kg correct: entries for CORPUS/corrections.yaml -------------------------------------


def _correction_options(f: Callable[..., None]) -> Callable[..., None]:
    """Where the entry goes, who makes it, when and why: every ``kg correct`` command."""
    options = (
        click.option(
            "--corpus",
            type=click.Path(path_type=Path),
            default=DEFAULT_CORPUS,
            show_default=True,
            help="The corpus; the entry goes into CORPUS/corrections.yaml.",
        ),
        click.option("--file", "file_", type=click.Path(path_type=Path), help="Another file."),
        click.option("--by", envvar="KG_BY", help="Who corrects (default: $KG_BY, or your login)."),
        click.option("--why", required=True, help="Why: what is wrong, and how you know."),
        click.option("--date", "date_", metavar="YYYY-MM-DD", help="When (default: today)."),
    )
    for option in reversed(options):
        f = option(f)
    return f


def _fact_options(f: Callable[..., None]) -> Callable[..., None]:
    """What a retract, assert or set names: as the view, a query or the article shows it."""
    text = {
        "--person": "A person's name (or IRI).",
        "--role": 'A role, with its qualifier if any ("acting Chief Constable").',
        "--org": "An organization's name, alias or IRI.",
        "--qualifier": "acting, interim, temporary, former.",
        "--article": "The article's file name (or IRI).",
        "--quote": "A quotation: its first words (all of it to assert one).",
        "--speaker": "Who said it: a person or an organization.",
        "--report": "A report's title as the view shows it, or its IRI.",
        "--iri": "A membership's or quotation's IRI, from the view or a query.",
        "--sentence": "The sentence the asserted fact comes from.",
        "--publisher": "The inspectorate that published an asserted report.",
        "--kind": "An asserted report's kind.",
        "--published": "An asserted report's date (YYYY, YYYY-MM or YYYY-MM-DD).",
        "--type": "The type of an organization the reference data lacks (Other, ...).",
    }
    f = click.option("--subject", multiple=True, help="A force a report is about (repeatable).")(f)
    for name, help_ in reversed(text.items()):
        f = click.option(name, help=help_)(f)
    return f


def _write_correction(
    action: str,
    what: str,
    fields: dict[str, object],
    corpus: Path,
    file_: Path | None,
    by: str | None,
    why: str,
    date_: str | None,
) -> None:
    import getpass

    from kg.corrections import FILE_NAME, add
    from kg.errors import UsageError

    if "org" in fields:
        fields["organization"] = fields.pop("org")
    if not by:
        try:
            by = getpass.getuser()
        except Exception as e:
            raise UsageError("give --by (who makes the correction)") from e
    path = file_ or corpus / FILE_NAME
    entry = add(path, action, what, fields, by=by, why=why, date=date_)  # type: ignore[arg-type]
    click.echo(f"{path}:{entry.correction.line}: {entry.correction.text}")


@cli.group()
def correct() -> None:
    """Record a correction in CORPUS/corrections.yaml: every build keeps it.

    Each command appends one entry, with who made it (--by), when and why
    (--why), after what the file holds (its comments and layout stay); the file
    is checked with the entry before it is replaced, so a bad entry changes
    nothing. Name things as the view or a query shows them: a person's name, a
    role, an organization, an article's file name, a quotation's first words, a
    report's title, or an IRI.

    \b
    Examples:
      kg correct retract membership --person "Stephen Watson" \\
          --role "Chief Constable" --org "Greater Manchester Police" \\
          --article south-yorks-peel-2023.txt --why "background, not this report"
      kg correct merge "Sunita Gamblin" "Sunita Gamblen" --why "one person, misspelt"
      kg correct set kind --report "Inspection report of Lincolnshire Police, 2016" \\
          effectiveness --why "the article calls it the effectiveness report"
    """


@correct.command(name="retract")
@click.argument(
    "what", type=click.Choice(["membership", "quotation", "speaker", "date", "subject", "type"])
)
@_fact_options
@_correction_options
def correct_retract(
    what: str, corpus: Path, file_: Path | None, by: str | None, why: str, date_: str | None,
    **fields: object,
) -> None:  # fmt: skip
    """Take out a fact the extractors made: a membership, a quotation or its speaker, a
    report's date or subject (--report, --org), an organization's type (--org).
    Without --article it goes wherever it matches.

    \b
    Example:
      kg correct retract quotation --quote "workload pressures" \\
          --article 001_cbe8bcaef8b6161a.txt --why "the article's words, not a quotation"
    """
    _write_correction("retract", what, fields, corpus, file_, by, why, date_)


@correct.command(name="assert")
@click.argument("what", type=click.Choice(["membership", "quotation", "report"]))
@_fact_options
@_correction_options
def correct_assert(
    what: str, corpus: Path, file_: Path | None, by: str | None, why: str, date_: str | None,
    **fields: object,
) -> None:  # fmt: skip
    """Add a fact the extractors missed, in an article (--article), with the sentence it
    comes from when you give it (--sentence).

    \b
    Example:
      kg correct assert quotation --quote "requires improvement" --speaker HMICFRS \\
          --article south-yorks-peel-2023.txt --why "HMI's words, quoted in the article"
    """
    _write_correction("assert", what, fields, corpus, file_, by, why, date_)


@correct.command(name="set")
@click.argument("what", type=click.Choice(["label", "kind", "date", "subject", "type", "speaker"]))
@click.argument("value", nargs=-1, required=True)
@_fact_options
@_correction_options
def correct_set(
    what: str, value: tuple[str, ...], corpus: Path, file_: Path | None, by: str | None,
    why: str, date_: str | None, **fields: object,
) -> None:  # fmt: skip
    """Set a person's label (--person), a report's kind, date or subjects (--report), an
    article's date (--article), an organization's type (--org) or a quotation's
    speaker (--quote, --article) to VALUE.

    \b
    Example:
      kg correct set date \\
          --report "Post-inspection review of Lancashire Constabulary, April 2019" 2019-04-11 \\
          --why "the date on the inspectorate's page"
    """
    fields["value"] = list(value) if what == "subject" else " ".join(value)
    _write_correction("set", what, fields, corpus, file_, by, why, date_)


@correct.command(name="merge")
@click.argument("names", nargs=-1, required=True)
@click.option("--report", "reports", is_flag=True, help="Merge reports (titles or IRIs).")
@_correction_options
def correct_merge(
    names: tuple[str, ...], reports: bool, corpus: Path, file_: Path | None, by: str | None,
    why: str, date_: str | None,
) -> None:  # fmt: skip
    """Make two or more people (or reports, --report) one: the first named is kept, the
    others' names become its aliases.

    \b
    Example:
      kg correct merge "Sunita Gamblin" "Sunita Gamblen" --why "one person, misspelt"
    """
    key = "reports" if reports else "people"
    what = "report" if reports else "person"
    _write_correction("merge", what, {key: list(names)}, corpus, file_, by, why, date_)


@correct.command(name="split")
@click.argument("person")
@click.option("--article", "articles", multiple=True, help="An article of the other person.")
@click.option("--mention", help='Only the mentions written so (a surname: "Jones").')
@click.option("--as", "as_", help="The other person's name in the graph.")
@_correction_options
def correct_split(
    person: str, articles: tuple[str, ...], mention: str | None, as_: str | None,
    corpus: Path, file_: Path | None, by: str | None, why: str, date_: str | None,
) -> None:  # fmt: skip
    """Keep apart a person the resolver merged: the mentions of PERSON in --article (or
    written as --mention) are another person.

    \b
    Example:
      kg correct split "Stephen Watson" --article south-yorks-peel-2023.txt \\
          --as "Stephen Watson (GMP)" --why "two men of one name"
    """
    fields: dict[str, object] = {
        "person": person, "articles": list(articles), "mention": mention, "as": as_
    }  # fmt: skip
    _write_correction("split", "person", fields, corpus, file_, by, why, date_)


def main(argv: list[str] | None = None) -> int:
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        rv = cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Exit as e:
        return int(e.exit_code or 0)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        return 130
    except click.ClickException as e:
        click.echo(f"kg: error: {e.format_message()}", err=True)
        return e.exit_code
    # in non-standalone mode click returns ctx.exit()'s code instead of raising
    return rv if isinstance(rv, int) else 0


if __name__ == "__main__":
    sys.exit(main())
