"""The ``mpsdose`` command line: parse, call one library function, render, exit.

Exit codes (CONTRACT.md §2): 0 success; 1 error-level findings (``check``, or ``--strict``), or
``convert``'s answer that the input was understood but no dose can be given;
2 the input could not be understood; 3 an internal error (a bug in mpsdose: please report it);
130 interrupted (Ctrl-C). Errors are one line on stderr, never a traceback. Output a reader
stops early (``mpsdose … | head -1``) ends quietly with 0.

On a terminal that cannot show a character (latin-1, cp1252), output degrades to ASCII spellings
(≥ as >=, → as ->) instead of failing; ``--json`` then escapes it (``\u2265``), exactly. Colour
is used on a terminal only, and never when ``NO_COLOR`` is set (https://no-color.org).
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

import click

from mpsdose._version import __version__
from mpsdose.model.errors import MpsdoseError
from mpsdose.present.contract import DOCUMENTS

EXIT_FINDINGS = 1
EXIT_INPUT = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPTED = 130

#: ASCII spellings of the characters mpsdose prints, for a terminal that cannot show them.
_ASCII = {"≥": ">=", "≤": "<=", "→": "->", "←": "<-", "–": "-", "—": "--", "≈": "~", "×": "x",
          "µ": "u", "μ": "u", "…": "...", "’": "'", "‘": "'", "“": '"', "”": '"', "±": "+/-",
          "°": " deg", "·": ".", "\u2009": " ", "\u00a0": " "}


def _degrade(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: an ASCII spelling of a character the terminal cannot show."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(_ASCII.get(character, "?") for character in text), error.end


codecs.register_error("mpsdose-ascii", _degrade)


def _utf(stream: Any) -> bool:
    try:
        return codecs.lookup(getattr(stream, "encoding", None) or "ascii").name.startswith("utf")
    except LookupError:
        return False


def _configure_streams() -> None:
    """Let stdout and stderr degrade on a terminal that cannot show every character."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and not _utf(stream) and hasattr(stream, "reconfigure"):
            with contextlib.suppress(AttributeError, ValueError, OSError):  # odd streams
                stream.reconfigure(errors="mpsdose-ascii")


def _quiet_broken_pipe() -> NoReturn:
    """The reader of stdout has gone (``| head -1``): end quietly, with success."""
    with contextlib.suppress(OSError, ValueError, AttributeError):  # no real stdout
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)


def _freeze_start_up() -> None:
    """Take what start-up loaded (click, mpsdose's modules and classes: alive until the process
    ends) out of the garbage collector's way, once per process. Otherwise every older-generation
    collection walks all of it again while the command builds its own objects (the data rows,
    the records), and so does the interpreter's last collection at exit: measured at 7–15 ms of
    a command's 100 ms, more than any one module costs. ``gc.freeze`` is the standard library's
    way (objects made later are collected as usual)."""
    if not _START_UP_FROZEN:
        gc.freeze()
        _START_UP_FROZEN.append(True)


_START_UP_FROZEN: list[bool] = []


class _Group(click.Group):
    """A group whose commands turn every :class:`MpsdoseError`, and click's own usage errors
    (a bad option value, a missing option), into one stderr line, exit 2; and anything else
    into one stderr line too (exit 3: a bug), never a traceback. A command line with ``--json``
    also gets the error as one JSON object on stdout (``mpsdose schema error``)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _configure_streams()
        _freeze_start_up()
        try:
            return super().main(*args, **kwargs)
        finally:
            if not args and kwargs.get("args") is None:  # the program itself (no caller's args)
                # what this run made dies with the process: frozen, it is not walked by the
                # interpreter's last collection at exit (measured: up to 7 ms of `check`)
                gc.freeze()

    def make_context(self, info_name: str | None, args: list[str],
                     parent: click.Context | None = None, **extra: Any) -> click.Context:
        as_json = _wants_json(args)
        try:
            ctx = super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            _usage_fail(error, as_json)
        except (click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            _unexpected(error, as_json)
        ctx.meta[_JSON_ERRORS] = as_json
        return ctx

    def invoke(self, ctx: click.Context) -> Any:
        as_json = bool(ctx.meta.get(_JSON_ERRORS))
        try:
            return super().invoke(ctx)
        except MpsdoseError as error:
            _fail(str(error), error.exit_code, error if as_json else None)
        except click.UsageError as error:
            _usage_fail(error, as_json)
        except RecursionError as error:  # absurd input depth
            _fail("input too deeply nested", EXIT_INPUT, error if as_json else None)
        except (click.exceptions.Exit, click.Abort, click.ClickException):
            raise
        except BrokenPipeError:
            _quiet_broken_pipe()
        except KeyboardInterrupt:
            _fail("interrupted", EXIT_INTERRUPTED)
        except Exception as error:
            _unexpected(error, as_json)


def _unexpected(error: BaseException, as_json: bool = False) -> NoReturn:
    """Anything mpsdose did not raise on purpose: one line, exit 3 (never 1, which means
    error-level findings, nor a traceback)."""
    if isinstance(error, MemoryError):
        _fail("out of memory: the input is too large", EXIT_INTERNAL,
              error if as_json else None)
    text = str(error).strip().splitlines()
    detail = f": {text[0][:300]}" if text else ""
    _fail(f"internal error ({type(error).__name__}{detail}); this is a bug in mpsdose, please "
          "report it with the command that caused it", EXIT_INTERNAL, error if as_json else None)


_JSON_ERRORS = "mpsdose.json_errors"


def _wants_json(args: Sequence[str]) -> bool:
    """``--json`` among the options (before a ``--`` that ends them)."""
    options = list(args)
    if "--" in options:
        options = options[:options.index("--")]
    return "--json" in options


def _usage_fail(error: click.UsageError, as_json: bool = False) -> NoReturn:
    if isinstance(error, getattr(click.exceptions, "NoArgsIsHelpError", ())):  # click ≥ 8.2
        raise error  # bare `mpsdose`: click shows the help
    where = error.ctx.command_path if error.ctx is not None else "mpsdose"
    message = f"{error.format_message()} (see '{where} --help')"
    document = None
    if as_json:
        from mpsdose.present.contract import error_json

        document = error_json(error, EXIT_INPUT, message=message, usage=True,
                              param=_usage_param(error))
    _fail(message, EXIT_INPUT, document=document)


def _usage_param(error: click.UsageError) -> str | None:
    """The option or argument a usage error is about, where click says."""
    if isinstance(error, click.NoSuchOption):
        return error.option_name
    if isinstance(error, click.BadParameter):
        if error.param is not None:
            return error.param.opts[0] if error.param.opts else error.param.name
        return error.param_hint if isinstance(error.param_hint, str) else None
    return None


def _fail(message: str, code: int, error: BaseException | None = None, *,
          document: dict[str, Any] | None = None) -> NoReturn:
    """One line on stderr and the exit code; with ``--json`` (``error`` or ``document`` given),
    the error document on stdout too."""
    line = " ".join(str(message).split())  # one line, whatever the message held
    with contextlib.suppress(OSError, UnicodeError):  # stderr gone or unusable
        click.echo(f"mpsdose: error: {line}", err=True)
    if document is None and error is not None:
        from mpsdose.present.contract import error_json

        document = error_json(error, code, message=line)
    if document is not None:
        with contextlib.suppress(OSError, UnicodeError):
            _emit_json(document)
    sys.exit(code)


def _render(tables: Sequence[tuple[str, Sequence[str], list[list[str]]]], fmt: str) -> str:
    from mpsdose.present.grid import grid

    blocks = []
    for title, headers, rows in tables:
        if not rows:
            continue
        widths: list[int | None] | None = None
        if any(len(row[-1]) > 100 for row in rows):  # long explanations wrap, not overflow
            widths = [None] * (len(headers) - 1) + [100]
        # The default grid is drawn without tabulate (its import costs more than the command):
        # the same bytes; tabulate for the other formats and what the grid cannot draw.
        drawn = grid(headers, rows, wrap=None if widths is None else 100) \
            if fmt == "grid" else None
        if drawn is None:
            from tabulate import tabulate

            drawn = tabulate(rows, headers=list(headers), tablefmt=fmt, disable_numparse=True,
                             maxcolwidths=widths)
        blocks.append(f"{title}\n" + drawn)
    return "\n\n".join(blocks)


_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _findings_text(findings: Sequence[dict[str, Any]]) -> str:
    """Findings under the tables, most severe first; the severity coloured on a terminal only
    (click.echo strips the colour when stdout is not a terminal; JSON never has any)."""
    if not findings:
        return ""
    lines = ["Findings"]
    plain = bool(os.environ.get("NO_COLOR"))
    for finding in findings:
        level = f"{finding['severity'].upper():7}"
        if not plain:
            level = click.style(level, fg=_COLOURS.get(finding["severity"]), bold=True)
        lines.append(f"  {level} {finding['code']}: {finding['message']}")
    return "\n".join(lines)


def _emit_json(document: dict[str, Any]) -> None:
    """One JSON document on stdout: numbers without float noise, non-ASCII escaped where the
    terminal cannot show it (so the JSON stays exact)."""
    import json  # only with --json: not at every command's start-up

    from mpsdose.model.numbers import clean

    click.echo(json.dumps(clean(document), indent=2, ensure_ascii=not _utf(sys.stdout),
                          allow_nan=False))


def _show(document: dict[str, Any], tables: Sequence[tuple[str, Sequence[str], list[list[str]]]],
          as_json: bool, fmt: str, strict: bool = False, title: str = "") -> None:
    """The one way a command prints: its JSON document, or its tables and then its findings.

    With ``strict``, an error-level finding makes the exit code 1 (CONTRACT.md §2).
    """
    findings = document.get("findings", [])
    if as_json:
        _emit_json(document)
    else:
        if title:
            click.echo(title)
        click.echo(_render(tables, fmt))
        text = _findings_text(findings)
        if text:
            click.echo("\n" + text)
    if strict and any(f["severity"] == "error" for f in findings):
        sys.exit(EXIT_FINDINGS)


def _table_format(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A tabulate format name, checked when it is not the default (tabulate loads lazily)."""
    if value != "grid":
        from tabulate import tabulate_formats

        if value not in tabulate_formats:
            raise click.BadParameter(f"{value!r}; formats: {', '.join(sorted(tabulate_formats))}")
    return value


