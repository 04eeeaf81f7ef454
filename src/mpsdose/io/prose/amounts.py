"""An item's numbers from its amount, and the spellings of their units.

Per dose, per day, a range, a rate, a weight-based dose (with the weight the text gives), a
concentration times a volume or a rate, a count of units, a split dose, an amount said again in
brackets — and the item-language amount and schedule. Nothing is invented: a daily amount is
given only where the text gives it; everything else is None with a note saying why.
"""

from __future__ import annotations

import itertools

import attrs

from mpsdose.io.prose.passage import ItemReading
from mpsdose.io.prose.result import Measure
from mpsdose.io.prose.scan import Amount
from mpsdose.model.findings import Severity
from mpsdose.model.numbers import plain
from mpsdose.model.regimen import Schedule, ScheduleKind

__all__ = ["DoseNumbers", "amount_unit", "rate_per_hour", "unit_spelling"]


@attrs.define
class DoseNumbers:
    """The numbers of one item: as written, per dose, per day, and the item-language amount."""

    per_dose: Measure | None = None
    dose_range: tuple[float, float, str] | None = None
    weight_based: Measure | None = None
    frequency: str | None = None
    daily: Measure | None = None
    daily_mg: float | None = None
    max_daily: Measure | None = None
    item_amount: str | None = None
    item_schedule: str | None = None

    @classmethod
    def read(cls, reading: ItemReading, weight: float | None, *, high: bool = False,
             notes: list[tuple[str, str, Severity]], transdermal: bool) -> DoseNumbers:
        """The numbers of an item being read: ``weight`` [kg] for a dose per kg (None where
        the text gives none), ``high`` for the upper end of "from … to …", ``transdermal``
        for a patch; each assumption is added to ``notes``."""
        dose = cls._read(reading, weight, high=high, notes=notes, transdermal=transdermal)
        if reading.per_site is not None and reading.amount is not None:
            dose._per_site(reading.per_site, notes)
        if reading.part_of_unit is not None and reading.amount is not None:
            dose._part_of_unit(reading.part_of_unit, notes)
        return dose

    def _per_site(self, words: str, notes: list[tuple[str, str, Severity]]) -> None:
        """An amount given at each of several sites: kept in the finding, never as the patient's
        dose or day (how many sites is not read)."""
        read = [f"{measure}" if "/" in measure.unit else f"{measure} per dose"
                for measure in (self.per_dose,) if measure is not None]
        read += [f"{plain(self.dose_range[0])}-{plain(self.dose_range[1])} {self.dose_range[2]} "
                 "per dose"] if self.dose_range is not None else []
        read += [f"{self.daily}"] if self.daily is not None else []
        shown = f" ({', '.join(read)} at one site)" if read else ""
        notes.append(("per-site-amount", f"{words!r}: the amount is given at each of several "
                      f"sites{shown}, not the patient's; how many sites is not read: no dose and "
                      "no daily amount", Severity.WARNING))
        self.per_dose = self.dose_range = self.daily = self.daily_mg = self.max_daily = None
        self.item_amount = self.item_schedule = None

    def _part_of_unit(self, words: str, notes: list[tuple[str, str, Severity]]) -> None:
        """Only a part of a dosage unit given: the strength written is the whole unit's, not the
        amount given (a cut patch releases at no rate the text gives): no dose, no daily amount."""
        read = f" ({self.per_dose} is the whole unit's)" if self.per_dose is not None else ""
        notes.append(("part-of-unit", f"{words!r}: only a part of a dosage unit was given{read}; "
                      "the amount given is not said: no dose and no daily amount",
                      Severity.WARNING))
        self.per_dose = self.dose_range = self.daily = self.daily_mg = self.max_daily = None
        self.item_amount = self.item_schedule = None

    @classmethod
    def _read(cls, reading: ItemReading, weight: float | None, *, high: bool = False,
              notes: list[tuple[str, str, Severity]], transdermal: bool) -> DoseNumbers:
        dose = cls()
        amount = reading.amount
        if amount is None:
            return dose
        value = amount.values[reading.value_index] if not high else (amount.high or amount.value)
        if amount.kind == "fromto" and not high:
            value = amount.value
        per = amount.per
        base = amount.base
        schedule = reading.schedule
        dose.frequency = schedule.format() if schedule is not None else reading.schedule_word
        if dose.frequency == "":
            dose.frequency = None
        ranged = amount.kind in ("range", "between") and amount.high is not None
        if reading.split is not None:
            return dose._split(reading, base, notes, transdermal)
        if amount.kind == "divided":
            return dose._divided(reading, base, notes, transdermal)
        if reading.split_unclear is not None:
            dose.per_dose = Measure(value, unit_spelling(base, per))
            notes.append(("split-dose-unclear", reading.split_unclear, Severity.WARNING))
            return dose
        if reading.schedules_contradict is not None:
            dose.per_dose = Measure(value, unit_spelling(base, per))
            dose.frequency = None
            notes.append(("schedules-contradict", f"{reading.schedules_contradict}: two "
                          "schedules that contradict each other; neither is chosen, no daily "
                          "amount", Severity.WARNING))
            return dose
        if reading.n_times_unclear is not None:
            dose.per_dose = Measure(value, unit_spelling(base, per))
            notes.append(("n-times-unclear", f"{reading.n_times_unclear}: not read, no daily "
                          "amount", Severity.INFO))
            return dose
        if reading.units_unread is not None and not (  # "10 mg 1/2 tablet": the fraction's
                reading.unit_fraction is not None
                and reading.units_unread in reading.unit_fraction[1]):
            dose.per_dose = Measure(value, unit_spelling(base, per))
            notes.append(("unit-count-not-read", f"{reading.units_unread!r}: how many units make "
                          "a dose is not read (the amount may be the dose or one unit's): no daily "
                          "amount", Severity.INFO))
            return dose
        # words that make the amount no day's: the dose alone, and the words named
        for code, words, why in (
                ("doses-taken", reading.doses_taken,
                 "a count of doses taken, not a schedule: not read, no daily amount"),
                ("taper-start", reading.taper_start,
                 "the dose a taper or weaning course began at, not the day's amount now, which "
                 "the text does not give: no daily amount"),
                ("peak-rate", reading.peak_rate,
                 "the highest rate a titration reached, held for part of the day at most, not a "
                 "day's amount: no daily amount")):
            if words is not None:
                dose.per_dose = Measure(value, unit_spelling(base, per))
                notes.append((code, f"{words!r}: {why}", Severity.INFO))
                return dose
        if reading.count_before and reading.count is not None:
            each = f"{reading.count_words!r}: " if reading.count_words is not None else ""
            notes.append(("count-times-strength", f"{each}{reading.count} × {plain(value)} "
                          f"{unit_spelling(base, per)} = {plain(value * reading.count)} "
                          f"{unit_spelling(base, per)}", Severity.INFO))
            value = value * reading.count
        if reading.unit_fraction is not None:
            fraction, words = reading.unit_fraction
            notes.append(("fraction-of-unit", f"{words!r}: {plain(round(fraction, 4))} of a "
                          f"{plain(value)} {unit_spelling(base, per)} tablet = "
                          f"{plain(round(value * fraction, 4))} {unit_spelling(base, per)} a dose",
                          Severity.INFO))
            value = round(value * fraction, 4)
        if reading.alt is not None:
            dose._alternative(reading, notes)
            if dose.daily is not None or dose.item_amount is not None:
                dose.per_dose = dose.per_dose or Measure(value, unit_spelling(base, per))
                return dose
        if "m2" in amount.per:  # "15 mg/m2/day": per m² of a body surface the reader does not read
            notes.append(("per-body-surface", "a dose per m² of body surface, which the reader "
                          "does not compute: no daily amount", Severity.INFO))
            return dose
        if amount.per_kg:
            dose.weight_based = Measure(value, unit_spelling(base, per))
            if weight is None:
                notes.append(("weight-based", "a dose per kg, and the text gives no weight: no "
                              "daily amount", Severity.INFO))
                return dose
            if amount.other_weight:  # "1 g per kilogram of ideal body weight"
                notes.append(("weight-based", "a dose per kg of an ideal, lean, adjusted or "
                              "predicted weight, which the text does not give: no daily amount",
                              Severity.INFO))
                return dose
            notes.append(("weight-used", f"per kg × the weight the text gives ({plain(weight)} kg)",
                          Severity.INFO))
            value = value * weight
            per = tuple(p for p in per if p != "kg")
            if per == ("dose",):
                per = ()
            if reading.ceiling is not None and not _within(value, base, per, reading.ceiling):
                # "30mg/kg/day, with a maximum of 1g/day" × 50 kg is above the ceiling: what
                # was given is not said (the ceiling, or a dose the text does not write)
                notes.append(("capped-dose", f"per kg × the weight is {plain(value)} "
                              f"{unit_spelling(base, per)}, and the text sets a ceiling of "
                              f"{plain(reading.ceiling.value)} "
                              f"{unit_spelling(reading.ceiling.base, reading.ceiling.per)}: "
                              "above it, or not comparable with it; the dose given is not said: "
                              "no daily amount", Severity.WARNING))
                return dose
        if per == ("dose",):
            per = ()
        if amount.concentration:
            single = dose._volume_dose(reading, value, base, per, notes)
            if single is None:
                return dose._concentration(reading, value, base, per, notes)
            value, base, per = single[0], single[1], ()  # a dose: read with its schedule
        if ranged:
            dose.dose_range = (value, amount.high or value, unit_spelling(base, per))
            notes.append(("dose-range", "a range: kept as written, no daily amount", Severity.INFO))
            if not any(p in ("day", "h", "min") for p in per) and (reading.prn or schedule):
                dose.item_amount = f"{plain(value)}-{plain(amount.high or value)} {unit_spelling(base, per)}"
                dose.item_schedule = schedule.format() if schedule is not None else None
            return dose
        unit = unit_spelling(base, per)
        dose.per_dose = Measure(value, unit)
        time = next((p for p in per if p in ("h", "day", "min")), None)
        if reading.intermittent is not None and time not in ("h", "min") and not transdermal:
            if time == "day":
                dose.per_dose = Measure(value, unit_spelling(base, tuple(p for p in per if p != "day")))
            words = reading.intermittent
            dose.frequency = f"{dose.frequency}, {words}" if dose.frequency else words
            notes.append(("intermittent", f"{words!r}: an intermittent schedule (given on some "
                          "days only): the amount of a day it is given is not the regimen's daily "
                          "amount; no daily amount", Severity.INFO))
            return dose
        if time is not None:
            return dose._rate(reading, value, base, time, notes, transdermal)
        if transdermal:
            notes.append(("patch-content", "a patch written by its drug content: the release rate "
                          "depends on the product, which the text does not name; no daily amount",
                          Severity.WARNING))
            return dose
        if base not in ("mg", "mcg", "g", "units"):
            return dose
        if reading.count is not None and reading.count > 1 and not reading.count_before:
            notes.append(("count-times-strength", f"{reading.count} units of {plain(value)} "
                          f"{unit} = {plain(value * reading.count)} {unit} a dose",
                          Severity.INFO))
            value = value * reading.count
            dose.per_dose = Measure(value, unit)
        dose.item_amount = f"{plain(value)} {unit}"
        if schedule is not None and schedule.kind is ScheduleKind.ONCE:
            dose.item_schedule = "once"
            notes.append(("single-dose", "a single dose: no daily amount", Severity.INFO))
            return dose
        if reading.lockout is not None:
            dose.item_schedule = f"q{plain(reading.lockout)}min"
            dose.frequency = dose.frequency or dose.item_schedule
        if schedule is not None and schedule.doses_per_day is not None and not reading.prn \
                and reading.schedule_range is not None:
            dose.frequency, dose.item_amount = reading.schedule_range, None
            notes.append(("schedule-range", f"{reading.schedule_range!r}: a range of counts or "
                          "intervals a day; how many doses a day were given is not said: no "
                          "daily amount", Severity.INFO))
            return dose
        if schedule is not None and schedule.doses_per_day is not None:
            dose.item_schedule = schedule.format()
            per_day = schedule.doses_per_day
            total = round(value * per_day, 9)
            if reading.prn:
                dose.max_daily = Measure(total, f"{unit}/day")
                notes.append(("prn-daily-unknown", "an as-needed dose: how many were taken is not "
                              "said; its maximum is given apart", Severity.INFO))
            else:
                dose.daily = Measure(total, f"{unit}/day")
                dose.daily_mg = _mg(total, base)
            return dose
        if schedule is not None and schedule.kind is ScheduleKind.CONTINUOUS:
            dose.item_amount = None
            notes.append(("infusion-without-rate", "an infusion written as an amount without a "
                          "time: no daily amount", Severity.INFO))
            return dose
        if reading.prn:
            notes.append(("prn-daily-unknown", "an as-needed dose: how many were taken is not said",
                          Severity.INFO))
            return dose
        if reading.daily_list and schedule is None:
            notes.append(("daily-list", "one drug's amount in a list the text says is daily: read "
                          "as an amount a day", Severity.INFO))
            return dose._rate(reading, value, base, "day", notes, transdermal)
        if reading.day_amount and schedule is None:
            notes.append(("day-amount", "an amount given on a day of a course told day by day: "
                          "read as that day's amount (how many doses made it is not written)",
                          Severity.INFO))
            return dose._rate(reading, value, base, "day", notes, transdermal)
        if reading.course and schedule is None:
            notes.append(("course-in-list", "a course of days in a list of regimens, with no "
                          "frequency of its own: read as an amount a day", Severity.INFO))
            return dose._rate(reading, value, base, "day", notes, transdermal)
        if reading.schedule_word == "divided" and schedule is None and not reading.bolus \
                and reading.divided_over is None:
            # "diethylcarbamazine (300 mg in three divided doses)": the amount shared among the
            # doses of a day is the day's (prosefix8687, fresh86-009)
            notes.append(("divided-day", "an amount 'in divided doses' with no other schedule: "
                          "the day's amount, shared among its doses", Severity.INFO))
            return dose._rate(reading, value, base, "day", notes, transdermal)
        if reading.bolus or reading.verb_word in ("given", "administered", "injected"):
            dose.item_schedule = dose.frequency = "once"
            notes.append(("single-dose", f"{'a bolus' if reading.bolus else 'given'} with no "
                          "frequency: read as a single dose, no daily amount", Severity.INFO))
            return dose
        dose.item_amount = None
        notes.append(("no-frequency", "a dose with no frequency: the daily amount is not known",
                      Severity.INFO))
        return dose

    def _divided(self, reading: ItemReading, base: str, notes: list[tuple[str, str, Severity]],
                 transdermal: bool) -> DoseNumbers:
        """ "hydrocortisone (10 mg/5 mg/5 mg)", "pregabalin 150-50-150mg daily", "150-150mg
        daily": the doses of one drug through a day, in order — their sum is the day's amount:
        three doses or more with slashes with no schedule, or any with a word of the day
        ("daily") or the same count of doses a day; doses written with hyphens only with such a
        word (a bare "150-150mg" is not said to be a day), and not rising at every step
        ("10-20-30 mg daily": a hyphen also joins a titration's steps). Not as needed,
        intermittent, per kg or at a rate: no daily amount."""
        amount = reading.amount
        assert amount is not None
        parts = amount.values
        schedule = reading.schedule
        per_day = schedule.doses_per_day if schedule is not None else None
        written = ", ".join(f"{plain(value)} {base}" for value in parts)
        day_said = per_day is not None and (per_day == 1 or per_day == len(parts)) \
            and schedule is not None and schedule.kind is not ScheduleKind.ONCE
        if reading.prn or reading.intermittent is not None or amount.per or transdermal \
                or reading.count is not None or (schedule is not None and not day_said) \
                or (reading.schedule_word is not None and schedule is None) \
                or ((len(parts) < 3 or amount.day_needed) and not day_said) \
                or (amount.day_needed and len(parts) >= 3
                    and all(a < b for a, b in itertools.pairwise(parts))):
            notes.append(("divided-doses-unread", f"doses written in order ({written}), and the "
                          "text does not say they make one day: no daily amount", Severity.INFO))
            return self
        total = round(sum(parts), 9)
        notes.append(("divided-doses", f"the doses of one day written in order ({written}): they "
                      f"sum to {plain(total)} {base}/day", Severity.INFO))
        return self._day_of_parts(reading, total, base, len(parts), written, notes, transdermal)

    def _split(self, reading: ItemReading, base: str, notes: list[tuple[str, str, Severity]],
               transdermal: bool) -> DoseNumbers:
        """A dose split over the day: the parts' sum is the day's amount; no one dose."""
        parts = reading.split or ()
        total = round(sum(value for value, _ in parts), 9)
        written = ", ".join(f"{plain(value)} {base} {label}" for value, label in parts)
        notes.append(("split-dose", f"a dose split over the day ({written}): the parts sum to "
                      f"{plain(total)} {base}/day", Severity.INFO))
        return self._day_of_parts(reading, total, base, len(parts), written, notes, transdermal)

    def _day_of_parts(self, reading: ItemReading, total: float, base: str, count: int,
                      written: str, notes: list[tuple[str, str, Severity]],
                      transdermal: bool) -> DoseNumbers:
        """The day's amount of doses given in parts (divided or split): their sum a day, no one
        dose, and a schedule of as many times a day as the parts, with the parts written."""
        self._rate(reading, total, base, "day", notes, transdermal)
        self.per_dose = None
        self.frequency = f"{Schedule.times_per_day(count).format()} ({written})"
        return self

    def _rate(self, reading: ItemReading, value: float, base: str, time: str,
              notes: list[tuple[str, str, Severity]], transdermal: bool) -> DoseNumbers:
        per_hour = {"h": value, "day": value / 24, "min": value * 60}[time]
        if transdermal:
            if base != "mcg" or time != "h":
                notes.append(("patch-rate-unit", f"a patch's release rate is written in mcg/h, not "
                              f"{base}/{time}: no daily amount", Severity.WARNING))
                self.item_amount = None
                return self
            self.daily = Measure(value, "mcg/h")
            self.daily_mg = value * 24 / 1000
            self.item_amount = f"{plain(value)} mcg/h"
            return self
        per_day = per_hour * 24
        unit = {"mg": "mg/day", "mcg": "mcg/day", "g": "g/day", "units": "units/day"}.get(base)
        if unit is None:
            return self
        if reading.prn and not reading.infusion and reading.device is None:
            # "hydromorphone 0.5 mg/h IV as needed", "10 mg/day as needed": how much was taken
            # is not said
            notes.append(("prn-rate", "a rate given as needed, with no infusion or pump said to "
                          "run: how much was taken is not known; no daily amount",
                          Severity.INFO))
            self.item_amount = None
            return self
        self.daily = Measure(round(per_day, 9), unit)
        self.daily_mg = _mg(per_day, base)
        if time == "day":
            self.item_amount = f"{plain(value)} {base}/day"
        elif time == "h":
            self.item_amount = f"{plain(value)} {base}/h"
            self.item_schedule = "continuous"
        else:
            self.item_amount = f"{plain(round(per_hour, 9))} {base}/h"
            self.item_schedule = "continuous"
        if reading.infusion and time == "day":
            self.item_schedule = "continuous"
        return self

    def _volume_dose(self, reading: ItemReading, value: float, base: str, per: tuple[str, ...],
                     notes: list[tuple[str, str, Severity]]) -> tuple[float, str] | None:
        """ "methadone 1 mg/mL, 5 mL twice daily": a concentration times one volume is a dose
        (then read with its schedule like any dose); None when there is no single volume, or a
        rate."""
        if reading.rate_ml_h is not None or reading.volume_ml is None \
                or reading.volume_ml[1] is not None:
            return None
        mg_per_ml, mass = (value * 10, "mg") if base == "%" else (value, base)
        shown = Measure(value, "%") if base == "%" else Measure(value, unit_spelling(base, per))
        volume = reading.volume_ml[0]
        dose = round(mg_per_ml * volume, 9)
        notes.append(("concentration-times-volume", f"{shown} × {plain(volume)} mL = "
                      f"{plain(dose)} {mass}", Severity.INFO))
        return dose, mass

    def _concentration(self, reading: ItemReading, value: float, base: str, per: tuple[str, ...],
                       notes: list[tuple[str, str, Severity]]) -> DoseNumbers:
        if base == "%":
            mg_per_ml, mass = value * 10, "mg"  # 1% w/v = 10 mg/mL
            shown = Measure(value, "%")
        else:
            mg_per_ml, mass = value, base
            shown = Measure(value, unit_spelling(base, per))
        self.per_dose = shown
        if reading.rate_ml_h is not None and reading.rate_ml_h_high is not None:
            # "0.3% ropivacaine at a rate of 4-6 ml/h": a range of rates is no daily amount
            slow, fast = mg_per_ml * reading.rate_ml_h, mg_per_ml * reading.rate_ml_h_high
            notes.append(("concentration-times-rate-range",
                          f"{shown} × {plain(reading.rate_ml_h)}-{plain(reading.rate_ml_h_high)} "
                          f"mL/h = {plain(round(slow, 9))}-{plain(round(fast, 9))} {mass}/h: a range "
                          "of rates, no daily amount", Severity.INFO))
            return self
        if reading.rate_ml_h is not None:
            per_hour = mg_per_ml * reading.rate_ml_h
            self.per_dose = Measure(round(per_hour, 9), f"{mass}/h")
            notes.append(("concentration-times-rate", f"{shown} × {plain(reading.rate_ml_h)} mL/h = "
                          f"{plain(round(per_hour, 9))} {mass}/h", Severity.INFO))
            return self._rate(reading, per_hour, mass, "h", notes, transdermal=False)
        if reading.volume_ml is not None:
            low, high = reading.volume_ml
            if high is not None:
                self.dose_range = (mg_per_ml * low, mg_per_ml * high, mass)
                notes.append(("concentration-times-volume", f"{shown} × {plain(low)}-{plain(high)} mL "
                              "= a range per dose", Severity.INFO))
                if reading.prn or reading.schedule is not None:
                    self.item_amount = f"{plain(mg_per_ml * low)}-{plain(mg_per_ml * high)} {mass}"
                    self.item_schedule = (reading.schedule.format() if reading.schedule is not None
                                          else None)
                return self
        notes.append(("concentration-only", "a concentration with no rate or volume: no dose",
                      Severity.INFO))
        return self

    def _alternative(self, reading: ItemReading, notes: list[tuple[str, str, Severity]]) -> None:
        """The same dose said again in brackets: the more specific of the two is read."""
        main, alt = reading.amount, reading.alt
        assert main is not None and alt is not None
        if alt.per_kg or alt.concentration:
            return  # "(approx. 0.2 mg/kg)": an annotation
        if alt.time == "day" and (main.per_kg or main.time is not None):
            self.weight_based = Measure(main.value, unit_spelling(main.base, main.per)) if main.per_kg \
                else None
            self.daily = Measure(alt.value, unit_spelling(alt.base, ("day",)))
            self.daily_mg = alt.value * {"mg": 1.0, "mcg": 1e-3, "g": 1000.0}.get(alt.base, 1.0)
            self.item_amount = f"{plain(alt.value)} {unit_spelling(alt.base, ('day',))}"
            self.per_dose = Measure(main.value, unit_spelling(main.base, main.per))
            notes.append(("daily-from-brackets", f"daily amount from the bracketed "
                          f"{plain(alt.value)} {unit_spelling(alt.base, ('day',))}", Severity.INFO))
            return


