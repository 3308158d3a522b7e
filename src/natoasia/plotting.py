"""House style: every figure titled, labelled with units, sourced, colour-blind safe, repeatable.

Notebooks call :func:`use_house_style` once, draw with the helpers here, and end each plotting
cell with ``plt.show()`` so no ``<Figure ...>`` repr is stored in the notebook.
"""

from __future__ import annotations

import textwrap
import weakref

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.layout_engine import TightLayoutEngine
from matplotlib.transforms import Bbox

from natoasia import fonts

# Okabe & Ito (2008), a palette distinguishable under the common colour-vision deficiencies.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "black": "#000000",
}
PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "green", "vermillion", "purple", "sky_blue",
                                  "yellow", "black")]
THEME_COLOURS = {
    "central_asia": OKABE_ITO["orange"],
    "global_partners": OKABE_ITO["blue"],
    "china": OKABE_ITO["vermillion"],
    "general": OKABE_ITO["green"],
}
THEME_LABELS = {
    "central_asia": "Central Asia & Afghanistan",
    "global_partners": "Global Partners",
    "china": "China",
    "general": "NATO in general",
}
SEQUENTIAL_CMAP = "cividis"  # perceptually uniform and colour-blind safe
# Marker shapes for series told apart by more than colour (a line or a partner each).
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*", "<", ">"]
UNDATED_COLOUR = "#d9d9d9"  # year_matrix: a cell recorded without a year

HOUSE_RC = {
    "font.family": "DejaVu Sans",  # ships with matplotlib: the same glyphs on every machine
    "font.size": 10,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.labelsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.figsize": (9, 4.8),
    "image.cmap": SEQUENTIAL_CMAP,
    "svg.hashsalt": "natoasia",
    "path.simplify": True,
}

# zlib level for stored PNGs. Pillow's default, 6, spends about 0.45 s encoding the 17
# figures; level 3 takes about 0.25 s and gives files 5% smaller. Pixels are unchanged.
PNG_COMPRESS_LEVEL = 3

# Each finished figure's extent in inches, title and source line included (see finish).
_FINISHED_EXTENTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
# Each finished figure's source line, for its text alternative (see _figure_text).
_FINISHED_SOURCES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def use_house_style() -> None:
    """Apply the house style; in a notebook, also make figures repeatable and self-describing.

    Under IPython the inline backend is activated first (configuring it resets rcParams and
    figure formatters), figures are stored as PNGs by :func:`_figure_png`, and each figure's
    text alternative is its title instead of ``<Figure size ...>``. Text in PNGs is laid out
    from fonts held in memory (:mod:`natoasia.fonts`): the same images, made faster.
    """
    try:
        from IPython import get_ipython

        shell = get_ipython()
    except ImportError:  # outside IPython there is no inline backend to configure
        shell = None
    if shell is not None:
        shell.run_line_magic("matplotlib", "inline")
        formatters = shell.display_formatter.formatters
        formatters["image/png"].for_type(mpl.figure.Figure, _figure_png)
        formatters["text/plain"].for_type(mpl.figure.Figure, _figure_text)
    mpl.rcParams.update(HOUSE_RC)
    fonts.read_fonts_from_memory()


def _figure_png(fig: plt.Figure) -> str | None:
    """A figure as the notebook stores it: base64 PNG, cropped to everything drawn, no stamp,
    compressed at :data:`PNG_COMPRESS_LEVEL`.

    The crop is what ``bbox_inches="tight"`` gives, without the throwaway draw matplotlib makes
    to find it: a figure untouched since :func:`finish` uses the extent measured there, and any
    other is measured as built (the extent of text is known without drawing it). A figure with
    a layout engine is only laid out while it is saved, so matplotlib measures that one.
    """
    from IPython.core.pylabtools import print_figure

    renderer = getattr(fig.canvas, "get_renderer", None)  # a bare Figure() has no renderer yet
    if fig.get_layout_engine() is not None or renderer is None:
        crop = "tight"
    else:
        extent = None if fig.stale else _FINISHED_EXTENTS.get(fig)
        if extent is None:
            extent = fig.get_tightbbox(renderer())
        crop = extent.padded(mpl.rcParams["savefig.pad_inches"])
    return print_figure(fig, "png", base64=True, metadata={"Software": None}, bbox_inches=crop,
                        pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})


