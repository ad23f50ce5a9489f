"""The ``kg`` command: a thin layer over the library.

Each command parses its options, calls the library function of the same name
and prints. Library errors (``kg.errors.KgError``) become one line on stderr
and a non-zero exit status; nothing else reaches the user as a traceback.
"""

from __future__ import annotations

import sys

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


def main(argv: list[str] | None = None) -> int:
    try:
        cli.main(args=argv, prog_name="kg", standalone_mode=False)
    except click.exceptions.Exit as e:
        return int(e.exit_code or 0)
    except click.exceptions.Abort:
        click.echo("kg: aborted", err=True)
        return 130
    except click.ClickException as e:
        click.echo(f"kg: error: {e.format_message()}", err=True)
        return e.exit_code
    return 0


if __name__ == "__main__":
    sys.exit(main())
