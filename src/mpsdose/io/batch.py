"""MME over prescription tables, at the speed of a columnar engine (polars), out of core, on Dask.

One row per prescription or order (CONTRACT.md §5): ``patient_id``, ``drug``, ``route``, ``dose``,
``unit``, ``doses_per_day`` (or ``frequency`` in the item language), ``days_supply``; optional
``form`` (for transmucosal fentanyl: film, spray …), ``therapy_days``,
``observation_window_days`` (per patient, the first row counts), and their ``_no_bup`` variants.
Every input row comes out, in order, with ``daily_dose``, ``daily_dose_unit``, ``factor``,
``mme_per_day``, ``status`` (``ok`` or a short code) and ``message``: no row is ever dropped.

How a row is read, as the NIH HEAL MME calculator reads it: ``single_day_mme = dose ×
doses_per_day × factor`` for a dose per administration (mg, g, mcg). An amount per day
(``mg/day``) is already a daily amount: it takes no ``doses_per_day`` (empty or 1), as the item
language refuses a frequency on it. For a rate per hour (a patch's ``mcg/h``, an infusion's
``mg/h``) ``doses_per_day`` counts the patches worn (or infusions run) at once, one where it is
empty; a ``frequency`` such as ``q72h`` is then the patch's change interval, not a multiplier.
Factors are looked up **once per distinct** (drug, route, unit, form) with the same code as
:func:`mpsdose.oral_morphine_equivalent`, then joined and multiplied as columns; a tiered factor
(methadone in ``cdc2016``) is chosen by the row's daily dose band.

Claims rows (``ndc`` or ``rxcui`` with ``quantity`` and ``days_supply``) are turned into dose
rows by :func:`mpsdose.io.claims.claims_inputs`, the one place this module calls for them: dose =
strength per unit × quantity ÷ days supply, one a day (the CDC formula), or a status.

Every input column the computation reads is typed in one place (:data:`INPUT_SCHEMA`): a number
column is read from any numeric type or from text, a text column from text or numbers. A cell
that cannot be read (``"7,5"``, ``NaN``, ``inf``, a date or a bool in the dose column) is that
row's status, never a refused file and never a number. A CSV file is read as text (every column a
string), so that the types of its cells cannot change the reading of the file after its first rows,
and the columns mpsdose does not read pass through exactly as written. An input column with the
name of an output column (``status``, ``message``, ``factor`` …) passes through renamed
``<name>_input``; names mpsdose uses inside never clash with the input's.

Files are written atomically (to a temporary file in the output's folder, renamed into place when
complete), and an output path that is the input file is refused.

polars (and pyarrow for Parquet) are the optional extra ``mpsdose[batch]``; pandas and pyarrow
tables are accepted and returned in kind.
"""

from __future__ import annotations

import contextlib
import math
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs

from mpsdose.io.atomic import into_place
from mpsdose.io.claims import claims_inputs, has_claims
from mpsdose.io.language import parse_frequency
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.boundary import checked
from mpsdose.model.drugs import Catalogue
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.guards import IMPLAUSIBLE_DOSE_MG
from mpsdose.model.numbers import DIGITS as _DIGITS
from mpsdose.model.units import SPELLINGS, UNITS, UnitKind
from mpsdose.model.value import Value
from mpsdose.model.vocabulary import FORMS, Route, parse_route

__all__ = [
    "INPUT_COLUMNS", "INPUT_SCHEMA", "OUTPUT_COLUMNS", "PATIENT_COLUMNS", "BatchError",
    "batch_dask", "batch_mme", "check_paths", "per_patient", "per_patient_mme", "read_table",
    "run_in_chunks",
    "status_counts",
    "write_table",
]

INPUT_COLUMNS = ("patient_id", "drug", "route", "dose", "unit", "doses_per_day", "days_supply")
"""The input columns of CONTRACT.md §5 (``frequency`` in the item language may stand for
``doses_per_day``); other columns are kept and passed through."""
OUTPUT_COLUMNS = ("daily_dose", "daily_dose_unit", "factor", "mme_per_day", "status", "message")
"""The columns :func:`batch_mme` adds to every row: a value that cannot be computed is empty
(null), never 0, and ``status``/``message`` say why."""
PATIENT_COLUMNS = ("patient_id", "total_mme", "total_days", "mme_def1", "mme_def2", "mme_def3",
                   "mme_def4", "total_mme_no_bup", "total_days_no_bup", "mme_def1_no_bup",
                   "mme_def2_no_bup", "mme_def3_no_bup", "mme_def4_no_bup", "status", "message")
"""The columns of :func:`per_patient`: NIH HEAL total MME, days and definitions 1–4, the same
without buprenorphine (``_no_bup``), and how complete they are (``status``, ``message``)."""

#: Statuses a row can have besides ``ok``.
STATUSES = ("unknown-drug", "not-opioid", "bad-route", "bad-unit", "no-factor", "bad-dose",
            "bad-frequency", "missing-days-supply")

#: The input columns the computation reads, and how each is read: ``"number"`` (Float64, from
#: any numeric type or from text; anything else is unreadable) or ``"text"`` (String, from text,
#: numbers, bools or dates; a nested type is unreadable). The one place where a per-row input
#: column is typed: a new column (``ndc``, ``quantity``) is declared here.
INPUT_SCHEMA: dict[str, str] = {
    "drug": "text", "route": "text", "unit": "text", "form": "text", "frequency": "text",
    "dose": "number", "doses_per_day": "number", "days_supply": "number",
    "therapy_days": "number", "observation_window_days": "number",
    "therapy_days_no_bup": "number", "observation_window_days_no_bup": "number",
}

#: Routes a rate per hour cannot be given by (as in the item language).
_NOT_INFUSED = frozenset({Route.ORAL, Route.SUBLINGUAL, Route.BUCCAL, Route.RECTAL,
                          Route.INTRANASAL})


class BatchError(MpsdoseError, ValueError):
    """A table that cannot be read as a whole (a required column missing, an unknown type), or
    an output that must not be written (the input file itself).

    A :class:`ValueError`; a row that cannot be computed is not an error but a ``status``.
    """


def _polars() -> Any:
    try:
        import polars
    except ImportError:
        raise BatchError('batch tables need polars: pip install "mpsdose[batch]"') from None
    return polars


# -- typing the input, in one place -------------------------------------------------------------
def _readable(pl: Any, dtype: Any, kind: str) -> bool:
    """Whether a column of this type can be read as a ``kind`` (see :data:`INPUT_SCHEMA`)."""
    if dtype == pl.Null:
        return True
    if kind == "number":
        return bool(dtype.is_numeric()) or dtype in (pl.String, pl.Categorical) or \
            isinstance(dtype, pl.Enum)
    return not dtype.is_nested() and dtype not in (pl.Binary, pl.Object)


def _typed(pl: Any, schema: Any, name: str) -> tuple[Any, str | None, Any]:
    """The expression that reads input column ``name`` as its declared kind; why the column
    cannot be read where it cannot (its type), else None; and an expression true in a row whose
    cell holds something that could not be read (``"7,5"``, a date), as against an empty cell.
    An absent column reads as all null."""
    kind = INPUT_SCHEMA[name]
    target = pl.Float64 if kind == "number" else pl.String
    if name not in schema:
        return pl.lit(None, dtype=target), None, pl.lit(False)
    dtype = schema[name]
    column = pl.col(name)
    if not _readable(pl, dtype, kind):
        return (pl.lit(None, dtype=target),
                f"the {name} column holds {dtype} values, not {kind}s", column.is_not_null())
    if kind == "text":
        return column.cast(pl.String), None, pl.lit(False)
    if dtype.is_numeric():
        return column.cast(pl.Float64), None, pl.lit(False)
    text = column.cast(pl.String).str.strip_chars()
    value = text.cast(pl.Float64, strict=False)
    return value, None, (text.fill_null("") != "") & value.is_null()


class _Names:
    """Names for the columns mpsdose makes inside: a prefix no input column starts with."""

    def __init__(self, columns: list[str]) -> None:
        prefix = "_mps_"
        while any(column.startswith(prefix) for column in columns):
            prefix = "_" + prefix
        self.prefix = prefix

    def __call__(self, name: str) -> str:
        return self.prefix + name


def _renamed_inputs(columns: list[str]) -> dict[str, str]:
    """Input columns named like an output column, and the name each passes through under."""
    renames = {}
    taken = set(columns) | set(OUTPUT_COLUMNS)
    for column in columns:
        if column in OUTPUT_COLUMNS:
            new, n = f"{column}_input", 2
            while new in taken:
                new, n = f"{column}_input{n}", n + 1
            taken.add(new)
            renames[column] = new
    return renames


