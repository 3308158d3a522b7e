"""The rendered site builds warning-free with every notebook, the data and the bibliography."""

import html as htmllib
import json
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

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


class _Elements(HTMLParser):
    """The <img> attributes and the <a> links (href, text) of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images, self.links, self._open = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "img":
            self.images.append(dict(attrs))
        elif tag == "a":
            self._open.append([dict(attrs), ""])

    def handle_data(self, data):
        for link in self._open:
            link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            attrs, text = self._open.pop()
            self.links.append((attrs, " ".join(text.split())))


def _elements(page):
    parser = _Elements()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def _text(page):
    """A page's visible text: tags dropped, entities decoded, whitespace collapsed."""
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", text, flags=re.S)
    return " ".join(htmllib.unescape(re.sub(r"<[^>]+>", "", text)).split())


def _figure_texts(source):
    """The text/plain stored beside each figure of a committed notebook, in order."""
    nb = json.loads(source.read_text(encoding="utf-8"))
    return ["".join(out["data"].get("text/plain", "")) for cell in nb["cells"]
            for out in cell.get("outputs", []) if "image/png" in out.get("data", {})]


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
    assert "Show the solution" in text and "Show code cell" not in text  # says what it hides


def test_the_site_says_how_to_run_rerun_and_cite_and_serves_what_it_cites(html):
    """Pages sent readers to the README, LEXICON.md and the codebook, none of them on the
    site, and never said how to run the collection or cite it."""
    using = _text(html / "using.html")
    for needed in ("make run", "make test", "natoasia run", "natoasia list", "How to cite",
                   "CITATION.cff"):
        assert needed in using, needed
    assert "Corpus lexicons and feature files" in _text(html / "reference" / "lexicon.html")
    assert "Codebook" in _text(html / "reference" / "codebook.html")
    data_text = _text(html / "generated" / "data.html")
    assert "(entity, *)" in data_text  # the marginal marker, not emphasis
    downloads = {link for attrs, _ in _elements(html / "generated" / "data.html").links
                 for link in [attrs.get("href", "")]}
    assert any(d.endswith("/datapackage.json") for d in downloads)
    assert any(d.endswith("/references.bib") for d in downloads)


def test_glued_numbers_appear_in_prose(html):
    text = (html / "generated" / "notebooks" / "00_overview.html").read_text(encoding="utf-8")
    assert "{glue:text}" not in text and "glue:text" not in text
    rows = len(data.load("events"))
    assert f'holds <span class="pasted-text">{rows} rows</span>' in " ".join(text.split())


def test_data_page_lists_every_table_with_a_download(html):
    text = (html / "generated" / "data.html").read_text(encoding="utf-8")
    assert "&lt;doc_id&gt;:¶&lt;N&gt;" in text  # descriptions render literally, not as HTML
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
    import re

    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        remote = re.findall(r"<(?:script|link|img)[^>]*(?:src|href)=\"(?:https?:)?//[^\"]+", text)
        remote = [tag for tag in remote if "<a " not in tag and "rel=\"canonical\"" not in tag]
        assert not remote, f"{page.name} needs remote assets: {remote}"


IMAGE_PATH = re.compile(r"(^|/)[^/ ]+\.(png|jpe?g|gif|svg|webp)$", re.I)


def _content_pages(html):
    return [html / path for path in _pages(html)]


def test_every_image_has_alt_text_not_a_file_path(html):
    for page in _content_pages(html):
        for img in _elements(page).images:
            alt = (img.get("alt") or "").strip()
            assert alt, f"{page.relative_to(html)}: <img src={img.get('src')!r}> has no alt"
            assert not IMAGE_PATH.search(alt) and "_images" not in alt, (
                f"{page.relative_to(html)}: alt text is a file path: {alt!r}")


def test_figure_alt_texts_are_their_titles_and_source_lines(html):
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        expected = _figure_texts(source)
        assert expected and all(re.fullmatch(r"Figure: .{8,}\. Source: .{20,}", t, re.S)
                                for t in expected), (
            f"{source.name}: a figure without its 'Figure: <title>. Source: <line>' text")
        page = html / "generated" / "notebooks" / f"{source.stem}.html"
        alts = [img.get("alt") for img in _elements(page).images]
        assert alts == [" ".join(t.split()) for t in expected], (
            f"{page.name}: figure alt texts are not the figures' text alternatives")


