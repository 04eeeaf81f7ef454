"""The CDS Hooks service: discovery, cards for real and hand-written requests, 4xx never 500."""

from __future__ import annotations

import json
import logging
import math
import re
import uuid

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jwt")
httpx = pytest.importorskip("httpx")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

import mpsdose  # noqa: E402
from mpsdose.serve.app import Settings, create_app  # noqa: E402
from tests.cds import bundle, example, medication_request, request  # noqa: E402
from tests.checking import JOINT_COLUMNS, header  # noqa: E402

SIGN = "/cds-services/mpsdose-order-sign"
SELECT = "/cds-services/mpsdose-order-select"
VIEW = "/cds-services/mpsdose-patient-view"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


def _cards(response) -> list[dict]:
    assert response.status_code == 200, response.text
    return response.json()["cards"]


def _well_formed(card: dict) -> None:
    """What CDS Hooks 2.0 requires of a card."""
    assert card["indicator"] in ("info", "warning", "critical")
    assert 0 < len(card["summary"]) < 140
    assert card["source"]["label"]
    if "url" in card["source"]:
        assert card["source"]["url"].startswith(("https://", "http://"))
    uuid.UUID(card["uuid"])
    for reason in card.get("overrideReasons", []):
        assert reason["code"] and reason["system"] and reason["display"]
    if "suggestions" in card:
        assert card["selectionBehavior"] in ("at-most-one", "any")
        for suggestion in card["suggestions"]:
            assert suggestion["label"]
            for action in suggestion["actions"]:
                assert action["type"] in ("create", "update", "delete")
                assert action["description"]


# -- discovery and health -------------------------------------------------------------------------
def test_discovery_lists_the_three_hooks_with_prefetch_templates(client):
    response = client.get("/cds-services")
    assert response.status_code == 200
    services = {s["hook"]: s for s in response.json()["services"]}
    assert set(services) == {"order-select", "order-sign", "patient-view"}
    for service in services.values():
        assert service["id"] and service["description"]
        prefetch = service["prefetch"]
        assert prefetch["patient"] == "Patient/{{context.patientId}}"
        assert "MedicationRequest?patient={{context.patientId}}" in prefetch["medications"]
        assert "status=active" in prefetch["medications"]
        assert prefetch["renal"].startswith("Observation?patient={{context.patientId}}")
        assert "35591-7" in prefetch["renal"]  # creatinine clearance, Cockcroft–Gault
        assert client.post(f"/cds-services/{service['id']}/feedback",
                           json={"feedback": []}).status_code == 200


def test_healthz(client):
    assert client.get("/healthz").status_code == 200


# -- cards ------------------------------------------------------------------------------------------
HYDROMORPHONE = medication_request("hm1", "hydromorphone", 20, every_h=4, route="sc",
                                   text="hydromorphone 20 mg sc q4h")


def test_order_sign_for_an_older_patient_with_renal_impairment_gets_a_warning_with_a_source(
        client):
    cards = _cards(client.post(SIGN, json=request("order-sign", [HYDROMORPHONE],
                                                  born="1940-03-01", crcl=25)))
    for card in cards:
        _well_formed(card)
    flagged = [c for c in cards if c["indicator"] in ("warning", "critical")]
    assert flagged, cards
    renal = next(c for c in flagged if "hydromorphone" in c["summary"])
    assert "CrCl 25" in renal["summary"]
    assert "sps.nhs.uk" in renal["source"]["label"] or "NHS" in renal["source"]["label"]
    assert "120 mg/day" in renal["detail"]  # 20 mg × 6 a day, the number behind the card
    assert "age 86" in renal["detail"] or "age 8" in renal["detail"]
    assert renal["overrideReasons"]


def test_order_sign_hydromorphone_20mg_sc_q4h_for_an_older_patient_alone(client):
    cards = _cards(client.post(SIGN, json=request("order-sign", [HYDROMORPHONE],
                                                  born="1940-03-01")))
    assert any(c["indicator"] in ("warning", "critical") and c["source"]["label"]
               for c in cards)