# -- one distinct key → its factor rows --------------------------------------------------------
def _key_rows(drug: str | None, route: str | None, unit: str | None, form: str | None,
              table: ConversionTable, books: Catalogue) -> list[dict[str, Any]]:
    """The factor rows for one distinct (drug, route, unit, form): one per band, or one with a
    status. A row for the form wins over a row for any form, as in the per-item look-up."""

    scale: list[float | None] = [None]  # the dose unit's scale, once the unit is known
    kind: list[str | None] = [None]  # "mass", "day" or "hour" (a rate per day or per hour)

    def status(code: str, message: str, stage: int = 0) -> list[dict[str, Any]]:
        # ``stage`` orders a key's problem among the row's own dose checks as parse_item meets
        # them: 0 drug and unit, [the dose's magnitude], 1 route, [an implausibly large dose],
        # 2 the unit for the route, 3 the factor — so both report the same first problem
        return [{"_status": code, "_message": message, "_stage": stage, "_factor": None,
                 "_to_unit": None,
                 "_band_min": None, "_band_max": None, "_unit_out": None,
                 "_per_day_scale": scale[0], "_kind": kind[0],
                 "_source": None}]

    found = books.get(drug or "")
    if found is None:
        suggestions = books.suggest(drug or "")
        hint = ("; did you mean " + ", ".join(f"{s} ({books.describe(s)})" for s in suggestions)
                + "?") if suggestions else ""
        return status("unknown-drug", f"unknown drug {drug!r}{hint}")
    if not found.is_opioid:
        return status("not-opioid", f"{found.name} is not an opioid: no MME")
    # the checks in the order the item language makes them: unit, route, unit for the route
    symbol = SPELLINGS.get((unit or "").strip().lower().replace("hr", "h"))
    if symbol is None or UNITS[symbol].kind not in (UnitKind.MASS, UnitKind.RATE):
        return status("bad-unit", f"unknown or unusable unit {unit!r}")
    dose_unit = UNITS[symbol]
    scale[0] = dose_unit.scale
    kind[0] = ("mass" if dose_unit.kind is UnitKind.MASS
               else "hour" if dose_unit.per_hour else "day")
    try:
        routed = parse_route(route) if route else found.default_route
    except ValueError:
        return status("bad-route", f"unknown route {route!r}", stage=1)
    if routed is None:
        return status("bad-route", f"{found.name} needs a route", stage=1)
    if routed not in found.routes:
        return status("bad-route", f"{found.name} has no {routed.value} route", stage=1)
    if routed is Route.TRANSDERMAL and symbol != "mcg/h":
        return status("bad-unit", f"a patch is written in mcg/h, not {unit}", stage=2)
    if dose_unit.per_hour and routed in _NOT_INFUSED:
        return status("bad-unit", f"{unit} is a patch or infusion rate, not a dose of "
                                  f"{found.name} {routed.value}", stage=2)
    wanted = FORMS.get((form or "").strip().lower())
    rows = [r for r in table.rows(found.name) if routed in r.routes and r.form in (None, wanted)]
    rows = [r for r in rows if r.form == wanted] or [r for r in rows if r.form is None]
    exact = [r for r in rows if r.route == routed.value]
    rows = exact or rows
    if not rows:
        return status("no-factor", f"{table.id} has no factor for {found.name} {routed.value}",
                      stage=3)
    # daily amount in mg/day = dose × doses_per_day × scale (a rate is per day already ×24 …)
    per_day_scale = dose_unit.scale  # mg (per dose) or mg/day (rate) per written unit
    out = []
    for row in rows:
        out.append({
            "_status": "ok", "_message": "", "_stage": 4, "_factor": row.factor,
            "_to_unit": 1.0 / row.unit.scale, "_band_min": row.band_min,
            "_band_max": row.band_max, "_unit_out": row.unit.symbol,
            "_per_day_scale": per_day_scale, "_kind": kind[0], "_source": row.source,
        })
    return out



def _require(columns: list[str]) -> None:
    """Refuse a table without the columns batch_mme reads."""
    if has_claims(columns):  # claims rows give a product and a quantity (mpsdose.io.claims)
        missing = [c for c in ("quantity", "days_supply") if c not in columns]
    else:
        missing = [c for c in ("drug", "dose", "unit") if c not in columns]
        if "doses_per_day" not in columns and "frequency" not in columns:
            missing.append("doses_per_day (or frequency)")
    if missing:
        raise BatchError(f"missing column(s): {', '.join(missing)}")


def _frequency_per_day(text: str | None) -> float | None:
    """Doses a day from a frequency in the item language (``q6h`` → 4), None if not one."""
    if text is None or not str(text).strip():
        return None
    try:
        schedule = parse_frequency(str(text))  # the item language's own frequency words
    except MpsdoseError:
        return None
    return None if schedule is None else schedule.doses_per_day


def _is_continuous(text: str | None) -> bool:
    from mpsdose.model.regimen import ScheduleKind

    if text is None:
        return False
    try:
        schedule = parse_frequency(str(text))
    except MpsdoseError:
        return False
    return schedule is not None and schedule.kind is ScheduleKind.CONTINUOUS


# -- the table ----------------------------------------------------------------------------------
def _to_polars(data: Any) -> tuple[Any, str]:
    pl = _polars()
    if isinstance(data, pl.DataFrame | pl.LazyFrame):
        return data, "polars"
    module = type(data).__module__
    try:
        if module.startswith("pyarrow"):
            return pl.from_arrow(data), "pyarrow"
        if module.startswith("pandas"):
            return pl.from_pandas(data), "pandas"
    except Exception as error:  # a column pyarrow cannot hold (mixed Python objects)
        first = str(error).strip().splitlines()[0] if str(error).strip() else ""
        raise BatchError(f"the {module.split('.')[0]} table cannot be read: "
                         f"{type(error).__name__}: {first}") from None
    raise BatchError(f"a batch table is a polars, pyarrow or pandas table, not {type(data)!r}")


def _back(frame: Any, kind: str) -> Any:
    if kind == "pyarrow":
        return frame.to_arrow()
    if kind == "pandas":
        return frame.to_pandas()
    return frame


def _table_for(table: Any, knowledge: Knowledge) -> ConversionTable:
    if table is not None and not isinstance(table, str | ConversionTable):
        raise BatchError(f"table is a table id or a ConversionTable, not {type(table).__name__}")
    return knowledge.conversion_table(table)


@checked
def batch_mme(data: Any, table: str | ConversionTable | None = None, *,
              knowledge: Knowledge | None = None) -> Any:
    """Per-row daily dose, factor and MME/day of a prescription table (see the module notes).

    Parameters
    ----------
    data
        A polars DataFrame or LazyFrame, a pyarrow Table or a pandas DataFrame with the columns
        of :data:`INPUT_COLUMNS` (``frequency`` may stand for ``doses_per_day``).
    table
        A conversion table id (default ``cdc2022``) or a loaded table.
    knowledge
        Where the catalogue and tables come from (default: the shipped data).

    Returns
    -------
    polars.DataFrame, polars.LazyFrame, pyarrow.Table or pandas.DataFrame
        The same kind of table: every input column and row, in order, plus
        :data:`OUTPUT_COLUMNS` (``daily_dose`` [mg/day, or mcg/h for a patch], ``mme_per_day``
        [mg OME/day]). A LazyFrame stays lazy (for streaming files larger than memory).

    Raises
    ------
    BatchError
        polars missing, a required column missing, or a table of another kind.
    UnknownTableError
        An unknown table id.

    References
    ----------
    .. [1] The NIH HEAL MME Online Calculator: Adams MCB, Sward KA, Perkins ML, Hurley RW,
       Pain 2025, doi:10.1097/j.pain.0000000000003529 (how a row is read: dose × doses per
       day × factor).
    """
    pl = _polars()
    frame, kind = _to_polars(data)
    lazy = frame if isinstance(frame, pl.LazyFrame) else frame.lazy()
    knowledge = resolve(knowledge)
    if isinstance(frame, pl.LazyFrame):  # stays lazy (streams): every message in the query
        result = _rows(pl, lazy, _table_for(table, knowledge), knowledge)
        return result if kind == "polars" else _back(result.collect(), kind)
    result = _rows(pl, lazy, _table_for(table, knowledge), knowledge, formatted=False)
    return _back(_fill_messages(pl, result.collect(), frame), kind)


