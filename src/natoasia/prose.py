"""Counts, lists and dates as English, for sentences computed from the data.

The notebooks quote results in their text through myst-nb ``glue``, and the sentences around
those results are built in code so that they stay true and grammatical when a rerun changes
the parameters: "one route" or "three routes", "Japan" or "Japan, Australia and New
Zealand". These few rules of wording live here, once, so that every notebook and module
phrases a count, a list or a date the same way.

Every helper returns :class:`Plain`, a ``str`` that can be glued as it is. Call sites differ
in a few habits (an empty list as ``""`` or ``"none"``, zero as ``"no"`` or ``"none"``, the
noun after zero singular or plural); those are parameters, so each keeps its wording.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                "ten")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|$])")  # $: math in JupyterLab and myst


def markdown_literal(text: str) -> str:
    """Text that Markdown shows as it is: emphasis, links, HTML, headings, table pipes and
    math delimiters escaped."""
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


class Plain(str):
    """A ``str`` whose repr is the text itself, without quotation marks.

    ``glue`` stores a value's repr as its ``text/plain`` output; for a plain ``str`` that
    repr carries quotes (``'three routes'``), which then show in the executed notebook and
    in anything that reads its outputs. A Plain value is stored as ``three routes``. It is a
    ``str`` in every other respect, and f-strings or ``+`` give back an ordinary ``str``.

    The site reads that output back with ``ast.literal_eval`` (myst-nb's ``{glue:text}``), so
    a text that reads as another Python value, such as ``4,943`` (a tuple) or ``1.50`` (a
    float), keeps its quotation marks: it must come back as the same text.
    """

    def __repr__(self) -> str:
        text = str(self)
        try:
            value = ast.literal_eval(text)
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return text  # not a Python literal: read back as the text itself
        return text if str(value) == text else repr(text)


def join_words(items: Iterable[object], conjunction: str = "and", empty: str = "") -> Plain:
    """``a``, ``a and b``, ``a, b and c`` (no serial comma); ``empty`` when there are no items.

    ``conjunction`` is the word before the last item (``"or"``, or ``"or a"`` for "a minister
    or a head of government"). Items are converted with ``str``.
    """
    items = [str(i) for i in items]
    if not items:
        return Plain(empty)
    if len(items) == 1:
        return Plain(items[0])
    return Plain(f"{', '.join(items[:-1])} {conjunction} {items[-1]}")


def number_word(n: int, zero: str = "no", grouped: bool = True) -> Plain:
    """One to ten in words, ``zero`` for 0, other numbers in digits.

    House style spells out small numbers in running text. Digits are grouped by thousands
    (``1,200``) unless ``grouped`` is false (``1200``); negative numbers stay in digits.
    """
    n = int(n)
    if n == 0:
        return Plain(zero)
    if 0 < n < len(NUMBER_WORDS):
        return Plain(NUMBER_WORDS[n])
    return Plain(f"{n:,}" if grouped else str(n))


def count_noun(n: int, singular: str, plural: str | None = None, *, words: bool = True,
               zero: str = "no", grouped: bool = True, plural_for_zero: bool = True) -> Plain:
    """A count and its noun: ``no routes``, ``one route``, ``three routes``, ``12 routes``.

    ``plural`` defaults to ``singular + "s"`` (give it for "country", "countries"). With
    ``words`` false the number is always in digits (``0 rows``, ``3 rows``); ``zero`` and
    ``grouped`` are as in :func:`number_word`. ``plural_for_zero=False`` keeps the noun
    singular after zero (``no contact`` rather than ``no contacts``).
    """
    n = int(n)
    number = number_word(n, zero, grouped) if words else (f"{n:,}" if grouped else str(n))
    one = n == 1 or (n == 0 and not plural_for_zero)
    return Plain(f"{number} {singular if one else (plural or singular + 's')}")


def part_of(part: int, whole: int, singular: str, plural: str | None = None, *,
            grouped: bool = True) -> Plain:
    """``part`` of ``whole`` things as a phrase: ``four of the seven events``, ``all 26
    events``, ``both events``, ``the only event``, ``none of the three events``.

    A sentence such as "the Afghanistan years hold ... selected" reads right for any split,
    where "1 of the 1 events" or "0 of the 3 events" would not. ``plural`` is as in
    :func:`count_noun`; ``whole`` must be at least 1 and ``part`` from 0 to ``whole``.
    """
    part, whole = int(part), int(whole)
    if not 0 <= part <= whole or whole < 1:
        raise ValueError(f"part_of: {part} of {whole} is not a part of a whole")
    many = plural or singular + "s"
    if whole == 1:
        return Plain(f"the only {singular}" if part else f"none of the {many}")
    if part == whole:
        return Plain(f"both {many}" if whole == 2
                     else f"all {number_word(whole, grouped=grouped)} {many}")
    of = f"of the {number_word(whole, grouped=grouped)} {many}"
    return Plain(f"none {of}" if part == 0
                 else f"{number_word(part, grouped=grouped)} {of}")


def ratio(x: float) -> Plain:
    """A ratio for "costs N times as much": ``15``, ``1.3``, ``0.0072`` (two significant digits
    below 0.1, so a small ratio never reads ``0.0``)."""
    if x >= 10:
        return Plain(f"{x:,.0f}")
    return Plain(f"{x:.1f}" if x >= 0.1 else f"{x:.2g}")


def times(n: int, *, words: bool = True) -> Plain:
    """How often, as English: ``never``, ``once``, ``twice``, ``three times``, ``12 times``
    (``3 times`` with ``words`` false)."""
    n = int(n)
    if n in (0, 1, 2):
        return Plain(("never", "once", "twice")[n])
    return Plain(f"{number_word(n) if words else f'{n:,}'} times")


def date_words(date: str, day: bool = False) -> Plain:
    """A date as written in the tables (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) as prose.

    ``2010-11-03`` reads ``November 2010``, or ``3 November 2010`` with ``day``; a month
    date reads ``November 2010`` and a bare year stays as it is. The tables keep dates at the
    precision the source gives, and the prose says no more than that.
    """
    parts = str(date).split("-")
    if len(parts) < 2:
        return Plain(parts[0])
    if not 1 <= int(parts[1]) <= 12:
        raise ValueError(f"date {date!r}: month {parts[1]} is not 01-12")
    month = f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return Plain(f"{int(parts[2])} {month}" if day and len(parts) >= 3 else month)


def leaders(counts: dict[str, int], n: int = 3, noun: str = "mention") -> Plain:
    """The ``n`` names with the highest counts (above zero), highest first, without breaking
    a tie at the cut: ``China, Japan and Afghanistan``, or ``China and Japan, then Australia
    and Korea, with one mention each`` when more names share the last place than fit.

    ``counts`` maps a name to its count; names of equal count are in alphabetical order, so
    a tie reads the same whatever order the counts came in (not Mongolia before Malaysia
    because of their codes).
    """
    ranked = sorted(((name, c) for name, c in counts.items() if c > 0),
                    key=lambda item: (-item[1], item[0]))
    if not ranked:
        return Plain("")
    cut = ranked[min(n, len(ranked)) - 1][1]
    ahead = [name for name, c in ranked if c > cut]
    tied = [name for name, c in ranked if c == cut]
    if len(ahead) + len(tied) <= n:
        return join_words(ahead + tied)
    each = f"with {count_noun(cut, noun)} each"
    return Plain(f"{join_words(ahead)}, then {join_words(tied)}, {each}" if ahead else
                 f"{join_words(tied)}, {each}")