_TO_MG = {"mg": 1.0, "mcg": 1e-3, "g": 1000.0}


def _within(value: float, base: str, per: tuple[str, ...], ceiling: Amount) -> bool:
    """Is a dose (``value`` ``base`` per ``per``, the weight multiplied in) at or below the
    ceiling the text sets for it? Only where both are masses per the same time (a day, an hour,
    a dose); otherwise they are not compared, and the answer is no."""
    ceiling_per = tuple(p for p in ceiling.per if p != "dose")
    time = next((p for p in per if p in ("h", "day", "min")), None)
    if base not in _TO_MG or ceiling.base not in _TO_MG or ceiling.per_kg \
            or ceiling_per != ((time,) if time else ()):
        return False
    return value * _TO_MG[base] <= ceiling.value * _TO_MG[ceiling.base] * (1 + 1e-9)


def _mg(value: float, base: str) -> float | None:
    """An amount in mg; None for one in units of activity, never converted to mg."""
    return value * _TO_MG[base] if base in _TO_MG else None


def amount_unit(amount: Amount) -> str:
    """The unit of an amount as the item language spells it ("mg/day", "mcg/h", "%")."""
    return unit_spelling(amount.base, amount.per)


def unit_spelling(base: str, per: tuple[str, ...]) -> str:
    """A unit as the item language spells it: ``base`` (mg, mcg, g, ml, units or %) per each of ``per``
    ("mg/kg/day")."""
    if base == "%":
        return "%"
    text = {"mg": "mg", "mcg": "mcg", "g": "g", "ml": "mL", "units": "units"}[base]
    for part in per:
        text += "/" + {"ml": "mL", "day": "day", "h": "h", "min": "min", "kg": "kg",
                       "dose": "dose", "m2": "m2"}[part]
    return text


def rate_per_hour(amount: Amount) -> float:
    """An amount per time as an amount per hour (a volume rate's mL/h)."""
    if amount.time == "day":
        return amount.value / 24
    if amount.time == "min":
        return amount.value * 60
    return amount.value
