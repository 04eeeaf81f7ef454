"""Hand-written polars pipelines that ``batch_mme`` is measured against (never a test).

- :func:`minimal`: what anyone would write first: join to a factor table on the key as written,
  multiply, and a status and a message for each bad row.
- :func:`full_validation`: the library's whole reading written by hand for one known input
  schema (numeric dose columns, text key columns, no ``frequency`` or ``form`` column): names
  resolved through the catalogue, routes and units read as the item language reads them, the
  same checks in the same order with the same messages, the same rounding. Its output equals
  ``batch_mme``'s (``bench_batch.py`` asserts it), so the ratio between the two is the cost of
  the library's generality (any input types, a frequency column, dose bands, pass-through
  columns), nothing else.
"""

from __future__ import annotations

import polars as pl

import mpsdose
from mpsdose.model.guards import IMPLAUSIBLE_DOSE_MG
from mpsdose.model.units import SPELLINGS, UNITS, UnitKind
from mpsdose.model.vocabulary import Route, parse_route

NOT_INFUSED = {Route.ORAL, Route.SUBLINGUAL, Route.BUCCAL, Route.RECTAL, Route.INTRANASAL}
OUTPUT = ["daily_dose", "daily_dose_unit", "factor", "mme_per_day", "status", "message"]


def minimal(frame: pl.DataFrame, factors: pl.DataFrame) -> pl.DataFrame:
    """Join, multiply, and a status and message per bad row."""
    dose, days = pl.col("dose"), pl.col("days_supply")
    daily = dose * pl.col("doses_per_day")
    bad_dose = dose.is_null() | (dose <= 0)
    status = (pl.when(pl.col("factor").is_null()).then(pl.lit("no-factor"))
              .when(bad_dose).then(pl.lit("bad-dose"))
              .when(days.is_null()).then(pl.lit("missing-days-supply"))
              .otherwise(pl.lit("ok")))
    message = (pl.when(pl.col("factor").is_null()).then(pl.lit("no factor for this drug and route"))
               .when(bad_dose).then(pl.lit("dose is missing, zero or negative"))
               .when(days.is_null()).then(pl.lit("days_supply is missing"))
               .otherwise(pl.lit("")))
    return (frame.lazy().join(factors.lazy(), on=["drug", "route", "unit"], how="left",
                              maintain_order="left")
            .with_columns(daily.alias("daily_dose"), status.alias("status"),
                          message.alias("message"))
            .with_columns((pl.col("daily_dose") * pl.col("factor")).alias("mme_per_day"))
            .collect())


def _key(drug: str | None, route: str | None, unit: str | None,
         table: mpsdose.ConversionTable, books: mpsdose.Catalogue) -> dict[str, object]:
    """Status, stage and unit arithmetic of one distinct (drug, route, unit), read as
    ``parse_item`` reads them."""
    def fail(status: str, message: str, stage: int, scale: float | None = None,
             kind: str | None = None) -> dict[str, object]:
        return {"k_status": status, "k_message": message, "k_stage": stage, "k_scale": scale,
                "k_kind": kind, "k_factor": None, "k_to_unit": None, "k_unit_out": None}

    name = (drug or "").strip().lower()
    found = books.get(name)
    if found is None:
        hint = books.suggest(name)
        return fail("unknown-drug", f"unknown drug {name!r}"
                    + (f"; did you mean {', '.join(hint)}?" if hint else ""), 0)
    if not found.is_opioid:
        return fail("not-opioid", f"{found.name} is not an opioid: no MME", 0)
    symbol = SPELLINGS.get((unit or "").strip().lower().replace("hr", "h"))
    if symbol is None or UNITS[symbol].kind not in (UnitKind.MASS, UnitKind.RATE):
        return fail("bad-unit", f"unknown or unusable unit {unit!r}", 0)
    dose_unit = UNITS[symbol]
    kind = "mass" if dose_unit.kind is UnitKind.MASS else "hour" if dose_unit.per_hour else "day"
    scale = dose_unit.scale
    written = (route or "").strip().lower()
    try:
        routed = parse_route(written) if written else found.default_route
    except ValueError:
        return fail("bad-route", f"unknown route {written!r}", 1, scale, kind)
    if routed is None or routed not in found.routes:
        return fail("bad-route", f"{found.name} has no {routed.value} route" if routed else
                    f"{found.name} needs a route", 1, scale, kind)
    if routed is Route.TRANSDERMAL and symbol != "mcg/h":
        return fail("bad-unit", f"a patch is written in mcg/h, not {unit}", 2, scale, kind)
    if dose_unit.per_hour and routed in NOT_INFUSED:
        return fail("bad-unit", f"{unit} is a patch or infusion rate, not a dose of "
                    f"{found.name} {routed.value}", 2, scale, kind)
    factor = table.lookup(found.name, routed)
    if factor is None:
        return fail("no-factor", f"{table.id} has no factor for {found.name} {routed.value}", 3,
                    scale, kind)
    return {"k_status": "ok", "k_message": "", "k_stage": 4, "k_scale": scale, "k_kind": kind,
            "k_factor": factor.factor, "k_to_unit": 1.0 / factor.unit.scale,
            "k_unit_out": factor.unit.symbol}


