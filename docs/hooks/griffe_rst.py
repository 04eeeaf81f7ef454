"""A griffe extension: the reStructuredText of mpsdose's docstrings, as mkdocstrings' Markdown.

The docstrings are numpydoc, written in reStructuredText so that ``help()`` and IDEs read them as
Python's own documentation does. mkdocstrings renders Markdown, so this extension rewrites, in the
copy it renders (never the source):

- a role, ``:class:`~mpsdose.model.regimen.Item``` or ``:func:`parse_item```, into a
  cross-reference to the object (resolved in the scope of the docstring's object, and marked
  optional: a name the site does not render is shown as code, not as a warning);
- a paragraph ending in ``::`` (a literal block follows) into one ending in ``:``;
- a doctest (lines starting ``>>>``) outside an Examples section into a ``pycon`` code block;
- a link ```text <https://…>`_`` into ``[text](https://…)``.

Loaded by mkdocs.yml (``extensions: - docs/hooks/griffe_rst.py``).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:py:)?(?:class|func|meth|attr|mod|data|exc|obj|const):`(~?)([^`<>]+?)`")
_LINK = re.compile(r"`([^`<>]+?)\s*<(https?://[^>]+)>`__?")
_LITERAL = re.compile(r"(\S)::$", re.M)
_BARE_LITERAL = re.compile(r"^(\s*)::$", re.M)


def _resolve(obj: griffe.Object, name: str) -> str:
    """The full path of ``name`` seen from ``obj`` (its members, its parents' members, its
    module's imports); the name itself where it cannot be resolved."""
    scope: griffe.Object | None = obj
    while scope is not None:
        try:
            return scope.resolve(name)
        except (griffe.NameResolutionError, AttributeError, KeyError):
            pass
        head = name.split(".")[0]
        if head in scope.members:
            return f"{scope.path}.{name}"
        scope = scope.parent
    return name


def _role(obj: griffe.Object, match: re.Match[str]) -> str:
    short, target = match.group(1), match.group(2).strip()
    identifier = _resolve(obj, target)
    title = target.rsplit(".", 1)[-1] if short else target
    return f'<autoref identifier="{identifier}" optional><code>{title}</code></autoref>'


def _doctests(text: str) -> str:
    """Wrap each run of ``>>>`` lines and their output (up to a blank line) in a pycon block,
    unless the docstring has a numpydoc Examples section (griffe renders that itself)."""
    if re.search(r"^\s*Examples\n\s*-{3,}", text, re.M):
        return text
    lines = text.split("\n")
    out: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if line.lstrip().startswith(">>>") and (not out or not out[-1].strip()):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            while index < len(lines) and lines[index].strip():
                out.append(lines[index])
                index += 1
            out.append(f"{indent}```")
            continue
        out.append(line)
        index += 1
    return "\n".join(out)


def rewrite(obj: griffe.Object, text: str) -> str:
    """The Markdown mkdocstrings renders for one docstring."""
    text = _ROLE.sub(lambda match: _role(obj, match), text)
    text = _LINK.sub(r"[\1](\2)", text)
    text = _BARE_LITERAL.sub("", text)
    text = _LITERAL.sub(r"\1:", text)
    return _doctests(text)


class RestructuredTextToMarkdown(griffe.Extension):
    """Rewrite every docstring of the package once it is loaded (so that names resolve)."""

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        seen: set[int] = set()
        self._walk(pkg, seen)

    def _walk(self, obj: griffe.Object, seen: set[int]) -> None:
        if id(obj) in seen:
            return
        seen.add(id(obj))
        if obj.docstring is not None:
            obj.docstring.value = rewrite(obj, obj.docstring.value)
        for member in obj.members.values():
            if not member.is_alias:
                self._walk(member, seen)  # type: ignore[arg-type]
