"""The command line: ``checker lint``. Exit 0 clean, 1 findings at --fail-on, 2 usage or input error."""

from __future__ import annotations

import os
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_FORMATS, FAIL_LEVELS, Settings
from .errors import InputError
from .report import FORMATS

TERMINAL = ("text", "github")  # printed on standard output: one line per finding, or GitHub annotations


class _FormatList(click.ParamType):
    name = "LIST"

    def convert(self, value, param, ctx):
        names = [v.strip() for v in str(value).split(",") if v.strip()]
        known = (*TERMINAL, *FORMATS)
        unknown = [n for n in names if n not in known]
        if unknown or not names:
            self.fail(f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(known)}", param, ctx)
        return list(dict.fromkeys(names))


def _fail(error: InputError) -> None:
    click.echo(f"checker: error: {error}", err=True)
    sys.exit(2)


class _CheckIds(click.ParamType):
    name = "IDS"

    def convert(self, value, param, ctx):
        from .checks import CHECKS

        if isinstance(value, tuple):
            return value
        ids = tuple(dict.fromkeys(v.strip() for v in str(value).split(",") if v.strip()))
        unknown = [i for i in ids if i not in CHECKS]
        if unknown:
            self.fail(f"unknown check {', '.join(unknown)}; choose from {', '.join(CHECKS)}", param, ctx)
        return ids


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Translation-quality and consistency checker for technical Korean."""


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option("--source", metavar="FILE|DIR", help="The reference: the English original or an approved Korean rendering;"
              " a folder of them pairs with folders of renderings by relative path.")
@click.option("--out", default="reports", show_default=True, metavar="DIR", help="Where reports go.")
@click.option(
    "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True, type=_FormatList(),
    help="Comma-separated: " + "; ".join(f"{f.name} writes {f.writes}" for f in FORMATS.values())
    + "; github prints GitHub Actions annotations instead of one line per finding; text alone writes no file"
    " (the findings are printed in any case).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print the summary only, not one line per finding.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per check and severity.")
@click.option("--fail-on", type=click.Choice(FAIL_LEVELS), default="error", show_default=True,
              help="Exit 1 when a finding reaches this severity.")
@click.option("--select", type=_CheckIds(), default=(), metavar="IDS",
              help="Run only these checks (comma-separated ids, e.g. number-mismatch,omission).")
@click.option("--ignore", type=_CheckIds(), default=(), metavar="IDS", help="Leave these checks out (comma-separated ids).")
@click.option("--model", metavar="NAME|PATH", help="A sentence-transformers model instead of the bundled encoder.")
@click.option("--glossary", "glossaries", multiple=True, metavar="FILE", help="Curated glossary CSV (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not apply the bundled glossary (ai-ml.csv).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that share out the digest groups (default: the cores).")
@click.option("--cache-dir", metavar="DIR", help="Keep sentence vectors here across runs "
              "(default: $CHECKER_CACHE_DIR or ~/.cache/checker).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the vector cache.")
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback.")
def lint(paths, source, out, formats, quiet, statistics, fail_on, select, ignore, model, glossaries, no_default_glossary,
         jobs, cache_dir, no_cache, debug) -> None:
    """Align Korean renderings of one digest and report where they disagree.

    PATH is a rendering file or a folder of them (*.md, *.txt, sorted by name).
    Without --source, renderings are judged against their own consensus.
    """
    from .embed import Encoder
    from .filters import fails
    from .pipeline import Timings, run
    from .report import write_reports
    from .load import repeated
    from .report.files import check_writable

    timings = Timings()
    with _failures(timings, debug, out):
        settings = Settings(
            paths=paths, source=source, out=Path(out), formats=tuple(formats), fail_on=fail_on, model=model,
            select=select, ignore=ignore, debug=debug, jobs=jobs or _cores(), cache_dir=_cache_dir(cache_dir, no_cache),
            **_glossaries(glossaries, no_default_glossary),
        )
        if settings.out.exists() and not settings.out.is_dir():
            raise InputError(out, "--out is a file, expected a folder")
        if any(f not in TERMINAL for f in settings.formats):
            check_writable(settings.out)
        for path in repeated(settings.paths):
            click.echo(f"checker: note: {path} is given more than once; it is read once", err=True)
        result = run(settings, Encoder(model, settings.cache_dir), timings)
        with timings.stage("reports"):
            files = [f for f in settings.formats if f not in TERMINAL]
            written = write_reports(files, result.analysis, result.findings, settings.out) if files else []
    _print_findings(result, written, quiet=quiet, statistics=statistics, github="github" in settings.formats)
    sys.exit(1 if fails(result.findings, fail_on) else 0)


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _cache_dir(given: str | None, off: bool) -> Path | None:
    from .embed import default_cache_dir

    return None if off else Path(given) if given else default_cache_dir()


@contextmanager
def _failures(timings, debug: bool, target: str):
    """Every way a run can fail ends here: one line on stderr and exit 2 (130 on Ctrl-C).

    A user's mistake names the file; checker's own failure names the stage and the file it
    was reading (--debug prints the traceback too)."""
    from .pipeline import CheckFailed

    previous = signal.signal(signal.SIGTERM, _terminated) if threading.current_thread() is threading.main_thread() else None
    try:
        yield
    except InputError as error:
        _fail(error)
    except OSError as error:
        _fail(InputError(getattr(error, "filename", None) or target, error.strerror or str(error)))
    except KeyboardInterrupt:
        click.echo("checker: interrupted; the previous reports are left as they were", err=True)
        sys.exit(130)
    except _Terminated:
        click.echo("checker: terminated; the previous reports are left as they were", err=True)
        sys.exit(143)
    except CheckFailed as error:
        if debug:
            traceback.print_exception(error.error)
        click.echo(f"checker: internal error: {error}", err=True)
        sys.exit(2)
    except Exception as error:  # noqa: BLE001 - a bug in checker: one line, never a bare traceback
        if debug:
            traceback.print_exc()
        where = f" in {timings.current}" if timings.current else ""
        reading = f" while reading {timings.reading}" if timings.reading else ""
        click.echo(f"checker: internal error{where}{reading}: {type(error).__name__}: {error}", err=True)
        sys.exit(2)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _Terminated(BaseException):
    """SIGTERM, raised where the run is, so that it ends like Ctrl-C does."""


def _terminated(signum, frame):
    raise _Terminated


def _glossaries(given: tuple[str, ...], no_default: bool) -> dict:
    """The bundled glossary (unless turned off), then the given ones, read once now so a
    malformed file stops the run before any work, naming its line."""
    from .terminology import default_glossaries, load_glossaries

    paths = (() if no_default else default_glossaries()) + tuple(given)
    return {"glossary_paths": paths, "glossary": load_glossaries(paths)}


def _print_findings(result, written: list[Path], *, quiet: bool, statistics: bool, github: bool) -> None:
    from .report.github_report import annotation_lines
    from .report.text_report import finding_lines, statistics_lines, summary_lines

    analysis, findings = result.analysis, result.findings
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    if github:
        for line in annotation_lines(analysis, findings):
            click.echo(line)
    elif not quiet:
        for line in finding_lines(analysis, findings, colour=colour):
            click.echo(line)
    if statistics:
        for line in statistics_lines(findings):
            click.echo(line)
    for line in summary_lines(analysis, findings):
        click.echo(line)
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
@click.option("--no-default-glossary", is_flag=True, help="Do not apply the bundled glossary (ai-ml.csv).")
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
    from .pipeline import Timings, analyse
    from .terminology import learn_glossary, write_glossary

    timings = Timings()
    with _failures(timings, False, output):
        settings = Settings(paths=paths, model=model, **_glossaries(glossaries, no_default_glossary))
        if Path(output).is_dir():
            raise InputError(output, "-o is a folder, expected a file")
        analysis = analyse(settings, Encoder(model), timings)
        learned = learn_glossary(analysis, settings.glossary)
        write_glossary(learned.entries, output)
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
    from .decode import read_document
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
