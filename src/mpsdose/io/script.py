"""Which writing system an item is in: the one test the item language makes before it reads one.

Kept apart from :mod:`mpsdose.io.japanese` so that reading an English item never loads the
Japanese reader (its patterns and tables cost start-up time every command would pay).
"""

from __future__ import annotations

import functools
import re

__all__ = ["is_japanese"]


@functools.cache
def _japanese() -> re.Pattern[str]:
    """Kana, kanji, half-width katakana and the brackets Japanese prescriptions use (compiled on
    first need: a pattern over these ranges takes milliseconds to compile)."""
    return re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f"
                      r"【】「」]")


def is_japanese(text: object) -> bool:
    """True where ``text`` is written in Japanese (has kana or kanji)."""
    if not isinstance(text, str) or text.isascii():
        return False
    return _japanese().search(text) is not None
