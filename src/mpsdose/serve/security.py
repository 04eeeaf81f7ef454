"""Trusting CDS clients: the bearer JWT that CDS Hooks requires on every call.

CDS Hooks 2.0, "Trusting CDS Clients": each request carries ``Authorization: Bearer <JWT>``,
signed with the client's private key (JWS) and checked against its public keys, a JWK Set that
client and service exchanged out of band. The header has ``alg``, ``kid`` and ``typ``; the payload
``iss``, ``aud`` (the URL of the endpoint being called), ``exp``, ``iat`` and ``jti`` (a nonce
against replays). ``alg: none`` and symmetric algorithms (HMAC) SHALL NOT be used.

Here, with a JWK Set configured (``--jwks FILE|URL``):

- only asymmetric algorithms are accepted (RSA, RSA-PSS, ECDSA, EdDSA), and only with a key of
  the matching type from the configured set, found by ``kid`` (a key's own ``alg`` must agree):
  ``alg: none`` and HS256 signed with the public key as the secret are refused before any
  signature is computed;
- ``iss`` must be one of the allowed issuers, ``aud`` the endpoint's URL, ``exp`` in the future
  and at most :data:`MAX_LIFETIME_S` ahead, ``iat`` present, ``jti`` not seen before within its
  ``exp`` (a replay);
- a ``jku`` header is never fetched: keys come from the configured set only.

Anything else is an :class:`AuthError`, which the server answers with 401.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import httpx
import jwt

from mpsdose.model.errors import MpsdoseError

__all__ = ["ASYMMETRIC", "AuthError", "KeySet", "ReplayCache", "Verifier"]

#: JWS algorithms (RFC 7518) accepted, by the key type they need. No HMAC, no "none".
ASYMMETRIC = {
    "RS256": "RSA", "RS384": "RSA", "RS512": "RSA",
    "PS256": "RSA", "PS384": "RSA", "PS512": "RSA",
    "ES256": "EC", "ES384": "EC", "ES512": "EC",
    "EdDSA": "OKP",
}
#: The longest a token may still be valid when it arrives [s]; bounds the replay cache.
MAX_LIFETIME_S = 3600.0
#: Clock skew allowed between client and service on ``exp`` and ``iat`` [s].
LEEWAY_S = 10.0
#: How long keys fetched from a JWKS URL are kept before they are fetched again [s].
JWKS_TTL_S = 300.0
#: Timeout of a JWKS fetch [s].
JWKS_TIMEOUT_S = 5.0


class AuthError(MpsdoseError, PermissionError):
    """A request that is not from a trusted CDS client: answered with 401."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


class KeySet:
    """The CDS client's public keys: a JWK Set from a file (read once) or a URL (fetched with a
    timeout, kept for :data:`JWKS_TTL_S`, fetched again when a ``kid`` is unknown)."""

    def __init__(self, source: str, *, client: httpx.AsyncClient | None = None) -> None:
        self.source = source
        self.is_url = source.startswith(("https://", "http://"))
        self._client = client
        self._keys: dict[str, dict[str, Any]] = {}
        self._fetched = 0.0
        if not self.is_url:
            path = Path(source)
            try:
                document = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as error:
                raise AuthError(f"--jwks {source}: cannot read a JWK Set: {error}") from None
            self._keys = self._parse(document)

    def _parse(self, document: Any) -> dict[str, dict[str, Any]]:
        keys = document.get("keys") if isinstance(document, Mapping) else None
        if not isinstance(keys, list) or not keys:
            raise AuthError(f"--jwks {self.source}: not a JWK Set (an object with 'keys')")
        found = {}
        for key in keys:
            if isinstance(key, Mapping) and isinstance(key.get("kid"), str) \
                    and key.get("kty") in ("RSA", "EC", "OKP") and "d" not in key:
                found[key["kid"]] = dict(key)
        if not found:
            raise AuthError(f"--jwks {self.source}: no public RSA, EC or OKP key with a 'kid'")
        return found

    async def key(self, kid: str) -> dict[str, Any] | None:
        """The public JWK with this ``kid``, or None."""
        if self.is_url:
            now = time.monotonic()
            stale = now - self._fetched > JWKS_TTL_S
            unknown = kid not in self._keys and now - self._fetched > 30.0
            if stale or unknown:
                await self._fetch()
        return self._keys.get(kid)

    async def _fetch(self) -> None:
        client = self._client or httpx.AsyncClient(timeout=JWKS_TIMEOUT_S,
                                                   follow_redirects=False)
        try:
            response = await client.get(self.source, headers={"Accept": "application/json"})
            response.raise_for_status()
            self._keys = self._parse(response.json())
            self._fetched = time.monotonic()
        except (httpx.HTTPError, ValueError) as error:
            if not self._keys:
                raise AuthError(f"the JWK Set could not be fetched ({type(error).__name__})") \
                    from None
        finally:
            if self._client is None:
                await client.aclose()