_FORMAT = click.option(
    "--format", "fmt", default="grid", show_default=True, metavar="NAME", callback=_table_format,
    help="Table format: any tabulate format (plain, simple, github, grid, html …).",
)
_JSON = click.option("--json", "as_json", is_flag=True, help="One JSON object on stdout.")
_MARKET = click.option("--market", default="us", show_default=True,
                       type=click.Choice(["us", "uk", "eu", "jp", "au", "nz"]),
                       help="Whose marketed strengths to round to, and whose label rules and "
                            "default tables to apply (jp: JSPM 2010, the Fentos table, the "
                            "Japanese labels; uk, eu: the label's 12 mcg/h first fentanyl patch "
                            "below the US table). A market without its own strengths or patch "
                            "table borrows the US ones and says so.")
_FILE = click.option("-f", "--file", "file", metavar="FILE",
                     help="A regimen or course file (.toml/.json, FHIR JSON); '-' reads stdin.")
_STATE = click.option("--state", metavar="LABEL",
                      help="The state of a course file (default: the last).")
_STRICT = click.option("--strict", is_flag=True,
                       help="Exit 1 when any finding is an error (as `mpsdose check` does).")


class KnowledgeDir(click.ParamType):  # type: ignore[type-arg]
    """``--knowledge DIR``: a folder of data files over the shipped ones, checked as it loads."""

    name = "dir"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> Any:
        from mpsdose.knowledge.bundle import Knowledge

        if not isinstance(value, str):
            return value
        try:
            return Knowledge.load(value)
        except MpsdoseError as error:
            self.fail(str(error), param, ctx)