def _rows(pl: Any, lazy: Any, chosen: ConversionTable, knowledge: Knowledge, *,
          formatted: bool = True, bup: str | None = None,
          seen: dict[str, bool] | None = None) -> Any:
    """batch_mme's query.

    How it is built, for speed: the distinct keys (drug, route, unit[, form]) are read first
    and each is checked once in Python (:class:`_Key`); the rows join to them by a key index
    and run only the checks of their own cells (dose, doses a day, days supply), as a small
    *row outcome*. What a row's status, message and unit are then depends on its key and its
    outcome only: one look-up each in a small table of (key, outcome), built in Python. Checks
    no row can fail (a stage no key reaches, a dose band no key has) are left out.

    With ``formatted`` False, the rows whose message names their own cells (a doses a day that
    cannot be read) get a null message, for :func:`_fill_messages` to write after the query:
    formatting a number as text costs in every row of the query, not only in the few that need
    it. With ``bup``, the query is per_patient_mme's: the input columns, ``mme_per_day``, and
    ``bup`` (true in a row of buprenorphine), ``bup_ok`` and ``bup_failed`` (a row computed,
    and a row that could not be), each found once per distinct key; no status or message.
    ``seen``, where given, is told what the keys show: ``buprenorphine_counted``, whether some
    key of buprenorphine can be computed (has a factor in the table)."""
    schema = lazy.collect_schema()
    columns = schema.names()
    _require(columns)
    name = _Names(columns)
    typed = {column: _typed(pl, schema, column) for column in INPUT_SCHEMA}
    claims = has_claims(columns)
    claim: Any = pl.lit(False)
    if claims:  # the one hook: claims rows get the columns of a dose row, or a status
        if any(column.startswith("_c_") for column in columns):
            raise BatchError("a table with claims columns may not have columns named _c_…")
        lazy = claims_inputs(lazy, columns, knowledge)
        claim = pl.col("_c_claim")
        for column in ("drug", "route", "form", "dose", "unit", "doses_per_day"):
            written, reason, garbled = typed[column]
            typed[column] = (pl.when(claim).then(pl.col(f"_c_{column}")).otherwise(written),
                             reason, garbled & ~claim)

    def value(column: str) -> Any:
        return typed[column][0]

    def why(column: str, fallback: str) -> str:
        reason = typed[column][1]
        return reason if reason is not None else fallback

    # what a pass over the numbers shows, read in the pass that finds the keys (a claims
    # row's dose is made from its quantity: nothing known of it)
    facts_query = None if claims else _Facts.query(pl, lazy, schema)
    # The key as written. ``form`` is a key only where the table has that column, or claims
    # rows (else it is always empty: no use joining on it). Each row finds its key by a hash
    # of these cells (_distinct_keys).
    key_names = ["drug", "route", "unit"] + (["form"] if "form" in columns or claims else [])
    keys, rows, alongside = _distinct_keys(
        pl, lazy, [value(key) for key in key_names], [name("k" + key) for key in key_names],
        name("k"), alongside=[facts_query] if facts_query is not None else [])
    facts = _Facts.read(alongside[0], schema) if alongside else _Facts()
    books = knowledge.catalogue
    found = [_Key.of(*row, *([None] * (4 - len(key_names))), table=chosen, books=books)
             for row in keys.iter_rows()]
    if typed["drug"][1] is not None:  # a drug column that cannot be read: every row says so
        found = [_Key.failed("unknown-drug", typed["drug"][1], 0) for _ in found]
    # One factor per key, unless some key's factor depends on the daily dose (methadone in
    # cdc2016): then each row picks its band.
    banded = any(len(k.bands) > 1 or (k.bands and k.bands[0][:2] != (None, None))
                 for k in found)
    bands = max((len(k.bands) for k in found), default=0) if banded else 0
    index = pl.col(name("k"))

    def per_key(values: list[Any], dtype: Any) -> Any:
        """A value of each row's key (gathered, not carried through the join)."""
        return pl.lit(pl.Series(values, dtype=dtype)).gather(index)

    scale = per_key([k.scale for k in found], pl.Float64)
    to_unit = per_key([k.to_unit for k in found], pl.Float64)

    # -- doses a day (see the module notes) ----------------------------------------------------
    dose = value("dose")
    given = value("doses_per_day")
    frequency = value("frequency")
    if "frequency" in columns and typed["frequency"][1] is None:
        written_texts = lazy.select(frequency.alias("f")).unique().collect().to_series()
        mapping = {t: _frequency_per_day(t) for t in written_texts.to_list() if t is not None}
        from_text = frequency.replace_strict(mapping, default=None, return_dtype=pl.Float64)
        continuous = frequency.replace_strict({t: _is_continuous(t) for t in mapping},
                                              default=False, return_dtype=pl.Boolean)
        written = frequency.str.strip_chars().fill_null("") != ""
        day_frequency_ok = (~written | continuous | (from_text == 1.0)).fill_null(False)
        mass_per_day = pl.coalesce(given, from_text)
        mass_without_given = from_text.is_not_null()
    else:  # no frequency column: nothing written, nothing read from it
        mapping = {}
        day_frequency_ok = pl.lit(True)
        mass_per_day = given
        mass_without_given = pl.lit(False)
    finite = given.is_finite() & (given > 0)
    branches = {  # per kind of dose unit: (doses a day, whether they can be read)
        _MASS: (mass_per_day,
                pl.when(given.is_not_null()).then(finite).otherwise(mass_without_given)),
        _DAY: (pl.lit(1.0), (given.is_null() | (given == 1.0)) & day_frequency_ok),
        _HOUR: (given.fill_null(1.0), given.is_null() | finite),
    }
    # Only the kinds of the keys whose rows get that far are tested: a key that fails on its
    # drug or route (stage 0 or 1) is that row's answer before its doses a day matter.
    kinds = [kind for kind in branches if any(k.kind == kind and k.stage >= 2 for k in found)]
    if len(kinds) <= 1:
        per_day, per_day_valid = branches[kinds[0] if kinds else _MASS]
    else:
        unit_kind = per_key([k.kind for k in found], pl.Int8)
        per_day = pl.when(unit_kind == kinds[0]).then(branches[kinds[0]][0])
        per_day_valid = pl.when(unit_kind == kinds[0]).then(branches[kinds[0]][1])
        for kind in kinds[1:]:
            per_day = per_day.when(unit_kind == kind).then(branches[kind][0])
            per_day_valid = per_day_valid.when(unit_kind == kind).then(branches[kind][1])
        per_day_valid = per_day_valid.otherwise(False)
        if set(kinds) == {_MASS, _HOUR} and not mapping and "frequency" not in columns:
            # the same doses a day, by one look-up: a mass per dose takes doses_per_day, a
            # rate per hour doses_per_day or 1 (a key of another kind stops before it counts)
            per_day = given if facts.given_good else given.fill_null(
                per_key([1.0 if k.kind == _HOUR else None for k in found], pl.Float64))
    per_day_valid = per_day_valid.fill_null(False)
    if typed["doses_per_day"][1] is not None:
        per_day_valid = pl.lit(False)
    elif "doses_per_day" in columns and not schema["doses_per_day"].is_numeric():
        per_day_valid = per_day_valid & ~typed["doses_per_day"][2]  # "7,5": not a number

    # -- the row's own checks, in the order parse_item makes them ------------------------------
    daily_mg = pl.col(name("daily_mg"))
    amount = daily_mg * pl.col(name("to_unit"))  # in the factor's unit
    factor: Any = per_key([k.bands[0][2] if k.bands else None for k in found], pl.Float64)
    if banded:
        factor = pl.lit(None, dtype=pl.Float64)
        for i in reversed(range(bands)):
            low, high, point = (per_key([k.bands[i][j] if i < len(k.bands) else None
                                         for k in found], pl.Float64) for j in range(3))
            applies = ((low.is_null() | (amount > low)) & (high.is_null() | (amount <= high))
                       & point.is_not_null())
            factor = pl.when(applies).then(point).otherwise(factor)
    magnitude = ~((dose > 0) & dose.is_finite()).fill_null(False)
    # the item language's guards against slips (mpsdose.model.guards): one dose or one day
    implausible = ((dose * pl.col(name("scale")) > IMPLAUSIBLE_DOSE_MG)
                   | (per_day_valid & (daily_mg > IMPLAUSIBLE_DOSE_MG))).fill_null(False)
    days = value("days_supply")
    no_days = ~((days > 0) & days.is_finite()).fill_null(False)
    # The checks no row can fail are left out (each costs a pass over the rows): the pass of
    # _Facts shows which (every dose a positive number; no dose so large that a day of it is
    # implausible; every doses_per_day a positive number where that is all that is read).
    reaching = [k for k in found if k.stage >= 2]  # the keys whose rows are checked this far
    per_day_max = max([1.0] + ([facts.given_max] if facts.given_max is not None else [])
                      + [v for v in mapping.values() if v is not None])
    scale_max = max([k.scale for k in reaching if k.scale is not None], default=0.0)
    per_day_read = "frequency" not in columns and "doses_per_day" in columns and \
        schema["doses_per_day"].is_numeric() and set(kinds) <= {_MASS, _HOUR} and \
        (_MASS not in kinds or facts.given_good) and \
        (_HOUR not in kinds or facts.given_good_or_empty)
    tests = [
        (magnitude, _ROW_DOSE, not facts.doses_good),
        (implausible, _ROW_IMPLAUSIBLE, facts.dose_max is None
         or facts.dose_max * scale_max * per_day_max > IMPLAUSIBLE_DOSE_MG),
        (~per_day_valid, _ROW_FREQUENCY, not per_day_read),
        (pl.col(name("factor")).is_null(), _ROW_BAND, banded),
        (no_days, _ROW_DAYS, not facts.days_good),
    ]
    outcome: Any = pl.lit(_ROW_OK)
    for test, code, needed in reversed(tests):
        if needed:
            outcome = pl.when(test).then(code).otherwise(outcome)
    steps = (rows
             .with_columns(scale.alias(name("scale")), to_unit.alias(name("to_unit")))
             .with_columns((dose * per_day * pl.col(name("scale"))).alias(name("daily_mg")))
             .with_columns(factor.alias(name("factor")))
             .with_columns((index * _ROW_COUNT + outcome.cast(pl.UInt32)).alias(name("at"))))
    at = pl.col(name("at"))
    table = _Outcomes(found, chosen, why, typed["doses_per_day"][1] is not None)

    def looked_up(field: str, dtype: Any) -> Any:
        return pl.lit(pl.Series(table.columns[field], dtype=dtype)).gather(at)

    # the key's to_unit where the row's daily dose is computed, null where it is not: the
    # daily dose and whether it is computed in one look-up
    computed_to_unit = looked_up("to_unit", pl.Float64)
    claim_failed: Any = pl.lit(False)
    if claims:  # a claims row that could not be read says so first (mpsdose.io.claims)
        claim_failed = pl.col("_c_status").is_not_null()
        computed_to_unit = pl.when(claim_failed).then(None).otherwise(computed_to_unit)
    # 12 significant digits: no float noise in the output
    steps = round_significant(pl, steps, {name("daily"): daily_mg * computed_to_unit},
                              _DIGITS, name)
    daily = pl.col(name("daily"))
    renames = _renamed_inputs(columns)
    inputs = [pl.col(c).alias(renames.get(c, c)) for c in columns]
    if bup is not None:  # per_patient_mme: what its sums need, no text
        is_bup = [_is_buprenorphine(row[0], books) for row in keys.iter_rows()]
        if seen is not None:
            seen["buprenorphine_counted"] = any(
                b and k.stage == _OK_STAGE and any(band[2] is not None for band in k.bands)
                for b, k in zip(is_bup, found, strict=True))
        return round_significant(
            pl, steps, {name("mme"): daily * pl.col(name("factor"))}, _DIGITS, name).select(
            *inputs,
            pl.col(name("mme")).alias("mme_per_day"),
            (looked_up("ok", pl.Boolean) & ~claim_failed).alias(bup + "_ok"),
            (looked_up("failed", pl.Boolean) | claim_failed).alias(bup + "_failed"),
            per_key(is_bup, pl.Boolean).alias(bup),
        )
    status = looked_up("status", pl.String)
    message = looked_up("message", pl.String)
    unit = looked_up("unit", pl.String)
    if formatted and not typed["doses_per_day"][1]:
        bad = looked_up("formatted", pl.Boolean)
        message = pl.when(bad).then(_frequency_message(pl, typed, bad)).otherwise(message)
    if claims:  # its own status first; an ok claims row's message says how its dose was made
        status = pl.when(claim_failed).then(pl.col("_c_status")).otherwise(status)
        message = (pl.when(claim_failed | looked_up("ok", pl.Boolean))
                   .then(pl.col("_c_message")).otherwise(message))
        unit = pl.when(claim_failed).then(None).otherwise(unit)
    steps = steps.with_columns(
        status.alias(name("out_status")),
        message.alias(name("out_message")),
        daily.alias(name("out_daily_dose")),
        unit.alias(name("out_daily_dose_unit")),
        pl.col(name("factor")).alias(name("out_factor")),
    )
    return round_significant(
        pl, steps,
        {name("out_mme_per_day"): pl.col(name("out_daily_dose")) * pl.col(name("out_factor"))},
        _DIGITS, name,
    ).select(*inputs, *[pl.col(name(f"out_{c}")).alias(c) for c in OUTPUT_COLUMNS],
             *([pl.col("_c_product").alias("product"), pl.col("_c_drug").alias("product_drug")]
               if claims else []))


