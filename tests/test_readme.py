"""The README's worked check is what mpsdose prints (so the README cannot drift)."""

from __future__ import annotations

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
