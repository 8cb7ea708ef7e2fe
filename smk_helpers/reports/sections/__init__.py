"""The analysis sections that lesson 10 and the report notebook share.

Each section is a plain function that takes a :class:`~smk_helpers.core.data.Business` (or None)
and a few parameters, and returns a :class:`Section`: a title, a one-sentence summary, one or
more small tables of formatted values, house-style figures (made by :mod:`smk_helpers.core.plots`)
and notes, and a stable ``key`` for code. ``section.show()`` displays it in a notebook;
``section.text()`` gives plain text; ``section.html()`` an HTML fragment.

Every number comes from :mod:`smk_helpers.core.kpis` and :mod:`smk_helpers.core.funnel`; the sections
only select rows, format and word the results. A section never raises for missing data or a
wrong parameter: an absent optional file, a folder that could not be loaded (``None``) or a
gross margin written as a percentage each give a section that says so in one sentence.

Typical use in a notebook::

    shop = open_business(data_dir)          # prints what it loaded, or the loader's problems
    kpi_table(shop, gross_margin=None).show()
    funnel(shop).show()

Where things are (every public name is also here, so ``sections.funnel(...)`` works):

* ``base`` – `Section`, `NO_DATA`, and the "cannot be shown" sections; ``render`` – `Section.html`'s
  rendering and `table_html`; ``wording`` and ``periods`` – counts, small amounts, periods in words,
  `previous_period`, `choose_period`; ``loading`` – `open_business`,
  `loaded_text`, `problems_text`.
* One module per section: ``headline`` (`kpi_table`), ``funnel_stages`` (`funnel`), ``revenue_mix``
  (`channel_mix`), ``versus`` (`one_to_many_vs_one_to_one`), ``sales_side`` (`sales`),
  ``marketing_side`` (`marketing`), ``handoff_rates`` (`handoff`), ``deal_pipeline`` (`pipeline`),
  ``journeys`` (`journeys`), ``customer_voice`` (`customer_voice`), ``quality_and_glossary``
  (`data_quality`, `glossary`) and ``action_plan`` (`owner_plan`, the only one that needs the worksheet).
  The modules are not named after their functions, so ``sections.funnel`` is always the function.
"""

from __future__ import annotations

from ...core import kpis
from ...core.data import Business
from ...core.params import parameter_problems
from .action_plan import PLAN_KEY, PLAN_TITLE, owner_plan
from .base import NO_DATA, Section
from .customer_voice import VOICE_KEY, VOICE_TITLE, customer_voice
from .deal_pipeline import PIPELINE_KEY, PIPELINE_TITLE, pipeline
from .funnel_stages import FUNNEL_KEY, FUNNEL_TITLE, funnel
from .handoff_rates import HANDOFF_KEY, HANDOFF_TITLE, handoff
from .headline import KPI_KEY, KPI_ROWS, KPI_TITLE, kpi_table
from .journeys import JOURNEYS_KEY, JOURNEYS_TITLE, journeys
from .loading import loaded_text, open_business, problems_text
from .marketing_side import MARKETING_KEY, MARKETING_TITLE, marketing
from .periods import choose_period, previous_period
from .quality_and_glossary import (
    GLOSSARY,
    GLOSSARY_KEY,
    GLOSSARY_TITLE,
    QUALITY_KEY,
    QUALITY_TITLE,
    data_quality,
    glossary,
)
from .render import table_html
from .revenue_mix import MIX_KEY, MIX_TITLE, channel_mix
from .sales_side import SALES_KEY, SALES_TITLE, sales
from .versus import VERSUS_KEY, VERSUS_TITLE, one_to_many_vs_one_to_one

__all__ = [
    # the section object, and what a section says without data
    "Section",
    "NO_DATA",
    # opening a folder, checking parameters, periods, HTML
    "open_business",
    "loaded_text",
    "problems_text",
    "parameter_problems",
    "previous_period",
    "choose_period",
    "table_html",
    # lesson 10's sections, in its order
    "kpi_table",
    "funnel",
    "channel_mix",
    "one_to_many_vs_one_to_one",
    "all_sections",
    # the report's further sections
    "sales",
    "marketing",
    "handoff",
    "pipeline",
    "journeys",
    "customer_voice",
    "data_quality",
    "glossary",
    "owner_plan",
    # titles (for readers) and keys (for code) of the sections, and the tables behind two of them
    "KPI_TITLE",
    "FUNNEL_TITLE",
    "MIX_TITLE",
    "VERSUS_TITLE",
    "SALES_TITLE",
    "MARKETING_TITLE",
    "HANDOFF_TITLE",
    "PIPELINE_TITLE",
    "JOURNEYS_TITLE",
    "VOICE_TITLE",
    "QUALITY_TITLE",
    "GLOSSARY_TITLE",
    "PLAN_TITLE",
    "KPI_KEY",
    "FUNNEL_KEY",
    "MIX_KEY",
    "VERSUS_KEY",
    "SALES_KEY",
    "MARKETING_KEY",
    "HANDOFF_KEY",
    "PIPELINE_KEY",
    "JOURNEYS_KEY",
    "VOICE_KEY",
    "QUALITY_KEY",
    "GLOSSARY_KEY",
    "PLAN_KEY",
    "KPI_ROWS",
    "GLOSSARY",
]


def all_sections(
    business: Business | None,
    *,
    currency="$",
    gross_margin=None,
    staff_hourly_cost=kpis.STAFF_HOURLY_COST,
    start=None,
    end=None,
    handoff=None,
) -> list[Section]:
    """Every section, in the order lesson 10 and the report show them.

    Examples
    --------
    >>> [section.title for section in all_sections(None)]  # doctest: +NORMALIZE_WHITESPACE
    ['Headline KPIs: marketing and sales', 'The funnel: from first contact to purchase',
     'Channel mix: where the revenue comes from', 'One-to-many (campaigns) vs one-to-one (conversations)']
    """
    return [
        kpi_table(business, start=start, end=end, gross_margin=gross_margin, currency=currency),
        funnel(business, start=start, end=end, handoff=handoff),
        channel_mix(business, start=start, end=end, currency=currency),
        one_to_many_vs_one_to_one(
            business, start=start, end=end, staff_hourly_cost=staff_hourly_cost, currency=currency
        ),
    ]
