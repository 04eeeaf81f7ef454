"""The one check at the edge of the public API: arguments of the wrong type are refused there.

``@checked`` reads a function's annotations once (on its first call) and checks every argument
against them before the function runs: a string where a number is meant, ``"no"`` where a bool
is meant, a list of strings where a regimen is meant become an :class:`ArgumentError` (an
:class:`~mpsdose.model.errors.MpsdoseError` and a :class:`TypeError`) that names the function,
the argument, what it must be and what it was — never a TypeError, AttributeError or KeyError
from deep inside.

The check is strict where a loose reading could be wrong (a bool is not a number; ``"false"``
is not a bool; a string is not a list of items), and converts only where nothing can be lost: an
``int`` where a ``float`` is meant, any iterable where an iterable of items is meant (made a tuple
once, so a generator is not consumed twice). It is cheap (a few isinstance checks); pint and the
other heavy modules are never imported by it.

attrs value objects check their own fields with :func:`field_check` validators, which raise the
same error.
"""

from __future__ import annotations

import collections.abc
import functools
import inspect
import math
import os
import types
import typing
from collections.abc import Callable
from typing import Any, TypeVar

from mpsdose.model.errors import ArgumentError

__all__ = ["checked", "describe", "field_check"]

F = TypeVar("F", bound=Callable[..., Any])

_Check = Callable[[Any], Any]  # returns the (possibly converted) value or raises _Refused


class _Refused(Exception):
    """Internal: a value that does not fit its annotation."""


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _float(value: Any) -> Any:
    if not _is_number(value):
        # numpy and decimal numbers are numbers too; bools and strings are not
        if isinstance(value, bool | str | bytes) or not hasattr(value, "__float__"):
            raise _Refused
        try:
            value = float(value)
        except (TypeError, ValueError, OverflowError):
            raise _Refused from None
    if isinstance(value, int):
        try:
            value = float(value)
        except OverflowError:
            raise _Refused from None
    if not math.isfinite(value):  # NaN and infinity mean nothing to any function here
        raise _Refused
    return value