class ReplayCache:
    """``jti`` values seen, each kept until its token expires."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()
        self._purged = 0.0

    def first_use(self, jti: str, expires: float, now: float) -> bool:
        """True the first time a ``jti`` is seen before it expires; False for a replay."""
        with self._lock:
            if now - self._purged > 10.0:
                self._seen = {k: v for k, v in self._seen.items() if v >= now}
                self._purged = now
            held = self._seen.get(jti)
            if held is not None and held >= now:
                return False
            self._seen[jti] = expires + LEEWAY_S
            return True


class Verifier:
    """Checks a request's ``Authorization`` header for one endpoint URL (the ``aud``)."""

    def __init__(self, keys: KeySet, issuers: Iterable[str]) -> None:
        self.keys = keys
        self.issuers = frozenset(issuers)
        if not self.issuers:
            raise AuthError("a JWK Set needs at least one allowed issuer (--allowed-issuer)")
        self.replays = ReplayCache()

    async def verify(self, authorization: str | None, audience: str) -> dict[str, Any]:
        """The token's claims, or :class:`AuthError` saying what was wrong."""
        if not authorization:
            raise AuthError("no Authorization header: a bearer JWT is required")
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthError("the Authorization header is not 'Bearer <JWT>'")
        token = token.strip()
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise AuthError("the bearer token is not a JWT") from None
        algorithm = header.get("alg")
        if algorithm not in ASYMMETRIC:
            raise AuthError(f"JWT alg {algorithm!r} refused: CDS Hooks needs an asymmetric "
                            f"signature ({', '.join(ASYMMETRIC)})")
        kid = header.get("kid")
        if not isinstance(kid, str) or not kid:
            raise AuthError("the JWT header has no kid")
        if "jku" in header and (not self.keys.is_url or header["jku"] != self.keys.source):
            raise AuthError("the JWT's jku is not the configured JWK Set")
        jwk = await self.keys.key(kid)
        if jwk is None:
            raise AuthError(f"no key {kid!r} in the configured JWK Set")
        if jwk.get("kty") != ASYMMETRIC[algorithm] or jwk.get("alg", algorithm) != algorithm:
            raise AuthError(f"key {kid!r} ({jwk.get('kty')}, {jwk.get('alg', 'any alg')}) "
                            f"does not sign {algorithm}")
        try:
            key = jwt.PyJWK(jwk, algorithm=algorithm).key
            claims: dict[str, Any] = jwt.decode(
                token, key=key, algorithms=[algorithm], audience=audience, leeway=LEEWAY_S,
                options={"require": ["iss", "aud", "exp", "iat", "jti"]})
        except jwt.ExpiredSignatureError:
            raise AuthError("the JWT has expired") from None
        except jwt.InvalidAudienceError:
            raise AuthError(f"the JWT's aud is not this endpoint ({audience})") from None
        except jwt.MissingRequiredClaimError as error:
            raise AuthError(f"the JWT has no {error.claim}") from None
        except jwt.PyJWTError as error:
            raise AuthError(f"the JWT is not valid ({type(error).__name__})") from None
        if claims["iss"] not in self.issuers:
            raise AuthError(f"issuer {claims['iss']!r} is not allowed")
        now = time.time()
        expires = float(claims["exp"])
        if expires - now > MAX_LIFETIME_S + LEEWAY_S:
            raise AuthError(f"the JWT's exp is more than {MAX_LIFETIME_S:g} s ahead")
        jti = claims["jti"]
        if not isinstance(jti, str) or not jti:
            raise AuthError("the JWT's jti is not a string")
        if not self.replays.first_use(jti, expires, now):
            raise AuthError("the JWT's jti was already used (a replay)")
        return claims
