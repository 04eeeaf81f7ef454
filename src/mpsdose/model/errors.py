"""The error tree of mpsdose.

Every deliberate error is an :class:`MpsdoseError` *and* the builtin it resembles, so callers may
catch either (``except LookupError`` still works for an unknown drug). Each carries structured
attributes besides its message, and the message says what was wrong, what is valid and where.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ArgumentError",
    "DataError",
    "DoseError",
    "ItemSyntaxError",
    "MpsdoseError",
    "PatientError",
    "RegimenFileError",
    "RouteError",
    "UnitError",
    "UnknownDrugError",
    "UnknownStateError",
    "UnknownTableError",
]


def _rebuild(cls: type[MpsdoseError], args: tuple[object, ...],
             state: dict[str, object]) -> MpsdoseError:
    """Unpickle an error without calling its ``__init__`` (whose arguments are keywords)."""
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class MpsdoseError(Exception):
    """Base class of every error mpsdose raises on purpose.

    ``exit_code`` is what the CLI exits with when the error reaches it: 2, "the input could not be
    understood" (CONTRACT.md §2). Every error pickles (a Dask worker may raise one), with its
    structured attributes.

    Attributes
    ----------
    exit_code : int
        The CLI's exit code for this error: 2.

    Examples
    --------
    >>> import mpsdose
    >>> try:
    ...     mpsdose.parse_item("oxycodon 10 mg po q12h")
    ... except mpsdose.MpsdoseError as error:
    ...     print(type(error).__name__, isinstance(error, LookupError))
    UnknownDrugError True
    """

    exit_code = 2

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class ArgumentError(MpsdoseError, TypeError):
    """An argument of the wrong type given to the public API (a string where a number is meant,
    ``"no"`` where a bool is meant): refused where it enters, naming the function and argument."""

    def __init__(self, message: str, *, function: str | None = None,
                 argument: str | None = None) -> None:
        self.function = function
        self.argument = argument
        super().__init__(message)


class ItemSyntaxError(MpsdoseError, ValueError):
    """An item string that does not follow the item language (CONTRACT.md §1).

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the item is appended.
    text
        The item as given.
    token
        The part of the item that could not be read, where there is one.
    """

    def __init__(self, message: str, *, text: str, token: str | None = None) -> None:
        self.text = text
        self.token = token
        super().__init__(f"{message} in item {text!r}")


class UnknownDrugError(MpsdoseError, LookupError):
    """A drug name that the catalogue does not know.

    A :class:`LookupError`. Each parameter is kept as an attribute of the same name.

    Where the name is a medicine the knowledge knows besides its catalogue
    (``other_drug_names.csv``, ``drug_vocabulary.csv``), ``medicine`` names it and
    ``medicine_source`` says where it is named: the message says so and gives no suggestions, which
    would name another drug by its spelling (baclofen is not diclofenac).

    Parameters
    ----------
    name
        The name as looked up (lower case).
    suggestions
        The known names close enough to be a misspelling of it, nearest first, one per drug (none
        where ``medicine`` is given; may be empty where none is close enough).
    suggested_drugs
        What each suggestion is, in the same order: its drug's catalogue name and class
        ("citalopram, an antidepressant"; "an opioid" for the drug's own name), so that a name
        near in spelling is never taken for another drug (ISMP). May be shorter than
        ``suggestions`` (a product name is not described).
    text
        The item the name was in.
    medicine
        The medicine the name is (its INN, lower case), where it is one the catalogue lacks.
    medicine_source
        The source that names it as a medicine (a list, label or vocabulary entry).
    """

    def __init__(self, name: str, suggestions: Sequence[str] = (), *, text: str | None = None,
                 medicine: str | None = None, medicine_source: str | None = None,
                 suggested_drugs: Sequence[str] = ()):
        self.name = name
        self.suggestions = () if medicine is not None else tuple(suggestions)
        self.suggested_drugs = tuple(suggested_drugs)[:len(self.suggestions)]
        self.text = text
        self.medicine = medicine
        self.medicine_source = medicine_source
        if medicine is not None:
            message = f"{name!r}"
            if medicine != name:
                message += f" ({medicine})"
            message += " is a medicine mpsdose's catalogue does not cover"
            if medicine_source:
                message += f" ({short_source(medicine_source)})"
            if text is not None and text.strip().lower() != name:
                message += f", in item {text!r}"
            message += (": its dose and interactions cannot be checked; give --allow-unlisted "
                        "(check, total; allow_unlisted=True) to check the rest of the regimen "
                        "with it listed as not checked")
            super().__init__(message)
            return
        message = f"unknown drug {name!r}"
        if text is not None and text.strip().lower() != name:
            message += f" in item {text!r}"
        if self.suggestions:
            described = [*self.suggested_drugs, *[""] * len(self.suggestions)]
            message += "; did you mean " + ", ".join(
                repr(s) + (f" ({d})" if d else "")
                for s, d in zip(self.suggestions, described[:len(self.suggestions)], strict=True)
            ) + "?"
        else:
            message += "; `mpsdose drugs` lists the known drugs"
        super().__init__(message)

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


def short_source(source: str) -> str:
    """A source as a message names it: a vocabulary's identifier ("DrugBank DB00181") where the
    source ends with one, else its first clause ("openFDA NDC record 0527-1330")."""
    _, colon, tail = source.rpartition(": ")
    if colon and tail.startswith("DrugBank DB"):
        return tail
    for mark in (" (", "; ", ", as shipped"):
        source = source.split(mark)[0]
    return source.strip()


class RouteError(MpsdoseError, ValueError):
    """A route that is unknown, missing where it must be written, or not known for the drug.

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the allowed routes and the item are appended.
    route
        The route given.
    allowed
        The routes that would be valid.
    text
        The item.
    """

    def __init__(self, message: str, *, route: str | None = None, allowed: Sequence[str] = (),
                 text: str | None = None) -> None:
        self.route = route
        self.allowed = tuple(allowed)
        self.text = text
        if self.allowed:
            message += "; routes: " + ", ".join(self.allowed)
        if text is not None:
            message += f" (in item {text!r})"
        super().__init__(message)


class UnitError(MpsdoseError, ValueError):
    """A unit that is unknown, refused as dangerous, or of the wrong dimension for the item.

    A :class:`ValueError`. Refused on purpose: ``U``/``IU`` for an opioid, ``cc``, household
    measures, a patch in mg/h. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the allowed units and the item are appended.
    unit
        The unit given.
    allowed
        The units that would be valid here.
    text
        The item.
    """

    def __init__(
        self, message: str, *, unit: str | None = None, allowed: Sequence[str] = (),
        text: str | None = None,
    ) -> None:
        self.unit = unit
        self.allowed = tuple(allowed)
        self.text = text
        if self.allowed:
            message += "; use one of: " + ", ".join(self.allowed)
        if text is not None:
            message += f" (in item {text!r})"
        super().__init__(message)


class DoseError(MpsdoseError, ValueError):
    """A dose that is negative, zero, not a number, or implausibly large.

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the item is appended.
    value
        The value given.
    text
        The item.
    """

    def __init__(self, message: str, *, value: object = None, text: str | None = None) -> None:
        self.value = value
        self.text = text
        if text is not None:
            message += f" (in item {text!r})"
        super().__init__(message)


class PatientError(MpsdoseError, ValueError):
    """Patient context that cannot be right (age 250, a negative CrCl) or that no check knows
    (an unknown condition or setting): refused, never guessed."""

    def __init__(self, message: str, *, field: str, value: object = None,
                 allowed: Sequence[str] = ()) -> None:
        self.field = field
        self.value = value
        self.allowed = tuple(allowed)
        super().__init__(message)


class RegimenFileError(MpsdoseError, ValueError):
    """A regimen or course file that cannot be read: bad syntax, missing keys, bad items.

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the path and place are put before it.
    path
        The file (None: a string or stdin).
    where
        The place in the file (``states[1].items[0]``).
    """

    def __init__(self, message: str, *, path: str | None = None, where: str | None = None):
        self.path = path
        self.where = where
        prefix = path or "<regimen>"
        if where:
            prefix += f" ({where})"
        super().__init__(f"{prefix}: {message}")


class DataError(MpsdoseError, ValueError):
    """A data file (shipped or the user's own) that breaks its schema: file, line and column.

    A :class:`ValueError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    message
        What is wrong; the location is put before it (``dose_limits.csv:17, column max_daily_mg``).
    path
        The file or folder.
    line
        The line of the file, counting the header as 1.
    column
        The column's name.
    """

    def __init__(self, message: str, *, path: str, line: int | None = None,
                 column: str | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        location = path if line is None else f"{path}:{line}"
        if column is not None:
            location += f", column {column}"
        super().__init__(f"{location}: {message}")


class UnknownTableError(MpsdoseError, LookupError):
    """A conversion-table id that is not loaded.

    A :class:`LookupError`. Each parameter is kept as an attribute of the same name.

    Parameters
    ----------
    table
        The id asked for.
    known
        The ids that are loaded (``mpsdose tables`` lists them).
    """

    def __init__(self, table: str, known: Sequence[str], *, reason: str | None = None) -> None:
        self.table = table
        self.known = tuple(known)
        self.reason = reason
        what = f"unknown table {table!r}" if reason is None else f"table {table!r} {reason}"
        super().__init__(f"{what}; known tables: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownStateError(MpsdoseError, KeyError):
    """A state label that a course does not have."""

    def __init__(self, label: str, known: Sequence[str]) -> None:
        self.label = label
        self.known = tuple(known)
        super().__init__(f"no state {label!r}; states: {', '.join(self.known)}")

    def __str__(self) -> str:
        return str(self.args[0])
