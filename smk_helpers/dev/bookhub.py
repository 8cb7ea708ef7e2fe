"""The Book Hub: a deterministic, synthetic dataset for an independent bookstore (2024-2025).

The model in brief:

* Shoppers arrive day by day. Order counts per channel (in-store, website, marketplace) follow a
  yearly plan shaped by the monthly seasonality of trade bookstores, the day of the week and the
  run-up to Christmas. The shop is closed on 1 January and 25 December.
* Marketing (one-to-many): campaigns reach people (impressions); some click (site visits), some
  sign up (leads), some leads talk to a bookseller (special order, recommendation, follow-up) and
  some of those buy. Marketplace ads, author events and in-store promotions also bring orders
  directly.
* Sales (one-to-one): booksellers log their conversations with shoppers. A won conversation
  becomes an order; special orders convert best. Undecided conversations at the end stay open.
  Warm leads (author events, the newsletter) win more often than cold ones (social, search).
* The sales pipeline: special orders and store consultations (class sets, book clubs, corporate
  gifts: larger sales over weeks) are deals with a value and the days they reached each stage.
* Identified buyers are new (their first contact creates the customer) or returning (chosen among
  earlier customers, a few loyal ones much more often). Many till sales stay anonymous.
* Every order gets a basket of products (popular titles sell most, gifts peak in December).
  Revenue, discounts, cost of goods, marketplace fees and gross profit are computed in whole cents.
* Touchpoints: the marketing contacts identified customers had up to their first order. Survey:
  a one-question card (0-10, and how they heard of the shop) that some orders bring back.

Seeded numpy Generators drive everything (one for the original tables, one each for the pipeline,
the touchpoints and the survey), so a seed always gives byte-identical CSV files.
The calibration targets and their sources are in the project's field guide (GUIDE.md section 5);
the constants below name them.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd

from ..core import attribution, kpis, pipeline
from ..core.survey import nps, nps_groups
from .synth import by_year as _by_year
from .synth import cents as _cents
from .synth import columns as _columns
from .synth import count as _n
from .synth import draw as _draw
from .synth import funnel_rows, read_tables, write_tables
from .synth import ids as _ids
from .synth import outcome_win_rate as _win_rate
from .synth import pct as _pct
from .synth import table as _table
from .synth import usd as _usd
from .synth import words as _words

START, END = pd.Timestamp("2024-01-01"), pd.Timestamp("2025-12-31")

# --- Demand --------------------------------------------------------------------------------
# Monthly index Jan..Dec (mean 1). GUIDE §5: Dec ~2.0, Nov ~1.3, Aug-Sep ~1.1, Jan-Feb ~0.7.
SEASONALITY = np.array([0.68, 0.68, 0.82, 0.83, 0.86, 0.84, 0.88, 1.12, 1.12, 0.92, 1.25, 2.00])
GROWTH = {2024: 1.00, 2025: 1.03}  # assumption: a modestly better second year
# Baseline orders a year, before campaign and hand-sold orders. Tuned so that the totals hit
# GUIDE §5: 9-10k transactions and ~$450k a year (Womply), online 10-15% of revenue.
BASE_ORDERS = {"in-store": 6700, "website": 760, "marketplace": 560}
WEEKDAY = np.array([0.75, 0.80, 0.85, 0.95, 1.20, 1.60, 1.00])  # Mon..Sun; assumption
CHRISTMAS_RAMP = 1.0  # 24 Dec weighs (1 + ramp) times 1 Dec; 26-31 Dec weigh POST_CHRISTMAS
POST_CHRISTMAS = 0.7
CLOSED = ((1, 1), (12, 25))  # (month, day) the shop is shut

# --- Baskets and money ----------------------------------------------------------------------
EXTRA_LINES = {"in-store": 1.35, "website": 1.0, "marketplace": 0.1, "special": 0.15}  # Poisson
SECOND_COPY, THIRD_COPY = 0.06, 0.015  # chance a line has quantity >= 2, >= 3
GIFT_BOOST_DECEMBER = 1.8  # gifts and children's books sell more in December
LOYALTY_REWARD_SHARE, LOYALTY_REWARD = 0.08, 0.10  # identified in-store orders redeeming 10% off
PROMO_DISCOUNT = 0.15  # in-store promotion orders
# Marketplace fees (assumption: the big marketplace's book rates, 15% referral + $1.80 closing fee).
MARKETPLACE_FEE_RATE, MARKETPLACE_FEE_PER_ITEM = 0.15, 180  # rate; cents per item

# --- Customers ------------------------------------------------------------------------------
P_IDENTIFIED = {"in-store": 0.40, "website": 1.0, "marketplace": 1.0}  # till: loyalty card scanned
# Chance that an identified journey is by someone not seen before, by origin (assumption; with
# LOYALTY_SHAPE tuned so that ~28% of buyers buy twice or more, GUIDE §5 repeat purchase rate).
P_NEW = {
    "store": 0.50,
    "web": 0.55,
    "marketplace": 0.92,
    "contact": 0.50,
    "lead": 0.70,
    "email lead": 0.20,
    "event": 0.55,
    "promo": 0.45,
    "consultation": 0.60,
}
LOYALTY_SHAPE = 0.45  # gamma shape of purchase propensity; small = a few very loyal customers
NEW_CUSTOMER_SOURCE = {  # where a new customer says they heard of the shop (assumption)
    "store": {"walk-in": 0.80, "referral": 0.15, "social": 0.05},
    "web": {"search": 0.45, "social": 0.20, "email": 0.15, "referral": 0.20},
    "marketplace": {"marketplace": 1.0},
    "contact": {"walk-in": 0.85, "referral": 0.15},
    "consultation": {"referral": 0.50, "walk-in": 0.30, "search": 0.20},
}  # campaign journeys take the campaign's channel (in-store promotion: walk-in)

# --- One-to-one sales (interactions) --------------------------------------------------------
STORE_CONTACTS = 1500  # logged bookseller conversations a year, before seasonality
CONTACT_MIX = {  # who talks to a bookseller: types of conversation and their shares (assumption)
    "store": {"in-store recommendation": 0.62, "special order": 0.22, "phone follow-up": 0.09, "email follow-up": 0.07},
    "online lead": {
        "in-store recommendation": 0.15,
        "special order": 0.35,
        "phone follow-up": 0.15,
        "email follow-up": 0.35,
    },
    "event": {"in-store recommendation": 0.50, "special order": 0.50},
}
WIN_RATE = {
    "in-store recommendation": 0.40,
    "special order": 0.75,
    "phone follow-up": 0.45,
    "email follow-up": 0.35,
}  # assumption (GUIDE §5: the hand-sell rate is an assumption); consultations: see STAGE_ODDS
MINUTES = {"in-store recommendation": 8, "special order": 12, "phone follow-up": 6, "email follow-up": 5}
# Days until a conversation is won or lost: a fixed part plus a Poisson part with this mean.
DECISION_DAYS = {"in-store recommendation": 0, "special order": 2, "phone follow-up": 1, "email follow-up": 1}
DECISION_WAIT = {"in-store recommendation": 0, "special order": 6, "phone follow-up": 3, "email follow-up": 3}
P_KNOWN_BROWSER = 0.35  # in-store recommendations where the shopper gives a name
STAFF = pd.DataFrame(
    {  # GUIDE §5: bookseller wage $13.56/h (BLS 2022); manager's rate assumed
        "staff": ["Maya", "Tom", "Priya", "Sam", "Lena"],
        "role": ["owner-manager", "bookseller", "bookseller", "bookseller", "bookseller"],
        "hourly_cost": [22.00, 13.56, 13.56, 13.56, 13.56],
        "hours_per_week": [40, 32, 24, 20, 16],  # payroll ~24% of sales (GUIDE §5, ABACUS)
    }
)
SKILL = np.array([1.10, 1.00, 1.12, 0.90, 0.95])  # win-rate multiplier per person (assumption)
# Lead source: how much likelier a campaign lead is to buy than a shopper with no campaign behind them,
# by the campaign's channel (assumption). Author-event guests and newsletter readers already know and
# trust the shop (warm leads); someone who clicked a social post or a search result has often never been
# in (cold leads). Walk-ins and the booksellers' own contacts keep the plain WIN_RATE (1.0).
SOURCE_LIFT = {"event": 1.30, "email": 1.30, "search": 0.85, "social": 0.85}
MAX_WIN = 0.95  # no conversation is a sure thing

# --- The sales pipeline (deals) ---------------------------------------------------------------
# Special orders and store consultations are deals: `date` is the day a deal became a prospect, then it
# may reach qualified, proposal and negotiation, and is won or lost on `closed_date`.
DEAL_TYPES = ("special order", "store consultation")
# Chance of moving on from each stage: prospect -> qualified -> proposal -> negotiation -> won, at the
# type's base win rate (the product). A deal's own win chance (staff skill, lead source) raises or
# lowers all four alike (as powers). Special orders: the title can be got, a price and arrival date are
# quoted, the customer confirms, then collects. Consultations: a real need with a budget and someone who
# decides, a written quote, terms (copies, date, discount) talked through, the order (assumption).
STAGE_ODDS = {
    "special order": (0.93, 0.97, 0.90, 0.92),
    "store consultation": (0.80, 0.85, 0.70, 0.78),
}
# When the stages are reached: beta(a, b) shares of the days between prospect and closing (assumption).
STAGE_TIMING = {
    "special order": ((1.0, 6.0), (1.5, 5.0), (2.0, 4.0)),
    "store consultation": ((2.0, 6.0), (4.0, 5.0), (6.0, 3.0)),
}
# Store consultations: larger one-to-one sales, arranged over weeks (GUIDE §4: "store consultation ≈
# SQL"). kind: (deals a year, monthly weights Jan..Dec, categories, titles, copies a title, discount).
# Schools buy class sets for the autumn and the January term, book clubs all year, firms gifts for the
# holidays. Discounts for schools and clubs are the usual indie practice (assumption); all assumed.
CONSULTATIONS = {
    "school class set": (
        14,
        [0.5, 0.5, 1.0, 0.5, 0.3, 0.3, 1.2, 2.0, 1.5, 0.6, 1.6, 2.0],
        ("children's", "young adult", "fiction"),
        (1, 1),
        (20, 32),
        0.20,
    ),
    "book club order": (
        12,
        [1.3, 1.0, 1.0, 1.0, 1.0, 0.8, 0.8, 0.8, 1.3, 1.0, 1.2, 1.0],
        ("fiction", "mystery & thriller", "romance", "non-fiction"),
        (1, 1),
        (8, 16),
        0.10,
    ),
    "corporate gift order": (
        12,
        [0.2, 0.2, 0.2, 0.3, 0.5, 0.5, 0.2, 0.2, 0.4, 2.0, 2.5, 0.6],
        ("non-fiction", "cookbooks", "fiction", "gifts & stationery"),
        (2, 4),
        (5, 15),
        0.10,
    ),
}
CONSULTATION_DAYS = (7, 3.0, 12.0)  # days to closing: 7 + gamma(shape 3, scale 12), mean about 6 weeks
CONSULTATION_MINUTES = 75  # staff time over the meetings, the quote and the follow-ups (mean)
CONSULTATION_MANAGER = 0.6  # share the owner-manager handles herself; the rest by hours

# --- Marketing (campaigns) ------------------------------------------------------------------
KINDS = {  # id prefix: (campaign type, name prefix)
    "EML": ("email newsletter", "Newsletter"),
    "SOC": ("social media content", "Social posts"),
    "SEO": ("SEO content", "Blog & SEO"),
    "ADS": ("targeted ads", "Ads"),
    "MKT": ("marketplace listing", "Sponsored listings"),
    "EVT": ("author event", "Author event"),
    "INF": ("influencer", "Influencer feature"),
    "PRM": ("in-store promotion", "In-store promotion"),
}
MONTHLY = (("EML", "email", 5, 14, 65.0), ("SOC", "social", 1, 31, 140.0), ("SEO", "search", 1, 31, 95.0))
# every month: (kind, channel, first day, days (cut at month end), planned spend)
SOCIAL_Q4_SPEND = 1.5  # social posts are boosted harder from October
THEMES = [
    "New year, new reads",
    "Cosy winter reads",
    "Spring releases",
    "Poetry month",
    "Gifts for mothers",
    "Summer reading",
    "Beach reads",
    "Back to school",
    "Autumn releases",
    "Spooky season",
    "Holiday gift guide",
    "Last-minute gifts",
]
PLANNED = (  # (month, first day, days, kind, channel, theme, spend); every campaign stays in one month
    (2, 15, 1, "EVT", "event", "Debut novelists' evening", 250.0),
    (3, 4, 21, "ADS", "social", "Spring reads", 450.0),
    (4, 19, 3, "PRM", "in-store", "Spring sidewalk sale", 200.0),
    (5, 11, 1, "EVT", "event", "Children's story-time", 150.0),
    (6, 1, 30, "MKT", "marketplace", "Summer", 150.0),
    (6, 14, 1, "EVT", "event", "Summer thriller signing", 300.0),
    (7, 1, 31, "PRM", "in-store", "Summer reading challenge", 250.0),
    (8, 15, 17, "ADS", "search", "Back to school", 500.0),
    (9, 5, 14, "INF", "social", "Bookstagram creator", 400.0),
    (10, 25, 1, "EVT", "event", "Mystery night", 300.0),
    (11, 1, 30, "MKT", "marketplace", "Holiday", 250.0),
    (11, 16, 1, "EVT", "event", "Holiday author signing", 450.0),
    (11, 20, 11, "ADS", "social", "Small Business Saturday", 600.0),
    (12, 1, 20, "ADS", "search", "Holiday gift guide", 900.0),
    (12, 1, 24, "PRM", "in-store", "Gift wrapping & 3-for-2", 300.0),
    (12, 1, 31, "MKT", "marketplace", "December", 250.0),
)
SPEND_NOISE = 0.10  # actual spend within +-10% of plan
# How reach is measured, per medium: (CPM range in $ when impressions are bought, CTR range).
MEDIA = {
    "social": ((14.0, 20.0), (0.008, 0.012)),  # GUIDE §5: Meta retail CPM ~$14-24, CTR ~1%
    "search ads": ((30.0, 42.0), (0.03, 0.05)),  # assumption: pricier impressions, more clicks
    "marketplace": ((2.5, 4.0), (0.003, 0.005)),  # assumption: sponsored-listing rates
    "SEO": (None, (0.02, 0.035)),  # organic search impressions
    "influencer": (None, (0.005, 0.009)),  # views of the creator's posts
    "email": (None, (0.02, 0.045)),  # GUIDE §5: Mailchimp click rate ~2-5%; impressions = emails sent
}
SOCIAL_CPM_Q4 = (20.0, 24.0)  # GUIDE §5: CPM higher in Q4
ORGANIC_IMPRESSIONS = {"SEO": (10_000, 18_000), "influencer": (20_000, 35_000)}  # assumption
EMAIL_LIST = (2400, 40)  # subscribers in Jan 2024, growth a month (assumption)
LEAD_RATE = 0.10  # clicks that sign up or enquire
ENGAGE_RATE = 0.45  # leads who talk to a bookseller (MQL -> SQL, GUIDE §4)
RSVPS = (20, 0.08)  # event leads: base + per dollar of spend
EVENT_BUYERS = 0.8  # event-day orders per RSVP
PROMO_ORDERS_PER_DOLLAR = 0.2
MARKETPLACE_CONVERSION = 0.10  # sponsored-listing clicks that buy
FUNNEL_SOURCES = ("email", "search", "social")
STAGES = ("reach", "site visits", "sign-ups", "engaged", "purchase", "repeat purchase")

# --- Touchpoints: the marketing contacts a customer had before their first order -------------------
OPEN_RATE = 0.22  # newsletter opens / emails sent (assumption, inside GUIDE §5's 16-27%, Mailchimp)
# Customers whose first order no campaign is credited with: the chance they had any contact before it,
# by acquisition channel (assumption). Most walk-ins and marketplace buyers had none.
P_TOUCHED = {
    "search": 0.90,
    "social": 0.90,
    "email": 0.95,
    "event": 0.80,
    "referral": 0.35,
    "walk-in": 0.08,
    "marketplace": 0.03,
}
LAST_TOUCH = {  # their last contact's channel (a friend's post counts as organic social)
    "search": {"search": 1.0},
    "social": {"social": 1.0},
    "email": {"email": 1.0},
    "event": {"event": 1.0},
    "referral": {"social": 1.0},
    "walk-in": {"social": 0.6, "event": 0.2, "search": 0.2},
    "marketplace": {"search": 1.0},
}
# Contacts before the last one, by the last one's channel: (at least, plus a Poisson mean), at most
# MAX_EARLIER. Social posts and search results open journeys; newsletters and events close them: a
# subscriber or a guest found the shop some other way first (assumption).
EARLIER_TOUCHES = {
    "email": (1, 1.2),
    "event": (1, 1.0),
    "search": (0, 0.9),
    "social": (0, 0.7),
    "marketplace": (0, 0.2),
    "in-store": (0, 0.4),
}
MAX_EARLIER = 4
OPENING = {"social": 0.50, "search": 0.44, "email": 0.03, "event": 0.03}  # the journey's first contact
MIDDLE = {"social": 0.30, "search": 0.30, "email": 0.30, "event": 0.10}  # any contact in between
P_PAID = {"social": 0.6, "search": 0.5}  # social and search contacts through a campaign; the rest organic
TOUCH_GAP = 9  # mean days between two contacts
LOOKBACK = 120  # a journey starts at most this many days before the first order

# --- Survey -------------------------------------------------------------------------------------
# A one-question card at the till and a link on web receipts. Chance that an order brings an answer, by
# channel (assumption: about 300 answers a year).
P_ANSWER = {"in-store": 0.035, "website": 0.05, "marketplace": 0.01}
P_ANSWER_SAME_DAY = 0.5  # the card is filled in at the till; the others answer within ANSWER_WAIT days
ANSWER_WAIT = 7
P_NAMED = 0.85  # answers from identified buyers that give the customer number
# Score 0..10. Assumption: a well-liked independent bookstore, NPS about +60 (70% promoters, 10% detractors);
# GUIDE §5 has no figure for it.
SCORES = [0.002, 0.003, 0.005, 0.01, 0.015, 0.03, 0.035, 0.07, 0.13, 0.22, 0.48]
HEARD_FROM = {  # the survey's words for an acquisition channel
    "walk-in": "walked past",
    "referral": "a friend",
    "search": "search",
    "social": "social media",
    "email": "newsletter",
    "event": "an event",
    "marketplace": "marketplace",
}
HEARD_ANONYMOUS = {  # answers without a customer number, by the order's channel (assumption)
    "in-store": {"walked past": 0.50, "a friend": 0.30, "search": 0.06, "social media": 0.08, "an event": 0.06},
    "website": {"search": 0.45, "social media": 0.20, "a friend": 0.20, "newsletter": 0.15},
    "marketplace": {"marketplace": 1.0},
}
P_HEARD_BLANK = 0.08  # anonymous answers that skip the question

# --- Targets --------------------------------------------------------------------------------
TEAM_PLAN = {2024: 440_000, 2025: 455_000}  # yearly revenue plan, spread by SEASONALITY
HANDSELL_SHARE = 0.09  # personal targets: this share of the team target, split by hours

# --- Catalogue --------------------------------------------------------------------------------
PLACES = [
    "Ashford",
    "Blackwater Bay",
    "Elm Street",
    "Hollow Creek",
    "Marlow",
    "Northwind",
    "Sable Island",
    "the Old Mill",
    "Willowmere",
    "Larkspur Lane",
    "Fenwick",
    "Saltmarsh",
]
FIRST = [
    "Ada",
    "Ben",
    "Clara",
    "Dev",
    "Elena",
    "Felix",
    "Grace",
    "Hugo",
    "Iris",
    "Jonah",
    "Kira",
    "Leo",
    "Mira",
    "Nadia",
    "Oscar",
    "Rosa",
    "Sami",
    "Tess",
    "Yusuf",
    "Zoe",
]
LAST = [
    "Abbott",
    "Brennan",
    "Castillo",
    "Dunmore",
    "Ellery",
    "Fairweather",
    "Galloway",
    "Hartley",
    "Ingram",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Pemberton",
    "Quinlan",
    "Ramsay",
    "Sorensen",
    "Thackeray",
    "Whitlock",
]
# Books cost the shop 54-60% of list price (publishers' trade discounts of 40-46%, most at 46%).
BOOK_COST = ([0.54, 0.56, 0.58, 0.60], [0.55, 0.25, 0.12, 0.08])
GIFT_COST = ([0.42, 0.45, 0.50], [0.4, 0.4, 0.2])  # gifts: roughly keystone pricing
# category: (titles, popularity, list prices, title templates, {a}djectives, {n}ouns); templates may
# also use {p}laces and an author's {f}irst and {l}ast name. Popularity weighs a whole category
# (assumption; gifts end up near a fifth of revenue). Word lists: words, or comma-separated phrases.
CATEGORIES = {
    "fiction": (
        240,
        1.0,
        [17.99, 18.99, 19.99, 28.00, 29.99],
        ["The {a} {n}", "The {n} of {p}", "{a} {n}"],
        "Silent Hidden Last Golden Quiet Distant Borrowed Paper Glass Salt Winter Little",
        "Garden River House Orchard Daughter Season Letters Lighthouse Bridge Summer Map Tide",
    ),
    "mystery & thriller": (
        150,
        1.0,
        [17.99, 18.99, 28.99],
        ["The {a} {n}", "Murder at {p}", "The {n} at {p}"],
        "Cold Dead Last Silent Missing Crooked Dark Final Burning Twelfth",
        "Witness Alibi Verdict Stranger Lie Confession Key Guest Widow Inheritance",
    ),
    "sci-fi & fantasy": (
        140,
        0.9,
        [18.99, 19.99, 29.99, 30.00],
        ["The {a} {n}", "{n} of {p}", "The {n} Gate"],
        "Iron Hollow Shattered Ember Starless Ninth Drowned Silver Endless Wild",
        "Crown Empire Dragon Machine Station Realm Throne Star Void Forge",
    ),
    "romance": (
        110,
        1.0,
        [16.99, 17.99, 18.99],
        ["The {a} {n}", "A {n} in {p}", "{a} {n}"],
        "Summer Perfect Second Sweet Unexpected Wild Accidental Little",
        "Promise Match Wedding Kiss Heart Proposal Bakery Holiday",
    ),
    "children's": (
        170,
        1.2,
        [8.99, 9.99, 12.99, 17.99, 18.99],
        ["The {a} {n}", "{n} Goes to {p}", "Goodnight, {n}"],
        "Sleepy Hungry Brave Tiny Grumpy Curious Noisy Lost Happy",
        "Penguin Bear Dinosaur Bunny Tractor Owl Monster Dragon Fox Moon",
    ),
    "young adult": (
        100,
        0.9,
        [12.99, 14.99, 19.99],
        ["The {a} {n}", "{n} of {p}", "A {n} of Shadows"],
        "Wicked Broken Hidden Burning Stolen Cursed Fearless Midnight",
        "Rebels Academy Queen Crown Secrets Fire Heir Thief",
    ),
    "non-fiction": (
        160,
        0.9,
        [18.00, 19.99, 28.00, 30.00],
        ["The {a} {n}", "{a} {n}: A Short History", "On {n}"],
        "Quiet Curious Hidden Deep Slow Good Useful Invisible Small Long",
        "Mind Habits Money Sleep Cities Attention Work Forests Weather Salt",
    ),
    "biography": (
        70,
        0.7,
        [19.99, 29.99, 32.00],
        ["{f} {l}: A Life", "My Years in {p}", "The {a} {n}"],
        "Unlikely Restless Fearless Unfinished Private",
        "Life Voyage Memoir Apprentice Rebel",
    ),
    "cookbooks": (
        60,
        0.6,
        [24.99, 32.50, 35.00],
        ["{a} {n}", "The {p} Kitchen", "{a} {n} for Every Day"],
        "Weeknight Simple Seasonal Slow Sunday Plant-Based Small-Batch",
        "Soups Bakes Suppers Salads Breads Curries Pickles",
    ),
    "travel": (
        50,
        0.5,
        [19.99, 22.99, 25.00],
        ["Walking {n}", "The {a} Guide to {n}", "{a} {n}"],
        "Pocket Slow Rough Hidden Family",
        "Portugal Japan Scotland Iceland Vietnam Greece Mexico",
    ),
    "gifts & stationery": (
        100,
        3.0,
        [4.99, 9.99, 12.99, 14.99, 18.00, 24.99],
        ["{n}: {a}"],
        "Botanical, Night Sky, Cats, Vintage Map, Wildflowers, Literary Quotes, Ocean, Foxes, Mountains, "
        "Tea Time, Bees, Old Library",
        "Tote bag, Notebook, Bookmark set, Mug, Greeting card, Jigsaw puzzle, Candle, Pencil set, Journal, Book light",
    ),
}
GIFTS = "gifts & stationery"
ZIPF = 0.8  # popularity of the k-th most popular title ~ k ** -ZIPF


def _split(words: str) -> list[str]:
    """A word list: space-separated words, or comma-separated phrases."""
    return [w.strip() for w in words.split(",")] if "," in words else words.split()


def _calendar() -> pd.DataFrame:
    """One row per day: its share of the month's store / online orders and the month's factor."""
    d = pd.DataFrame({"date": pd.date_range(START, END, freq="D")})
    month, day = d["date"].dt.month.to_numpy(), d["date"].dt.day.to_numpy()
    december = np.where(day <= 24, 1 + CHRISTMAS_RAMP * day / 24, POST_CHRISTMAS)
    ramp = np.where(month == 12, december, 1.0)
    shut = np.zeros(len(d), bool)
    for m, dd in CLOSED:
        shut |= (month == m) & (day == dd)
    d["period"] = d["date"].dt.strftime("%Y-%m")
    d["store_w"] = WEEKDAY[d["date"].dt.day_of_week] * ramp * ~shut
    d["online_w"] = ramp
    for col in ("store_w", "online_w"):
        d[col] = d[col] / d.groupby("period")[col].transform("sum")
    growth = d["date"].dt.year.map(GROWTH).to_numpy()
    d["month_factor"] = SEASONALITY[month - 1] * growth / 12  # share of a (grown) year
    return d


def _products(rng) -> tuple[pd.DataFrame, np.ndarray]:
    """The catalogue and each product's popularity weight."""
    frames = []
    for category, (n, pop, prices, templates, adjs, nouns) in CATEGORIES.items():
        adjs, nouns = _split(adjs), _split(nouns)
        spares = 4 * n  # draw spare titles, keep the first n distinct ones
        slots = {
            key: rng.choice(words, size=spares)
            for key, words in (("t", templates), ("a", adjs), ("n", nouns), ("p", PLACES), ("f", FIRST), ("l", LAST))
        }
        titles = pd.Series(
            [t.format(a=a, n=nn, p=p, f=f, l=loc) for t, a, nn, p, f, loc in zip(*slots.values(), strict=True)]
        )
        titles = titles.drop_duplicates().head(n).to_numpy()
        authors = pd.Series(rng.choice(FIRST, size=len(titles))) + " " + rng.choice(LAST, size=len(titles))
        gift = category == GIFTS
        cost_levels, cost_p = GIFT_COST if gift else BOOK_COST
        f = pd.DataFrame(
            {
                "title": titles,
                "author": np.nan if gift else authors,
                "category": category,
                "list_price": rng.choice(prices, size=len(titles)),
            }
        )
        f["unit_cost"] = (f["list_price"] * rng.choice(cost_levels, p=cost_p, size=len(f))).round(2)
        f["_pop"] = pop * (rng.permutation(len(f)) + 1.0) ** -ZIPF
        frames.append(f)
    p = pd.concat(frames, ignore_index=True)
    p.insert(0, "product_id", _ids(np.where(p["category"] == GIFTS, "G", "B"), np.arange(1, len(p) + 1), 4))
    return p.drop(columns="_pop"), p["_pop"].to_numpy()


