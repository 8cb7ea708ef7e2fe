"""Opening a business folder for a notebook: what was loaded, or the loader's problems, in sentences.

`open_business` never raises for a bad folder: it prints what is wrong and what to do, and returns
None, so a notebook runs on and its sections say there is no data.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ...core import contract
from ...core.data import Business, BusinessDataError, load_bookhub, load_business
from ...errors import Problem
from .wording import _count, _day_text, _join

__all__ = ["loaded_text", "open_business", "problems_text"]


def loaded_text(business: Business) -> str:
    """What was loaded, in a sentence or two, plus one line per loader warning.

    Examples
    --------
    >>> import pandas as pd
    >>> from smk_helpers.core.data import Business
    >>> orders = pd.DataFrame({"order_id": ["1", "2"], "order_date": ["2025-03-01", "2025-03-20"],
    ...                        "customer_id": ["C1", None], "channel": ["in-store", "web"],
    ...                        "revenue": [40.0, 20.0]})
    >>> print(loaded_text(Business.from_frames(name="Corner Shop", orders=orders)))
    Loaded Corner Shop: 2 orders from 1 March 2025 to 20 March 2025.
    Not in the folder: campaigns.csv, funnel.csv, interactions.csv, targets.csv, touchpoints.csv and survey.csv; the
    sections that need them say so.
    """
    orders = business.orders
    dates = orders["order_date"].dropna()
    count = _count(len(orders), "order")
    span = f" from {_day_text(dates.min())} to {_day_text(dates.max())}" if len(dates) else ""
    lines = [f"Loaded {business.name}: {count}{span}."]
    optional = contract.OPTIONAL_STEMS
    present = [f"{stem}.csv" for stem in optional if getattr(business, stem) is not None]
    absent = [f"{stem}.csv" for stem in optional if getattr(business, stem) is None]
    if present and not absent:
        lines[0] = lines[0][:-1] + f", with {_join(present)}."
    elif absent:
        lines.append(
            f"Not in the folder: {_join(absent)}; the sections that need {'it' if len(absent) == 1 else 'them'} say so."
        )
    lines += [f"Warning: {warning}" for warning in business.warnings]
    return "\n".join(lines)


def problems_text(data_dir, problems) -> str:
    """The loader's problems (`Problem` records or sentences) as a message for a notebook, then what to do.

    Examples
    --------
    >>> print(problems_text("my-shop", ["orders.csv, column 'revenue', row 3: not a number ('abc')."]))
    The business folder my-shop could not be loaded: 1 problem.
      - orders.csv, column 'revenue', row 3: not a number ('abc').
    Fix it, then run the notebook again; `smk validate my-shop` in a terminal checks the folder on its own.
    Until then every section below says that there is no data to show.
    """
    records = [p if isinstance(p, Problem) else Problem(str(p)) for p in problems]
    problems = [r.message for r in records]
    n = len(problems)
    lines = [f"The business folder {data_dir} could not be loaded: {n} problem{'' if n == 1 else 's'}."]
    lines += [f"  - {problem}" for problem in problems]
    lines.append(
        f"Fix {'it' if n == 1 else 'them'}, then run the notebook again; "
        f"`smk validate {data_dir}` in a terminal checks the folder on its own."
    )
    if any(r.code == "ambiguous_date" for r in records):
        lines.append(
            "In this notebook, say how to read slash dates with open_business(data_dir, dayfirst=True) "
            "for 14/03/2025 or dayfirst=False for 03/14/2025."
        )
    relative = not Path(str(data_dir)).expanduser().is_absolute()
    missing = not Path(str(data_dir)).expanduser().exists()
    if relative and missing and any(r.code == "no_folder" for r in records):
        lines.append(
            "A relative data_dir is read from the folder the notebook runs in (for the lessons, your "
            "lessons folder), so a folder beside it, such as one made with `smk init ~/smk/my-shop`, is "
            "written as '../my-shop'."
        )
    lines.append("Until then every section below says that there is no data to show.")
    return "\n".join(lines)


def open_business(data_dir="", business_name=None, dayfirst=None) -> Business | None:
    """Load a business folder for a notebook: print what was loaded, or the loader's problems.

    Parameters
    ----------
    data_dir : str or Path, default ""
        The business folder (it holds orders.csv). Empty means The Book Hub.
    business_name : str, optional
        The name shown in titles; by default the folder's name ("The Book Hub" for the example).
    dayfirst : bool, optional
        How to read slash dates: True for 14/03/2025, False for 03/14/2025.

    Returns
    -------
    Business, or None when the folder could not be loaded
        For a bad folder the message lists every problem, one sentence each, and says what to
        do; nothing is raised, so a notebook runs on and its sections say there is no data.

    Examples
    --------
    >>> shop = open_business("no-such-folder")
    The business folder no-such-folder could not be loaded: 1 problem.
      - The business folder no-such-folder does not exist; give the folder that holds orders.csv.
    ...
    >>> shop is None
    True
    """
    name = str(business_name).strip() if business_name else ""
    folder = "" if data_dir is None else str(data_dir).strip()
    if not folder:
        business = load_bookhub()  # its own copy: a lesson may change it in place
        if name:
            business = replace(business, name=name)
    else:
        try:
            business = load_business(folder, dayfirst=dayfirst, name=name or None)
        except BusinessDataError as exc:
            print(problems_text(folder, exc.records))
            return None
        except OSError as exc:
            reason = (exc.strerror or str(exc)).lower()
            print(
                problems_text(
                    folder, [f"A file in {folder} could not be read ({reason}); check the folder and its permissions."]
                )
            )
            return None
    print(loaded_text(business))
    return business