def test_a_hospital_limit_from_its_own_knowledge_folder_is_a_critical_card(tmp_path):
    # A tiny knowledge folder of its own: a hospital limit for hydromorphone SC from age 65.
    row = ('hydromorphone,sc,,age,"[65, )",,,24,,,,,,"Example hospital formulary, '
           'https://formulary.example.org/hydromorphone [P]",P,test row')
    (tmp_path / "dose_limits.csv").write_text(header("dose_limits", omit=JOINT_COLUMNS) + row
                                              + "\n")
    app = create_app(Settings(knowledge=mpsdose.Knowledge.load(tmp_path)))
    cards = _cards(TestClient(app).post(SIGN, json=request("order-sign", [HYDROMORPHONE],
                                                           born="1940-03-01")))
    critical = [c for c in cards if c["indicator"] == "critical"]
    assert len(critical) == 1, cards
    card = critical[0]
    _well_formed(card)
    assert "120 mg/day" in card["summary"] and "24 mg/day" in card["summary"]
    assert card["source"] == {"label": "Example hospital formulary",
                              "url": "https://formulary.example.org/hydromorphone"}
    # an error is overridden only with a reason that makes it reasonable
    assert {r["code"] for r in card["overrideReasons"]} <= {"specialist-advice", "record-wrong"}
    younger = _cards(TestClient(app).post(SIGN, json=request("order-sign", [HYDROMORPHONE],
                                                             born="1980-03-01")))
    assert not [c for c in younger if c["indicator"] == "critical"]


def test_the_total_ome_is_an_info_card_with_the_numbers(client):
    drafts = [medication_request("ox1", "oxycodone", 10, every_h=12,
                                 text="oxycodone er 10 mg po q12h")]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, born="1960-01-01")))
    ome = [c for c in cards if c["summary"].startswith("Total OME")]
    assert len(ome) == 1
    _well_formed(ome[0])
    assert ome[0]["indicator"] == "info"
    assert "30 mg/day" in ome[0]["summary"]  # 20 mg/day × 1.5 (CDC 2022)
    assert "cdc2022" in ome[0]["summary"]
    assert "20 mg/day" in ome[0]["detail"]


def test_active_orders_from_the_prefetch_are_checked_with_the_drafts(client):
    drafts = [medication_request("ap1", "acetaminophen", 1000, every_h=6)]
    active = [medication_request("ap0", "acetaminophen", 500, every_h=6, status="active")]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, active=active)))
    above = [c for c in cards if "acetaminophen" in c["summary"] and "above" in c["summary"]]
    assert above and above[0]["indicator"] == "critical"
    assert "6000 mg/day" in above[0]["summary"]  # 4 g + 2 g: the two orders together


def test_stopped_active_orders_and_non_medication_drafts_are_left_out(client):
    active = [medication_request("ap0", "acetaminophen", 1000, every_h=6, status="stopped")]
    drafts = [medication_request("ap1", "acetaminophen", 1000, every_h=8),
              {"resourceType": "ServiceRequest", "id": "s1", "status": "draft"}]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, active=active)))
    assert not [c for c in cards if c["indicator"] == "critical"]


def test_the_cds_hooks_specification_examples_are_answered(client):
    # Amoxicillin/clavulanate and a pureed diet: outside what mpsdose checks; no alert, no error.
    for name, path in (("cdshooks-spec-order-select-r4-example.cdshook.json", SELECT),
                       ("cdshooks-spec-order-sign-r4-example.cdshook.json", SIGN)):
        body = example(name)
        body["hook"] = "order-select" if "select" in name else "order-sign"
        body["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"
        assert _cards(client.post(path, json=body)) == []


def test_the_cdc_opioid_cds_fentanyl_patch_request_gives_its_ome(client):
    cards = _cards(client.post(SIGN, json=example(
        "ocds-rec05-mme-greater-than-fifty.cdshook.json")))
    ome = next(c for c in cards if c["summary"].startswith("Total OME"))
    assert "180 mg/day" in ome["summary"]  # 75 mcg/h × 2.4 (CDC 2022)


def test_the_cdc_opioid_cds_order_select_request_with_selections(client):
    body = example("ocds-rec11-opioid-trigger-with-benzo.cdshook.json")
    cards = _cards(client.post(SELECT, json=body))
    ome = next(c for c in cards if c["summary"].startswith("Total OME"))
    assert "15 mg/day" in ome["summary"]  # 1 tablet of 10 mg a day × 1.5
    assert "(selected)" in ome["detail"]
    assert "item1" not in ome["detail"]  # its own prefetch keys are not ours: not read


def test_an_order_that_cannot_be_read_is_said_not_dropped(client):
    broken = medication_request("bad](javascript:alert(1))", "morphine", 10, every_h=4)
    broken["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["code"] = "U"
    broken["dosageInstruction"][0]["doseAndRate"][0]["doseQuantity"]["unit"] = "U"
    cards = _cards(client.post(SIGN, json=request("order-sign", [broken])))
    assert len(cards) == 1 and cards[0]["indicator"] == "info"
    assert "not checked" in cards[0]["summary"]
    assert "](javascript:" not in cards[0]["detail"]  # no live Markdown link from a request
    assert "\\]\\(javascript:" in cards[0]["detail"]


def test_a_rescue_dose_out_of_range_gets_the_dose_in_range_as_a_suggestion(client):
    active = [medication_request("ox0", "oxycodone", 30, every_h=12, status="active",
                                 text="oxycodone er 30 mg po q12h")]
    drafts = [medication_request("ox1", "oxycodone", 2.5, every_h=4, prn=True,
                                 text="oxycodone ir 2.5 mg po q4h prn")]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, active=active)))
    rescue = next(c for c in cards if "%" in c["summary"] and "2.5 mg" in c["summary"])
    _well_formed(rescue)
    action = rescue["suggestions"][0]["actions"][0]
    assert action["type"] == "update" and action["resource"]["id"] == "ox1"
    dosage = action["resource"]["dosageInstruction"][0]
    dose = dosage["doseAndRate"][0]["doseQuantity"]
    assert dose["code"] == "mg"
    low, high = mpsdose.Knowledge.default().rotation_rules.first("breakthrough_fraction").bounds
    assert 60 * low <= dose["value"] <= 60 * high  # the share of oxycodone 60 mg/day
    assert dosage["asNeededBoolean"] is True