def test_landing_cards_describe_their_figures(html):
    """Each card on the front page shows a notebook's landing figure (the cell tagged
    ``landing``, else the first figure), described by that figure's title."""
    cards = [img for img in _elements(html / "index.html").images
             if "sd-card-img-bottom" in img.get("class", "")]
    expected = []
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        cells = json.loads(source.read_text(encoding="utf-8"))["cells"]
        cells = sorted(cells, key=lambda c: "landing" not in c.get("metadata", {}).get("tags", []))
        texts = ["".join(o["data"].get("text/plain", "")) for c in cells
                 for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
        expected.append(texts[0].split(". Source: ")[0])  # a card names its figure only
    assert [img["alt"] for img in cards] == expected, (
        "site/index.md: a card's :img-alt: is not its figure's title")


FLAG_AS_DASH = re.compile(r"(?:^|[\s(\[‘“'\"])[–—][A-Za-z]")


def test_no_command_line_flag_is_rendered_as_a_dash(html):
    for page in _content_pages(html):
        found = [m.group(0) for m in FLAG_AS_DASH.finditer(_text(page))]
        assert not found, f"{page.relative_to(html)}: '--' turned into a dash: {found}"
    data_text = _text(html / "generated" / "data.html")
    assert "natoasia corpus features --corpus DIR --out data" in data_text
    assert "‘natoasia" not in data_text


def test_quoted_commands_in_descriptions_become_code():
    sys.path.insert(0, str(REPO / "site"))
    from build_pages import _cell

    assert (_cell("regenerate with 'natoasia corpus features --corpus DIR --out data'.")
            == "regenerate with `natoasia corpus features --corpus DIR --out data`.")
    assert _cell("a 'quoted' phrase, SIPRI's 'xxx' code") == "a 'quoted' phrase, SIPRI's 'xxx' code"
    assert _cell("a|b <c>") == "a\\|b \\<c>"
    assert _cell("(entity, *) and (*, term)") == "(entity, \\*) and (\\*, term)"


def test_notebook_references_are_a_list_with_links(html):
    """Each notebook's references were a block of printed text, its URLs not clickable."""
    page = html / "generated" / "notebooks" / "00_overview.html"
    links = [attrs.get("href") for attrs, _ in _elements(page).links]
    assert "https://jamestown.org/program/nato-and-its-limits-in-the-asia-pacific/" in links
    assert "<li><p>Weinrod (2008). NATO and Asia’s Changing Relationship. Global Asia.</p></li>" \
        in page.read_text(encoding="utf-8")


def test_bibliography_is_in_alphabetical_order_of_authors(html):
    """Braced corporate authors ({{Natural Earth}}) sorted after Weinrod, and the China Brief,
    which has no author, came second: it files under its publisher, the Jamestown Foundation."""
    text = _text(html / "bibliography.html")
    text = text[text.index("Every source_id"):]
    order = ["Chan", "Correlates of War Project", "Galic", "Grand", "NATO and Its Limits",
             "NATO–Asia notebooks project", "Natural Earth", "Okabe", "Stockholm", "Weinrod"]
    assert [text.index(name) for name in order] == sorted(text.index(name) for name in order)


def test_bibliography_shows_no_latex_escapes(html):
    text = _text(html / "bibliography.html")
    assert not re.search(r"\\[$&%#_]", text), re.findall(r".{0,20}\\[$&%#_].{0,20}", text)
    if "US\\$" in (REPO / "data" / "references.bib").read_text(encoding="utf-8"):
        assert "US$" in text


def test_bibliography_style_reads_an_escaped_dollar_as_a_dollar():
    sys.path.insert(0, str(REPO / "site"))
    from natoasia_site import STYLE
    from pybtex.database import Entry
    from pybtex.plugin import find_plugin

    entry = Entry("misc", fields={"title": "Spending", "year": "2024",
                                  "note": "Data 1949--2023; constant (2022) US\\$"})
    entry.key = "example"
    formatted = find_plugin("pybtex.style.formatting", STYLE)().format_entry("1", entry)
    assert formatted.text.render_as("text").endswith("Data 1949–2023; constant (2022) US$.")


def test_citations_are_author_year_in_round_brackets(html):
    """``{cite:t}`` rendered "Weinrod [2008]": sphinxcontrib-bibtex's author_year style uses
    square brackets. Every citation on the site now reads "Weinrod (2008)"."""
    cited = 0
    for page in _content_pages(html):
        text = page.read_text(encoding="utf-8")
        for span in re.findall(r'<span class="bibtex-citation"[^>]*>(.*?)</span>', text, re.S):
            cited += 1
            span = htmllib.unescape(re.sub(r"<[^>]+>", "", span))
            assert re.fullmatch(r".+ \(\d{4}\)", span), f"{page.relative_to(html)}: {span!r}"
    assert cited
    assert "Weinrod (2008): the survey" in _text(html / "seminars" / "00_overview.html")


def test_parenthetical_citations_read_author_comma_year():
    """{cite:p} gives "(Weinrod, 2008)" and {cite:t} "Weinrod (2008)" with the site's style."""
    from types import SimpleNamespace

    sys.path.insert(0, str(REPO / "site"))
    from natoasia_site import STYLE
    from pybtex.database import Entry, Person
    from pybtex.plugin import find_plugin
    from pybtex_docutils import Backend
    from sphinxcontrib.bibtex.plugin import find_plugin as find_referencing
    from sphinxcontrib.bibtex.style.referencing import format_references
    from sphinxcontrib.bibtex.style.template import SphinxReferenceInfo

    entry = Entry("misc", fields={"title": "Changing", "year": "2008"},
                  persons={"author": [Person("Weinrod, W. Bruce")]})
    entry.key = "weinrod2008"
    formatted = find_plugin("pybtex.style.formatting", STYLE)().format_entry("1", entry)
    builder = SimpleNamespace(name="html", get_relative_uri=lambda *_: "bibliography.html")
    info = SphinxReferenceInfo(builder, "page", "bibliography", "id1", None, "", "")
    style = find_referencing("sphinxcontrib.bibtex.style.referencing", STYLE)()

    def cite(role):
        text = format_references(style, role, [(entry, formatted, info)])
        return "".join(node.astext() for node in text.render(Backend()))

    assert (cite("t"), cite("p")) == ("Weinrod (2008)", "(Weinrod, 2008)")


def test_page_titles_name_the_site_once(html):
    """The home page's <title> was "NATO–Asia notebooks — NATO–Asia notebooks"."""
    def title(page):
        return htmllib.unescape(re.search(r"<title>(.*?)</title>",
                                          page.read_text(encoding="utf-8"), re.S).group(1))

    site = "NATO–Asia notebooks"
    assert title(html / "index.html") == site
    for page in _content_pages(html):
        if page.name != "index.html":
            assert title(page).endswith(f" — {site}") and title(page).count(site) == 1, (
                f"{page.relative_to(html)}: {title(page)!r}")


def _download_links(page):
    """``{link text: path under the site root}`` of a page's download links."""
    base = page.parent
    return {text: (base / attrs["href"]).resolve()
            for attrs, text in _elements(page).links
            if "download" in attrs.get("class", "").split() and "href" in attrs}


def test_notebook_downloads_are_the_committed_files(html):
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        page = html / "generated" / "notebooks" / f"{source.stem}.html"
        links = _download_links(page)
        committed = {"notebook (.ipynb)": source,
                     "source (.py, jupytext)": source.with_suffix(".py"),
                     "student version, no solutions": REPO / "student" / source.name}
        for text, path in committed.items():
            assert text in links, f"{page.name}: no download {text!r}"
            assert links[text].read_bytes() == path.read_bytes(), (
                f"{page.name}: {text!r} is not byte for byte {path.relative_to(REPO)}")
        # the theme's download menu offers the same committed notebook, not the site's copy
        menu = [(page.parent / attrs["href"]).resolve() for attrs, _ in _elements(page).links
                if "btn-download-source-button" in attrs.get("class", "")]
        assert menu == [links["notebook (.ipynb)"]], f"{page.name}: theme download {menu}"


SEMINARS = REPO / "site" / "seminars"


def _section(text: str, heading: str) -> str:
    """The text under a level-2 heading (markdown, or a jupytext markdown cell's "# ## "), up
    to the next one."""
    prefix = heading[:heading.index("## ") + 3]
    return text.split(f"{heading}\n", 1)[1].split(f"\n{prefix}", 1)[0]


@pytest.mark.parametrize("stem", ["00_overview", "01_central_asia_logistics",
                                  "02_global_partners_constraints", "03_china_engagement"])
def test_seminar_questions_use_the_notebooks_numbers(stem):
    """The seminar pages once numbered their questions in their own order (03's question 1
    was the notebook's 3): the numbered ones are now the notebook's, in its order, and every
    discussion question or exercise the page cites by number exists in the notebook."""
    notebook = (NOTEBOOKS / f"{stem}.py").read_text(encoding="utf-8")
    asked = re.findall(r"^# (\d+)\. ", _section(notebook, "# ## Discussion questions"), re.M)
    exercises = re.findall(r"^# (\d+)\. ", _section(notebook, "# ## Exercises"), re.M)
    page = (SEMINARS / f"{stem}.md").read_text(encoding="utf-8")
    listed = _section(page, "## Discussion questions keyed to figures")
    assert asked and re.findall(r"^(\d+)\. ", listed, re.M) == asked
    # ... and each asks the notebook's question of that number: of all the notebook's
    # questions, it shares the most words (of five letters or more) with that one
    def items(text, prefix=""):
        parts = re.split(rf"^{prefix}(\d+)\. ", text, flags=re.M)[1:]
        return {n: set(re.findall(r"[a-z]{5,}", body.split("\n\n")[0].lower()))
                for n, body in zip(parts[::2], parts[1::2], strict=True)}
    theirs = items(_section(notebook, "# ## Discussion questions"), "# ")
    for n, words in items(listed).items():
        closest = max(theirs, key=lambda m: len(words & theirs[m]))
        assert closest == n, f"{stem}: seminar question {n} reads like the notebook's {closest}"
    assert "the notebook's own" in listed
    cited = re.findall(r"[Dd]iscussion questions? (\d+)", page)
    assert cited and set(cited) <= set(asked)
    assert not re.search(r"(?<![Dd]iscussion )(?<!Seminar )\b[Qq]uestion \d", page)  # no bare
    assert set(re.findall(r"\bExercises? (\d+)", page)) <= set(exercises)


def test_the_seminar_page_leaves_exercise_1_of_03_for_the_students():
    """The result of the window rerun sits only in a collapsed teacher's note."""
    page = (SEMINARS / "03_china_engagement.md").read_text(encoding="utf-8")
    before, note = page.split(":::{admonition} Teacher's note", 1)
    assert ":class: dropdown" in note.split(":::", 1)[0]
    assert "no share rises" not in before.lower() and "no share rises" in note.lower()
    notebook = (NOTEBOOKS / "03_china_engagement.py").read_text(encoding="utf-8")
    assert "no share rises" not in _section(notebook, "# ## Exercises").lower()


def test_seminar_pages_link_the_student_notebook_and_say_what_it_needs(html):
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        page = html / "seminars" / f"{source.stem}.html"
        links = _download_links(page)
        name = f"student/{source.name}"
        assert name in links, f"{page.name}: the student notebook is not a download link"
        assert links[name].read_bytes() == (REPO / name).read_bytes()
        text = _text(page)
        for needed in ["natoasia", "data/", "clone of the repository", "make setup", "Binder"]:
            assert needed in text, f"{page.name}: does not say the notebook needs {needed!r}"


# --- In a real browser: Debian's chromium driven by Playwright, pages served on 127.0.0.1 ---

# the chromium on PATH, as the Makefile finds it (Debian installs it as /usr/bin/chromium)
CHROMIUM = shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-default-apps"]
ARTIFACTS = REPO / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def served(html):
    """The built site over HTTP on a free loopback port."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(html))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser():
    import os

    if CHROMIUM is None:
        message = "no chromium on PATH: `make test` installs Debian's chromium package"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                              args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _pages(html):
    """Every content page (not theme templates copied into _static, not the search page)."""
    return sorted(p.relative_to(html).as_posix() for p in html.rglob("*.html")
                  if not p.relative_to(html).parts[0].startswith(("_", "."))
                  and not p.name.startswith(("genindex", "search")))


def test_every_page_loads_without_console_errors_and_with_its_images(html, served, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    problems = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"failed request: {r.url}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}")
            if r.status >= 400 else None)
    for path in _pages(html):
        response = page.goto(f"{served}/{path}", wait_until="load")
        assert response.status == 200, path
        broken = page.eval_on_selector_all(
            "img", "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        assert not broken, f"{path}: images that did not load: {broken}"
        page.screenshot(path=str(ARTIFACTS / (path.replace("/", "__") + ".png")), full_page=False)
    page.close()
    assert not problems, "\n".join(problems)


def test_every_internal_link_resolves(html, served, browser):
    import urllib.parse

    page = browser.new_page()
    missing = []
    for path in _pages(html):
        page.goto(f"{served}/{path}", wait_until="domcontentloaded")
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
        for href in hrefs:
            if not href.startswith(served):
                continue
            target = urllib.parse.urlparse(href).path.lstrip("/") or "index.html"
            if target.endswith("/"):
                target += "index.html"
            if not (html / urllib.parse.unquote(target)).exists():
                missing.append(f"{path} -> {href}")
    page.close()
    assert not missing, "\n".join(sorted(set(missing)))


def test_solution_toggles_open(html, served, browser):
    page = browser.new_page()
    page.goto(f"{served}/generated/notebooks/00_overview.html", wait_until="load")
    solution = page.locator(".tag_solution").first
    code = solution.locator(".cell_input").first
    assert not code.is_visible(), "solution should start folded"
    solution.locator("details > summary").first.click()
    code.wait_for(state="visible", timeout=5000)
    assert code.is_visible()
    page.close()


def test_each_notebook_page_offers_ipynb_py_and_student_downloads(html):
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        text = (html / "generated" / "notebooks" / f"{source.stem}.html").read_text(
            encoding="utf-8")
        targets = re.findall(r'class="reference download internal" download="" '
                             r'href="\.\./\.\./(_downloads/[0-9a-f]+/[^"]+)"', text)
        names = sorted(t.rsplit("/", 1)[1] for t in targets)
        assert names == sorted([f"{source.stem}.ipynb", f"{source.stem}.ipynb",
                                f"{source.stem}.py"]), names
        for target in targets:
            assert (html / target).stat().st_size > 0


def test_launch_links_only_for_a_public_github_repository():
    sys.path.insert(0, str(REPO / "site"))
    from build_pages import access_cell

    plain = access_cell("00_overview")["source"]
    assert "Binder" not in plain and "Colab" not in plain
    linked = access_cell("00_overview", "https://github.com/owner/nato-asia.git")["source"]
    assert ("https://mybinder.org/v2/gh/owner/nato-asia/HEAD?labpath=notebooks/00_overview.ipynb"
            in linked)
    assert ("https://mybinder.org/v2/gh/owner/nato-asia/HEAD?labpath=student/00_overview.ipynb"
            in linked)
    assert "Colab" not in linked  # Colab has neither the package nor data/: no dead-end link


# --- Accessibility: axe-core (bundled with axe-playwright-python, so no network) ---

# the home page, each notebook page, and the bibliography (the one critical violation found)
AXE_PAGES = ["index.html", "bibliography.html"] + [
    f"generated/notebooks/{source.stem}.html"
    for source in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))]
# Rules of axe-core's default set (WCAG 2 A and AA, best practices) not run here, each with
# the reason. None: every violation the audit of the site found is fixed.
AXE_RULES_OFF: dict[str, str] = {}
AXE_IMPACTS = ["critical", "serious", "moderate", "minor"]  # the message lists the worst first


@pytest.mark.parametrize("path", AXE_PAGES)
def test_axe_finds_no_accessibility_violation(path, served, browser):
    """axe-core's default rules, failing on every impact. The first audit of the site found
    the bibliography's list without list items (critical; docutils' roles), the sidebar's
    site name outside every landmark (the theme) and pandas tables' empty header cells;
    site/natoasia_site.py, _templates/sidebar-logo.html and build_pages.py fix them. Most of
    the time goes to the colour-contrast rule, which checks every highlighted code token."""
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(f"{served}/{path}", wait_until="load")
    options = {"resultTypes": ["violations"],
               "rules": {rule: {"enabled": False} for rule in AXE_RULES_OFF}}
    violations = Axe().run(page, options=options).response["violations"]
    page.close()
    violations.sort(key=lambda v: AXE_IMPACTS.index(v["impact"]))
    found = [f"{path}: {v['id']} ({v['impact']}, {v['help']}) at {' '.join(node['target'])}: "
             f"{' '.join(node['html'].split())[:160]}"
             for v in violations for node in v["nodes"]]
    assert not found, "\n".join(found)
