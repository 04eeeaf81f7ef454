"""The pharmacist's page, server-side: totals, findings, helpers, shareable links, escaping."""

from __future__ import annotations

import html
import re

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")

from hypothesis import given
from hypothesis import strategies as st
from starlette.testclient import TestClient

import mpsdose
from mpsdose.serve.app import Settings, create_app
from mpsdose.serve.page import Query, parse_query


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), raise_server_exceptions=False)


def _text(page: str) -> str:
    """The page's text, as a reader sees it (tags removed, entities decoded)."""
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def test_the_issue_link_renders_the_totals_and_the_ome(client):
    response = client.get("/?items=oxycodone 20 mg/day&items=acetaminophen 4 g/day")
    assert response.status_code == 200
    text = _text(response.text)
    assert "Total OME (cdc2022): 30 mg/day scheduled" in text  # 20 mg/day × 1.5
    assert "4 g/day" in text and "20 mg/day" in text  # per drug
    assert "acetaminophen-at-max" in text  # a finding, with its severity
    # issue 13: the labelled maximum with no risk factor is information, not a warning
    assert re.search(r"INFO acetaminophen-at-max", text, re.IGNORECASE)
    assert "1.5 mg OME per mg" in text  # the factor, and its source, in the working
    assert "CDC" in text


def test_items_in_one_textarea_are_the_same_as_repeated_items(client):
    one = client.get("/", params={"items": "oxycodone 20 mg/day\r\nacetaminophen 4 g/day"})
    repeated = client.get("/", params=[("items", "oxycodone 20 mg/day"),
                                       ("items", "acetaminophen 4 g/day")])
    strip = re.compile(r'<textarea id="items".*?</textarea>', re.S)
    assert strip.sub("", one.text) == strip.sub("", repeated.text)


def test_patient_context_in_the_url_changes_the_findings(client):
    plain = _text(client.get("/", params={"items": "morphine 10 mg po q4h"}).text)
    renal = _text(client.get("/", params={"items": "morphine 10 mg po q4h", "age": "80",
                                          "crcl": "25"}).text)
    assert "renal-opioid-not-checked" in plain
    assert "morphine with CrCl 25 mL/min" in renal


def test_every_form_field_has_a_label(client):
    page = client.get("/").text
    fields = re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', page)
    assert len(fields) >= 12
    for field in fields:
        assert f'for="{field}"' in page, field
    assert '<html lang="en">' in page


def test_input_errors_are_listed_not_raised(client):
    response = client.get("/", params={"items": "oxycodone 20 mg/day\nfoo 3 mg",
                                       "age": "old", "crcl": "-3", "hepatic": "bad",
                                       "table": "nope"})
    assert response.status_code == 200
    text = _text(response.text)
    assert "item 2" in text and "foo" in text
    assert "age: 'old' is not a number" in text
    assert "CrCl: '-3' must be a positive number" in text
    assert "table: 'nope'" in text
    assert "Total OME" in text  # the items that were understood are still totalled


def _elements(page: str) -> tuple[set[str], list[tuple[str, str | None]]]:
    """The element names and attributes a browser would build from the page."""
    from html.parser import HTMLParser

    tags: set[str] = set()
    attributes: list[tuple[str, str | None]] = []

    class Collect(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.add(tag)
            attributes.extend(attrs)

    Collect().feed(page)
    return tags, attributes


XSS = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>',
       "</textarea><script>alert(2)</script>", "javascript:alert(3)",
       "<svg/onload=alert(4)>", "'\"><iframe src=//evil>"]


@pytest.mark.parametrize("payload", XSS)
def test_everything_typed_is_escaped(client, payload):
    params = {"items": f"oxycodone 20 mg/day\n{payload}", "previous": payload, "text": payload,
              "age": payload, "weight": payload, "crcl": payload, "hepatic": payload,
              "tolerance": payload, "setting": payload, "conditions": payload,
              "table": payload, "to": payload, "methadone": "1"}
    response = client.get("/", params=params)
    assert response.status_code == 200
    tags, attributes = _elements(response.text)
    assert not tags & {"script", "img", "svg", "iframe"}, tags
    assert not [name for name, _ in attributes if name.startswith("on")]
    assert not [value for name, value in attributes if name in ("href", "src", "action")
                and (value or "").strip().lower().startswith("javascript:")]
    assert payload in _text(response.text)  # shown as text, where it was typed
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_share_link_reopens_the_same_check(client):
    first = client.get("/", params=[("items", "oxycodone er 10 mg po q12h"),
                                    ("items", "rescue oxycodone 5 mg po prn max 4/day"),
                                    ("age", "80"), ("crcl", "25"), ("hepatic", "mild"),
                                    ("tolerance", "tolerant"), ("table", "cdc2016")])
    link = html.unescape(re.search(r'id="share-link" href="([^"]+)"', first.text).group(1))
    again = client.get(link)
    assert _text(again.text) == _text(first.text)
    assert "cdc2016" in _text(again.text)


