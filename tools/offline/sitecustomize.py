"""Refuse every network connection except to this machine, when NATOASIA_OFFLINE is set.

`make test` puts this folder on PYTHONPATH, so every Python process of the test run (pytest,
its workers, Jupyter kernels, papermill, Sphinx) starts with the guard: a connection or a
name lookup for anything but loopback raises before a single packet leaves the machine.
"""

import ipaddress
import os
import socket

if os.environ.get("NATOASIA_OFFLINE") == "1":

    class OfflineError(OSError):
        """A network access the offline test run does not allow."""

    def _is_local(host) -> bool:
        if host in ("localhost", "", None) or str(host).endswith(".localhost"):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def check_address(address) -> None:
        """Raise unless ``address`` is a Unix socket path or a loopback host."""
        if isinstance(address, (str, bytes)):  # AF_UNIX
            return
        host = address[0] if isinstance(address, tuple) else address
        if not _is_local(host):
            raise OfflineError(f"offline run: connection to {host!r} refused "
                               "(only loopback is allowed)")

    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        check_address(address)
        return _connect(self, address)

    def connect_ex(self, address):
        check_address(address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_local(host.decode() if isinstance(host, bytes) else host):
            raise OfflineError(f"offline run: name lookup of {host!r} refused")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.getaddrinfo = getaddrinfo
    socket.natoasia_offline_guard = check_address
