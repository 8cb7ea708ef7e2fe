"""A second yardstick: polars computing smk's headline KPIs from a business folder's CSVs, as a whole process.

``python bench/polars_kpis.py DIR`` prints the same JSON object as ``bench/duckdb_kpis.py DIR``, with the
same definitions (ratios of sums over all the data, blank ids left out, a zero denominator as null).
"""

import json
import sys
from pathlib import Path

import polars as pl


def ratio(a, b):
    return None if a is None or b is None or b == 0 else float(a) / float(b)


def _text(name: str) -> pl.Expr:
    """A text column with its spaces trimmed and blanks as null."""
    trimmed = pl.col(name).str.strip_chars()
    return pl.when(trimmed == "").then(None).otherwise(trimmed).alias(name)


def headline(folder) -> dict:
    """smk's headline KPIs of the business folder ``folder``, over all its data."""
    folder = Path(folder)

    def read(stem):
        return pl.scan_csv(folder / f"{stem}.csv", infer_schema=False)  # every column as text, as smk reads it

    orders = read("orders").select(
        _text("customer_id"),
        _text("campaign_id"),
        pl.col("revenue").str.strip_chars().cast(pl.Float64),
        _text("gross_profit").cast(pl.Float64),
    )
    o = (
        orders.select(
            pl.len().alias("orders"),
            pl.col("revenue").sum(),
            pl.col("gross_profit").sum(),
            pl.col("revenue").filter(pl.col("gross_profit").is_not_null()).sum().alias("revenue_with_profit"),
            pl.col("revenue").filter(pl.col("campaign_id").is_not_null()).sum().alias("attributed_revenue"),
            pl.col("gross_profit").filter(pl.col("campaign_id").is_not_null()).sum().alias("attributed_profit"),
        )
        .collect()
        .row(0, named=True)
    )
    per_customer = orders.drop_nulls("customer_id").group_by("customer_id").len().collect()
    customers = per_customer.height
    repeat = per_customer.filter(pl.col("len") >= 2).height
    c = (
        read("campaigns")
        .select(
            pl.col("spend").str.strip_chars().cast(pl.Float64),
            *(_text(name).cast(pl.Int64) for name in ("impressions", "clicks", "leads")),
        )
        .select(
            pl.col("spend").sum(),
            pl.col("impressions").sum(),
            pl.col("clicks").sum(),
            pl.col("leads").sum(),
            pl.col("clicks").filter(pl.col("impressions").is_not_null()).sum().alias("ctr_clicks"),
            pl.col("impressions").filter(pl.col("clicks").is_not_null()).sum().alias("ctr_impressions"),
            pl.col("spend").filter(pl.col("leads").is_not_null()).sum().alias("lead_spend"),
        )
        .collect()
        .row(0, named=True)
    )
    outcome = read("interactions").select(pl.col("outcome").str.strip_chars()).collect()["outcome"]
    won, lost = int((outcome == "won").sum()), int((outcome == "lost").sum())
    spend = c["spend"]
    return {
        "orders": o["orders"],
        "revenue": o["revenue"],
        "average_order_value": ratio(o["revenue"], o["orders"]),
        "gross_margin": ratio(o["gross_profit"], o["revenue_with_profit"]),
        "customers": customers,
        "new_customers": customers,  # over all the data, every customer's first order is inside it
        "repeat_purchase_rate": ratio(repeat, customers),
        "marketing_spend": spend,
        "impressions": c["impressions"],
        "clicks": c["clicks"],
        "leads": c["leads"],
        "ctr": ratio(c["ctr_clicks"], c["ctr_impressions"]),
        "cost_per_lead": ratio(c["lead_spend"], c["leads"]),
        "attributed_revenue": o["attributed_revenue"],
        "roas": ratio(o["attributed_revenue"], spend),
        "cac": ratio(spend, customers),
        "marketing_roi": ratio(o["attributed_profit"] - spend, spend),
        "marketing_share": ratio(spend, o["revenue"]),
        "win_rate": ratio(won, won + lost),
    }


if __name__ == "__main__":
    print(json.dumps(headline(sys.argv[1]), indent=2, sort_keys=True))
