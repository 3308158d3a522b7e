"""Real clients (issue 8): every notebook runs through a real Jupyter server, as a reader's would.

One Jupyter server per module (``python -m jupyter_server`` with the venv's server extensions,
jupytext included, as ``jupyter lab`` would load them) listens on 127.0.0.1 at a free port with
a random token; its root is the repository. For each committed notebook the test opens it with
``GET /api/contents``, starts a python3 kernel with ``POST /api/sessions`` (so the kernel's
working folder is notebooks/), runs every code cell in order over the kernel's websocket
(``/api/kernels/ID/channels``) and reads the iopub messages until the cell's ``execute_reply``
and ``idle`` status. No cell may fail or write to stderr, and each cell's ``execute_result``
text/plain must equal the committed one (images and display_data are left to nbval and
test_determinism). Kernels are deleted through the API, the server is shut down through
``/api/shutdown``, and the last test checks that nothing under notebooks/ or data/ changed:
the server only reads (notebooks are never saved through the API).

Every wait is bounded: 60 s for the server to answer ``GET /api/status``, 120 s per notebook.
User-level Jupyter and IPython settings are kept out (config, data, runtime and IPython
folders in a temporary folder); the kernels get the environment of ``make notebooks``
(PYTHONHASHSEED=0, no MPLBACKEND) and, under ``make test``, the offline guard.
"""

from __future__ import annotations

import asyncio
import difflib
import hashlib
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import nbformat
import pytest
from jupyter_server.services.kernels.connection.base import deserialize_binary_message
from tornado.websocket import websocket_connect

from conftest import NOTEBOOKS, REPO

COMMITTED = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
WATCHED = ("notebooks", "data")  # the server and kernels must leave these untouched
STARTUP_TIMEOUT = 60  # seconds for GET /api/status to answer 200
NOTEBOOK_TIMEOUT = 120  # seconds for one notebook, kernel start to last cell
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _snapshot() -> dict[str, str]:
    """sha256 of every file under the watched folders (untracked ones too), by relative path."""
    return {path.relative_to(REPO).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for folder in WATCHED for path in sorted((REPO / folder).rglob("*"))
            if path.is_file()}


