"""The machine contract as files: a JSON Schema (draft 2020-12) for every ``--json`` document.

Each document mpsdose prints with ``--json`` — one per command, and the error document — has a
schema file in ``mpsdose/present/schemas/<name>.schema.json``, shipped in the wheel and read with
:mod:`importlib.resources`. :func:`json_schema` returns it whole (``mpsdose schema NAME`` prints
it); :func:`error_json` builds the error document that a command run with ``--json`` prints on
stdout when it fails (CONTRACT.md §2).

Adding a schema (a new command with ``--json``, e.g. ``read``):

1. write ``schemas/read.schema.json``: ``"$id": "urn:mpsdose:schema:read"``, a ``description``
   saying which objects are closed (``additionalProperties: false``) and why, and
   ``"schema": {"$ref": "urn:mpsdose:schema:common#/$defs/schema_version"}``; reuse the shared
   definitions of ``schemas/common.schema.json`` (findings, table info, totals, routes …) by
   ``$ref`` to ``urn:mpsdose:schema:common#/$defs/NAME``;
2. add ``"read"`` to :data:`DOCUMENTS` below — the one place a name is registered.

``tests/test_contract.py`` then checks that the file is a valid schema, that the command's
output validates against it, and that every command with ``--json`` has one.

The schema files refer to the shared definitions by URN; :func:`json_schema` returns a
self-contained *compound document* (JSON Schema 2020-12 §9.3): the shared resource embedded under
``$defs`` with its own ``$id``, which any 2020-12 validator resolves without a registry.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from typing import Any

from mpsdose.model.errors import MpsdoseError

__all__ = [
    "COMMON_ID",
    "DOCUMENTS",
    "SCHEMA_VERSION",
    "UnknownSchemaError",
    "error_json",
    "json_schema",
]

#: The ``schema`` key of every ``--json`` document (CONTRACT.md §2). The schema files name it once,
#: in ``common.schema.json`` (``$defs/schema_version``); a test checks the two agree.
SCHEMA_VERSION = "mpsdose/1"

#: The documents that have a JSON Schema: every command with ``--json``, and ``error`` (what a
#: command run with ``--json`` prints on stdout when it fails). Register a new one here, and put
#: its file in ``schemas/`` (see the module docstring).
DOCUMENTS: tuple[str, ...] = (
    "batch",
    "check",
    "compare",
    "convert",
    "drugs",
    "error",
    "methadone",
    "read",
    "tables",
    "total",
)

#: The ``$id`` of the shared definitions (``schemas/common.schema.json``).
COMMON_ID = "urn:mpsdose:schema:common"


class UnknownSchemaError(MpsdoseError, LookupError):
    """A document name that has no JSON Schema; lists the names that have one."""

    def __init__(self, name: str, known: tuple[str, ...] = DOCUMENTS) -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"no JSON Schema for {name!r}; schemas: {', '.join(self.known)}")

    def __str__(self) -> str:  # LookupError would otherwise repr() the message
        return str(self.args[0])


@functools.cache
def _text(name: str) -> str:
    from importlib import resources  # ~10 ms: only when a schema is read, not at CLI start

    path = resources.files("mpsdose.present").joinpath("schemas", f"{name}.schema.json")
    return path.read_text(encoding="utf-8")


def json_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one ``--json`` document, self-contained.

    Parameters
    ----------
    name
        A command with ``--json`` (``total``, ``check``, ``convert``, ``methadone``, ``compare``,
        ``tables``, ``drugs``) or ``error``; :data:`DOCUMENTS` lists them.

    Returns
    -------
    dict
        A fresh copy of the schema: the file as shipped, with the shared definitions it refers
        to embedded under ``$defs`` (a compound document).

    Raises
    ------
    UnknownSchemaError
        ``name`` has no schema (a ``LookupError``; the message lists the names that have one).

    Examples
    --------
    >>> import mpsdose
    >>> schema = mpsdose.json_schema("total")
    >>> schema["$schema"]
    'https://json-schema.org/draft/2020-12/schema'
    """
    if name not in DOCUMENTS:
        raise UnknownSchemaError(name)
    import json  # not at start-up: only the schema command and --json need it

    schema: dict[str, Any] = json.loads(_text(name))
    if COMMON_ID in _text(name):
        schema.setdefault("$defs", {})[COMMON_ID] = json.loads(_text("common"))
    return schema


def _plain(value: Any) -> Any:
    """A structured attribute of an error as JSON: numbers, text, lists, objects; a number that
    JSON cannot hold (NaN, infinity) and any other object as its text."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    to_json = getattr(value, "to_json", None)
    if callable(to_json):  # a Finding
        return _plain(to_json())
    return str(value)


_RESERVED = frozenset({"type", "message", "exit_code", "param", "cause"})


def _error_object(error: BaseException, message: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "type": type(error).__name__,
        "message": str(error) if message is None else message,
    }
    for key, value in vars(error).items():
        if not key.startswith("_") and key not in _RESERVED:
            entry[key] = _plain(value)
    return entry


def error_json(error: BaseException, exit_code: int, *, message: str | None = None,
               usage: bool = False, param: str | None = None) -> dict[str, Any]:
    """The error document a command run with ``--json`` prints on stdout when it fails.

    ``{"schema": "mpsdose/1", "error": {"type", "message", "exit_code", ...}}``: ``type`` is the
    error's class (:class:`~mpsdose.model.errors.MpsdoseError` subclasses; ``UsageError`` for a
    command line that could not be parsed), ``message`` the text of the one stderr line, and the
    error's structured attributes beside them (``text``, ``suggestions``, ``path``, ``line`` …).
    A usage error caused by an :class:`MpsdoseError` (a malformed ``--knowledge`` folder) carries
    that error, with its attributes, as ``cause``. The schema is ``json_schema("error")``.

    Parameters
    ----------
    error
        The exception that ended the command.
    exit_code
        The exit code the command ends with (unchanged by ``--json``).
    message
        The message as the stderr line gives it (default: ``str(error)``).
    usage
        True for an error of the command line itself (click's usage errors).
    param
        For a usage error, the option or argument at fault (``--knowledge``), if known.
    """
    if usage:
        entry: dict[str, Any] = {"type": "UsageError",
                                 "message": str(error) if message is None else message}
        if param is not None:
            entry["param"] = param
        cause = error.__cause__ or error.__context__
        if isinstance(cause, MpsdoseError):
            entry["cause"] = _error_object(cause)
    else:
        entry = _error_object(error, message)
    entry["exit_code"] = exit_code
    return {"schema": SCHEMA_VERSION, "error": entry}
