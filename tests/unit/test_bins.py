"""Ranges of numbers and dates as labelled bins, the columns of a table by a numeric attribute."""

from __future__ import annotations

from datetime import date

import pytest

from app.model.cases.attribute_values import NO_VALUE
from app.model.cases.bins import Method, make_bins
from app.model.core.errors import ValidationError


def test_cut_points_on_whole_numbers_label_the_numbers_each_bin_holds() -> None:
    bins = make_bins([0.0, 3.0, 5.0, 9.0, 12.0, None], Method.CUTS, cuts=[5, 10])
    assert bins.labels == ["0–4", "5–9", "≥ 10", NO_VALUE]
    assert [bins.label_of(v) for v in (0.0, 4.0, 5.0, 9.0, 10.0, 250.0, None)] == [
        "0–4", "0–4", "5–9", "5–9", "≥ 10", "≥ 10", NO_VALUE,
    ]  # fmt: skip


def test_a_value_below_every_cut_has_an_open_first_bin_only_when_none_is_lower() -> None:
    assert make_bins([6.0, 7.0], Method.CUTS, cuts=[5]).labels == ["≥ 5", NO_VALUE]
    assert make_bins([], Method.CUTS, cuts=[5]).labels == ["≤ 4", "≥ 5", NO_VALUE]
    assert make_bins([4.0], Method.CUTS, cuts=[5]).labels == ["4", "≥ 5", NO_VALUE]


def test_fractions_are_labelled_with_open_upper_bounds() -> None:
    bins = make_bins([0.5, 1.25, 3.0], Method.CUTS, cuts=[1.5])
    assert bins.labels == ["0.5 to < 1.5", "≥ 1.5", NO_VALUE]
    assert bins.label_of(1.4999) == "0.5 to < 1.5"
    assert bins.label_of(1.5) == "≥ 1.5"


def test_equal_width_and_quantiles_put_every_value_in_exactly_one_bin() -> None:
    values = [float(v) for v in range(0, 30)]
    for method in (Method.EQUAL_WIDTH, Method.QUANTILES):
        bins = make_bins(values, method, count=3)
        assert bins.labels == ["0–9", "10–19", "≥ 20", NO_VALUE]
        held = [bins.label_of(v) for v in values]
        assert [held.count(label) for label in bins.labels[:-1]] == [10, 10, 10]


def test_quantiles_split_skewed_data_by_share_not_by_width() -> None:
    values = [1.0] * 10 + [2.0] * 10 + [100.0] * 10
    assert make_bins(values, Method.EQUAL_WIDTH, count=2).labels == ["1–50", "≥ 51", NO_VALUE]
    quantiles = make_bins(values, Method.QUANTILES, count=3)
    assert [quantiles.label_of(v) for v in (1.0, 2.0, 100.0)] == ["1", "2–34", "≥ 35"]


def test_dates_bin_by_day_and_show_as_dates() -> None:
    days = [date(2024, 1, 15), date(2024, 5, 2), date(2024, 9, 30)]
    bins = make_bins(days, Method.CUTS, cuts=[date(2024, 4, 1), date(2024, 7, 1)])
    assert bins.labels == ["2024-01-15 – 2024-03-31", "2024-04-01 – 2024-06-30", "≥ 2024-07-01", NO_VALUE]
    assert [bins.label_of(d) for d in days] == bins.labels[:3]


def test_one_distinct_value_and_bad_requests() -> None:
    assert make_bins([3.0, 3.0], Method.EQUAL_WIDTH, count=4).labels == ["≥ 3", NO_VALUE]
    with pytest.raises(ValidationError, match="at least two"):
        make_bins([1.0, 2.0], Method.QUANTILES, count=1)
    with pytest.raises(ValidationError, match="no values"):
        make_bins([None], Method.EQUAL_WIDTH)
    with pytest.raises(ValidationError, match="cut point"):
        make_bins([1.0], Method.CUTS)