#: Text of one line: no character that str.splitlines breaks at (a textarea's lines).
texts = st.text(st.characters(blacklist_categories=("Cs",),
                              blacklist_characters="\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"),
                max_size=30).map(str.strip)


@given(st.lists(texts.filter(bool), max_size=4), st.lists(texts.filter(bool), max_size=3),
       texts, texts, texts, st.booleans())
def test_a_query_survives_its_own_link(items, previous, age, to, conditions, methadone):
    query = Query(items=tuple(items), previous=tuple(previous), age=age, to=to,
                  conditions=conditions, methadone=methadone)
    from urllib.parse import parse_qs

    assert parse_query(parse_qs(query.link(), keep_blank_values=True)) == query


def test_rotation_and_methadone_helpers(client):
    text = _text(client.get("/", params={"items": "oxycodone 60 mg/day", "to": "morphine po",
                                         "methadone": "1"}).text)
    assert "Rotation to morphine po" in text and "Start with" in text
    assert "Methadone starting dose by method" in text
    bad = _text(client.get("/", params={"items": "oxycodone 60 mg/day",
                                        "to": "acetaminophen"}).text)
    assert "not an opioid" in bad


def test_a_previous_regimen_checks_the_switch_and_draws_the_course(client):
    params = {"items": "hydromorphone 24 mg/day sc continuous", "previous": "morphine 120 mg/day"}
    response = client.get("/", params=params)
    text = _text(response.text)
    assert "Course" in text and "previous" in text and "current" in text
    assert "equianalgesic-switch" in text
    if 'src="/plot.png?' in response.text:
        source = html.unescape(re.search(r'src="(/plot\.png\?[^"]+)"', response.text).group(1))
        picture = client.get(source)
        assert picture.status_code == 200
        assert picture.content.startswith(b"\x89PNG")


def test_a_plot_of_no_course_is_a_4xx(client):
    assert client.get("/plot.png", params={"items": "oxycodone 20 mg/day"}).status_code in (
        400, 404)


def test_without_the_reader_a_paragraph_is_said_not_read():
    client = TestClient(create_app(Settings(reader=None)))
    text = _text(client.get("/", params={"text": "She took oxycodone 20 mg a day."}).text)
    assert "reader is not available" in text
    assert "Total OME" not in text  # nothing is invented from the paragraph


def test_the_page_reads_a_case_report_paragraph(client):
    """The default reader is mpsdose's own (mpsdose.read_course): a sentence of Takamatsu
    2018's text as printed."""
    paragraph = ("The medications were changed to oral long-acting oxycodone 20 mg/day plus a "
                 "rescue dose of short-acting oxycodone 5 mg, naproxen 300 mg/day, "
                 "acetaminophen 4 g/day, and pregabalin 75 mg/day.")
    text = _text(client.get("/", params={"text": paragraph}).text)
    assert "Read from the paragraph" in text
    assert "Total OME (cdc2022): 30 mg/day" in text
    assert "pregabalin" in text and "naproxen" in text


def test_with_a_reader_the_paragraph_gives_the_items():
    def reader(paragraph: str, knowledge: mpsdose.Knowledge) -> mpsdose.Course:
        assert "oxycodone" in paragraph
        first = mpsdose.Regimen.parse(["oxycodone 20 mg/day"], label="admission")
        second = mpsdose.Regimen.parse(["oxycodone 40 mg/day"], label="day 3")
        return mpsdose.Course((mpsdose.State("admission", first), mpsdose.State("day 3", second)))

    client = TestClient(create_app(Settings(reader=reader)))
    text = _text(client.get("/", params={"text": "oxycodone 20 then 40 mg a day"}).text)
    assert "Read from the paragraph" in text
    assert "Total OME (cdc2022): 60 mg/day" in text  # the last state
    assert "admission" in text and "day 3" in text  # the course


def test_the_setting_reaches_the_checks(client):
    """Beers 2023 excludes end-of-life care: opioid + gabapentinoid at 79 is a warning, and
    information with the setting."""
    params = {"items": ["oxycodone 20 mg/day", "pregabalin 75 mg/day"], "age": "79",
              "crcl": "80", "tolerance": "tolerant"}
    elsewhere = _text(client.get("/", params=params).text)
    assert "Stepped down to info" not in elsewhere
    at_the_end = _text(client.get("/", params={**params, "setting": "end-of-life"}).text)
    assert "Stepped down to info: the source excludes end-of-life care" in at_the_end
