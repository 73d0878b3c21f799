"""Where the app answers: this computer only, as `make run` starts it (the server, its
database: tests/e2e/conftest.py). Demo people sign in without a password."""

from __future__ import annotations

import socket
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.e2e


def own_network_address() -> str | None:
    """This machine's address on its network (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks the outgoing interface
        except OSError:
            return None
        address = str(probe.getsockname()[0])
    return None if address.startswith("127.") else address


def test_the_app_answers_this_computer_only(app_url: str) -> None:
    """A security audit: `make run` answered every machine on the network, and `/?as=alex`
    made any of them the admin, since demo people have no password."""
    port = urlparse(app_url).port
    assert port is not None
    with socket.create_connection(("127.0.0.1", port), timeout=5):
        pass  # this computer reaches it
    address = own_network_address()
    if address is not None:
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=5).close()