def test_an_unreduced_switch_gets_the_reduced_switch_dose_as_a_suggestion(client):
    active = [medication_request("mo0", "morphine", 30, every_h=12, status="active",
                                 text="morphine er 30 mg po q12h")]
    drafts = [medication_request("ox1", "oxycodone", 40, every_h=12,
                                 text="oxycodone er 40 mg po q12h")]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, active=active)))
    switch = [c for c in cards if c["summary"].startswith("If it replaces morphine")]
    assert switch, [c["summary"] for c in cards]
    _well_formed(switch[0])
    action = switch[0]["suggestions"][0]["actions"][0]
    assert action["resource"]["id"] == "ox1"
    suggested = mpsdose.Regimen.parse([action["resource"]["dosageInstruction"][0]["text"]])
    daily = suggested.items[0].daily()
    # morphine 60 mg/day is 30–40 mg/day oxycodone unreduced by the usual 1.5–2 ratios; the
    # suggestion is reduced below the draft's 80 mg/day and below the unreduced 40 mg/day
    assert daily is not None and 0 < daily < 40


def test_a_draft_of_the_same_opioid_and_route_is_not_a_switch(client):
    active = [medication_request("mo0", "morphine", 30, every_h=12, status="active")]
    drafts = [medication_request("mo1", "morphine", 10, every_h=4, prn=True)]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, active=active)))
    assert not [c for c in cards if c["summary"].startswith("If it replaces")]


def test_patient_view_shows_the_active_regimen(client):
    active = [medication_request("mo0", "morphine", 10, every_h=4, status="active")]
    cards = _cards(client.post(VIEW, json=request("patient-view", active=active)))
    assert any(c["summary"].startswith("Total OME 60 mg/day") for c in cards)


def test_patient_view_with_no_medications_to_read_is_412(client):
    body = request("patient-view", prefetch=False)
    response = client.post(VIEW, json=body)
    assert response.status_code == 412
    assert response.json()["error"] == "precondition-failed"


# -- FHIR server ------------------------------------------------------------------------------------
def _fhir_server(seen: list[httpx.Request], *, fail: bool = False):
    def answer(req: httpx.Request) -> httpx.Response:
        seen.append(req)
        if fail:
            raise httpx.ConnectTimeout("timed out", request=req)
        path = req.url.path
        if path.endswith("/Patient/p1"):
            return httpx.Response(200, json={"resourceType": "Patient", "id": "p1",
                                             "birthDate": "1944-05-05"})
        if "MedicationRequest" in path:
            return httpx.Response(200, json=bundle(kind="searchset"))
        if "Observation" in path and "35591-7" in str(req.url):
            from tests.cds import observation
            return httpx.Response(200, json=bundle(observation("35591-7", 20, "mL/min"),
                                                   kind="searchset"))
        return httpx.Response(404, json={"resourceType": "OperationOutcome"})
    return httpx.AsyncClient(transport=httpx.MockTransport(answer))


