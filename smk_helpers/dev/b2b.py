"""Northway Workwear: a deterministic, synthetic dataset for a small B2B firm (2024-2025).

Northway makes branded uniforms and workwear for other businesses: trades firms, hotels, clinics and
facilities companies. The course sets it beside The Book Hub (`smk_helpers.dev.bookhub`): few large
orders instead of many small ones, named accounts instead of anonymous shoppers, and long sales
cycles with a pipeline of open deals.

The model in brief:

* Accounts. A base of accounts were customers before 2024 (the firm started its CRM on
  1 January 2024, so nothing before that is in the files). Each account has an industry, a number of
  employees and the share of them who wear a uniform. An account reorders on its own: kits for new
  starters (staff turnover) and replenishment of worn garments, month by month with a seasonal
  index. A few accounts lapse each year (less satisfied ones more often).
* Marketing (one-to-many). Three trade fairs a year, LinkedIn ads and posts, search (ads and
  SEO content) and a monthly email newsletter reach people; fairs, LinkedIn and search bring leads
  (enquiries, stand conversations). A customer referral programme and two facilities-management
  partners introduce prospects too; their cost is the thank-you rewards and the commissions.
* Sales (one-to-one). A lead worth pursuing becomes a deal (a row of interactions.csv with a
  deal_value): prospect, qualified, proposal (the quote), negotiation, then won or lost. Each lead
  source has its own chances at each stage and its own kind of firm, so referrals and partners win
  more and bring larger accounts; fair leads are many but cold. Large organisations buy through a
  tender: bigger, slower, harder to win. A won deal is the account's first order, dated the day the
  deal closed, worth exactly its deal_value. Deals still undecided on 31 December 2025 stay open at
  the stage they reached. Existing accounts also run range-refresh deals, and the account manager's
  reorder calls are logged (they are not deals).
* Touchpoints. Each new account's marketing contacts before its first order: a few earlier ones
  (newsletter clicks, LinkedIn, search visits, a fair), then the lead itself, which is always the
  last one and carries the campaign that brought the deal.
* A customer survey after some orders (0-10 likelihood to recommend, and how they heard of Northway).
* Money in whole cents; gross profit from a margin per kind of order.

One seeded numpy Generator drives everything, so a seed always gives byte-identical CSV files.
Figures marked with a source below are published benchmarks (`SOURCES`); every other number is an
assumption, and says so. `readme_block` writes the documentation in data/README.md from the files.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import kpis, pipeline
from ..core.kpis import win_rate
from ..core.survey import nps
from .synth import by_year as _by_year
from .synth import cents as _cents
from .synth import columns as _columns
from .synth import draw as _draw
from .synth import funnel_rows, write_tables
from .synth import ids as _ids
from .synth import outcome_win_rate as _win_rate
from .synth import pct as _pct
from .synth import read_tables as _read_tables
from .synth import table as _table
from .synth import usd as _money

START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")
YEARS = (2024, 2025)
HOLIDAYS = ("2024-01-01", "2024-12-25", "2025-01-01", "2025-12-25")  # no orders or deal events

# --- Sources of the cited figures (short key -> what it says and where) ----------------------------
SOURCES = {
    "hubspot": "HubSpot survey of 1,000+ sales reps, via salesmotion.io (2026): average B2B win rate about 21%, "
    "SMB deals 25-35%",
    "implisit": "Implisit CRM data on ~500 US firms, via eMarketer (2015): referral leads convert to deals best "
    "(3.63% of leads vs 1.55% for website leads, 2.3x)",
    "cycle": "thecroreport.com: SMB deals ($5k-25k) close in 14-30 days, mid-market ($25k-100k) in 30-90; "
    "Zippia via UserGems: B2B cycles 1-6 months",
    "havill": "Havill Consultants' trade-show calculator: about a third of trade-show inquiries become viable "
    "prospects; booth space about $2,000, a 10x20 stand about $10,000",
    "ceir": "CEIR via AMA Phoenix: trade shows are 20-40% of a B2B marketing budget",
    "linkedin": "LinkedIn ads benchmarks (stackmatix.com, 2026): CPM $25-44, sponsored-content CTR 0.44-0.65%",
    "fps": "FirstPageSage B2B conversion rates by channel, via mikeseo.com: SEO 2.6%, organic social 1.7%, "
    "search ads 1.5%",
    "cmo": "The CMO Survey (Duke/Deloitte/AMA), Feb 2014: marketing about 9.3% of firm revenue, staff included",
    "nps": "B2B International: average B2B brand NPS 24, fibres & fabrics over 40; CustomerGauge (2020): "
    "manufacturing 49",
}

# --- Calendar and seasonality --------------------------------------------------------------------
# Monthly index Jan..Dec (mean 1) for reorders and enquiries (assumption: budgets reset in January,
# hotels hire before the summer, quiet August and December).
SEASONALITY = np.array([1.10, 1.00, 1.10, 1.15, 1.10, 1.00, 0.90, 0.85, 1.05, 1.00, 0.95, 0.80])

# --- Accounts ------------------------------------------------------------------------------------
N_EXISTING = 200  # accounts that ordered before 2024 (assumption, tuned to revenue of about $1.8M a year)
SINCE = ("2012-01-01", "2023-12-31")  # when the existing accounts first ordered
INDUSTRIES = ("trades", "hospitality", "healthcare", "facilities")
# Per industry (all assumptions): median employees, lognormal spread, share in uniform, first kit
# per person ($), yearly staff turnover, yearly replacement garments per uniformed person ($),
# average garment price ($, for the items count).
INDUSTRY = pd.DataFrame(
    {
        "median_staff": [18, 45, 30, 80],
        "spread": [0.6, 0.75, 0.65, 0.75],
        "uniformed": [0.90, 0.75, 0.70, 0.95],
        "kit": [260.0, 220.0, 180.0, 200.0],
        "turnover": [0.20, 0.55, 0.20, 0.40],
        "replace": [90.0, 60.0, 55.0, 70.0],
        "garment": [38.0, 34.0, 28.0, 30.0],
    },
    index=list(INDUSTRIES),
)
MIN_STAFF, MAX_STAFF = 8, 900
EXISTING_MIX = {"trades": 0.30, "hospitality": 0.30, "healthcare": 0.20, "facilities": 0.20}  # assumption
HISTORIC_SOURCE = {"trade fair": 0.30, "referral": 0.30, "search": 0.20, "partner": 0.12, "linkedin": 0.08}
KIT_BATCH = 8  # new starters per kit order (assumption): kit orders a year = hires / KIT_BATCH
REPLENISH_PER = 60  # uniformed staff per replenishment order a year (assumption)
ORDER_NOISE = 0.30  # lognormal spread of an order's value around the account's average
FIRST_REORDER_DAYS = 45  # a new account's reorders start this long after its first order
CHURN = 0.06  # yearly chance an account lapses, at average satisfaction (assumption)
CHURN_SATISFACTION = 0.7  # a standard deviation more satisfied: churn x exp(-0.7)
REFRESH_RATE = 0.06  # range-refresh deals per account a year, once an account is a year old (assumption)
REFRESH_SHARE = (0.70, 1.00)  # a refresh re-kits this share of the uniformed staff

# --- Marketing (campaigns) -----------------------------------------------------------------------------
# Trade fairs: (month, first day, days, theme, industry it draws, planned spend incl. space, stand, travel).
# Spend is an assumption scaled from Havill (space ~$2,000, a 10x20 stand ~$10,000) for a mid-size
# regional show with travel and two staff; contacts per fair are an assumption.
FAIRS = (
    (3, 12, 3, "Hospitality & Hotel Expo", "hospitality", 11_000.0),
    (6, 18, 2, "Facilities Management Show", "facilities", 9_500.0),
    (10, 8, 3, "Trades & Build Fair", "trades", 8_000.0),
)
FAIR_CONTACTS = (70, 110)  # stand conversations with contact details (assumption)
FAIR_INDUSTRY_SHARE = 0.70  # contacts from the fair's own industry; the rest from the others
# Monthly campaigns: (kind, channel, planned spend a month). Assumptions.
MONTHLY = (
    ("LIA", "linkedin", 1_600.0),  # LinkedIn sponsored content with lead-gen forms
    ("LIO", "linkedin", 200.0),  # LinkedIn company posts: design and scheduling tools
    ("PPC", "search", 900.0),  # search ads
    ("SEO", "search", 600.0),  # SEO content, written by a freelancer
    ("EML", "email", 120.0),  # newsletter to prospects and customers: tool and content
)
KINDS = {  # id prefix: (campaign type, name prefix)
    "FAIR": ("trade fair stand", "Trade fair"),
    "LIA": ("linkedin ads", "LinkedIn ads"),
    "LIO": ("linkedin posts", "LinkedIn posts"),
    "PPC": ("search ads", "Search ads"),
    "SEO": ("SEO content", "SEO content"),
    "EML": ("email newsletter", "Newsletter"),
    "REF": ("referral rewards", "Customer referral programme"),
    "PRT": ("partner commissions", "Partner programme"),
}
SPEND_NOISE = 0.10  # actual spend within +-10% of plan
LINKEDIN_CPM = (30.0, 42.0)  # inside the cited $25-44 (SOURCES["linkedin"])
LINKEDIN_CTR = (0.0044, 0.0065)  # SOURCES["linkedin"]: sponsored content 0.44-0.65%
LINKEDIN_POSTS = ((5_000, 11_000), (0.010, 0.020))  # organic impressions a month, CTR (assumption)
SEARCH_CPC = (4.0, 7.0)  # search ads, $ a click (assumption)
SEARCH_CTR = (0.03, 0.05)  # search ads CTR (assumption)
SEO_SEARCH = ((5_000, 9_000), (0.025, 0.035))  # organic search impressions a month, CTR (assumption)
EMAIL_LIST = (1_200, 25)  # newsletter recipients in Jan 2024, growth a month (assumption)
EMAIL_CTR = (0.02, 0.04)  # newsletter clicks / emails sent (assumption)
# Visits that become an enquiry. SOURCES["fps"]: SEO 2.6%, organic social 1.7%, search ads 1.5%;
# LinkedIn lead-gen forms convert 2-3x better than website forms (SOURCES["linkedin"]): 2.5% assumed.
LEAD_RATE = {"LIA": 0.025, "LIO": 0.017, "PPC": 0.015, "SEO": 0.026}
INTRODUCTIONS = {"REF": 1.5, "PRT": 0.5}  # introductions a month: referral programme, each partner (assumption)
PARTNERS = (("BRW", "Brightwater FM"), ("KEY", "Keystone Facility Partners"))  # synthetic names
REFERRAL_REWARD = (100.0, 400.0)  # $ per introduction, $ more when it becomes an account (assumption)
PARTNER_COMMISSION = 0.10  # of the first order of an account a partner introduced (assumption)

# --- Sales (deals) ---------------------------------------------------------------------------------
# Leads that become a deal (a prospect in the CRM). Trade fairs: SOURCES["havill"], about a third.
ACCEPT = {"trade fair": 0.35, "linkedin": 0.60, "search": 0.65, "referral": 1.0, "partner": 1.0}
FOLLOW_UP_DAYS = {"trade fair": 6, "linkedin": 2, "search": 1, "referral": 2, "partner": 3}  # mean lag
# Chance to move on from each stage: prospect -> qualified -> proposal -> negotiation -> won.
# Assumptions, set so that the overall win rate is near the cited ~21% (SOURCES["hubspot"]) and
# referrals win about 2-3x as often as website leads (SOURCES["implisit"]).
STAGE_P = {
    "trade fair": (0.38, 0.68, 0.58, 0.68),
    "linkedin": (0.52, 0.74, 0.60, 0.68),
    "search": (0.60, 0.75, 0.65, 0.70),
    "referral": (0.90, 0.88, 0.80, 0.80),
    "partner": (0.85, 0.88, 0.78, 0.78),
    "existing account": (1.00, 0.90, 0.80, 0.80),
}
TENDER_P = (1.0, 1.0, 0.70, 0.75)  # tenders: multipliers of the stage chances (more bidders)
TENDER_STAFF = 150  # organisations this large buy by tender ...
P_TENDER = 0.70  # ... this often
# Which firms each source brings (industry mix and a size multiplier); assumptions.
SOURCE_MIX = {
    "linkedin": {"trades": 0.15, "hospitality": 0.25, "healthcare": 0.25, "facilities": 0.35},
    "search": {"trades": 0.40, "hospitality": 0.20, "healthcare": 0.30, "facilities": 0.10},
    "referral": EXISTING_MIX,
    "partner": {"trades": 0.0, "hospitality": 0.10, "healthcare": 0.10, "facilities": 0.80},
}
SOURCE_SIZE = {"trade fair": 0.9, "linkedin": 1.2, "search": 0.8, "referral": 1.2, "partner": 1.3}
# Mean days from one stage to the next (gamma, shape 2): to qualified, proposal, negotiation, close.
# Assumptions, placing a won deal's cycle at about two months: between the cited SMB and mid-market
# ranges (SOURCES["cycle"]).
STAGE_DAYS = (10.0, 16.0, 21.0, 18.0)
TENDER_DAYS = (1.5, 2.5, 2.0, 2.0)  # tenders: multipliers (formal deadlines and evaluations)
SPEED = {"referral": 0.75, "partner": 0.80, "existing account": 0.80}  # warmer deals move faster
LOST_DAYS = (10.0, 30.0)  # mean days before a deal is closed as lost: at prospect (disqualified), later
STAGE_MINUTES = (30, 60, 150, 90, 20)  # rep minutes at prospect, qualified, proposal, negotiation, close
TENDER_MINUTES = 3.0
STAFF = pd.DataFrame(
    {  # hourly cost = wage plus employer costs (assumption)
        "staff": ["Ruth", "Marcus", "Aisha", "Ben"],
        "role": ["sales director", "account executive", "account executive", "account manager"],
        "hourly_cost": [62.00, 38.00, 38.00, 32.00],
        "hours_per_week": [40, 40, 40, 40],
    }
)
SKILL = {"Ruth": 1.10, "Marcus": 0.95, "Aisha": 1.12, "Ben": 1.00}  # x the last two stage chances (assumption)
OWNERS = {  # who takes a deal (assumption)
    "quote request": {"Ruth": 0.10, "Marcus": 0.45, "Aisha": 0.45},
    "partner deal": {"Ruth": 0.60, "Marcus": 0.20, "Aisha": 0.20},
    "tender": {"Ruth": 1.0},
    "range refresh": {"Ruth": 0.20, "Ben": 0.80},
}
P_REORDER_CALL = 0.15  # reorders that follow a logged call from the account manager (assumption)
LOST_CALLS = 0.25  # calls with no order, per call with one (assumption)
CALL_MINUTES = 15

# --- Money ---------------------------------------------------------------------------------------
# Gross margin per kind of order: assumption, about 40% overall for made-to-order branded workwear
# (the decoration carries more margin than the blank garment); tenders are priced keenly.
MARGIN = {"first order": 0.40, "tender": 0.32, "range refresh": 0.40, "new-starter kits": 0.45, "replenishment": 0.43}
MARGIN_NOISE = 0.025

# --- Survey --------------------------------------------------------------------------------------------
SURVEY_RATE = 0.06  # orders followed by an answered survey (assumption): a few dozen a year
SURVEY_DAYS = (7, 30)  # answered this many days after the order
SCORE_MEAN, SCORE_SATISFACTION, SCORE_NOISE = 8.3, 1.1, 1.3  # score ~ N(mean + 1.1 x satisfaction, 1.3)
HEARD_FROM = {
    "trade fair": "a trade fair",
    "linkedin": "LinkedIn",
    "search": "a web search",
    "referral": "another customer",
    "partner": "our facilities partner",
}
P_HEARD_BLANK = 0.15

# --- Touchpoints ----------------------------------------------------------------------------------------
EARLIER_TOUCHES = {"trade fair": 1.2, "linkedin": 1.5, "search": 1.5, "referral": 0.5, "partner": 0.5}  # Poisson
TOUCH_WINDOW = 120  # earlier touchpoints fall in the days before the lead
TOUCH_MIX = {"email": 0.35, "linkedin": 0.35, "search": 0.30}  # channels of earlier touchpoints (assumption)
P_FAIR_VISIT = 0.15  # a fair in the window before a lead from elsewhere: chance the firm visited the stand
LEAD_TOUCH = {
    "trade fair": "fair conversation",
    "linkedin": "LinkedIn enquiry",
    "search": "website enquiry",
    "referral": "referral introduction",
    "partner": "partner introduction",
}
EARLIER_TOUCH = {
    "EML": "newsletter click",
    "LIO": "LinkedIn post click",
    "LIA": "LinkedIn ad click",
    "SEO": "search visit",
    "PPC": "search ad click",
}

# --- Targets -----------------------------------------------------------------------------------------
TEAM_PLAN = {2024: 1_800_000, 2025: 2_000_000}  # yearly revenue plan, spread by SEASONALITY (assumption)
REP_SHARE = {"Ruth": 0.08, "Marcus": 0.085, "Aisha": 0.085, "Ben": 0.11}  # of the team's target (assumption)

# --- Names ----------------------------------------------------------------------------------------------
PLACES = (
    "Ashcombe Birchmoor Coldwater Dunhallow Eastmere Fernleigh Greystone Hollins Kestrel Larchfield Millbrook "
    "Northgate Oakhurst Pinecrest Quarrydale Redcliff Saltford Thornbury Upperton Valemont Westbrook Yarrow "
    "Alderley Bramwell Cresswell Dovecote Elmhurst Foxley Harrowgate Kingsmere Lowther Marsden Newlyn Orrin "
    "Penhallow Rivenhall"
).split()
SURNAMES = (
    "Abbott Brennan Castillo Dunmore Ellery Fairweather Galloway Hartley Ingram Kowalski Lindqvist Moreau "
    "Nakamura Okafor Pemberton Quinlan Ramsay Sorensen Thackeray Whitlock Alvarez Baxter Carver Doyle Fletcher "
    "Garrison Holt Jansen Keller Mercer"
).split()
NAME_TEMPLATES = {  # {p}lace or {s}urname
    "trades": (
        "{s} Plumbing & Heating",
        "{p} Electrical",
        "{s} Roofing",
        "{p} Joinery",
        "{s} Building Services",
        "{p} Landscapes",
        "{s} Scaffolding",
        "{p} Glazing",
    ),
    "hospitality": (
        "The {p} Hotel",
        "{p} Lodge",
        "{s}'s Country Inn",
        "{p} Conference Centre",
        "{p} Golf Club",
        "{p} Spa & Leisure",
        "{s} Hotels",
        "{p} Holiday Park",
    ),
    "healthcare": (
        "{p} Dental Practice",
        "{p} Physiotherapy",
        "{p} Veterinary Clinic",
        "{s} Care Homes",
        "{p} Family Clinic",
        "{p} Pharmacy",
        "{s} Opticians",
        "{p} Medical Centre",
    ),
    "facilities": (
        "{p} Facilities Services",
        "{s} Cleaning Co.",
        "{p} Property Care",
        "{p} Security Services",
        "{s} Grounds Maintenance",
        "{p} Estates Services",
        "{s} Commercial Cleaning",
        "{p} Maintenance Group",
    ),
}


def _workday(dates) -> np.ndarray:
    """Roll each date forward to a working day (Monday to Friday, not a holiday)."""
    days = np.asarray(pd.to_datetime(dates).to_numpy(), dtype="datetime64[D]")
    return np.busday_offset(days, 0, roll="forward", holidays=list(HOLIDAYS)).astype("datetime64[ns]")


def _day_str(values) -> np.ndarray:
    """Dates as YYYY-MM-DD text; missing dates stay missing."""
    s = pd.Series(pd.to_datetime(pd.Series(values)))
    return s.dt.strftime("%Y-%m-%d").where(s.notna(), None).to_numpy(dtype=object)


# --- Accounts -----------------------------------------------------------------------------------------


def _firms(rng, industry: np.ndarray, size_factor) -> pd.DataFrame:
    """Employees, uniformed staff and satisfaction of new organisations of the given industries."""
    p = INDUSTRY.loc[industry]
    staff = np.round(p["median_staff"].to_numpy() * size_factor * np.exp(rng.normal(0, p["spread"].to_numpy())))
    staff = np.clip(staff, MIN_STAFF, MAX_STAFF).astype(int)
    return pd.DataFrame(
        {
            "industry": industry,
            "employees": staff,
            "uniformed": np.maximum(3, np.round(staff * p["uniformed"].to_numpy())).astype(int),
            "satisfaction": rng.normal(0, 1, len(industry)),
        }
    )


def _existing_accounts(rng) -> pd.DataFrame:
    """The accounts that first ordered before 2024, oldest first."""
    f = _firms(rng, _draw(rng, EXISTING_MIX, N_EXISTING), 1.0)
    low, high = (pd.Timestamp(d) for d in SINCE)
    since = low + pd.to_timedelta(rng.integers(0, (high - low).days + 1, N_EXISTING), unit="D")
    f["first_seen"] = _workday(since)
    f["first_order"] = f["first_seen"]
    f["source"] = _draw(rng, HISTORIC_SOURCE, N_EXISTING)
    f["partner"] = np.where(f["source"] == "partner", rng.choice([n for _, n in PARTNERS], N_EXISTING), None)
    return f.sort_values("first_seen", kind="stable", ignore_index=True)


# --- Campaigns and leads ----------------------------------------------------------------------------------


def _campaigns(rng) -> pd.DataFrame:
    """Every campaign with its planned reach, clicks and leads; referral and partner spend come later."""
    rows = []
    for year in YEARS:
        for month in range(1, 13):
            last = pd.Period(f"{year}-{month:02d}").days_in_month
            for kind, channel, plan in MONTHLY:
                rows.append((year, month, 1, last, kind, channel, "", plan, ""))
        for month, day, days, theme, industry, plan in FAIRS:
            rows.append((year, month, day, days, "FAIR", "trade fair", theme, plan, industry))
        rows.append((year, 1, 1, 366 if year % 4 == 0 else 365, "REF", "referral", "", 0.0, ""))
        for code, name in PARTNERS:
            rows.append((year, 1, 1, 366 if year % 4 == 0 else 365, "PRT", "partner", name, 0.0, code))
    c = pd.DataFrame(rows, columns=["year", "month", "day", "days", "kind", "channel", "theme", "plan", "extra"])
    c["start_date"] = pd.to_datetime(dict(year=c["year"], month=c["month"], day=c["day"]))
    c["end_date"] = c["start_date"] + pd.to_timedelta(c["days"] - 1, unit="D")
    month_tag = c["start_date"].dt.strftime("%Y-%m")
    c["campaign_id"] = np.select(
        [c["kind"] == "REF", c["kind"] == "PRT"],
        [c["kind"] + "-" + c["year"].astype(str), "PRT-" + c["extra"] + "-" + c["year"].astype(str)],
        c["kind"] + "-" + month_tag,
    )
    c["type"] = c["kind"].map({k: v[0] for k, v in KINDS.items()})
    prefix = c["kind"].map({k: v[1] for k, v in KINDS.items()})
    label = np.where(c["theme"] != "", c["theme"] + " " + c["year"].astype(str), month_tag)
    c["name"] = prefix + ": " + label
    c["spend"] = (c["plan"] * rng.uniform(1 - SPEND_NOISE, 1 + SPEND_NOISE, len(c))).round(2)

    kind = c["kind"].to_numpy()
    impressions = np.full(len(c), np.nan)
    clicks = np.full(len(c), np.nan)
    n = len(c)
    m = kind == "LIA"
    impressions[m] = c["spend"].to_numpy()[m] / rng.uniform(*LINKEDIN_CPM, m.sum()) * 1000
    ctr = np.zeros(n)
    ctr[m] = rng.uniform(*LINKEDIN_CTR, m.sum())
    m = kind == "LIO"
    impressions[m] = rng.uniform(*LINKEDIN_POSTS[0], m.sum())
    ctr[m] = rng.uniform(*LINKEDIN_POSTS[1], m.sum())
    m = kind == "SEO"
    impressions[m] = rng.uniform(*SEO_SEARCH[0], m.sum())
    ctr[m] = rng.uniform(*SEO_SEARCH[1], m.sum())
    m = kind == "EML"
    month_no = (c["year"].to_numpy() - YEARS[0]) * 12 + c["month"].to_numpy() - 1
    impressions[m] = EMAIL_LIST[0] + EMAIL_LIST[1] * month_no[m]
    ctr[m] = rng.uniform(*EMAIL_CTR, m.sum())
    m = kind == "PPC"  # bought by the click: clicks from spend and CPC, impressions from the CTR
    clicks[m] = np.round(c["spend"].to_numpy()[m] / rng.uniform(*SEARCH_CPC, m.sum()))
    impressions[m] = clicks[m] / rng.uniform(*SEARCH_CTR, m.sum())
    impressions = np.round(impressions)
    other = np.isin(kind, ["LIA", "LIO", "SEO", "EML"])
    clicks[other] = rng.binomial(impressions[other].astype(np.int64), ctr[other])
    season = SEASONALITY[c["month"].to_numpy() - 1]
    leads = np.full(n, np.nan)
    for k, rate in LEAD_RATE.items():
        m = kind == k
        leads[m] = rng.binomial(clicks[m].astype(np.int64), np.minimum(0.9, rate * season[m]))
    m = kind == "FAIR"
    leads[m] = rng.integers(FAIR_CONTACTS[0], FAIR_CONTACTS[1] + 1, m.sum())
    for k, per_month in INTRODUCTIONS.items():
        m = kind == k
        leads[m] = rng.poisson(per_month * 12, m.sum())
    for col, values in (("impressions", impressions), ("clicks", clicks), ("leads", leads)):
        c[col] = pd.Series(values).round().astype("Int64")  # blank = not known / not measured
    return c.sort_values("campaign_id", ignore_index=True)


def _working_day_between(rng, first, last) -> np.ndarray:
    """A uniformly drawn working day from ``first`` to ``last`` (inclusive) for each pair of dates."""
    lo = np.busday_offset(np.asarray(first, dtype="datetime64[D]"), 0, roll="forward", holidays=list(HOLIDAYS))
    count = np.busday_count(lo, np.asarray(last, dtype="datetime64[D]") + 1, holidays=list(HOLIDAYS))
    k = np.floor(rng.random(len(lo)) * count).astype(int)
    return np.busday_offset(lo, k, holidays=list(HOLIDAYS)).astype("datetime64[ns]")


def _leads(rng, c: pd.DataFrame) -> pd.DataFrame:
    """One row per lead: its day (a working day inside its campaign), campaign and source.

    Introductions (referral programme, partners) arrive through the year with the seasonal index.
    The ones worth pursuing become deals a few days later (the follow-up).
    """
    counts = c["leads"].fillna(0).astype(int).to_numpy()
    idx = np.repeat(np.arange(len(c)), counts)
    first = c["start_date"].to_numpy()[idx]
    last = c["end_date"].to_numpy()[idx]
    yearly = np.isin(c["kind"].to_numpy()[idx], ["REF", "PRT"])
    months = rng.choice(12, size=yearly.sum(), p=SEASONALITY / SEASONALITY.sum())
    month_start = pd.to_datetime(dict(year=c["year"].to_numpy()[idx][yearly], month=months + 1, day=1))
    first[yearly] = month_start.to_numpy()
    last[yearly] = (month_start + pd.offsets.MonthEnd(0)).to_numpy()
    leads = pd.DataFrame({"campaign": idx, "source": c["channel"].to_numpy()[idx]})
    leads["date"] = _working_day_between(rng, first, last)
    leads = leads.sort_values(["date", "campaign"], kind="stable", ignore_index=True)
    leads["pursued"] = rng.random(len(leads)) < leads["source"].map(ACCEPT).to_numpy()
    lag = rng.poisson(leads["source"].map(FOLLOW_UP_DAYS).to_numpy())
    leads["deal_date"] = _workday(leads["date"] + pd.to_timedelta(lag, unit="D"))
    return leads


# --- Deals ------------------------------------------------------------------------------------------------


def _new_prospects(rng, deals: pd.DataFrame, c: pd.DataFrame) -> pd.DataFrame:
    """The organisation behind each new-business deal: industry and size by source (fairs: by theme)."""
    industry = np.empty(len(deals), dtype=object)
    fair = (deals["source"] == "trade fair").to_numpy()
    theme = c["extra"].to_numpy()[deals["campaign"].to_numpy()]
    own = rng.random(len(deals)) < FAIR_INDUSTRY_SHARE
    others = rng.choice(len(INDUSTRIES), len(deals))
    industry[fair] = np.where(own[fair], theme[fair], np.asarray(INDUSTRIES, dtype=object)[others[fair]])
    for source, mix in SOURCE_MIX.items():
        m = (deals["source"] == source).to_numpy()
        industry[m] = _draw(rng, mix, m.sum())
    size = deals["source"].map(SOURCE_SIZE).to_numpy()
    f = _firms(rng, industry, size)
    f["first_seen"] = deals["date"].to_numpy()
    f["source"] = deals["source"].to_numpy()
    partner = {f"PRT-{code}": name for code, name in PARTNERS}
    f["partner"] = [partner.get(cid[:7]) for cid in c["campaign_id"].to_numpy()[deals["campaign"].to_numpy()]]
    return f


def _pipeline(rng, d: pd.DataFrame) -> pd.DataFrame:
    """Stage dates, outcome and minutes of each deal (columns source, type, staff, date given).

    A deal moves on from each stage with its source's chances (tenders and the rep's skill adjust
    them); it reaches the next stage after a gamma-distributed wait. It is won after negotiation,
    or closed as lost some weeks after the last stage it reached. A deal whose next event falls
    after END stays open at the stage it had reached.
    """
    n = len(d)
    p = np.array([STAGE_P[s] for s in d["source"]])
    tender = (d["type"] == "tender").to_numpy()
    p[tender] *= np.array(TENDER_P)
    skill = d["staff"].map(SKILL).to_numpy()
    p[:, 2:] *= skill[:, None]
    p = np.minimum(p, 0.97)
    passed = (rng.random((n, 4)) < p).cumprod(axis=1).sum(axis=1)  # 0 = lost as a prospect .. 4 = won
    mean = np.tile(np.array(STAGE_DAYS), (n, 1))
    mean[tender] *= np.array(TENDER_DAYS)
    mean *= d["source"].map(SPEED).fillna(1.0).to_numpy()[:, None]
    wait = np.maximum(1, np.round(rng.gamma(2.0, mean / 2.0))).astype(int)
    lost_mean = np.where(passed == 0, LOST_DAYS[0], LOST_DAYS[1])
    lost_wait = np.maximum(1, np.round(rng.gamma(2.0, lost_mean / 2.0))).astype(int)
    start = d["date"].to_numpy().astype("datetime64[D]")
    stage = [start]  # date of prospect, qualified, proposal, negotiation
    for k in range(3):
        stage.append(stage[-1] + wait[:, k].astype("timedelta64[D]"))
    stage = np.stack(stage, axis=1)
    reached = stage[np.arange(n), np.minimum(passed, 3)]
    closed = np.where(
        passed == 4, stage[:, 3] + wait[:, 3].astype("timedelta64[D]"), reached + lost_wait.astype("timedelta64[D]")
    )
    cols = {}
    end = np.datetime64(END.date())
    for k, name in enumerate(("date", "qualified_date", "proposal_date", "negotiation_date")):
        day = _workday(stage[:, k]).astype("datetime64[D]")
        keep = passed >= k  # the deal got to stage k
        cols[name] = np.where(keep & (day <= end), day, np.datetime64("NaT"))
    closed = _workday(closed).astype("datetime64[D]")
    is_open = closed > end
    cols["closed_date"] = np.where(is_open, np.datetime64("NaT"), closed)
    out = pd.DataFrame({k: pd.to_datetime(v) for k, v in cols.items()}, index=d.index)
    out["outcome"] = np.where(is_open, "open", np.where(passed == 4, "won", "lost"))
    # Minutes: the work of every stage the deal got to, and of closing it.
    at = pd.DataFrame({k: out[k].notna() for k in ("date", "qualified_date", "proposal_date", "negotiation_date")})
    work = at.to_numpy() @ np.array(STAGE_MINUTES[:4], float) + (out["outcome"] != "open") * STAGE_MINUTES[4]
    work = work * np.where(tender, TENDER_MINUTES, 1.0)
    out["minutes"] = np.maximum(10, np.round(work * rng.gamma(6.0, 1 / 6.0, n))).astype(int)
    return out


def _assign(rng, kinds: pd.Series) -> np.ndarray:
    staff = np.empty(len(kinds), dtype=object)
    for kind, options in OWNERS.items():
        m = (kinds == kind).to_numpy()
        staff[m] = _draw(rng, options, m.sum())
    return staff


def _deal_value(rng, firms: pd.DataFrame, share) -> np.ndarray:
    """Whole dollars: the uniformed staff (times ``share``) kitted out at the industry's price."""
    kit = INDUSTRY.loc[firms["industry"], "kit"].to_numpy()
    return np.round(firms["uniformed"].to_numpy() * share * kit * rng.uniform(0.85, 1.15, len(firms)))


