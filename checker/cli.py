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
@click.option("--no-default-glossary", is_flag=True, help="Do not apply the bundled checker/data/glossaries/ai-ml.csv.")
def lint(paths, source, out, formats, fail_on, model, glossaries, no_default_glossary) -> None:
    """Align Korean renderings of one digest and report where they disagree.

    PATH is a rendering file or a folder of them (*.md, *.txt, sorted by name).
    Without --source, renderings are judged against their own consensus.
    """
    from .embed import Encoder
    from .findings import reaches
    from .pipeline import run
    from .report import write_reports

    try:
        glossaries = _glossaries(glossaries, no_default_glossary)
        out_dir = Path(out)
        if out_dir.exists() and not out_dir.is_dir():
            raise InputError(out, "--out is a file, expected a folder")
        result = run(list(paths), source=source, encoder=Encoder(model), glossaries=glossaries)
        written = write_reports(formats, result.analysis, result.findings, out_dir)
    except InputError as error:
        _fail(error)
    except OSError as error:
        _fail(InputError(getattr(error, "filename", None) or out, error.strerror or str(error)))
    _print_summary(result, written)
    sys.exit(1 if any(reaches(f, fail_on) for f in result.findings) else 0)


def _glossaries(given: tuple[str, ...], no_default: bool) -> tuple[str, ...]:
    """The bundled glossary (unless turned off), then the given ones; each is read now so a
    malformed file stops the run before any work, naming its line."""
    from .terminology import default_glossaries, load_glossary

    paths = (() if no_default else default_glossaries()) + tuple(given)
    for path in paths:
        load_glossary(path)
    return paths


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


@main.group()
def glossary() -> None:
    """Learn, review and curate glossaries (CSV: en,ko,status,count,files,note)."""


@glossary.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("-o", "--output", required=True, metavar="FILE", help="Where the learned glossary goes (CSV).")
@click.option("--glossary", "glossaries", multiple=True, metavar="FILE",
              help="Curated glossary whose preferred terms and statuses win (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not apply the bundled checker/data/glossaries/ai-ml.csv.")
@click.option("--model", metavar="NAME|PATH", help="A sentence-transformers model for the alignment.")
def learn(paths, output, glossaries, no_default_glossary, model) -> None:
    """Learn a glossary from Korean texts: their inline pairs and their aligned sentences.

    Every term written with its English, "치명적 망각(catastrophic forgetting)" or
    "fine-tuning(미세 조정)", and every noun phrase that takes a known term's place in
    the aligned sentence of another file, is counted per English term; the most used
    rendering is preferred unless a curated glossary says otherwise. Review the file,
    then pass it to lint with --glossary.
    """
    from .embed import Encoder
    from .pipeline import analyse
    from .terminology import learn_glossary, write_glossary

    try:
        glossaries = _glossaries(glossaries, no_default_glossary)
        if Path(output).is_dir():
            raise InputError(output, "-o is a folder, expected a file")
        analysis = analyse(list(paths), encoder=Encoder(model), glossaries=glossaries)
        learned = learn_glossary(analysis)
        write_glossary(learned.entries, output)
    except InputError as error:
        _fail(error)
    except OSError as error:
        _fail(InputError(getattr(error, "filename", None) or output, error.strerror or str(error)))
    terms = len({e.en for e in learned.entries})
    click.echo(f"learned {len(learned.entries)} rendering(s) of {terms} term(s) from {len(learned.read)} Korean file(s)")
    for path in learned.left_out:
        click.echo(f"  left out {path} ({analysis.excluded.get(path, 'not Korean')})")
    click.echo(f"wrote {output}")


@main.command()
@click.argument("file", metavar="FILE")
@click.option("-o", "--output", metavar="OUT", help="Write the repaired text here (default: standard output).")
@click.option("--in-place", is_flag=True, help="Replace FILE, keeping the original as FILE.orig.")
def repair(file, output, in_place) -> None:
    """Undo mojibake: UTF-8 Korean that was read as Windows-1252 or Latin-1 (even twice,
    even with lost bytes). Writes UTF-8; says on stderr what it found and where it guessed.

    Exit 0 when the text was repaired or needed nothing, 2 when it cannot be repaired.
    """
    from .load import read_document
    from .models import Role
    from .report.files import write_atomic

    try:
        if output and in_place:
            raise InputError(file, "give -o or --in-place, not both")
        if output and Path(output).resolve() == Path(file).resolve():
            raise InputError(output, "-o would overwrite the input; use --in-place to replace it (a backup is kept)")
        document = read_document(file, Role.RENDERING)
        decoded = document.decoded
        if decoded.still_broken:
            raise InputError(file, "mojibake that could not be repaired (not UTF-8 read as Windows-1252 or Latin-1)")
        _report_repair(document)
        data = decoded.text.encode("utf-8")
        if in_place:
            if decoded.repair is None and decoded.encoding == "utf-8":
                return  # nothing to change: leave the file and write no backup
            backup = Path(file + ".orig")
            write_atomic(backup, Path(file).read_bytes())
            write_atomic(Path(file), data)
            click.echo(f"checker repair: wrote {file} (original kept as {backup})", err=True)
        elif output:
            write_atomic(Path(output), data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    except InputError as error:
        _fail(error)
    except OSError as error:
        _fail(InputError(getattr(error, "filename", None) or file, error.strerror or str(error)))


def _report_repair(document) -> None:
    repair = document.decoded.repair
    if repair is None or not repair.spans:
        click.echo(f"checker repair: {document.path}: {document.encoding}, no mojibake: nothing to repair", err=True)
        return
    uncertain = [s for s in repair.spans if s.uncertain]
    click.echo(
        f"checker repair: {document.path}: UTF-8 read as {repair.wrong_codec}; {len(repair.spans)} spans repaired, "
        f"{repair.guessed} with lost bytes reconstructed, {len(uncertain)} uncertain",
        err=True,
    )
    for span in uncertain:
        line, column = document.locate(span.repaired_start)
        guess = document.text[span.repaired_start : span.repaired_end]
        click.echo(f"  {document.path}:{line}:{column}: uncertain: {guess!r}", err=True)
