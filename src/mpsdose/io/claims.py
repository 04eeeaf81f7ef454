"""Claims rows in a batch table: a product code and a quantity dispensed instead of a dose.

US pharmacy claims give what was dispensed, not how it is taken: an ``ndc`` (11 digits, or 5-4-2
with hyphens; 4-4-2, 5-3-2 and 5-4-1 are padded to 5-4-2) or an ``rxcui`` (an RxNorm clinical or
branded drug), a ``quantity`` (units as the product is counted: tablets, mL, patches, mcg units)
and a ``days_supply``. The CDC's formula (the NDC/MME file's Documentation sheet)::

    MME/day = strength per unit × (quantity / days supply) × conversion factor

is computed here as a daily amount and then by the same factor look-up as every other row
(:func:`mpsdose.io.batch.batch_mme`): ``dose`` = strength × quantity / days supply, one dose a
day. A patch's strength is its release rate (mcg/h); the file assumes each patch is worn its
``wear_days`` (3 for a fentanyl patch, its Documentation note 1), so the rate worn on average is
strength × quantity × wear days / days supply, and mpsdose's per-mcg/h factor (2.4) applies: the
same number as the file's 7.2 per patch-day.

The products come from ``data/ndc_products.csv`` (the CDC file's opioid NDCs) and
``data/rxnorm_products.csv``. A row's status, before the factor look-up: ``unknown-ndc``,
``unknown-rxcui``, ``no-strength`` (the table has no strength per unit for the product),
``bad-quantity``, ``bad-days-supply``; then the batch's own statuses (``no-factor`` for
buprenorphine in the CDC tables, ``not-opioid``, ``bad-route`` …). A value that cannot be computed
is empty, never 0.

:func:`claims_inputs` is the one hook :mod:`mpsdose.io.batch` calls: it adds, for rows that give
a product, the columns a dose row has (``_c_drug``, ``_c_route``, ``_c_form``, ``_c_dose``,
``_c_unit``, ``_c_doses_per_day``) and a status (``_c_status``, ``_c_message``).
"""

from __future__ import annotations

from typing import Any

from mpsdose.knowledge.bundle import Knowledge
from mpsdose.knowledge.codes import normal_ndc
from mpsdose.model.products import ProductRecord

__all__ = ["CLAIMS_COLUMNS", "CLAIMS_OUTPUT_COLUMNS", "CLAIMS_STATUSES", "claims_inputs",
           "has_claims", "product_of"]

#: Input columns of a claims row (CONTRACT.md §5).
CLAIMS_COLUMNS = ("ndc", "rxcui", "quantity", "days_supply")
#: Columns added to the output of a table with claims rows.
CLAIMS_OUTPUT_COLUMNS = ("product", "product_drug")
#: Statuses a claims row can have before the factor look-up.
CLAIMS_STATUSES = ("unknown-ndc", "unknown-rxcui", "no-strength", "bad-quantity",
                   "bad-days-supply")
#: Strength units of the product tables → (unit of the daily amount written, factor to it).
_DAILY_UNITS = {"mg": ("mg", 1.0), "mg/mL": ("mg", 1.0), "mcg": ("mcg", 1.0),
                "mg/actuat": ("mg", 1.0), "mcg/actuat": ("mcg", 1.0), "mcg/h": ("mcg/h", 1.0),
                "g": ("mg", 1000.0)}


def has_claims(columns: list[str] | tuple[str, ...]) -> bool:
    """True where a table gives products (``ndc`` or ``rxcui``) on some rows."""
    return "ndc" in columns or "rxcui" in columns