def _int(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Refused
    return value


def _exact(kind: type) -> _Check:
    def check(value: Any) -> Any:
        if not isinstance(value, kind):
            raise _Refused
        return value

    check.exact = kind  # type: ignore[attr-defined] # what _union may accept at once
    return check


def _bool(value: Any) -> Any:
    if not isinstance(value, bool):
        raise _Refused
    return value


def _path(value: Any) -> Any:
    if isinstance(value, str | os.PathLike):
        return value
    raise _Refused


def _anything(value: Any) -> Any:
    return value


def _union(checks: list[_Check]) -> _Check:
    # The leading members that accept a value as it is (a class, None): a value of one of them
    # is accepted at once, as trying the members in order would (no earlier member converts it).
    leading: list[type] = []
    for one in checks:
        kind = getattr(one, "exact", None)
        if kind is None:
            break
        leading.append(kind)
    accepted = tuple(leading)

    def check(value: Any) -> Any:
        if isinstance(value, accepted):
            return value
        for one in checks:
            try:
                return one(value)
            except _Refused:
                continue
        raise _Refused

    return check


def _none(value: Any) -> Any:
    if value is not None:
        raise _Refused
    return None


_none.exact = type(None)  # type: ignore[attr-defined]


def _iterable(element: _Check, *, sequence: bool = False) -> _Check:
    def check(value: Any) -> Any:
        if isinstance(value, str | bytes | collections.abc.Mapping):
            raise _Refused  # a string is not a list of items (it would be read letter by letter)
        if sequence and not isinstance(value, collections.abc.Sequence):
            raise _Refused
        if not isinstance(value, collections.abc.Iterable):
            raise _Refused
        try:
            values = tuple(value)
        except TypeError:
            raise _Refused from None
        return tuple(element(v) for v in values)

    return check


def _fixed_tuple(elements: list[_Check]) -> _Check:
    def check(value: Any) -> Any:
        if not isinstance(value, tuple | list) or len(value) != len(elements):
            raise _Refused
        return tuple(one(v) for one, v in zip(elements, value, strict=True))

    return check


def _mapping(value: Any) -> Any:
    if not isinstance(value, collections.abc.Mapping):
        raise _Refused
    return value


def _literal(choices: tuple[Any, ...]) -> _Check:
    def check(value: Any) -> Any:
        if not any(value == choice and type(value) is type(choice) for choice in choices):
            raise _Refused
        return value

    return check


def _is_path(annotation: Any) -> bool:
    """Whether an annotation is :class:`pathlib.Path` (told without importing pathlib, which
    costs start-up time; an annotation naming it has imported it)."""
    return isinstance(annotation, type) and annotation.__name__ == "Path" and \
        annotation.__module__ == "pathlib"


def _compile(annotation: Any) -> _Check:
    """A check for one annotation; anything not understood is let through (never a false no)."""
    if annotation is Any or annotation is object or annotation is inspect.Parameter.empty:
        return _anything
    if annotation is None or annotation is type(None):
        return _none
    if annotation is float:
        return _float
    if annotation is bool:
        return _bool
    if annotation is int:
        return _int
    if annotation is str:
        return _exact(str)
    if _is_path(annotation):
        return _path
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Union or origin is types.UnionType:
        return _union([_compile(a) for a in arguments])
    if origin is typing.Literal:
        return _literal(arguments)
    if origin in (collections.abc.Iterable, collections.abc.Collection):
        return _iterable(_compile(arguments[0]) if arguments else _anything)
    if origin is collections.abc.Sequence:
        return _iterable(_compile(arguments[0]) if arguments else _anything, sequence=True)
    if origin is tuple:
        if len(arguments) == 2 and arguments[1] is Ellipsis:
            return _iterable(_compile(arguments[0]), sequence=True)
        return _fixed_tuple([_compile(a) for a in arguments])
    if origin in (collections.abc.Mapping, dict):
        return _mapping
    if isinstance(annotation, type):
        return _exact(annotation)
    return _anything


def describe(annotation: Any) -> str:
    """An annotation in words for a message: ``a Regimen or an iterable of Item``."""
    if annotation is None or annotation is type(None):
        return "None"
    if annotation is float:
        return "a finite number"
    if annotation is bool:
        return "True or False"
    if annotation is int:
        return "a whole number"
    if annotation is str:
        return "a string"
    if _is_path(annotation):
        return "a path"
    origin = typing.get_origin(annotation)
    arguments = typing.get_args(annotation)
    if origin is typing.Union or origin is types.UnionType:
        words = [describe(a) for a in arguments if a is not type(None)]
        if type(None) in arguments:
            words.append("None")
        return " or ".join(dict.fromkeys(words))
    if origin is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in arguments)
    if origin in (collections.abc.Iterable, collections.abc.Sequence, collections.abc.Collection,
                  tuple):
        inner = describe(arguments[0]) if arguments else "values"
        return f"a list of {inner.removeprefix('a ').removeprefix('an ')}"
    if origin in (collections.abc.Mapping, dict):
        return "a mapping (dict)"
    if isinstance(annotation, type):
        name = annotation.__name__
        return ("an " if name[0].lower() in "aeiou" else "a ") + name
    return str(annotation)


def _hints(function: Callable[..., Any]) -> dict[str, Any]:
    """The resolved annotations of a function; one that cannot be resolved is left out."""
    try:
        return typing.get_type_hints(function)
    except Exception:  # a name only imported for type checking: resolve one by one
        namespace = dict(getattr(function, "__globals__", {}))
        if "Path" not in namespace:  # imported for type checking only, to start up faster
            from pathlib import Path

            namespace["Path"] = Path
        hints = {}
        for name, text in getattr(function, "__annotations__", {}).items():
            try:
                hints[name] = eval(text, namespace) if isinstance(text, str) else text
            except Exception:
                continue
        return hints


