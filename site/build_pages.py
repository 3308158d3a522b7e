"""Pages the site derives from the repository: notebook copies and the data page.

Kept out of ``conf.py`` so it can be tested on its own; it writes only below ``generated/``.
"""

from __future__ import annotations

import base64
import csv
import json
import shutil
from pathlib import Path

SOLUTION_TAG = "solution"
FOLDED_TAGS = ["hide-cell"]  # sphinx-togglebutton folds these; readers click to open


def github_parts(repository_url: str) -> tuple[str, str] | None:
    """``("owner", "name")`` of a GitHub repository URL, else ``None`` (no launch links)."""
    parts = repository_url.rstrip("/").removesuffix(".git").split("/")
    if len(parts) >= 5 and parts[2] == "github.com":
        return parts[3], parts[4]
    return None


def access_cell(stem: str, repository_url: str = "") -> dict:
    """A Markdown cell under the title: downloads, and launch links when the repository is
    public on GitHub (Binder builds from environment.yml; Colab opens the notebook)."""
    links = [f"{{download}}`notebook (.ipynb) <{stem}.ipynb>`",
             f"{{download}}`source (.py, jupytext) <{stem}.py>`",
             f"{{download}}`student version, no solutions <student/{stem}.ipynb>`"]
    github = github_parts(repository_url)
    if github:
        owner, name = github
        links.append(f"[launch on Binder](https://mybinder.org/v2/gh/{owner}/{name}/HEAD"
                     f"?labpath=notebooks/{stem}.ipynb)")
        links.append(f"[open in Colab](https://colab.research.google.com/github/{owner}/{name}"
                     f"/blob/HEAD/notebooks/{stem}.ipynb)")
    return {"cell_type": "markdown", "metadata": {"tags": ["access-links"]},
            "source": "**Get this notebook:** " + " · ".join(links)}


def copy_notebooks(root: Path, out: Path, repository_url: str = "") -> list[Path]:
    """Copy every executed notebook with its .py and student version, folding the cells
    tagged as exercise solutions and adding download (and launch) links under the title."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "student").mkdir(exist_ok=True)
    written = []
    for source in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        nb = json.loads(source.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            tags = cell.get("metadata", {}).get("tags", [])
            if SOLUTION_TAG in tags:
                cell["metadata"]["tags"] = tags + [t for t in FOLDED_TAGS if t not in tags]
        nb["cells"].insert(1, access_cell(source.stem, repository_url))
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


def _cell(text) -> str:
    """Descriptions as literal Markdown text: pipes, angle brackets and newlines escaped."""
    text = str(text if text is not None else "")
    return text.replace("|", "\\|").replace("<", "\\<").replace("\n", " ")


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
        "Each table below gives its licence, sources, size and fields.",
        "",
    ]
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