def product_of(knowledge: Knowledge, ndc: Any = None, rxcui: Any = None,
               *, ndc_is_number: bool = False) -> dict[str, Any]:
    """What a claims row's product is, for the batch: drug, route, form, strength per unit and
    its unit, days one unit is worn, a name; or a status and message.

    ``ndc_is_number``: the column was read as numbers, which drop an NDC's leading zeros; an
    integer is then read as the 11-digit NDC it was (zero-padded), and the message says so.
    """
    out: dict[str, Any] = {"_c_drug": None, "_c_route": None, "_c_form": None,
                           "_c_strength": None, "_c_unit": None, "_c_wear": None,
                           "_c_product": None, "_c_pstatus": None, "_c_pmessage": ""}
    if ndc is not None and str(ndc).strip():
        written = str(ndc).strip()
        code: str | None
        if ndc_is_number and written.isdigit() and len(written) <= 11:
            code = written.zfill(11)
            out["_c_pmessage"] = f"NDC {written} read as the number of {code} (leading zeros); "
        else:
            code = normal_ndc(written)
        if code is None:
            return out | {"_c_pstatus": "unknown-ndc", "_c_pmessage": (
                f"NDC {written!r} is not 11 digits or 5-4-2 (4-4-2, 5-3-2, 5-4-1) with hyphens")}
        found = knowledge.ndc_products.get(code)
        if found is None:
            return out | {"_c_pstatus": "unknown-ndc",
                          "_c_pmessage": f"NDC {code} is not in ndc_products.csv (the CDC "
                                         "NDC/MME file's opioids)"}
        drug = knowledge.catalogue.get(found.ingredient)
        out |= {"_c_drug": drug.name if drug else found.ingredient,
                "_c_route": found.route.value if found.route else None, "_c_form": found.form,
                "_c_product": found.product, "_c_wear": found.wear_days}
        if found.strength is None or found.unit is None:
            return out | {"_c_pstatus": "no-strength", "_c_pmessage": (
                f"NDC {code} ({found.product}): the CDC file gives no strength per unit")}
        label = f"NDC {code} {found.product}"
        return out | _strength(found.strength, found.unit, label, out["_c_pmessage"])
    if rxcui is not None and str(rxcui).strip():
        code = str(rxcui).strip().removesuffix(".0")
        product = knowledge.rxnorm_products.get(code)
        if product is None:
            return out | {"_c_pstatus": "unknown-rxcui", "_c_pmessage": (
                f"RxCUI {code} is not in rxnorm_products.csv")}
        return out | _rxnorm(knowledge, product, code)
    return out


def _rxnorm(knowledge: Knowledge, product: ProductRecord, code: str) -> dict[str, Any]:
    """The ingredient that counts for MME (the opioid; else the first) of an RxNorm product."""
    books = knowledge.catalogue
    chosen = next((i for i in product.ingredients
                   if (d := books.get(i.ingredient)) is not None and d.is_opioid), None)
    if chosen is None:
        chosen = product.ingredients[0]
    drug = books.get(chosen.ingredient)
    if drug is None:
        from mpsdose.io.products import ingredient_drug

        drug = ingredient_drug(books, chosen.ingredient)
    wear = product.hours / 24.0 if product.hours and chosen.unit == "mcg/h" else None
    out = {"_c_drug": drug.name if drug else chosen.ingredient,
           "_c_route": product.route.value if product.route else None, "_c_form": product.form,
           "_c_product": product.name, "_c_wear": wear}
    return out | _strength(chosen.value, chosen.unit, f"RxCUI {code} {product.name}", "")


def _strength(value: float, unit: str, label: str, prefix: str) -> dict[str, Any]:
    spelled = _DAILY_UNITS.get(unit)
    if spelled is None:
        return {"_c_pstatus": "no-strength", "_c_pmessage": (
            f"{label}: a strength in {unit} does not give an amount per unit dispensed")}
    daily_unit, factor = spelled
    return {"_c_strength": value * factor, "_c_unit": daily_unit, "_c_pstatus": None,
            "_c_pmessage": f"{prefix}{label}: {value * factor:g} {daily_unit} per unit"}


