"""MME over prescription tables, at the speed of a columnar engine (polars), out of core, on Dask.

One row per prescription or order (CONTRACT.md §5): ``patient_id``, ``drug``, ``route``, ``dose``,
``unit``, ``doses_per_day`` (or ``frequency`` in the item language), ``days_supply``; optional
``form`` (for transmucosal fentanyl: film, spray …), ``therapy_days``,
``observation_window_days`` (per patient, the first row counts), and their ``_no_bup`` variants.
Every input row comes out, in order, with ``daily_dose``, ``daily_dose_unit``, ``factor``,
``mme_per_day``, ``status`` (``ok`` or a short code) and ``message``: no row is ever dropped.

How a row is read, as the NIH HEAL MME calculator reads it: ``single_day_mme = dose ×
doses_per_day × factor``. For a patch (``mcg/h``) ``doses_per_day`` counts the patches worn at
once. Factors are looked up **once per distinct** (drug, route, unit) with the same code as
:func:`mpsdose.oral_morphine_equivalent`, then joined and multiplied as columns; a tiered factor
(methadone in ``cdc2016``) is chosen by the row's daily dose band.

polars (and pyarrow for Parquet) are the optional extra ``mpsdose[batch]``; pandas and pyarrow
tables are accepted and returned in kind.
"""

from __future__ import annotations

from typing import Any

from mpsdose.io.language import parse_frequency
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.knowledge.conversion import ConversionTable
from mpsdose.model.drugs import Catalogue
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.regimen import IMPLAUSIBLE_DOSE_MG
from mpsdose.model.units import SPELLINGS, UNITS, UnitKind
from mpsdose.model.vocabulary import FORMS, Route, parse_route

__all__ = [
    "INPUT_COLUMNS", "OUTPUT_COLUMNS", "PATIENT_COLUMNS", "batch_dask", "batch_mme", "per_patient",
    "read_table", "run_in_chunks", "write_table",
]

INPUT_COLUMNS = ("patient_id", "drug", "route", "dose", "unit", "doses_per_day", "days_supply")
"""The input columns of CONTRACT.md §5 (``frequency`` in the item language may stand for
``doses_per_day``); other columns are kept and passed through."""
OUTPUT_COLUMNS = ("daily_dose", "daily_dose_unit", "factor", "mme_per_day", "status", "message")
"""The columns :func:`batch_mme` adds to every row: a value that cannot be computed is empty
(null), never 0, and ``status``/``message`` say why."""
PATIENT_COLUMNS = ("patient_id", "total_mme", "total_days", "mme_def1", "mme_def2", "mme_def3",
                   "mme_def4", "total_mme_no_bup", "total_days_no_bup", "mme_def1_no_bup",
                   "mme_def2_no_bup", "mme_def3_no_bup", "mme_def4_no_bup")
"""The columns of :func:`per_patient`: NIH HEAL total MME, days and definitions 1–4, and the same
without buprenorphine (``_no_bup``)."""

#: Statuses a row can have besides ``ok``.
STATUSES = ("unknown-drug", "not-opioid", "bad-route", "bad-unit", "no-factor", "bad-dose",
            "bad-frequency", "missing-days-supply")


#: Routes a rate per hour cannot be given by (as in the item language).
_NOT_INFUSED = frozenset({Route.ORAL, Route.SUBLINGUAL, Route.BUCCAL, Route.RECTAL,
                          Route.INTRANASAL})


class BatchError(MpsdoseError, ValueError):
    """A table that cannot be read as a whole (a required column missing, an unknown type).

    A :class:`ValueError`; a row that cannot be computed is not an error but a ``status``.
    """


def _polars() -> Any:
    try:
        import polars
    except ImportError:
        raise BatchError('batch tables need polars: pip install "mpsdose[batch]"') from None
    return polars


# -- one distinct key → its factor rows --------------------------------------------------------
def _key_rows(drug: str | None, route: str | None, unit: str | None, form: str | None,
              table: ConversionTable, books: Catalogue) -> list[dict[str, Any]]:
    """The factor rows for one distinct (drug, route, unit, form): one per band, or one with a
    status. A row for the form wins over a row for any form, as in the per-item look-up."""

    scale: list[float | None] = [None]  # the dose unit's scale, once the unit is known

    def status(code: str, message: str, stage: int = 0) -> list[dict[str, Any]]:
        # ``stage`` orders a key's problem among the row's own dose checks as parse_item meets
        # them: 0 drug and unit, [the dose's magnitude], 1 route, [an implausibly large dose],
        # 2 the unit for the route, 3 the factor — so both report the same first problem
        return [{"_status": code, "_message": message, "_stage": stage, "_factor": None,
                 "_to_unit": None,
                 "_band_min": None, "_band_max": None, "_unit_out": None,
                 "_per_day_scale": scale[0],
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
            "_per_day_scale": per_day_scale, "_source": row.source,
        })
    return out


