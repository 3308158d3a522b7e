"""The rendered site builds warning-free with every notebook, the data and the bibliography."""

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
    assert "{glue:text}" not in text and "glue:text" not in text
    rows = len(data.load("events"))
    assert f'holds <span class="pasted-text">{rows}</span> rows' in " ".join(text.split())


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


# --- In a real browser: Debian's chromium driven by Playwright, pages served on 127.0.0.1 ---

CHROMIUM = "/usr/bin/chromium"
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

    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} missing: `make test` installs Debian's chromium package"
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
    import re

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
    assert ("https://colab.research.google.com/github/owner/nato-asia/blob/HEAD/notebooks/"
            "00_overview.ipynb" in linked)
