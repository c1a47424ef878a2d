"""Run the preview: a socket bound before anything runs (so its address is known, and a port in use
is said at once), the build session, and uvicorn serving the application on that socket.

Why uvicorn and Starlette: both are small, typed, widely used and maintained (by the Encode team),
pure Python over asyncio with no compiled part we need, and an event stream to many open pages is
one async generator; no framework of our own to keep.
"""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import uvicorn

from minutes.diagnostics import MinutesError, Note
from minutes.serve.app import Preview
from minutes.serve.hosts import host_name, is_address, is_loopback_address
from minutes.serve.live import Report, Session
from minutes.workspace import Workspace

MAX_PORT = 65535
GRACE_SECONDS = 2  # how long open requests may finish once the server is told to stop


class ServeError(MinutesError):
    """The preview could not start (the address is taken, or not one of this machine)."""


def _address(host: str, port: int) -> tuple[socket.AddressFamily, socket.SocketKind, int, tuple[Any, ...]]:
    """Where a server asked for ``host``:``port`` binds: family, type, protocol and socket address."""
    if not 0 <= port <= MAX_PORT:  # the resolver would take it modulo 65536
        raise ServeError(Note.of("cannot-listen.port", host=host, port=port, limit=MAX_PORT))
    try:
        family, kind, protocol, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM,
                                                                flags=socket.AI_PASSIVE)[0]
    except (OSError, UnicodeError) as error:  # a name too long for the resolver is a UnicodeError
        raise ServeError(Note.of("cannot-listen", host=host, port=port,
                                  error=str(getattr(error, "strerror", None) or error))) from None
    return family, kind, protocol, address


def is_loopback(host: str) -> bool:
    """Whether the address ``host`` binds, however it is spelled (``127.1``, ``::ffff:127.0.0.1``,
    ``localhost``), is one of this machine only (then nobody else can reach the preview)."""
    try:
        return is_loopback_address(_address(host, 0)[3][0])
    except ServeError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A TCP socket bound to ``host``:``port`` (0: any free port), not yet listening."""
    family, kind, protocol, address = _address(host, port)
    try:
        sock = socket.socket(family, kind, protocol)
    except OSError as error:
        raise ServeError(Note.of("cannot-listen", host=host, port=port, error=str(error.strerror or error))) from None
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as error:
        sock.close()
        raise ServeError(Note.of("cannot-listen", host=host, port=port, error=str(error.strerror or error))) from None
    return sock


def _given_names(host: str, allow_hosts: Iterable[str]) -> frozenset[str]:
    """The names of this machine given on purpose: ``--allow-host``, and ``--host`` when it is a name."""
    names = {host_name(name) for name in allow_hosts}
    bare = host.strip("[]")
    if bare and not is_address(bare):
        with contextlib.suppress(ValueError):  # not a name we could be asked for
            names.add(host_name(bare))
    return frozenset(names)


class Server:
    """The preview of a workspace on one address; :meth:`run` serves until :meth:`stop` (or Ctrl-C)."""

    def __init__(self, workspace: Workspace, record_paths: list[Path] | None, out_dir: Path, *, lang: str,
                 host: str = "127.0.0.1", port: int = 8000, archive: Path | None = None,
                 report: Callable[[Report], None] | None = None, allow_hosts: Iterable[str] = ()) -> None:
        self.shared = not is_loopback(host)
        self.socket = bind(host, port)
        self.session = Session(workspace, record_paths, out_dir, report=report)
        self.preview = Preview(self.session, lang, archive or workspace.root / "archive", shared=self.shared,
                               allowed=_given_names(host, allow_hosts))
        config = uvicorn.Config(self.preview.app, interface="asgi3", lifespan="on", log_level="warning",
                                access_log=False, proxy_headers=False, server_header=False,
                                timeout_graceful_shutdown=GRACE_SECONDS)
        self._server = _Uvicorn(config, self.preview)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}/"

    def run(self) -> None:
        """Serve until stopped (Ctrl-C, SIGTERM, or :meth:`stop` from another thread)."""
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self.socket.close()

    def stop(self) -> None:
        self._server.should_exit = True


class _Uvicorn(uvicorn.Server):
    """uvicorn's server, ending the open event streams first when it stops (else it would wait for them)."""

    def __init__(self, config: uvicorn.Config, preview: Preview) -> None:
        super().__init__(config)
        self.preview = preview

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self.preview.hub.publish(None)
        await super().shutdown(sockets)
