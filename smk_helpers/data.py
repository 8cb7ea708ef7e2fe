"""Load a business folder into validated, typed tables (the business-data contract)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import contract as C


class BusinessDataError(ValueError):
    """A business folder breaks the contract. ``problems`` holds one sentence per problem."""

    def __init__(self, problems):
        self.problems = list(problems) if not isinstance(problems, str) else [problems]
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Business:
    """The validated tables of one business.

    Every contract column is present in its table (an optional column the files left out is
    all-missing); extra columns are kept. Tables of absent optional files are ``None``.
    """

    name: str
    orders: pd.DataFrame
    campaigns: pd.DataFrame | None = None
    funnel: pd.DataFrame | None = None
    interactions: pd.DataFrame | None = None
    targets: pd.DataFrame | None = None
    path: Path | None = None
    warnings: tuple[str, ...] = ()
    present_columns: dict = field(default_factory=dict)  # stem -> tuple of contract columns the file had

    def has_column(self, stem: str, column: str) -> bool:
        """True when the file ``stem`` exists and had ``column`` (even if blank in places)."""
        return column in self.present_columns.get(stem, ())

    @classmethod
    def from_frames(cls, name="example", **tables):
        """Build a Business from already-typed DataFrames (for tests and examples).

        Missing optional columns are added as all-missing; dates are converted with
        ``pd.to_datetime``; the result is not otherwise validated.
        """
        present = {}
        typed = {}
        for spec in C.FILES:
            df = tables.get(spec.stem)
            if df is None:
                typed[spec.stem] = None
                continue
            df = df.copy()
            present[spec.stem] = tuple(c.name for c in spec.columns if c.name in df.columns)
            for col in spec.columns:
                if col.name not in df.columns:
                    df[col.name] = np.nan if col.kind in ("money", "number", "count") else pd.Series([pd.NA] * len(df), dtype="str", index=df.index)
                if col.kind == "date":
                    df[col.name] = pd.to_datetime(df[col.name])
                elif col.kind in ("money", "number", "count"):
                    df[col.name] = df[col.name].astype("float64")
                else:
                    df[col.name] = df[col.name].astype("str")
                    df.loc[df[col.name].isna(), col.name] = np.nan
            if spec.stem == "orders":
                df["channel"] = df["channel"].fillna(C.UNKNOWN_CHANNEL)
            if spec.stem == "interactions":
                df["outcome"] = df["outcome"].str.lower()
            typed[spec.stem] = df
        if typed["orders"] is None:
            raise BusinessDataError("from_frames needs an orders table.")
        return cls(name=name, present_columns=present, **typed)
