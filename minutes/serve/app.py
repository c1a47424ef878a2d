"""The preview's web application (Starlette): pages, page images, the output files, and a stream of
states (Server-Sent Events) that tells open pages when to update themselves.

Safe by construction: a URL only ever names a record and a document by the names the current
snapshot gives them; it is looked up there, never joined to a path, so nothing but the files a build
listed in its manifest (and that are still as it wrote them) can be read. Anything else is 404. Only
GET and HEAD are answered (nothing is ever written), only requests naming this machine as the host
(no DNS rebinding, see :mod:`.hosts`) and, unless the server is shared on purpose, only requests
from this machine.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route, Router

from minutes.serve.hosts import is_loopback_address, names_this_machine, own_names
from minutes.serve.html import Views
from minutes.serve.live import Session
from minutes.serve.pages import PageImages
from minutes.serve.state import Snapshot

STATIC = Path(__file__).resolve().parent / "static"
ASSETS = {"serve.css": "text/css; charset=utf-8", "serve.js": "text/javascript; charset=utf-8"}
TYPES = {".pdf": "application/pdf", ".html": "text/html; charset=utf-8", ".txt": "text/plain; charset=utf-8"}
HEARTBEAT_SECONDS = 15
IMMUTABLE = "private, max-age=31536000, immutable"  # a page image is named by the bytes of its PDF
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
          "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
OUTPUT_POLICY = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"  # the news brief

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]


def _not_found() -> Response:
    return PlainTextResponse("not found", status_code=404)


class Hub:
    """The open event streams: each gets every new snapshot; ``None`` ends them all (the server stops)."""

    def __init__(self) -> None:
        self.queues: set[asyncio.Queue[Snapshot | None]] = set()

    def publish(self, snapshot: Snapshot | None) -> None:
        for queue in self.queues:
            queue.put_nowait(snapshot)


def state_event(snapshot: Snapshot) -> str:
    """A snapshot as the pages need it: the version of every page, and whether a build runs."""
    data = {"generation": snapshot.generation, "building": snapshot.building,
            "records": {name: snapshot.version(name) for name in snapshot.records}}
    return f"event: state\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


class Preview:
    """The application around a :class:`Session`: ``app`` is what the ASGI server runs."""

    allowed: frozenset[str] = frozenset()  # the names of this machine besides its own, given on purpose

    def __init__(self, session: Session, lang: str, archive: Path, *, shared: bool = False,
                 allowed: frozenset[str] = frozenset()) -> None:
        self.session, self.views, self.images, self.hub = session, Views(lang, archive), PageImages(), Hub()
        self.shared, self.allowed = shared, allowed
        routes = [Route("/", self.index), Route("/live", self.index_live), Route("/events", self.events),
                  Route("/static/{asset}", self.static), Route("/r/{name}", self.record),
                  Route("/r/{name}/live", self.record_live), Route("/r/{name}/{file}", self.document),
                  Route("/r/{name}/{file}/page-{number:int}.jpg", self.page)]
        self.router = Router(routes, redirect_slashes=False, lifespan=self._lifespan)

    @asynccontextmanager
    async def _lifespan(self, app: object) -> AsyncIterator[None]:
        loop = asyncio.get_running_loop()
        self.session.start(lambda snapshot: loop.call_soon_threadsafe(self.hub.publish, snapshot))
        try:
            yield
        finally:
            self.hub.publish(None)
            await asyncio.to_thread(self.session.stop)

    async def app(self, scope: Scope, receive: Callable[[], Awaitable[Message]],
                  send: Callable[[Message], Awaitable[None]]) -> None:
        """The ASGI entry: refuse what is not ours to answer, then route, adding the security headers."""
        if scope["type"] == "http":
            refusal = self.refusal(scope)
            if refusal is not None:
                await refusal(scope, receive, send)
                return

            async def secured(message: Message) -> None:
                if message["type"] == "http.response.start":
                    headers = message.setdefault("headers", [])
                    headers += [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"no-referrer"),
                                (b"cross-origin-resource-policy", b"same-origin")]
                    if not any(name == b"content-security-policy" for name, _ in headers):
                        headers.append((b"content-security-policy", POLICY.encode()))
                await send(message)

            await self.router(scope, receive, secured)
            return
        await self.router(scope, receive, send)

    def refusal(self, scope: Scope) -> Response | None:
        """Why a request is not answered: not from this machine (unless shared), not for this machine, or not a read."""
        client = scope.get("client")
        if not self.shared and (not client or not is_loopback_address(client[0])):
            return PlainTextResponse("this preview answers only this machine", status_code=403)
        if not names_this_machine(dict(scope["headers"]).get(b"host", b"").decode("latin-1"), self.allowed):
            return PlainTextResponse("this preview answers only to its own name", status_code=403)
        if scope["method"] not in ("GET", "HEAD"):
            return PlainTextResponse("the preview is read only", status_code=405, headers={"Allow": "GET, HEAD"})
        return None

    @property
    def names(self) -> frozenset[str]:
        """The host names it answers to (besides any IP address)."""
        return own_names() | self.allowed

    async def index(self, request: Request) -> Response:
        return HTMLResponse(self.views.index(self.session.snapshot), headers={"Cache-Control": "no-store"})

    async def index_live(self, request: Request) -> Response:
        snapshot = self.session.snapshot
        return HTMLResponse(self.views.index(snapshot, part=True),
                            headers={"Cache-Control": "no-store", "X-Live-Version": str(snapshot.generation)})

    async def record(self, request: Request) -> Response:
        snapshot = self.session.snapshot
        record = snapshot.records.get(request.path_params["name"])
        if record is None:
            return _not_found()
        return HTMLResponse(self.views.record(snapshot, record), headers={"Cache-Control": "no-store"})

    async def record_live(self, request: Request) -> Response:
        snapshot = self.session.snapshot
        record = snapshot.records.get(request.path_params["name"])
        if record is None:
            return _not_found()
        return HTMLResponse(self.views.record(snapshot, record, part=True),
                            headers={"Cache-Control": "no-store", "X-Live-Version": str(snapshot.version(record.name))})

    def document(self, request: Request) -> Response:
        """An output file of a record, as the build wrote it (the news brief sandboxed: no script, no request)."""
        record = self.session.snapshot.records.get(request.path_params["name"])
        document = record.document(request.path_params["file"]) if record else None
        data = self.session.documents.read(record.name, document) if record and document else None
        if record is None or document is None or data is None:
            return _not_found()
        headers = {"Cache-Control": "no-cache", "Content-Security-Policy": OUTPUT_POLICY}
        return Response(data, media_type=TYPES.get(Path(document.file).suffix, "application/octet-stream"),
                        headers=headers)

    def page(self, request: Request) -> Response:
        """The image of a page of a record's PDF, in the version the URL names (``v``), while it is known."""
        record = self.session.snapshot.records.get(request.path_params["name"])
        document = record.document(request.path_params["file"]) if record else None
        number, token = request.path_params["number"], request.query_params.get("v", "")
        if record is None or document is None or not 1 <= number <= document.page_count:
            return _not_found()
        image = self.images.cached(token, number)
        if image is None and token == document.token:
            data = self.session.documents.read(record.name, document)
            image = self.images.image(data, token, number) if data is not None else None
        if image is None:
            return _not_found()
        return Response(image, media_type="image/jpeg", headers={"Cache-Control": IMMUTABLE})

    async def static(self, request: Request) -> Response:
        asset = request.path_params["asset"]
        if asset not in ASSETS:
            return _not_found()
        return Response((STATIC / asset).read_bytes(), media_type=ASSETS[asset], headers={"Cache-Control": "no-cache"})

    async def events(self, request: Request) -> Response:
        if request.method == "HEAD":  # a stream never ends: there is nothing to say of its length
            return Response(media_type="text/event-stream", headers={"Cache-Control": "no-store"})
        queue: asyncio.Queue[Snapshot | None] = asyncio.Queue()
        self.hub.queues.add(queue)

        async def stream() -> AsyncIterator[str]:
            try:
                yield state_event(self.session.snapshot)
                while True:
                    try:
                        snapshot = await asyncio.wait_for(queue.get(), HEARTBEAT_SECONDS)
                    except TimeoutError:
                        yield ": still here\n\n"
                        continue
                    if snapshot is None:
                        return
                    yield state_event(snapshot)
            finally:
                self.hub.queues.discard(queue)

        return StreamingResponse(stream(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store"})