def claims_inputs(lazy: Any, columns: list[str], knowledge: Knowledge) -> Any:
    """The batch hook: ``lazy`` with the dose-row columns of its claims rows (``_c_*``).

    Rows that give neither ``ndc`` nor ``rxcui`` get ``_c_claim`` False and are read as dose
    rows; a claims row gets its product's drug, route and form, ``_c_dose`` = strength ×
    quantity [× wear days] / days supply in ``_c_unit``, one dose a day, and ``_c_status`` where
    it cannot be computed (never a 0).
    """
    import polars as pl

    schema = lazy.collect_schema()
    text_of: dict[str, Any] = {}
    for name in ("ndc", "rxcui"):
        if name in columns:
            text_of[name] = pl.col(name).cast(pl.String).str.strip_chars()
        else:
            text_of[name] = pl.lit(None, dtype=pl.String)
    ndc_is_number = "ndc" in columns and schema["ndc"].is_integer()
    keyed = lazy.with_columns(
        pl.when(text_of["ndc"] == "").then(None).otherwise(text_of["ndc"]).alias("_c_kn"),
        pl.when(text_of["rxcui"] == "").then(None).otherwise(text_of["rxcui"]).alias("_c_kx"),
    )
    keys = keyed.select("_c_kn", "_c_kx").unique().collect()
    records = []
    for ndc, rxcui in keys.iter_rows():
        found = product_of(knowledge, ndc, rxcui, ndc_is_number=ndc_is_number)
        records.append({"_c_kn": ndc, "_c_kx": rxcui, **found})
    lookup_schema = {"_c_kn": pl.String, "_c_kx": pl.String, "_c_drug": pl.String,
                     "_c_route": pl.String, "_c_form": pl.String, "_c_strength": pl.Float64,
                     "_c_unit": pl.String, "_c_wear": pl.Float64, "_c_product": pl.String,
                     "_c_pstatus": pl.String, "_c_pmessage": pl.String}
    lookup = pl.DataFrame(records, schema=lookup_schema).lazy()
    joined = keyed.join(lookup, on=["_c_kn", "_c_kx"], how="left", nulls_equal=True,
                        maintain_order="left")

    def number(name: str) -> Any:
        if name not in columns:
            return pl.lit(None, dtype=pl.Float64)
        return pl.col(name).cast(pl.Float64, strict=False)

    quantity, days = number("quantity"), number("days_supply")
    claim = pl.col("_c_kn").is_not_null() | pl.col("_c_kx").is_not_null()
    bad_quantity = quantity.is_null() | quantity.is_nan() | quantity.is_infinite() | (
        quantity <= 0)
    bad_days = days.is_null() | days.is_nan() | days.is_infinite() | (days <= 0)
    dose = pl.col("_c_strength") * quantity * pl.col("_c_wear").fill_null(1.0) / days
    status = (pl.when(~claim).then(None)
              .when(pl.col("_c_pstatus").is_not_null()).then(pl.col("_c_pstatus"))
              .when(bad_quantity).then(pl.lit("bad-quantity"))
              .when(bad_days).then(pl.lit("bad-days-supply"))
              .otherwise(None))
    message = (pl.when(~claim).then(pl.lit(""))
               .when(pl.col("_c_pstatus").is_not_null()).then(pl.col("_c_pmessage"))
               .when(bad_quantity).then(pl.lit("quantity is missing, zero, negative or not a "
                                               "number"))
               .when(bad_days).then(pl.lit("days_supply is missing, zero, negative or not a "
                                           "number"))
               .otherwise(pl.format("{}; x {} / {} days{}", pl.col("_c_pmessage"),
                                    quantity.cast(pl.String), days.cast(pl.String),
                                    pl.when(pl.col("_c_wear").is_not_null())
                                    .then(pl.format(" x {} days worn per unit",
                                                    pl.col("_c_wear").cast(pl.String)))
                                    .otherwise(pl.lit("")))))
    usable = claim & status.is_null()
    return joined.with_columns(
        claim.alias("_c_claim"),
        status.alias("_c_status"),
        message.alias("_c_message"),
        pl.when(usable).then(dose).otherwise(None).alias("_c_dose"),
        pl.when(claim).then(pl.col("_c_unit")).otherwise(None).alias("_c_unit"),
        pl.when(claim).then(pl.lit(1.0)).otherwise(None).alias("_c_doses_per_day"),
    )

