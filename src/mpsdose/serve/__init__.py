"""``mpsdose serve``: a CDS Hooks 2.0 service for EHRs and a web page for pharmacists
(CONTRACT.md §7).

The server sits beside :mod:`mpsdose.cli` at the top of the layers: it reads requests, calls the
same library functions as the CLI, and renders cards or a page. Its modules:

- :mod:`mpsdose.serve.app`: the Starlette application and :func:`~mpsdose.serve.app.run`;
- :mod:`mpsdose.serve.security`: the CDS Hooks JWT check (JWKS, ``iss``, ``aud``, ``exp``,
  ``jti``);
- :mod:`mpsdose.serve.hooks`: a CDS Hooks request → the regimen (draft and active orders) and the
  patient (glue over :mod:`mpsdose.io.fhir`);
- :mod:`mpsdose.serve.fetch`: prefetch templates and what is missing fetched from ``fhirServer``;
- :mod:`mpsdose.serve.cards`: findings, totals and alternatives → CDS Hooks cards;
- :mod:`mpsdose.serve.page`: the page's query → totals, checks, rotation, methadone, timeline.

It needs the extra: ``pip install "mpsdose[serve]"``. Importing this package loads none of it.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.util import find_spec
from typing import Any

__all__ = ["INSTALL_HINT", "missing_requirements", "start"]

#: The modules the server imports, by their import names (the ``serve`` extra installs them).
REQUIREMENTS = ("starlette", "uvicorn", "httpx", "jinja2", "jwt", "fhir.resources")
INSTALL_HINT = 'the server needs its extra: pip install "mpsdose[serve]"'


def missing_requirements() -> list[str]:
    """The import names of the server's requirements that are not installed (none: ready)."""
    missing = []
    for name in REQUIREMENTS:
        try:
            found = find_spec(name)
        except ModuleNotFoundError:  # a parent package is missing ("fhir" for fhir.resources)
            found = None
        if found is None:
            missing.append(name)
    return missing


def start(*, host: str = "127.0.0.1", port: int = 8000, jwks: str | None = None,
          issuers: Sequence[str] = (), public_url: str | None = None,
          cors_origins: Sequence[str] = (), access_log: bool = False,
          knowledge: Any = None) -> None:
    """Check the options, then serve until interrupted (what ``mpsdose serve`` runs).

    A JWK Set file is read before the server starts, so that a bad one is refused at once.
    """
    from mpsdose.serve.app import Settings, run
    from mpsdose.serve.security import AuthError, KeySet

    if jwks is not None and not issuers:
        raise AuthError("--jwks needs at least one --allowed-issuer")
    if jwks is not None and not jwks.startswith(("https://", "http://")):
        KeySet(jwks)
    settings = Settings(knowledge=knowledge, jwks=jwks, allowed_issuers=tuple(issuers),
                        public_url=public_url, cors_origins=tuple(cors_origins))
    run(settings, host, port, access_log=access_log)
