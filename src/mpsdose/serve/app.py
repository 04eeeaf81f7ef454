"""The server: CDS Hooks 2.0 on ``/cds-services`` and the pharmacist's page on ``/``.

Routes (CONTRACT.md §7):

- ``GET /cds-services``: discovery, one service per hook (:data:`SERVICES`), each with the
  prefetch templates of :func:`mpsdose.serve.hooks.prefetch_templates`;
- ``POST /cds-services/{id}``: the cards for a request (:mod:`mpsdose.serve.cards`); a request
  that is not well formed is a 4xx with a JSON error (400, 404 an unknown service, 413 too large,
  412 a patient-view with no medications to read), never a 500;
- ``POST /cds-services/{id}/feedback``: accepted (200) and counted, nothing stored;
- ``GET /``: the page (:mod:`mpsdose.serve.page`), rendered on the server, no JavaScript;
  ``GET /plot.png`` the course's plot; ``GET /healthz``: 200.

With a JWK Set (``--jwks``), every ``/cds-services`` request needs a bearer JWT
(:mod:`mpsdose.serve.security`); the ``aud`` is the endpoint's URL as the client calls it
(``--public-url`` where a proxy stands in front). Bodies are limited to
:data:`MAX_BODY_BYTES`, the checks of one request to :data:`COMPUTE_TIMEOUT_S`, each FHIR fetch to
:data:`mpsdose.serve.fetch.TIMEOUT_S`. Logs name the method, the route, the status and the time
taken: no query string, no body, no patient data.
"""

from __future__ import annotations

import asyncio
import json
import logging
import tempfile
import time
from collections.abc import Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import attrs
import httpx
import jinja2
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mpsdose._version import __version__
from mpsdose.knowledge.bundle import Knowledge, resolve
from mpsdose.model.errors import MpsdoseError
from mpsdose.serve import cards, fetch, hooks, page
from mpsdose.serve.security import AuthError, KeySet, Verifier

__all__ = ["COMPUTE_TIMEOUT_S", "MAX_BODY_BYTES", "SERVICES", "Settings", "create_app", "run"]

log = logging.getLogger("mpsdose.serve")

#: The largest request body read [bytes].
MAX_BODY_BYTES = 2_000_000
#: The longest the checks of one request may take [s] (then 503).
COMPUTE_TIMEOUT_S = 10.0

#: The CDS services: id → (hook, title, description).
SERVICES = {
    "mpsdose-order-select": (
        "order-select", "mpsdose: analgesic regimen check (order select)",
        "Checks the selected analgesic orders with the patient's active orders: dose limits by "
        "age, weight and renal function, duplications and risky combinations, rescue doses, and "
        "the total oral morphine equivalent (OME), each with its source."),
    "mpsdose-order-sign": (
        "order-sign", "mpsdose: analgesic regimen check (order sign)",
        "Checks the analgesic orders being signed with the patient's active orders: dose limits "
        "by age, weight and renal function, duplications and risky combinations, rescue doses, "
        "unreduced opioid switches (with the reduced dose), and the total OME, with sources."),
    "mpsdose-patient-view": (
        "patient-view", "mpsdose: current analgesic regimen",
        "The total oral morphine equivalent of the patient's active orders and the findings of "
        "mpsdose's checks on them, with sources."),
}


@attrs.frozen
class Settings:
    """How the server runs (the options of ``mpsdose serve``)."""

    knowledge: Knowledge | None = None
    jwks: str | None = None  #: a JWK Set file or URL; None: no JWT required
    allowed_issuers: tuple[str, ...] = ()
    public_url: str | None = None  #: the base URL clients call (the JWT ``aud``); None: as seen
    cors_origins: tuple[str, ...] = ()
    table: str | None = None  #: conversion table of the CDS cards' OME (default cdc2022)
    max_body_bytes: int = MAX_BODY_BYTES
    compute_timeout_s: float = COMPUTE_TIMEOUT_S
    reader: page.Reader | None = page.read_paragraph  #: None: the page reads no paragraph


