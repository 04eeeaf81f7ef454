"""What mpsdose says to an EHR: findings, totals and alternatives as CDS Hooks cards.

One card per warning or error finding of :func:`mpsdose.check` on the regimen the request
describes (drafts and active orders together): ``indicator`` ``warning`` or ``critical``, a
``summary`` under 140 characters, a Markdown ``detail`` with the numbers (each order's daily dose
and OME, the patient's record that was used and what was not known), ``source.label`` and
``source.url`` from the finding's source, a ``uuid``, and ``overrideReasons``. The total OME is
an ``info`` card, which also lists the info findings (one card each would be noise).

Suggestions, where mpsdose has a concrete alternative:

- a PRN opioid in a draft order whose dose is outside the usual share of the scheduled dose
  (``rescue-share``): the rescue dose in range (:func:`mpsdose.clinical.rescue.rescue_for`), as
  an update of that draft;
- a draft opioid of another drug or route than the active opioids, whose dose is a switch that
  is not reduced (findings that :func:`mpsdose.check` gives only with ``previous=`` the active
  orders): the reduced switch dose of :func:`mpsdose.convert`, as an update of that draft. The
  card says "if it replaces …": a request does not say whether a draft replaces an order.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from mpsdose.clinical.dosing import RotationError
from mpsdose.clinical.rescue import rescue_for
from mpsdose.clinical.rotation import Target, convert
from mpsdose.clinical.safety import check
from mpsdose.clinical.summary import Summary, summarize
from mpsdose.io.fhir import regimen_to_fhir
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.errors import MpsdoseError
from mpsdose.model.findings import Finding, Severity
from mpsdose.model.numbers import significant
from mpsdose.model.regimen import Item, Regimen
from mpsdose.serve.hooks import HookInput, Order

__all__ = ["MAX_SUMMARY", "OVERRIDE_SYSTEM", "respond", "source_of", "summary_text"]

#: CDS Hooks: "One-sentence, <140-character summary".
MAX_SUMMARY = 139
#: The code system of mpsdose's override reasons.
OVERRIDE_SYSTEM = "urn:mpsdose:cds-hooks:override-reason"
_REASONS = {
    "palliative-benefit": "Palliative care: the benefit outweighs this risk",
    "opioid-tolerant": "The patient is opioid-tolerant at this dose",
    "will-monitor": "Reviewed: the patient will be monitored closely",
    "specialist-advice": "Specialist palliative care or pain team advice obtained",
    "record-wrong": "The patient data used here are wrong or out of date",
}
#: Reasons offered for overriding a warning, and an error (a hard limit or contraindication).
WARNING_REASONS = ("palliative-benefit", "opioid-tolerant", "will-monitor", "record-wrong")
CRITICAL_REASONS = ("specialist-advice", "record-wrong")
_INDICATOR = {Severity.ERROR: "critical", Severity.WARNING: "warning", Severity.INFO: "info"}
_URL = re.compile(r"https?://[^\s)\]>\"',;]+")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+|!~])")


def md(text: object) -> str:
    """Text from a request or a finding, safe inside Markdown (no links, no HTML, no tables)."""
    return _MARKDOWN.sub(r"\\\1", str(text)).replace("\n", " ")


def summary_text(text: str, limit: int = MAX_SUMMARY) -> str:
    """The first sentence of ``text``, cut at a word under ``limit`` characters with "…"."""
    sentence = re.split(r"(?<=[a-z0-9)%])\. ", text.strip(), maxsplit=1)[0].rstrip(".")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def source_of(text: str) -> dict[str, str]:
    """A card's ``source``: the finding's source as a label, and its first web address as
    ``url``. The grade ([P]/[S]) and the addresses are left out of the label."""
    urls = _URL.findall(text or "")
    label = _URL.sub("", text or "")
    label = re.sub(r"\s*\[[PS]\]", "", label)
    label = re.sub(r"\(\s*\)|\s+", " ", label).strip(" ;,:(")
    first = re.split(r";\s+", label)[0].strip() if label else ""
    if len(first) > 120:
        first = first[:119].rsplit(" ", 1)[0] + "…"
    source = {"label": first or "mpsdose"}
    if urls:
        source["url"] = urls[0].rstrip(".")
    return source


def _reasons(codes: Sequence[str]) -> list[dict[str, str]]:
    return [{"code": code, "system": OVERRIDE_SYSTEM, "display": _REASONS[code]} for code in codes]


@attrs.frozen
class _Suggestion:
    label: str
    order: Order
    item: Item
    detail: str


def respond(given: HookInput, *, table: str | None = None,
            knowledge: Knowledge | None = None) -> list[dict[str, Any]]:
    """The cards for a request: findings (most severe first), suggestions, the total OME."""
    k = resolve(knowledge)
    regimen = given.regimen()
    cards: list[dict[str, Any]] = []
    if given.not_read:
        cards.append(_not_read_card(given))
    if not regimen.items:
        return cards
    summary = summarize(regimen, table, knowledge=k)
    findings = check(regimen, given.patient, table=table, knowledge=k)
    rescue = _rescue_suggestions(given, regimen, findings, k)
    background = _context_markdown(given, summary)
    for finding in findings:
        if finding.severity is Severity.INFO:
            continue
        suggestions = [s for s in rescue if finding.item is not None
                       and s.order.items and finding.item in map(str, s.order.items)]
        cards.append(_finding_card(finding, background, suggestions, k))
    cards.extend(_switch_cards(given, table, background, k))
    if any(i.listed and i.drug.is_opioid for i in regimen.items):
        cards.append(_ome_card(given, summary, findings, background))
    return cards


# -- the cards ------------------------------------------------------------------------------------
def _finding_card(finding: Finding, background: str, suggestions: Sequence[_Suggestion],
                  k: Knowledge, prefix: str = "") -> dict[str, Any]:
    detail = [f"**{md(prefix + finding.message)}**", ""]
    for suggestion in suggestions:
        detail += [f"Suggested: {md(suggestion.detail)}", ""]
    detail += [background, "", f"Rule `{finding.code}`. Source: {md(finding.source or 'mpsdose')}"]
    card: dict[str, Any] = {
        "uuid": str(uuid.uuid4()),
        "summary": summary_text(prefix + finding.message),
        "indicator": _INDICATOR[finding.severity],
        "detail": "\n".join(detail),
        "source": source_of(finding.source),
        "overrideReasons": _reasons(CRITICAL_REASONS if finding.severity is Severity.ERROR
                                    else WARNING_REASONS),
    }
    if suggestions:
        card["selectionBehavior"] = "at-most-one"
        card["suggestions"] = [_suggestion(s, k) for s in suggestions]
    return card


def _suggestion(suggestion: _Suggestion, k: Knowledge) -> dict[str, Any]:
    written = regimen_to_fhir([suggestion.item], knowledge=k)["entry"][0]["resource"]
    resource = dict(suggestion.order.resource)
    resource["dosageInstruction"] = written["dosageInstruction"]
    return {
        "label": suggestion.label[:MAX_SUMMARY],
        "uuid": str(uuid.uuid4()),
        "isRecommended": True,
        "actions": [{"type": "update", "description": suggestion.detail, "resource": resource}],
    }


def _ome_card(given: HookInput, summary: Summary, findings: Iterable[Finding],
              background: str) -> dict[str, Any]:
    equivalent = summary.equivalent
    table = equivalent.table
    scheduled, with_prn = equivalent.scheduled, equivalent.with_prn
    text = f"Total OME {scheduled.format()}"
    if with_prn.format() != scheduled.format():
        text += f", {with_prn.format()} with PRN doses at their maximum"
    text += f" ({table.id})"
    info = [f for f in (*summary.findings, *findings) if f.severity is Severity.INFO]
    detail = [f"**{md(text)}**", "", background]
    if info:
        detail += ["", "Also noted:"]
        detail += [f"- {md(f.message)} ({md(source_of(f.source)['label'])})"
                   for f in dict.fromkeys(info)]
    detail += ["", f"Conversion table {md(table.id)}: {md(table.title)}; {md(table.source)}"]
    return {
        "uuid": str(uuid.uuid4()),
        "summary": summary_text(text),
        "indicator": "info",
        "detail": "\n".join(detail),
        "source": source_of(table.source) | {"label": summary_text(table.title, 100)},
    }


def _not_read_card(given: HookInput) -> dict[str, Any]:
    count = len(given.not_read)
    lines = [f"- {md(reference)}: {md(why)}" for reference, why in given.not_read]
    return {
        "uuid": str(uuid.uuid4()),
        "summary": f"{count} medication order{'s' if count > 1 else ''} could not be read and "
                   "{} not checked".format("were" if count > 1 else "was"),
        "indicator": "info",
        "detail": "\n".join(["mpsdose could not read these orders, so its checks leave them "
                             "out:", "", *lines]),
        "source": {"label": "mpsdose"},
    }


def _context_markdown(given: HookInput, summary: Summary) -> str:
    """The orders with their daily doses and OME, and what was known of the patient."""
    ome = {(id(row.item), row.ingredient.drug.name): row for row in summary.equivalent.items}
    by_item = {id(item): order for order in given.orders for item in order.items}
    rows = ["| Order | Daily dose | OME (mg/day) |", "|---|---|---|"]
    for row in summary.totals.items:
        order = by_item.get(id(row.item))
        status = "draft" if order is not None and order.draft else "active"
        if order is not None and order.reference.split("/")[-1] in given.selected:
            status = "selected"
        equivalent = ome.get((id(row.item), row.drug.name))
        value = "" if equivalent is None else (
            equivalent.ome.format() if equivalent.factor is not None else "no factor")
        rows.append(f"| {md(row.item)} ({status}) | {md(row.daily.format())} | {md(value)} |")
    lines = ["\n".join(rows), ""]
    known = list(given.context)
    unknown = [name for name, value in (("age", given.patient.age),
                                        ("weight", given.patient.weight_kg),
                                        ("creatinine clearance", given.patient.crcl_ml_min),
                                        ("hepatic function", given.patient.hepatic),
                                        ("opioid tolerance", given.patient.opioid_tolerant))
               if value is None]
    lines.append("Patient: " + (md("; ".join(known)) if known else "nothing in the record sent")
                 + ". Not known: " + (", ".join(unknown) or "nothing") + ".")
    if given.outside:
        lines.append("Not checked (outside mpsdose's catalogue): "
                     + md(", ".join(given.outside)) + ".")
    if given.missing:
        lines.append("Not available (neither prefetched nor fetched): "
                     + md(", ".join(given.missing)) + ".")
    return "\n".join(lines)


# -- suggestions ---------------------------------------------------------------------------------
def _rescue_suggestions(given: HookInput, regimen: Regimen, findings: Iterable[Finding],
                        k: Knowledge) -> list[_Suggestion]:
    flagged = {f.item for f in findings if f.code == "rescue-share" and f.item}
    found = []
    for order in given.drafts:
        for item in order.items:
            if str(item) not in flagged or not item.listed:
                continue
            base = sum(i.daily() or 0.0 for i in regimen.items
                       if not i.prn and i.listed and i.drug == item.drug)
            if base <= 0:
                continue
            try:
                rescue = rescue_for(item.drug, item.route, (base, base), knowledge=k)
            except MpsdoseError:
                continue
            if rescue.per_dose[0] <= 0:
                continue
            proposed = attrs.evolve(rescue.item(0), max_prn_per_day=item.max_prn_per_day)
            share = f"{significant(rescue.fraction[0] * 100, 3)}–" \
                    f"{significant(rescue.fraction[1] * 100, 3)}%"
            found.append(_Suggestion(
                f"Rescue {proposed.format()}", order, proposed,
                f"{proposed.format()}: within the usual {share} of {item.drug.name} "
                f"{significant(base, 4)} mg/day [{rescue.source}]"))
    return found


def _switch_cards(given: HookInput, table: str | None, background: str,
                  k: Knowledge) -> list[dict[str, Any]]:
    """Cards for drafts that switch opioid (drug or route) at an unreduced dose."""
    active = given.regimen(given.active)
    old = {(i.drug, i.route) for i in active.items if i.listed and i.drug.is_opioid and not i.prn}
    drafts = [(order, item) for order in given.drafts for item in order.items
              if item.listed and item.drug.is_opioid and not item.prn
              and (item.drug, item.route) not in old]
    if not old or not drafts:
        return []
    others = tuple(i for i in active.items if not (i.listed and i.drug.is_opioid))
    proposed = Regimen(tuple(item for _, item in drafts) + others, patient=given.patient)
    alone = set(check(proposed, given.patient, table=table, knowledge=k))
    switched = [f for f in check(proposed, given.patient, previous=active, table=table,
                                 knowledge=k)
                if f not in alone and f.severity is not Severity.INFO]
    if not switched:
        return []
    names = ", ".join(sorted({f"{i.drug.name} {i.route.value}" for i in active.items
                              if i.listed and i.drug.is_opioid and not i.prn}))
    suggestions = []
    for order, item in drafts:
        try:
            rotation = convert(active, Target(item.drug, item.route, item.release, item.form),
                               patient=given.patient, knowledge=k)
        except (RotationError, MpsdoseError):
            continue
        new, end = rotation.items(0), "the low end of the reduced range"
        if not new:  # the low end is below the smallest strength of this form
            new, end = rotation.items(1), ("the high end of the reduced range (the low end is "
                                           "below the smallest strength)")
        if not new:
            continue
        rescue = f"; rescue {new[1].format()}" if len(new) > 1 else ""
        suggestions.append(_Suggestion(
            f"Reduced switch dose: {new[0].format()}", order, new[0],
            f"{new[0].format()}{rescue}: {rotation.table.id} rotation from {names}, reduced "
            f"for incomplete cross-tolerance and rounded down to what can be given; {end}"))
    prefix = f"If it replaces {names}: "
    return [_finding_card(finding, background, suggestions if index == 0 else [], k, prefix)
            for index, finding in enumerate(switched)]