# --- Reorders ------------------------------------------------------------------------------------------------


def _reorders(rng, accounts: pd.DataFrame) -> pd.DataFrame:
    """Orders an account places on its own: new-starter kits and replenishment, month by month."""
    workdays = pd.bdate_range(START, END, freq="C", holidays=list(HOLIDAYS))
    months = pd.period_range(START, END, freq="M")
    month_of = workdays.to_period("M")
    first_day = np.array([np.flatnonzero(month_of == m)[0] for m in months])
    n_days = np.array([(month_of == m).sum() for m in months])
    p = INDUSTRY.loc[accounts["industry"]]
    uniformed = accounts["uniformed"].to_numpy()
    hires = uniformed * p["turnover"].to_numpy()
    streams = {
        "new-starter kits": (np.clip(hires / KIT_BATCH, 0.5, 8.0), hires * p["kit"].to_numpy()),
        "replenishment": (np.clip(uniformed / REPLENISH_PER, 0.5, 4.0), uniformed * p["replace"].to_numpy()),
    }
    begin = np.maximum(accounts["reorders_from"].to_numpy(), START.to_datetime64())
    stop = np.minimum(accounts["lapsed_on"].fillna(END + pd.Timedelta(days=1)).to_numpy(), END.to_datetime64())
    frames = []
    for kind, (per_year, yearly_value) in streams.items():
        rows = []
        for j, m in enumerate(months):
            lo, hi = m.start_time.to_datetime64(), m.end_time.normalize().to_datetime64()
            overlap = (np.minimum(stop, hi) - np.maximum(begin, lo)) / np.timedelta64(1, "D") + 1
            share = np.clip(overlap / m.days_in_month, 0, 1)
            count = rng.poisson(per_year * SEASONALITY[m.month - 1] / 12 * share)
            acc = np.repeat(np.arange(len(accounts)), count)
            day = workdays[first_day[j] + np.floor(rng.random(len(acc)) * n_days[j]).astype(int)].to_numpy()
            day = np.minimum(np.maximum(day, begin[acc]), stop[acc])  # inside the account's active days
            rows.append(pd.DataFrame({"account": acc, "date": _workday(day)}))
        o = pd.concat(rows, ignore_index=True)
        o = o[o["date"] <= np.minimum(stop[o["account"]], END.to_datetime64())]
        mean = (yearly_value / per_year)[o["account"]]
        o["value"] = mean * np.exp(rng.normal(-(ORDER_NOISE**2) / 2, ORDER_NOISE, len(o)))
        o["order_type"] = kind
        frames.append(o)
    return pd.concat(frames, ignore_index=True)


