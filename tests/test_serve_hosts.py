"""Who the preview answers, as properties: the Host names it accepts (no DNS rebinding, shared or not),
the addresses that count as this machine only however they are spelled, and the ports ``serve`` takes."""

from __future__ import annotations

import contextlib
import io
import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minutes.cli import main, parser
from minutes.serve import server as server_module
from minutes.serve.hosts import host_name, names_this_machine, own_names
from minutes.serve.server import ServeError, bind, is_loopback
from minutes.workspace import Workspace

LABEL = r"[a-z]([a-z0-9-]{0,12}[a-z0-9])?"
NAMES = st.from_regex(rf"{LABEL}(\.{LABEL}){{0,3}}", fullmatch=True).filter(lambda name: name not in own_names())
PORTS = st.one_of(st.just(""), st.integers(0, 65535).map(lambda port: f":{port}"))


def _header(address: ipaddress.IPv4Address | ipaddress.IPv6Address, port: str) -> str:
    return f"[{address}]{port}" if address.version == 6 else f"{address}{port}"


@given(st.ip_addresses(), PORTS)
def test_any_address_literal_names_this_machine(address: ipaddress.IPv4Address | ipaddress.IPv6Address,
                                                port: str) -> None:
    """A rebinding needs a name: a Host that is an address (any, with or without a port) is answered."""
    assert names_this_machine(_header(address, port))


@given(NAMES, PORTS, st.sampled_from([str.lower, str.upper, str.title]), st.booleans())
def test_a_name_is_answered_only_when_it_is_one_of_this_machine(name: str, port: str, case: object,
                                                                 final_dot: bool) -> None:
    spelled = case(name) + ("." if final_dot else "") + port  # type: ignore[operator]
    assert not names_this_machine(spelled), "a foreign name (a page of another site rebound to us) is answered"
    assert names_this_machine(spelled, frozenset({name})), "a name given with --allow-host is refused"


@pytest.mark.parametrize("name", sorted(own_names()))
def test_the_machine_own_names_are_answered(name: str) -> None:
    assert names_this_machine(name) and names_this_machine(f"{name.upper()}.:8000")


@pytest.mark.parametrize("header", [
    "", "attacker.example", "127.0.0.1.nip.io:8000", "localhost.attacker.example", "[::1]attacker.example",
    "localhost:8000:80", "localhost:", "localhost:123456", "::1", "[localhost]", "[1.2.3.4]", "local host",
    "2130706433", "0x7f000001", "localhost\x00.attacker.example", "xn--lcalhost-\u00e9.example",
])
def test_what_is_not_a_host_of_this_machine_is_refused(header: str) -> None:
    assert not names_this_machine(header, frozenset({"attacker.example.org"}))


@given(st.text(max_size=40))
def test_any_header_is_judged_without_error(header: str) -> None:
    if names_this_machine(header):  # then it is an address, or one of the machine's names
        assert set(header.lower()) <= set("0123456789abcdef:.[]") or header.lower().startswith(tuple(own_names()))


# -- the address the server binds decides whether it is shared --------------------------------------------

def _spellings(address: ipaddress.IPv4Address) -> list[str]:
    """Ways of writing an IPv4 loopback address the resolver (and so ``bind``) takes."""
    value = int(address)
    return [str(address), f"{value >> 24}.{value & 0xFFFFFF}", str(value), hex(value), f"::ffff:{address}",
            f"[::ffff:{address}]"]


@settings(max_examples=40, deadline=None)
@given(st.ip_addresses(network="127.0.0.0/8"))
def test_a_loopback_address_however_spelled_is_not_shared(address: ipaddress.IPv4Address) -> None:
    for spelling in _spellings(address):
        assert is_loopback(spelling), spelling
        sock = bind(spelling, 0)
        try:
            bound = ipaddress.ip_address(sock.getsockname()[0])
        finally:
            sock.close()
        assert (getattr(bound, "ipv4_mapped", None) or bound) == address, spelling


@pytest.mark.parametrize("host", ["0.0.0.0", "0", "::", "[::]", "", "192.0.2.7", "::ffff:192.0.2.7", "office.example",
                                  "a" * 300])
def test_other_addresses_are_shared(host: str) -> None:
    assert not is_loopback(host)


def test_the_names_given_on_purpose_are_answered(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                                 workspace: Workspace) -> None:
    servers: list[server_module.Server] = []
    monkeypatch.setattr(server_module, "bind", lambda host, port: bind("127.0.0.1", 0))  # never on the network
    monkeypatch.setattr(server_module.Server, "run", lambda self: servers.append(self))
    assert main(["-C", str(workspace.root), "--lang", "en", "serve", "--host", "0.0.0.0", "--allow-host",
                 "Preview.Office.Example.", "--allow-host", "minutes.lan"]) == 0
    preview = servers[0].preview
    assert preview.allowed == {"preview.office.example", "minutes.lan"} and preview.names >= own_names()
    assert names_this_machine("preview.office.example:8000", preview.allowed)
    err = capsys.readouterr().err
    assert "by one of the names " + ", ".join(sorted(preview.names)) + ";" in err
    main(["-C", str(workspace.root), "serve", "--host", "localhost"])
    assert servers[1].preview.allowed == {"localhost"} and not servers[1].shared


# -- ports --------------------------------------------------------------------------------------------------

@given(st.integers(0, 65535))
def test_every_port_is_taken(port: int) -> None:
    assert parser().parse_args(["serve", "--port", str(port)]).port == port


@given(st.one_of(st.integers(max_value=-1), st.integers(min_value=65536)).map(str)
       | st.sampled_from(["", "80.0", "0x50", "+80", " 80", "8e3", "eighty", "²", "9" * 5000]))
def test_a_port_out_of_range_is_a_usage_error(port: str) -> None:
    err = io.StringIO()
    with pytest.raises(SystemExit) as exit_, contextlib.redirect_stderr(err):
        parser().parse_args(["serve", f"--port={port}"])
    assert exit_.value.code == 2
    assert "argument --port: not a port (a whole number from 0 to 65535)" in err.getvalue()


@pytest.mark.parametrize("port", [-1, 65536, 99999, 2**16 + 8000])
def test_the_library_refuses_a_port_out_of_range_too(port: int) -> None:
    with pytest.raises(ServeError, match="a port is 0 to 65535"):
        bind("127.0.0.1", port)


def test_an_allowed_host_is_a_name() -> None:
    for bad in ("*", "evil.example/x", "a..b", "-a.example", "a" * 64 + ".example", "مثال.ایران"):
        with pytest.raises(ValueError, match="not a host name"):
            host_name(bad)
    assert host_name("Office-PC.LAN.") == "office-pc.lan"
