"""Text in PNG figures laid out from fonts held in memory: the same letters, three times faster.

matplotlib 3.10 hands FreeType each font as a Python file object, and FreeType then reads
every glyph it loads through that object's ``seek()`` and ``read()``. Measuring and drawing
text was the largest part of a figure's cost in these notebooks (heat maps label every
cell). Given the same font bytes in memory (``io.BytesIO``), FreeType loads the same glyphs,
so the images are byte-identical, and text costs about a third as much.

Only the Agg renderer (PNG output and the inline backend) is changed, through its font
preparation step; PDF, PS and SVG output keep matplotlib's own fonts, whose file names they
embed. The step is replaced only under the matplotlib series it was written against.
"""

from __future__ import annotations

import functools
import io
import os
import threading
from pathlib import Path

import matplotlib as mpl
from matplotlib import font_manager, ft2font
from matplotlib.backends.backend_agg import RendererAgg

WRITTEN_FOR = "3.10."  # the series whose RendererAgg._prepare_font this replaces
MATPLOTLIB_PREPARE_FONT = RendererAgg._prepare_font  # matplotlib's own, kept for comparison


@functools.lru_cache(64)
def _font(paths: tuple[str, ...], hinting_factor: int, kerning_factor: int,
          thread_id: int) -> ft2font.FT2Font:
    """One font and its fallbacks from memory, cached like matplotlib's own (per thread)."""
    first, *fallbacks = (io.BytesIO(Path(path).read_bytes()) for path in paths)
    return ft2font.FT2Font(
        first, hinting_factor, _kerning_factor=kerning_factor,
        _fallback_list=[ft2font.FT2Font(f, hinting_factor, _kerning_factor=kerning_factor)
                        for f in fallbacks])


def _prepare_font(renderer: RendererAgg, font_prop) -> ft2font.FT2Font:
    """What ``RendererAgg._prepare_font`` does, with the font read from memory."""
    paths = tuple(font_manager.fontManager._find_fonts_by_props(font_prop))
    font = _font(paths, mpl.rcParams["text.hinting_factor"], mpl.rcParams["text.kerning_factor"],
                 threading.get_ident())
    font.clear()
    font.set_size(font_prop.get_size_in_points(), renderer.dpi)
    return font


def read_fonts_from_memory() -> bool:
    """Have Agg read fonts from memory; say whether it does (not under another matplotlib)."""
    if RendererAgg._prepare_font is _prepare_font:
        return True
    if not mpl.__version__.startswith(WRITTEN_FOR) or (
            RendererAgg._prepare_font is not MATPLOTLIB_PREPARE_FONT):
        return False  # another matplotlib, or someone else's replacement: leave it alone
    RendererAgg._prepare_font = _prepare_font
    return True


if hasattr(os, "register_at_fork"):  # FT2Font objects must not cross a fork (as matplotlib's)
    os.register_at_fork(after_in_child=_font.cache_clear)