def _campaigns(rng) -> pd.DataFrame:
    """Campaigns with spend, impressions, clicks and leads (blank where not known)."""
    rows = []
    for year in GROWTH:
        for month in range(1, 13):
            last = pd.Period(f"{year}-{month:02d}").days_in_month
            for kind, channel, day, days, spend in MONTHLY:
                boost = SOCIAL_Q4_SPEND if kind == "SOC" and month >= 10 else 1.0
                rows.append(
                    (year, month, day, min(days, last - day + 1), kind, channel, THEMES[month - 1], spend * boost)
                )
        rows += [(year, *plan) for plan in PLANNED]
    c = pd.DataFrame(rows, columns=["year", "month", "day", "days", "kind", "channel", "theme", "plan"])
    c["start_date"] = pd.to_datetime(dict(year=c["year"], month=c["month"], day=c["day"]))
    c["end_date"] = c["start_date"] + pd.to_timedelta(c["days"] - 1, unit="D")
    c["campaign_id"] = c["kind"] + "-" + c["start_date"].dt.strftime("%Y-%m")
    c["type"] = c["kind"].map({k: v[0] for k, v in KINDS.items()})
    c["name"] = c["kind"].map({k: v[1] for k, v in KINDS.items()}) + ": " + c["theme"] + " " + c["year"].astype(str)
    c["spend"] = (c["plan"] * c["year"].map(GROWTH) * rng.uniform(1 - SPEND_NOISE, 1 + SPEND_NOISE, len(c))).round(2)

    # Reach: bought (spend / CPM), organic, or the email list; events and promotions: unknown.
    kind, q4 = c["kind"].to_numpy(), c["month"].to_numpy() >= 10
    medium = np.select(
        [kind == "EML", kind == "SEO", kind == "INF", kind == "MKT", kind == "ADS"],
        ["email", "SEO", "influencer", "marketplace", "search ads"],
        "",
    )
    medium[(kind == "SOC") | ((kind == "ADS") & (c["channel"] == "social"))] = "social"
    impressions, ctr = np.full(len(c), np.nan), np.zeros(len(c))
    for name, (cpm, ctr_range) in MEDIA.items():
        m = medium == name
        ctr[m] = rng.uniform(*ctr_range, m.sum())
        if cpm:
            low, high = (
                np.where(q4[m], q4_bound, bound) if name == "social" else bound
                for q4_bound, bound in zip(SOCIAL_CPM_Q4, cpm, strict=True)
            )
            impressions[m] = c["spend"].to_numpy()[m] / rng.uniform(low, high) * 1000
        elif name in ORGANIC_IMPRESSIONS:
            impressions[m] = rng.uniform(*ORGANIC_IMPRESSIONS[name], m.sum())
    month_no = (c["year"].to_numpy() - 2024) * 12 + c["month"].to_numpy() - 1
    impressions[medium == "email"] = EMAIL_LIST[0] + EMAIL_LIST[1] * month_no[medium == "email"]
    known = ~np.isnan(impressions)
    impressions = np.round(np.nan_to_num(impressions)).astype(np.int64)
    clicks = rng.binomial(impressions, ctr)
    leads = np.where(kind == "EVT", rng.poisson(RSVPS[0] + RSVPS[1] * c["spend"]), rng.binomial(clicks, LEAD_RATE))
    has_leads = (known & (kind != "MKT")) | (kind == "EVT")  # marketplaces pass on no sign-ups
    for col, values, mask in (
        ("impressions", impressions, known),
        ("clicks", clicks, known),
        ("leads", leads, has_leads),
    ):
        c[col] = pd.Series(values, dtype="Int64").where(mask)  # blank = unknown
    return c.sort_values("campaign_id", ignore_index=True)