def test_what_is_not_prefetched_is_fetched_from_the_fhir_server_with_its_token():
    seen: list[httpx.Request] = []
    app = create_app(http_client=_fhir_server(seen))
    body = request("order-sign", [HYDROMORPHONE], prefetch=False)
    body["fhirServer"] = "https://ehr.example.org/fhir"
    body["fhirAuthorization"] = {"access_token": "secret-token", "token_type": "Bearer",
                                 "expires_in": 300, "scope": "patient/*.read",
                                 "subject": "mpsdose"}
    cards = _cards(TestClient(app).post(SIGN, json=body))
    assert {r.headers["authorization"] for r in seen} == {"Bearer secret-token"}
    assert any(r.url.path == "/fhir/Patient/p1" for r in seen)
    renal = next(c for c in cards if "CrCl 20" in c["summary"])
    assert "age 82" in renal["detail"] or "age 8" in renal["detail"]


def test_a_fhir_server_that_does_not_answer_leaves_the_data_missing_and_says_so():
    seen: list[httpx.Request] = []
    app = create_app(http_client=_fhir_server(seen, fail=True))
    body = request("order-sign", [medication_request("ox1", "oxycodone", 10, every_h=12)],
                   prefetch=False)
    body["fhirServer"] = "https://ehr.example.org/fhir"
    body["fhirAuthorization"] = {"access_token": "t", "token_type": "Bearer",
                                 "expires_in": 300, "scope": "x", "subject": "s"}
    cards = _cards(TestClient(app).post(SIGN, json=body))
    assert len(seen) == 4
    ome = next(c for c in cards if c["summary"].startswith("Total OME"))
    assert "Not available" in ome["detail"] and "medications" in ome["detail"]


# -- malformed requests: 4xx with a JSON error, never a 500 -----------------------------------------
@pytest.mark.parametrize("body, status", [
    (b"not json", 400),
    (b"[1, 2]", 400),
    (json.dumps({"hook": "order-sign"}).encode(), 400),
    (json.dumps({"hook": "patient-view", "hookInstance": "x", "context": {"patientId": "p"}})
     .encode(), 400),
    (json.dumps({"hook": "order-sign", "hookInstance": "x",
                 "context": {"patientId": "p", "draftOrders": []}}).encode(), 400),
    (json.dumps({"hook": "order-sign", "hookInstance": "x", "fhirAuthorization": {
        "access_token": "t"}, "context": {"patientId": "p", "draftOrders": bundle()}}).encode(),
     400),
    (b"[" * 100_000, 400),
], ids=["not-json", "array", "no-context", "wrong-hook", "draft-orders-not-bundle",
        "authorization-without-server", "deep-nesting"])
def test_malformed_requests_are_400_with_a_json_error(client, body, status):
    response = client.post(SIGN, content=body, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.json()["error"] and response.json()["message"]


@pytest.mark.parametrize("constant", [b"NaN", b"Infinity", b"-Infinity"])
def test_json_that_is_not_json_is_400(client, constant):
    body = b'{"hook": "order-sign", "hookInstance": ' + constant + b"}"
    assert client.post(SIGN, content=body).status_code == 400


def test_unknown_service_is_404_and_too_large_is_413(client):
    assert client.post("/cds-services/nope", json={}).status_code == 404
    big = create_app(Settings(max_body_bytes=1000))
    response = TestClient(big).post(SIGN, content=b"{" + b" " * 2000 + b"}")
    assert response.status_code == 413
    assert response.json()["error"] == "too-large"


def test_a_patient_record_with_a_zero_value_is_a_400(client):
    body = request("order-sign", [HYDROMORPHONE], weight=0.0)
    body["prefetch"]["weight"]["entry"][0]["resource"]["valueQuantity"]["value"] = 0
    assert client.post(SIGN, json=body).status_code == 200  # a non-positive value is skipped


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20)
KEYS = st.sampled_from(["hook", "hookInstance", "context", "prefetch", "fhirServer",
                        "fhirAuthorization", "patientId", "draftOrders", "entry", "resource",
                        "resourceType", "dosageInstruction", "doseAndRate", "doseQuantity",
                        "value", "unit", "code", "timing", "repeat", "selections", "status",
                        "medicationCodeableConcept", "text", "birthDate", "valueQuantity"])