def _frequency_per_day(text: str | None) -> float | None:
    """Doses a day from a frequency in the item language (``q6h`` → 4), None if not one."""
    if text is None or not str(text).strip():
        return None
    schedule = parse_frequency(str(text))  # the item language's own frequency words
    return None if schedule is None else schedule.doses_per_day


# -- the table ----------------------------------------------------------------------------------
def _to_polars(data: Any) -> tuple[Any, str]:
    pl = _polars()
    if isinstance(data, pl.DataFrame | pl.LazyFrame):
        return data, "polars"
    module = type(data).__module__
    if module.startswith("pyarrow"):
        return pl.from_arrow(data), "pyarrow"
    if module.startswith("pandas"):
        return pl.from_pandas(data), "pandas"
    raise BatchError(f"a batch table is a polars, pyarrow or pandas table, not {type(data)!r}")


def _back(frame: Any, kind: str) -> Any:
    if kind == "pyarrow":
        return frame.to_arrow()
    if kind == "pandas":
        return frame.to_pandas()
    return frame


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
    chosen = knowledge.conversion_table(table)
    columns = lazy.collect_schema().names()
    missing = [c for c in ("drug", "dose", "unit") if c not in columns]
    if "doses_per_day" not in columns and "frequency" not in columns:
        missing.append("doses_per_day (or frequency)")
    if missing:
        raise BatchError(f"missing column(s): {', '.join(missing)}")

    def column(name: str) -> Any:
        return pl.col(name) if name in columns else pl.lit(None)

    # The raw key columns, as written: distinct values are few, so every normalisation and
    # check happens once per distinct key in Python, and the rows only join and multiply.
    keyed = lazy.with_columns(
        column("drug").cast(pl.String).alias("_kd"),
        column("route").cast(pl.String).alias("_kr"),
        column("unit").cast(pl.String).alias("_ku"),
        column("form").cast(pl.String).alias("_kf"),
    )
    key_columns = ["_kd", "_kr", "_ku", "_kf"]
    keys = keyed.select(key_columns).unique().collect()
    lookup_rows = [_lookup_row(drug, route, unit, form, chosen, knowledge.catalogue)
                   for drug, route, unit, form in keys.iter_rows()]
    bands = max((len(row["_bands"]) for row in lookup_rows), default=0)
    schema: dict[str, Any] = {"_kd": pl.String, "_kr": pl.String, "_ku": pl.String,
                              "_kf": pl.String, "_status": pl.String, "_message": pl.String,
                              "_stage": pl.Int8, "_scale": pl.Float64, "_to_unit": pl.Float64,
                              "_unit_out": pl.String}
    for i in range(bands):
        schema |= {f"_lo{i}": pl.Float64, f"_hi{i}": pl.Float64, f"_f{i}": pl.Float64}
    records = []
    for (drug, route, unit, form), row in zip(keys.iter_rows(), lookup_rows, strict=True):
        record = {"_kd": drug, "_kr": route, "_ku": unit, "_kf": form,
                  **{k: v for k, v in row.items() if k != "_bands"}}
        for i in range(bands):
            band = row["_bands"][i] if i < len(row["_bands"]) else (None, None, None)
            record |= {f"_lo{i}": band[0], f"_hi{i}": band[1], f"_f{i}": band[2]}
        records.append(record)
    lookup = pl.DataFrame(records, schema=schema).lazy()
    joined = keyed.join(lookup, on=key_columns, how="left", nulls_equal=True,
                        maintain_order="left")
    dose = column("dose").cast(pl.Float64, strict=False)
    per_day = column("doses_per_day").cast(pl.Float64, strict=False)
    if "frequency" in columns:
        texts = lazy.select(pl.col("frequency").cast(pl.String)).unique().collect()
        mapping = {t: _frequency_per_day(t) for t in texts.to_series().to_list()}
        from_text = pl.col("frequency").cast(pl.String).replace_strict(
            mapping, default=None, return_dtype=pl.Float64)
        per_day = pl.coalesce(per_day, from_text)
    days = column("days_supply").cast(pl.Float64, strict=False)
    amount = dose * per_day * pl.col("_scale") * pl.col("_to_unit")
    factor: Any = pl.lit(None, dtype=pl.Float64)
    for i in reversed(range(bands)):
        applies = ((pl.col(f"_lo{i}").is_null() | (amount > pl.col(f"_lo{i}")))
                   & (pl.col(f"_hi{i}").is_null() | (amount <= pl.col(f"_hi{i}")))
                   & pl.col(f"_f{i}").is_not_null())
        factor = pl.when(applies).then(pl.col(f"_f{i}")).otherwise(factor)
    magnitude = dose.is_null() | dose.is_nan() | (dose <= 0) | dose.is_infinite()
    # the item language's guard against unit slips (see mpsdose.model.regimen)
    implausible = (dose * pl.col("_scale") > IMPLAUSIBLE_DOSE_MG).fill_null(False)
    bad_frequency = per_day.is_null() | (per_day <= 0)
    failed = pl.col("_status") != "ok"
    stage = pl.col("_stage")
    no_days = days.is_null() | (days <= 0)
    dose_message = "dose is missing, zero, negative, not a number or implausibly large"
    frequency_text = column("frequency").cast(pl.String).fill_null("")
    order = [  # (condition, status, message): the first that holds wins, as in parse_item
        (failed & (stage == 0), pl.col("_status"), pl.col("_message")),
        (magnitude, pl.lit("bad-dose"), pl.lit(dose_message)),
        (failed & (stage == 1), pl.col("_status"), pl.col("_message")),
        (implausible, pl.lit("bad-dose"), pl.lit(dose_message)),
        (failed, pl.col("_status"), pl.col("_message")),
        (bad_frequency, pl.lit("bad-frequency"),
         pl.format("doses_per_day or frequency {} not understood", frequency_text)),
        (factor.is_null(), pl.lit("no-factor"),
         pl.lit(f"{chosen.id}: no factor band for this daily dose")),
        (no_days, pl.lit("missing-days-supply"), pl.lit("days_supply is missing or not positive")),
    ]
    status: Any = pl.when(order[0][0]).then(order[0][1])
    message: Any = pl.when(order[0][0]).then(order[0][2])
    for condition, code, text in order[1:]:
        status = status.when(condition).then(code)
        message = message.when(condition).then(text)
    computed = ~failed & ~magnitude & ~implausible & ~bad_frequency
    result = joined.with_columns(
        status.otherwise(pl.lit("ok")).cast(pl.String).alias("status"),
        message.otherwise(pl.lit("")).cast(pl.String).alias("message"),
        pl.when(computed).then(amount).otherwise(None).cast(pl.Float64).alias("daily_dose"),
        pl.when(computed).then(pl.col("_unit_out")).otherwise(None).cast(pl.String)
        .alias("daily_dose_unit"),
        pl.when(~failed).then(factor).otherwise(None).cast(pl.Float64).alias("factor"),
    ).with_columns(
        (pl.col("daily_dose") * pl.col("factor")).alias("mme_per_day"),
    ).select(*columns, *OUTPUT_COLUMNS)
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
        "_unit_out": first["_unit_out"],
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


