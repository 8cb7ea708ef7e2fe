"""The `Section` object every section returns, and the two ways a section says it cannot be shown.

A section is a title, a one-sentence summary, small tables of formatted values, figures and
notes; `Section.key` names it for code (a report looks sections up by key, never by title).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ...core.formatting import in_jupyter
from ...core.params import parameter_problems
from .render import section_html

__all__ = ["NO_DATA", "Section"]

NO_DATA = "There is no data to show, because the business folder could not be loaded (the message above says why)."


@dataclass(eq=False)
class Section:
    """One analysis, ready to show: title, summary sentence, tables, figures and notes.

    Attributes
    ----------
    title : str
    summary : str
        One sentence saying what the section found (or why there is nothing to show).
    tables : dict of str to DataFrame
        Small tables of formatted values, each under a caption.
    figures : list of matplotlib Figure
        Made by `smk_helpers.core.plots`, so each one describes itself.
    notes : list of str
        How to read the numbers, data-quality warnings, and what is missing.
    data : dict
        The raw numbers behind the tables (for tests and reports).
    raw_tables : dict of str to DataFrame
        The unformatted tables a report writes to metrics.json, under stable snake_case names.
    key : str
        The section's stable name for code, such as "headline_kpis" or "funnel"; set by the function
        that makes the section, whether it could be shown or not. The title is for readers and may change.

    Examples
    --------
    >>> section = Section("Example", "Nothing to show yet.", notes=["Add orders.csv."])
    >>> print(section.text())
    Example
    Nothing to show yet.
    Note: Add orders.csv.
    >>> section.table is None, section.figure is None
    (True, True)
    """

    title: str
    summary: str
    tables: dict = field(default_factory=dict)
    figures: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    raw_tables: dict = field(default_factory=dict)
    key: str = ""

    @property
    def table(self) -> pd.DataFrame | None:
        """The first table, or None when the section has none."""
        return next(iter(self.tables.values()), None)

    @property
    def figure(self):
        """The first figure, or None when the section has none."""
        return self.figures[0] if self.figures else None

    def text(self) -> str:
        """The section as plain text (figures as their one-sentence descriptions)."""
        parts = [self.title, self.summary]
        for caption, table in self.tables.items():
            parts += ["", f"{caption}:", table.to_string()]
        if self.figures:
            from ...core.plots import describe

            parts += [""] + [describe(fig) for fig in self.figures]
        if self.notes:
            parts += [f"Note: {note}" for note in self.notes]
        return "\n".join(parts)

    def show(self) -> None:
        """Display the section: in a notebook as text, tables and figures; elsewhere as plain text.

        Each figure is shown with its description underneath (`smk_helpers.core.plots.show`) and then
        closed.
        """
        if not in_jupyter():
            print(self.text())
            self.close()
            return
        from IPython.display import Markdown, display

        from ...core import plots

        display(Markdown(f"**{self.title}**\n\n{self.summary}"))
        for caption, table in self.tables.items():
            display(Markdown(f"*{caption}*"))
            with pd.option_context("display.max_colwidth", None):  # every text whole, never cut with "..."
                display(table)
        if self.notes:
            display(Markdown("\n".join(f"- {note}" for note in self.notes)))
        for fig in self.figures:
            plots.show(fig)

    def html(self, level: int = 2) -> str:
        """The section as an HTML fragment: every text escaped, figures inlined as PNG with their description.

        Rendering changes nothing: calling it twice gives the same HTML, and the figures stay open
        until the caller is done with the section and calls `close`.

        Examples
        --------
        >>> print(Section("A <b>", "Sales & more.", notes=["n/a <i>"]).html())
        <section class="smk-section"><h2>A &lt;b&gt;</h2><p class="smk-summary">Sales &amp;
        more.</p><ul class="smk-notes"><li>n/a &lt;i&gt;</li></ul></section>
        """
        return section_html(self, level)

    def close(self) -> None:
        """Close the figures (pyplot lets go of them) without showing them; the section keeps its list."""
        if self.figures:
            import matplotlib.pyplot as plt

            for fig in self.figures:
                plt.close(fig)

    def _ipython_display_(self) -> None:  # a section as the last line of a cell shows itself
        self.show()

    def __repr__(self) -> str:
        return f"Section({self.title!r}: {self.summary})"


def _not_shown(key: str, title: str, summary: str, notes=()) -> Section:
    """A section with nothing to show but a sentence saying why."""
    return Section(title=title, summary=summary, notes=list(notes), key=key)


def _blocked(key: str, title: str, business, **params) -> Section | None:
    """A section saying why it cannot be shown (no data, or bad parameters), or None to go on."""
    if business is None:
        return _not_shown(key, title, NO_DATA)
    problems = parameter_problems(**params)
    if problems:
        return _not_shown(
            key, title, "This section cannot be shown until its parameters are fixed: " + " ".join(problems)
        )
    return None