# --- Putting it together -----------------------------------------------------------------------------------


def generate(seed: int = 2024) -> dict[str, pd.DataFrame]:
    """Northway Workwear's tables (2024-01-01 to 2025-12-31): file stem to rows, as :func:`write` puts them on disk.

    One seeded numpy Generator draws everything, so the same ``seed`` always gives the same tables.

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables)
    ['campaigns', 'customers', 'funnel', 'interactions', 'orders', 'staff', 'survey', 'targets', 'touchpoints']
    >>> tables["orders"]["customer_id"].notna().all()
    np.True_
    """
    rng = np.random.default_rng(seed)
    existing = _existing_accounts(rng)
    c = _campaigns(rng)
    leads = _leads(rng, c)

    # New-business deals: one new organisation each.
    d = leads[leads["pursued"] & (leads["deal_date"] <= END)].reset_index(drop=True)
    d = d.rename(columns={"date": "lead_date"}).assign(date=d["deal_date"])
    firms = _new_prospects(rng, d, c)
    big = (firms["employees"] >= TENDER_STAFF).to_numpy() & (rng.random(len(d)) < P_TENDER)
    d["type"] = np.where(big, "tender", "quote request")
    owner_kind = np.where(big, "tender", np.where(d["source"] == "partner", "partner deal", "quote request"))
    d["staff"] = _assign(rng, pd.Series(owner_kind))
    d["deal_value"] = _deal_value(rng, firms, 1.0)
    d = d.join(_pipeline(rng, d[["source", "type", "staff", "date"]]).drop(columns="date"))
    d["account"] = N_EXISTING + np.arange(len(d))
    firms["first_order"] = d["closed_date"].where(d["outcome"] == "won")
    accounts = pd.concat([existing, firms], ignore_index=True)

    # Lapsing: an exponential wait from the first order (or 2024), faster for less satisfied accounts.
    base = accounts["first_order"].where(accounts["first_order"] > START, START)
    hazard = CHURN * np.exp(-CHURN_SATISFACTION * accounts["satisfaction"].to_numpy())
    wait = np.minimum(np.round(rng.exponential(365.25 / hazard)), 36_500)  # beyond a century: never
    lapse = base + pd.to_timedelta(wait, unit="D")
    accounts["lapsed_on"] = lapse.where(accounts["first_order"].notna() & (lapse <= END))
    accounts["reorders_from"] = accounts["first_order"] + pd.Timedelta(days=FIRST_REORDER_DAYS)

    # Range-refresh deals of accounts at least a year old, while they are active.
    refresh = _refresh_deals(rng, accounts)
    deals = pd.concat([d.assign(campaign_id=c["campaign_id"].to_numpy()[d["campaign"]]), refresh], ignore_index=True)

    buyers = accounts[accounts["first_order"].notna()]
    reorders = _reorders(rng, buyers.reset_index(drop=True))
    reorders["account"] = buyers.index.to_numpy()[reorders["account"]]
    orders, interactions = _orders_and_interactions(rng, accounts, deals, reorders)
    campaigns = _campaign_table(c, deals)
    customers = _customer_table(rng, accounts)
    survey = _survey(rng, accounts, orders)
    touchpoints = _touchpoints(rng, c, accounts, deals)
    return {
        "campaigns": campaigns,
        "customers": customers,
        "funnel": _funnel(campaigns, interactions),
        "interactions": interactions,
        "orders": orders,
        "staff": STAFF.copy(),
        "survey": survey,
        "targets": _targets(),
        "touchpoints": touchpoints,
    }


