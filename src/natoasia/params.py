"""Validate papermill parameters before a notebook does any work.

Each check raises :class:`ParameterError` with one message that names the parameter, what
was given and what is accepted, so a rerun with a typo stops in the validation cell and not
in a traceback twenty cells later. Notebook-level validators combine these checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from numbers import Real


class ParameterError(ValueError):
    """A notebook parameter outside what the notebook accepts."""


def _accepted(values: Iterable) -> str:
    return ", ".join(str(v) for v in sorted(values, key=str))


def choice(name: str, value, allowed: Iterable[str]) -> str:
    """One value out of a closed set."""
    allowed = list(allowed)
    if not isinstance(value, str):
        raise ParameterError(
            f"parameter '{name}': expected one of {_accepted(allowed)}, "
            f"got {type(value).__name__} {value!r}"
        )
    if value not in allowed:
        raise ParameterError(
            f"parameter '{name}': unknown value {value!r}; accepted: {_accepted(allowed)}"
        )
    return value


def choices(name: str, value, allowed: Iterable[str], allow_empty: bool = False) -> list[str]:
    """A list of distinct values out of a closed set (a bare string is refused, not split)."""
    allowed = list(allowed)
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ParameterError(
            f"parameter '{name}': expected a list of values from {_accepted(allowed)}, "
            f"got {type(value).__name__} {value!r}"
        )
    if not value and not allow_empty:
        raise ParameterError(
            f"parameter '{name}': the list is empty; give at least one of {_accepted(allowed)}"
        )
    unknown = [v for v in value if not isinstance(v, str) or v not in allowed]
    if unknown:
        raise ParameterError(
            f"parameter '{name}': unknown value(s) {', '.join(map(repr, unknown))}; "
            f"accepted: {_accepted(allowed)}"
        )
    if len(set(value)) != len(value):
        raise ParameterError(f"parameter '{name}': repeated value(s) in {list(value)!r}")
    return list(value)


def integer(name: str, value, low: int, high: int) -> int:
    """A whole number in ``[low, high]`` (booleans and floats are refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ParameterError(
            f"parameter '{name}': expected a whole number from {low} to {high}, "
            f"got {type(value).__name__} {value!r}"
        )
    if not low <= value <= high:
        raise ParameterError(
            f"parameter '{name}': {value} is outside the accepted range {low} to {high}"
        )
    return value


def number(name: str, value, low: float | None = None, high: float | None = None) -> float:
    """A real number, optionally bounded (bounds inclusive)."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise ParameterError(
            f"parameter '{name}': expected a number, got {type(value).__name__} {value!r}"
        )
    if (low is not None and value < low) or (high is not None and value > high):
        span = f"{'-inf' if low is None else low} to {'inf' if high is None else high}"
        raise ParameterError(f"parameter '{name}': {value} is outside the accepted range {span}")
    return float(value)


def number_map(
    name: str, value, keys: Iterable[str], low: float | None = None, high: float | None = None
) -> dict[str, float]:
    """A mapping from known keys to bounded numbers (missing keys are allowed)."""
    keys = list(keys)
    if not isinstance(value, Mapping):
        raise ParameterError(
            f"parameter '{name}': expected a mapping with keys from {_accepted(keys)}, "
            f"got {type(value).__name__} {value!r}"
        )
    out = {}
    for key, item in value.items():
        choice(f"{name} (key)", key, keys)
        out[key] = number(f"{name}[{key!r}]", item, low, high)
    return out


def year_span(start_name: str, start, end_name: str, end, low: int, high: int) -> tuple[int, int]:
    """Two years inside the data's range, the first not after the second."""
    start = integer(start_name, start, low, high)
    end = integer(end_name, end, low, high)
    if start > end:
        raise ParameterError(
            f"parameters '{start_name}' ({start}) and '{end_name}' ({end}): "
            f"'{start_name}' must not be after '{end_name}'"
        )
    return start, end


THEMES = ("central_asia", "global_partners", "china", "general")
FIRST_YEAR, LAST_YEAR = 1949, 2024


def validate_overview(themes, start_year, end_year) -> dict:
    """Parameters of ``00_overview``: which theme lanes and which years to show."""
    themes = choices("themes", themes, THEMES)
    start_year, end_year = year_span(
        "start_year", start_year, "end_year", end_year, FIRST_YEAR, LAST_YEAR
    )
    return {"themes": themes, "start_year": start_year, "end_year": end_year}
