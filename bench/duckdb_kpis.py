"""The yardstick: DuckDB computing smk's headline KPIs with SQL, straight from a business folder's CSVs.

Run as a whole process, as `smk summary DIR --json` is: ``python bench/duckdb_kpis.py DIR`` prints one
JSON object. The definitions are smk's (data/README.md, `smk_helpers.core.kpis`) over all the data:
ratios of sums, blank customer ids left out of customer counts, a zero denominator as null.
It reads and computes only; it checks nothing, which is part of what smk's time pays for.
"""

import json
import sys
from pathlib import Path

import duckdb

SQL = """
WITH orders AS (SELECT * FROM read_csv($orders, header = true, all_varchar = true)),
typed AS (
    SELECT NULLIF(trim(customer_id), '') AS customer_id,
           CAST(revenue AS DECIMAL(18, 2)) AS revenue,
           CAST(NULLIF(trim(gross_profit), '') AS DECIMAL(18, 2)) AS gross_profit,
           NULLIF(trim(campaign_id), '') AS campaign_id
    FROM orders
),
per_customer AS (SELECT customer_id, count(*) AS n FROM typed WHERE customer_id IS NOT NULL GROUP BY 1),
campaigns AS (
    SELECT CAST(spend AS DECIMAL(18, 2)) AS spend,
           CAST(NULLIF(trim(impressions), '') AS BIGINT) AS impressions,
           CAST(NULLIF(trim(clicks), '') AS BIGINT) AS clicks,
           CAST(NULLIF(trim(leads), '') AS BIGINT) AS leads
    FROM read_csv($campaigns, header = true, all_varchar = true)
),
talks AS (SELECT trim(outcome) AS outcome FROM read_csv($interactions, header = true, all_varchar = true))
SELECT
    (SELECT count(*) FROM typed) AS orders,
    (SELECT sum(revenue) FROM typed) AS revenue,
    (SELECT sum(gross_profit) FILTER (WHERE gross_profit IS NOT NULL) FROM typed) AS gross_profit,
    (SELECT sum(revenue) FILTER (WHERE gross_profit IS NOT NULL) FROM typed) AS revenue_with_profit,
    (SELECT count(*) FROM per_customer) AS customers,
    (SELECT count(*) FILTER (WHERE n >= 2) FROM per_customer) AS repeat_customers,
    (SELECT sum(revenue) FILTER (WHERE campaign_id IS NOT NULL) FROM typed) AS attributed_revenue,
    (SELECT sum(gross_profit) FILTER (WHERE campaign_id IS NOT NULL) FROM typed) AS attributed_gross_profit,
    (SELECT sum(spend) FROM campaigns) AS spend,
    (SELECT sum(impressions) FROM campaigns) AS impressions,
    (SELECT sum(clicks) FROM campaigns) AS clicks,
    (SELECT sum(leads) FROM campaigns) AS leads,
    (SELECT sum(clicks) FILTER (WHERE impressions IS NOT NULL AND clicks IS NOT NULL) FROM campaigns) AS ctr_clicks,
    (SELECT sum(impressions) FILTER (WHERE impressions IS NOT NULL AND clicks IS NOT NULL) FROM campaigns)
        AS ctr_impressions,
    (SELECT sum(spend) FILTER (WHERE leads IS NOT NULL) FROM campaigns) AS lead_spend,
    (SELECT count(*) FILTER (WHERE outcome = 'won') FROM talks) AS won,
    (SELECT count(*) FILTER (WHERE outcome = 'lost') FROM talks) AS lost
"""


def ratio(a, b):
    return None if a is None or b is None or b == 0 else float(a) / float(b)


def headline(folder) -> dict:
    """smk's headline KPIs of the business folder ``folder``, over all its data."""
    folder = Path(folder)
    con = duckdb.connect()
    row = con.execute(
        SQL,
        {
            "orders": str(folder / "orders.csv"),
            "campaigns": str(folder / "campaigns.csv"),
            "interactions": str(folder / "interactions.csv"),
        },
    ).fetchone()
    r = dict(zip([d[0] for d in con.description], row, strict=True))
    spend = r["spend"]
    return {
        "orders": r["orders"],
        "revenue": float(r["revenue"]),
        "average_order_value": ratio(r["revenue"], r["orders"]),
        "gross_margin": ratio(r["gross_profit"], r["revenue_with_profit"]),
        "customers": r["customers"],
        "new_customers": r["customers"],  # over all the data, every customer's first order is inside it
        "repeat_purchase_rate": ratio(r["repeat_customers"], r["customers"]),
        "marketing_spend": float(spend),
        "impressions": r["impressions"],
        "clicks": r["clicks"],
        "leads": r["leads"],
        "ctr": ratio(r["ctr_clicks"], r["ctr_impressions"]),
        "cost_per_lead": ratio(r["lead_spend"], r["leads"]),
        "attributed_revenue": float(r["attributed_revenue"]),
        "roas": ratio(r["attributed_revenue"], spend),
        "cac": ratio(spend, r["customers"]),
        "marketing_roi": ratio(r["attributed_gross_profit"] - spend, spend),
        "marketing_share": ratio(spend, r["revenue"]),
        "win_rate": ratio(r["won"], r["won"] + r["lost"]),
    }


if __name__ == "__main__":
    print(json.dumps(headline(sys.argv[1]), indent=2, sort_keys=True))