def _figure_text(fig: plt.Figure, printer, cycle: bool) -> None:
    """Text alternative stored beside each figure, not ``<Figure size ...>``: its title and,
    once :func:`finish` has written it, its source line, which is otherwise only pixels (the
    site uses this text as the image's alt text)."""
    title = fig._suptitle.get_text() if fig._suptitle else ""
    if not title and fig.axes:
        title = fig.axes[0].get_title()
    text = f"Figure: {title}" if title else "Figure"
    source = _FINISHED_SOURCES.get(fig)
    printer.text(f"{text}. Source: {source}" if source else text)


def tight_layout(fig: plt.Figure, rect: tuple[float, float, float, float]) -> None:
    """Lay the figure out once, as ``fig.tight_layout(rect=rect)`` does, and attach no engine.

    ``Figure.tight_layout`` leaves a do-nothing layout engine on the figure, and while any
    engine is attached matplotlib lays the whole figure out again before every save.
    """
    TightLayoutEngine(rect=rect).execute(fig)


def label_colour(background) -> str:
    """Black or white, whichever contrasts more with ``background`` (WCAG contrast ratio).

    A fixed cut-off on the value (white below 60 % of the top) put white text on the mid
    greys of cividis; the cell's own colour decides instead.
    """
    rgb = np.asarray(mpl.colors.to_rgb(background))
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    luminance = float(linear @ [0.2126, 0.7152, 0.0722])
    return "black" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "white"


def finish(fig: plt.Figure, title: str, source: str) -> plt.Figure:
    """Title above and source line below, in one call so no figure leaves without either.

    Both start at the left edge of everything already drawn (tick labels reaching past the
    figure's edge included), so every stored image has them flush left; the title sits just
    above the top of what is drawn, whatever the figure's height, and the source line sits
    under the lowest text (rotated tick labels included) and is wrapped to the figure's
    width, so it never overlaps the plot. The extent with both is kept for
    :func:`_figure_png`, and the figure marked drawn-as-measured: any later change marks it
    stale again, and the extent is then measured anew.
    """
    renderer = fig.canvas.get_renderer()
    drawn = fig.get_tightbbox(renderer)  # lays out text without a full draw
    left = drawn.x0 / fig.get_figwidth()
    heading = fig.suptitle(title, x=left, y=(drawn.y1 + 0.12) / fig.get_figheight(),
                           ha="left", va="bottom", fontweight="bold")  # just above the plot
    note = fig.text(left, drawn.y0 / fig.get_figheight() - 0.03,
                    textwrap.fill(f"Source: {source}", max(40, int(fig.get_figwidth() * 15))),
                    ha="left", va="top", fontsize=8, color="#444444")
    inches = fig.dpi_scale_trans.inverted()
    added = [text.get_window_extent(renderer).transformed(inches) for text in (heading, note)]
    _FINISHED_EXTENTS[fig] = Bbox.union([drawn, *added])
    _FINISHED_SOURCES[fig] = source
    fig.stale = False
    return fig


def timeline(
    events: pd.DataFrame,
    lanes: list[str],
    start_year: int,
    end_year: int,
    title: str,
    source: str,
) -> plt.Figure:
    """Events as dots on one lane per theme; conflicting dates drawn hollow (see-through, so a
    dot on the same date still shows) and joined."""
    fig, ax = plt.subplots(figsize=(10, 1.0 + 0.8 * len(lanes)))
    for i, lane in enumerate(lanes):
        rows = events[events["theme"] == lane]
        x = rows["decimal_year"]
        conflict = rows["conflict_group"].notna()
        colour = THEME_COLOURS.get(lane, PALETTE[i % len(PALETTE)])
        ax.scatter(x[~conflict], [i] * (~conflict).sum(), s=36, color=colour, alpha=0.8,
                   edgecolor="white", linewidth=0.5, zorder=3)
        ax.scatter(x[conflict], [i] * conflict.sum(), s=46, facecolor="none",
                   edgecolor=colour, linewidth=1.5, zorder=4)
        for _, group in rows[conflict].groupby("conflict_group"):
            ax.plot([group["decimal_year"].min(), group["decimal_year"].max()], [i, i],
                    color=colour, linewidth=2, zorder=2)
    ax.set_yticks(range(len(lanes)), [THEME_LABELS.get(lane, lane) for lane in lanes])
    ax.set_ylim(-0.6, len(lanes) - 0.4)
    ax.set_xlim(start_year - 0.5, end_year + 1.5)
    ax.xaxis.set_major_locator(mpl.ticker.MaxNLocator(integer=True))  # years, not 1948.75
    ax.set_xlabel("Year (events at their date; those dated to the year at mid-year, or at "
                  "their source's date if earlier)")
    ax.set_ylabel("Theme")
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.invert_yaxis()
    finish(fig, title, source)
    return fig