def full_validation(frame: pl.DataFrame, table_id: str = "cdc2022") -> pl.DataFrame:
    """``batch_mme``'s output for a table of the benchmark's schema, written by hand."""
    table, books = mpsdose.conversion_table(table_id), mpsdose.default_catalogue()
    keys = frame.lazy().select("drug", "route", "unit").unique().collect()
    lookup = pl.DataFrame(
        [{"drug": d, "route": r, "unit": u, **_key(d, r, u, table, books)}
         for d, r, u in keys.iter_rows()],
        schema={"drug": pl.String, "route": pl.String, "unit": pl.String,
                "k_status": pl.String, "k_message": pl.String, "k_stage": pl.Int8,
                "k_scale": pl.Float64, "k_kind": pl.String, "k_factor": pl.Float64,
                "k_to_unit": pl.Float64, "k_unit_out": pl.String})
    dose, given, days = pl.col("dose"), pl.col("doses_per_day"), pl.col("days_supply")
    kind, stage = pl.col("k_kind"), pl.col("k_stage")
    failed = pl.col("k_status") != "ok"
    finite = given.is_finite() & (given > 0)
    per_day = (pl.when(kind == "mass").then(given).when(kind == "day").then(1.0)
               .when(kind == "hour").then(given.fill_null(1.0)))
    per_day_ok = (pl.when(kind == "mass").then(given.is_not_null() & finite)
                  .when(kind == "day").then(given.is_null() | (given == 1.0))
                  .when(kind == "hour").then(given.is_null() | finite)
                  .otherwise(False)).fill_null(False)
    daily_mg = dose * per_day * pl.col("k_scale")
    bad_dose = (dose.is_null() | dose.is_nan() | (dose <= 0) | dose.is_infinite()).fill_null(True)
    implausible = ((dose * pl.col("k_scale") > IMPLAUSIBLE_DOSE_MG)
                   | (per_day_ok & (daily_mg > IMPLAUSIBLE_DOSE_MG))).fill_null(False)
    no_days = (days.is_null() | days.is_nan() | days.is_infinite() | (days <= 0)).fill_null(True)
    dose_text = "dose is missing, zero, negative, not a number or implausibly large"
    per_day_text = (pl.when(kind == "day").then(pl.lit(
        "an amount per day is already a daily total: it takes no doses_per_day (or only 1) "
        "and no frequency")).otherwise(pl.format(
            "doses_per_day {} or frequency (empty) is not a positive number of doses a day",
            given.cast(pl.String).fill_null("(empty)"))))
    status = (pl.when(failed & (stage == 0)).then(pl.col("k_status"))
              .when(bad_dose).then(pl.lit("bad-dose"))
              .when(failed & (stage == 1)).then(pl.col("k_status"))
              .when(implausible).then(pl.lit("bad-dose"))
              .when(failed).then(pl.col("k_status"))
              .when(~per_day_ok).then(pl.lit("bad-frequency"))
              .when(no_days).then(pl.lit("missing-days-supply"))
              .otherwise(pl.lit("ok")))
    message = (pl.when(failed & (stage == 0)).then(pl.col("k_message"))
               .when(bad_dose).then(pl.lit(dose_text))
               .when(failed & (stage == 1)).then(pl.col("k_message"))
               .when(implausible).then(pl.lit(dose_text))
               .when(failed).then(pl.col("k_message"))
               .when(~per_day_ok).then(per_day_text)
               .when(no_days).then(pl.lit(
                   "days_supply is missing, not a number or not positive"))
               .otherwise(pl.lit("")))
    computed = ~failed & ~bad_dose & ~implausible & per_day_ok
    daily = pl.when(computed).then(daily_mg * pl.col("k_to_unit")).round_sig_figs(12)
    return (frame.lazy().join(lookup.lazy(), on=["drug", "route", "unit"], how="left",
                              nulls_equal=True, maintain_order="left")
            .with_columns(daily.alias("daily_dose"),
                          pl.when(computed).then(pl.col("k_unit_out")).alias("daily_dose_unit"),
                          pl.col("k_factor").alias("factor"),
                          status.alias("status"), message.alias("message"))
            .with_columns((pl.col("daily_dose") * pl.col("factor")).round_sig_figs(12)
                          .alias("mme_per_day"))
            .select(*frame.columns, *OUTPUT)
            .collect())
