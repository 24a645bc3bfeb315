"""The command line: ``checker lint``. Exit 0 clean, 1 findings at --fail-on, 2 usage or input error."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from . import __version__
from .errors import InputError

FAIL_LEVELS = ("error", "warning", "info", "never")


class _FormatList(click.ParamType):
    name = "LIST"

    def convert(self, value, param, ctx):
        from .report import FORMATS

        names = [v.strip() for v in str(value).split(",") if v.strip()]
        unknown = [n for n in names if n not in FORMATS]
        if unknown or not names:
            self.fail(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(FORMATS)}", param, ctx)
        return list(dict.fromkeys(names))


def _fail(error: InputError) -> None:
    click.echo(f"checker: error: {error}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Translation-quality and consistency checker for technical Korean."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--source", metavar="FILE", help="The reference: the English original or an approved Korean rendering.")
@click.option("--out", default="reports", show_default=True, metavar="DIR", help="Where reports go.")
@click.option(
    "--format", "formats", default="json,csv,html", show_default=True, type=_FormatList(),
    help="Any of json,csv,html (json writes findings.json and alignment.json).",
)
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
              help="Exit 1 when a finding reaches this severity.")
@click.option("--model", metavar="NAME|PATH", help="A sentence-transformers model instead of the bundled encoder.")
@click.option("--glossary", "glossaries", multiple=True, metavar="FILE", help="Curated glossary CSV (repeatable).")
def lint(paths, source, out, formats, fail_on, model, glossaries) -> None:
    """Align Korean renderings of one digest and report where they disagree.

    PATH is a rendering file or a folder of them (*.md, *.txt, sorted by name).
    Without --source, renderings are judged against their own consensus.
    """
    from .embed import Encoder
    from .findings import reaches
    from .pipeline import run
    from .report import write_reports

    try:
        for glossary in glossaries:
            _readable(glossary)
        out_dir = Path(out)
        if out_dir.exists() and not out_dir.is_dir():
            raise InputError(out, "--out is a file, expected a folder")
        result = run(list(paths), source=source, encoder=Encoder(model))
        written = write_reports(formats, result.analysis, result.findings, out_dir)
    except InputError as error:
        _fail(error)
    except OSError as error:
        _fail(InputError(getattr(error, "filename", None) or out, error.strerror or str(error)))
    _print_summary(result, written)
    sys.exit(1 if any(reaches(f, fail_on) for f in result.findings) else 0)


def _readable(path: str) -> None:
    file = Path(path)
    if not file.is_file():
        raise InputError(path, "no such glossary file")
    try:
        file.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "glossary is not UTF-8 text") from None
    except OSError as exc:
        raise InputError(path, f"cannot read glossary: {exc.strerror}") from None


def _print_summary(result, written: list[Path]) -> None:
    analysis, findings = result.analysis, result.findings
    click.echo(
        f"checked {len(analysis.documents)} file(s), compared {len(analysis.compared)}, "
        f"{len(analysis.units)} aligned unit(s), {len(findings)} finding(s)"
    )
    by_check = Counter((f.check, f.severity.value) for f in findings)
    for (check, severity), n in sorted(by_check.items()):
        click.echo(f"  {check:<18} {severity:<8} {n}")
    by_file = Counter(f.file for f in findings)
    for doc in analysis.documents:
        status = analysis.excluded.get(doc.path, "compared")
        click.echo(f"  {doc.path}: {by_file.get(doc.path, 0)} finding(s) [{doc.document.encoding}; {status}]")
    for path in written:
        click.echo(f"wrote {path}")
