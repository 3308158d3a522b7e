"""The test run is offline: every process, kernels included, refuses non-loopback traffic.

`make test` starts pytest with NATOASIA_OFFLINE=1 and tools/offline on PYTHONPATH; the guard
there raises before any packet leaves. These tests prove the guard is on (in CI it must be)
and that it refuses what it should, without sending anything anywhere.
"""

import os
import socket

import nbformat
import pytest
from nbclient import NotebookClient


@pytest.fixture(scope="module")
def guard():
    check = getattr(socket, "natoasia_offline_guard", None)
    if check is None:
        message = ("offline guard not active: run the suite with `make test` "
                   "(NATOASIA_OFFLINE=1, tools/offline on PYTHONPATH)")
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return check


@pytest.mark.parametrize("address", [("203.0.113.7", 443), ("2001:db8::1", 80, 0, 0),
                                     ("pypi.org", 443), ("10.0.0.1", 22)])
def test_non_loopback_addresses_are_refused(guard, address):
    with pytest.raises(OSError, match="offline run: connection to .* refused"):
        guard(address)


@pytest.mark.parametrize("address", [("127.0.0.1", 8000), ("::1", 8000, 0, 0),
                                     ("localhost", 8888), "/tmp/kernel.sock"])
def test_loopback_and_unix_sockets_are_allowed(guard, address):
    guard(address)


def test_name_lookups_are_refused(guard):
    with pytest.raises(OSError, match="name lookup of 'example.org' refused"):
        socket.getaddrinfo("example.org", 443)


def test_kernels_inherit_the_guard(guard):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import socket\nprint(hasattr(socket, 'natoasia_offline_guard'))")])
    NotebookClient(nb, kernel_name="python3", timeout=60).execute()
    assert nb.cells[0].outputs[0]["text"].strip() == "True"
