"""Prefetch: what a CDS client sent, completed from its FHIR server where it sent nothing.

CDS Hooks 2.0, "Providing FHIR Resources to a CDS Service": a client MAY satisfy some prefetch
templates; a key it does not satisfy is left out, and a key with no data is sent as null. Where a
key is left out and the request carries ``fhirServer`` and ``fhirAuthorization``, the service may
fetch the same query itself with that bearer token. Here each fetch has a timeout, follows no
redirect, reads at most :data:`MAX_RESPONSE_BYTES`, and a failure leaves the key missing (said on
the cards), never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import httpx

__all__ = ["MAX_RESPONSE_BYTES", "TIMEOUT_S", "complete_prefetch", "render_template"]

#: Timeout of one FHIR request [s]: connect, read, write and pool each.
TIMEOUT_S = 5.0
#: The largest FHIR response read [bytes].
MAX_RESPONSE_BYTES = 5_000_000

_TOKEN = re.compile(r"\{\{\s*context\.([A-Za-z0-9_]+)\s*\}\}")


def render_template(template: str, context: Mapping[str, Any]) -> str | None:
    """The relative FHIR query of a prefetch template, or None where a token has no primitive
    value in the context."""
    missing = False

    def value(match: re.Match[str]) -> str:
        nonlocal missing
        found = context.get(match.group(1))
        if not isinstance(found, str | int | float) or isinstance(found, bool):
            missing = True
            return ""
        text = str(found)
        # a reference "Patient/123" where an id is expected: the id (as clients mean it)
        return text.split("/", 1)[1] if text.startswith("Patient/") else text

    query = _TOKEN.sub(value, template)
    return None if missing else query


async def complete_prefetch(body: Mapping[str, Any], templates: Mapping[str, str],
                            client: httpx.AsyncClient) -> tuple[dict[str, Any], list[str]]:
    """The prefetch to use and the keys still missing (neither sent nor fetched)."""
    sent = body.get("prefetch")
    prefetch: dict[str, Any] = dict(sent) if isinstance(sent, Mapping) else {}
    server = body.get("fhirServer")
    authorization = body.get("fhirAuthorization")
    missing: list[str] = []
    for key, template in templates.items():
        if key in prefetch:  # sent, possibly null (no data): nothing to fetch
            continue
        if not isinstance(server, str) or not isinstance(authorization, Mapping):
            missing.append(key)
            continue
        query = render_template(template, body.get("context") or {})
        if query is None:
            missing.append(key)
            continue
        fetched = await _get(client, server, query, str(authorization.get("access_token")))
        if fetched is None:
            missing.append(key)
        else:
            prefetch[key] = fetched
    return prefetch, missing


async def _get(client: httpx.AsyncClient, server: str, query: str,
               token: str) -> Mapping[str, Any] | None:
    url = f"{server.rstrip('/')}/{query}"
    try:
        async with client.stream("GET", url, headers={
                "Authorization": f"Bearer {token}", "Accept": "application/fhir+json"},
                timeout=TIMEOUT_S, follow_redirects=False) as response:
            if response.status_code != 200:
                return None
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body.extend(chunk)
                if len(body) > MAX_RESPONSE_BYTES:
                    return None
    except httpx.HTTPError:
        return None
    try:
        document = json.loads(bytes(body))
    except ValueError:
        return None
    return document if isinstance(document, Mapping) else None
