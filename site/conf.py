"""Sphinx configuration: render the executed notebooks (never re-execute) with the bibliography.

Before the build, the committed ``.ipynb`` files are copied into ``generated/`` (the source
folder must contain them) with solution cells folded and each figure's text alternative as
its alt text, and a data page is written from ``data/datapackage.json``. The committed files
themselves are what the pages offer for download. ``generated/`` is rebuilt on every run and
never committed.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from build_pages import prepare  # noqa: E402

# Where the repository is published, for Binder launch links (none when unset).
REPOSITORY_URL = os.environ.get("NATOASIA_REPOSITORY_URL", "")
prepare(ROOT, HERE / "generated", REPOSITORY_URL)

project = "NATO–Asia notebooks"
author = "NATO–Asia notebooks contributors"
copyright = "2026, NATO–Asia notebooks contributors (code MIT; own data CC BY 4.0)"
release = "0.1.0"

extensions = [
    "natoasia_site",  # bibliography and citation styles (site/natoasia_site.py)
    "myst_nb",
    "sphinxcontrib.bibtex",
    "sphinx_exercise",
    "sphinx_togglebutton",
    "sphinx_copybutton",
    "sphinx_design",
]
exclude_patterns = ["_build", "**.ipynb_checkpoints", "build_pages.py", "natoasia_site.py",
                    "generated/notebooks/student", "generated/notebooks/download"]
nb_execution_mode = "off"  # render the executed notebooks the tests checked
nb_merge_streams = True
# Only exercise solutions are folded (build_pages.py), so the toggles can say so.
nb_code_prompt_show = "Show the solution"
nb_code_prompt_hide = "Hide the solution"
# No dollarmath: in these notebooks "$5 billion" is money, not mathematics.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
suppress_warnings = ["mystnb.unknown_mime_type"]
# Curl quotes and ellipses, but never join "--" into a dash: a command-line flag such as
# --corpus must read, and copy, as typed. The sources write their dashes as characters.
smartquotes_action = "qe"

bibtex_bibfiles = ["../data/references.bib"]
bibtex_reference_style = "natoasia"  # author-year in round brackets (natoasia_site.py)
bibtex_default_style = "natoasia"  # pybtex's plain, reading "\\$" as "$" (natoasia_site.py)

html_theme = "sphinx_book_theme"
html_title = "NATO–Asia notebooks"
html_static_path = ["_static"]
templates_path = ["_templates"]  # layout.html: the home page's <title> is the site name once
html_favicon = "_static/favicon.svg"
# sphinx-book-theme's sidebar, its site name wrapped in a landmark (_templates/sidebar-logo.html)
html_sidebars = {"**": ["sidebar-logo.html", "icon-links.html", "search-button-field.html",
                        "sbt-sidebar-nav.html"]}
html_context = {"default_mode": "light"}  # an empty mode makes the theme log a console error
html_last_updated_fmt = None  # no build dates: the same sources give the same pages
html_theme_options = {
    "show_toc_level": 2,
    "use_download_button": True,
    "use_fullscreen_button": False,
    "home_page_in_toc": True,
    "navbar_persistent": [],  # one search box (the sidebar's), not two
}
html_show_sourcelink = False