def heatmap(
    table: pd.DataFrame,
    title: str,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    source: str,
    fmt: str = "{:.0f}",
) -> plt.Figure:
    """A labelled matrix with the value written in each cell (no colour-only reading)."""
    fig, ax = plt.subplots(figsize=(max(6, 0.55 * table.shape[1] + 3),
                                    max(3.5, 0.45 * table.shape[0] + 1.5)))  # room for long labels
    image = ax.imshow(table.to_numpy(dtype=float), cmap=SEQUENTIAL_CMAP, aspect="auto")
    low, high = image.get_clim()
    if low is not None and low == high:  # one value everywhere: a scale upwards, not around it
        image.set_clim(low, low + 1)
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=30,
                  ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    ax.set_xlabel(xlabel)
    # A matrix of few rows is short: wrap the label (about 13 characters an inch at 10 pt)
    # so it never runs past the plot into the title.
    ax.set_ylabel(textwrap.fill(ylabel, max(16, int(0.7 * fig.get_figheight() * 13))))
    ax.spines[:].set_visible(False)
    for (r, c), value in pd.DataFrame(table.to_numpy()).stack().items():
        if pd.notna(value):
            ax.text(c, r, fmt.format(value), ha="center", va="center", fontsize=8,
                    color=label_colour(image.cmap(image.norm(value))))
    bar = fig.colorbar(image, ax=ax, label=colorbar_label, shrink=0.8)
    values = table.to_numpy(dtype=float)
    if values.size and (values[~pd.isna(values)] % 1 == 0).all():  # counts: whole-number ticks
        bar.locator = mpl.ticker.MaxNLocator(integer=True)
        bar.update_ticks()
    finish(fig, title, source)
    return fig


def year_matrix(
    years: pd.DataFrame,
    labels: pd.DataFrame,
    title: str,
    xlabel: str,
    ylabel: str,
    colorbar_label: str,
    source: str,
) -> plt.Figure:
    """A rows x columns matrix coloured by year, with text labels in every recorded cell.

    ``years`` holds a year (or NaN) per cell; ``labels`` the text to print (empty string for
    nothing recorded). A cell with a label but no year is drawn grey, so "recorded, year
    unknown" stays distinct from "nothing recorded" (white) without reading colour alone.
    """
    from matplotlib.colors import Normalize
    from matplotlib.patches import Patch

    values = years.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(max(7, 0.62 * years.shape[1] + 3),
                                    max(3, 0.5 * years.shape[0] + 1.8)))
    finite = values[np.isfinite(values)]
    norm = Normalize(vmin=float(finite.min()) if finite.size else 0,
                     vmax=float(finite.max()) if finite.size else 1)
    grey = np.where((labels.to_numpy() != "") & ~np.isfinite(values), 1.0, np.nan)
    ax.imshow(grey, cmap=mpl.colors.ListedColormap([UNDATED_COLOUR]), aspect="auto",
              vmin=0, vmax=1)
    image = ax.imshow(values, cmap=SEQUENTIAL_CMAP, norm=norm, aspect="auto")
    ax.set_xticks(range(years.shape[1]), [str(c) for c in years.columns], rotation=35,
                  ha="right")
    ax.set_yticks(range(years.shape[0]), [str(i) for i in years.index])
    ax.set_xticks(np.arange(-0.5, years.shape[1]), minor=True)
    ax.set_yticks(np.arange(-0.5, years.shape[0]), minor=True)
    ax.grid(which="minor", color="white", linewidth=1.5)
    ax.tick_params(which="minor", length=0)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.spines[:].set_visible(False)
    for r in range(years.shape[0]):
        for c in range(years.shape[1]):
            text = labels.iat[r, c]
            if text:
                cell = (image.cmap(norm(values[r, c])) if np.isfinite(values[r, c])
                        else UNDATED_COLOUR)
                ax.text(c, r, text, ha="center", va="center", fontsize=7,
                        color=label_colour(cell))
    fig.colorbar(image, ax=ax, label=colorbar_label, shrink=0.8)
    ax.legend(handles=[Patch(color=UNDATED_COLOUR, label="recorded, no year given"),
                       Patch(facecolor="white", edgecolor="#999999", label="nothing recorded")],
              loc="upper left", bbox_to_anchor=(0, -0.32), ncol=2, fontsize=8, frameon=False)
    finish(fig, title, source)
    return fig