def round_significant(pl: Any, lazy: Any, columns: dict[str, Any], digits: int,
                      scratch: Callable[[str], str]) -> Any:
    """``lazy`` with, for each ``columns`` item (output name → Float64 expression), a column of
    that name holding ``expression.round_sig_figs(digits)``: the same values bit for bit, made
    cheaper where the rounding is known to change nothing.

    How the rows' daily dose and MME are rounded (the per-patient numbers are rounded by
    ``round_sig_figs`` itself: this way's columns, one per patient, cost more memory than it
    saves). ``round_sig_figs`` costs about 30 ns a value (a ``log10``, a ``powi`` and two
    ``scalbn``), and most values of a batch are sixteenths: doses of whole or half milligrams
    times whole doses a day, times factors such as 1, 1.5, 3 or 5. Such a value ``x = k/16``
    with ``|x| < 10**(digits-4)`` (1e8 at 12 digits; 5 ≤ digits ≤ 14) is its own rounding, bit
    for bit: ``round_sig_figs`` scales it by ``10**exp``, ``exp = digits - 1 -
    floor(log10|x|)`` (4 ≤ exp ≤ 22 here: the power of 5 exact), to an integer below
    ``10**(digits+1) ≤ 10**15 < 2**53`` (a decade off by one next to a power of ten
    included), exactly; rounding an integer keeps it, and scaling back is exact, giving ``x``
    (zero is returned as it is). Those values are kept; the others are rounded by
    ``round_sig_figs`` itself, which is given ``-0.0`` in place of a kept value (its cheap
    case). Four steps, each a column the next reads (written as one expression it was
    measured slower): the value, whether it is kept, the rounding of the others, the choice.
    Proven equal in ``tests/test_batch.py`` against ``round_sig_figs`` (arbitrary doubles by
    their bits, sixteenths of every size, their neighbours and the bound).

    ``scratch(name)`` names a column made inside (with a prefix no input column has); they are
    left in the frame for the caller's ``select`` to drop."""
    if not 5 <= digits <= 14:
        return lazy.with_columns(*[expression.round_sig_figs(digits).alias(name)
                                   for name, expression in columns.items()])
    bound = 10.0 ** (digits - 4)
    names = {name: (scratch(f"r_x_{name}"), scratch(f"r_k_{name}"), scratch(f"r_r_{name}"))
             for name in columns}

    def kept(x: Any) -> Any:
        sixteenths = x * 16.0
        return (sixteenths.floor() == sixteenths) & (x.abs() < bound)

    return (lazy
            .with_columns(*[expression.cast(pl.Float64).alias(names[name][0])
                            for name, expression in columns.items()])
            .with_columns(*[kept(pl.col(x)).alias(k) for x, k, _ in names.values()])
            .with_columns(*[pl.when(pl.col(k)).then(-0.0).otherwise(pl.col(x))
                            .round_sig_figs(digits).alias(r) for x, k, r in names.values()])
            .with_columns(*[pl.when(pl.col(k)).then(pl.col(x)).otherwise(pl.col(r)).alias(name)
                            for name, (x, k, r) in names.items()]))


#: Whether _distinct_keys looks rows' keys up by hash (False: joined as text; for the tests).
_HASHED_KEYS = True


def _key_hash(values: list[Any], seed: int) -> Any:
    """A 64-bit hash of a row's key: a hash of each column, with a seed of its own, xor-ed."""
    out = values[0].hash(seed)
    for i, value in enumerate(values[1:], start=1):
        out = out ^ value.hash(seed + i)
    return out


