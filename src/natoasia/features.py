"""The committed corpus features: write them atomically, load them typed, check them.

The four tables of :mod:`natoasia.text` live in ``data/`` as CSV files. They are written
row by row while the corpus is read one document at a time, into a temporary folder that
is moved into place only when every table is complete, so a failure leaves nothing
half-written. ``check_features`` regenerates them and lists every difference from the
committed files: the test that the repository's features are what the corpus produces.
"""

from __future__ import annotations

import csv
import errno
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from natoasia import data
from natoasia.corpus import Corpus
from natoasia.folders import missing_folders, remove_empty_folders
from natoasia.text import TABLES, Entity, Extractor, Features, Term

DTYPES = {"n": "int64", "words": "int64", "count": "int64", "units": "int64"}
MAX_REPORTED = 5  # differing lines shown per file


def feature_paths(folder: str | os.PathLike | None = None) -> dict[str, Path]:
    """Table name -> path of its CSV in ``folder`` (default: the repository's data/)."""
    return {name: data.data_dir(folder) / file for name, (file, _columns) in TABLES.items()}


def _csv_lines(rows: list[tuple], width: int) -> str | None:
    """The rows as CSV text, formatted directly; None if a field would need quoting.

    The fields are ids, numbers, locators and hashes, which never need quoting, and
    formatting them with '%s' costs a third of what csv.writer's per-character checks do.
    Counting the separators proves it: no field holds a comma, a quote or a line break.
    """
    line = ",".join(["%s"] * width) + "\n"
    text = "".join([line % row for row in rows])
    if (text.count(",") != len(rows) * (width - 1) or text.count("\n") != len(rows)
            or '"' in text or "\r" in text):
        return None
    return text


def _write_tables(corpus: Corpus | str | os.PathLike | None, folder: Path,
                  entities: list[Entity] | None, terms: list[Term] | None) -> None:
    handles, writers = {}, {}
    try:
        for name, (file, columns) in TABLES.items():
            handles[name] = (folder / file).open("w", encoding="utf-8", newline="")
            writers[name] = csv.writer(handles[name], lineterminator="\n")
            writers[name].writerow(columns)
        for doc_rows in Extractor(entities, terms).rows(corpus):
            for name, rows in doc_rows.items():
                text = _csv_lines(rows, len(TABLES[name][1]))
                if text is None:
                    writers[name].writerows(rows)  # csv.writer quotes what needs it
                else:
                    handles[name].write(text)
    finally:
        for handle in handles.values():
            handle.close()


def write_features(corpus: Corpus | str | os.PathLike | None, out_dir: str | os.PathLike, *,
                   entities: list[Entity] | None = None,
                   terms: list[Term] | None = None) -> dict[str, Path]:
    """Extract the four tables from ``corpus`` into ``out_dir``; all of them or nothing.

    ``corpus`` is an open Corpus, a folder, or None for ``$NATOASIA_CORPUS`` (a folder is
    streamed one document at a time). Other files in ``out_dir`` are left alone.
    Returns table name -> written path.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "exists and is not a folder", str(out))
    parent = out if out.is_dir() else out.parent
    created = missing_folders(parent)
    try:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            tmp = Path(tempfile.mkdtemp(prefix=".corpus-features-", dir=parent))
        except OSError as exc:  # name the folder asked for, not a parent or a temporary name
            raise OSError(exc.errno, exc.strerror, str(out)) from None
        try:
            _write_tables(corpus, tmp, entities, terms)
            if out.is_dir():
                for file, _columns in TABLES.values():
                    os.replace(tmp / file, out / file)
            else:
                os.rename(tmp, out)
        except OSError as exc:
            if exc.filename is None or Path(exc.filename).is_relative_to(tmp):
                raise OSError(exc.errno, exc.strerror, str(out)) from None
            raise  # a corpus file that cannot be read names itself
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except BaseException:
        remove_empty_folders(created)  # a failure leaves no folder the call created
        raise
    return feature_paths(out)


def load_features(folder: str | os.PathLike | None = None) -> Features:
    """The committed tables (default: the repository's data/) as typed DataFrames."""
    tables = {}
    for name, path in feature_paths(folder).items():
        columns = TABLES[name][1]
        try:
            frame = pd.read_csv(path, dtype={c: DTYPES.get(c, "string") for c in columns},
                                keep_default_na=False, na_values=[], encoding="utf-8")
        except FileNotFoundError:
            raise FileNotFoundError(f"{path}: missing; run 'natoasia corpus features "
                                    f"--corpus DIR --out {path.parent}'") from None
        except ValueError as exc:
            raise ValueError(f"{path}: {exc}") from None
        if tuple(frame.columns) != columns:
            raise ValueError(f"{path}: columns {', '.join(frame.columns)}; "
                             f"expected {', '.join(columns)}")
        tables[name] = frame
    return Features(**tables)


def _compare(committed: Path, regenerated: Path) -> list[str]:
    if not committed.is_file():
        return [f"{committed}: missing (regenerated file has "
                f"{len(regenerated.read_text(encoding='utf-8').splitlines()) - 1} rows)"]
    old = committed.read_bytes().decode("utf-8", errors="replace").splitlines()
    new = regenerated.read_text(encoding="utf-8").splitlines()
    if old == new and committed.read_bytes() == regenerated.read_bytes():
        return []
    if old == new:
        return [f"{committed}: same rows, different bytes (line endings or final newline)"]
    differing = [i for i in range(max(len(old), len(new)))
                 if i >= len(old) or i >= len(new) or old[i] != new[i]]
    out = [f"{committed}: {len(differing)} line(s) differ; committed {len(old) - 1} rows, "
           f"regenerated {len(new) - 1} rows"]
    for i in differing[:MAX_REPORTED]:
        was = old[i] if i < len(old) else "(no line)"
        now = new[i] if i < len(new) else "(no line)"
        out.append(f"  line {i + 1}: committed {was!r}, regenerated {now!r}")
    if len(differing) > MAX_REPORTED:
        out.append(f"  ... and {len(differing) - MAX_REPORTED} more")
    return out


def check_features(corpus: Corpus | str | os.PathLike | None,
                   data_dir: str | os.PathLike | None = None, *,
                   entities: list[Entity] | None = None,
                   terms: list[Term] | None = None) -> list[str]:
    """Regenerate the tables and compare them with those in ``data_dir``; [] when equal."""
    committed = feature_paths(data_dir)
    with tempfile.TemporaryDirectory(prefix="corpus-features-check-") as tmp:
        regenerated = write_features(corpus, Path(tmp) / "features", entities=entities,
                                     terms=terms)
        differences = []
        for name in TABLES:
            differences += _compare(committed[name], regenerated[name])
    return differences
