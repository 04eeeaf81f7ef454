"""A picture of a course: OME and the main daily totals across its states (matplotlib).

matplotlib is an optional extra: ``pip install "mpsdose[plot]"``.
"""

from __future__ import annotations

from pathlib import Path

from mpsdose.clinical.compare import Timeline
from mpsdose.model.errors import MpsdoseError

__all__ = ["plot_timeline"]

#: How many drugs the lower panel shows (those present in the most states).
MAIN_DRUGS = 8


class PlotError(MpsdoseError, RuntimeError):
    """The figure cannot be drawn (matplotlib missing, or a path that cannot be written)."""


def plot_timeline(line: Timeline, path: str | Path, title: str | None = None) -> Path:
    """Draw the OME (top) and, below, one lane per main drug with its daily total per state.

    The lanes show when each drug starts, stops and changes, with its total written in its own
    unit (mg/day, g/day, mcg/h), as a case report or a ward round would tell it.
    """
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise PlotError('plotting needs matplotlib: pip install "mpsdose[plot]"') from None
    target = Path(path)
    if not target.suffix:
        raise PlotError(f"{target}: give the plot file an extension (.png, .svg, .pdf)")
    labels = list(line.labels)
    positions = list(range(len(labels)))
    omes = [step.ome_after.known_value or 0.0 for step in line.steps]
    partial = [not step.ome_after.complete for step in line.steps]
    lanes: dict[str, list[str | None]] = {}
    for index, step in enumerate(line.steps):
        for change in step.changes:
            if change.after is not None:
                lanes.setdefault(change.drug, [None] * len(labels))[index] = \
                    change.after.format(3)
    main = sorted(lanes, key=lambda d: -sum(v is not None for v in lanes[d]))[:MAIN_DRUGS]
    figure, (top, bottom) = plt.subplots(
        2, 1, figsize=(9, 3 + 0.45 * max(len(main), 1)), sharex=True,
        gridspec_kw={"height_ratios": [1.2, max(len(main), 1) * 0.35]})
    top.plot(positions, omes, marker="o", color="tab:red")
    for x, y, low in zip(positions, omes, partial, strict=True):
        top.annotate(f"{'≥ ' if low else ''}{y:.0f}", (x, y), textcoords="offset points",
                     xytext=(0, 6), ha="center", fontsize=8)
    top.set_ylabel(f"OME [mg/day]\n{line.steps[-1].table.id}")
    top.set_ylim(0, max([*omes, 1.0]) * 1.25)
    top.grid(alpha=0.3)
    for lane, drug in enumerate(reversed(main)):
        values = lanes[drug]
        xs = [x for x, v in zip(positions, values, strict=True) if v is not None]
        bottom.plot(xs, [lane] * len(xs), marker="o", linewidth=6, alpha=0.35)
        for x, value in zip(positions, values, strict=True):
            if value is not None:
                bottom.annotate(value, (x, lane), textcoords="offset points", xytext=(0, 7),
                                ha="center", fontsize=8)
    bottom.set_yticks(range(len(main)), list(reversed(main)))
    bottom.set_ylim(-0.6, len(main) - 0.2)
    bottom.set_xticks(positions, labels, rotation=15)
    bottom.set_xlim(-0.5, len(labels) - 0.5)
    bottom.grid(axis="x", alpha=0.3)
    figure.suptitle(title or line.course.label or "Course")
    figure.tight_layout()
    try:
        figure.savefig(target, dpi=120)
    except OSError as error:
        raise PlotError(f"cannot write {target}: {error.strerror or error}") from None
    except ValueError as error:  # matplotlib: "Format 'txt' is not supported (supported …)"
        raise PlotError(f"cannot write {target}: {error}") from None
    finally:
        plt.close(figure)
    return target
