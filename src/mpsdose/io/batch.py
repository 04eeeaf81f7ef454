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
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
from mpsdose.model.vocabulary import FORMS, Route, parse_route

__all__ = [
    "INPUT_COLUMNS", "INPUT_SCHEMA", "OUTPUT_COLUMNS", "PATIENT_COLUMNS", "BatchError",
    "batch_dask", "batch_mme", "check_paths", "per_patient", "read_table", "run_in_chunks",
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
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
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
    chosen = _table_for(table, knowledge)
    schema = lazy.collect_schema()
    columns = schema.names()
    claims = has_claims(columns)
    if claims:  # claims rows give a product and a quantity (mpsdose.io.claims)
        missing = [c for c in ("quantity", "days_supply") if c not in columns]
    else:
        missing = [c for c in ("drug", "dose", "unit") if c not in columns]
        if "doses_per_day" not in columns and "frequency" not in columns:
            missing.append("doses_per_day (or frequency)")
    if missing:
        raise BatchError(f"missing column(s): {', '.join(missing)}")
    name = _Names(columns)
    typed = {column: _typed(pl, schema, column) for column in INPUT_SCHEMA}
    claim = pl.lit(False)
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

    def why(column: str, fallback: str) -> Any:
        reason = typed[column][1]
        return pl.lit(reason if reason is not None else fallback)

    def unreadable(column: str) -> Any:
        return typed[column][2]

    # The raw key columns, as written: distinct values are few, so every normalisation and
    # check happens once per distinct key in Python, and the rows only join and multiply.
    key_columns = [name("kd"), name("kr"), name("ku"), name("kf")]
    keyed = lazy.with_columns(
        value("drug").alias(name("kd")), value("route").alias(name("kr")),
        value("unit").alias(name("ku")), value("form").alias(name("kf")),
    )
    keys = keyed.select(key_columns).unique().collect()
    lookup_rows = [_lookup_row(drug, route, unit, form, chosen, knowledge.catalogue)
                   for drug, route, unit, form in keys.iter_rows()]
    if typed["drug"][1] is not None:  # a drug column that cannot be read: every row says so
        lookup_rows = [{**row, "_status": "unknown-drug", "_message": typed["drug"][1],
                        "_stage": 0, "_bands": []} for row in lookup_rows]
    bands = max((len(row["_bands"]) for row in lookup_rows), default=0)
    fields = {"status": pl.String, "message": pl.String, "stage": pl.Int8,
              "scale": pl.Float64, "to_unit": pl.Float64, "unit_out": pl.String,
              "kind": pl.String}
    lookup_schema: dict[str, Any] = {column: pl.String for column in key_columns}
    lookup_schema |= {name(field): dtype for field, dtype in fields.items()}
    for i in range(bands):
        lookup_schema |= {name(f"lo{i}"): pl.Float64, name(f"hi{i}"): pl.Float64,
                          name(f"f{i}"): pl.Float64}
    records = []
    for key, row in zip(keys.iter_rows(), lookup_rows, strict=True):
        record = dict(zip(key_columns, key, strict=True))
        record |= {name(field): row["_" + field] for field in fields}
        for i in range(bands):
            band = row["_bands"][i] if i < len(row["_bands"]) else (None, None, None)
            record |= {name(f"lo{i}"): band[0], name(f"hi{i}"): band[1], name(f"f{i}"): band[2]}
        records.append(record)
    lookup = pl.DataFrame(records, schema=lookup_schema).lazy()
    joined = keyed.join(lookup, on=key_columns, how="left", nulls_equal=True,
                        maintain_order="left")

    def col(field: str) -> Any:
        return pl.col(name(field))

    dose = value("dose")
    given = value("doses_per_day")
    frequency = value("frequency")
    unit_kind = col("kind")
    if "frequency" in columns and typed["frequency"][1] is None:
        texts = lazy.select(frequency.alias("f")).unique().collect().to_series().to_list()
        mapping = {t: _frequency_per_day(t) for t in texts if t is not None}
        from_text = frequency.replace_strict(mapping, default=None, return_dtype=pl.Float64)
        continuous = frequency.replace_strict({t: _is_continuous(t) for t in mapping},
                                              default=False, return_dtype=pl.Boolean)
    else:
        from_text = pl.lit(None, dtype=pl.Float64)
        continuous = pl.lit(False)
    written = frequency.str.strip_chars().fill_null("") != ""
    finite = given.is_not_nan() & ~given.is_infinite() & (given > 0)
    garbled = unreadable("doses_per_day")  # "7,5": not a number, and not an empty cell
    # doses a day, by the kind of the dose unit (see the module notes): None where not valid
    per_day = (
        pl.when(unit_kind == "mass").then(pl.coalesce(given, from_text))
        .when(unit_kind == "day").then(pl.lit(1.0))
        .when(unit_kind == "hour").then(pl.coalesce(given, pl.lit(1.0)))
        .otherwise(None)
    )
    per_day_valid = (
        pl.when(unit_kind == "mass").then(pl.when(given.is_not_null()).then(finite)
                                          .otherwise(from_text.is_not_null()))
        .when(unit_kind == "day").then(
            (given.is_null() | (given == 1.0))
            & (~written | continuous | (from_text == 1.0)).fill_null(False))
        .when(unit_kind == "hour").then(given.is_null() | finite)
        .otherwise(False)
    ).fill_null(False) & ~garbled
    frequency_message = (
        pl.when(unit_kind == "day")
        .then(pl.lit("an amount per day is already a daily total: it takes no doses_per_day "
                     "(or only 1) and no frequency"))
        .otherwise(pl.format("doses_per_day {} or frequency {} is not a positive number of "
                             "doses a day", given.cast(pl.String).fill_null("(empty)"),
                             frequency.fill_null("(empty)")))
    )
    if typed["doses_per_day"][1] is not None:
        per_day_valid = pl.lit(False)
        frequency_message = why("doses_per_day", "")
    days = value("days_supply")
    amount = dose * per_day * col("scale") * col("to_unit")
    daily_mg = dose * per_day * col("scale")
    factor: Any = pl.lit(None, dtype=pl.Float64)
    for i in reversed(range(bands)):
        applies = ((col(f"lo{i}").is_null() | (amount > col(f"lo{i}")))
                   & (col(f"hi{i}").is_null() | (amount <= col(f"hi{i}")))
                   & col(f"f{i}").is_not_null())
        factor = pl.when(applies).then(col(f"f{i}")).otherwise(factor)
    magnitude = (dose.is_null() | dose.is_nan() | (dose <= 0) | dose.is_infinite()).fill_null(True)
    # the item language's guards against slips (mpsdose.model.guards): one dose or one day
    implausible = ((dose * col("scale") > IMPLAUSIBLE_DOSE_MG)
                   | (per_day_valid & (daily_mg > IMPLAUSIBLE_DOSE_MG))).fill_null(False)
    failed = col("status") != "ok"
    stage = col("stage")
    no_days = (days.is_null() | days.is_nan() | days.is_infinite() | (days <= 0)).fill_null(True)
    dose_message = why("dose", "dose is missing, zero, negative, not a number or implausibly "
                               "large")
    claim_failed = pl.col("_c_status").is_not_null() if claims else pl.lit(False)
    order = [  # (condition, status, message): the first that holds wins, as in parse_item
        (claim_failed, pl.col("_c_status") if claims else pl.lit(None, dtype=pl.String),
         pl.col("_c_message") if claims else pl.lit("")),
        (failed & (stage == 0), col("status"), col("message")),
        (magnitude, pl.lit("bad-dose"), dose_message),
        (failed & (stage == 1), col("status"), col("message")),
        (implausible, pl.lit("bad-dose"), dose_message),
        (failed, col("status"), col("message")),
        (~per_day_valid, pl.lit("bad-frequency"), frequency_message),
        (factor.is_null(), pl.lit("no-factor"),
         pl.lit(f"{chosen.id}: no factor band for this daily dose")),
        (no_days, pl.lit("missing-days-supply"),
         why("days_supply", "days_supply is missing, not a number or not positive")),
    ]
    status: Any = pl.when(order[0][0]).then(order[0][1])
    message: Any = pl.when(order[0][0]).then(order[0][2])
    for condition, code, text in order[1:]:
        status = status.when(condition).then(code)
        message = message.when(condition).then(text)
    computed = ~failed & ~magnitude & ~implausible & per_day_valid & ~claim_failed
    explained = pl.col("_c_message") if claims else pl.lit("")  # how a claims dose was made
    renames = _renamed_inputs(columns)
    result = joined.with_columns(
        status.otherwise(pl.lit("ok")).cast(pl.String).alias(name("out_status")),
        message.otherwise(explained).cast(pl.String).alias(name("out_message")),
        pl.when(computed).then(amount).otherwise(None).cast(pl.Float64)
        .round_sig_figs(_DIGITS).alias(name("out_daily_dose")),
        pl.when(computed).then(col("unit_out")).otherwise(None).cast(pl.String)
        .alias(name("out_daily_dose_unit")),
        pl.when(~failed).then(factor).otherwise(None).cast(pl.Float64).alias(name("out_factor")),
    ).with_columns(
        (pl.col(name("out_daily_dose")) * pl.col(name("out_factor"))).round_sig_figs(_DIGITS)
        .alias(name("out_mme_per_day")),
    ).select(
        *[pl.col(c).alias(renames.get(c, c)) for c in columns],
        *[pl.col(name(f"out_{c}")).alias(c) for c in OUTPUT_COLUMNS],
        *([pl.col("_c_product").alias("product"), pl.col("_c_drug").alias("product_drug")]
          if claims else []),
    )
    if kind == "polars" and isinstance(frame, pl.LazyFrame):
        return result
    return _back(result.collect(), kind)


def _lookup_row(drug: str | None, route: str | None, unit: str | None, form: str | None,
                table: ConversionTable, books: Catalogue) -> dict[str, Any]:
    """One lookup row for a raw key: its status, unit arithmetic and factor bands."""
    def clean(value: str | None, lower: bool = True) -> str | None:
        if value is None:
            return None
        value = value.strip()
        return (value.lower() if lower else value) or None

    rows = _key_rows(clean(drug), clean(route), clean(unit, lower=False), clean(form), table,
                     books)
    first = rows[0]
    return {
        "_status": first["_status"], "_message": first["_message"], "_stage": first["_stage"],
        "_scale": first["_per_day_scale"], "_to_unit": first["_to_unit"],
        "_unit_out": first["_unit_out"], "_kind": first["_kind"],
        "_bands": [(r["_band_min"], r["_band_max"], r["_factor"]) for r in rows
                   if r["_status"] == "ok"],
    }


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
    name = _Names(columns)
    defaults = {"therapy_days": therapy_days, "observation_window_days": observation_window_days}
    windows: dict[str, Any] = {}
    for column, default in defaults.items():
        for suffix in ("", "_no_bup"):
            given = _typed(pl, schema, column + suffix)[0] if column + suffix in columns \
                else None
            fallback = windows.get(column) if suffix else pl.lit(default, dtype=pl.Float64)
            windows[column + suffix] = fallback if given is None else given
    drugs = lazy.select(drug_name.alias(name("drug"))).unique().collect().to_series()
    books = resolve(knowledge).catalogue
    is_bup = {drug: _is_buprenorphine(drug, books) for drug in drugs.to_list()}
    status = pl.col("status").cast(pl.String)
    ok = status == "ok"
    failed = ~ok & (status != "not-opioid")
    bup = drug_name.replace_strict(is_bup, default=False, return_dtype=pl.Boolean)
    mme = pl.when(ok).then(pl.col("mme_per_day").cast(pl.Float64)).otherwise(0.0)
    days = pl.when(ok).then(_typed(pl, schema, "days_supply")[0]).otherwise(0.0)
    lazy = lazy.with_columns(
        mme.alias(name("m")), days.alias(name("d")), (mme * days).alias(name("md")),
        pl.when(bup).then(0.0).otherwise(mme).alias(name("m_nb")),
        pl.when(bup).then(0.0).otherwise(days).alias(name("d_nb")),
        pl.when(bup).then(0.0).otherwise(mme * days).alias(name("md_nb")),
        ok.cast(pl.Int64).alias(name("ok")), failed.cast(pl.Int64).alias(name("failed")),
        *[expression.alias(name(column)) for column, expression in windows.items()],
    )

    def group(suffix: str) -> list[Any]:
        tail = "_nb" if suffix else ""
        return [pl.col(name("md" + tail)).sum().alias(f"total_mme{suffix}"),
                pl.col(name("d" + tail)).sum().alias(f"total_days{suffix}"),
                pl.col(name("m" + tail)).sum().alias(f"mme_def4{suffix}"),
                pl.col(name("therapy_days" + suffix)).first().alias(name(f"t{suffix}")),
                pl.col(name("observation_window_days" + suffix)).first()
                .alias(name(f"w{suffix}"))]

    def definitions(suffix: str) -> list[Any]:
        total, total_days = pl.col(f"total_mme{suffix}"), pl.col(f"total_days{suffix}")
        return [pl.when(total_days > 0).then(total / total_days).otherwise(None)
                .alias(f"mme_def1{suffix}"),
                (total / pl.col(name(f"t{suffix}"))).alias(f"mme_def2{suffix}"),
                (total / pl.col(name(f"w{suffix}"))).alias(f"mme_def3{suffix}")]

    numbers = [c for c in PATIENT_COLUMNS if c not in ("patient_id", "status", "message")]
    none_computed = (pl.col(name("ok")) == 0) & (pl.col(name("failed")) > 0)
    result = (lazy.group_by("patient_id")
              .agg(*group(""), *group("_no_bup"), pl.col(name("ok")).sum(),
                   pl.col(name("failed")).sum())
              .with_columns(*definitions(""), *definitions("_no_bup"))
              .with_columns(
                  *[pl.when(none_computed).then(None).otherwise(pl.col(c)).round_sig_figs(_DIGITS)
                    .alias(c) for c in numbers],
                  pl.when(none_computed).then(pl.lit("no-mme"))
                  .when(pl.col(name("failed")) > 0).then(pl.lit("incomplete"))
                  .otherwise(pl.lit("ok")).alias("status"),
                  pl.when(pl.col(name("failed")) > 0)
                  .then(pl.format("{} of {} rows could not be computed (see their status)",
                                  pl.col(name("failed")),
                                  pl.col(name("failed")) + pl.col(name("ok"))))
                  .otherwise(pl.lit("")).alias("message"))
              .sort("patient_id")  # a stable order, cheaper than keeping the input's
              .select(list(PATIENT_COLUMNS)))
    if kind == "polars" and isinstance(frame, pl.LazyFrame):
        return result
    return _back(result.collect(), kind)


def batch_dask(ddf: Any, table: str | None = None, *, knowledge: Knowledge | None = None) -> Any:
    """:func:`batch_mme` over a ``dask.dataframe``: each partition through the same function.

    Factors are looked up per partition (once per distinct key in it). Row order is kept within
    and across partitions. Needs the extra ``mpsdose[dask]``.

    Parameters
    ----------
    ddf
        A ``dask.dataframe.DataFrame`` with the columns of :data:`INPUT_COLUMNS`.
    table
        A conversion table id (default ``cdc2022``).
    knowledge
        The clinical knowledge to use (pickled to the workers); None: the shipped data.

    Returns
    -------
    dask.dataframe.DataFrame
        Lazy: ``.compute()`` it. Every row, plus :data:`OUTPUT_COLUMNS`.
    """
    import pandas as pd

    sample = ddf._meta if hasattr(ddf, "_meta") else ddf.head(0)
    meta = batch_mme(pd.DataFrame(sample), table, knowledge=knowledge)
    for column in OUTPUT_COLUMNS:
        if column in ("daily_dose", "factor", "mme_per_day"):
            meta[column] = meta[column].astype("float64")
        else:
            meta[column] = meta[column].astype("object")
    return ddf.map_partitions(lambda part: batch_mme(part, table, knowledge=knowledge),
                              meta=meta)



@checked
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
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # as an ordinary new file (mkstemp makes it 0600)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


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
            lazy.sink_parquet(temporary)
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