def _refresh_deals(rng, accounts: pd.DataFrame) -> pd.DataFrame:
    """Deals in which an existing account re-kits its staff with a new range (no campaign)."""
    eligible = accounts["first_order"].notna().to_numpy()
    lo = (accounts["first_order"] + pd.Timedelta(days=365)).clip(lower=START).to_numpy()
    hi = accounts["lapsed_on"].fillna(END).to_numpy()
    years = np.where(eligible, (hi - lo) / np.timedelta64(1, "D") / 365.25, 0).clip(0)
    counts = rng.poisson(REFRESH_RATE * years)
    acc = np.repeat(np.arange(len(accounts)), counts)
    span = (hi[acc] - lo[acc]) / np.timedelta64(1, "D")
    day = lo[acc] + pd.to_timedelta(np.floor(rng.random(len(acc)) * span), unit="D").to_numpy()
    r = pd.DataFrame({"account": acc, "date": _workday(day), "source": "existing account", "type": "range refresh"})
    r["staff"] = _assign(rng, r["type"])
    firms = accounts.loc[acc].reset_index(drop=True)
    r["deal_value"] = _deal_value(rng, firms, rng.uniform(*REFRESH_SHARE, len(r)))
    return r.join(_pipeline(rng, r[["source", "type", "staff", "date"]]).drop(columns="date"))


