"""Benchmark ranges to read a business's key ratios against, each with its source.

They are the figures of the course's calibration (GUIDE §5): mostly from US independent
bookstores and small retail. A source names its publisher where there is one (ABA's ABACUS
survey, Womply's card data, Mailchimp); the others say plainly that they are rules of thumb, so
nobody reads them as survey results. For another kind of business they are a rough guide, and the
report says so. A benchmark compares with a `kpis.summary` key of the same name.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import catalog
from .formatting import fmt_money, fmt_pct, is_missing

__all__ = ["Benchmark", "BENCHMARKS", "by_key", "verdict"]


@dataclass(frozen=True)
class Benchmark:
    """A typical range (or a single typical value when low == high) and where it comes from.

    A benchmark of a catalogue KPI takes its label from the catalogue; ``name`` labels the others.
    """

    key: str
    low: float
    high: float
    unit: str  # "money" or "pct"
    source: str
    name: str = ""

    @property
    def label(self) -> str:
        """The KPI's label in the catalogue, else ``name``.

        Examples
        --------
        >>> by_key("ctr").label, by_key("social_cpm").label
        ('Click-through rate', 'Cost per 1,000 impressions, social ads')
        """
        return catalog.by_key(self.key).label if self.key in catalog.keys() else self.name

    def range_text(self, currency: str = "$") -> str:
        """'about $48', '1.0%–3.0%'.

        Examples
        --------
        >>> by_key("ctr").range_text()
        'about 1.0%'
        >>> by_key("marketing_share").range_text()
        '1.0%–3.0%'
        """

        def one(x):
            return fmt_money(x, currency=currency, digits=0) if self.unit == "money" else fmt_pct(x)

        return f"about {one(self.low)}" if self.low == self.high else f"{one(self.low)}–{one(self.high)}"

    def as_dict(self) -> dict:
        return {
            "key": self.key,
            "label": self.label,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "source": self.source,
        }


BENCHMARKS: tuple[Benchmark, ...] = (
    Benchmark("average_order_value", 48.0, 48.0, "money", "Womply card data, 1,100+ US independent bookstores, 2018"),
    Benchmark("repeat_purchase_rate", 0.28, 0.28, "pct", "a retail rule of thumb, no published survey"),
    Benchmark("ctr", 0.01, 0.01, "pct", "Meta retail ads: a rule of thumb, no published survey"),
    Benchmark("marketing_share", 0.01, 0.03, "pct", "small-retail rule of thumb; SBA's 7–8% assumes higher margins"),
    Benchmark("gross_margin", 0.45, 0.47, "pct", "ABA ABACUS-18: US independent bookstores, 46.6%"),
    Benchmark(
        "visit_to_purchase",
        0.015,
        0.03,
        "pct",
        "online-shop rule of thumb, no published survey",
        name="Site visit → purchase",
    ),
    Benchmark("email_ctr", 0.02, 0.05, "pct", "Mailchimp's email benchmarks, click rate", name="Email click rate"),
    Benchmark(
        "social_cpm",
        14.0,
        24.0,
        "money",
        "Meta retail ads, higher in Q4: a rule of thumb, no published survey",
        name="Cost per 1,000 impressions, social ads",
    ),
)


def by_key(key: str) -> Benchmark | None:
    """The benchmark of a KPI key, or None.

    Examples
    --------
    >>> by_key("gross_margin").source
    'ABA ABACUS-18: US independent bookstores, 46.6%'
    >>> by_key("revenue") is None
    True
    """
    return next((b for b in BENCHMARKS if b.key == key), None)


def describe(*keys: str) -> str:
    """The benchmarks of some KPI keys, one line each: label, range and source.

    Examples
    --------
    >>> print(describe("ctr", "email_ctr"))
    Click-through rate: about 1.0% (Meta retail ads: a rule of thumb, no published survey)
    Email click rate: 2.0%–5.0% (Mailchimp's email benchmarks, click rate)
    """
    return "\n".join(f"{b.label}: {b.range_text()} ({b.source})" for b in map(by_key, keys))


def verdict(value, benchmark: Benchmark, tolerance: float = 0.15) -> str:
    """'below', 'within' or 'above' the range ('about' a single value within ±15%); '' if unknown.

    Examples
    --------
    >>> verdict(0.02, by_key("marketing_share"))
    'within'
    >>> verdict(0.005, by_key("ctr"))
    'below'
    >>> verdict(50.0, by_key("average_order_value"))
    'within'
    >>> verdict(None, by_key("ctr"))
    ''
    """
    if is_missing(value):
        return ""
    low, high = benchmark.low, benchmark.high
    if low == high:
        low, high = low * (1 - tolerance), high * (1 + tolerance)
    return "below" if value < low else "above" if value > high else "within"
