"""Which addresses and names are this machine's: what the preview checks against other machines and
against DNS rebinding.

A web page of another site can rebind its own host name to 127.0.0.1 (or to this machine's address)
and read the preview from the secretary's own browser; the request then names that site in its Host
header. So a request is answered only when its Host header names this machine: an IP address
(rebinding needs a name), ``localhost``, a name the machine gives itself, or a name given on purpose
(``--allow-host``, or the ``--host`` the server was started on).
"""

from __future__ import annotations

import functools
import ipaddress
import re
import socket

LOCALHOST = "localhost"
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_NAME = re.compile(rf"{_LABEL}(\.{_LABEL})*")
_HOST_HEADER = re.compile(r"(?:\[(?P<ipv6>[0-9a-f:.]+)\]|(?P<name>[^\[\]:]+))(?::[0-9]{1,5})?")


def is_loopback_address(address: str) -> bool:
    """Whether ``address`` is an IP address of this machine only (IPv4-mapped IPv6 included)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(ip, "ipv4_mapped", None)
    return ip.is_loopback or bool(mapped and mapped.is_loopback)


def is_address(text: str) -> bool:
    """Whether ``text`` is an IPv4 or IPv6 address literal (no brackets)."""
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def host_name(name: str) -> str:
    """A host name as it is compared: lower case, without the final dot; ``ValueError`` if it is not one."""
    normal = name.lower().removesuffix(".")
    if len(normal) > 253 or not _NAME.fullmatch(normal):
        raise ValueError(f"not a host name: {name!r}")
    return normal


@functools.cache
def own_names() -> frozenset[str]:
    """``localhost`` and the names this machine gives itself (its host name, its fully qualified name)."""
    names = {LOCALHOST}
    for name in (socket.gethostname(), socket.getfqdn()):
        try:
            names.add(host_name(name))
        except ValueError:
            continue
    return frozenset(names)


def names_this_machine(header: str, allowed: frozenset[str] = frozenset()) -> bool:
    """Whether a Host header (name or address, with an optional port) names this machine (see the module)."""
    found = _HOST_HEADER.fullmatch(header.lower())
    if found is None:
        return False
    if found["ipv6"] is not None:
        return is_address(found["ipv6"]) and ":" in found["ipv6"]
    if is_address(found["name"]):
        return True
    try:
        name = host_name(found["name"])
    except ValueError:
        return False
    return name in own_names() or name in allowed
