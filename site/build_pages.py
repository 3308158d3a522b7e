"""Pages the site derives from the repository: notebook copies and the data page.

Kept out of ``conf.py`` so it can be tested on its own; it writes only below ``generated/``.
"""

from __future__ import annotations

import base64
import csv
import json
import re
import shutil
from pathlib import Path

SOLUTION_TAG = "solution"
FOLDED_TAGS = ["hide-cell"]  # sphinx-togglebutton folds these; readers click to open
FIGURE_MIME = "image/png"


def github_parts(repository_url: str) -> tuple[str, str] | None:
    """``("owner", "name")`` of a GitHub repository URL, else ``None`` (no launch links)."""
    parts = repository_url.rstrip("/").removesuffix(".git").split("/")
    if len(parts) >= 5 and parts[2] == "github.com":
        return parts[3], parts[4]
    return None


def access_cell(stem: str, repository_url: str = "") -> dict:
    """A Markdown cell under the title: downloads, and launch links when the repository is
    public on GitHub (Binder builds the pinned environment from environment.yml with the
    package and data/). No Colab link: Colab opens the notebook alone, without the
    ``natoasia`` package or ``data/``, so it would stop at the first import.

    The ``.ipynb`` offered is the committed file from ``download/`` (byte for byte), not the
    page's own copy, which carries this cell of Sphinx roles that Jupyter would show raw."""
    links = [f"{{download}}`notebook (.ipynb) <download/{stem}.ipynb>`",
             f"{{download}}`source (.py, jupytext) <{stem}.py>`",
             f"{{download}}`student version, no solutions <student/{stem}.ipynb>`"]
    github = github_parts(repository_url)
    if github:
        owner, name = github
        binder = f"https://mybinder.org/v2/gh/{owner}/{name}/HEAD?labpath="
        links.append(f"[launch on Binder]({binder}notebooks/{stem}.ipynb)")
        links.append(f"[student version on Binder]({binder}student/{stem}.ipynb)")
    return {"cell_type": "markdown", "metadata": {"tags": ["access-links"]},
            "source": "**Get this notebook:** " + " · ".join(links)}


def _joined(value) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def figure_alt(cell: dict) -> str | None:
    """The alt text of a code cell's figure: the text/plain the notebook stores beside the
    image ("Figure: <title>", from ``natoasia.plotting``). ``None`` when the cell holds no
    figure, or several (myst-nb takes alt text per cell, so it could not tell them apart)."""
    figures = [out["data"] for out in cell.get("outputs", [])
               if FIGURE_MIME in out.get("data", {})]
    if len(figures) != 1:
        return None
    text = " ".join(_joined(figures[0].get("text/plain", "")).split())
    return text or None


def add_figure_alt(cell: dict) -> None:
    """Give the cell's figure its text alternative as alt text, through myst-nb's cell-level
    image options (cell metadata ``mystnb: {image: {alt: ...}}``)."""
    alt = figure_alt(cell)
    if alt:
        mystnb = cell.setdefault("metadata", {}).setdefault("mystnb", {})
        mystnb.setdefault("image", {})["alt"] = alt


EMPTY_HEADER = re.compile(r"<th>(\s*)</th>")


def empty_headers_as_data(cell: dict) -> None:
    """pandas marks the empty corner of a table, and the empty cells beside its index's name,
    as header cells (``<th></th>``): headers that name nothing, which a screen reader announces
    as blank column headers (axe-core: empty-table-header). They become data cells."""
    for out in cell.get("outputs", []):
        table = _joined(out.get("data", {}).get("text/html", ""))
        if 'class="dataframe"' in table:
            out["data"]["text/html"] = EMPTY_HEADER.sub(r"<td>\1</td>", table)


