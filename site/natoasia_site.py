"""Sphinx extension for the site: the bibliography style, and the theme's notebook download.

``data/references.bib`` is written for LaTeX, so a dollar sign is escaped (``US\\$``).
pybtex decodes most LaTeX escapes through latexcodec, which leaves ``\\$`` as it is, and the
bibliography would show the backslash. The style ``natoasia`` is pybtex's ``plain`` with that
escape undone; it is registered as a pybtex plugin, the way sphinxcontrib-bibtex documents
for custom styles, and selected with ``bibtex_default_style``.

Citations follow the author-year convention, "Weinrod (2008)" in text and "(Weinrod, 2008)"
in parentheses: sphinxcontrib-bibtex's ``author_year`` style puts them in square brackets.
The referencing style ``natoasia`` is that style with round brackets, registered as a
sphinxcontrib-bibtex plugin (its documented way) and selected with ``bibtex_reference_style``.

A notebook page is rendered from the site's copy of the notebook (solutions folded, a cell of
download links under the title). The theme's download menu offered that copy as ".ipynb";
it now offers the committed notebook, the file the page's "notebook (.ipynb)" link gives.

The bibliography's entries are list items: docutils marks each ``role="doc-biblioentry"``
inside a ``role="list"``, a role DPUB-ARIA 1.1 deprecates in favour of ``listitem``, so that
to assistive technology (and axe-core) the list had no items.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.plain import Style as PlainStyle
from pybtex.style.sorting.author_year_title import SortingStyle as AuthorYearTitle
from sphinx.writers.html5 import HTML5Translator
from sphinxcontrib.bibtex.plugin import register_plugin as register_referencing_plugin
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

STYLE = "natoasia"
# LaTeX escapes that latexcodec does not decode, and the characters they stand for.
UNDECODED_ESCAPES = {"\\$": "$"}


def unescaped(value: str) -> str:
    for escape, char in UNDECODED_ESCAPES.items():
        value = value.replace(escape, char)
    return value


class Sorting(AuthorYearTitle):
    """Entries in the order a reader looks them up: a corporate author's braces
    (``{{Natural Earth}}``) ignored, where they sorted every organisation after Weinrod, and a
    text with no author (the *China Brief*) filed under its organisation."""

    def sorting_key(self, entry):
        author, year, title = super().sorting_key(entry)
        author = author or entry.fields.get("organization", "") or title
        return tuple(part.replace("{", "").replace("}", "").lower()
                     for part in (author, year, title))


register_plugin("pybtex.style.sorting", STYLE, Sorting)


class Style(PlainStyle):
    """pybtex's plain style, reading ``\\$`` in a field as a dollar sign, sorted by
    :class:`Sorting`."""

    default_sorting_style = STYLE

    def format_entry(self, label, entry, bib_data=None):
        fields = {name: unescaped(value) for name, value in entry.fields.items()}
        if fields != dict(entry.fields):
            clean = Entry(entry.original_type, fields=fields, persons=entry.persons)
            clean.key = entry.key
            entry = clean
        return super().format_entry(label, entry, bib_data=bib_data)


register_plugin("pybtex.style.formatting", STYLE, Style)


def round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@dataclass
class ReferenceStyle(AuthorYearReferenceStyle):
    """sphinxcontrib-bibtex's author-year citations in round brackets: ``{cite:t}`` gives
    "Weinrod (2008)", ``{cite:p}`` "(Weinrod, 2008)"."""

    bracket_parenthetical: BracketStyle = field(default_factory=round_brackets)
    bracket_textual: BracketStyle = field(default_factory=round_brackets)
    bracket_author: BracketStyle = field(default_factory=round_brackets)
    bracket_label: BracketStyle = field(default_factory=round_brackets)
    bracket_year: BracketStyle = field(default_factory=round_brackets)


# a sphinxcontrib-bibtex plugin group, not pybtex's: pybtex.plugin.register_plugin rejects it
register_referencing_plugin("sphinxcontrib.bibtex.style.referencing", STYLE, ReferenceStyle)

COMMITTED_DIR = "download"  # where build_pages.copy_notebooks puts the committed notebooks


def committed_download(doctree, pagename: str) -> str | None:
    """The ``_downloads`` path of the committed notebook the page links to, if it does."""
    from sphinx import addnodes

    target = f"{COMMITTED_DIR}/{PurePosixPath(pagename).name}.ipynb"
    for node in doctree.findall(addnodes.download_reference):
        if node.get("reftarget") == target and node.get("filename"):
            return f"_downloads/{node['filename']}"
    return None


def notebook_download_button(app, pagename, templatename, context, doctree) -> None:
    """Point the theme's ".ipynb" download at the committed notebook; drop it if none."""
    if doctree is None or context.get("page_source_suffix") != ".ipynb":
        return
    download = committed_download(doctree, pagename)
    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        buttons = []
        for button in group.get("buttons", []):
            if button.get("label") in ("download-source-button", "download-notebook-button"):
                if download is None:
                    continue
                button = {**button, "url": context["pathto"](download, 1),
                          "tooltip": "Download the notebook as committed"}
            buttons.append(button)
        group["buttons"] = buttons


class Translator(HTML5Translator):
    """Sphinx's HTML5 translator with each bibliography entry a ``listitem`` of its list."""

    def visit_citation(self, node):
        super().visit_citation(node)
        self.body[-1] = self.body[-1].replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    # the theme (pydata-sphinx-theme) adds its own methods on top of this translator
    app.set_translator("html", Translator)
    # after sphinx-book-theme adds its header buttons (priority 501)
    app.connect("html-page-context", notebook_download_button, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
