"""Citations come from references.bib; every table's source_id is a known source."""

import pytest

from natoasia import data, prose, sources


def test_author_year_citations_of_seed_documents():
    assert sources.cite("weinrod2008") == "Weinrod (2008)"
    assert sources.cite("jamestown2013") == "Jamestown Foundation (2013)"
    assert sources.cite_many(["chan2013", "galic2021", "chan2013"]) == "Chan (2013); Galic (2021)"


def test_two_authors_are_joined_and_reference_lines_are_complete():
    assert sources.cite("okabe2008") == "Okabe and Ito (2008)"
    line = sources.reference("grand2024")
    assert line.startswith("Grand (2024). NATO's role in Asia")
    assert line.endswith("nato-s-role-asia-work-progress-2024")


def test_unknown_key_lists_the_known_ones():
    with pytest.raises(KeyError, match="unknown source 'nobody1999'; known: .*weinrod2008"):
        sources.cite("nobody1999")


def test_sources_table_and_bibliography_share_keys():
    table = set(data.load("sources")["source_id"])
    bib = set(sources.bibliography().entries)
    assert table <= bib, f"sources.csv keys missing from references.bib: {table - bib}"


def test_every_source_id_in_every_table_is_in_the_sources_table():
    known = set(data.load("sources")["source_id"])
    for name in data.resource_names():
        frame = data.load(name, validate=False)
        if "source_id" in frame.columns:
            unknown = set(frame["source_id"].dropna()) - known
            assert not unknown, f"{name}: source_id not in sources.csv: {sorted(unknown)}"


def test_document_labels_use_authors_and_publication_dates_not_ids():
    """One label per document across the notebooks; the month keeps the 2013 texts in order."""
    labels = sources.document_labels(data.load("sources"),
                                     ["jamestown2013", "galic2021", "grand2024"])
    assert labels == {"jamestown2013": "Jamestown Foundation (2013-07)",
                      "galic2021": "Galic (2021)", "grand2024": "Grand (2024-04)"}


def test_references_read_as_lines_and_as_a_linked_markdown_list():
    """The notebooks' reference lists were printed text: on the site a block of monospace
    with URLs that could not be clicked."""
    refs = sources.References(["weinrod2008", "sipri_milex_2024"])
    assert repr(refs).splitlines() == [sources.reference("sipri_milex_2024"),
                                       sources.reference("weinrod2008")]  # sorted, one a line
    markdown = refs._repr_markdown_().splitlines()
    assert markdown[0].startswith("- Stockholm International Peace Research Institute (2024).")
    assert markdown[0].endswith(" <https://www.sipri.org/databases/milex>")
    assert markdown[1] == "- Weinrod (2008). NATO and Asia's Changing Relationship. Global Asia."
    special = prose.markdown_literal("a_b *c* [d]")
    assert special == "a\\_b \\*c\\* \\[d\\]"
