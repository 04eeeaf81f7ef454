"""Reading FHIR JSON defensively: typed access to what a document may or may not hold.

Real documents carry a list where R4 wants an object, a string where it wants a number, and
fields from other FHIR versions. Every reader in :mod:`mpsdose.io.fhir` goes through these
helpers, so a part of the wrong type is "absent" (with a finding where it matters), never a
``TypeError`` from deep inside. :class:`Notes` collects the findings of one resource, each naming
the resource and the field.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from mpsdose.model.findings import Finding, Severity

__all__ = ["FHIR_R4", "Notes", "codings", "concept_texts", "mapping", "number", "sequence",
           "text"]

#: Cited by the findings that apply a rule of the specification itself.
FHIR_R4 = "HL7 FHIR R4 (4.0.1), http://hl7.org/fhir/R4/"


def mapping(value: Any) -> Mapping[str, Any]:
    """``value`` if it is a JSON object, else an empty one."""
    return value if isinstance(value, Mapping) else {}


def sequence(value: Any) -> list[Any]:
    """``value`` as a list: a list as is, a single object as a list of one, anything else empty."""
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping):
        return [value]
    return []


def number(value: Any) -> float | None:
    """A finite JSON number (not a boolean), or a numeric string; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        try:
            result = float(value)
        except OverflowError:  # a 400-digit JSON integer
            return None
    elif isinstance(value, str):
        try:
            result = float(value.strip())
        except (ValueError, OverflowError):
            return None
    else:
        return None
    return result if math.isfinite(result) else None


def text(value: Any) -> str | None:
    """A non-empty string (stripped), or None."""
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def codings(concept: Any) -> Iterator[tuple[str, str, str]]:
    """``(system, code, display)`` of each coding of a CodeableConcept (strings, may be empty)."""
    for coding in sequence(mapping(concept).get("coding")):
        coding = mapping(coding)
        yield (str(text(coding.get("system")) or "").rstrip("/"),
               str(text(coding.get("code")) or ""), str(text(coding.get("display")) or ""))


def concept_texts(concept: Any) -> list[str]:
    """The text and every display of a CodeableConcept, in that order, without repeats."""
    seen: list[str] = []
    for candidate in [text(mapping(concept).get("text"))] + [d for _, _, d in codings(concept)]:
        if candidate and candidate not in seen:
            seen.append(candidate)
    return seen


@attrs.define
class Notes:
    """The findings of one resource; each names the resource (``MedicationRequest/123``)."""

    resource: str
    findings: list[Finding] = attrs.field(factory=list)

    def add(self, severity: Severity, code: str, field: str | None, message: str,
            source: str = "") -> None:
        where = f"{self.resource} {field}" if field else self.resource
        self.findings.append(Finding(severity, code, f"{where}: {message}", source,
                                     item=self.resource))

    def info(self, code: str, field: str | None, message: str, source: str = "") -> None:
        self.add(Severity.INFO, code, field, message, source)

    def warn(self, code: str, field: str | None, message: str, source: str = "") -> None:
        self.add(Severity.WARNING, code, field, message, source)
