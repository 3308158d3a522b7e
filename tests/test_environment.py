"""One pin set: environment.yml (conda/Binder) must agree with requirements.lock (make/CI), and
the lock leaves out the slow IRI checker that nbformat's jsonschema would otherwise import."""

import os
import re
import subprocess
import sys

import yaml

from conftest import REPO


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", re.split(r"[<>=!~ \[]", requirement.strip())[0].lower())


def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[_name(name)] = version.strip()
    return pins


def _environment_pins() -> dict[str, str]:
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    return {_name(r): r.split("==")[1] for r in pip if "==" in r}


def test_every_environment_pin_equals_the_lock():
    lock = _lock()
    mismatched = {n: (v, lock.get(n)) for n, v in _environment_pins().items() if lock.get(n) != v}
    assert not mismatched, f"environment.yml vs requirements.lock (yml, lock): {mismatched}"


def test_every_direct_dependency_is_pinned_in_both():
    direct = {_name(line.split("#")[0]) for line in
              (REPO / "requirements.in").read_text().splitlines() if line.split("#")[0].strip()}
    assert direct <= set(_environment_pins()), direct - set(_environment_pins())
    assert direct <= set(_lock()), direct - set(_lock())


def test_environment_python_matches_the_pinned_interpreter_series():
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]


def test_ci_runs_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
    ci = (REPO / ".ci" / "run").read_text()
    assert re.search(r"^make test$", ci, re.M)


SLOW_IRI_CHECKER = ("rfc3987-syntax", "lark")  # left out of requirements.lock on purpose


def test_the_lock_leaves_out_the_slow_iri_checker():
    """rfc3987-syntax compiles ~40 lark grammars whenever jsonschema is imported (nbformat does):
    about 1.4 s in every kernel. The lock's header says why it is left out."""
    lock = _lock()
    assert not [name for name in SLOW_IRI_CHECKER if name in lock]
    comments = [line for line in (REPO / "requirements.lock").read_text().splitlines()
                if line.startswith("#")]
    assert all(any(name in line for line in comments) for name in SLOW_IRI_CHECKER)


def test_binder_removes_the_slow_iri_checker_that_environment_yml_brings():
    """environment.yml cannot say --no-deps, so repo2docker's postBuild uninstalls them."""
    post_build = REPO / "postBuild"
    assert os.access(post_build, os.X_OK), "postBuild must be executable for repo2docker"
    command = [line for line in post_build.read_text().splitlines()
               if line.startswith("pip uninstall")]
    assert command == ["pip uninstall --yes " + " ".join(SLOW_IRI_CHECKER)]


def test_jsonschema_does_not_load_the_slow_iri_checker():
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, nbformat; print('rfc3987_syntax' in sys.modules, "
                               "'lark' in sys.modules)"],
        capture_output=True, text=True, check=True).stdout.split()
    assert loaded == ["False", "False"], (
        "nbformat's jsonschema imported rfc3987-syntax/lark; this .venv predates the lock that "
        "leaves them out: delete .venv and run `make setup`")