def _distinct_keys(pl: Any, lazy: Any, values: list[Any], names: list[str], index: str, *,
                   alongside: list[Any] | None = None) -> tuple[Any, Any, list[Any]]:
    """The distinct keys of the rows (a DataFrame of the key ``values`` as columns ``names``),
    ``lazy`` with each row's key's position among them in column ``index`` (UInt32), and the
    results of the ``alongside`` queries over ``lazy``, collected with the keys (polars reads
    the input once for all of them).

    How, for speed: each row's key is hashed (a 64-bit hash of each column, with a seed of its
    own, xor-ed), the distinct hashes are found in one pass with their keys, and the rows are
    joined to them on the hash, a number, not on the text: the text of every row is hashed
    once, where finding the keys and joining to them on text hashed it twice. (A join, not
    ``replace_strict``: polars streams a join, and did not stream the replace — 20M rows per
    patient took 0.8 GB more.) Two keys that share a hash (about 2**-64 for a pair) would be
    taken for one: the rows are grouped by a second hash too, of other seeds, and where a first
    hash comes with two second hashes the keys are found and joined as text (the same result,
    at the old cost)."""
    def hashed(seed: int) -> Any:
        return _key_hash(values, seed)

    first, second = index + "_h1", index + "_h2"
    # grouped by both hashes (cheaper than the least and greatest second hash of each first)
    found, *others = pl.collect_all([
        lazy.select(hashed(11).alias(first), hashed(23).alias(second),
                    *[v.alias(n) for v, n in zip(values, names, strict=True)])
        .group_by(first, second)
        .agg(*[pl.col(n).first() for n in names]),
        *(alongside or [])])
    if _HASHED_KEYS and found.get_column(first).is_unique().all():
        lookup = found.select(first, pl.Series(index, range(found.height), dtype=pl.UInt32))
        return found.select(names), (lazy.with_columns(hashed(11).alias(first))
                                     .join(lookup.lazy(), on=first, how="left",
                                           maintain_order="left")), others
    return (*_joined_keys(pl, lazy, values, names, index), others)


def _joined_keys(pl: Any, lazy: Any, values: list[Any], names: list[str],
                 index: str) -> tuple[Any, Any]:
    """What _distinct_keys gives, found and joined as text."""
    named = [v.alias(n) for v, n in zip(values, names, strict=True)]
    keys = lazy.select(*named).unique().collect()
    lookup = keys.with_columns(pl.Series(index, range(keys.height), dtype=pl.UInt32))
    return keys, lazy.with_columns(*named).join(lookup.lazy(), on=names, how="left",
                                                nulls_equal=True, maintain_order="left")


#: A row's outcome of its own checks (the first that fails, in parse_item's order), beside its
#: key's: dose, implausible, doses a day, dose band, days supply, none.
_ROW_DOSE, _ROW_IMPLAUSIBLE, _ROW_FREQUENCY, _ROW_BAND, _ROW_DAYS, _ROW_OK, _ROW_COUNT = range(7)
#: The kinds of dose unit, as a key's ``kind``: a mass per dose, an amount per day or per hour.
_MASS, _DAY, _HOUR = range(3)
#: A key's ``stage`` when it has no problem (see _key_rows).
_OK_STAGE = 4
_DAY_MESSAGE = ("an amount per day is already a daily total: it takes no doses_per_day (or only "
                "1) and no frequency")


class _Outcomes:
    """What a row says for each (key, row outcome), as columns of a table indexed by
    ``key index × _ROW_COUNT + outcome``: its status, message, daily dose unit, its key's
    ``to_unit`` where its daily dose is computed (null where not), whether it is ``ok``,
    whether it failed (for per_patient: neither when ``not-opioid``), and whether its message
    is to be formatted from its cells."""

    def __init__(self, keys: list[_Key], table: ConversionTable,
                 why: Callable[[str, str], str], per_day_unreadable: bool) -> None:
        dose = why("dose", "dose is missing, zero, negative, not a number or implausibly large")
        days = why("days_supply", "days_supply is missing, not a number or not positive")
        band = f"{table.id}: no factor band for this daily dose"
        day = why("doses_per_day", "") if per_day_unreadable else _DAY_MESSAGE
        self.columns: dict[str, list[Any]] = {field: [] for field in (
            "status", "message", "unit", "to_unit", "ok", "failed", "formatted")}
        for key in keys:
            factorless = not key.bands or key.bands[0][2] is None
            for outcome in range(_ROW_COUNT):
                status, message = self._say(key, outcome, factorless)
                if status == "bad-dose":
                    message = dose
                elif status == "bad-frequency":
                    message = day if key.kind == _DAY or per_day_unreadable else None
                elif status == "no-factor" and message is None:
                    message = band
                elif status == "missing-days-supply":
                    message = days
                computed = status in ("ok", "missing-days-supply") or (
                    status == "no-factor" and key.stage == _OK_STAGE)
                columns = self.columns
                columns["status"].append(status)
                columns["message"].append(message)
                columns["unit"].append(key.unit_out if computed else None)
                columns["to_unit"].append(key.to_unit if computed else None)
                columns["ok"].append(status == "ok")
                columns["failed"].append(status not in ("ok", "not-opioid"))
                columns["formatted"].append(status == "bad-frequency" and message is None)

    @staticmethod
    def _say(key: _Key, outcome: int, factorless: bool) -> tuple[str, str | None]:
        """(status, the key's message or None) of a row: the first problem parse_item meets,
        the key's own problem at its stage among the row's."""
        if key.stage == 0:
            return key.status, key.message
        if outcome == _ROW_DOSE:
            return "bad-dose", None
        if key.stage == 1:
            return key.status, key.message
        if outcome == _ROW_IMPLAUSIBLE:
            return "bad-dose", None
        if key.stage < _OK_STAGE:
            return key.status, key.message
        if outcome == _ROW_FREQUENCY:
            return "bad-frequency", None
        if outcome == _ROW_BAND or factorless:
            return "no-factor", None
        if outcome == _ROW_DAYS:
            return "missing-days-supply", None
        return "ok", ""


@attrs.frozen(repr=False, eq=False)
class _Facts(Value):
    """What one pass over a table's number columns shows, for _rows to leave out the checks no
    row can fail (all False where not looked at)."""

    doses_good: bool = False  #: every dose a finite positive number
    days_good: bool = False  #: every days supply a finite positive number
    given_good: bool = False  #: every doses_per_day a finite positive number
    given_good_or_empty: bool = False  #: … or empty
    dose_max: float | None = None  #: the largest finite dose
    given_max: float | None = None  #: the largest finite doses_per_day

    @staticmethod
    def query(pl: Any, lazy: Any, schema: Any) -> Any:
        """The query of the pass (a LazyFrame of one row, for :meth:`read`): cheap aggregates
        (min, max, counts) of the dose, doses_per_day and days_supply columns. None where one
        of them is text (a CSV file): reading text as numbers is not a cheap pass."""
        looked_at = ["dose", "doses_per_day", "days_supply"]  # 0 dose, 1 given, 2 days
        present = [n for n in looked_at if n in schema]
        if not all(schema[n].is_numeric() or schema[n] == pl.Null for n in present):
            return None

        def number(column: str) -> Any:
            return pl.col(column).cast(pl.Float64) if column in schema else \
                pl.lit(None, dtype=pl.Float64)

        # cheap aggregates only (min, max, counts): NaN is left out of min and max
        aggregates = []
        for i, column in enumerate(looked_at):
            c = number(column)
            aggregates += [c.min().alias(f"min{i}"), c.max().alias(f"max{i}"),
                           c.null_count().alias(f"nulls{i}"), c.is_nan().any().alias(f"nan{i}")]
        return lazy.select(*aggregates)

    @classmethod
    def read(cls, result: Any, schema: Any) -> _Facts:
        """What the result of :meth:`query` over a table of ``schema`` shows."""
        row = result.row(0, named=True)

        def good(i: int, empty_allowed: bool = False) -> bool:
            low, high = row[f"min{i}"], row[f"max{i}"]
            if row[f"nan{i}"] or (row[f"nulls{i}"] and not empty_allowed):
                return False
            return low is None or (low > 0 and high < math.inf)

        def finite_max(i: int) -> float | None:
            high = row[f"max{i}"]
            return high if high is not None and high < math.inf else None

        return cls(doses_good=good(0) and "dose" in schema,
                   days_good=good(2) and "days_supply" in schema,
                   given_good=good(1) and "doses_per_day" in schema,
                   given_good_or_empty=good(1, empty_allowed=True),
                   dose_max=finite_max(0), given_max=finite_max(1))


def _frequency_message(pl: Any, typed: dict[str, Any], bad: Any) -> Any:
    """The message of a row whose doses a day cannot be read, naming its two cells; formatted
    only where ``bad`` holds (elsewhere its parts are null: formatting every row costs)."""
    def shown(column: str) -> Any:
        cell = typed[column][0]
        return pl.when(bad).then(pl.when(bad).then(cell).cast(pl.String).fill_null("(empty)"))

    return pl.format("doses_per_day {} or frequency {} is not a positive number of doses a day",
                     shown("doses_per_day"), shown("frequency"))


