"""The stored figure images: cropped as ``bbox_inches="tight"`` would, without a software stamp."""

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from natoasia import plotting  # noqa: E402


def crowded_figure() -> plt.Figure:
    """Text outside the axes on every side: rotated ticks, a legend below, a long source line."""
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot(range(12), [x * x for x in range(12)], label="squares")
    ax.set_xticks(range(12), [f"category number {x}" for x in range(12)], rotation=60)
    ax.set_ylabel("a label far to the left\nover two lines")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.9), ncol=2)
    ax.annotate("a note past the right edge", (11, 121), xytext=(40, 0),
                textcoords="offset points")
    return plotting.finish(fig, "A title on the left", "a source line " * 12)


def tight_png(fig: plt.Figure) -> Image.Image:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", bbox_inches="tight")
    return Image.open(buffer)


def test_stored_png_is_cropped_like_bbox_inches_tight():
    fig = crowded_figure()
    stored = Image.open(io.BytesIO(base64.b64decode(plotting._figure_png(fig))))
    expected = tight_png(fig)
    untrimmed = fig.get_size_inches() * fig.dpi
    assert stored.width > untrimmed[0] * 1.05 or stored.height > untrimmed[1] * 1.05
    assert abs(stored.width - expected.width) <= 1 and abs(stored.height - expected.height) <= 1
    plt.close(fig)


def test_the_extent_measured_when_finishing_is_the_figures_tight_extent():
    fig = crowded_figure()
    kept = plotting._FINISHED_EXTENTS[fig]
    assert not fig.stale  # nothing changed since: the stored image uses this extent
    assert kept.bounds == fig.get_tightbbox(fig.canvas.get_renderer()).bounds
    plt.close(fig)


def test_a_figure_changed_after_finishing_is_measured_again():
    fig = crowded_figure()
    before = Image.open(io.BytesIO(base64.b64decode(plotting._figure_png(fig))))
    fig.axes[0].annotate("a late note far below", (0, 0), xytext=(0, -400),
                         textcoords="offset points")
    assert fig.stale
    stored = Image.open(io.BytesIO(base64.b64decode(plotting._figure_png(fig))))
    expected = tight_png(fig)
    assert stored.height > before.height + 100
    assert abs(stored.width - expected.width) <= 1 and abs(stored.height - expected.height) <= 1
    plt.close(fig)


@pytest.mark.parametrize("make", ["constrained", "bare"])
def test_figures_laid_out_or_drawn_elsewhere_are_cropped_like_tight_too(make):
    if make == "constrained":  # laid out only when saved: the extent before would be wrong
        fig, ax = plt.subplots(figsize=(6, 3), layout="constrained")
    else:  # a Figure made without pyplot has no renderer until it is saved
        fig = matplotlib.figure.Figure(figsize=(6, 3))
        ax = fig.add_subplot()
    ax.set_xticks(range(6), [f"a long tick label {x}" for x in range(6)], rotation=90)
    ax.set_title("A title")
    stored = Image.open(io.BytesIO(base64.b64decode(plotting._figure_png(fig))))
    expected = tight_png(fig)
    assert abs(stored.width - expected.width) <= 1 and abs(stored.height - expected.height) <= 1
    plt.close(fig)


def test_stored_png_has_no_software_stamp():
    fig = crowded_figure()
    stored = Image.open(io.BytesIO(base64.b64decode(plotting._figure_png(fig))))
    assert "Software" not in stored.info
    assert "Software" in tight_png(fig).info  # matplotlib's default, which the notebooks drop
    plt.close(fig)


def test_tight_layout_places_axes_like_matplotlib_and_attaches_no_engine():
    def two_panels() -> plt.Figure:
        fig, axes = plt.subplots(1, 2, figsize=(8, 3))
        for ax in axes:
            ax.set_ylabel("a long label\nover two lines")
            ax.set_xticks(range(5), [f"tick {x}" for x in range(5)], rotation=45)
        return fig

    ours, theirs = two_panels(), two_panels()
    plotting.tight_layout(ours, (0, 0, 1, 0.93))
    theirs.tight_layout(rect=(0, 0, 1, 0.93))
    for a, b in zip(ours.axes, theirs.axes, strict=True):
        assert a.get_position().bounds == pytest.approx(b.get_position().bounds)
    assert ours.get_layout_engine() is None  # nothing makes each save lay it out again
    assert theirs.get_layout_engine() is not None
    plt.close(ours)
    plt.close(theirs)


def test_an_empty_figure_stores_no_image():
    fig = plt.figure()
    assert plotting._figure_png(fig) is None
    plt.close(fig)


@pytest.mark.parametrize("title", ["Ranks over time", ""])
def test_figure_text_alternative_is_its_title(title):
    fig, ax = plt.subplots()
    ax.set_title(title)
    printed = []

    class Printer:
        def text(self, value):
            printed.append(value)

    plotting._figure_text(fig, Printer(), False)
    assert printed == [f"Figure: {title}" if title else "Figure"]
    plt.close(fig)


def test_figure_text_alternative_carries_the_source_line():
    """The source line is drawn as pixels only; the text alternative (the site's alt text)
    carries it too, unwrapped."""
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1])
    source = "events.csv (" + "a long list of rows, " * 6 + "wrapped in the image)"
    plotting.finish(fig, "Ranks over time", source)
    printed = []

    class Printer:
        def text(self, value):
            printed.append(value)

    plotting._figure_text(fig, Printer(), False)
    assert printed == [f"Figure: Ranks over time. Source: {source}"]
    plt.close(fig)