def _error(status: int, error: str, message: str,
           headers: Mapping[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": error, "message": message}, status_code=status,
                        headers=dict(headers or {}))


class _Refused(Exception):
    """A request answered with a 4xx JSON error."""

    def __init__(self, status: int, error: str, message: str,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.response = _error(status, error, message, headers)


class _AccessLog:
    """Logs each request: method, route, status, milliseconds. Never a query string or a body."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            path = str(scope.get("path", ""))
            route = "/cds-services/{id}" + ("/feedback" if path.endswith("/feedback") else "") \
                if path.startswith("/cds-services/") else path
            log.info("%s %s %d %.1f ms", scope.get("method"), route, status,
                     (time.perf_counter() - start) * 1000)


def create_app(settings: Settings | None = None, *,
               http_client: httpx.AsyncClient | None = None) -> Starlette:
    """The ASGI application. ``http_client`` is used for FHIR fetches and a JWKS URL (tests
    give one with a mock transport); by default one is made per application."""
    settings = settings or Settings()
    knowledge = resolve(settings.knowledge)
    templates = hooks.prefetch_templates(knowledge)
    for name in ("httpx", "httpcore"):  # they log each URL: a FHIR query names the patient
        logger = logging.getLogger(name)
        logger.setLevel(max(logger.getEffectiveLevel(), logging.WARNING))
    verifier = None
    if settings.jwks is not None:
        verifier = Verifier(KeySet(settings.jwks, client=http_client), settings.allowed_issuers)
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mpsdose.serve", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=False)
    template = environment.get_template("page.html")
    plot_available = find_spec("matplotlib") is not None
    state: dict[str, Any] = {"client": http_client, "feedback": 0}

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        own = state["client"] is None
        if own:
            state["client"] = httpx.AsyncClient(timeout=fetch.TIMEOUT_S, follow_redirects=False)
        try:
            yield
        finally:
            if own:
                await state["client"].aclose()

    def client() -> httpx.AsyncClient:
        if state["client"] is None:  # used without its lifespan (e.g. a bare TestClient)
            state["client"] = httpx.AsyncClient(timeout=fetch.TIMEOUT_S, follow_redirects=False)
        return state["client"]  # type: ignore[no-any-return]

    def endpoint_url(request: Request) -> str:
        if settings.public_url:
            return settings.public_url.rstrip("/") + request.url.path
        return str(request.url.replace(query="", fragment=""))

    async def authorize(request: Request) -> None:
        if verifier is None:
            return
        try:
            await verifier.verify(request.headers.get("authorization"), endpoint_url(request))
        except AuthError as error:
            raise _Refused(401, "unauthorized", error.reason,
                           {"WWW-Authenticate": 'Bearer error="invalid_token"'}) from None

    async def read_json(request: Request) -> Any:
        length = request.headers.get("content-length")
        if length is not None:
            try:
                too_long = int(length) > settings.max_body_bytes
            except ValueError:
                raise _Refused(400, "bad-request", "Content-Length is not a number") from None
            if too_long:
                raise _Refused(413, "too-large",
                               f"the body is over {settings.max_body_bytes} bytes")
        body = bytearray()
        async for chunk in request.stream():
            body.extend(chunk)
            if len(body) > settings.max_body_bytes:
                raise _Refused(413, "too-large",
                               f"the body is over {settings.max_body_bytes} bytes")
        try:
            return json.loads(bytes(body), parse_constant=_not_json)
        except (ValueError, RecursionError):
            raise _Refused(400, "bad-request", "the body is not JSON (UTF-8)") from None

    def guarded(handler: Callable[[Request], Awaitable[Response]]
                ) -> Callable[[Request], Awaitable[Response]]:
        async def run_handler(request: Request) -> Response:
            try:
                return await handler(request)
            except _Refused as refused:
                return refused.response
        return run_handler

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__})

    async def discovery(request: Request) -> Response:
        await authorize(request)
        return JSONResponse({"services": [
            {"hook": hook, "title": title, "description": description, "id": service_id,
             "prefetch": templates}
            for service_id, (hook, title, description) in SERVICES.items()]})

    async def service(request: Request) -> Response:
        service_id = request.path_params["service_id"]
        if service_id not in SERVICES:
            raise _Refused(404, "not-found", f"no CDS service {service_id!r}; services: "
                           f"{', '.join(SERVICES)}")
        await authorize(request)
        body = await read_json(request)
        hook = SERVICES[service_id][0]
        try:
            hooks.validate_request(body, hook)
        except hooks.RequestError as error:
            raise _Refused(400, "bad-request", str(error)) from None
        prefetch, missing = await fetch.complete_prefetch(body, templates, client())
        if hook == "patient-view" and "medications" in missing:
            raise _Refused(412, "precondition-failed",
                           "the active medications were neither prefetched nor can they be "
                           "fetched (no fhirServer with fhirAuthorization)")

        def decide() -> list[dict[str, Any]]:
            given = hooks.read_request(body, prefetch, knowledge=knowledge)
            given = attrs.evolve(given, missing=tuple(missing))
            return cards.respond(given, table=settings.table, knowledge=knowledge)

        try:
            found = await asyncio.wait_for(run_in_threadpool(decide),
                                           timeout=settings.compute_timeout_s)
        except hooks.RequestError as error:
            raise _Refused(400, "bad-request", str(error)) from None
        except MpsdoseError as error:
            raise _Refused(422, "not-checked", str(error)) from None
        except TimeoutError:
            raise _Refused(503, "timeout", "the checks took too long") from None
        return JSONResponse({"cards": found})

    async def feedback(request: Request) -> Response:
        service_id = request.path_params["service_id"]
        if service_id not in SERVICES:
            raise _Refused(404, "not-found", f"no CDS service {service_id!r}")
        await authorize(request)
        body = await read_json(request)
        entries = body.get("feedback") if isinstance(body, Mapping) else None
        if not isinstance(entries, list) or not all(
                isinstance(e, Mapping) and isinstance(e.get("card"), str)
                and e.get("outcome") in ("accepted", "overridden") for e in entries):
            raise _Refused(400, "bad-request", "feedback: a list of {card, outcome "
                           "(accepted|overridden), outcomeTimestamp}")
        state["feedback"] += len(entries)
        return JSONResponse({"accepted": len(entries)})

    def query_of(request: Request) -> page.Query:
        params: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            params.setdefault(key, []).append(value)
        return page.parse_query(params)

    async def home(request: Request) -> Response:
        query = query_of(request)

        def render() -> str:
            shown = page.build(query, knowledge=knowledge, reader=settings.reader)
            base = settings.public_url.rstrip("/") if settings.public_url else \
                str(request.base_url).rstrip("/")
            return template.render(page=shown, version=__version__, base_url=base,
                                   plot_available=plot_available)

        try:
            html = await asyncio.wait_for(run_in_threadpool(render),
                                          timeout=settings.compute_timeout_s)
        except TimeoutError:
            raise _Refused(503, "timeout", "the checks took too long") from None
        return HTMLResponse(html, headers=_PAGE_HEADERS)

    async def plot(request: Request) -> Response:
        if not plot_available:
            raise _Refused(404, "not-available", 'the plot needs matplotlib: pip install '
                           '"mpsdose[serve,plot]"')
        query = query_of(request)

        def draw() -> bytes | None:
            from mpsdose.clinical.compare import timeline
            from mpsdose.present.plot import plot_timeline

            course = page.course_for_plot(query, knowledge=knowledge, reader=settings.reader)
            if course is None:
                return None
            table = query.table if query.table in knowledge.conversion_tables else None
            with tempfile.TemporaryDirectory() as folder:
                target = Path(folder) / "course.png"
                plot_timeline(timeline(course, table, knowledge=knowledge), target)
                return target.read_bytes()

        picture = await run_in_threadpool(draw)
        if picture is None:
            raise _Refused(400, "bad-request", "the query describes no course to draw")
        return Response(picture, media_type="image/png",
                        headers={"Cache-Control": "no-store"})

    async def not_found(request: Request, exc: Exception) -> Response:
        status = getattr(exc, "status_code", 404)
        return _error(status, "not-found" if status == 404 else "refused",
                      str(getattr(exc, "detail", "")) or "no such page")

    async def server_error(request: Request, exc: Exception) -> Response:
        # the type only: a message could hold patient data
        log.error("unexpected %s on %s %s", type(exc).__name__, request.method,
                  request.url.path)
        return _error(500, "internal", "an unexpected error; it has been logged")

    routes = [
        Route("/", guarded(home), methods=["GET"]),
        Route("/plot.png", guarded(plot), methods=["GET"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/cds-services", guarded(discovery), methods=["GET"]),
        Route("/cds-services/{service_id}", guarded(service), methods=["POST"]),
        Route("/cds-services/{service_id}/feedback", guarded(feedback), methods=["POST"]),
    ]
    middleware = [Middleware(_AccessLog)]
    if settings.cors_origins:
        middleware.append(Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"],
                                     allow_headers=["Authorization", "Content-Type"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: not_found, Exception: server_error})
    app.state.feedback = state
    return app


def _not_json(constant: str) -> Any:
    """NaN and Infinity are not JSON (RFC 8259), though Python's reader takes them."""
    raise ValueError(f"{constant} is not JSON")


#: The page runs no script and loads nothing from elsewhere; its address holds patient data, so
#: no Referer leaves it.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}


def run(settings: Settings, host: str = "127.0.0.1", port: int = 8000, *,
        access_log: bool = False) -> None:
    """Serve until interrupted (uvicorn). ``access_log`` adds uvicorn's own log, whose lines
    hold the query string (patient data on the page): off by default."""
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    uvicorn.run(create_app(settings), host=host, port=port, access_log=access_log,
                timeout_keep_alive=5, timeout_graceful_shutdown=5, log_level="info",
                server_header=False)
