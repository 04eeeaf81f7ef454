"""The README's worked check is what mpsdose prints (so the README cannot drift)."""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

from mpsdose.cli import main

ROOT = Path(__file__).parent.parent


def test_the_readme_one_line_check_is_current(runner, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ (mpsdose check [^\n]+)\n(.*?)```", text, re.S)
    assert block, "the README shows a one-line check"
    command, shown = block.group(1), block.group(2)
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 0
    assert result.stdout.strip() == shown.strip()


def test_the_readme_python_example_runs_and_its_stated_values_hold(monkeypatch):
    """Every name the README's Python block uses exists, and each line ending in a literal
    comment (``# '20 mg/day'``, ``# 30.0``) evaluates to that literal."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(import mpsdose\n.*?)```", text, re.S)
    assert block, "the README shows the Python API"
    monkeypatch.chdir(ROOT)
    namespace: dict[str, object] = {}
    exec(block.group(1), namespace)  # our own README
    checked = 0
    for line in block.group(1).splitlines():
        code, _, comment = line.partition("#")
        try:
            expected = ast.literal_eval(comment.strip())
        except (ValueError, SyntaxError):
            continue
        assert eval(code.strip(), namespace) == expected, line
        checked += 1
    assert checked >= 3


def test_the_readme_japanese_check_is_current(runner, monkeypatch):
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```console\n\$ (mpsdose check \"オキシコンチン[^\n]+)\n(.*?)```", text, re.S)
    assert block, "the README shows a Japanese check"
    command, shown = block.group(1), block.group(2)
    monkeypatch.chdir(ROOT)
    result = runner.invoke(main, shlex.split(command)[1:])
    assert result.exit_code == 1  # error-level findings: the Lyrica renal band is crossed
    assert result.stdout.strip() == shown.strip()