@pytest.mark.parametrize("value", [0.0, 3.0, float("nan")])
def test_a_heatmap_of_one_value_has_a_scale_upwards_from_it(value):
    """All-zero shares drew a colour bar from -0.1 to 0.1: a negative percentage."""
    import pandas as pd

    table = pd.DataFrame([[value, value], [value, value]], index=["a", "b"], columns=["x", "y"])
    fig = plotting.heatmap(table, "T", "x", "y", "per cent", "a source")
    low, high = fig.axes[0].images[0].get_clim()
    assert high == low + 1 and (low == value or value != value)
    assert low >= 0
    plt.close(fig)


def test_heatmap_labels_stay_readable_beside_empty_cells():
    """A NaN cell made the maximum NaN, and every value label came out black."""
    import pandas as pd

    table = pd.DataFrame([[0.0, 10.0], [float("nan"), 2.0]], index=["a", "b"], columns=["x", "y"])
    fig = plotting.heatmap(table, "T", "x", "y", "per cent", "a source")
    colours = {t.get_text(): t.get_color() for t in fig.axes[0].texts}
    assert colours == {"0": "white", "10": "black", "2": "white"}  # dark cells, white text
    plt.close(fig)


def test_a_long_row_label_on_a_short_heatmap_stays_beside_the_plot():
    """03's framing matrix (five rows) had a row label taller than the plot: it ran into the
    title and was cut off at the top of the stored image."""
    import pandas as pd

    table = pd.DataFrame([[1.0] * 4] * 5, index=list("abcde"), columns=list("wxyz"))
    fig = plotting.heatmap(table, "T", "x", "Document (oldest first; n = sentences naming "
                           "China and Japan in each document)", "per cent", "a source")
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    label = ax.yaxis.label.get_window_extent(renderer)
    plot = ax.get_window_extent(renderer)
    assert label.height <= plot.height and label.y1 <= plot.y1 + 1
    plt.close(fig)


def zlib_level_class(png: bytes) -> int:
    """FLEVEL from the zlib header of a PNG's first IDAT chunk: 0 fastest .. 2 default .. 3 best."""
    start = png.index(b"IDAT") + 4
    return png[start + 1] >> 6


def test_stored_png_is_compressed_faster_with_the_same_pixels():
    from IPython.core.pylabtools import print_figure

    fig = crowded_figure()
    stored = base64.b64decode(plotting._figure_png(fig))
    crop = plotting._FINISHED_EXTENTS[fig].padded(matplotlib.rcParams["savefig.pad_inches"])
    default = print_figure(fig, "png", metadata={"Software": None}, bbox_inches=crop)
    assert zlib_level_class(default) == 2  # Pillow's default, level 6
    assert zlib_level_class(stored) == 1  # levels 2 to 5: PNG_COMPRESS_LEVEL is in effect
    assert Image.open(io.BytesIO(stored)).tobytes() == Image.open(io.BytesIO(default)).tobytes()
    plt.close(fig)


@pytest.mark.parametrize("background, expected", [
    ("#ffffff", "black"), ("#000000", "white"), ("#0072B2", "white"), ("#d9d9d9", "black"),
    ("#FEE838", "black"), ("#00204D", "white")])  # cividis' ends, Okabe-Ito blue, undated grey
def test_label_colour_takes_the_higher_contrast(background, expected):
    assert plotting.label_colour(background) == expected


def test_heatmap_labels_contrast_with_their_own_cell():
    """Mid-scale cividis cells are grey: the label's colour follows the cell, not the value."""
    import pandas as pd

    table = pd.DataFrame([[0.0, 4.0, 5.0, 10.0]], index=["r"], columns=list("abcd"))
    fig = plotting.heatmap(table, "T", "x", "y", "n", "S")
    ax = fig.axes[0]
    image = ax.images[0]
    def luminance(colour):  # WCAG relative luminance, written out as the check's own oracle
        rgb = matplotlib.colors.to_rgb(colour)
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    for label, value in zip(ax.texts, table.iloc[0], strict=True):
        cell, ink = luminance(image.cmap(image.norm(value))), luminance(label.get_color())
        high, low = max(cell, ink), min(cell, ink)
        assert (high + 0.05) / (low + 0.05) >= 4.5, (value, label.get_color())
    plt.close(fig)


def test_title_and_source_line_start_at_the_left_edge_of_what_is_drawn():
    """Long row labels reach past the figure's left edge; the title used to start at the
    edge itself and so sat indented in the stored (cropped) image."""
    import pandas as pd

    table = pd.DataFrame([[1.0, 2.0]], index=["a very long row label " * 3], columns=["x", "y"])
    fig = plotting.heatmap(table, "Title", "x", "y", "n", "a source")
    renderer = fig.canvas.get_renderer()
    title = fig._suptitle.get_window_extent(renderer).x0
    note = next(t for t in fig.texts if t.get_text().startswith("Source:"))
    ticks = min(t.get_window_extent(renderer).x0 for t in fig.axes[0].get_yticklabels())
    assert ticks < 0  # the case: labels past the figure's edge
    assert abs(title - note.get_window_extent(renderer).x0) < 1
    assert abs(title - fig.get_tightbbox(renderer).x0 * fig.dpi) < 1
    plt.close(fig)


def test_a_tall_figure_has_no_empty_band_under_its_title():
    """The title sat at 98 % of the figure's height: an inch of white above tall plots."""
    import pandas as pd

    table = pd.DataFrame([[float(i)] for i in range(30)], index=[f"r{i}" for i in range(30)],
                         columns=["x"])
    fig = plotting.heatmap(table, "Title", "x", "y", "n", "a source")
    renderer = fig.canvas.get_renderer()
    title_bottom = fig._suptitle.get_window_extent(renderer).y0 / fig.dpi
    plot_top = max(ax.get_tightbbox(renderer).y1 for ax in fig.axes) / fig.dpi
    assert 0 < title_bottom - plot_top < 0.2  # inches
    plt.close(fig)