def per_patient(rows: Any, *, therapy_days: float | None = None,
                observation_window_days: float | None = None,
                knowledge: Knowledge | None = None) -> Any:
    """NIH HEAL MME per patient from :func:`batch_mme` output (rows with status ``ok``).

    ``total_mme`` = Σ mme_per_day × days_supply; ``total_days`` = Σ days_supply;
    definition 1 = total_mme / total_days; 2 = total_mme / therapy days; 3 = total_mme /
    observation window; 4 = Σ mme_per_day. Each again without buprenorphine (``_no_bup``), with
    its own therapy days and window where the ``_no_bup`` columns give them. A patient whose
    only drugs are buprenorphine has ``total_mme_no_bup`` 0, definition 1 null, 2–4 zero.

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
    columns = lazy.collect_schema().names()
    missing = [name for name in ("patient_id", "days_supply", "drug", "status", "mme_per_day")
               if name not in columns]
    if missing:
        raise BatchError(f"per patient: missing column(s): {', '.join(missing)}")
    defaults = {"therapy_days": therapy_days, "observation_window_days": observation_window_days}
    for name, value in defaults.items():
        if name not in columns:
            lazy = lazy.with_columns(pl.lit(value, dtype=pl.Float64).alias(name))
        for suffix in ("_no_bup",):
            if name + suffix not in columns:
                lazy = lazy.with_columns(pl.col(name).alias(name + suffix))
    drugs = lazy.select(pl.col("drug").cast(pl.String)).unique().collect().to_series()
    books = resolve(knowledge).catalogue
    is_bup = {name: _is_buprenorphine(name, books) for name in drugs.to_list()}
    ok = pl.col("status") == "ok"
    bup = pl.col("drug").cast(pl.String).replace_strict(is_bup, default=False,
                                                         return_dtype=pl.Boolean)
    mme = pl.when(ok).then(pl.col("mme_per_day")).otherwise(0.0)
    days = pl.when(ok).then(pl.col("days_supply").cast(pl.Float64)).otherwise(0.0)
    lazy = lazy.with_columns(
        mme.alias("_m"), days.alias("_d"), (mme * days).alias("_md"),
        pl.when(bup).then(0.0).otherwise(mme).alias("_m_nb"),
        pl.when(bup).then(0.0).otherwise(days).alias("_d_nb"),
        pl.when(bup).then(0.0).otherwise(mme * days).alias("_md_nb"),
    )

    def group(suffix: str) -> list[Any]:
        tail = "_nb" if suffix else ""
        return [pl.col("_md" + tail).sum().alias(f"total_mme{suffix}"),
                pl.col("_d" + tail).sum().alias(f"total_days{suffix}"),
                pl.col("_m" + tail).sum().alias(f"mme_def4{suffix}"),
                pl.col("therapy_days" + suffix).first().cast(pl.Float64).alias(f"_t{suffix}"),
                pl.col("observation_window_days" + suffix).first().cast(pl.Float64)
                .alias(f"_w{suffix}")]

    def definitions(suffix: str) -> list[Any]:
        total, total_days = pl.col(f"total_mme{suffix}"), pl.col(f"total_days{suffix}")
        return [pl.when(total_days > 0).then(total / total_days).otherwise(None)
                .alias(f"mme_def1{suffix}"),
                (total / pl.col(f"_t{suffix}")).alias(f"mme_def2{suffix}"),
                (total / pl.col(f"_w{suffix}")).alias(f"mme_def3{suffix}")]

    result = (lazy.group_by("patient_id")
              .agg(*group(""), *group("_no_bup"))
              .with_columns(*definitions(""), *definitions("_no_bup"))
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


def read_table(path: str) -> Any:
    """A CSV or Parquet file as a polars LazyFrame (scanned, not loaded).

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
    lower = path.lower()
    if lower.endswith(".parquet"):
        return pl.scan_parquet(path)
    if lower.endswith(".csv"):
        return pl.scan_csv(path, infer_schema_length=10_000)
    raise BatchError(f"{path}: a batch file ends in .csv or .parquet")


