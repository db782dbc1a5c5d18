"""In Chromium: the Content-Security-Policy breaks neither the staff pages (viewflow's chart among
them) nor the admin."""

import pytest
from playwright.sync_api import Page

from organizations.models import Role
from tests.factories import UserFactory, make_member
from tests.factories.organizations import TEST_PASSWORD
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

STAFF_PAGES = [
    "/work/",
    "/work/?show=offered",
    "/cases/?kind=check&open=on",  # where viewflow's supervision check dashboard leads (ADR 0037)
    "/staff/workflow/flows/declaration/chart/",
    "/supervision/",
]
ADMIN_PAGES = ["/admin/", "/admin/accounts/user/", "/admin/accounts/user/add/", "/admin/organizations/department/"]


def collect_violations(page: Page) -> list[str]:
    """Console messages about the policy, and the violation events the page itself sees."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Refused to (event) ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return problems


def log_in(page: Page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("form:not(.language-switcher) button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def test_staff_pages_run_without_policy_violations(page: Page, live_server):
    published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(sample_size=1)
    draw_and_open(actor=lead, campaign=campaign, seed="csp")
    problems = collect_violations(page)
    log_in(page, live_server.url, inspectors[0].username)
    for url in STAFF_PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("networkidle")
    assert problems == []


def test_admin_runs_without_policy_violations(page: Page, live_server):
    admin = UserFactory(is_staff=True, is_superuser=True)
    make_member("KJS", Role.LEAD, user=admin)
    problems = collect_violations(page)
    page.goto(f"{live_server.url}/admin/login/")
    page.locator("#id_username").fill(admin.username)
    page.locator("#id_password").fill(TEST_PASSWORD)
    page.locator("input[type=submit]").click()
    for url in ADMIN_PAGES:
        response = page.goto(f"{live_server.url}{url}")
        assert response.status == 200, url
        page.wait_for_load_state("networkidle")
    assert problems == []
