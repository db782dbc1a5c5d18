"""In Chromium: the API's interactive docs load from our own static files under our CSP."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_content_security_policy import collect_violations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def test_api_docs_render_the_schema_without_policy_violations(page: Page, live_server):
    problems = collect_violations(page)
    foreign = []
    page.on(
        "request", lambda request: foreign.append(request.url) if not request.url.startswith(live_server.url) else None
    )
    response = page.goto(f"{live_server.url}/api/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    # Swagger UI built the page from /api/schema/: the operations are listed.
    expect(page.locator(".opblock-summary-path").first).to_be_visible(timeout=15000)
    expect(page.get_by_text("/api/register/verify/{token}/").first).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert problems == []
    assert foreign == []