_KNOWLEDGE = click.option(
    "--knowledge", "knowledge", type=KnowledgeDir(), metavar="DIR",
    help="A folder of data files (CSV, the shipped formats) used instead of the shipped files of "
         "the same name, e.g. your own dose_limits.csv.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="mpsdose")
def main() -> None:
    """Plan and check palliative analgesic regimens.

    mpsdose supports clinical judgement; it does not replace it.

    \b
    Examples:
      mpsdose total "oxycodone er 10 mg po q12h" "acetaminophen 1 g po qid"
      mpsdose total -f examples/takamatsu2018-case1.toml --state admission
      mpsdose drugs --class opioid
      mpsdose tables
      mpsdose schema total
    """


def _regimen(items: Sequence[str], file: str | None, state: str | None,
             allow_unlisted: bool, knowledge: Any) -> Any:
    from mpsdose.model.regimen import Regimen

    regimen = Regimen.parse(items, allow_unlisted=allow_unlisted, knowledge=knowledge)
    if file is not None:
        from mpsdose.io.files import load_regimen

        loaded = load_regimen(file, state=state, allow_unlisted=allow_unlisted,
                              knowledge=knowledge)
        regimen = Regimen(loaded.items + regimen.items, loaded.label, loaded.patient)
    elif state is not None:
        raise click.UsageError("--state needs -f FILE (a course file)")
    if not regimen.items and file is None:
        raise click.UsageError("give items (e.g. \"oxycodone 20 mg/day\") or -f FILE")
    return regimen


def _reading_findings(file: str | None, knowledge: Any) -> list[dict[str, Any]]:
    """What reading a FHIR document given with -f found (orders left out and why, doses not
    read), shown with the command's own findings. Other files (and stdin) have none."""
    if file is None or file == "-" or not file.lower().endswith(".json"):
        return []
    import json
    from pathlib import Path

    from mpsdose.io.fhir import FhirError, is_fhir_document, read_fhir

    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not is_fhir_document(data):
            return []
        return [finding.to_json() for finding in read_fhir(data, knowledge=knowledge).findings]
    except (OSError, ValueError, FhirError):
        return []  # the regimen loader has already said what is wrong with the file


def _table(table: str | None, table_file: str | None, knowledge: Any) -> Any:
    from mpsdose.knowledge.bundle import conversion_table, load_table_file

    if table_file is None:
        return conversion_table(table, knowledge=knowledge)
    loaded = load_table_file(table_file, knowledge=knowledge)
    if table is None:
        if len(loaded) > 1:
            raise click.UsageError(f"{table_file} holds tables {', '.join(loaded)}: pick one "
                                   "with --table")
        return next(iter(loaded.values()))
    if table not in loaded:
        from mpsdose.model.errors import UnknownTableError

        raise UnknownTableError(table, sorted(loaded))
    return loaded[table]


@main.command()
@click.argument("items", nargs=-1)
@_FILE
@_STATE
@click.option("--table", metavar="ID", help="Conversion table for OME (default cdc2022; see "
              "`mpsdose tables`).")
@click.option("--table-file", metavar="PATH", help="Your own conversion table (CSV, same format "
              "as data/opioid_equivalence.csv).")
@click.option("--thresholds", "threshold_context", metavar="CONTEXT",
              help="Report the OME against a guideline's thresholds: cdc2022, cdc2016, "
              "opioids-aware (none in palliative care).")
@click.option("--allow-unlisted", is_flag=True,
              help="Keep drugs the catalogue does not know (shown, not totalled).")
@_KNOWLEDGE
@_JSON
@_STRICT
@_FORMAT
def total(items: tuple[str, ...], file: str | None, state: str | None, table: str | None,
          table_file: str | None, threshold_context: str | None, allow_unlisted: bool,
          knowledge: Any, as_json: bool, strict: bool, fmt: str) -> None:
    """Daily total per item, drug and class, and the oral morphine equivalent (OME).

    PRN items are totalled apart, at their maximum (max N/day, or 24 h / interval). Every OME
    names its factor, table and source; an opioid the table has no factor for gets none (never 0).

    \b
    Examples:
      mpsdose total "oxycodone er 10 mg po q12h" "rescue oxycodone 5 mg po prn max 4/day"
      mpsdose total -f examples/takamatsu2018-case1.toml --state admission --json
      mpsdose total "tramadol 200 mg/day" --table cms2018
    """
    from mpsdose.clinical.summary import summarize
    from mpsdose.present.report import summary_json, summary_tables

    regimen = _regimen(items, file, state, allow_unlisted, knowledge)
    summary = summarize(regimen, _table(table, table_file, knowledge),
                        threshold_context=threshold_context, knowledge=knowledge)
    title = f"Regimen: {regimen.label}\n" if regimen.label else ""
    if not regimen.items and not as_json:
        click.echo(f"{title}No items (an empty regimen).")
        return
    document = summary_json(summary)
    document["findings"] = _reading_findings(file, knowledge) + document["findings"]
    _show(document, summary_tables(summary), as_json, fmt, strict, title)


def _reduction(text: str | None) -> Any:
    """``--reduction 25`` or ``--reduction 25-50`` (percent) → a fraction or a range."""
    if text is None:
        return None
    parts = text.replace("%", "").replace("–", "-").split("-")
    try:
        values = [float(part) / 100 for part in parts]
    except ValueError:
        raise click.BadParameter(f"{text!r}: a percent such as 25 or 25-50",
                                 param_hint="--reduction") from None
    if not all(0 <= value < 1 for value in values):  # answered in the unit the option takes
        raise click.BadParameter(f"{text}: a percentage from 0 to below 100",
                                 param_hint="--reduction")
    if len(values) == 1:
        return values[0]
    if len(values) == 2:
        return (values[0], values[1])
    raise click.BadParameter(f"{text!r}: a percent such as 25 or 25-50", param_hint="--reduction")


@main.command()
@click.argument("items", nargs=-1)
@click.option("--to", "to", metavar="'DRUG [FORM] ROUTE'", required=True,
              help="The opioid to rotate to, e.g. 'hydromorphone sc', 'oxycodone er po', "
              "'fentanyl patch'.")
@_FILE
@_STATE
@click.option("--reduction", metavar="PCT", help="Reduction for incomplete cross-tolerance in "
              "percent, e.g. 25 or 25-50 (default: the range in data/rotation_rules.csv; none "
              "for a route change of the same drug).")
@click.option("--table", metavar="ID", help="Rotation table (default spcg; see `mpsdose tables`).")
@_MARKET
@_KNOWLEDGE
@_JSON
@_STRICT
@_FORMAT
def convert(items: tuple[str, ...], to: str, file: str | None, state: str | None,
            reduction: str | None, table: str | None, market: str, knowledge: Any,
            as_json: bool, strict: bool, fmt: str) -> None:
    """Rotate the opioids given to one target opioid, every step shown.

    Totals the scheduled opioids to oral morphine equivalents with a rotation table, reduces for
    incomplete cross-tolerance, converts, rounds down to what can be given, and writes the
    schedule and the rescue dose. Ranges are carried through; the low end is the suggested start.
    Both ends are rounded by one product, never to 0: a low end below its smallest strength
    starts at that strength where it lies in the range. Where no strength or patch is small
    enough, the command says what to do and exits 1 (the input was understood); so too for a
    dose `mpsdose check` calls implausible (a unit slip is not converted). From step-2 opioids
    only (codeine, dihydrocodeine, tramadol) to a strong opioid: no reduction, and the published
    start for pain uncontrolled by weaker opioids, as check reads it. From a patch,
    a step says how slowly its drug falls after removal and when the sources start the new
    opioid (data/rotation_rules.csv).

    \b
    Examples:
      mpsdose convert "oxycodone 60 mg/day" --to "morphine po"
      mpsdose convert "morphine 90 mg/day" --to "fentanyl patch"
      mpsdose convert "fentanyl 100 mcg/h td" --to "hydromorphone sc" --reduction 33
      mpsdose convert -f examples/takamatsu2018-case1.toml --state titrated --to "morphine sc"
      mpsdose convert "オキシコンチンTR錠20mg 1回1錠 1日2回" --to "fentanyl patch" --market jp
    """
    from mpsdose.clinical.rotation import convert as rotate
    from mpsdose.present.report import rotation_json, rotation_tables

    regimen = _regimen(items, file, state, False, knowledge)
    rotation = rotate(regimen, to, table=table, reduction=_reduction(reduction), market=market,
                      knowledge=knowledge)
    _show(rotation_json(rotation), rotation_tables(rotation), as_json, fmt, strict)


@main.command()
@click.argument("items", nargs=-1)
@_FILE
@_STATE
@click.option("--method", metavar="ID", help="One method (default: all, side by side): "
              "ayonrinde, six-tier, fda-label, fudin, morley-makin, three-day; jp-label "
              "(the Japanese label's bands, with --market jp).")
@click.option("--table", metavar="ID", help="Rotation table for the OME (default spcg).")
@_MARKET
@_KNOWLEDGE
@_JSON
@_STRICT
@_FORMAT
def methadone(items: tuple[str, ...], file: str | None, state: str | None, method: str | None,
              table: str | None, market: str, knowledge: Any, as_json: bool, strict: bool,
              fmt: str) -> None:
    """Methadone starting dose by the published methods, side by side, with caps and warnings.

    The methods disagree by up to an order of magnitude; none is given as "the" answer. Where
    a method's source reduces the dose its ratio gives (Ayonrinde-type table 25-50%, MSD six
    tiers 75-90%: data/methadone_methods.csv), the start is the reduced dose, a range, per dose
    rounded down; "Computed" and the steps show ratio − reduction = start.

    \b
    Examples:
      mpsdose methadone "morphine 200 mg/day"
      mpsdose methadone "oxycodone er 60 mg po q12h" --method fudin --json
      mpsdose methadone "オキシコンチンTR錠40mg 1回1錠 1日2回" --market jp
    """
    from mpsdose.clinical.methadone import methadone_switch
    from mpsdose.present.report import methadone_json, methadone_tables

    regimen = _regimen(items, file, state, False, knowledge)
    switch = methadone_switch(regimen, method, table=table, market=market, knowledge=knowledge)
    _show(methadone_json(switch), methadone_tables(switch), as_json, fmt, strict)


def _patient(base: Any, age: float | None, weight: float | None, crcl: float | None,
             hepatic: str | None, tolerant: bool | None, conditions: tuple[str, ...],
             setting: str | None = None) -> Any:
    """The file's patient with the options given on the command line on top (checked by
    :class:`~mpsdose.model.regimen.Patient`: an implausible value, an unknown condition or
    setting is refused with what is accepted, exit 2)."""
    import attrs

    changes: dict[str, Any] = {}
    for name, value in (("age", age), ("weight_kg", weight), ("crcl_ml_min", crcl)):
        if value is not None:
            changes[name] = value
    if hepatic is not None:
        changes["hepatic"] = hepatic
    if tolerant is not None:
        changes["opioid_tolerant"] = tolerant
    if conditions:
        changes["conditions"] = (*base.conditions, *conditions)
    if setting is not None:
        changes["setting"] = setting
    return attrs.evolve(base, **changes)


def _positive(ctx: click.Context, param: click.Parameter, value: float | None) -> float | None:
    import math

    if value is not None and (not math.isfinite(value) or value <= 0):
        raise click.BadParameter(f"{value!r} must be a positive number")
    return value


@main.command()
@click.argument("items", nargs=-1)
@click.option("-f", "--file", "file", metavar="FILE", help="A regimen or course file; '-' = stdin."
              " A course file without --state is checked as a whole course.")
@click.option("--state", metavar="LABEL", help="One state of a course file.")
@click.option("--age", type=float, callback=_positive, metavar="Y",
              help="Age [years], 18–125 (mpsdose checks adults).")
@click.option("--weight", type=float, callback=_positive, metavar="KG",
              help="Weight [kg], 20–400.")
@click.option("--crcl", type=float, callback=_positive, metavar="ML_MIN",
              help="Creatinine clearance [mL/min], 1–300 (on dialysis: --condition dialysis).")
@click.option("--hepatic", type=click.Choice(["none", "mild", "moderate", "severe"]),
              help="Hepatic impairment (Child–Pugh A, B, C = mild, moderate, severe).")
@click.option("--opioid-tolerant/--opioid-naive", "tolerant", default=None,
              help="Opioid tolerance. Not given: doses are judged as for a tolerant patient and "
                   "the opioid-naive starts are reported as info. --opioid-naive with a "
                   "--previous regimen that schedules an opioid: not naive (the switch rules "
                   "judge), and not tolerant where its day is below 60 mg OME.")
@click.option("--condition", "conditions", multiple=True, metavar="NAME",
              help="A condition (repeatable): copd, asthma, sleep-apnoea, respiratory-disease, "
                   "dialysis, chronic-alcohol-use, malnutrition, dehydration, "
                   "heart-failure (NSAIDs and domperidone are then flagged; a drug its "
                   "label contraindicates in a recorded condition is an error), long-qt (a "
                   "prolonged QT interval: domperidone, citalopram, escitalopram flagged; "
                   "methadone asks for an ECG), "
                   "bowel-obstruction (known or suspected mechanical obstruction, complete or "
                   "with colic: metoclopramide, stimulant laxatives and peripherally acting "
                   "opioid antagonists flagged), partial-bowel-obstruction (without colic: the "
                   "laxatives and antagonists flagged, metoclopramide not), "
                   "opioid-use-disorder (sublingual buprenorphine above the analgesic dose is "
                   "then judged as its treatment, not against the OME thresholds for pain), "
                   "thrombocytopenia (a low platelet count: anticoagulants and ketorolac "
                   "flagged), "
                   "acute-upper-respiratory-inflammation (an indication), "
                   "parkinsons-disease (also parkinson, parkinson's disease: metoclopramide "
                   "and haloperidol flagged, their labels' contraindication).")
@click.option("--setting", metavar="NAME",
              help="Care setting: end-of-life, hospice, palliative, hospital, community, "
                   "long-term-care. In end-of-life and hospice care the rules their sources "
                   "exclude (Beers; opioid + midazolam) step down to info; in palliative, "
                   "hospice and end-of-life care a licence maximum that palliative guidance "
                   "exceeds (SC metoclopramide) steps down to info and the guidance's "
                   "maximum applies (setting_limits.csv); in the community a label's "
                   "outpatient maximum applies (trazodone, US).")
@click.option("--market", type=click.Choice(["us", "uk", "eu", "jp", "au", "nz"]),
              help="Keep one market's labels (limits, opioid starts, rescue share) and check its "
                   "label rules (jp: the Japanese package inserts). Not given: every market's "
                   "labels; a dose allowed by one and not another is a warning or info.")
@click.option("--previous", multiple=True, metavar="ITEM",
              help="An item of the regimen being switched from (repeatable): checks the switch.")
@click.option("--table", metavar="ID",
              help="Conversion table: the switch is judged in it (and under the most cautious "
                   "rotation table); default spcg for switches.")
@click.option("--thresholds", "threshold_context", metavar="CONTEXT",
              help="Report OME against cdc2022, cdc2016 or opioids-aware thresholds.")
@click.option("--allow-unlisted", is_flag=True,
              help="Keep an item of a medicine the catalogue does not cover (one that "
                   "other_drug_names.csv or drug_vocabulary.csv names: baclofen, "
                   "levetiracetam): nothing about it is checked, and a not-in-catalogue "
                   "warning names it; the rest of the regimen is checked without it. A name "
                   "that is no known medicine (a misspelling) is still refused.")
@_KNOWLEDGE
@_JSON
@_FORMAT
def check(items: tuple[str, ...], file: str | None, state: str | None, age: float | None,
          weight: float | None, crcl: float | None, hepatic: str | None, tolerant: bool | None,
          conditions: tuple[str, ...], setting: str | None, market: str | None,
          previous: tuple[str, ...], table: str | None, threshold_context: str | None,
          allow_unlisted: bool, knowledge: Any, as_json: bool, fmt: str) -> None:
    """Safety findings for a regimen and a patient; exit 1 when any is an error.

    \b
    Rule families (each finding names its source; `--json` shows it):
      limits       every applicable maximum (per dose, per day, per kg, duration, the days
                   of a loading dose, reached by one item or the day of several; by age,
                   weight, CrCl, hepatic function, dialysis (read as CrCl < 15 where no
                   CrCl is given), risk factors, long-term opioids (naloxone)): the
                   strictest crossed is named; the labelled maximum with no risk factor
                   is info; per kg with no weight: judged at the heaviest plausible
                   adult; a CrCl below every band of a drug = warning; with --market, a
                   drug, route or patient state its sources are silent on is judged by
                   another market's row (a warning); a release's own row (modified-
                   release paracetamol 665 mg, AU) judges its single doses; a dose whose
                   release is not written (read as IR) within it: warning, write it;
                   a maximum of 0 (<drug>-avoid): an error where the label contraindicates
                   the drug there, a warning where it says avoid or not recommended
      usual ranges every drug against its usual palliative day (at most 3 PRN doses counted)
      patches      a transdermal order changed more often than its patch's labelled wear
                   time (a brand by its label: Butrans 7 days; no brand: the shortest
                   wear of the drug's patches in the market) = warning
      MR orders    a modified-release oral opioid given more often than the shortest
                   labelled interval of its drug in the market (OxyContin 12 h; MS Contin
                   8 h, US) = warning; an MR opioid or an opioid patch ordered as needed
                   (the labels: not an as-needed analgesic) = warning
      two names    one drug, route, release and interval ordered in two scheduled items
                   under two brands, or a brand and its own name at the same dose = warning
                   (two strengths under one name, a rescue, a loading dose: not judged)
      tenfold      with --previous or a course: the scheduled opioid day at least ten
                   times the previous one under every table the switch reads = error
                   (the size of a tenfold dosing error, not a step)
      opioid doses every opioid and route, per dose and per day, in oral morphine
                   equivalents and by its own label: far above any plausible dose (unit
                   slip) = error; more than 1000 times that ceiling (beyond any single
                   unit slip) is no dose: refused, exit 2; above the usual range =
                   warning; opioid-naive above the labelled start = warning (a first
                   opioid: the same product already in --previous is judged as a
                   titration; --market us: at 65 and over or CrCl < 60, the low end of
                   its range), a start for
                   one release judging that release only (an IR start never an MR
                   tablet or a patch); with --market, an item its starts cannot judge
                   takes the other markets' (the finding says so), no start anywhere =
                   info; above a tolerant-only dose = error; transmucosal fentanyl needs
                   opioid tolerance and starts at its label's first dose (above it with no
                   such product in --previous, or no --previous: warning); methadone
                   alone is judged in its own mg (maintenance usual up to 100 mg/day),
                   not in OME, whose factor rises with its dose; a route no table has a
                   factor for is judged by its label's usual dose (with --market, the
                   other markets' where the market has none: a warning at most, naming
                   them) or a labelled maximum for that route or for every route
                   (tramadol 400 mg/day, injection included), else info; a single
                   intrathecal or epidural morphine dose by the injection labels' dose
                   (JP insert: intrathecal 0.1-0.5 mg, epidural 2-6 mg; Duramorph:
                   intrathecal 0.2-1 mg once); an as-needed IV dose every 20 minutes or
                   less is a PCA demand dose: within the published demand dose for an
                   opioid-naive adult (morphine 0.5-2 mg, hydromorphone 0.1-0.4 mg,
                   fentanyl 5-20 mcg) = info, its day not counted at every lockout
                   (max N/day still counts); above it, opioid-naive = warning
      switches     with --previous or a course: route change at the same mg (oral,
                   parenteral, epidural, intrathecal; PRN doses too; a fentanyl patch to
                   parenteral fentanyl is read by what the patch delivers: info within the
                   titration step), increase beyond the titration step (in the drug's own
                   mg where no table converts it, e.g. intrathecal morphine; a route change
                   of the same opioid that another rotation table reads as no rise = info
                   naming both readings, unless --table reads it beyond the step; info within a
                   product label's own increment: Belbuca, a buprenorphine patch, a
                   fentanyl patch 12 or 25 mcg/h up, Palexia SR / Nucynta ER 50 mg a
                   dose, ConZip (once-daily tramadol ER) 100 mg; with --market, a
                   market with no increment of its own for the product borrows the
                   others', info only within every one of them,
                   naming them; an as-needed dose raised past a label's titration
                   dose, e.g. Instanyl 50 to 200 mcg past 100 (eu), Effentora 100 to
                   400 mcg past 200 (uk, eu), Abstral 100 to 400 mcg past 200 (jp), E-fen
                   100 to 400 mcg past 200 (jp); an
                   item written with a brand reads only that product's doses = warning:
                   a step skipped), a change of rapid-onset fentanyl product (another
                   route, or another brand by the same route: Abstral to PecFent, Actiq
                   to Fentora) above the new route's label start = warning, a switch above
                   a label's start for
                   the old OME band (Belbuca, Butrans, with --market us), unreduced
                   switch (chosen table and the most cautious
                   rotation table; info naming both where another rotation table reads it
                   reduced by the default 25% and --table does not read it unreduced),
                   a switch from methadone, a switch to methadone by its
                   starting cap and the market's label, and above every published
                   switching method (warning); a step up from a step-2 opioid (codeine,
                   dihydrocodeine, tramadol) to a strong opioid's own start, or within a
                   label's or guideline's start for pain weaker opioids no longer control
                   (MST 15-20 mg 12-hourly after codeine 240 mg/day, Leeds), is info; a first fentanyl
                   patch below 60 mg OME/day (US label: error; info where the market's own
                   table gives it, --market uk: 12 mcg/h from 30 mg/day; --market jp: the
                   Fentos insert's table, 12.5 mcg/h from 16 mg/day); a switch to a patch
                   no stronger than the manufacturers' patch tables give for the old dose
                   (most cautious: Duragesic, Durogesic; a buprenorphine patch by the old
                   OME: Butrans, Butec, the market's own with --market us or uk; each
                   table only for its own patch's wear, 7 days) is info,
                   not unreduced; a switch no higher than the new product's own label
                   gives for the old dose in the --market chosen (jp: OxyContin TR 2/3
                   of oral morphine, the Tapenta table, Oxifast injection 1.25 times a
                   continuous IV morphine day; us: Opana ER 0.5 of oral oxycodone, half
                   at 65+ or hepatic/severe renal impairment) is info; --market eu: the
                   Durogesic table's 12 mcg/h from 30-44 mg OME/day; morphine and
                   diamorphine convert between each other at the table's ratio (flagged
                   only above it); a non-opioid raised beyond its label's titration step
                   in one change (titration_steps.csv: pregabalin at most doubling the
                   day from 150 mg/day, mirogabalin +5 mg a dose; judged per change, the
                   label's interval named) = warning; within a step or to the label's
                   start = silent
      rescue       PRN opioid doses as a share of the scheduled opioids, in equivalents;
                   a parenteral rescue of a patch's own drug in the drug's own amount (a
                   fentanyl patch delivers its rate: SC fentanyl against 24 h of it);
                   a large share no larger than an opioid-naive start is info (US start:
                   its low end at 65 and over or CrCl < 60); a share another market's
                   source allows is info where no market, or one with no source of its
                   own, is chosen; below the usual share but not below every source's
                   (Pallipedia: 5%) is info (too little relief, not too much opioid)
      interactions a direct oral anticoagulant with any other anticoagulant (its label's
                   contraindication: an error; a warning where the order could be the
                   label's exception, a switch from --previous or IV heparin keeping a
                   catheter open, saying so); NSAIDs with
                   anticoagulants, antiplatelets (two: whatever the PPI),
                   SSRIs, steroids, kidneys, age (non-COX-selective oral NSAIDs with no
                   PPI and ketorolac from 65: Beers; a coxib: info); opioids with
                   benzodiazepines, gabapentinoids, other CNS depressants, serotonergic and
                   QT drugs, CYP3A4 inhibitors; a drug contraindicated with strong
                   CYP3A4 inhibitors beside one (an error: domperidone; oral midazolam with
                   clarithromycin: by SC, IV or buccal route info, monitor and adjust);
                   a drug whose label reduces its dose with strong CYP3A4 inhibitors
                   beside one (quetiapine: one sixth); an MAO inhibitor (linezolid)
                   with a serotonergic drug; warfarin with CYP2C9 inhibitors
                   (fluconazole, fluvoxamine); clopidogrel with omeprazole or
                   esomeprazole (CYP2C19: its label says avoid); domperidone with a known-risk QT drug
                   (haloperidol, methadone, citalopram …: contraindicated, an error;
                   haloperidol or citalopram with one, duloxetine with fluvoxamine: an
                   error with --market eu or uk, whose labels state it, a warning naming
                   them with another market or none); IM
                   olanzapine with an injected benzodiazepine (not recommended by its
                   label); two gabapentinoids; two benzodiazepines, two SSRIs or two
                   antipsychotics given regularly (STOPP v3 A3; eTG for antipsychotics;
                   a cross-taper against --previous: info);
                   a gabapentinoid with another CNS
                   depressant and no opioid (info; a warning with a further respiratory
                   risk: FDA, MHRA); benzodiazepines,
                   Z-drugs and anticholinergic antidepressants from 65 (Beers); a
                   mixed agonist-antagonist opioid (pentazocine, butorphanol) with or
                   after a scheduled full agonist, or for a tolerant patient
                   (opioid-mixed-agonist-antagonist: withdrawal, lost analgesia); a
                   P2Y12 inhibitor (clopidogrel, prasugrel, ticagrelor) beside an
                   epidural or intrathecal item (neuraxial-antiplatelet: stop it days
                   before a block; aspirin or an NSAID alone is quiet); an anticoagulant
                   with an antiplatelet (STOPP; info for a label's own pair: rivaroxaban
                   2.5 mg twice daily with aspirin 75-100 mg, and for prophylactic LMWH:
                   enoxaparin up to 40 mg, dalteparin up to 5,000 units a day); a regular antimuscarinic
                   (hyoscine, glycopyrronium, cyclizine) with a regular prokinetic
                   (metoclopramide, domperidone: antimuscarinic-prokinetic); two or more
                   strong anticholinergics (Beers list: promethazine, hyoscine
                   hydrobromide, olanzapine …) from 65 (anticholinergic-combination-older);
                   a regular strong opioid and no regular laxative (strong-opioid-no-laxative,
                   NICE CG140: info, since a check may hold one order of a chart; a stat
                   or once dose is not regular)
      renal        renally cleared opioids below CrCl 30: avoid (codeine, pethidine …) =
                   warning; caution (oxycodone, hydromorphone, tramadol, morphine …) in
                   regular use = warning, info where given only as needed or where every
                   dose is within a renal source's start or renally adjusted maximum
      coverage     a drug whose dose no maximum or usual range judges by its route is
                   listed once (info): not checked is not the same as fine; with
                   --allow-unlisted, each item of a medicine the catalogue does not cover
                   (other_drug_names.csv, drug_vocabulary.csv) is kept out of every rule
                   and named (not-in-catalogue, warning): nothing about it was checked;
                   an empty regimen = warning (nothing-checked), exit 0; an empty
                   state of a course with items elsewhere = info (nothing-checked-state)
      ranges       a dose or count written as a range (2.5-5 mg, 1-2 tabs) is judged at
                   its top by every rule above, starts and titration included; the total
                   is the day at the top (dose-range, info)

    \b
    Settings: --setting end-of-life (or [patient] setting in a regimen file) steps down the
    rules whose sources exclude it to info (the Beers Criteria; opioid + midazolam). In
    palliative, hospice and end-of-life care a licence maximum that palliative guidance
    exceeds steps down to info and the guidance's own maximum applies (SC metoclopramide:
    30 mg/day by the licence, up to 100 mg/24 h by WMPCP; renal bands stay). A check
    that needs context you did not give says so, once (info), instead of guessing. One
    problem, one warning: where two rules say the same of one item, the more specific is
    raised and the other is info naming it (a unit slip is not also 'above usual').

    \b
    Examples:
      mpsdose check -f examples/takamatsu2018-case1.toml --age 58 --crcl 70
      mpsdose check "tramadol 400 mg/day" "sertraline 50 mg po daily" --age 80
      mpsdose check "hydromorphone 24 mg/day sc continuous" --previous "morphine 120 mg/day"
      mpsdose check "hydromorphone 10 mg sc q4h" --opioid-naive
      mpsdose check "morphine 30 mg/day sc continuous" --age 79 --setting end-of-life
      mpsdose check "オキシコンチンTR錠10mg 1回1錠 1日2回" "オキノーム散5mg 1回1包 疼痛時" --market jp
    """
    from mpsdose.clinical.safety import check as run_check
    from mpsdose.clinical.safety import check_course
    from mpsdose.model.regimen import Course, Regimen

    extra = Regimen.parse(items, allow_unlisted=allow_unlisted, knowledge=knowledge)
    before = (Regimen.parse(previous, allow_unlisted=allow_unlisted, knowledge=knowledge)
              if previous else None)
    course = None
    if file is not None:
        from mpsdose.io.files import load, regimen_of  # only with a file: it is not light

        loaded = load(file, allow_unlisted=allow_unlisted, knowledge=knowledge)
        if isinstance(loaded, Course) and state is None and not items and before is None:
            course = loaded
            regimen = regimen_of(loaded, None, path=file)
        elif isinstance(loaded, Course):
            regimen = regimen_of(loaded, state, path=file)
        else:
            if state is not None:
                raise click.UsageError("--state applies to a course file")
            regimen = loaded
        regimen = Regimen(regimen.items + extra.items, regimen.label, regimen.patient)
    else:
        if state is not None:
            raise click.UsageError("--state needs -f FILE (a course file)")
        if not items:
            raise click.UsageError('give items (e.g. "oxycodone 20 mg/day") or -f FILE')
        regimen = extra
    patient = _patient(regimen.patient, age, weight, crcl, hepatic, tolerant, conditions, setting)
    if course is not None:
        import attrs

        course = attrs.evolve(course, patient=patient)
        found = check_course(course, table=table, market=market,
                             allow_unlisted=allow_unlisted, knowledge=knowledge)
    else:
        found = run_check(regimen, patient, previous=before, table=table,
                          threshold_context=threshold_context, market=market,
                          allow_unlisted=allow_unlisted, knowledge=knowledge)
    errors = sum(f.severity.value == "error" for f in found)
    reading = _reading_findings(file, knowledge)
    counts = {level: sum(f.severity.value == level for f in found)
              + sum(f["severity"] == level for f in reading)
              for level in ("error", "warning", "info")}
    from mpsdose.present.contract import SCHEMA_VERSION
    from mpsdose.present.report import daily_mg

    document: dict[str, Any] = {
        "schema": SCHEMA_VERSION,
        "label": regimen.label,
        "items": [{"input": str(i), "drug": i.name, "route": i.route.value, "prn": i.prn,
                   "daily_dose_mg_per_day": daily_mg(i)} for i in regimen.items],
        "previous": None if before is None else [str(i) for i in before.items],
        "course": None if course is None else [s.label for s in course.states],
        "patient": {"age": patient.age, "weight_kg": patient.weight_kg,
                    "crcl_ml_min": patient.crcl_ml_min,
                    "hepatic": None if patient.hepatic is None else patient.hepatic.value,
                    "opioid_tolerant": patient.opioid_tolerant,
                    "conditions": list(patient.conditions), "setting": patient.setting},
        "market": market,
        "counts": counts,
        "findings": reading + [f.to_json() for f in found],
    }
    if as_json:
        _emit_json(document)
    else:
        title = f"Regimen: {regimen.label}\n" if regimen.label else ""
        click.echo(f"{title}{counts['error']} error(s), {counts['warning']} warning(s), "
                   f"{counts['info']} info")
        text = _findings_text(document["findings"])
        if text:
            click.echo("\n" + text)
    if errors:
        sys.exit(EXIT_FINDINGS)


@main.command()
@click.argument("file_a", metavar="FILE_A")
@click.argument("file_b", metavar="[FILE_B]", required=False)
@click.option("--table", metavar="ID", help="Conversion table for the OME (default cdc2022).")
@click.option("--plot", "plot_path", metavar="FILE.png",
              help="Draw OME and the main daily totals across a course's states (needs "
              "mpsdose[plot]).")
@_KNOWLEDGE
@_JSON
@_FORMAT
def compare(file_a: str, file_b: str | None, table: str | None, plot_path: str | None,
            knowledge: Any, as_json: bool, fmt: str) -> None:
    """Two regimens side by side, or a course file as a timeline of its states.

    Per drug: daily totals, change in percent, started or stopped; and the OME of each.

    \b
    Examples:
      mpsdose compare examples/takamatsu2018-case1.toml
      mpsdose compare examples/takamatsu2018-case1.toml --plot case1.png
      mpsdose compare before.toml after.toml --json
    """
    from mpsdose.clinical.compare import compare as compare_regimens
    from mpsdose.clinical.compare import timeline
    from mpsdose.io.files import load, regimen_of
    from mpsdose.model.regimen import Course
    from mpsdose.present.report import (
        comparison_json,
        comparison_tables,
        timeline_json,
        timeline_tables,
    )

    first = load(file_a, knowledge=knowledge)
    if file_b is None:
        if not isinstance(first, Course):
            raise click.UsageError("compare needs two regimen files, or one course file")
        line = timeline(first, table, knowledge=knowledge)
        if plot_path is not None:
            from mpsdose.present.plot import plot_timeline

            plot_timeline(line, plot_path)
        if as_json:
            _emit_json(timeline_json(line))
        else:
            click.echo(_render(timeline_tables(line), fmt))
            if plot_path is not None:
                click.echo(f"\nPlot written to {plot_path}")
        return
    if plot_path is not None:
        raise click.UsageError("--plot draws a course: give one course file")
    second = load(file_b, knowledge=knowledge)
    before = regimen_of(first, path=file_a) if isinstance(first, Course) else first
    after = regimen_of(second, path=file_b) if isinstance(second, Course) else second
    comparison = compare_regimens(before, after, table, knowledge=knowledge)
    if as_json:
        _emit_json(comparison_json(comparison))
        return
    click.echo(_render(comparison_tables(comparison, (before.label or file_a,
                                                      after.label or file_b)), fmt))


@main.command()
@click.argument("input_path", metavar="INPUT")
@click.option("-o", "--output", "output_path", required=True, metavar="OUTPUT",
              help="Output file, .csv or .parquet.")
@click.option("--table", metavar="ID", help="Conversion table (default cdc2022).")
@click.option("--per-patient", is_flag=True,
              help="One row per patient: NIH HEAL total MME, days and definitions 1–4, with and "
              "without buprenorphine.")
@click.option("--chunk-rows", type=click.IntRange(min=1000), default=500_000, show_default=True,
              help="Rows per chunk (row mode): bounds memory and drives the progress bar.")
@_KNOWLEDGE
@click.option("--json", "as_json", is_flag=True,
              help="A summary as one JSON object on stdout (counts by status, the output path, "
                   "the table); the rows stay in the output file.")
def batch(input_path: str, output_path: str, table: str | None, per_patient: bool,
          chunk_rows: int, knowledge: Any, as_json: bool) -> None:
    """MME for every row of a prescription table (CSV or Parquet), or per patient.

    Every input row is kept, in order, with daily_dose, daily_dose_unit, factor, mme_per_day,
    status and message; a summary of statuses goes to stderr (with --json, to stdout as one
    JSON object: mpsdose schema batch). Needs mpsdose[batch] (polars).

    \b
    Examples:
      mpsdose batch prescriptions.csv -o mme.parquet --table cdc2022
      mpsdose batch prescriptions.parquet -o patients.csv --per-patient --table nihheal
      mpsdose batch prescriptions.csv -o mme.csv --json
    """
    from mpsdose.io.batch import (
        BatchError,
        check_paths,
        per_patient_mme,
        read_table,
        run_in_chunks,
        status_counts,
        write_table,
    )
    from mpsdose.present.report import batch_json

    check_paths(input_path, output_path)
    try:
        source = read_table(input_path)
        if per_patient:
            write_table(per_patient_mme(source, table, knowledge=knowledge), output_path,
                        input_path=input_path)
            if as_json:
                _emit_json(batch_json(input_path, output_path, _batch_table(table, knowledge),
                                      status_counts(output_path), per_patient=True))
                return
            click.echo(f"per-patient MME written to {output_path}", err=True)
            return
        counts = run_in_chunks(source, output_path, table, chunk_rows, _progress,
                               knowledge=knowledge, input_path=input_path)
    except MpsdoseError:
        raise
    except Exception as error:  # polars, pyarrow and the OS: one line naming the files
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise BatchError(f"{input_path} → {output_path}: {type(error).__name__}: {first}") \
            from error
    if as_json:
        _emit_json(batch_json(input_path, output_path, _batch_table(table, knowledge), counts))
        return
    summary = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "none"
    click.echo(f"{sum(counts.values())} rows → {output_path}: {summary}", err=True)


def _batch_table(table: str | None, knowledge: Any) -> Any:
    """The conversion table a batch run used (the default where none was named)."""
    from mpsdose.knowledge.bundle import resolve

    return resolve(knowledge).conversion_table(table)


def _progress(total: int) -> Any:
    """A progress bar on a terminal only (elsewhere it would be a stray line on stderr)."""
    if total <= 0 or not sys.stderr.isatty():
        return None
    return click.progressbar(length=total, label="rows", file=sys.stderr, show_pos=True)


@main.command()
@click.option("--table-file", metavar="PATH", help="Also list the tables of this file.")
@click.option("--rows", "show_rows", metavar="ID", help="Show the rows of one table.")
@_KNOWLEDGE
@_JSON
@_FORMAT
def tables(table_file: str | None, show_rows: str | None, knowledge: Any, as_json: bool,
           fmt: str) -> None:
    """The conversion tables: id, purpose, version, content hash; --rows ID for one table's rows.

    \b
    Examples:
      mpsdose tables
      mpsdose tables --rows cdc2016
    """
    from mpsdose.knowledge.bundle import conversion_table, conversion_tables, load_table_file
    from mpsdose.present.report import SCHEMA_VERSION, table_json, tables_rows

    known = dict(conversion_tables(knowledge))
    if table_file is not None:
        known.update(load_table_file(table_file, knowledge=knowledge))
    if show_rows is not None:
        chosen = known.get(show_rows) or conversion_table(show_rows, knowledge=knowledge)
        rows = [[r.drug, r.route, r.form or "", r.unit.symbol, r.describe(), r.band, r.source]
                for r in chosen.factors]
        if as_json:
            _emit_json({"schema": SCHEMA_VERSION, "table": table_json(chosen), "rows": [
                {"drug": r.drug, "route": r.route, "form": r.form, "unit": r.unit.symbol,
                 "factor": r.factor, "factor_low": r.low, "factor_high": r.high,
                 "daily_dose_min": r.band_min, "daily_dose_max": r.band_max,
                 "source": r.source, "notes": r.notes} for r in chosen.factors]})
            return
        click.echo(_render([(f"Table {chosen.label}: {chosen.title}",
                             ["Drug", "Route", "Form", "Unit", "Factor", "Band", "Source"],
                             rows)], fmt))
        return
    if as_json:
        _emit_json({"schema": SCHEMA_VERSION, "tables": [table_json(t) for t in known.values()]})
        return
    click.echo(_render([tables_rows(list(known.values()))], fmt))


@main.command()
@click.option("--class", "drug_class", metavar="CLASS", help="Only this class (e.g. opioid).")
@_KNOWLEDGE
@_JSON
@_FORMAT
def drugs(drug_class: str | None, knowledge: Any, as_json: bool, fmt: str) -> None:
    """What the catalogue holds: drugs, classes, routes, other names and sources.

    \b
    Examples:
      mpsdose drugs --class opioid
      mpsdose drugs --json
    """
    from mpsdose.knowledge.bundle import resolve
    from mpsdose.model.vocabulary import DRUG_CLASSES
    from mpsdose.present.report import SCHEMA_VERSION, drugs_rows

    books = resolve(knowledge).catalogue
    if drug_class is not None and drug_class not in DRUG_CLASSES:
        raise click.BadParameter(f"{drug_class!r}; classes: {', '.join(DRUG_CLASSES)}",
                                 param_hint="--class")
    selected = books.by_class(drug_class)
    aliases = {drug.name: books.aliases(drug.name) for drug in selected}
    if as_json:
        codes = {drug: code for code, drug in resolve(knowledge).rxnorm.items()}
        _emit_json({"schema": SCHEMA_VERSION, "drugs": [
            {"drug": d.name, "drug_class": d.drug_class, "atc_code": d.atc_code or None,
             "rxcui": codes.get(d.name),
             "routes": sorted(r.value for r in d.routes), "forms": sorted(d.forms),
             "natural_unit": d.natural_unit.symbol, "names": aliases[d.name],
             "source": d.source}
            for d in selected]})
        return
    click.echo(_render([drugs_rows(selected, aliases)], fmt))


_SCHEMA_HELP = f"""The JSON Schema (draft 2020-12) of a command's --json output.

    COMMAND is one of {", ".join(DOCUMENTS)}; `error` is what a command run with --json prints
    on stdout when it fails. The schema is self-contained (shared definitions under $defs).

    \b
    Examples:
      mpsdose schema total
      mpsdose schema error
      mpsdose total --json "oxycodone 20 mg/day" > out.json   # valid against the first
    """


@main.command("schema", help=_SCHEMA_HELP)
@click.argument("command", metavar="COMMAND", type=click.Choice(DOCUMENTS))
def schema(command: str) -> None:
    """The JSON Schema of a command's ``--json`` output (:func:`mpsdose.json_schema`)."""
    from mpsdose.present.contract import json_schema

    _emit_json(json_schema(command))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (loopback by default; 0.0.0.0 listens on every "
              "interface).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on.")
@click.option("--jwks", metavar="FILE|URL",
              help="The CDS client's JWK Set: every /cds-services request must then carry a "
              "bearer JWT signed by one of its keys (CDS Hooks 'Trusting CDS Clients').")
@click.option("--allowed-issuer", "issuers", multiple=True, metavar="ISS",
              help="A JWT issuer (iss) to accept (repeatable; required with --jwks).")
@click.option("--public-url", metavar="URL",
              help="The base URL clients call, if not the address the server sees (behind a "
              "proxy): the JWT aud is checked against it.")
@click.option("--cors-origin", "cors", multiple=True, metavar="ORIGIN",
              help="A browser origin allowed to call the service (a browser-based CDS client "
              "such as a sandbox; repeatable).")
@click.option("--access-log", is_flag=True,
              help="Also log uvicorn's access lines, which hold query strings (patient data "
              "from the page): off by default.")
@_KNOWLEDGE
def serve(host: str, port: int, jwks: str | None, issuers: tuple[str, ...],
          public_url: str | None, cors: tuple[str, ...], access_log: bool,
          knowledge: Any) -> None:
    """A CDS Hooks service for EHRs and a web page for pharmacists.

    CDS Hooks 2.0 on /cds-services (order-select, order-sign, patient-view), the page on /
    (state in the URL: /?items=...&items=...&age=80&crcl=25), /healthz. Needs
    `pip install "mpsdose[serve]"`.

    \b
    Examples:
      mpsdose serve
      mpsdose serve --port 8080 --jwks ehr-jwks.json --allowed-issuer https://ehr.example.org
    """
    from mpsdose.serve import INSTALL_HINT, missing_requirements, start

    missing = missing_requirements()
    if missing:
        _fail(f"{INSTALL_HINT} (missing: {', '.join(missing)})", EXIT_INPUT)
    if jwks is not None and not issuers:
        raise click.UsageError("--jwks needs at least one --allowed-issuer")
    if issuers and jwks is None:
        raise click.UsageError("--allowed-issuer needs --jwks")
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"mpsdose: serving on {host}: reachable from other machines. Put TLS and "
                   "--jwks in front of it before patient data reaches it.", err=True)
    start(host=host, port=port, jwks=jwks, issuers=issuers, public_url=public_url,
          cors_origins=cors, access_log=access_log, knowledge=knowledge)