def _orders_and_interactions(rng, accounts, deals, reorders):
    """orders.csv and interactions.csv: won deals become orders; some reorders follow a logged call."""
    won = deals[deals["outcome"] == "won"]
    first = won["type"] != "range refresh"
    o_deals = pd.DataFrame(
        {
            "account": won["account"].to_numpy(),
            "date": won["closed_date"].to_numpy(),
            "value": won["deal_value"].to_numpy(),
            "order_type": np.where(first, np.where(won["type"] == "tender", "tender", "first order"), "range refresh"),
            "campaign_id": won["campaign_id"].where(first).to_numpy(),
            "deal": won.index.to_numpy(),
        }
    )
    reorders = reorders.assign(campaign_id=None, deal=-1)
    o = pd.concat([o_deals, reorders], ignore_index=True)
    o = o.sort_values(["date", "account", "order_type"], kind="stable", ignore_index=True)
    o["order_id"] = _ids("SO", 10001 + np.arange(len(o)), 5).to_numpy()
    industry = accounts["industry"].to_numpy()[o["account"]]
    cents = np.round(o["value"].to_numpy() * 100).astype(np.int64)
    margin = o["order_type"].map(MARGIN).to_numpy() + rng.normal(0, MARGIN_NOISE, len(o))
    items = np.maximum(1, np.round(cents / 100 / INDUSTRY.loc[industry, "garment"].to_numpy())).astype(int)
    partner_first = o["campaign_id"].fillna("").str.startswith("PRT").to_numpy()
    reorder = (o["deal"] < 0).to_numpy()
    call = reorder & (rng.random(len(o)) < P_REORDER_CALL)
    channel = np.where(partner_first, "partner", np.where(reorder & ~call, "reorder portal", "direct"))
    orders = pd.DataFrame(
        {
            "order_id": o["order_id"].to_numpy(),
            "order_date": _day_str(o["date"]),
            "customer_id": _account_ids(accounts).to_numpy()[o["account"]],
            "channel": channel,
            "revenue": _cents(cents),
            "gross_profit": _cents(np.round(cents * margin)),
            "campaign_id": o["campaign_id"].to_numpy(),
            "items": items,
            "order_type": o["order_type"].to_numpy(),
        }
    )

    # Interactions: every deal, every reorder call, and the calls that found no order.
    deal_order = pd.Series(o["order_id"].to_numpy()[~reorder], index=o["deal"].to_numpy()[~reorder])
    i_deals = deals.assign(
        order_id=deal_order.reindex(deals.index).to_numpy(),
        customer=deals["account"],
        kind=deals["type"],
    )
    calls = o[call]
    lost = _lost_calls(rng, accounts, calls)
    i_calls = pd.DataFrame(
        {
            "date": pd.concat([calls["date"], lost["date"]], ignore_index=True),
            "customer": np.r_[calls["account"].to_numpy(), lost["account"].to_numpy()],
            "order_id": np.r_[calls["order_id"].to_numpy(), np.full(len(lost), None)],
            "outcome": ["won"] * len(calls) + ["lost"] * len(lost),
            "kind": "reorder call",
            "staff": "Ben",
        }
    )
    i_calls["minutes"] = np.maximum(5, np.round(rng.gamma(4.0, CALL_MINUTES / 4.0, len(i_calls)))).astype(int)
    i = pd.concat([i_deals, i_calls], ignore_index=True)
    i = i.sort_values(["date", "customer", "kind"], kind="stable", ignore_index=True)
    interactions = pd.DataFrame(
        {
            "interaction_id": _ids("I-", np.arange(1, len(i) + 1), 5).to_numpy(),
            "date": _day_str(i["date"]),
            "staff": i["staff"].to_numpy(),
            "type": i["kind"].to_numpy(),
            "outcome": i["outcome"].to_numpy(),
            "customer_id": _account_ids(accounts).to_numpy()[i["customer"].astype(int)],
            "order_id": i["order_id"].to_numpy(),
            "minutes": i["minutes"].astype(int).to_numpy(),
            "campaign_id": i["campaign_id"].to_numpy(),
            "deal_value": i["deal_value"].to_numpy(),
            "qualified_date": _day_str(i["qualified_date"]),
            "proposal_date": _day_str(i["proposal_date"]),
            "negotiation_date": _day_str(i["negotiation_date"]),
            "closed_date": _day_str(i["closed_date"]),
            "lead_source": i["source"].to_numpy(),
        }
    )
    return orders, interactions


def _lost_calls(rng, accounts: pd.DataFrame, calls: pd.DataFrame) -> pd.DataFrame:
    """Reorder calls that found no need yet: active accounts on working days, no order."""
    n = rng.binomial(len(calls), LOST_CALLS)
    pick = rng.choice(len(calls), n)  # like the calls that worked: same accounts, other days
    shift = pd.to_timedelta(rng.integers(-60, 61, n), unit="D")
    day = calls["date"].to_numpy()[pick] + shift.to_numpy()
    day = np.minimum(np.maximum(day, START.to_datetime64()), END.to_datetime64())
    account = calls["account"].to_numpy()[pick]
    lapsed = accounts["lapsed_on"].to_numpy()[account]
    first = accounts["first_order"].to_numpy()[account]
    ok = (day > first) & ~(day >= lapsed)
    out = pd.DataFrame({"date": _workday(day[ok]), "account": account[ok]})
    return out[out["date"] <= END].reset_index(drop=True)


def _account_ids(accounts: pd.DataFrame) -> pd.Series:
    return _ids("A", np.arange(1, len(accounts) + 1), 4)


def _names(rng, accounts: pd.DataFrame) -> np.ndarray:
    """Made-up firm names, unique: every template x word combination of an industry, shuffled."""
    names = np.empty(len(accounts), dtype=object)
    for industry, templates in NAME_TEMPLATES.items():
        pool = list(dict.fromkeys(t.format(p=p, s=s) for t in templates for p in PLACES for s in SURNAMES))
        pool = [pool[k] for k in rng.permutation(len(pool))]
        m = np.flatnonzero(accounts["industry"].to_numpy() == industry)
        names[m] = [pool[k % len(pool)] + ("" if k < len(pool) else f" ({k // len(pool) + 1})") for k in range(len(m))]
    return names


def _customer_table(rng, accounts: pd.DataFrame) -> pd.DataFrame:
    """customers.csv: every organisation, buyers and prospects alike."""
    bought = accounts["first_order"].notna()
    status = np.where(~bought, "prospect", np.where(accounts["lapsed_on"].notna(), "lapsed", "active"))
    return pd.DataFrame(
        {
            "customer_id": _account_ids(accounts).to_numpy(),
            "name": _names(rng, accounts),
            "industry": accounts["industry"].to_numpy(),
            "employees": accounts["employees"].to_numpy(),
            "uniformed_staff": accounts["uniformed"].to_numpy(),
            "first_seen": _day_str(accounts["first_seen"]),
            "first_order": _day_str(accounts["first_order"]),
            "acquisition_channel": accounts["source"].to_numpy(),
            "partner": accounts["partner"].to_numpy(),
            "status": status,
        }
    )