def _fill_messages(pl: Any, out: Any, frame: Any) -> Any:
    """batch_mme's output with the messages its query left empty (the rows whose doses a day
    cannot be read, see _rows ``formatted``) formatted from the input rows: only those rows
    pay for turning their numbers into text."""
    empty = out.get_column("message").is_null()
    if not empty.any():
        return out
    where = empty.arg_true()
    schema = frame.collect_schema()
    typed = {column: _typed(pl, schema, column) for column in ("doses_per_day", "frequency")}
    text = frame[where].select(_frequency_message(pl, typed, pl.lit(True))).to_series()
    return out.with_columns(out.get_column("message").scatter(where, text))


@attrs.frozen(repr=False, eq=False)
class _Key(Value):
    """What one distinct (drug, route, unit, form) of a table says, once: its status and stage,
    the unit arithmetic of its rows and its factor bands ``(low, high, factor)``."""

    status: str
    message: str
    stage: int
    kind: int | None = None
    scale: float | None = None
    to_unit: float | None = None
    unit_out: str | None = None
    bands: tuple[tuple[float | None, float | None, float | None], ...] = ()

    @classmethod
    def failed(cls, status: str, message: str, stage: int) -> _Key:
        return cls(status, message, stage)

    @classmethod
    def of(cls, drug: str | None, route: str | None, unit: str | None, form: str | None, *,
           table: ConversionTable, books: Catalogue) -> _Key:
        def clean(value: str | None, lower: bool = True) -> str | None:
            if value is None:
                return None
            value = value.strip()
            return (value.lower() if lower else value) or None

        rows = _key_rows(clean(drug), clean(route), clean(unit, lower=False), clean(form),
                         table, books)
        first = rows[0]
        kind = {"mass": _MASS, "day": _DAY, "hour": _HOUR}.get(first["_kind"])
        return cls(first["_status"], first["_message"], first["_stage"], kind,
                   first["_per_day_scale"], first["_to_unit"], first["_unit_out"],
                   tuple((r["_band_min"], r["_band_max"], r["_factor"]) for r in rows
                         if r["_status"] == "ok"))


def _is_buprenorphine(name: str | None, books: Catalogue) -> bool:
    """Any name that resolves to buprenorphine, or contains it (as the NIH HEAL calculator)."""
    if name is None:
        return False
    found = books.get(name)
    return (found is not None and found.name == "buprenorphine") or \
        "buprenorphine" in name.lower()



@checked
def per_patient(rows: Any, *, therapy_days: float | None = None,
                observation_window_days: float | None = None,
                knowledge: Knowledge | None = None) -> Any:
    """NIH HEAL MME per patient from :func:`batch_mme` output (rows with status ``ok``).

    ``total_mme`` = Σ mme_per_day × days_supply; ``total_days`` = Σ days_supply;
    definition 1 = total_mme / total_days; 2 = total_mme / therapy days; 3 = total_mme /
    observation window; 4 = Σ mme_per_day. Each again without buprenorphine (``_no_bup``), with
    its own therapy days and window where the ``_no_bup`` columns give them. A patient whose
    only drugs are buprenorphine has ``total_mme_no_bup`` 0, definition 1 null, 2–4 zero. Claims
    rows name their drug in ``product_drug``.

    ``status`` says how complete a patient's numbers are: ``ok`` (every row computed, or left out
    on purpose as ``not-opioid``), ``incomplete`` (some rows could not be computed: the totals
    are lower bounds, ``message`` counts them), ``no-mme`` (no row could be computed: every
    total and definition is null, never 0).

    Parameters
    ----------
    rows
        The output of :func:`batch_mme` (any kind of table it accepts).
    therapy_days
        Days on therapy for every patient [days], where the table has no ``therapy_days``
        column.
    observation_window_days
        The observation window for every patient [days], where the table has no
        ``observation_window_days`` column.
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    polars.DataFrame, polars.LazyFrame, pyarrow.Table or pandas.DataFrame
        One row per patient with :data:`PATIENT_COLUMNS` [mg OME, days, mg OME/day].

    Raises
    ------
    BatchError
        polars missing, or a required column missing.

    References
    ----------
    .. [1] Adams MCB, Sward KA, Perkins ML, Hurley RW, Pain 2025,
       doi:10.1097/j.pain.0000000000003529 (the NIH HEAL MME calculator's definitions 1–4).
    """
    pl = _polars()
    frame, kind = _to_polars(rows)
    lazy = frame if isinstance(frame, pl.LazyFrame) else frame.lazy()
    schema = lazy.collect_schema()
    columns = schema.names()
    missing = [name for name in ("patient_id", "days_supply", "status", "mme_per_day")
               if name not in columns]
    if "drug" not in columns and "product_drug" not in columns:
        missing.append("drug")
    if missing:
        raise BatchError(f"per patient: missing column(s): {', '.join(missing)}")
    # a claims row names its drug through its product (mpsdose.io.claims)
    drug_name = pl.coalesce(*(pl.col(c).cast(pl.String) for c in ("product_drug", "drug")
                              if c in columns))
    drugs = lazy.select(drug_name.alias("drug")).unique().collect().to_series()
    books = resolve(knowledge).catalogue
    is_bup = {drug: _is_buprenorphine(drug, books) for drug in drugs.to_list()}
    bup = drug_name.replace_strict(is_bup, default=False, return_dtype=pl.Boolean)
    status = pl.col("status").cast(pl.String)
    ok = status == "ok"
    result = _patients(pl, lazy, bup, therapy_days, observation_window_days, ok=ok,
                       failed=~ok & (status != "not-opioid"),
                       buprenorphine_counted=any(is_bup.values()))
    if kind == "polars" and isinstance(frame, pl.LazyFrame):
        return result
    return _back(result.collect(), kind)


@checked
def per_patient_mme(data: Any, table: str | ConversionTable | None = None, *,
                    therapy_days: float | None = None,
                    observation_window_days: float | None = None,
                    knowledge: Knowledge | None = None) -> Any:
    """``per_patient(batch_mme(data, table))`` in one pass over the prescriptions.

    The same output as the two calls (one row per patient, :data:`PATIENT_COLUMNS`), without
    the second pass :func:`per_patient` makes over the rows to find which drugs are
    buprenorphine: that is known with each distinct (drug, route, unit) key. A LazyFrame stays
    lazy and streams (``mpsdose batch --per-patient`` sinks it to a file in bounded memory).

    Parameters
    ----------
    data
        Prescriptions, as for :func:`batch_mme`.
    table
        A conversion table id (default ``cdc2022``) or a loaded table.
    therapy_days, observation_window_days
        As for :func:`per_patient` [days].
    knowledge
        The clinical knowledge to use; None: the shipped data.

    Returns
    -------
    polars.DataFrame, polars.LazyFrame, pyarrow.Table or pandas.DataFrame
        One row per patient with :data:`PATIENT_COLUMNS` [mg OME, days, mg OME/day].

    Raises
    ------
    BatchError
        polars missing, a required column missing, or a table of another kind.
    UnknownTableError
        An unknown table id.
    """
    pl = _polars()
    frame, kind = _to_polars(data)
    lazy = frame if isinstance(frame, pl.LazyFrame) else frame.lazy()
    columns = lazy.collect_schema().names()
    _require(columns)  # as batch_mme, then per_patient, would refuse it
    missing = [c for c in ("patient_id", "days_supply") if c not in columns]
    if missing:
        raise BatchError(f"per patient: missing column(s): {', '.join(missing)}")
    knowledge = resolve(knowledge)
    bup = _Names(columns)("bup")  # a name no input column has, nor any output column
    seen: dict[str, bool] = {}
    rows = _rows(pl, lazy, _table_for(table, knowledge), knowledge, bup=bup, seen=seen)
    result = _patients(pl, rows, pl.col(bup), therapy_days, observation_window_days,
                       ok=pl.col(bup + "_ok"), failed=pl.col(bup + "_failed"),
                       buprenorphine_counted=seen["buprenorphine_counted"])
    if kind == "polars" and isinstance(frame, pl.LazyFrame):
        return result
    return _back(result.collect(), kind)


