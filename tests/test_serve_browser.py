"""The page in a real browser: Debian's headless Chromium, driven by Playwright.

Runs where ``chromium`` is installed (``.ci/run`` installs it); elsewhere it is skipped, with the
reason, unless ``MPSDOSE_REQUIRE_BROWSER=1`` (set by ``.ci/run``) makes a missing browser a
failure. A screenshot is kept under ``build/`` (a CI artifact). With axe-core installed by npm
(``.ci/run`` puts it in ``build/axe``), the page is also checked for WCAG 2 A/AA violations.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
AXE = Path(os.environ.get("MPSDOSE_AXE_JS")
           or BUILD / "axe" / "node_modules" / "axe-core" / "axe.min.js")
#: As on these machines: headless, no sandbox as root, and no background network.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
REQUIRED = os.environ.get("MPSDOSE_REQUIRE_BROWSER") == "1"


def _missing(reason: str) -> None:
    if REQUIRED:
        pytest.fail(f"{reason} (MPSDOSE_REQUIRE_BROWSER=1)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def chromium() -> str:
    path = os.environ.get("MPSDOSE_CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-headless-shell")
    if path is None:
        _missing("no Chromium here: `apt-get install -y chromium` (Debian) to run the browser "
                 "tests")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _missing("the playwright package is not installed (pip install -e '.[test]')")
    return str(path)


@pytest.fixture(scope="module")
def server() -> str:
    pytest.importorskip("uvicorn")
    import uvicorn

    from mpsdose.serve.app import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning",
                            access_log=False)
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=FLAGS,
                                              headless=True)
        yield launched
        launched.close()


def test_the_issue_link_in_a_real_browser(browser, server):
    BUILD.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.goto(f"{server}/?items=oxycodone 20 mg/day&items=acetaminophen 4 g/day")
    total = page.locator("#ome-total").inner_text()
    assert "30 mg/day" in total and "cdc2022" in total
    drug_table = page.locator("table", has_text="Daily totals per drug").inner_text()
    assert "acetaminophen" in drug_table and "4 g/day" in drug_table
    assert "oxycodone" in drug_table and "20 mg/day" in drug_table
    # the form holds the link's items; change the patient and submit it, as a pharmacist would
    assert page.locator("#items").input_value() == "oxycodone 20 mg/day\nacetaminophen 4 g/day"
    page.get_by_label("Age").fill("80")
    page.get_by_label("Creatinine clearance").fill("25")
    page.get_by_role("button", name="Check").click()
    page.wait_for_load_state()
    assert "age=80" in page.url and "crcl=25" in page.url  # the state is in the address
    assert "30 mg/day" in page.locator("#ome-total").inner_text()
    findings = page.locator("section", has_text="Findings").inner_text()
    assert "acetaminophen-at-max" in findings
    assert "oxycodone with CrCl 25 mL/min" in findings
    counts = page.locator("#finding-counts").inner_text()
    assert counts.startswith("0 error(s)") and "warning(s)" in counts
    page.screenshot(path=str(BUILD / "serve-page.png"), full_page=True)
    page.emulate_media(media="print")
    assert not page.locator("form").is_visible()  # printable: the result without the form
    page.screenshot(path=str(BUILD / "serve-page-print.png"), full_page=True)
    page.close()


def test_the_form_works_from_the_keyboard(browser, server):
    page = browser.new_page()
    page.goto(f"{server}/")
    page.keyboard.press("Tab")  # the skip link first
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "items"
    page.keyboard.type("oxycodone er 10 mg po q12h")
    page.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "30 mg/day" in page.locator("#ome-total").inner_text()
    page.close()


def test_no_wcag_violations_found_by_axe(browser, server):
    if not AXE.exists():
        _missing(f"axe-core is not installed at {AXE} (npm install --prefix build/axe axe-core)")
    context = browser.new_context(bypass_csp=True)  # the page itself allows no script
    page = context.new_page()
    page.goto(f"{server}/?items=oxycodone 20 mg/day&items=acetaminophen 4 g/day"
              "&previous=morphine 20 mg/day&to=morphine po&methadone=1&age=80")
    BUILD.mkdir(exist_ok=True)
    page.screenshot(path=str(BUILD / "serve-page-helpers.png"), full_page=True)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    (BUILD / "serve-page-axe.json").write_text(json.dumps(result["violations"], indent=1))
    found = [(v["id"], v["impact"], len(v["nodes"])) for v in result["violations"]]
    assert not found, found
    assert result["passes"], "axe ran no rule"
    context.close()
