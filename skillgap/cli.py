"""The ``skillgap`` command line. Each command lives in ``skillgap/commands/<name>.py``."""

from __future__ import annotations

import gc
import sys

import typer

from skillgap.commands import register_all
from skillgap.errors import AnalyzerError

app = typer.Typer(
    name="skillgap",
    help="What the job market asks for, what your CV lacks, and what to learn first.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """What the job market asks for, what your CV lacks, and what to learn first."""


@app.command()
def version() -> None:
    """Print skillgap's version."""
    from skillgap import __version__

    typer.echo(__version__)


register_all(app)


def main() -> None:
    """Console-script entry point: expected errors become one clear line and exit code 1."""
    try:
        app()
    except AnalyzerError as exc:
        typer.secho(f"error: {exc}", fg=typer.colors.RED, err=True)
        sys.exit(1)
    except SystemExit as exc:
        if exc.code in (None, 0):
            _skip_last_collection()
        raise


def _skip_last_collection() -> None:
    """After a command that succeeded: the interpreter's last garbage collection walks every object still alive
    (Prefect's, spaCy's), about a second after a refresh, when the work and the atexit handlers are done. Objects
    frozen here are left to the operating system; files and the store are closed by then. After an error or
    Ctrl-C the collection runs: it closes what the error left open (a worker pool's generator, say)."""
    gc.freeze()


if __name__ == "__main__":
    main()