def _patients(pl: Any, lazy: Any, bup: Any, therapy_days: float | None,
              observation_window_days: float | None, *, ok: Any, failed: Any,
              buprenorphine_counted: bool = True) -> Any:
    """The per-patient query over rows of batch_mme's output; ``bup`` is true in a row of
    buprenorphine, ``ok`` in a row computed, ``failed`` in a row that could not be (one left
    out on purpose, ``not-opioid``, is neither). ``buprenorphine_counted`` False says that no
    row of buprenorphine can be ``ok`` (no factor for it in the table, as in ``cdc2022``):
    then every sum without buprenorphine is the sum with it, and is made once."""
    schema = lazy.collect_schema()
    columns = schema.names()
    name = _Names(columns)
    # therapy days and the observation window: a patient's first row where the table has the
    # column (the _no_bup column, else the plain one); one value for every patient otherwise,
    # set after the group_by (nothing to carry through it)
    windows: dict[str, Any] = {}
    for column, default in (("therapy_days", therapy_days),
                            ("observation_window_days", observation_window_days)):
        plain = column if column in columns else None
        windows[column] = plain or default
        windows[column + "_no_bup"] = (column + "_no_bup" if column + "_no_bup" in columns
                                       else plain) or default
    mme = pl.when(ok).then(pl.col("mme_per_day").cast(pl.Float64)).otherwise(0.0)
    days = pl.when(ok).then(_typed(pl, schema, "days_supply")[0]).otherwise(0.0)
    lazy = lazy.with_columns(
        mme.alias(name("m")), days.alias(name("d")),
        *([bup.alias(name("bup"))] if buprenorphine_counted else []),
        # each patient's rows computed and not are counted from two Boolean columns: a bit a
        # row where the group_by keeps the rows it has not summed yet (50M rows: the job's
        # peak 0.35-0.4 GB lower than with one Int64 column counting both; CPU time the same
        # at 20M rows, up to 4% more at 50M)
        ok.alias(name("ok_row")), failed.alias(name("failed_row")),
    )
    m, d, is_bup = pl.col(name("m")), pl.col(name("d")), pl.col(name("bup"))
    # where the columns without buprenorphine are the same numbers as those with it (the same
    # sums and windows), they are made and rounded once, then copied
    same = not buprenorphine_counted and all(
        windows[column] == windows[column + "_no_bup"]
        for column in ("therapy_days", "observation_window_days"))

    def kept(expression: Any) -> Any:  # a row of buprenorphine adds nothing
        return pl.when(is_bup).then(0.0).otherwise(expression)

    def firsts(suffix: str) -> list[Any]:
        out = []
        for column, short in (("therapy_days", "t"), ("observation_window_days", "w")):
            given = windows[column + suffix]
            if isinstance(given, str):
                out.append(_typed(pl, schema, given)[0].first().alias(name(short + suffix)))
        return out

    # The sums without buprenorphine for every patient, and the buprenorphine rows' own sums
    # apart (few rows, few patients), joined after: the totals are the two added. Three sums
    # per patient fewer in the group_by over every row, whose state per patient and sum is most
    # of the job's peak memory (50M rows: 4.4 → 3.8 GB for the group_by).
    sums = ((m * d, "total_mme"), (d, "total_days"), (m, "mme_def4"))
    bup_sums = [name("b" + column) for _, column in sums]

    def window(short: str, column: str) -> Any:
        given = windows[column]
        return pl.col(name(short)) if isinstance(given, str) else pl.lit(given,
                                                                          dtype=pl.Float64)

    def definitions(suffix: str) -> dict[str, Any]:
        total, total_days = pl.col(f"total_mme{suffix}"), pl.col(f"total_days{suffix}")
        out = {f"mme_def1{suffix}": pl.when(total_days > 0).then(total / total_days)}
        for number, short, column in ((2, "t", "therapy_days"),
                                      (3, "w", "observation_window_days")):
            if windows[column + suffix] is not None:  # else null, nothing to divide by
                out[f"mme_def{number}{suffix}"] = total / window(short + suffix,
                                                                 column + suffix)
        return out

    numbers = [c for c in PATIENT_COLUMNS if c not in ("patient_id", "status", "message")]
    n_ok, n_failed = pl.col(name("ok")), pl.col(name("failed"))
    none_computed = (n_ok == 0) & (n_failed > 0)
    some_failed = n_failed > 0
    counts = (pl.col(name("ok_row")).sum().alias(name("ok")),
              pl.col(name("failed_row")).sum().alias(name("failed")))
    if buprenorphine_counted:
        buprenorphine = (lazy.filter(is_bup).group_by("patient_id")
                         .agg(*[value.sum().alias(b) for (value, _), b in zip(sums, bup_sums,
                                                                            strict=True)]))
        patients = (lazy.group_by("patient_id")
                    .agg(*[kept(value).sum().alias(column + "_no_bup") for value, column in sums],
                         *firsts(""), *firsts("_no_bup"), *counts)
                    .join(buprenorphine, on="patient_id", how="left", nulls_equal=True)
                    .with_columns(*[(pl.col(column + "_no_bup") + pl.col(b).fill_null(0.0))
                                    .alias(column)
                                    for (_, column), b in zip(sums, bup_sums, strict=True)])
                    .drop(*bup_sums))
    else:  # a row of buprenorphine adds 0 to every sum: the sums are made once, then copied
        patients = (lazy.group_by("patient_id")
                    .agg(*[value.sum().alias(column) for value, column in sums],
                         *firsts(""), *([] if same else firsts("_no_bup")), *counts))
    made = [c for c in numbers if not (same and c.endswith("_no_bup"))]
    if not buprenorphine_counted and not same:  # the same sums, their own windows
        patients = patients.with_columns(*[pl.col(column).alias(column + "_no_bup")
                                           for _, column in sums])
    values = {c: pl.col(c) for c in made if c.startswith(("total_", "mme_def4"))}
    values |= definitions("") | ({} if same else definitions("_no_bup"))
    # Sorted with only what the numbers are made of (the sums, the windows, the counts); then,
    # streamed after the sort, the definitions, the roundings, status and message, and the
    # columns that are null or copies. The sums are rounded by round_significant (a sum of
    # sixteenths is kept as it is, bit for bit), the definitions by round_sig_figs; a
    # definition without its window is null (nothing divided or rounded). A patient none of
    # whose rows could be computed has no number (null, never 0).
    nulled = {c: pl.when(none_computed).then(None).otherwise(value)
              for c, value in values.items()}
    sums_rounded = {name("r_" + c): nulled[c] for c in nulled
                    if not c.startswith(("mme_def1", "mme_def2", "mme_def3"))}
    rounded = [pl.col(name("r_" + c)).alias(c) if name("r_" + c) in sums_rounded
               else value.round_sig_figs(_DIGITS).alias(c) for c, value in nulled.items()]
    nulls = [pl.lit(None, dtype=pl.Float64).alias(c) for c in made if c not in values]
    copies = [pl.col(c.removesuffix("_no_bup")).alias(c) for c in numbers if c not in made]
    return (round_significant(pl, patients.sort("patient_id"), sums_rounded, _DIGITS, name)
            .with_columns(
                *rounded, *nulls,
                pl.when(none_computed).then(pl.lit("no-mme"))
                .when(some_failed).then(pl.lit("incomplete"))
                .otherwise(pl.lit("ok")).alias("status"),
                _count_message(pl, n_failed, n_failed + n_ok).alias("message"))
            .with_columns(*copies)
            .select(list(PATIENT_COLUMNS)))


#: The message of a patient some of whose rows could not be computed.
_COUNT_MESSAGE = "{} of {} rows could not be computed (see their status)"
#: A patient with fewer rows than this finds that message in a table made once.
_FEW_ROWS = 32


def _count_message(pl: Any, failed: Any, total: Any) -> Any:
    """A patient's message from the number of its rows that ``failed`` and its ``total``
    (unsigned integers): ``_COUNT_MESSAGE`` where some failed, else empty.

    Looked up in a table of every (failed, total) below ``_FEW_ROWS``, made once, and formatted
    only for the patients with more rows (elsewhere its parts are null): formatting numbers as
    text costs in every patient of a batch where some need it (4M patients, 14% of them with a
    row that failed: 0.19 → 0.07 s of CPU time)."""
    few = (failed > 0) & (total < _FEW_ROWS)
    many = (failed > 0) & (total >= _FEW_ROWS)
    table = pl.Series([_COUNT_MESSAGE.format(f, t) if 0 < f <= t else None
                       for f in range(_FEW_ROWS) for t in range(_FEW_ROWS)], dtype=pl.String)
    return (pl.when(few).then(pl.lit(table).gather(pl.when(few).then(failed * _FEW_ROWS + total)))
            .when(many).then(pl.format(_COUNT_MESSAGE, pl.when(many).then(failed),
                                       pl.when(many).then(total)))
            .otherwise(pl.lit("")))


