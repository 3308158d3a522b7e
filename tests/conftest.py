"""Shared fixtures: where the repository, its data and the seed corpus are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
NOTEBOOKS = REPO / "notebooks"
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


def corpus_location() -> Path:
    return Path(os.environ.get("NATOASIA_CORPUS") or DEFAULT_CORPUS)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The seed corpus. In CI (CI set) its absence fails the test; elsewhere it skips, saying so."""
    path = corpus_location()
    if not (path / "documents.csv").is_file():
        message = (f"seed corpus not found at {path} (set NATOASIA_CORPUS or place ../shared "
                   "beside the repository); this check needs the full texts")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO
