"""CDS Hooks "Trusting CDS Clients": with a JWK Set, every /cds-services call needs a valid JWT."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import pytest

jwt = pytest.importorskip("jwt")
pytest.importorskip("starlette")
httpx = pytest.importorskip("httpx")

from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import ec, rsa  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from mpsdose.serve.app import Settings, create_app  # noqa: E402
from mpsdose.serve.security import AuthError, KeySet  # noqa: E402
from tests.cds import medication_request, request  # noqa: E402

ISSUER = "https://ehr.example.org/"
BASE = "http://testserver"
SIGN = "/cds-services/mpsdose-order-sign"
EC_KEY = ec.generate_private_key(ec.SECP384R1())
RSA_KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
OTHER_KEY = ec.generate_private_key(ec.SECP384R1())


def _jwks() -> dict:
    ec_public = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(EC_KEY.public_key()))
    rsa_public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(RSA_KEY.public_key()))
    return {"keys": [ec_public | {"kid": "ec-1", "alg": "ES384", "use": "sig"},
                     rsa_public | {"kid": "rsa-1", "alg": "RS384", "use": "sig"}]}


@pytest.fixture
def jwks_file(tmp_path):
    path = tmp_path / "jwks.json"
    path.write_text(json.dumps(_jwks()))
    return path


@pytest.fixture
def client(jwks_file):
    app = create_app(Settings(jwks=str(jwks_file), allowed_issuers=(ISSUER,)))
    return TestClient(app, raise_server_exceptions=False)


def token(path: str = SIGN, *, key=EC_KEY, alg: str = "ES384", kid: str = "ec-1",
          **claims) -> str:
    now = int(time.time())
    payload = {"iss": ISSUER, "aud": BASE + path, "exp": now + 300, "iat": now,
               "jti": str(uuid.uuid4())}
    payload.update(claims)
    payload = {k: v for k, v in payload.items() if v is not None}
    return jwt.encode(payload, key, algorithm=alg, headers={"kid": kid, "typ": "JWT"})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unsigned(header: dict, payload: dict, signature: bytes = b"") -> str:
    return ".".join([_b64(json.dumps(header).encode()), _b64(json.dumps(payload).encode()),
                     _b64(signature)])


def _claims(path: str = SIGN) -> dict:
    now = int(time.time())
    return {"iss": ISSUER, "aud": BASE + path, "exp": now + 300, "iat": now,
            "jti": str(uuid.uuid4())}


BODY = request("order-sign", [medication_request("ox1", "oxycodone", 10, every_h=12)])


def _call(client, bearer: str | None, path: str = SIGN):
    headers = {} if bearer is None else {"Authorization": f"Bearer {bearer}"}
    if path == "/cds-services":
        return client.get(path, headers=headers)
    return client.post(path, json=BODY, headers=headers)


def test_a_signed_token_is_accepted_with_es384_and_rs384(client):
    assert _call(client, token()).status_code == 200
    assert _call(client, token(key=RSA_KEY, alg="RS384", kid="rsa-1")).status_code == 200
    assert _call(client, token("/cds-services"), "/cds-services").status_code == 200
    assert _call(client, token(aud=["https://other.example", BASE + SIGN])).status_code == 200


def test_the_page_and_health_need_no_token(client):
    assert client.get("/healthz").status_code == 200
    assert client.get("/", params={"items": "oxycodone 20 mg/day"}).status_code == 200


def _refused(response) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["error"] == "unauthorized"
    assert response.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", [None, "Basic dXNlcjpwYXNz", "Bearer", "Bearer not.a.jwt",
                                    "Bearer " + "a" * 50])
def test_no_or_broken_authorization_is_401(client, header):
    headers = {} if header is None else {"Authorization": header}
    _refused(client.post(SIGN, json=BODY, headers=headers))
    _refused(client.get("/cds-services", headers=headers))
    _refused(client.post(SIGN + "/feedback", json={"feedback": []}, headers=headers))


def test_alg_none_is_401(client):
    for alg in ("none", "None", "NONE"):
        _refused(_call(client, _unsigned({"alg": alg, "typ": "JWT", "kid": "ec-1"}, _claims())))


def test_hs256_signed_with_the_public_key_is_401(client):
    # The classic confusion attack: the public key (PEM or JWK text) used as an HMAC secret.
    for kid, public in (("rsa-1", RSA_KEY.public_key()), ("ec-1", EC_KEY.public_key())):
        pem = public.public_bytes(serialization.Encoding.PEM,
                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        for secret in (pem, json.dumps(_jwks()["keys"][0]).encode()):
            for alg, digest in (("HS256", hashlib.sha256), ("HS384", hashlib.sha384)):
                header = {"alg": alg, "typ": "JWT", "kid": kid}
                signing = _unsigned(header, _claims()).rsplit(".", 1)[0]
                signature = hmac.new(secret, signing.encode(), digest).digest()
                _refused(_call(client, f"{signing}.{_b64(signature)}"))


def test_a_key_used_for_another_algorithm_is_401(client):
    p256 = ec.generate_private_key(ec.SECP256R1())
    _refused(_call(client, token(key=p256, alg="ES256", kid="ec-1")))  # the key says ES384
    _refused(_call(client, token(key=RSA_KEY, alg="PS384", kid="rsa-1")))


@pytest.mark.parametrize("claims", [
    {"iss": "https://evil.example/"},
    {"aud": BASE + "/cds-services/another-service"},
    {"aud": "https://cds.example.org" + SIGN},
    {"exp": int(time.time()) - 120},
    {"exp": int(time.time()) + 86_400},
    {"jti": None},
    {"iat": None},
    {"exp": None},
    {"iss": None},
    {"aud": None},
], ids=["iss", "aud-other-service", "aud-other-host", "expired", "exp-too-far", "no-jti",
        "no-iat", "no-exp", "no-iss", "no-aud"])
def test_bad_claims_are_401(client, claims):
    _refused(_call(client, token(**claims)))


def test_unknown_kid_or_another_key_is_401(client):
    _refused(_call(client, token(kid="nope")))
    _refused(_call(client, token(key=OTHER_KEY)))  # right kid, wrong key: bad signature
    _refused(_call(client, token(kid="")))


def test_a_replayed_jti_is_401(client):
    bearer = token()
    assert _call(client, bearer).status_code == 200
    _refused(_call(client, bearer))
    assert _call(client, token(jti="nonce-1")).status_code == 200
    _refused(_call(client, token(jti="nonce-1")))  # a new token with a used jti


def test_a_jku_other_than_the_configured_set_is_401(client):
    now = int(time.time())
    bearer = jwt.encode({"iss": ISSUER, "aud": BASE + SIGN, "exp": now + 60, "iat": now,
                         "jti": "j1"}, EC_KEY, algorithm="ES384",
                        headers={"kid": "ec-1", "jku": "https://evil.example/jwks.json"})
    _refused(_call(client, bearer))


def test_the_public_url_is_the_audience_behind_a_proxy(jwks_file):
    app = create_app(Settings(jwks=str(jwks_file), allowed_issuers=(ISSUER,),
                              public_url="https://cds.example.org/"))
    client = TestClient(app)
    assert _call(client, token(aud="https://cds.example.org" + SIGN)).status_code == 200
    _refused(_call(client, token()))  # the address the server sees is not the audience


def test_a_jwks_url_is_fetched_with_its_keys():
    fetched = []

    def answer(req: httpx.Request) -> httpx.Response:
        fetched.append(str(req.url))
        return httpx.Response(200, json=_jwks())

    url = "https://ehr.example.org/.well-known/jwks.json"
    app = create_app(Settings(jwks=url, allowed_issuers=(ISSUER,)),
                     http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    client = TestClient(app)
    assert _call(client, token()).status_code == 200
    assert _call(client, token()).status_code == 200
    assert fetched == [url]  # kept, not fetched for every call
    _refused(_call(client, token(kid="unknown")))


def test_a_jwks_url_that_fails_is_401_not_500():
    def answer(req: httpx.Request) -> httpx.Response:
        return httpx.Response(503)

    app = create_app(Settings(jwks="https://ehr.example.org/jwks", allowed_issuers=(ISSUER,)),
                     http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)))
    _refused(_call(TestClient(app, raise_server_exceptions=False), token()))


def test_bad_jwks_files_are_refused(tmp_path):
    path = tmp_path / "jwks.json"
    for content in ("not json", json.dumps({"keys": []}),
                    json.dumps({"keys": [{"kty": "oct", "k": "c2VjcmV0", "kid": "h"}]})):
        path.write_text(content)
        with pytest.raises(AuthError):
            KeySet(str(path))
    private = json.loads(jwt.algorithms.ECAlgorithm.to_jwk(EC_KEY)) | {"kid": "p"}
    path.write_text(json.dumps({"keys": [private]}))
    with pytest.raises(AuthError, match="no public"):  # a private key is never a trust anchor
        KeySet(str(path))
    with pytest.raises(AuthError):
        KeySet(str(tmp_path / "missing.json"))


def test_a_jwks_needs_an_allowed_issuer(jwks_file):
    with pytest.raises(AuthError, match="issuer"):
        create_app(Settings(jwks=str(jwks_file)))
