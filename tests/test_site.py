"""The rendered collection builds warning-free and holds every notebook, the data and the bibliography."""

import subprocess
import sys

import pytest

from conftest import NOTEBOOKS, REPO
from natoasia import data


@pytest.fixture(scope="module")
def html(tmp_path_factory):
    out = tmp_path_factory.mktemp("site") / "html"
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-b", "html", "-q",
         str(REPO / "site"), str(out)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"site build failed or warned:\n{result.stderr[-4000:]}"
    return out


def test_every_notebook_is_rendered_with_its_outputs(html):
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        page = html / "generated" / "notebooks" / f"{source.stem}.html"
        assert page.exists(), page
        text = page.read_text(encoding="utf-8")
        assert "<img" in text, f"{page.name}: no figure rendered"
        assert "Traceback" not in text


def test_exercise_solutions_are_folded(html):
    text = (html / "generated" / "notebooks" / "00_overview.html").read_text(encoding="utf-8")
    assert "tag_solution" in text and "tag_hide-cell" in text


def test_glued_numbers_appear_in_prose(html):
    text = (html / "generated" / "notebooks" / "00_overview.html").read_text(encoding="utf-8")
    assert "{glue" not in text and "nb00_rows" not in text
    rows = len(data.load("events"))
    assert f"holds {rows} rows" in " ".join(text.split())


def test_data_page_lists_every_table_with_a_download(html):
    text = (html / "generated" / "data.html").read_text(encoding="utf-8")
    for name in data.resource_names():
        path = data.resource(name)["path"]
        assert f"<code class=\"docutils literal notranslate\"><span class=\"pre\">{name}</span>" \
            in text, name
        assert path.split("/")[-1] in text


def test_bibliography_page_lists_the_seed_documents(html):
    text = (html / "bibliography.html").read_text(encoding="utf-8")
    for title in ["Opportunity knocks", "Changing Relationship", "Limits in the"]:
        assert title in text


def test_pages_need_no_cdn_to_read(html):
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script src=\"https://" not in text, f"{page.name} loads a remote script"
        assert "<link rel=\"stylesheet\" href=\"https://" not in text, page.name