class _Plan:
    """How to check a function's arguments: worked out on its first call (reading signatures
    and annotations at import would cost every command's start-up)."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.signature = inspect.signature(function)
        hints = _hints(function)
        parameters = list(self.signature.parameters.values())
        self.checks = [(p.name, _compile(hints[p.name]), hints[p.name]) for p in parameters
                       if p.name in hints and p.name not in ("self", "cls")]
        # The common call (positional arguments, then keywords, no *args or **kwargs) is
        # checked without binding a signature: position → name, and the names allowed.
        simple = all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in parameters)
        self.positional = [p.name for p in parameters
                           if p.kind is p.POSITIONAL_OR_KEYWORD] if simple else None
        self.names = frozenset(p.name for p in parameters)
        self.required = frozenset(p.name for p in parameters if p.default is p.empty)
        # the commonest call of all, positional arguments only: each position's check
        checks = {name: (check, annotation) for name, check, annotation in self.checks}
        self.by_position = [(name, *checks.get(name, (None, None)))
                            for name in self.positional or ()]
        self.fewest = sum(1 for p in parameters if p.kind is p.POSITIONAL_OR_KEYWORD
                          and p.default is p.empty)
        self.no_keyword_only_required = not any(
            p.kind is p.KEYWORD_ONLY and p.default is p.empty for p in parameters)


def checked(function: F) -> F:
    """Check a public function's arguments against its annotations (see the module notes)."""
    plan: _Plan | None = None
    name = function.__qualname__

    def refuse(parameter: str, value: Any, annotation: Any) -> ArgumentError:
        return ArgumentError(
            f"{name}(): {parameter} must be {describe(annotation)}, not "
            f"{type(value).__name__} {_short(value)}", function=name, argument=parameter)

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal plan
        if plan is None:
            plan = _Plan(function)
        positional = plan.positional
        if not kwargs and positional is not None and plan.no_keyword_only_required and \
                plan.fewest <= len(args) <= len(positional):
            values = list(args)
            for i, (parameter, check, annotation) in enumerate(plan.by_position[:len(args)]):
                if check is not None:
                    try:
                        values[i] = check(values[i])
                    except _Refused:
                        raise refuse(parameter, values[i], annotation) from None
            return function(*values)
        if positional is not None and len(args) <= len(positional) and \
                kwargs.keys() <= plan.names and not kwargs.keys() & positional[:len(args)] \
                and plan.required <= {*positional[:len(args)], *kwargs}:
            given = dict(zip(positional, args, strict=False))
            given.update(kwargs)
            for parameter, check, annotation in plan.checks:
                if parameter in given:
                    value = given[parameter]
                    try:
                        given[parameter] = check(value)
                    except _Refused:
                        raise refuse(parameter, value, annotation) from None
            return function(**given)
        try:  # anything else: bound as Python would, for Python's own message
            bound = plan.signature.bind(*args, **kwargs)
        except TypeError as error:
            raise ArgumentError(f"{name}(): {error}", function=name) from None
        arguments = bound.arguments
        for parameter, check, annotation in plan.checks:
            if parameter not in arguments:
                continue
            value = arguments[parameter]
            try:
                arguments[parameter] = check(value)
            except _Refused:
                raise refuse(parameter, value, annotation) from None
        return function(*bound.args, **bound.kwargs)

    return wrapper  # type: ignore[return-value]


def field_check(annotation: Any, what: str) -> Callable[[Any, Any, Any], None]:
    """An attrs validator: the field's value must fit ``annotation``, else :class:`ArgumentError`
    naming the class and the field. (The check is made from the annotation on first use, not
    when the class is defined: that is start-up time.)"""
    check: _Check | None = None

    def validate(instance: Any, attribute: Any, value: Any) -> None:
        nonlocal check
        if check is None:
            check = _compile(annotation)
        try:
            check(value)
        except _Refused:
            raise ArgumentError(
                f"{type(instance).__name__}: {what} must be {describe(annotation)}, not "
                f"{type(value).__name__} {_short(value)}",
                function=type(instance).__name__, argument=attribute.name) from None

    return validate

