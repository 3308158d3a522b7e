"""Fonts read from memory for PNG figures: the same bytes as matplotlib's own, other output intact.

The replacement exists for speed (see :mod:`natoasia.fonts` and bench/RESULTS.md); these tests
pin what it must not change.
"""

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import RendererAgg  # noqa: E402

from natoasia import fonts, plotting  # noqa: E402


@pytest.fixture
def matplotlibs_fonts():
    """Start from matplotlib's own font step and put back whatever was there after."""
    before = RendererAgg._prepare_font
    RendererAgg._prepare_font = fonts.MATPLOTLIB_PREPARE_FONT
    yield
    RendererAgg._prepare_font = before


def labelled_figure() -> plt.Figure:
    """Text in several sizes, weights, rotations and scripts the house font covers."""
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.imshow([[1, 2, 3], [4, 5, 6]])
    for (row, col), value in {(0, 0): "1", (0, 2): "3", (1, 1): "5"}.items():
        ax.text(col, row, value, ha="center", fontsize=7)
    ax.set_xticks(range(3), ["Japan", "Republic of Korea", "Türkiye — €, ¶"], rotation=30)
    ax.set_ylabel("Share (%)")
    return plotting.finish(fig, "NATO–Asia: a bold title", "a source line, ¶4")


def png_bytes(fig: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def test_pngs_are_byte_identical_with_fonts_from_memory(matplotlibs_fonts):
    expected = png_bytes(labelled_figure())
    assert fonts.read_fonts_from_memory()
    assert RendererAgg._prepare_font is fonts._prepare_font
    assert png_bytes(labelled_figure()) == expected
    plt.close("all")


def test_pdf_output_still_embeds_the_font_files(matplotlibs_fonts):
    """PDF embeds fonts by file name; the Agg-only replacement must leave that path alone."""
    fonts.read_fonts_from_memory()
    buffer = io.BytesIO()
    labelled_figure().savefig(buffer, format="pdf")
    assert b"DejaVuSans" in buffer.getvalue()
    plt.close("all")


@pytest.mark.parametrize("version", ["3.11.0", "3.9.4"])
def test_other_matplotlib_series_are_left_alone(matplotlibs_fonts, monkeypatch, version):
    monkeypatch.setattr(matplotlib, "__version__", version)
    assert not fonts.read_fonts_from_memory()
    assert RendererAgg._prepare_font is fonts.MATPLOTLIB_PREPARE_FONT


def test_someone_elses_replacement_is_left_alone(matplotlibs_fonts):
    def theirs(renderer, font_prop):
        return fonts.MATPLOTLIB_PREPARE_FONT(renderer, font_prop)

    RendererAgg._prepare_font = theirs
    assert not fonts.read_fonts_from_memory()
    assert RendererAgg._prepare_font is theirs


def test_the_pinned_matplotlib_gets_the_faster_fonts(matplotlibs_fonts):
    """A matplotlib upgrade that turns this off should be noticed, and the step re-checked."""
    assert matplotlib.__version__.startswith(fonts.WRITTEN_FOR)
    assert fonts.read_fonts_from_memory()