if __name__ == "__main__":  # python -m mpsdose.cli
    main()


#: Longest text `mpsdose read` takes (characters): a whole case report is far shorter.
MAX_READ_CHARS = 500_000


@main.command()
@click.argument("file", required=False, default="-", metavar="[FILE|-]")
@click.option("-o", "--output", "output", metavar="COURSE.toml",
              help="Also write the course as a course file (.toml or .json) every command reads.")
@click.option("--table", metavar="ID", help="Conversion table for each state's OME (default "
              "cdc2022); printed totals are compared under every table.")
@_KNOWLEDGE
@_JSON
@_FORMAT
def read(file: str, output: str | None, table: str | None, knowledge: Any, as_json: bool,
         fmt: str) -> None:
    """The course a case report's prose describes: states, items, totals, findings.

    Reads English text (a paragraph or a whole case presentation, UTF-8) from FILE or stdin.
    Every item shows the words it was read from; a dose the text does not give is "not known",
    never guessed; every assumption is a finding.

    \b
    Examples:
      mpsdose read case.txt
      pbpaste | mpsdose read - --json
      mpsdose read case.txt -o case.toml && mpsdose compare case.toml
    """
    from mpsdose.io.prose import read_course
    from mpsdose.model.errors import RegimenFileError
    from mpsdose.present.reading import reading_json, reading_tables

    name = "<stdin>" if file == "-" else file
    try:
        if file == "-":
            raw = sys.stdin.buffer.read(MAX_READ_CHARS * 4 + 1)
        else:
            with open(file, "rb") as handle:
                raw = handle.read(MAX_READ_CHARS * 4 + 1)
        text = raw.decode("utf-8-sig")
    except OSError as error:
        raise RegimenFileError(f"cannot read the file: {error.strerror or error}",
                               path=name) from None
    except UnicodeDecodeError:
        raise RegimenFileError("the text is not UTF-8", path=name) from None
    if len(text) > MAX_READ_CHARS:
        raise RegimenFileError(f"the text is longer than {MAX_READ_CHARS:,} characters",
                               path=name)
    if output is not None and not output.lower().endswith((".toml", ".json")):
        raise click.BadParameter("a course file ends in .toml or .json", param_hint="-o")
    reading = read_course(text, knowledge=knowledge, table=table)
    if output is not None:
        from mpsdose.io.files import save

        if not reading.states:
            raise RegimenFileError("the text names no regimen: no course file written",
                                   path=output)
        if reading.cases:  # one patient a course file: never one patient's states into another's
            raise RegimenFileError(
                "the text tells of several patients ("
                + ", ".join(c for c in reading.cases if c is not None)
                + "): no course file written; a course file holds one patient's course, so "
                "split the text, one case a file, and read each with -o", path=output)
        save(reading.course(label=None if file == "-" else f"read from {file}"), output)
    if as_json:
        _emit_json(reading_json(reading))
        return
    if not reading.states:
        click.echo("No regimen found: the text names no drug the catalogue knows.")
    else:
        click.echo(_render(reading_tables(reading), fmt))
    text_findings = _findings_text([f.to_json() for f in reading.findings])
    if text_findings:
        click.echo("\n" + text_findings)
    if output is not None:
        click.echo(f"\nCourse written to {output}")