def _spread(rng, starts: pd.Series, days: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    """Repeat each window ``counts`` times and pick a uniform day inside it."""
    idx = np.repeat(np.arange(len(counts)), counts)
    offset = np.floor(rng.random(len(idx)) * days[idx]).astype(int)
    return idx, starts.to_numpy()[idx] + pd.to_timedelta(offset, unit="D")


def _journeys(rng, cal: pd.DataFrame, campaigns: pd.DataFrame) -> pd.DataFrame:
    """Every sale or sales contact: plain orders, campaign orders and logged conversations."""
    frames = []
    # 1. Baseline orders, channel by channel.
    for channel, per_year in BASE_ORDERS.items():
        weight = cal["store_w"] if channel == "in-store" else cal["online_w"]
        counts = rng.poisson(per_year * cal["month_factor"] * weight)
        origin = {"in-store": "store", "website": "web", "marketplace": "marketplace"}[channel]
        frames.append(
            pd.DataFrame({"date": np.repeat(cal["date"].to_numpy(), counts), "channel": channel, "origin": origin})
        )
    # 2. Orders that campaigns bring directly: sponsored listings, event days, promotions.
    kind = campaigns["kind"].to_numpy()
    direct = np.select(
        [kind == "MKT", kind == "EVT", kind == "PRM"],
        [
            rng.binomial(campaigns["clicks"].fillna(0).astype(int), MARKETPLACE_CONVERSION),
            rng.poisson(EVENT_BUYERS * campaigns["leads"].fillna(0).astype(float)),
            rng.poisson(PROMO_ORDERS_PER_DOLLAR * campaigns["spend"]),
        ],
        0,
    )
    idx, dates = _spread(rng, campaigns["start_date"], campaigns["days"].to_numpy(), direct)
    frames.append(
        pd.DataFrame(
            {
                "date": dates,
                "campaign": idx,
                "channel": np.where(kind[idx] == "MKT", "marketplace", "in-store"),
                "origin": pd.Series(kind[idx]).map({"MKT": "marketplace", "EVT": "event", "PRM": "promo"}).to_numpy(),
            }
        )
    )
    # 3. Leads who talk to a bookseller (campaign contacts), and the booksellers' own log.
    engaged = rng.binomial(campaigns["leads"].fillna(0).astype(int), ENGAGE_RATE)
    idx, dates = _spread(rng, campaigns["start_date"], campaigns["days"].to_numpy(), engaged)
    audience = np.where(kind[idx] == "EVT", "event", "online lead")
    types = np.empty(len(idx), dtype=object)
    for name in ("online lead", "event"):
        types[audience == name] = _draw(rng, CONTACT_MIX[name], (audience == name).sum())
    origin = np.where(kind[idx] == "EVT", "event", np.where(kind[idx] == "EML", "email lead", "lead"))
    frames.append(pd.DataFrame({"date": dates, "campaign": idx, "type": types, "origin": origin}))
    counts = rng.poisson(STORE_CONTACTS * cal["month_factor"] * cal["store_w"])
    n = counts.sum()
    frames.append(
        pd.DataFrame(
            {
                "date": np.repeat(cal["date"].to_numpy(), counts),
                "origin": "contact",
                "type": _draw(rng, CONTACT_MIX["store"], n),
            }
        )
    )
    j = pd.concat(frames, ignore_index=True)
    j["campaign"] = j["campaign"].fillna(-1).astype(int)
    # Warm and cold leads: the campaign's channel lifts or lowers the chance to win (SOURCE_LIFT).
    campaign = j["campaign"].to_numpy()
    lift = np.where(campaign >= 0, campaigns["channel"].map(SOURCE_LIFT).fillna(1.0).to_numpy()[campaign], 1.0)
    return _decide_contacts(rng, j, lift)


def _decide_contacts(rng, j: pd.DataFrame, lift: np.ndarray) -> pd.DataFrame:
    """Staff, minutes and outcome of each conversation; a won one becomes an order.

    ``lift`` multiplies each journey's win chance (its lead source). Besides the outcome, each
    conversation keeps its win chance (``p_win``), whether it will be won (``will_win``, also for one
    still open at the end) and the day it is decided (``decided``): the pipeline's stages use them.
    """
    talk = j["type"].notna().to_numpy()
    types = j.loc[talk, "type"]
    staff = rng.choice(len(STAFF), size=talk.sum(), p=STAFF["hours_per_week"] / STAFF["hours_per_week"].sum())
    j.loc[talk, "staff"] = STAFF["staff"].to_numpy()[staff]
    j.loc[talk, "minutes"] = np.maximum(1, np.round(rng.gamma(4.0, types.map(MINUTES) / 4.0)))
    p_win = np.minimum(MAX_WIN, types.map(WIN_RATE).to_numpy() * SKILL[staff] * lift[talk])
    won = rng.random(talk.sum()) < p_win
    days = types.map(DECISION_DAYS).to_numpy() + rng.poisson(types.map(DECISION_WAIT).to_numpy())
    decided = j.loc[talk, "date"] + pd.to_timedelta(days, unit="D")
    j.loc[talk, "outcome"] = np.where(decided > END, "open", np.where(won, "won", "lost"))
    j["p_win"] = pd.Series(p_win, index=j.index[talk])
    j["will_win"] = pd.Series(won, index=j.index[talk])
    j["decided"] = decided
    j["order_date"] = j["date"].where(~talk)
    j.loc[talk, "order_date"] = decided.where(j.loc[talk, "outcome"] == "won")
    j.loc[talk, "channel"] = np.where(types == "email follow-up", "website", "in-store")
    # Campaign leads left their details; so did every contact but a browsing shopper.
    browser = (j["type"] == "in-store recommendation") & (j["origin"] == "contact")
    known_p = np.where(talk, np.where(browser, P_KNOWN_BROWSER, 1.0), j["channel"].map(P_IDENTIFIED))
    j["identified"] = rng.random(len(j)) < known_p
    return j


def _consultations(rng, cal: pd.DataFrame, products: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Store consultations (class sets, book clubs, corporate gifts) as journeys, and the books each one quotes.

    Returns the journeys (with ``basket``, the number of their quote, and ``deal_discount``) and the
    quoted lines (``basket``, ``product``, ``quantity``). A won consultation's order is its quote.
    """
    weekday = (cal["date"].dt.day_of_week < 5).to_numpy() & (cal["store_w"] > 0).to_numpy()
    share = weekday / pd.Series(weekday).groupby(cal["period"]).transform("sum").to_numpy()
    month = cal["date"].dt.month.to_numpy()
    frames = []
    for kind, (per_year, monthly, *_) in CONSULTATIONS.items():
        counts = rng.poisson(per_year * (np.asarray(monthly) / np.sum(monthly))[month - 1] * share)
        frames.append(pd.DataFrame({"date": np.repeat(cal["date"].to_numpy(), counts), "kind": kind}))
    c = pd.concat(frames, ignore_index=True).sort_values("date", kind="stable", ignore_index=True)
    c["basket"] = np.arange(len(c))
    category = products["category"].to_numpy()
    chosen, copies = [], []
    for kind in c["kind"]:
        _, _, categories, titles, (low, high), _ = CONSULTATIONS[kind]
        pool = np.flatnonzero(np.isin(category, categories))
        chosen.append(rng.choice(pool, size=rng.integers(titles[0], titles[1] + 1), replace=False))
        copies.append(rng.integers(low, high + 1, size=len(chosen[-1])))
    quote = pd.DataFrame(
        {
            "basket": np.repeat(c["basket"].to_numpy(), [len(x) for x in chosen]),
            "product": np.concatenate(chosen),
            "quantity": np.concatenate(copies),
        }
    )
    c["deal_discount"] = c["kind"].map({kind: spec[-1] for kind, spec in CONSULTATIONS.items()})
    n = len(c)
    others = np.arange(1, len(STAFF))
    hours = STAFF["hours_per_week"].to_numpy()[others]
    staff = np.where(rng.random(n) < CONSULTATION_MANAGER, 0, rng.choice(others, size=n, p=hours / hours.sum()))
    p_win = np.minimum(MAX_WIN, np.prod(STAGE_ODDS["store consultation"]) * SKILL[staff])
    won = rng.random(n) < p_win
    start, shape, scale = CONSULTATION_DAYS
    decided = c["date"] + pd.to_timedelta(start + np.round(rng.gamma(shape, scale, n)), unit="D")
    c = c.assign(
        origin="consultation",
        type="store consultation",
        channel="in-store",
        campaign=-1,
        staff=STAFF["staff"].to_numpy()[staff],
        minutes=np.maximum(15, np.round(rng.gamma(4.0, CONSULTATION_MINUTES / 4.0, n))),
        outcome=np.where(decided > END, "open", np.where(won, "won", "lost")),
        identified=True,
        p_win=p_win,
        will_win=won,
        decided=decided,
    )
    c["order_date"] = decided.where(c["outcome"] == "won")
    return c.drop(columns="kind"), quote


def _deal_stages(rng, j: pd.DataFrame) -> None:
    """Give every deal (special order, store consultation) the days it reached each stage, in place.

    A won deal passes every stage. One that is lost fails at one step, the more likely the weaker its
    odds (STAGE_ODDS, raised to a power so that their product is the deal's own win chance). A stage
    reached after 31 December 2025 is not known yet; nor is the closing of a deal still open.
    """
    deal = j["type"].isin(DEAL_TYPES).to_numpy()
    d = j.loc[deal]
    types = d["type"].to_numpy()
    odds = np.array([STAGE_ODDS[t] for t in types]).reshape(-1, 4)
    power = np.log(d["p_win"].to_numpy(float)) / np.log(odds.prod(axis=1))
    step = odds ** power[:, None]
    reach = np.cumprod(np.column_stack([np.ones(len(d)), step[:, :-1]]), axis=1)
    fail = reach * (1 - step)
    fail /= fail.sum(axis=1, keepdims=True)
    lost_at = np.minimum(3, (rng.random(len(d))[:, None] > np.cumsum(fail, axis=1)).sum(axis=1))
    passed = np.where(d["will_win"].to_numpy(bool), 3, lost_at)  # later stages reached, of 3
    share = np.zeros((len(d), 3))
    for name, params in STAGE_TIMING.items():
        m = types == name
        share[m] = np.sort(np.column_stack([rng.beta(a, b, m.sum()) for a, b in params]), axis=1)
    span = (d["decided"] - d["date"]).dt.days.to_numpy()
    when = d["date"].to_numpy()[:, None] + np.floor(share * span[:, None]).astype("timedelta64[D]")
    known = (np.arange(3)[None, :] < passed[:, None]) & (when <= END.to_datetime64())
    for k, column in enumerate(("qualified_date", "proposal_date", "negotiation_date")):
        j[column] = pd.Series(np.where(known[:, k], when[:, k], np.datetime64("NaT")), index=d.index)
    j["closed_date"] = d["decided"].where(d["outcome"] != "open")


def _quote_cents(quote: pd.DataFrame, products: pd.DataFrame, discount: pd.Series) -> pd.Series:
    """Each consultation's quoted value in cents: copies at list price less the agreed discount.

    The same rounding as an order's lines, so a won consultation's order revenue equals its quote.
    """
    price = np.round(products["list_price"].to_numpy() * 100).astype(np.int64)[quote["product"]]
    gross = quote["quantity"].to_numpy() * price
    net = gross - np.round(gross * discount.reindex(quote["basket"]).to_numpy()).astype(np.int64)
    return pd.Series(net).groupby(quote["basket"].to_numpy()).sum()


def _special_quotes(rng, products: pd.DataFrame, n: int) -> np.ndarray:
    """Quoted values (dollars) of special orders that never became an order: long-tail books at list price."""
    n_lines = 1 + rng.poisson(EXTRA_LINES["special"], n)
    books = np.flatnonzero(products["category"].to_numpy() != GIFTS)
    product = rng.choice(books, size=n_lines.sum())
    quantity = 1 + (rng.random(len(product)) < SECOND_COPY) + (rng.random(len(product)) < THIRD_COPY)
    cents = quantity * np.round(products["list_price"].to_numpy() * 100).astype(np.int64)[product]
    return _cents(np.bincount(np.repeat(np.arange(n), n_lines), weights=cents, minlength=n).astype(np.int64))


def _deal_values(rng, j: pd.DataFrame, orders: pd.DataFrame, order_of: pd.Series, quotes: pd.Series, products):
    """What each deal is worth if won (NaN for other conversations).

    A consultation: its quote (which its order equals when won). A won special order: its books at list
    price, that is the order's revenue before a loyalty reward taken at the till. Any other special
    order: a quote drawn like a special order's basket.
    """
    value = pd.Series(np.nan, index=j.index)
    consult = (j["type"] == "store consultation").to_numpy()
    value[consult] = _cents(quotes.reindex(j.loc[consult, "basket"].astype(int)).to_numpy())
    special = (j["type"] == "special order").to_numpy()
    won = special & (j["outcome"] == "won").to_numpy()
    o = orders.set_index("order_id").loc[order_of.reindex(j.index[won])]
    value[won] = (o["revenue"] + o["discount"]).round(2).to_numpy()
    rest = special & ~won
    value[rest] = _special_quotes(rng, products, rest.sum())
    return value


def _customers(rng, j: pd.DataFrame, campaigns: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Give each identified journey a customer: its number (-1 = anonymous) and the new customers.

    A journey is new with probability P_NEW[origin] (its date becomes the customer's first_seen);
    otherwise it belongs to an earlier customer, picked in proportion to a gamma propensity.
    """
    known = np.flatnonzero(j["identified"].to_numpy())
    is_new = rng.random(len(known)) < j["origin"].iloc[known].map(P_NEW).to_numpy()
    is_new[0] = True
    created = np.cumsum(is_new)  # customers existing after each journey
    weight = np.cumsum(rng.gamma(LOYALTY_SHAPE, size=created[-1]))
    chosen = np.searchsorted(weight, rng.random(len(known)) * weight[created - 1], side="right")
    number = np.full(len(j), -1)
    number[known] = np.where(is_new, created - 1, chosen)
    # Where a new customer heard of the shop: the campaign's channel, else a draw by origin.
    source = np.empty(len(j), dtype=object)
    has_campaign = j["campaign"].to_numpy() >= 0
    campaign_source = campaigns["channel"].replace({"in-store": "walk-in"}).to_numpy()
    source[has_campaign] = campaign_source[j["campaign"].to_numpy()[has_campaign]]
    for origin, options in NEW_CUSTOMER_SOURCE.items():
        mask = ~has_campaign & (j["origin"] == origin).to_numpy()
        source[mask] = _draw(rng, options, mask.sum())
    first = known[is_new]
    return number, pd.DataFrame({"first_seen": j["date"].to_numpy()[first], "acquisition_channel": source[first]})


def _baskets(rng, orders: pd.DataFrame, products: pd.DataFrame, popularity: np.ndarray, quote) -> pd.DataFrame:
    """Order lines: products by popularity (long tail for special orders), quantities and discounts.

    A consultation's order is the books of its quote (``quote``, drawn with the consultation).
    """
    profile = np.where(orders["special"], "special", orders["channel"])
    n_lines = 1 + rng.poisson(pd.Series(profile).map(EXTRA_LINES).to_numpy())
    consult = np.flatnonzero((orders["origin"] == "consultation").to_numpy())
    n_lines[consult] = 0
    row = np.repeat(np.arange(len(orders)), n_lines)
    december = np.repeat(orders["order_date"].dt.month.to_numpy() == 12, n_lines)
    line_profile = np.repeat(profile, n_lines)
    category = products["category"].to_numpy()
    gift, kids = category == GIFTS, np.isin(category, ["children's", GIFTS])
    product = np.empty(len(row), dtype=int)
    for name in ("in-store", "website", "marketplace", "special"):
        for dec in (False, True):
            mask = (line_profile == name) & (december == dec)
            w = (
                np.ones(len(products))
                if name == "special"
                else popularity * np.where(kids & dec, GIFT_BOOST_DECEMBER, 1.0)
            )
            w = np.where(gift & (name in ("marketplace", "special")), 0.0, w)  # no gifts there
            product[mask] = rng.choice(len(products), size=mask.sum(), p=w / w.sum())
    quantity = 1 + (rng.random(len(row)) < SECOND_COPY) + (rng.random(len(row)) < THIRD_COPY)
    lines = pd.DataFrame({"row": row, "product": product, "quantity": quantity})
    quoted = pd.DataFrame({"basket": orders["basket"].to_numpy()[consult].astype(int), "row": consult})
    lines = pd.concat([lines, quoted.merge(quote, on="basket")[["row", "product", "quantity"]]], ignore_index=True)
    lines = lines.groupby(["row", "product"], as_index=False)["quantity"].sum()  # a title twice = one line
    price = np.round(products["list_price"].to_numpy() * 100).astype(np.int64)[lines["product"]]
    cost = np.round(products["unit_cost"].to_numpy() * 100).astype(np.int64)[lines["product"]]
    rate = orders["discount_rate"].to_numpy()[lines["row"]]
    gross = lines["quantity"].to_numpy() * price
    lines["discount"] = np.round(gross * rate).astype(np.int64)
    lines["unit_price"], lines["line_revenue"] = price, gross - lines["discount"]
    lines["cogs"] = lines["quantity"].to_numpy() * cost
    return lines


def generate(seed: int = 2024) -> dict[str, pd.DataFrame]:
    """The Book Hub's tables (2024-01-01 to 2025-12-31): file stem to rows, as :func:`write` puts them on disk.

    Four seeded numpy Generators draw them (see the module's docstring), so the same ``seed`` always gives
    the same tables.

    Examples
    --------
    >>> tables = generate()
    >>> sorted(tables)
    ['campaigns', 'customers', 'funnel', 'interactions', 'order_lines', 'orders', 'products', 'staff', 'survey',
     'targets', 'touchpoints']
    >>> list(tables["orders"].columns[:5])
    ['order_id', 'order_date', 'customer_id', 'channel', 'revenue']
    """
    rng = np.random.default_rng(seed)
    # What came later draws from streams of its own, so it leaves the older draws as they were.
    deal_rng, touch_rng, survey_rng = (np.random.default_rng([seed, k]) for k in (1, 2, 3))
    products, popularity = _products(rng)
    campaigns = _campaigns(rng)
    cal = _calendar()
    consultations, quote = _consultations(deal_rng, cal, products)
    j = pd.concat([_journeys(rng, cal, campaigns), consultations], ignore_index=True)
    j = j.sort_values(["date", "origin"], kind="stable", ignore_index=True)
    _deal_stages(deal_rng, j)
    number, customers = _customers(rng, j, campaigns)
    j["customer_id"] = _ids("C", number + 1, 5).where(number >= 0)
    j["campaign_id"] = campaigns["campaign_id"].reindex(j["campaign"]).to_numpy()
    orders, order_lines, order_of = _orders(rng, j, products, popularity, quote)
    quotes = _quote_cents(quote, products, consultations.set_index("basket")["deal_discount"])
    interactions = _interactions(j, order_of, _deal_values(deal_rng, j, orders, order_of, quotes, products))
    lead_day = pd.Series(j.loc[order_of.index, "date"].to_numpy(), index=order_of.to_numpy())
    customers.insert(0, "customer_id", _ids("C", np.arange(1, len(customers) + 1), 5))
    customers["first_seen"] = customers["first_seen"].dt.strftime("%Y-%m-%d")
    # Identified in-store buyers scanned a loyalty card at the till.
    customers["loyalty_member"] = customers["customer_id"].isin(
        orders.loc[orders["channel"] == "in-store", "customer_id"]
    )
    return {
        "products": products,
        "customers": customers,
        "orders": orders,
        "order_lines": order_lines,
        "campaigns": _campaign_table(campaigns),
        "funnel": _funnel(campaigns, interactions, orders),
        "interactions": interactions,
        "staff": STAFF.copy(),
        "targets": _targets(),
        "touchpoints": _touchpoints(touch_rng, orders, customers, campaigns, lead_day),
        "survey": _survey(survey_rng, orders, customers),
    }


def _orders(rng, j: pd.DataFrame, products: pd.DataFrame, popularity: np.ndarray, quote: pd.DataFrame):
    """Orders and their lines for every journey that ended in a purchase, and each one's order_id.

    Orders are numbered in date order, like till receipts; money is summed in whole cents.
    """
    o = j[j["order_date"].notna()].sort_values("order_date", kind="stable")
    o = o.assign(order_id=_ids("", 100001 + np.arange(len(o)), 6).to_numpy(), special=o["type"] == "special order")
    reward = (o["channel"] == "in-store") & o["customer_id"].notna() & (rng.random(len(o)) < LOYALTY_REWARD_SHARE)
    o["discount_rate"] = np.where(o["origin"] == "promo", PROMO_DISCOUNT, np.where(reward, LOYALTY_REWARD, 0.0))
    consult = o["origin"] == "consultation"  # the discount agreed in the quote
    o.loc[consult, "discount_rate"] = o.loc[consult, "deal_discount"]
    lines = _baskets(rng, o, products, popularity, quote)
    totals = lines.groupby("row")[["line_revenue", "cogs", "discount", "quantity"]].sum()
    fees = np.where(
        o["channel"] == "marketplace",
        np.round(totals["line_revenue"] * MARKETPLACE_FEE_RATE) + MARKETPLACE_FEE_PER_ITEM * totals["quantity"],
        0,
    )
    orders = pd.DataFrame(
        {
            "order_id": o["order_id"].to_numpy(),
            "order_date": o["order_date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "customer_id": o["customer_id"].to_numpy(),
            "channel": o["channel"].to_numpy(),
            "revenue": _cents(totals["line_revenue"]),
            "gross_profit": _cents(totals["line_revenue"] - totals["cogs"] - fees),
            "campaign_id": o["campaign_id"].to_numpy(),
            "items": totals["quantity"].to_numpy(),
            "discount": _cents(totals["discount"]),
            "fees": _cents(fees),
        }
    )
    order_lines = pd.DataFrame(
        {
            "order_id": o["order_id"].to_numpy()[lines["row"]],
            "product_id": products["product_id"].to_numpy()[lines["product"]],
            "quantity": lines["quantity"],
            "unit_price": _cents(lines["unit_price"]),
            "discount": _cents(lines["discount"]),
            "line_revenue": _cents(lines["line_revenue"]),
        }
    ).sort_values(["order_id", "product_id"], ignore_index=True)
    return orders, order_lines, o["order_id"]


def _interactions(j: pd.DataFrame, order_of: pd.Series, deal_value: pd.Series) -> pd.DataFrame:
    """The logged conversations in date order, each won one linked to the order it produced.

    Deals (special orders, store consultations) also have a value and the days of their stages.
    """
    t = j[j["type"].notna()]
    day = lambda column: t[column].dt.strftime("%Y-%m-%d").to_numpy()  # noqa: E731
    return pd.DataFrame(
        {
            "interaction_id": _ids("I-", np.arange(1, len(t) + 1), 5).to_numpy(),
            "date": t["date"].dt.strftime("%Y-%m-%d").to_numpy(),
            "staff": t["staff"].to_numpy(),
            "type": t["type"].to_numpy(),
            "outcome": t["outcome"].to_numpy(),
            "customer_id": t["customer_id"].to_numpy(),
            "order_id": order_of.reindex(t.index).to_numpy(),
            "minutes": t["minutes"].astype(int).to_numpy(),
            "campaign_id": t["campaign_id"].to_numpy(),
            "deal_value": deal_value.reindex(t.index).to_numpy(),
            "qualified_date": day("qualified_date"),
            "proposal_date": day("proposal_date"),
            "negotiation_date": day("negotiation_date"),
            "closed_date": day("closed_date"),
        }
    )


class _Contacts:
    """Finds marketing contacts for customers' journeys, keeping each campaign within its reach.

    A campaign can give no more contacts than its clicks (a newsletter: OPEN_RATE of the emails sent;
    an author event: its RSVPs; unknown reach: no limit). Days are counted from START.
    """

    def __init__(self, rng, campaigns: pd.DataFrame):
        self.rng = rng
        self.channel = campaigns["channel"].to_numpy()
        self.start = (campaigns["start_date"] - START).dt.days.to_numpy()
        self.end = (campaigns["end_date"] - START).dt.days.to_numpy()
        clicks, leads = campaigns["clicks"].astype(float), campaigns["leads"].astype(float)
        email_opens = np.floor(OPEN_RATE * campaigns["impressions"].astype(float))
        cap = np.where(self.channel == "email", email_opens, clicks.fillna(leads).fillna(np.inf))
        self.cap = np.asarray(cap, float)
        self.used = np.zeros(len(campaigns), int)

    def take(self, campaign: int) -> None:
        self.used[campaign] += 1

    def find(self, channel: str, low: int, high: int, paid: bool = True):
        """A contact on ``channel`` on a day in [low, high): (day, campaign or -1), or None."""
        free = (self.channel == channel) & (self.used < self.cap)
        if channel in ("email", "event"):  # the latest newsletter or event in the window
            ok = free & (self.start < high) & ((self.end if channel == "email" else self.start) >= low)
            if not ok.any():
                return None
            campaign = np.flatnonzero(ok)[np.argmax(self.start[ok])]
            first, last = max(self.start[campaign], low), min(self.end[campaign], high - 1)
            day = first if channel == "event" else int(self.rng.integers(first, last + 1))
        else:  # a day some way back; a campaign running then, or organic
            day = high - int(self.rng.geometric(1 / TOUCH_GAP)) if paid else high - int(self.rng.geometric(0.5))
            if day < low:
                return None
            on = free & (self.start <= day) & (self.end >= day)
            if not (paid and on.any() and self.rng.random() < P_PAID[channel]):
                return day, -1
            campaign = int(self.rng.choice(np.flatnonzero(on)))
        self.take(campaign)
        return int(day), int(campaign)


def _touchpoints(
    rng, orders: pd.DataFrame, customers: pd.DataFrame, campaigns: pd.DataFrame, lead_day: pd.Series
) -> pd.DataFrame:
    """The marketing contacts identified customers had up to their first order.

    A first order credited to a campaign ends its journey with that campaign, on the day the journey
    began (``lead_day``: inside the campaign's dates). Other buyers may have had contacts
    (P_TOUCHED), ending on LAST_TOUCH's channel. Earlier contacts go back from there.
    """
    contacts = _Contacts(rng, campaigns)
    number = pd.Series(np.arange(len(campaigns)), index=campaigns["campaign_id"])
    # Orders are in date order: a customer's first row is their first order.
    first = orders.dropna(subset=["customer_id"]).drop_duplicates("customer_id").set_index("customer_id").sort_index()
    order_day = (pd.to_datetime(first["order_date"]) - START).dt.days.to_numpy()
    credited = number.reindex(first["campaign_id"]).fillna(-1).astype(int).to_numpy()
    acquired = first.index.map(customers.set_index("customer_id")["acquisition_channel"]).to_numpy()
    began = (lead_day.reindex(first["order_id"]) - START).dt.days.to_numpy()
    rows: list[tuple[int, int, str, int]] = []
    last: dict[int, tuple[int, str]] = {}
    for k in np.flatnonzero(credited >= 0):  # first the credited campaigns, so they always have room
        contacts.take(credited[k])
        rows.append((k, int(began[k]), contacts.channel[credited[k]], int(credited[k])))
        last[k] = (int(began[k]), contacts.channel[credited[k]])
    for k in range(len(first)):
        low = max(0, order_day[k] - LOOKBACK)
        if k not in last:
            if rng.random() >= P_TOUCHED[acquired[k]]:
                continue
            channel = _draw(rng, LAST_TOUCH[acquired[k]], 1)[0]
            found = contacts.find(channel, low, order_day[k] + 1, paid=False)
            if found is None:
                continue
            rows.append((k, found[0], channel, found[1]))
            last[k] = (found[0], channel)
        high, channel = last[k]
        least, mean = EARLIER_TOUCHES[channel]
        n = min(MAX_EARLIER, least + rng.poisson(mean))
        for i in range(n):
            channel = _draw(rng, OPENING if i == n - 1 else MIDDLE, 1)[0]
            found = contacts.find(channel, low, high)
            if found is not None:
                rows.append((k, found[0], channel, found[1]))
                high = found[0]
    t = pd.DataFrame(rows, columns=["k", "day", "channel", "campaign"]).sort_values(["k", "day"], kind="stable")
    return pd.DataFrame(
        {
            "customer_id": first.index.to_numpy()[t["k"]],
            "date": (START + pd.to_timedelta(t["day"], unit="D")).dt.strftime("%Y-%m-%d").to_numpy(),
            "channel": t["channel"].to_numpy(),
            "campaign_id": campaigns["campaign_id"].reindex(t["campaign"]).to_numpy(),
        }
    )


def _survey(rng, orders: pd.DataFrame, customers: pd.DataFrame) -> pd.DataFrame:
    """Answers to the shop's one-question survey (0-10, and how they heard of the shop).

    Some orders bring an answer (P_ANSWER), so answers follow the orders' seasons. A named answer says
    how the customer heard of the shop in the words of their acquisition channel (HEARD_FROM).
    """
    answered = orders[rng.random(len(orders)) < orders["channel"].map(P_ANSWER).to_numpy()]
    n = len(answered)
    wait = np.where(rng.random(n) < P_ANSWER_SAME_DAY, 0, rng.integers(1, ANSWER_WAIT + 1, n))
    date = pd.to_datetime(answered["order_date"]) + pd.to_timedelta(wait, unit="D")
    named = answered["customer_id"].notna().to_numpy() & (rng.random(n) < P_NAMED)
    heard = np.empty(n, dtype=object)
    acquired = answered["customer_id"].map(customers.set_index("customer_id")["acquisition_channel"])
    heard[named] = acquired[named].map(HEARD_FROM).to_numpy()
    for channel, options in HEARD_ANONYMOUS.items():
        mask = ~named & (answered["channel"] == channel).to_numpy()
        heard[mask] = _draw(rng, options, mask.sum())
    heard[~named & (rng.random(n) < P_HEARD_BLANK)] = None
    out = pd.DataFrame(
        {
            "date": date.dt.strftime("%Y-%m-%d").to_numpy(),
            "score": rng.choice(len(SCORES), size=n, p=np.asarray(SCORES) / np.sum(SCORES)),
            "heard_from": heard,
            "customer_id": answered["customer_id"].where(named).to_numpy(),
        }
    )
    return out[(date <= END).to_numpy()].sort_values("date", kind="stable", ignore_index=True)


def _campaign_table(c: pd.DataFrame) -> pd.DataFrame:
    columns = [
        "campaign_id",
        "channel",
        "start_date",
        "end_date",
        "spend",
        "name",
        "impressions",
        "clicks",
        "leads",
        "type",
    ]
    out = c[columns].copy()
    for col in ("start_date", "end_date"):
        out[col] = out[col].dt.strftime("%Y-%m-%d")
    return out


def _funnel(campaigns: pd.DataFrame, interactions: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
    """Monthly funnel per marketing source, built from the campaigns and what their leads did.

    reach = impressions, site visits = clicks, sign-ups = leads (all from campaigns.csv);
    engaged = leads who talked to a bookseller (interactions.csv); purchase = orders the campaigns
    brought; repeat purchase = those buyers who ordered again later. Period = the campaign's month.
    """
    c = campaigns[campaigns["channel"].isin(FUNNEL_SOURCES)].copy()
    c["period"] = c["start_date"].dt.strftime("%Y-%m")
    last_order = orders.groupby("customer_id")["order_date"].max()
    attributed = orders.dropna(subset=["campaign_id"])
    again = attributed["customer_id"].map(last_order) > attributed["order_date"]
    counts = {
        "reach": c.set_index("campaign_id")["impressions"],
        "site visits": c.set_index("campaign_id")["clicks"],
        "sign-ups": c.set_index("campaign_id")["leads"],
        "engaged": interactions["campaign_id"].value_counts(),
        "purchase": attributed["campaign_id"].value_counts(),
        "repeat purchase": attributed.loc[again, "campaign_id"].value_counts(),
    }
    return funnel_rows(c, counts, STAGES)


def _targets() -> pd.DataFrame:
    """Monthly revenue targets: the team's (staff blank) and each person's hand-selling share."""
    periods = pd.period_range(START, END, freq="M")
    team = np.array([TEAM_PLAN[p.year] * SEASONALITY[p.month - 1] / 12 for p in periods]).round(-2)
    share = STAFF["hours_per_week"] / STAFF["hours_per_week"].sum()
    rows = [pd.DataFrame({"period": periods.strftime("%Y-%m"), "target": team, "staff": np.nan})]
    for person, s in zip(STAFF["staff"], share, strict=True):
        target = (team * HANDSELL_SHARE * s).round(-1)
        rows.append(pd.DataFrame({"period": periods.strftime("%Y-%m"), "target": target, "staff": person}))
    targets = pd.concat(rows, ignore_index=True)
    return targets.sort_values(["period", "staff"], na_position="first", kind="stable", ignore_index=True)


def write(out_dir, seed: int = 2024) -> list[Path]:
    """Write The Book Hub's tables (:func:`generate` with ``seed``) as CSV files into ``out_dir``.

    `smk_helpers.dev.synth.write_tables` writes them, so the same seed always gives the same bytes; the paths
    come in name order.
    """
    return write_tables(generate(seed), out_dir)


# --- data/README.md: the Book Hub section, with every figure measured on the files ---------------------

README_WIDTH = 115  # prose lines of the section are wrapped at this width
ID_COLUMNS = ("order_id", "customer_id", "campaign_id", "product_id", "interaction_id", "staff")  # read as text
LEAD_WORDS = {"event": "an author event", "email": "the newsletter", "search": "search", "social": "social media"}


def _para(text: str, first: str = "", rest: str = "") -> str:
    """Prose, its white space made single and wrapped at README_WIDTH."""
    return textwrap.fill(
        " ".join(text.split()),
        width=README_WIDTH,
        initial_indent=first,
        subsequent_indent=rest,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _bullets(items) -> str:
    return "\n".join(_para(item, "- ", "  ") for item in items)


def readme_block(folder) -> str:
    """The Book Hub's section of ``data/README.md``, its figures measured on the CSV files in ``folder``.

    ``make data`` writes it between ``<!-- bookhub:start -->`` and ``<!-- bookhub:end -->``
    (`smk_helpers.dev.readmes`), so the figures follow the data whenever the generator changes.

    Examples
    --------
    >>> block = readme_block(Path(__file__).parents[2] / "data" / "bookhub")
    >>> block.splitlines()[0]
    '## The Book Hub (example data, synthetic)'
    """
    t = read_tables(folder, ID_COLUMNS)
    parts = (
        _readme_intro,
        _readme_files,
        _readme_pipeline,
        _readme_touchpoints,
        _readme_survey,
        _readme_calibration,
        _readme_relationships,
    )
    return "\n\n".join(block for part in parts for block in part(t)) + "\n"


def _readme_intro(t) -> list[str]:
    o, c, i = t["orders"], t["campaigns"], t["interactions"]
    store = o[o["channel"] == "in-store"]
    leads = c[(c["type"] != "author event") & c["leads"].notna()]
    lead_rate = leads["leads"].sum() / leads["clicks"].sum()
    engaged = i["campaign_id"].notna().sum() / c["leads"].sum()
    lifts = pd.Series(SOURCE_LIFT)
    lift_words = [
        f"by {value:.2f} for one from {' or '.join(LEAD_WORDS[k] for k in group.index)}"
        for value, group in lifts.groupby(lifts, sort=False)
    ]
    return [
        "## The Book Hub (example data, synthetic)",
        _para(f"""
            `data/bookhub/` holds two calendar years ({o["order_date"].min()} to {o["order_date"].max()}) of an
            independent bookstore called The Book Hub. **All of it is synthetic.** No real shop, person or book is
            in it: the titles and names are put together from word lists. `smk_helpers/dev/bookhub.py` generates
            the files from a fixed seed, and `make data` (or `python -m smk_helpers.dev.bookhub data/bookhub`)
            writes them again, byte for byte the same. `tests/test_bookhub.py` fails if the committed files differ
            from what the generator writes, and it checks the calibration figures below. Every figure in this
            section is measured on the files by `readme_block` in the same module, which `make data` runs after
            the generator; `tests/test_setup.py` fails when the section is out of date.
            """),
        _para("""
            The seven contract files (`orders`, `campaigns`, `funnel`, `interactions`, `targets`, `touchpoints`,
            `survey`) follow the contract above. Some have extra columns after the contract's. Four files add
            detail that the lessons use. Ids are text, dates are `YYYY-MM-DD`, months are `YYYY-MM`, money is in
            dollars with two decimals and no sales tax, and an empty cell means "none" or "not known". A figure
            marked *assumption* is the generator's own choice, where GUIDE.md §5 gives no number.
            """),
        "### How the data is made",
        _bullets(
            [
                """**Demand.** Orders arrive day by day in each channel (in-store, website, marketplace). Their
                number follows the monthly index of trade bookstores, busier weekends and the run-up to Christmas.
                The shop is closed on 1 January and 25 December.""",
                f"""**Marketing (one-to-many).** Every month there is a newsletter, a run of social posts and a
                piece of SEO content. Ads, sponsored marketplace listings, author events, an influencer feature and
                in-store promotions come at set times of the year. Impressions come from spend and CPM, and clicks
                from the click-through rate. {_pct(lead_rate, 0)} of clicks become leads, and {_pct(engaged, 0)}
                of leads go on to talk to a bookseller. Sponsored listings, event days and promotions also bring
                orders directly.""",
                """**Sales (one-to-one).** Booksellers log their conversations: recommendations in the shop,
                special orders, phone and email follow-ups, and store consultations. A won conversation leads to an
                order. A conversation whose result comes after 31 December 2025 is still `open`.""",
                f"""**Lead source.** Where a lead came from changes its chance to be won (*assumption*). Against a
                shopper with no campaign behind them, in the same kind of conversation, the chance to win a lead is
                multiplied {_words(lift_words)}. Guests of an author event and newsletter readers already know the
                shop (warm leads); a click on a post or a search result often comes from someone who has never been
                in (cold leads).""",
                """**The sales pipeline.** Special orders and store consultations are deals: each has a value and
                the days it reached each stage (see below).""",
                f"""**Customers.** {_pct(store["customer_id"].notna().mean(), 0)} of till sales are identified (the
                loyalty card is scanned). Web and marketplace orders are always identified. An identified sale
                either comes from a new customer or is picked from earlier customers, and a few loyal customers are
                picked far more often than the rest. Identified customers' marketing contacts up to their first
                order are in `touchpoints.csv`.""",
                """**Money.** Every order gets a basket of products. Popular titles sell most, gifts and children's
                books sell more in December, and special orders are for titles from the long tail. Revenue,
                discounts, cost of goods and marketplace fees are added up in whole cents.""",
                """**Survey.** A one-question card at the till and a link on web receipts: some orders bring back a
                score from 0 to 10 and how the customer heard of the shop (`survey.csv`).""",
            ]
        ),
    ]


def _readme_files(t) -> list[str]:
    o, lines, p, cu, c = t["orders"], t["order_lines"], t["products"], t["customers"], t["campaigns"]
    f, i, s, tg = t["funnel"], t["interactions"], t["staff"], t["targets"]
    share = p["unit_cost"] / p["list_price"]
    gift = p["category"] == GIFTS
    is_open = i["outcome"] == "open"
    quick = is_open & (i["type"] != "store consultation")
    team = tg[tg["staff"].isna()].set_index("period")["target"]
    monthly = o.groupby(o["order_date"].str[:7])["revenue"].sum()
    people = tg.dropna(subset=["staff"])
    handsold = (
        i[i["outcome"] == "won"]
        .merge(o[["order_id", "order_date", "revenue"]], on="order_id")
        .assign(period=lambda d: d["order_date"].str[:7])
        .groupby(["period", "staff"])["revenue"]
        .sum()
        .reindex(pd.MultiIndex.from_frame(people[["period", "staff"]]), fill_value=0)
    )
    person_met = (handsold.to_numpy() >= people["target"].to_numpy()).mean()
    manager = s.loc[s["role"] != "bookseller", "hourly_cost"].iloc[0]
    bookseller = s.loc[s["role"] == "bookseller", "hourly_cost"].iloc[0]
    kinds = sorted(c["campaign_id"].str[:3].unique())
    fee = f"{_pct(MARKETPLACE_FEE_RATE, 0)} of revenue + {_usd(MARKETPLACE_FEE_PER_ITEM / 100, True)} an item"
    return [
        f"### `orders.csv`: {_n(len(o))} orders",
        _columns(
            [
                ("`order_id`", f"receipt number, `{o['order_id'].min()}` upwards, in date order"),
                ("`order_date`", "date of the sale (a won special order or consultation: the day it was collected)"),
                ("`customer_id`", "identified customer (`C00001` …); empty for an anonymous till sale"),
                ("`channel`", "`in-store`, `website` or `marketplace`"),
                ("`revenue`", "what the customer paid, after discounts, without tax; equals the sum of its lines"),
                ("`gross_profit`", "revenue − cost of goods − marketplace fees"),
                ("`campaign_id`", "the campaign the order is credited to; empty for most orders"),
                ("`items`", "number of items (sum of the line quantities)"),
                (
                    "`discount`",
                    "extra: dollars taken off (a loyalty reward, an in-store promotion, a consultation's agreed "
                    "discount)",
                ),
                ("`fees`", f"extra: marketplace fees ({fee}, *assumption*); 0 elsewhere"),
            ]
        ),
        f"### `order_lines.csv`: {_n(len(lines))} lines",
        _columns(
            [
                ("`order_id`", "the order (in `orders.csv`)"),
                ("`product_id`", "the product (in `products.csv`)"),
                ("`quantity`", "copies"),
                ("`unit_price`", "list price of one copy"),
                ("`discount`", "dollars taken off the line"),
                (
                    "`line_revenue`",
                    "`quantity × unit_price − discount`; the lines of an order add up to its revenue to the cent",
                ),
            ]
        ),
        f"### `products.csv`: {_n(len(p))} products",
        _columns(
            [
                ("`product_id`", "`B0001` … for books, `G…` for gifts and stationery"),
                ("`title`", "made-up title"),
                ("`author`", "made-up author; empty for gifts"),
                ("`category`", ", ".join(p["category"].unique())),
                ("`list_price`", "shelf price"),
                (
                    "`unit_cost`",
                    f"what the shop pays: {share[~gift].min() * 100:.0f}–{share[~gift].max() * 100:.0f}% of list for "
                    f"books (publishers' trade discounts), about {share[gift].mean() * 100:.0f}% for gifts",
                ),
            ]
        ),
        f"### `customers.csv`: {_n(len(cu))} identified customers",
        _columns(
            [
                ("`customer_id`", "`C00001` …, numbered in order of first contact"),
                ("`first_seen`", "date of their first order or conversation"),
                (
                    "`acquisition_channel`",
                    "how they found the shop: "
                    + ", ".join(cu["acquisition_channel"].value_counts().index)
                    + " (most common first)",
                ),
                ("`loyalty_member`", "`True` if they have bought in the shop with a loyalty card"),
            ]
        ),
        _para(f"""
            Some customers ({_n((~cu["customer_id"].isin(o["customer_id"])).sum())}) only had a conversation that
            did not end in a purchase, so they have no orders.
            """),
        f"### `campaigns.csv`: {_n(len(c))} campaigns",
        _columns(
            [
                (
                    "`campaign_id`",
                    "kind and month, e.g. `EML-2024-01` (newsletter), "
                    + ", ".join(f"`{k}`" for k in kinds if k != "EML"),
                ),
                ("`channel`", ", ".join(f"`{ch}`" for ch in c["channel"].unique())),
                ("`start_date`, `end_date`", "the campaign runs inside one calendar month"),
                ("`spend`", "what it cost"),
                ("`name`", f'readable name, e.g. "{c["name"].iloc[-1]}"'),
                (
                    "`impressions`",
                    "emails sent, ad or listing impressions, search impressions, views; **empty (unknown)** for "
                    "author events and in-store promotions",
                ),
                ("`clicks`", "clicks (never more than impressions); empty where impressions are unknown"),
                (
                    "`leads`",
                    "sign-ups or enquiries (RSVPs for events); empty for marketplace listings and in-store promotions",
                ),
                ("`type`", "extra: " + ", ".join(c["type"].unique())),
            ]
        ),
        f"### `funnel.csv`: {_n(len(f))} rows ({f['period'].nunique()} months × {f['source'].nunique()} sources × "
        f"{f['stage'].nunique()} stages)",
        _columns(
            [
                ("`period`", "the month the campaigns ran"),
                ("`source`", ", ".join(f"`{x}`" for x in sorted(f["source"].unique()))),
                ("`stage`", " → ".join(f"`{x}`" for x in f["stage"].unique()) + " (first rows in that order)"),
                ("`count`", "the stage's count: impressions at `reach`, visits (clicks), then people"),
            ]
        ),
        _para("""
            The funnel is built from the other files, so each count can be traced back to them. `reach`, `site
            visits` and `sign-ups` are the impressions, clicks and leads of that month's campaigns from the source.
            `engaged` counts the leads who talked to a bookseller (`interactions.csv` rows with that campaign), so
            "newsletter subscriber ≈ MQL" and "special-order request or consultation ≈ SQL" (GUIDE §4). `purchase`
            counts the orders credited to those campaigns. `repeat purchase` counts those buyers who ordered again
            later; near the end of 2025 it is low because there is no "later" yet. Counts never increase from one
            stage to the next. Walk-in shoppers are not in the funnel: the shop does not count passers-by or
            visits.
            """),
        f"### `interactions.csv`: {_n(len(i))} conversations",
        _columns(
            [
                ("`interaction_id`", "`I-00001` …, in date order"),
                ("`date`", "day of the conversation; for a deal, the day it became a prospect"),
                ("`staff`", "bookseller (in `staff.csv`)"),
                ("`type`", ", ".join(f"`{x}`" for x in sorted(i["type"].unique()))),
                (
                    "`outcome`",
                    f"`won`, `lost`, or `open` ({is_open.sum()} at the end: the conversations from "
                    f"{i.loc[quick, 'date'].min()} on, and the consultations still under way)",
                ),
                ("`customer_id`", "the customer; empty for an anonymous browser"),
                ("`order_id`", "for a won conversation, the order it led to (always in `orders.csv`)"),
                ("`minutes`", "staff time spent"),
                ("`campaign_id`", "the campaign that produced the lead, if any"),
                ("`deal_value`", "deals only (special orders, store consultations): what the deal is worth if won"),
                (
                    "`qualified_date`, `proposal_date`, `negotiation_date`",
                    "deals only: the day it reached the stage; empty if it never did (or not yet)",
                ),
                ("`closed_date`", "deals only: the day it was won or lost; empty while open"),
            ]
        ),
        f"### `staff.csv`: {len(s)} people",
        _columns(
            [
                ("`staff`", "first name, as used in `interactions.csv` and `targets.csv`"),
                ("`role`", " or ".join(f"`{x}`" for x in s["role"].unique())),
                (
                    "`hourly_cost`",
                    f"{_usd(bookseller, True)} for booksellers (GUIDE §5, BLS 2022); {_usd(manager, True)} for the "
                    "manager (*assumption*)",
                ),
                ("`hours_per_week`", "contracted hours; payroll = hourly cost × hours × 52"),
            ]
        ),
        f"### `targets.csv`: {len(tg)} rows",
        _columns(
            [
                ("`period`", "month"),
                ("`target`", "revenue target in dollars"),
                (
                    "`staff`",
                    "empty: the whole shop's target (a yearly plan spread by the seasonal index); a name: that "
                    f"person's hand-selling target ({_pct(HANDSELL_SHARE, 0)} of the shop's target, split by hours), "
                    "to compare with the revenue of the orders from their won conversations",
                ),
            ]
        ),
        _para(f"""
            The shop meets its own target in {(monthly.reindex(team.index) >= team).sum()} of the {len(team)}
            months. People meet theirs in {_pct(person_met, 0)} of person-months (the revenue of the orders from
            their won conversations, by the month of the order).
            """),
    ]


def _readme_pipeline(t) -> list[str]:
    deals = pipeline.deals(t["interactions"])  # the rows with a deal_value, and the stage each reached
    kinds = sorted(deals["type"].unique())
    summary, stages = [], {name: [name] for name in (*pipeline.DEAL_STAGES, "won")}
    for kind, d in deals.groupby("type"):
        closed = d.dropna(subset=["closed_date"])
        days = (pd.to_datetime(closed["closed_date"]) - pd.to_datetime(closed["date"])).dt.days
        count = d["outcome"].value_counts()
        summary.append(
            [
                kind,
                _by_year(d.groupby(d["date"].str[:4]).size(), _n),
                *(_n(count.get(x, 0)) for x in ("won", "lost", "open")),
                _pct(_win_rate(d["outcome"])),
                _usd(d["deal_value"].median()),
                f"{days.median():.0f}",
            ]
        )
        decided = d[d["outcome"] != "open"]
        reached = np.append(
            [(decided["stage"].cat.codes >= k).sum() for k in range(4)], (decided["outcome"] == "won").sum()
        )
        for k, name in enumerate(pipeline.DEAL_STAGES):
            stages[name] += [_n(reached[k]), _pct(reached[k + 1] / reached[k]), _pct(reached[-1] / reached[k])]
        stages["won"] += [_n(reached[-1]), "", ""]
    open_deals = deals[deals["outcome"] == "open"]
    at = open_deals["stage"].astype(str)  # text: a category would keep the stages without open deals
    by_stage = open_deals.groupby(at)["deal_value"].agg(["size", "sum"]).reindex(pipeline.DEAL_STAGES).dropna()
    by_kind = open_deals.groupby("type")["deal_value"].agg(["size", "sum"])
    consultation_kinds = []
    for kind, (per_year, _, _, titles, copies, discount) in CONSULTATIONS.items():
        title = f"{titles[0]} title" if titles[0] == titles[1] else f"{titles[0]}–{titles[1]} titles"
        consultation_kinds.append(
            f"{kind}s (about {per_year} a year, {title} of {copies[0]}–{copies[1]} copies, {_pct(discount, 0)} off)"
        )
    odds = {k: _words(_pct(x, 0) for x in v) for k, v in STAGE_ODDS.items()}
    return [
        "### The sales pipeline: deals in `interactions.csv`",
        _para("""
            Special orders and store consultations are the deals of the shop's sales pipeline. A deal's `date` is
            the day it became a prospect; it may then be qualified, get a proposal, go to negotiation, and be won or
            lost on `closed_date`. A won deal has passed every stage and links to its order, dated on
            `closed_date`. A lost deal stops at the stage where it fell through: the later stage dates are empty. No
            date is after 31 December 2025, so a deal that runs on past it is `open`, with the stages reached so
            far.
            """),
        _bullets(
            [
                """**Special orders**: a customer asks for a title the shop does not stock. Qualified: the title
                can be got; proposal: a price and an arrival date are quoted; negotiation: the customer confirms and
                the book is ordered; won: it is collected. `deal_value` is the books at list price (a loyalty reward
                may still come off at the till).""",
                f"""**Store consultations**: larger one-to-one sales arranged over weeks (GUIDE §4: "store
                consultation ≈ SQL"), mostly handled by the owner-manager: {_words(consultation_kinds)}; all
                *assumption*. Qualified: a real need, a budget and someone who decides; proposal: a written quote;
                negotiation: copies, date and discount talked through. `deal_value` is the quote, and a won
                consultation's order revenue equals it.""",
                f"""Each step is taken with its own chance (*assumption*), from prospect to qualified, proposal,
                negotiation and won: {odds["special order"]} for special orders, {odds["store consultation"]} for
                consultations. The bookseller's skill and the lead source raise or lower them together.""",
            ]
        ),
        _table(
            ["type", "deals (2024 / 2025)", "won", "lost", "open", "win rate", "median value", "median days to close"],
            summary,
        ),
        _para("""
            Stage by stage, over the deals decided (won or lost). "Moved on" is the conversion to the next stage
            (n(k+1) / n(k), GUIDE §4); "won from here" is the win rate of the deals that reached the stage, which
            rises the further a deal gets.
            """),
        _table(
            ["stage"] + [f"{k}s {x}" for k in kinds for x in ("reached", "moved on", "won from here")],
            list(stages.values()),
        ),
        _para(f"""
            **Open pipeline at 31 December 2025**: {len(open_deals)} deals worth
            {_usd(open_deals["deal_value"].sum())}: {
            _words(f"{r['size']:.0f} at {name} ({_usd(r['sum'])})" for name, r in by_stage.iterrows())
        }. By type: {_words(f"{r['size']:.0f} {name}s ({_usd(r['sum'])})" for name, r in by_kind.iterrows())}.
            """),
    ]


def _readme_touchpoints(t) -> list[str]:
    tp, o, cu = t["touchpoints"].sort_values(["customer_id", "date"]), t["orders"], t["customers"]
    buyers = o["customer_id"].dropna().unique()
    per = tp.groupby("customer_id").size()
    spread = ", ".join(f"{_n(v)} had {k}" for k, v in per.value_counts().sort_index().items())
    credited = o.dropna(subset=["customer_id"]).drop_duplicates("customer_id")["campaign_id"].notna().sum()
    ever_credited = o["campaign_id"].notna().groupby(o["customer_id"]).any()
    plain = cu["customer_id"].map(ever_credited).fillna(False).eq(False)
    walk_ins = cu[(cu["acquisition_channel"] == "walk-in") & plain]
    dated = tp.assign(date=pd.to_datetime(tp["date"]))
    credit = attribution.attribution_table(dated, o.assign(order_date=pd.to_datetime(o["order_date"])))
    credit = (credit / credit.sum()).rename(columns={"first_touch": "first", "last_touch": "last"})
    credit = credit.sort_values("linear", ascending=False)
    touched = _words(f"{k} {_pct(v, 0)}" for k, v in P_TOUCHED.items())
    return [
        f"### `touchpoints.csv`: {_n(len(tp))} contacts of {_n(len(per))} customers",
        _columns(
            [
                ("`customer_id`", "the customer (always one who bought: the contacts lead up to their first order)"),
                ("`date`", "day of the contact, never after the customer's first order"),
                (
                    "`channel`",
                    "`email` (a newsletter opened), `social` (a post or ad clicked, or a friend's post), `search` (a "
                    "visit from a search result or ad), `event` (an author event attended), `marketplace` (a "
                    "sponsored listing clicked), `in-store` (an in-store promotion)",
                ),
                (
                    "`campaign_id`",
                    "the campaign behind the contact; empty for an organic one "
                    f"({_pct(tp['campaign_id'].isna().mean(), 0)} of contacts)",
                ),
            ]
        ),
        _para(f"""
            {_pct(len(per) / len(buyers), 0)} of the {_n(len(buyers))} buyers had contacts before their first order:
            {spread} (mean {per.mean():.2f}). They agree with the other files:
            """),
        _bullets(
            [
                f"""Each of the {_n(credited)} first orders credited to a campaign ends its journey with that
                campaign: the last contact is on the campaign's channel, within its dates, on or before the
                order.""",
                f"""A contact with a campaign is on the campaign's channel and within its dates, and no campaign has
                more contacts than clicks (a newsletter: than opens, taken as {_pct(OPEN_RATE, 0)} of the emails
                sent, *assumption* inside GUIDE §5's 16–27%). Contacts without a campaign are organic: a search
                result, a friend's post.""",
                f"""Other buyers had contacts with a chance that depends on how they found the shop (*assumption*):
                {touched}. Only {_pct(walk_ins["customer_id"].isin(tp["customer_id"]).mean(), 0)} of the walk-in
                customers without a campaign order had any.""",
                f"""Journeys start at most {LOOKBACK} days before the first order. Social posts and search results
                open them; newsletters and events close them (*assumption*), so the attribution models disagree.
                Share of the first orders with contacts that each model gives to a channel:""",
            ]
        ),
        _table(
            ["channel", "first touch", "last touch", "linear"],
            [[ch, _pct(r["first"]), _pct(r["last"]), _pct(r["linear"])] for ch, r in credit.iterrows()],
        ),
    ]


def _readme_survey(t) -> list[str]:
    s = t["survey"]
    years = s.groupby(s["date"].str[:4])
    score = s["score"]
    groups = nps_groups(score)
    groups = groups / groups.sum()  # shares of the answers
    month = s.groupby(s["date"].str[5:7]).size()
    promoters, detractors = sum(SCORES[9:]), sum(SCORES[:7])
    heard = s["heard_from"].value_counts()
    return [
        f"### `survey.csv`: {_n(len(s))} answers ({_by_year(years.size(), _n)})",
        _columns(
            [
                (
                    "`date`",
                    "day of the answer: the day of the order (a card at the till) or up to "
                    f"{ANSWER_WAIT} days later (a link on a web receipt)",
                ),
                ("`score`", "how likely they are to recommend the shop, 0 to 10"),
                ("`heard_from`", "how they heard of the shop (see below); empty if skipped"),
                (
                    "`customer_id`",
                    f"the customer, if they gave their number ({_pct(s['customer_id'].notna().mean(), 0)} of answers)",
                ),
            ]
        ),
        _para(f"""
            About {_pct(P_ANSWER["in-store"])} of till sales, {_pct(P_ANSWER["website"])} of web orders and
            {_pct(P_ANSWER["marketplace"])} of marketplace orders bring an answer (*assumption*), so answers follow
            the seasons of the orders (December: {_n(month.get("12", 0))} answers over both years, February:
            {_n(month.get("02", 0))}). A named answer's `heard_from` is the customer's `acquisition_channel` in plain
            words ({_words(f'{k} = "{v}"' for k, v in HEARD_FROM.items())}). Answers:
            {_words(f'"{k}" {_n(v)}' for k, v in heard.items())}, and {_n(s["heard_from"].isna().sum())} left it
            empty.
            """),
        _para(f"""
            The scores assume a well-liked independent bookstore (*assumption*: GUIDE §5 has no figure): about
            {_pct(promoters, 0)} promoters and {_pct(detractors, 0)} detractors, an NPS near
            {100 * (promoters - detractors):+.0f}. The files give {_pct(groups["promoters"], 0)} promoters (9–10),
            {_pct(groups["passives"], 0)} passives (7–8) and {_pct(groups["detractors"], 0)} detractors
            (0–6): an NPS of {nps(score):+.0f} over both years
            ({_by_year(years["score"].apply(nps), lambda x: f"{x:+.0f}")}).
            """),
    ]


def _readme_calibration(t) -> list[str]:
    o, c, f, s = t["orders"].copy(), t["campaigns"], t["funnel"], t["staff"]
    o["year"], o["month"] = o["order_date"].str[:4].astype(int), o["order_date"].str[5:7].astype(int)
    years = sorted(o["year"].unique())
    by = o.groupby("year")
    revenue = by["revenue"].sum()
    days = pd.Series({y: pd.Timestamp(f"{y}-12-31").day_of_year for y in years})
    store = o[o["channel"] == "in-store"].groupby("year")["revenue"].mean()
    online = o["channel"] != "in-store"
    net = o["revenue"] - o["fees"]
    online_paid = o[online].groupby("year")["revenue"].sum() / revenue
    online_net = net[online].groupby(o["year"]).sum() / net.groupby(o["year"]).sum()
    spend = c.groupby(c["start_date"].str[:4].astype(int))["spend"].sum()
    payroll = (s["hourly_cost"] * s["hours_per_week"] * 52).sum()
    index = o.groupby(["year", "month"])["revenue"].sum().groupby(level=0).transform(lambda m: m / m.mean())

    def idx(months):
        return _by_year([index.loc[y].reindex(months) for y in years], lambda v: ", ".join(f"{x:.2f}" for x in v))

    q4 = o[o["month"] >= 10].groupby("year")["revenue"].sum() / revenue
    q4_index = SEASONALITY[9:].sum() / SEASONALITY.sum()
    funnel = f.groupby(["source", "stage"])["count"].sum().unstack()
    visit = funnel["purchase"] / funnel["site visits"]
    email = c[c["channel"] == "email"]
    click = kpis.ctr(email["clicks"], email["impressions"])
    social = c[c["type"].isin(["social media content", "targeted ads"]) & (c["channel"] == "social")]
    cpm = kpis.cpm(social["spend"], social["impressions"])
    social_ctr = kpis.ctr(social["clicks"].sum(), social["impressions"].sum())
    margin = kpis.gross_margin_rate(o["gross_profit"].sum(), o["revenue"].sum())
    per_customer = o.dropna(subset=["customer_id"]).groupby("customer_id").size()
    cents = lambda x: _usd(x, True)  # noqa: E731
    rows = [
        ("revenue a year", "about $450k; indie stores $250k–$1M", _by_year(revenue, _usd)),
        (
            "transactions a year",
            "about 26 a day, 9–10k a year (Womply, 1,100+ US indie bookstores)",
            f"{_by_year(by.size(), _n)} ({_by_year(by.size() / days, lambda x: f'{x:.1f}')} a day)",
        ),
        (
            "average in-store transaction",
            "about $48 (Womply, 2018)",
            f"{_by_year(store, cents)} (all channels: {_by_year(by['revenue'].mean(), cents)})",
        ),
        (
            "gross margin",
            "45–47% (ABA ABACUS-18: 46.6%)",
            f"{_pct(margin)} over both years (after marketplace fees)",
        ),
        (
            "online share of revenue",
            "10–15%, own website plus marketplace",
            f"{_by_year(online_paid, _pct)} as paid; {_by_year(online_net, _pct)} with the marketplace net of fees",
        ),
        (
            "marketing spend",
            "1–3% of revenue (small retail)",
            f"{_by_year(spend / revenue, lambda x: _pct(x, 2))} ({_by_year(spend, _usd)})",
        ),
        (
            "payroll",
            "24% of sales (ABACUS)",
            f"{_pct(payroll / revenue.mean())} ({len(s)} people, {_usd(payroll)} a year)",
        ),
        (
            "bookseller wage",
            "$13.56 an hour (BLS 2022)",
            cents(s.loc[s["role"] == "bookseller", "hourly_cost"].iloc[0]),
        ),
        ("seasonality: December", "index about 2.0", idx([12])),
        ("seasonality: November", "about 1.3", idx([11])),
        ("seasonality: August, September", "about 1.1", idx([8, 9])),
        ("seasonality: January, February", "about 0.7", idx([1, 2])),
        (
            "Q4 share of the year",
            "about 40% for trade stores",
            f"{_by_year(q4, _pct)} (the generator's monthly index gives {_pct(q4_index)})",
        ),
        (
            "visit → purchase",
            "1.5–3% (e-commerce)",
            ", ".join(f"{_pct(v)} {k}" for k, v in visit.items())
            + f"; {_pct(funnel['purchase'].sum() / funnel['site visits'].sum())} overall",
        ),
        (
            "email click rate",
            "2–5% (Mailchimp)",
            f"{_pct(kpis.ctr(email['clicks'].sum(), email['impressions'].sum()))} overall "
            f"({_pct(click.min())}–{_pct(click.max())} per newsletter)",
        ),
        (
            "social CPM, CTR",
            "$14–24, higher in Q4; about 1% (Meta retail)",
            f"{cents(cpm.min())}–{cents(cpm.max())}; {_pct(social_ctr, 2)}",
        ),
        (
            "repeat purchase rate",
            "about 28%",
            f"{_pct(kpis.repeat_purchase_rate(o))} of the {_n(len(per_customer))} buyers ordered twice or more in the "
            "two years",
        ),
    ]
    return [
        "### Calibration: what the data hits",
        f"Targets from GUIDE.md §5, measured on the files ({_by_year(years, str)} where it differs by year):",
        _table(["figure", "target (source)", "The Book Hub"], rows),
    ]


def _readme_relationships(t) -> list[str]:
    o, c, i, f = t["orders"], t["campaigns"].set_index("campaign_id"), t["interactions"], t["funnel"]
    attributed = o["campaign_id"].value_counts().reindex(c.index, fill_value=0)
    clicked = c["clicks"].notna()

    def rank(a: pd.Series, b: pd.Series) -> float:
        return a.rank().corr(b.rank())

    by_type = i.groupby("type")["outcome"].apply(_win_rate).sort_values(ascending=False)
    decided = i[i["outcome"] != "open"].assign(source=lambda d: d["campaign_id"].map(c["channel"]).fillna("none"))
    source = decided.groupby("source")["outcome"].agg(rate=_win_rate, n="size")
    warmth = decided["source"].map(lambda x: "none" if x == "none" else "warm" if SOURCE_LIFT[x] > 1 else "cold")
    pooled = decided.groupby(warmth)["outcome"].agg(rate=_win_rate, n="size")
    gap = pooled.loc["warm", "rate"] - pooled.loc["cold", "rate"]
    se = np.sqrt(sum(r["rate"] * (1 - r["rate"]) / r["n"] for _, r in pooled.loc[["warm", "cold"]].iterrows()))
    special = decided[decided["type"] == "special order"].groupby(warmth)["outcome"].apply(_win_rate)
    sources = _words(
        f"{'no campaign' if k == 'none' else k} {_pct(r['rate'], 0)} (of {_n(r['n'])})"
        for k, r in source.sort_values("rate", ascending=False).iterrows()
    )

    def december(series: pd.Series) -> str:
        lifts = []
        for year in sorted(series.index.str[:4].unique()):
            months = series[series.index.str.startswith(year)]
            lifts.append(f"{months[f'{year}-12'] / months.mean():.2f}×")
        return " / ".join(lifts)

    reach = f[f["stage"] == "reach"].groupby("period")["count"].sum()
    credited = o.dropna(subset=["campaign_id"]).groupby("campaign_id")["revenue"].sum().reindex(c.index, fill_value=0)
    roas = (credited.groupby(c["type"]).sum() / c.groupby("type")["spend"].sum()).sort_values(ascending=False)
    store = o[o["channel"] == "in-store"]
    return [
        "The data also has relationships you can find:",
        _bullets(
            [
                f"""Campaigns with more clicks bring more credited orders (rank correlation
                {rank(c.loc[clicked, "clicks"], attributed[clicked]):.2f} over the campaigns with known clicks;
                {rank(c["spend"], attributed):.2f} between spend and orders over all campaigns).""",
                f"""Special orders convert best. Share of decided conversations won, by type:
                {_words(f"{k} {_pct(v)}" for k, v in by_type.items())}. The win rate counts won / (won + lost),
                leaving open ones out.""",
                f"""**Lead source matters.** Share of decided conversations won, by the channel of the campaign
                that brought the lead: {sources}. Warm leads (events, the newsletter) win
                {_pct(pooled.loc["warm", "rate"], 0)} and cold ones (social, search)
                {_pct(pooled.loc["cold", "rate"], 0)}: a gap of {100 * gap:.0f} percentage points, about
                {gap / se:.0f} standard errors. It holds within special orders alone
                ({_pct(special["warm"], 0)} against {_pct(special["cold"], 0)}), and shoppers with no campaign are
                in between. The effect is built in (*assumption*, see "Lead source" above).""",
                f"""December lifts everything: orders are {december(o.groupby(o["order_date"].str[:7]).size())}
                the year's monthly mean, funnel reach {december(reach)}, and conversations
                {december(i.groupby(i["date"].str[:7]).size())}.""",
                f"""Cheap one-to-many channels bring few orders each. Revenue credited per dollar spent, by campaign
                type: {_words(f"{k} {_usd(v, True)}" for k, v in roas.items())}. Only
                {_pct(o["campaign_id"].notna().mean())} of all orders are credited to a campaign, and
                {_pct(store["customer_id"].isna().mean(), 0)} of in-store sales are anonymous.""",
            ]
        ),
    ]


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m smk_helpers.dev.bookhub OUT_DIR")
    for written in write(sys.argv[1]):
        print(written)