def _campaign_table(c: pd.DataFrame, deals: pd.DataFrame) -> pd.DataFrame:
    """campaigns.csv, with the referral rewards and partner commissions their deals earned as spend."""
    c = c.copy()
    by = deals.groupby("campaign_id")
    won_value = deals[deals["outcome"] == "won"].groupby("campaign_id")["deal_value"].sum()
    won_count = deals[deals["outcome"] == "won"].groupby("campaign_id").size()
    introductions = by.size()
    ref = c["kind"] == "REF"
    ids = c.loc[ref, "campaign_id"]
    c.loc[ref, "spend"] = (
        REFERRAL_REWARD[0] * introductions.reindex(ids, fill_value=0).to_numpy()
        + REFERRAL_REWARD[1] * won_count.reindex(ids, fill_value=0).to_numpy()
    )
    prt = c["kind"] == "PRT"
    c.loc[prt, "spend"] = (
        (PARTNER_COMMISSION * won_value.reindex(c.loc[prt, "campaign_id"], fill_value=0)).round(2).to_numpy()
    )
    columns = ["campaign_id", "channel", "start_date", "end_date", "spend", "name", "impressions", "clicks", "leads"]
    out = c[columns + ["type"]].copy()
    for col in ("start_date", "end_date"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


FUNNEL_SOURCES = ("linkedin", "search")
STAGES = ("reach", "site visits", "enquiries", "qualified", "proposal", "won")


def _funnel(campaigns: pd.DataFrame, interactions: pd.DataFrame) -> pd.DataFrame:
    """Monthly funnel of the two web sources, from the campaigns and the deals their leads became.

    reach, site visits and enquiries are the impressions, clicks and leads of that month's LinkedIn
    and search campaigns; qualified, proposal and won count those campaigns' deals that reached the
    stage by 31 December 2025. Period = the campaign's month.
    """
    c = campaigns[campaigns["channel"].isin(FUNNEL_SOURCES)].copy()
    c["period"] = c["start_date"].str[:7]
    deals = interactions[interactions["deal_value"].notna()]
    counts = {
        "reach": c.set_index("campaign_id")["impressions"],
        "site visits": c.set_index("campaign_id")["clicks"],
        "enquiries": c.set_index("campaign_id")["leads"],
        "qualified": deals.loc[deals["qualified_date"].notna(), "campaign_id"].value_counts(),
        "proposal": deals.loc[deals["proposal_date"].notna(), "campaign_id"].value_counts(),
        "won": deals.loc[deals["outcome"] == "won", "campaign_id"].value_counts(),
    }
    return funnel_rows(c, counts, STAGES)


def _touchpoints(rng, c: pd.DataFrame, accounts, deals) -> pd.DataFrame:
    """Marketing contacts of each new account before its first order; the lead is always the last one."""
    won = deals[(deals["outcome"] == "won") & deals["campaign_id"].notna()]
    lead = pd.DataFrame(
        {
            "account": won["account"].to_numpy(),
            "date": won["lead_date"].to_numpy(),  # inside the campaign's dates
            "channel": won["source"].to_numpy(),
            "campaign_id": won["campaign_id"].to_numpy(),
            "touch": won["source"].map(LEAD_TOUCH).to_numpy(),
        }
    )
    # Earlier contacts: monthly campaigns that ran on a working day before the lead.
    n = rng.poisson(won["source"].map(EARLIER_TOUCHES).to_numpy())
    idx = np.repeat(np.arange(len(lead)), n)
    back = rng.integers(1, TOUCH_WINDOW + 1, len(idx))
    day = pd.DatetimeIndex(_workday(lead["date"].to_numpy()[idx] - pd.to_timedelta(back, unit="D").to_numpy()))
    channel = _draw(rng, TOUCH_MIX, len(idx))
    ads = rng.random(len(idx)) < 0.5  # half of the LinkedIn and search visits came from ads
    kind = np.select(
        [channel == "email", (channel == "linkedin") & ads, channel == "linkedin", ads],
        ["EML", "LIA", "LIO", "PPC"],
        "SEO",
    )
    earlier = pd.DataFrame(
        {
            "account": lead["account"].to_numpy()[idx],
            "date": day,
            "channel": channel,
            "campaign_id": kind + "-" + day.strftime("%Y-%m").to_numpy(),
            "touch": pd.Series(kind).map(EARLIER_TOUCH).to_numpy(),
        }
    )
    # A fair in the window before the lead: a visit to the stand.
    fairs = c[c["kind"] == "FAIR"]
    fair_rows = []
    for _, f in fairs.iterrows():
        before = (lead["date"] > f["end_date"]) & (lead["date"] <= f["end_date"] + pd.Timedelta(days=TOUCH_WINDOW))
        visit = (
            before.to_numpy() & (rng.random(len(lead)) < P_FAIR_VISIT) & (lead["channel"] != "trade fair").to_numpy()
        )
        fair_rows.append(
            pd.DataFrame(
                {
                    "account": lead["account"].to_numpy()[visit],
                    "date": f["start_date"],
                    "channel": "trade fair",
                    "campaign_id": f["campaign_id"],
                    "touch": "fair visit",
                }
            )
        )
    # Only contacts from 2024 on and before the lead's day; the lead itself is the last one.
    t = pd.concat([earlier, *fair_rows], ignore_index=True)
    lead_day = t["account"].map(lead.set_index("account")["date"])
    t = t[(t["date"] >= START) & (t["date"] < lead_day)]
    t = pd.concat([t, lead], ignore_index=True).drop_duplicates(["account", "date", "campaign_id"])
    t = t.sort_values(["date", "account"], kind="stable", ignore_index=True)
    return pd.DataFrame(
        {
            "customer_id": _account_ids(accounts).to_numpy()[t["account"]],
            "date": t["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "channel": t["channel"].to_numpy(),
            "campaign_id": t["campaign_id"].to_numpy(),
            "touch": t["touch"].to_numpy(),
        }
    )


def _survey(rng, accounts, orders) -> pd.DataFrame:
    """Answers to the after-delivery survey: score 0-10 (satisfied accounts score higher), heard_from."""
    pick = orders[rng.random(len(orders)) < SURVEY_RATE]
    account = pick["customer_id"].str[1:].astype(int).to_numpy() - 1
    day = pd.to_datetime(pick["order_date"]) + pd.to_timedelta(rng.integers(*SURVEY_DAYS, len(pick)), unit="D")
    day = pd.Series(_workday(day))
    keep = (day <= END).to_numpy()
    sat = accounts["satisfaction"].to_numpy()[account]
    score = np.clip(np.round(rng.normal(SCORE_MEAN + SCORE_SATISFACTION * sat, SCORE_NOISE)), 0, 10).astype(int)
    heard = accounts["source"].map(HEARD_FROM).to_numpy()[account]
    heard = np.where(rng.random(len(pick)) < P_HEARD_BLANK, None, heard)
    s = pd.DataFrame(
        {
            "date": day.dt.strftime("%Y-%m-%d").to_numpy(),
            "score": score,
            "heard_from": heard,
            "customer_id": pick["customer_id"].to_numpy(),
            "order_id": pick["order_id"].to_numpy(),
        }
    )[keep]
    return s.sort_values(["date", "customer_id"], kind="stable", ignore_index=True)


def _targets() -> pd.DataFrame:
    """Monthly revenue targets: the team's (staff blank) and each rep's (a share of the team's)."""
    periods = pd.period_range(START, END, freq="M")
    team = np.array([TEAM_PLAN[p.year] * SEASONALITY[p.month - 1] / 12 for p in periods]).round(-2)
    rows = [pd.DataFrame({"period": periods.strftime("%Y-%m"), "target": team, "staff": None})]
    for person, share in REP_SHARE.items():
        rows.append(
            pd.DataFrame({"period": periods.strftime("%Y-%m"), "target": (team * share).round(-2), "staff": person})
        )
    targets = pd.concat(rows, ignore_index=True)
    return targets.sort_values(["period", "staff"], na_position="first", kind="stable", ignore_index=True)


# --- The documentation block of data/README.md ------------------------------------------------------------

ID_COLUMNS = ("order_id", "customer_id", "campaign_id", "interaction_id", "staff")
SOURCE_ORDER = ("trade fair", "linkedin", "search", "referral", "partner", "existing account")


def read_tables(folder) -> dict[str, pd.DataFrame]:
    """The CSV files of a Northway folder, as plain pandas reads them (ids as text).

    Examples
    --------
    >>> from smk_helpers.core.data import example_path
    >>> sorted(read_tables(example_path("northway")))[:3]
    ['campaigns', 'customers', 'funnel']
    """
    return _read_tables(folder, ID_COLUMNS)


def deal_stage(deals: pd.DataFrame) -> pd.Series:
    """The last stage each deal reached, as text: `smk_helpers.core.pipeline.deals` decides it.

    ``deals`` are rows of interactions.csv with a ``deal_value`` (other rows are left out).

    Examples
    --------
    >>> deals = pd.DataFrame({"deal_value": [900.0, 400.0], "qualified_date": ["2025-01-02", None],
    ...                       "proposal_date": [None, None], "negotiation_date": [None, None]})
    >>> deal_stage(deals).tolist()
    ['qualified', 'prospect']
    """
    return pipeline.deals(deals)["stage"].astype(str)


def _designed_win(source: str) -> float:
    """The chance of winning a deal from ``source`` built into the model (before the rep's skill)."""
    return float(np.prod(STAGE_P[source]))


def readme_block(folder) -> str:
    """The Markdown that documents Northway's files, with every figure measured on the files in ``folder``.

    `smk_helpers.dev.readmes.sync_readmes` writes it between the ``northway`` markers of
    data/README.md; tests/test_b2b.py checks that the committed block is current.

    Examples
    --------
    >>> from smk_helpers.core.data import example_path
    >>> readme_block(example_path("northway")).splitlines()[0]
    '## Northway Workwear (example data, synthetic)'
    """
    t = read_tables(folder)
    o, c, i = t["orders"].copy(), t["campaigns"].copy(), t["interactions"].copy()
    cu, s, tp, fu = t["customers"], t["survey"].copy(), t["touchpoints"], t["funnel"]
    o["year"] = o["order_date"].str[:4].astype(int)
    c["year"] = c["start_date"].str[:4].astype(int)
    s["year"] = s["date"].str[:4].astype(int)
    deals = pipeline.deals(i)  # the rows with a deal_value, and the stage each reached
    deals["year"] = deals["date"].str[:4].astype(int)
    new_biz = deals[deals["lead_source"] != "existing account"]
    decided = new_biz[new_biz["outcome"] != "open"]
    won = deals[deals["outcome"] == "won"].copy()
    won["days"] = (pd.to_datetime(won["closed_date"]) - pd.to_datetime(won["date"])).dt.days
    won_new = won[won["lead_source"] != "existing account"]
    open_deals = deals[deals["outcome"] == "open"]
    calls = i[i["type"] == "reorder call"]
    new_accounts = cu[cu["first_order"].fillna("") >= str(START.date())]
    by_year = {y: o[o["year"] == y] for y in YEARS}
    spend = c.groupby("year")["spend"].sum()
    revenue = o.groupby("year")["revenue"].sum()
    first_orders = o[o["order_type"].isin(["first order", "tender"])]
    fair_deals = (new_biz["lead_source"] == "trade fair").sum()
    quarters = o.groupby(pd.PeriodIndex(o["order_date"], freq="Q"))["revenue"].sum()
    targets = t["targets"]
    team = targets[targets["staff"].isna()].set_index("period")["target"]
    team_att = o.groupby(o["order_date"].str[:7])["revenue"].sum().reindex(team.index, fill_value=0) / team
    credited = i[i["order_id"].notna()].merge(o[["order_id", "order_date", "revenue"]], on="order_id")
    rep_revenue = credited.groupby([credited["order_date"].str[:7].rename("period"), "staff"])["revenue"].sum()
    reps = targets.dropna(subset=["staff"]).set_index(["period", "staff"])["target"]
    rep_att = rep_revenue.reindex(reps.index, fill_value=0) / reps
    fair_leads = c.loc[c["channel"] == "trade fair", "leads"].sum()

    def per_year(f) -> str:
        return _by_year(YEARS, f)

    out = [
        "## Northway Workwear (example data, synthetic)",
        "",
        "`data/northway/` holds two calendar years (2024-01-01 to 2025-12-31) of Northway Workwear, a small firm",
        "that makes branded uniforms and workwear for other businesses: trades firms, hotels, clinics and",
        "facilities companies. **All of it is synthetic.** No real firm or person is in it: the names are put",
        "together from word lists. `smk_helpers/dev/b2b.py` generates the files from a fixed seed, and `make data`",
        "(or `python -m smk_helpers.dev.b2b data/northway`) writes them again, byte for byte the same. This",
        "block is written from the files by `b2b.readme_block`, so every figure in it is measured, not typed;",
        "`tests/test_b2b.py` fails if the files or this block are out of date.",
        "",
        "Northway is the course's second example, to set beside The Book Hub: it sells business to business",
        f"(B2B). It has few large orders ({len(o):,} in two years, median {_money(o['revenue'].median())}), only named",
        "accounts (every order has a `customer_id`), long sales cycles with quotes and tenders, and a pipeline",
        "of deals still open at the end of the data.",
        "",
        "### How the data is made",
        "",
        f"- **Accounts.** {len(cu[cu['first_seen'] < str(START.date())]):,} accounts were customers before 2024.",
        "  Northway started its CRM on 1 January 2024, so no deal, order or contact before that day is in the",
        "  files. Every account has an industry, a number of employees and a number of them in uniform. It",
        "  reorders on its own: kits for new starters (staff turnover) and replenishment of worn garments,",
        "  month by month with a seasonal index (all assumptions). Each year some accounts lapse; the less",
        "  satisfied ones more often.",
        "- **Marketing (one-to-many).** Three trade fairs a year, LinkedIn ads and posts, search ads and SEO",
        "  content, and a monthly newsletter. Fairs, LinkedIn and search bring leads (enquiries and stand",
        "  conversations). A customer referral programme and two facilities-management partners introduce",
        "  prospects. The referral programme costs its thank-you rewards"
        f" ({_money(REFERRAL_REWARD[0])} an introduction,",
        f"  {_money(REFERRAL_REWARD[1])} more when it becomes an account); the partner programme costs its"
        f" commissions ({_pct(PARTNER_COMMISSION, 0)} of the first order). Both amounts are assumptions.",
        "- **Sales (one-to-one).** A lead worth pursuing becomes a deal: a row of `interactions.csv` with a",
        "  `deal_value` that moves from prospect to qualified, proposal (the quote), negotiation, then won or",
        "  lost. Each lead source has its own chances at each stage (assumptions, tuned to the cited win rates",
        f"  below). Organisations of {TENDER_STAFF} employees or more usually buy by tender: larger, slower and"
        " harder to",
        "  win. A won deal is the account's first order, dated the day it closed and worth exactly its",
        "  `deal_value`. A deal still undecided on 31 December 2025 stays `open` at the stage it reached.",
        "  Existing accounts also run range-refresh deals, and the account manager's reorder calls are logged",
        "  as interactions that are not deals.",
        "- **Touchpoints.** Each new account's marketing contacts before its first order: a few earlier ones",
        "  (newsletter and LinkedIn clicks, search visits, a fair), then the lead itself, which is always the",
        "  last one and names the campaign that brought the deal.",
        "- **Money.** Gross margin depends on the kind of order, about"
        f" {_pct(kpis.gross_margin_rate(o['gross_profit'].sum(), o['revenue'].sum()), 0)}",
        "  overall (assumption for made-to-order branded workwear). Revenue and profit are added up in whole cents.",
        "",
        "### The files",
        "",
        "The seven contract files follow the contract above; extra columns come after the contract's.",
        "`customers.csv` and `staff.csv` add detail. Ids are text, dates are `YYYY-MM-DD`, money is in",
        'dollars with two decimals and no sales tax, and an empty cell means "none" or "not known".',
        "",
        f"#### `orders.csv`: {len(o):,} orders",
        "",
        _columns(
            [
                ["`order_id`", "`SO10001` upwards, in date order"],
                ["`order_date`", "a working day; a won deal's order is dated the day the deal closed"],
                ["`customer_id`", "the account (in `customers.csv`); never empty"],
                [
                    "`channel`",
                    "`direct` (sold by a rep), `reorder portal` (the account reordered online), "
                    "`partner` (first orders co-sold with a partner)",
                ],
                ["`revenue`", "what the account paid, without tax"],
                ["`gross_profit`", "revenue minus the cost of garments, decoration and delivery"],
                ["`campaign_id`", "on a new account's first order: the campaign that brought the deal"],
                ["`items`", "garments in the order"],
                ["`order_type`", "extra: " + ", ".join(f"`{k}`" for k in sorted(o["order_type"].unique()))],
            ],
        ),
        "",
        f"#### `interactions.csv`: {len(i):,} rows, of which {len(deals):,} are deals",
        "",
        _columns(
            [
                ["`interaction_id`", "`I-00001` upwards, in date order"],
                ["`date`", "for a deal, the day it became a prospect; for a call, the day of the call"],
                ["`staff`", "the rep (in `staff.csv`)"],
                [
                    "`type`",
                    ", ".join(f"`{k}`" for k in sorted(i["type"].unique()))
                    + " (reorder calls are not deals: no `deal_value`, no stage dates)",
                ],
                ["`outcome`", f"`won`, `lost` or `open` ({len(open_deals)} deals are open on 31 December 2025)"],
                ["`customer_id`", "the account or prospect (in `customers.csv`)"],
                ["`order_id`", "for a won deal or call, the order it led to"],
                ["`minutes`", "rep time spent: every stage the deal got to, more for tenders"],
                ["`campaign_id`", "the campaign that brought a new-business deal"],
                ["`deal_value`", "the quote: what the deal is worth if won; equals the won order's revenue"],
                [
                    "`qualified_date`, `proposal_date`, `negotiation_date`, `closed_date`",
                    "the day the deal reached each stage; blank if it did not (yet); `closed_date` only for won"
                    " and lost",
                ],
                ["`lead_source`", "extra: " + ", ".join(f"`{k}`" for k in SOURCE_ORDER)],
            ],
        ),
        "",
        f"#### `campaigns.csv`: {len(c):,} campaigns",
        "",
        _columns(
            [
                [
                    "`campaign_id`",
                    "kind and month (`LIA-2024-01` LinkedIn ads, `LIO` posts, `PPC` search ads, `SEO`, "
                    "`EML` newsletter, `FAIR`), or kind and year (`REF-2024`, `PRT-BRW-2024`, `PRT-KEY-2024`)",
                ],
                ["`channel`", ", ".join(f"`{k}`" for k in sorted(c["channel"].unique()))],
                ["`spend`", "what it cost; for referrals the rewards, for partners the commissions their deals earned"],
                ["`impressions`, `clicks`", "LinkedIn, search and newsletter only (emails sent for the newsletter)"],
                ["`leads`", "enquiries, stand conversations or introductions; blank for the newsletter"],
                ["`type`", "extra: " + ", ".join(f"`{k}`" for k in sorted(c["type"].unique()))],
            ],
        ),
        "",
        f"#### `funnel.csv`: {len(fu):,} rows ({fu['period'].nunique()} months x {fu['source'].nunique()} sources x "
        f"{fu['stage'].nunique()} stages)",
        "",
        "The web funnel of LinkedIn and search, by the month of the campaigns: `" + "` → `".join(STAGES) + "`.",
        "`reach`, `site visits` and `enquiries` are the campaigns' impressions, clicks and leads; `qualified`,",
        "`proposal` and `won` count those campaigns' deals that reached the stage by 31 December 2025, so the",
        "last months are low (their deals are still open). Counts never increase down the stages. Trade fairs,",
        "referrals and partners have no web funnel: their leads and deals are in `campaigns.csv` and",
        "`interactions.csv`.",
        "",
        f"#### `touchpoints.csv`: {len(tp):,} contacts of {tp['customer_id'].nunique()} new accounts",
        "",
        "One row per marketing contact before an account's first order: `customer_id`, `date`, `channel`,",
        "`campaign_id`, and the extra `touch` (" + ", ".join(f"`{k}`" for k in sorted(tp["touch"].unique())) + ").",
        "",
        f"#### `survey.csv`: {len(s)} answers ({per_year(lambda y: str((s['year'] == y).sum()))})",
        "",
        "`date`, `score` (0-10, how likely they are to recommend Northway), `heard_from`, `customer_id`, and the",
        "extra `order_id` of the delivery the survey followed.",
        "",
        f"#### `customers.csv`: {len(cu):,} organisations",
        "",
        "`customer_id` (`A0001` upwards: the accounts from before 2024 first, then in order of first contact),",
        "`name`, `industry`, `employees`, `uniformed_staff`, `first_seen`, `first_order` (blank for a",
        "prospect that never bought), `acquisition_channel`, `partner`, and `status`: "
        + ", ".join(f"{n} {k}" for k, n in cu["status"].value_counts().sort_index().items())
        + ".",
        "",
        f"#### `staff.csv` ({len(t['staff'])} people) and `targets.csv` ({len(t['targets'])} rows)",
        "",
        "The reps, their roles and hourly cost (wage and employer costs, an assumption). Targets are monthly:",
        "the team's (blank `staff`, a yearly plan spread by the seasonal index) and each rep's (a share of it),",
        "to compare with the revenue of the orders from their won deals and calls.",
        "",
        "### Key figures (2024 / 2025)",
        "",
        _table(
            ["figure", "value"],
            [
                ["revenue", per_year(lambda y: _money(revenue[y]))],
                ["orders", per_year(lambda y: f"{len(by_year[y]):,}")],
                ["median order", per_year(lambda y: _money(by_year[y]["revenue"].median()))],
                ["accounts that ordered", per_year(lambda y: str(by_year[y]["customer_id"].nunique()))],
                [
                    "new accounts (first order that year)",
                    per_year(lambda y: str((new_accounts["first_order"].str[:4] == str(y)).sum())),
                ],
                [
                    "revenue of new accounts' first orders",
                    per_year(lambda y: _money(first_orders.loc[first_orders["year"] == y, "revenue"].sum())),
                ],
                ["new-business deals opened", per_year(lambda y: str((new_biz["year"] == y).sum()))],
                [
                    "marketing spend (share of revenue)",
                    per_year(lambda y: f"{_money(spend[y])} ({_pct(spend[y] / revenue[y])})"),
                ],
                [
                    "survey answers; NPS",
                    per_year(lambda y: f"{(s['year'] == y).sum()}; {nps(s.loc[s['year'] == y, 'score']):+.0f}"),
                ],
            ],
        ),
        "",
        f"Over both years: {len(won_new)} new-business deals won and {(decided['outcome'] == 'lost').sum()} lost,"
        " a win rate",
        f"(won / (won + lost), open deals left out) of {_pct(_win_rate(decided['outcome']))}; a won new-business",
        f"deal took a median of {won_new['days'].median():.0f} days from prospect to close. The account manager logged",
        f"{len(calls)} reorder calls ({(calls['outcome'] == 'won').sum()} led to an order). NPS over both years:",
        f"{nps(s['score']):+.0f} from {len(s)} answers.",
        "",
        "The CRM starts on 1 January 2024, so no deal has had time to close in the first weeks: the first new",
        f"account's first order is on {new_accounts['first_order'].min()}, and the first quarter of 2024 took"
        f" {_pct(quarters.iloc[0] / quarters.mean(), 0)}",
        f"of an average quarter's revenue. The team met its monthly target in {(team_att >= 1).sum()} of"
        f" {len(team_att)} months;",
        f"the reps met theirs in {_pct((rep_att >= 1).mean(), 0)} of rep-months (a rep's revenue is the orders"
        " of their won deals and calls).",
        "",
        "### Lead sources",
        "",
        "Win rate = won / (won + lost) of the deals from each source; the designed chance is the product of",
        "the source's stage chances in the generator (before the rep's skill), so the measured rate varies",
        "around it. Spend and cost per won account are over both years.",
        "",
    ]
    rows = []
    spend_by = c.groupby("channel")["spend"].sum()
    for source in SOURCE_ORDER:
        d = deals[deals["lead_source"] == source]
        dw = won[won["lead_source"] == source]
        n_won, n_lost = (d["outcome"] == "won").sum(), (d["outcome"] == "lost").sum()
        cost = spend_by.get(source, np.nan)
        rows.append(
            [
                source,
                len(d),
                n_won,
                n_lost,
                (d["outcome"] == "open").sum(),
                _pct(win_rate(n_won, n_lost)),
                _pct(_designed_win(source), 0),
                _money(dw["deal_value"].median()),
                f"{dw['days'].median():.0f}",
                "-" if pd.isna(cost) else _money(cost),
                "-" if pd.isna(cost) or n_won == 0 else _money(cost / n_won),
            ]
        )
    out += [
        _table(
            [
                "source",
                "deals",
                "won",
                "lost",
                "open",
                "win rate",
                "designed",
                "median won deal",
                "median days to close",
                "spend",
                "spend per won deal",
            ],
            rows,
        ),
        "",
        "Referrals and partners win the most and close fastest; trade fairs bring the most deals but the",
        f"coldest: {_pct(fair_deals / fair_leads, 0)} of stand conversations became a deal, and few of those were won.",
        f"Tenders ({(deals['type'] == 'tender').sum()} deals, {(won['type'] == 'tender').sum()} won) are the largest"
        " and the slowest.",
        "",
        "### The pipeline on 31 December 2025",
        "",
    ]
    stages = [
        [st, (open_deals["stage"] == st).sum(), _money(open_deals.loc[open_deals["stage"] == st, "deal_value"].sum())]
        for st in ("prospect", "qualified", "proposal", "negotiation")
    ]
    stages.append(["all open deals", len(open_deals), _money(open_deals["deal_value"].sum())])
    out += [_table(["stage reached", "open deals", "value"], stages), ""]

    # Calibration: measured against the cited figures (SOURCES) and the assumptions.
    li = c[c["type"] == "linkedin ads"]
    cpm = kpis.cpm(li["spend"], li["impressions"])
    ctr = kpis.ctr(li["clicks"].sum(), li["impressions"].sum())
    rate = c.groupby("type")[["clicks", "leads"]].sum()
    visit_lead = rate["leads"] / rate["clicks"]
    fair_share = spend_by["trade fair"] / spend_by.sum()
    referral_vs_web = (
        (won_new["lead_source"] == "referral").sum() / len(decided[decided["lead_source"] == "referral"])
    ) / ((won_new["lead_source"] == "search").sum() / len(decided[decided["lead_source"] == "search"]))
    out += [
        "### Calibration: what the data hits",
        "",
        _table(
            ["figure", "target (source, or assumption)", "Northway"],
            [
                [
                    "revenue a year",
                    "about $1-3M for a firm of this size (assumption)",
                    per_year(lambda y: _money(revenue[y])),
                ],
                [
                    "orders a year",
                    "hundreds, thousands of dollars each (assumption)",
                    per_year(lambda y: f"{len(by_year[y])} (median {_money(by_year[y]['revenue'].median())})"),
                ],
                [
                    "gross margin",
                    "about 40% (assumption)",
                    _pct(kpis.gross_margin_rate(o["gross_profit"].sum(), o["revenue"].sum())),
                ],
                [
                    "win rate, new business",
                    "about 21% on average (HubSpot survey, via salesmotion.io)",
                    _pct(_win_rate(decided["outcome"])),
                ],
                [
                    "referral vs website leads",
                    "referrals convert about 2.3x as well (Implisit, via eMarketer)",
                    f"{referral_vs_web:.1f}x",
                ],
                [
                    "days to close a won deal",
                    "SMB 14-30, mid-market 30-90 (thecroreport.com); B2B 1-6 months (Zippia)",
                    f"median {won_new['days'].median():.0f}",
                ],
                [
                    "fair contacts that become prospects",
                    "about a third (Havill Consultants)",
                    _pct(fair_deals / fair_leads),
                ],
                ["trade fairs' share of marketing spend", "20-40% (CEIR, via AMA Phoenix)", _pct(fair_share)],
                [
                    "LinkedIn ads CPM, CTR",
                    "$25-44; 0.44-0.65% (stackmatix.com)",
                    f"${cpm.min():.0f}-{cpm.max():.0f}; {_pct(ctr, 2)} overall",
                ],
                [
                    "visit to enquiry",
                    "SEO 2.6%, search ads 1.5%, organic social 1.7% (FirstPageSage); LinkedIn "
                    "lead forms 2.5% (assumption)",
                    ", ".join(
                        f"{k} {_pct(visit_lead[k])}"
                        for k in ("SEO content", "search ads", "linkedin posts", "linkedin ads")
                    ),
                ],
                [
                    "marketing spend",
                    "CMO Survey: about 9.3% of revenue with staff; campaigns alone 4-5% (assumption)",
                    per_year(lambda y: _pct(spend[y] / revenue[y])),
                ],
                [
                    "NPS",
                    "B2B average 24, fibres & fabrics over 40 (B2B International); manufacturing 49 (CustomerGauge)",
                    f"{nps(s['score']):+.0f}",
                ],
                ["survey answers", "a few dozen a year (assumption)", per_year(lambda y: str((s["year"] == y).sum()))],
            ],
        ),
        "",
        "Sources, as used in `smk_helpers/dev/b2b.py` (`SOURCES`):",
        "",
        *[f"- {text}." for text in SOURCES.values()],
        "",
        "Every other number in the generator (account sizes, kit prices, turnover, stage chances and waits,",
        "spend plans, reward and commission rates, the reps' hourly cost) is an assumption and is labelled",
        "so in its constants block.",
    ]
    return "\n".join(out) + "\n"


def write(out_dir, seed: int = 2024) -> list[Path]:
    """Write Northway Workwear's tables (:func:`generate` with ``seed``) as CSV files into ``out_dir``.

    `smk_helpers.dev.synth.write_tables` writes them, so the same seed always gives the same bytes; the paths
    come in name order.
    """
    return write_tables(generate(seed), out_dir)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m smk_helpers.dev.b2b OUT_DIR")
    for written in write(sys.argv[1]):
        print(written)