def _server_environment(base: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("JUPYTER_TOKEN", "JUPYTER_PORT", "JUPYTER_NO_CONFIG", "MPLBACKEND"):
        env.pop(name, None)
    for name, folder in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        (base / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(base / folder)
    env["PYTHONHASHSEED"] = "0"  # as natoasia.execute.kernel_environment, for `make notebooks`
    if env.get("PYTHONPATH"):  # kernels run in notebooks/: a relative entry would be lost
        env["PYTHONPATH"] = os.pathsep.join(
            str(Path(entry).resolve()) for entry in env["PYTHONPATH"].split(os.pathsep) if entry)
    return env


class JupyterServer:
    """A ``python -m jupyter_server`` subprocess on 127.0.0.1 and a token-authenticated client."""

    def __init__(self, base: Path):
        self.base = base
        self.token = secrets.token_hex(24)
        self.log_path = base / "server.log"
        self.process: subprocess.Popen | None = None
        self.port = 0
        self.snapshot_before: dict[str, str] = {}
        # No proxies: every request goes straight to 127.0.0.1, whatever http_proxy says.
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def start(self) -> None:
        env = _server_environment(self.base)
        for _attempt in range(3):  # the free port may be taken between choosing and binding
            self.port = _free_port()
            with self.log_path.open("ab") as log:
                self.process = subprocess.Popen(
                    [sys.executable, "-m", "jupyter_server", "--ServerApp.ip=127.0.0.1",
                     f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0",
                     f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={REPO}",
                     "--ServerApp.open_browser=False", "--ServerApp.allow_root=True"],
                    cwd=self.base, env=env, stdin=subprocess.DEVNULL, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True)
            if self._wait_until_up():
                return
            if self.process.poll() is None:
                self.stop()
                raise RuntimeError(f"Jupyter server not answering GET /api/status after "
                                   f"{STARTUP_TIMEOUT} s:\n{self.log_tail()}")
        raise RuntimeError(f"Jupyter server would not start:\n{self.log_tail()}")

    def _wait_until_up(self) -> bool:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return False
            try:
                if self.request("GET", "/api/status", timeout=2)[0] == 200:
                    return True
            except (OSError, ValueError):
                pass
            time.sleep(0.25)
        return False

    def request(self, method: str, path: str, body=None, timeout: float = 30):
        """``(status, decoded JSON or None)``; HTTP errors raise, with the server's answer."""
        request = urllib.request.Request(
            self.url + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"})
        try:
            with self._opener.open(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            detail = error.read().decode(errors="replace")[:2000]
            raise AssertionError(f"{method} {path}: HTTP {error.code}: {detail}") from None

    def stop(self) -> int | None:
        """Shut down through the API, then SIGTERM, then SIGKILL; return the exit code."""
        process = self.process
        if process is None:
            return None
        if process.poll() is None:
            try:
                self.request("POST", "/api/shutdown", timeout=30)
            except Exception:  # the server may close the connection as it stops
                pass
            for sig, wait in ((None, 30), (signal.SIGTERM, 15), (signal.SIGKILL, 10)):
                if sig is not None and process.poll() is None:
                    try:
                        os.killpg(process.pid, sig)  # its own session: only what we started
                    except ProcessLookupError:
                        pass
                try:
                    process.wait(timeout=wait)
                    break
                except subprocess.TimeoutExpired:
                    continue
        return process.returncode


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    server = JupyterServer(tmp_path_factory.mktemp("jupyter_server"))
    server.snapshot_before = _snapshot()
    try:
        server.start()
        yield server
    finally:
        server.stop()


def _message(msg_type: str, content: dict, session: str) -> dict:
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "username": "pytest",
              "session": session, "date": datetime.now(UTC).isoformat(), "version": "5.3"}
    return {"header": header, "parent_header": {}, "metadata": {}, "content": content,
            "channel": "shell", "buffers": []}


class KernelChannels:
    """The kernel's websocket (the JSON protocol, all channels on one socket)."""

    def __init__(self, connection, session: str):
        self.connection = connection
        self.session = session

    async def _receive(self) -> dict:
        raw = await self.connection.read_message()
        if raw is None:
            raise ConnectionError("the server closed the kernel websocket")
        return deserialize_binary_message(raw) if isinstance(raw, bytes) else json.loads(raw)

    async def request(self, msg_type: str, content: dict, reply_within: float | None = None):
        """Send a shell request; return its reply and the iopub messages it caused, in order."""
        message = _message(msg_type, content, self.session)
        msg_id = message["header"]["msg_id"]
        await self.connection.write_message(json.dumps(message))
        reply, iopub, idle = None, [], False
        while reply is None or not idle:
            received = await asyncio.wait_for(self._receive(), reply_within)
            if received.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if received["channel"] == "shell":
                reply = received
            elif received["channel"] == "iopub":
                kind = received["header"]["msg_type"]
                if kind == "status":
                    idle = received["content"]["execution_state"] == "idle"
                else:
                    iopub.append(received)
        return reply, iopub


async def _wait_for_kernel(channels: KernelChannels) -> None:
    """Ask for kernel_info until the kernel answers (a new kernel may miss the first asks)."""
    while True:
        try:
            await channels.request("kernel_info_request", {}, reply_within=5)
            return
        except TimeoutError:
            continue


async def _run_cells(server: JupyterServer, kernel_id: str, cells: list, progress: dict):
    """Run ``cells`` in order on the kernel; return, per cell, its execute_reply and iopub."""
    session = uuid.uuid4().hex
    url = (f"ws://127.0.0.1:{server.port}/api/kernels/{kernel_id}/channels"
           f"?session_id={session}&token={server.token}")
    connection = await websocket_connect(url, connect_timeout=30,
                                         max_message_size=256 * 1024 * 1024)
    channels = KernelChannels(connection, session)
    try:
        await _wait_for_kernel(channels)
        # Where the kernel runs and whether it is guarded, asked silently (no execution count).
        reply, _ = await channels.request("execute_request", {
            "code": "", "silent": True, "store_history": False, "allow_stdin": False,
            "user_expressions": {
                "cwd": "__import__('os').getcwd()",
                "guarded": "hasattr(__import__('socket'), 'natoasia_offline_guard')"}})
        progress["kernel"] = {name: value.get("data", {}).get("text/plain")
                              for name, value in reply["content"]["user_expressions"].items()}
        results = []
        for index, cell in cells:
            progress["cell"] = index
            reply, iopub = await channels.request("execute_request", {
                "code": cell.source, "silent": False, "store_history": True,
                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
            results.append((index, cell, reply, iopub))
            failed = reply["content"]["status"] != "ok" or any(
                m["header"]["msg_type"] == "error" for m in iopub)
            if failed:
                break  # later cells would only fail in its wake
        return results
    finally:
        connection.close()


def _describe_failure(index: int, cell, reply: dict, iopub: list) -> str:
    errors = [m["content"] for m in iopub if m["header"]["msg_type"] == "error"]
    if not errors and reply["content"]["status"] == "error":
        errors.append(reply["content"])
    trace = "\n".join(ANSI.sub("", "\n".join(e.get("traceback", []))) or
                      f"{e.get('ename')}: {e.get('evalue')}" for e in errors)
    return (f"cell {index} ended with status {reply['content']['status']!r}:\n"
            f"{cell.source[:300]}\n---\n{trace}")


def _code_cells(nb) -> list:
    return [(index, cell) for index, cell in enumerate(nb.cells) if cell.cell_type == "code"]


def _committed_results(cell) -> list[str]:
    return [output.get("data", {}).get("text/plain", "") for output in cell.get("outputs", [])
            if output.output_type == "execute_result"]


@pytest.mark.parametrize("notebook", COMMITTED, ids=lambda p: p.stem)
def test_notebook_runs_through_the_server(jupyter_server, notebook):
    server = jupyter_server
    api_path = notebook.relative_to(REPO).as_posix()
    _, model = server.request("GET", f"/api/contents/{quote(api_path)}?type=notebook&content=1")
    assert model["type"] == "notebook" and model["path"] == api_path
    served = nbformat.from_dict(model["content"])
    committed = nbformat.read(notebook, as_version=4)
    cells = _code_cells(served)
    inputs = [(i, c.source) for i, c in _code_cells(committed)]
    assert [(i, c.source) for i, c in cells] == inputs, (
        f"the server serves other code cells than {notebook.name} holds (jupytext takes the "
        "inputs from the paired .py): regenerate with `make notebooks`")

    _, session = server.request("POST", "/api/sessions", timeout=60, body={
        "path": api_path, "type": "notebook", "name": notebook.name,
        "kernel": {"name": "python3"}})
    kernel_id = session["kernel"]["id"]
    progress: dict = {"cell": None}
    started = time.monotonic()
    try:
        results = asyncio.run(asyncio.wait_for(
            _run_cells(server, kernel_id, cells, progress), NOTEBOOK_TIMEOUT))
    except TimeoutError:
        pytest.fail(f"{notebook.name}: not done after {NOTEBOOK_TIMEOUT} s "
                    f"(at cell {progress['cell']})")
    finally:
        server.request("DELETE", f"/api/sessions/{session['id']}", timeout=60)
    elapsed = time.monotonic() - started
    _, kernels = server.request("GET", "/api/kernels")
    assert kernel_id not in [k["id"] for k in kernels], "the kernel outlived its session"

    assert progress["kernel"]["cwd"] == repr(str(NOTEBOOKS)), (
        f"kernel ran in {progress['kernel']['cwd']}, not in notebooks/")
    if hasattr(socket, "natoasia_offline_guard"):  # under `make test` the kernels are guarded
        assert progress["kernel"]["guarded"] == "True", "kernel started without the offline guard"

    problems = []
    for index, cell, reply, iopub in results:
        if reply["content"]["status"] != "ok" or any(
                m["header"]["msg_type"] == "error" for m in iopub):
            problems.append(_describe_failure(index, cell, reply, iopub))
            continue
        stderr = "".join(m["content"]["text"] for m in iopub if m["header"]["msg_type"] ==
                         "stream" and m["content"]["name"] == "stderr")
        if stderr:
            problems.append(f"cell {index} wrote to stderr:\n{stderr[:2000]}")
        fresh = [m["content"]["data"].get("text/plain", "") for m in iopub
                 if m["header"]["msg_type"] == "execute_result"]
        expected = _committed_results(committed.cells[index])
        if fresh != expected:
            diff = difflib.unified_diff("\n".join(expected).splitlines(),
                                        "\n".join(fresh).splitlines(), "committed", "fresh",
                                        lineterm="", n=1)
            problems.append(f"cell {index}: {len(fresh)} execute_result(s), {len(expected)} "
                            "committed; text/plain differs:\n" + "\n".join(diff))
    assert not problems, f"{notebook.name} (run in {elapsed:.1f} s):\n" + "\n\n".join(problems)
    assert len(results) == len(cells)


def test_the_server_wrote_nothing_into_the_repository(jupyter_server):
    server = jupyter_server
    _, kernels = server.request("GET", "/api/kernels")
    _, sessions = server.request("GET", "/api/sessions")
    assert kernels == [] and sessions == [], "kernels or sessions left running"
    code = server.stop()
    assert code == 0, f"the server exited with {code}:\n{server.log_tail()}"
    after = _snapshot()
    before = server.snapshot_before
    changes = {"added": sorted(after.keys() - before.keys()),
               "removed": sorted(before.keys() - after.keys()),
               "changed": sorted(p for p in before.keys() & after.keys() if before[p] != after[p])}
    assert not any(changes.values()), (
        f"files under notebooks/ or data/ differ after the server run: {changes} (the server "
        "must only read; in a shared checkout, check nobody else edited them meanwhile)")
    assert not (REPO / ".ipynb_checkpoints").exists()
    errors = [line for line in server.log_path.read_text(errors="replace").splitlines()
              if line.startswith(("[E ", "[C "))]
    assert not errors, "the server logged errors:\n" + "\n".join(errors)