def write_table(frame: Any, path: str) -> None:
    """Write a LazyFrame or DataFrame to CSV or Parquet (streaming where polars can).

    Parameters
    ----------
    frame
        A polars LazyFrame or DataFrame.
    path
        A file ending in ``.csv`` or ``.parquet``.

    Raises
    ------
    BatchError
        Another extension, or polars missing.
    """
    pl = _polars()
    lower = path.lower()
    lazy = frame if isinstance(frame, pl.LazyFrame) else frame.lazy()
    if lower.endswith(".parquet"):
        lazy.sink_parquet(path)
    elif lower.endswith(".csv"):
        lazy.sink_csv(path)
    else:
        raise BatchError(f"{path}: an output file ends in .csv or .parquet")


def run_in_chunks(source: Any, output: str, table: str | None, chunk_rows: int,
                  progress: Any = None, *, knowledge: Knowledge | None = None) -> dict[str, int]:
    """Row mode of ``mpsdose batch``: chunk by chunk from a LazyFrame to CSV or Parquet.

    Memory is bounded by the chunk; ``progress(total_rows)`` may return a click progress bar.

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

    Returns
    -------
    dict of str to int
        The number of rows of each status.

    Raises
    ------
    BatchError
        Another output extension, or polars missing.
    """
    pl = _polars()
    total = source.select(pl.len()).collect().item()
    lower = output.lower()
    if not lower.endswith((".csv", ".parquet")):
        raise BatchError(f"{output}: an output file ends in .csv or .parquet")
    counts: dict[str, int] = {}
    bar = progress(total) if progress is not None else None
    writer = None
    handle = None
    try:
        if bar is not None:
            bar.__enter__()
        if lower.endswith(".csv"):
            handle = open(output, "wb")  # noqa: SIM115 - closed in finally, chunk by chunk
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
                    writer = pq.ParquetWriter(output, arrow.schema)
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
    return counts