def batch_dask(ddf: Any, table: str | ConversionTable | None = None, *,
               knowledge: Knowledge | None = None) -> Any:
    """:func:`batch_mme` over a ``dask.dataframe``: each partition through the same function.

    Lazy, and partition-wise to the end: ``batch_dask(ddf).to_parquet(folder)`` has each worker
    write its own partitions (nothing is gathered in one place); ``.compute()`` gathers every
    row in the client, for a result that fits in memory. Factors are looked up per partition
    (once per distinct key in it); rows keep their order within and across partitions. Every
    partition has the dtypes of the result's ``meta`` (what :func:`batch_mme` returns for a
    pandas table), so that writers can rely on one schema. Needs the extra ``mpsdose[dask]``.

    Parameters
    ----------
    ddf
        A ``dask.dataframe.DataFrame`` with the columns of :data:`INPUT_COLUMNS`.
    table
        A conversion table id (default ``cdc2022``) or a loaded table.
    knowledge
        The clinical knowledge to use (pickled to the workers, each of which reads the files
        it uses once); None: the shipped data.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy: every row, plus :data:`OUTPUT_COLUMNS`.

    Raises
    ------
    BatchError
        A required column missing (found from the frame's columns, before any work).
    """
    from dask.dataframe.utils import meta_nonempty  # type: ignore[attr-defined]

    # the result's meta: what batch_mme makes of a few rows of the input's kind (an empty one
    # would not show the kinds of the text columns), with no row
    meta = batch_mme(meta_nonempty(ddf._meta), table, knowledge=knowledge).iloc[:0]
    dtypes = meta.dtypes.to_dict()

    def partition(part: Any) -> Any:
        return batch_mme(part, table, knowledge=knowledge).astype(dtypes)

    return ddf.map_partitions(partition, meta=meta)


@checked
def status_counts(path: str | Path) -> dict[str, int]:
    """How many rows of a written batch file have each ``status`` (``mpsdose batch --json``).

    Parameters
    ----------
    path
        An output of :func:`write_table` (row or per-patient mode), CSV or Parquet.

    Returns
    -------
    dict of str to int
        Rows per status, sorted by status; an empty status is counted as ``""``.
    """
    pl = _polars()
    counted = (read_table(path).group_by("status").agg(pl.len().alias("n"))
               .collect().iter_rows())
    return {str(status or ""): int(n) for status, n in sorted(counted, key=lambda r: str(r[0]))}


def read_table(path: str | Path) -> Any:
    """A CSV or Parquet file as a polars LazyFrame (scanned, not loaded).

    A CSV file is read as text, every column a string (see the module notes): the types of its
    cells cannot change the reading after its first rows, and the columns mpsdose does not read
    come back exactly as written.

    Parameters
    ----------
    path
        A file ending in ``.csv`` or ``.parquet``.

    Returns
    -------
    polars.LazyFrame

    Raises
    ------
    BatchError
        Another extension, or polars missing.
    """
    pl = _polars()
    path = str(path)
    lower = path.lower()
    if lower.endswith(".parquet"):
        return pl.scan_parquet(path)
    if lower.endswith(".csv"):
        return pl.scan_csv(path, infer_schema=False)
    raise BatchError(f"{path}: a batch file ends in .csv or .parquet")


def check_paths(input_path: str | Path, output_path: str | Path) -> None:
    """Refuse an output that is the input file (by path, link or hard link), or that is not
    ``.csv`` or ``.parquet``."""
    if not str(output_path).lower().endswith((".csv", ".parquet")):
        raise BatchError(f"{output_path}: an output file ends in .csv or .parquet")
    source, target = Path(input_path), Path(output_path)
    same = source.resolve() == target.resolve()
    with contextlib.suppress(OSError):
        same = same or os.path.samefile(source, target)
    if same:
        raise BatchError(f"{output_path} is the input file: write the output to another file "
                         "(it would destroy the input)")


#: The zstd level of the Parquet files written (polars's default is 3). Level 2 was measured
#: cheaper and no larger: the per-patient file of 20M rows 0.78x the CPU time of writing it at
#: level 3, 4% smaller; the rows file of 2M rows 0.93x, 3% smaller (benchmarks/bench_patients.py,
#: README "Speed").
_ZSTD_LEVEL = 2


@contextlib.contextmanager
def _atomic(path: str) -> Iterator[str]:
    """A temporary path in the folder of ``path``, renamed to ``path`` only once it is
    complete; removed if anything fails (so no partial file is ever left that looks whole)."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part",
                                             dir=target.parent)
    except OSError as error:
        raise BatchError(f"{path}: cannot write there: {error.strerror or error}") from None
    os.close(handle)
    with into_place(temporary, target):
        yield temporary


def write_table(frame: Any, path: str | Path, *, input_path: str | Path | None = None) -> None:
    """Write a LazyFrame or DataFrame to CSV or Parquet (streaming where polars can), atomically.

    Parameters
    ----------
    frame
        A polars LazyFrame or DataFrame.
    path
        A file ending in ``.csv`` or ``.parquet``; written to a temporary file in its folder and
        renamed into place when complete.
    input_path
        The input file, refused as the output (:func:`check_paths`).

    Raises
    ------
    BatchError
        Another extension, the input file as the output, an output folder that cannot be
        written, or polars missing.
    """
    pl = _polars()
    path = str(path)
    if input_path is not None:
        check_paths(input_path, path)
    elif not path.lower().endswith((".csv", ".parquet")):
        raise BatchError(f"{path}: an output file ends in .csv or .parquet")
    lazy = frame if isinstance(frame, pl.LazyFrame) else frame.lazy()
    with _atomic(path) as temporary:
        if path.lower().endswith(".parquet"):
            lazy.sink_parquet(temporary, compression="zstd", compression_level=_ZSTD_LEVEL)
        else:
            lazy.sink_csv(temporary)


def run_in_chunks(source: Any, output: str, table: str | None, chunk_rows: int,
                  progress: Any = None, *, knowledge: Knowledge | None = None,
                  input_path: str | Path | None = None) -> dict[str, int]:
    """Row mode of ``mpsdose batch``: chunk by chunk from a LazyFrame to CSV or Parquet.

    Memory is bounded by the chunk; ``progress(total_rows)`` may return a click progress bar.
    The output is written to a temporary file and renamed into place when every chunk is in
    (a failure leaves no output, never a partial one).

    Parameters
    ----------
    source
        A polars LazyFrame (:func:`read_table`).
    output
        A file ending in ``.csv`` or ``.parquet``.
    table
        A conversion table id (default ``cdc2022``).
    chunk_rows
        Rows per chunk.
    progress
        Called with the number of rows; may return a progress bar (with ``update``), or None.
    knowledge
        The clinical knowledge to use; None: the shipped data.
    input_path
        The input file, refused as the output (:func:`check_paths`).

    Returns
    -------
    dict of str to int
        The number of rows of each status.

    Raises
    ------
    BatchError
        Another output extension, the input file as the output, or polars missing.
    """
    pl = _polars()
    if input_path is not None:
        check_paths(input_path, output)
    lower = output.lower()
    if not lower.endswith((".csv", ".parquet")):
        raise BatchError(f"{output}: an output file ends in .csv or .parquet")
    total = source.select(pl.len()).collect().item()
    counts: dict[str, int] = {}
    bar = progress(total) if progress is not None else None
    writer = None
    handle = None
    with _atomic(output) as temporary:
        try:
            if bar is not None:
                bar.__enter__()
            if lower.endswith(".csv"):
                handle = open(temporary, "wb")  # noqa: SIM115 - closed in finally
            for offset in range(0, max(total, 1), chunk_rows):
                chunk = batch_mme(source.slice(offset, chunk_rows), table,
                                  knowledge=knowledge).collect()
                for status, n in chunk.group_by("status").len().iter_rows():
                    counts[status] = counts.get(status, 0) + n
                if handle is not None:
                    chunk.write_csv(handle, include_header=offset == 0)
                else:
                    import pyarrow.parquet as pq

                    arrow = chunk.to_arrow()
                    if writer is None:
                        writer = pq.ParquetWriter(temporary, arrow.schema)
                    elif arrow.schema != writer.schema:
                        arrow = arrow.cast(writer.schema)
                    writer.write_table(arrow)
                if bar is not None:
                    bar.update(chunk.height)
        finally:
            if writer is not None:
                writer.close()
            if handle is not None:
                handle.close()
            if bar is not None:
                bar.__exit__(None, None, None)
    if sum(counts.values()) != total:  # pragma: no cover - a guard, not an expected path
        raise BatchError(f"{output}: {sum(counts.values())} rows written of {total}")
    return counts
