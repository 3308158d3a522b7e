"""The code passes the project's linter (settings in pyproject.toml), so style never drifts."""

import subprocess
import sys

from conftest import REPO


def test_ruff_reports_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "tests", "bench",
                             "notebooks", "site", "tools"], cwd=REPO, capture_output=True,
                            text=True, check=False)
    assert result.returncode == 0, result.stdout[-4000:]
