"""Formatters: numbers as short text, and every unknown value as "n/a"."""

import math

import numpy as np
import pandas as pd
import pytest

from smk_helpers.core.formatting import fmt_money, fmt_number, fmt_pct, fmt_ratio, is_missing

FORMATTERS = [fmt_money, fmt_pct, fmt_ratio, fmt_number]
UNKNOWN = [None, math.nan, np.nan, np.float64("nan"), pd.NA, math.inf, -math.inf]


@pytest.mark.parametrize("formatter", FORMATTERS)
@pytest.mark.parametrize("value", UNKNOWN, ids=repr)
def test_unknown_values_print_as_n_a(formatter, value):
    assert formatter(value) == "n/a"


@pytest.mark.parametrize("value", [0, 0.0, -1, 12.5, np.float64(3)])
def test_known_values_are_not_missing(value):
    assert not is_missing(value)


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (1234.5, {}, "$1,234.50"),
        (0, {}, "$0.00"),
        (-12, {}, "-$12.00"),
        (-0.001, {}, "$0.00"),  # no "-$0.00"
        (1234567.891, {}, "$1,234,567.89"),
        (48, {"currency": "€"}, "€48.00"),
        (1234.5, {"digits": 0}, "$1,234"),
        (np.float64(2.26), {}, "$2.26"),
    ],
)
def test_fmt_money(value, kwargs, text):
    assert fmt_money(value, **kwargs) == text


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (0.1234, {}, "12.3%"),
        (0, {}, "0.0%"),
        (1.25, {}, "125.0%"),
        (0.02, {"digits": 0}, "2%"),
        (0.123456, {"digits": 2}, "12.35%"),
        (-0.05, {}, "-5.0%"),
        (12.5, {}, "1,250.0%"),
    ],
)
def test_fmt_pct_takes_a_fraction(value, kwargs, text):
    assert fmt_pct(value, **kwargs) == text


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (4.2, {}, "4.2x"),
        (2.146, {"digits": 2}, "2.15x"),
        (3, {"suffix": ":1"}, "3.0:1"),
        (1500, {}, "1,500.0x"),
    ],
)
def test_fmt_ratio(value, kwargs, text):
    assert fmt_ratio(value, **kwargs) == text


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (41000, {}, "41,000"),
        (41000.4, {}, "41,000"),
        (0, {}, "0"),
        (-1234, {}, "-1,234"),
        (1234.56, {"digits": 1}, "1,234.6"),
    ],
)
def test_fmt_number(value, kwargs, text):
    assert fmt_number(value, **kwargs) == text
