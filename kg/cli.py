"""The ``kg`` command: a thin layer over the library.

Each command parses its options, calls the library function of the same name
and prints. Library errors (``kg.errors.KgError``) become one line on stderr
and a non-zero exit status; nothing else reaches the user as a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError

DEFAULT_CORPUS = "corpus"
DEFAULT_OUT = "exports"


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            ctx.exit(e.exit_code)
        except (KeyboardInterrupt, BrokenPipeError):
            ctx.exit(130)
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
    type=click.Choice(["ttl", "trig", "jsonld", "nt"]),
    help="Export formats (repeatable; default all).",
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
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(
    corpus: Path,
    out: Path,
    formats: tuple[str, ...],
    no_validate: bool,
    no_html: bool,
    max_bytes: int,
    quiet: bool,
) -> None:
    """Build the knowledge graph of the articles in CORPUS (default: corpus/).

    Writes OUT/graph.ttl, graph.trig, graph.jsonld, graph.nt, the query store
    OUT/store and the network view OUT/graph.html. Files that cannot be read
    (empty, binary, undecodable, too large, no permission) are reported with the
    reason and skipped; the build goes on.

    \b
    Exit status: 0 all files read; 1 the build failed (nothing was replaced);
    3 the graph was built but some files were skipped.

    \b
    Example:
      kg build corpus --out exports
    """
    from kg.build import FORMATS, build_graph

    result = build_graph(
        corpus,
        out,
        formats=formats or FORMATS,
        validate=not no_validate,
        html=not no_html,
        max_bytes=max_bytes,
    )
    for skip in result.skipped:
        click.echo(f"kg: skipped {skip.file_name}: {skip.reason}", err=True)
    if not quiet:
        click.echo(result.summary())
        for name, path in result.outputs.items():
            click.echo(f"  {name:<7} {path}")
    if result.skipped:
        raise click.exceptions.Exit(3)


@cli.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=Path), default="tests/gold")
@click.option(
    "--graph",
    "graph_file",
    type=click.Path(path_type=Path),
    default=f"{DEFAULT_OUT}/graph.ttl",
    show_default=True,
    help="The graph to score.",
)
@click.option("--show", is_flag=True, help="List every miss and false positive.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
def eval_(gold_dir: Path, graph_file: Path, show: bool, as_json: bool) -> None:
    """Score a graph against gold annotations (micro P, R, F1 per measure).

    \b
    Example:
      kg eval tests/gold --graph exports/graph.ttl --show
    """
    import json

    from kg.evaluate import load_gold, report, rows_from_graph, score

    scores = score(load_gold(gold_dir), rows_from_graph(graph_file))
    if as_json:
        click.echo(
            json.dumps(
                {
                    k: {
                        "precision": round(s.precision, 4),
                        "recall": round(s.recall, 4),
                        "f1": round(s.f1, 4),
                        "tp": s.tp,
                        "fp": s.fp,
                        "fn": s.fn,
                    }
                    for k, s in scores.items()
                },
                indent=2,
            )
        )
    else:
        click.echo(report(scores, show=show))


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
def viz(
    graph_file: Path,
    out: Path,
    focus: str | None,
    hops: int,
    query_file: Path | None,
    no_articles: bool,
    no_quotes: bool,
) -> None:
    """Write the interactive network of a graph as one offline HTML file.

    \b
    Example:
      kg viz --focus "Lancashire Constabulary" --hops 2 --out lancs.html
    """
    from kg.build import load_graph
    from kg.errors import InputError
    from kg.viz import subgraph_from_construct, write_html

    graph = load_graph(graph_file)
    if query_file is not None:
        try:
            text = query_file.read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"{query_file}: {e.strerror or e}") from None
        graph = subgraph_from_construct(graph, text)  # type: ignore[assignment]
    path = write_html(
        graph, out, show_articles=not no_articles, show_quotes=not no_quotes, focus=focus, hops=hops
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
    from kg.build import load_graph
    from kg.validate import format_violation, validate_graph

    violations = validate_graph(load_graph(graph_file))
    for v in violations:
        click.echo(format_violation(v))
    if violations:
        click.echo(f"kg: {len(violations)} violations in {graph_file}", err=True)
        raise click.exceptions.Exit(1)
    click.echo(f"{graph_file}: conforms to the shapes")


def main(argv: list[str] | None = None) -> int:
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