def _mutate(data, path, value):
    """``data`` with the value at ``path`` (a list of keys and indexes) replaced."""
    if not path:
        return value
    key, rest = path[0], path[1:]
    if isinstance(data, dict) and data:
        chosen = list(data)[key % len(data)] if isinstance(key, int) else key
        copy = dict(data)
        copy[chosen] = _mutate(data.get(chosen), rest, value)
        return copy
    if isinstance(data, list) and data:
        index = key % len(data) if isinstance(key, int) else 0
        copy = list(data)
        copy[index] = _mutate(data[index], rest, value)
        return copy
    return value


VALID = request("order-sign", [HYDROMORPHONE, medication_request(
    "ox1", "oxycodone", 5, every_h=4, prn=True)], active=[medication_request(
        "mo0", "morphine", 30, every_h=12, status="active")], born="1940-01-01", crcl=40,
    weight=60)


#: Each example is a whole request through the checks: a third of the profile's examples.
FEW = settings(settings.default, max_examples=max(10, settings.default.max_examples // 3),
               deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.function_scoped_fixture])


@FEW
@given(st.lists(st.integers(0, 50) | KEYS, max_size=7), JSON)
def test_a_valid_request_with_any_part_replaced_by_junk_is_never_a_500(client, path, junk):
    body = _mutate(VALID, path, junk)
    response = client.post(SIGN, json=body)
    assert response.status_code in (200, 400, 412, 422), response.text
    document = response.json()
    if response.status_code == 200:
        for card in document["cards"]:
            _well_formed(card)
    else:
        assert document["error"] and document["message"]


@FEW
@given(JSON)
def test_any_json_body_is_never_a_500(client, junk):
    for path in (SIGN, SELECT, VIEW, SIGN + "/feedback"):
        response = client.post(path, json=junk)
        assert response.status_code in (200, 400, 412, 422), (path, response.text)


@FEW
@given(st.binary(max_size=200))
def test_any_bytes_are_never_a_500(client, junk):
    response = client.post(SIGN, content=junk)
    assert response.status_code in (200, 400, 412, 422)


# -- feedback and logs ------------------------------------------------------------------------------
def test_feedback_is_accepted_and_malformed_feedback_refused(client):
    good = {"feedback": [{"card": str(uuid.uuid4()), "outcome": "overridden",
                          "overrideReason": {"reason": {"code": "will-monitor",
                                                        "system": "urn:x"}},
                          "outcomeTimestamp": "2026-11-25T10:00:00Z"}]}
    assert client.post(SIGN + "/feedback", json=good).json() == {"accepted": 1}
    assert client.post(SIGN + "/feedback", json={"feedback": [{"card": 1}]}).status_code == 400


def test_no_patient_data_in_the_logs(caplog):
    caplog.set_level(logging.DEBUG)
    client = TestClient(create_app(http_client=_fhir_server([])))
    client.post(SIGN, json=request("order-sign", [HYDROMORPHONE], born="1940-03-01", crcl=25))
    fetched = request("order-sign", [HYDROMORPHONE], prefetch=False)
    fetched["fhirServer"] = "https://ehr.example.org/fhir"
    fetched["fhirAuthorization"] = {"access_token": "t0ken", "token_type": "Bearer",
                                    "expires_in": 300, "scope": "x", "subject": "s"}
    client.post(SIGN, json=fetched)
    client.post(SIGN, content=b"{broken")
    client.get("/", params={"items": "tramadol 50 mg po q6h", "age": "87"})
    text = caplog.text
    assert "GET / 200" in text and "POST /cds-services/{id} 200" in text
    for secret in ("1940-03-01", "1944-05-05", "hydromorphone", "tramadol", "87", "p1",
                   "t0ken", "ehr.example.org"):
        assert not re.search(rf"\b{re.escape(secret)}\b", text), secret


def test_suggestion_doses_are_finite_numbers(client):
    active = [medication_request("ox0", "oxycodone", 30, every_h=12, status="active")]
    drafts = [medication_request("ox1", "oxycodone", 20, every_h=4, prn=True)]
    cards = _cards(client.post(SIGN, json=request("order-sign", drafts, active=active)))
    for card in cards:
        for suggestion in card.get("suggestions", []):
            for action in suggestion["actions"]:
                for dosage in action["resource"]["dosageInstruction"]:
                    value = dosage["doseAndRate"][0]["doseQuantity"]["value"]
                    assert math.isfinite(value) and value > 0