def copy_notebooks(root: Path, out: Path, repository_url: str = "") -> list[Path]:
    """Copy every executed notebook with its .py and student version, folding the cells
    tagged as exercise solutions, giving each figure its alt text, leaving no table an empty
    header cell and adding download (and launch) links under the title. The committed
    notebook goes to ``download/`` unchanged."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "student").mkdir(exist_ok=True)
    (out / "download").mkdir(exist_ok=True)
    written = []
    for source in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(source.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            if SOLUTION_TAG in tags:
                cell["metadata"]["tags"] = tags + [t for t in FOLDED_TAGS if t not in tags]
            add_figure_alt(cell)
            empty_headers_as_data(cell)
        nb["cells"].insert(1, access_cell(source.stem, repository_url))
        shutil.copy2(source, out / "download" / source.name)
        shutil.copy2(source.with_suffix(".py"), out / f"{source.stem}.py")
        student = root / "student" / source.name
        if student.exists():
            shutil.copy2(student, out / "student" / source.name)
        target = out / source.name
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        written.append(target)
    return written


LANDING_TAG = "landing"


def landing_figures(root: Path, out: Path) -> list[Path]:
    """Each notebook's figure for the landing page: from a cell tagged ``landing``, else the
    first figure."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(source.read_text(encoding="utf-8"))
        cells = sorted(nb["cells"], key=lambda c: LANDING_TAG not in c.get("metadata", {}).get(
            "tags", []))  # stable: tagged cells first, then document order
        images = [o["data"]["image/png"] for c in cells for o in c.get("outputs", [])
                  if "image/png" in o.get("data", {})]
        if images:
            target = out / f"{source.stem}.png"
            target.write_bytes(base64.b64decode("".join(images[0])))
            written.append(target)
    return written


def _rows(path: Path) -> int:
    with path.open(encoding="utf-8", newline="") as fh:
        return sum(1 for _ in csv.reader(fh)) - 1


# A quoted shell command in a description: a command word, then a ``-x`` or ``--flag``.
QUOTED_COMMAND = re.compile(r"""(['"])([a-z.][\w./-]*(?: [^'"\n|`]*?)? --?[a-z][^'"\n|`]*)\1""")


def _escape(text: str) -> str:
    """Literal text in Markdown: a pipe would end a table cell, '<' open HTML and '*' (the
    co-occurrence tables' marker of a marginal row) start emphasis."""
    return text.replace("|", "\\|").replace("<", "\\<").replace("*", "\\*")


def _cell(text) -> str:
    """Descriptions as literal Markdown text: pipes, angle brackets and newlines escaped, and a
    quoted shell command set as code, so that it reads, and copies, as typed (in prose Sphinx
    would curl its quotes and could join ``--`` into a dash)."""
    text = str(text if text is not None else "").replace("\n", " ")
    parts, start = [], 0
    for match in QUOTED_COMMAND.finditer(text):
        parts += [_escape(text[start:match.start()]), f"`{match.group(2)}`"]
        start = match.end()
    return "".join(parts + [_escape(text[start:])])


def data_page(root: Path, out: Path) -> Path:
    """One Markdown page describing every table of the data package, with download links."""
    package = json.loads((root / "data" / "datapackage.json").read_text(encoding="utf-8"))
    files = out / "files"
    files.mkdir(parents=True, exist_ok=True)
    lines = [
        "# The data package",
        "",
        _cell(package.get("description", "")),
        "",
        "Validate it yourself with `frictionless validate data/datapackage.json`. "
        "Each table below gives its licence, sources, size and fields. The descriptor is "
        "{download}`datapackage.json <files/datapackage.json>` and the sources' keys are in "
        "{download}`references.bib <files/references.bib>`.",
        "",
    ]
    for name in ("datapackage.json", "references.bib"):
        shutil.copy2(root / "data" / name, files / name)
    for res in package["resources"]:
        path = root / "data" / res["path"]
        shutil.copy2(path, files / path.name)
        licences = ", ".join(lic.get("title") or lic["name"] for lic in res.get("licenses", []))
        origins = "; ".join(s.get("title", "") for s in res.get("sources", []))
        lines += [
            f"## `{res['name']}`: {_cell(res.get('title', ''))}",
            "",
            _cell(res.get("description", "")),
            "",
            f"- **File:** {{download}}`{path.name} <files/{path.name}>` ({_rows(path)} rows)",
            f"- **Licence:** {licences or 'see the package licence'}",
        ]
        if origins:
            lines.append(f"- **Sources:** {_cell(origins)}")
        keys = res["schema"].get("primaryKey")
        if keys:
            lines.append(f"- **Primary key:** {', '.join(keys)}")
        lines += ["", "| Field | Type | Description |", "| --- | --- | --- |"]
        for field in res["schema"]["fields"]:
            lines.append(f"| `{field['name']}` | {field.get('type', 'string')} | "
                         f"{_cell(field.get('description', ''))} |")
        lines.append("")
    page = out / "data.md"
    page.write_text("\n".join(lines), encoding="utf-8")
    return page


def prepare(root: Path, out: Path, repository_url: str = "") -> None:
    """Rebuild ``out`` from scratch: notebooks and the data page."""
    shutil.rmtree(out, ignore_errors=True)
    copy_notebooks(root, out / "notebooks", repository_url)
    landing_figures(root, out / "figures")
    data_page(root, out)
