"""In Chromium: the provincial examiner opens an application from the list, finds its materials
named in Chinese, clicks 预览 and reads the PDF in a new tab (served inline, as a PDF, by the
preview route); 下载 saves it. Screenshots of the panel at desktop and phone widths."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Page, expect
from weasyprint import HTML

from cases.applications.services import application_attach
from tests.browser.test_declaration_journey import log_in, zh
from tests.factories.applications import Cast, draft_application
from workflows.applications import actions as application_actions

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]


def a_real_pdf() -> bytes:
    """A one-page PDF with Chinese text, so the screenshot of the tab shows the viewer drawing it."""
    return HTML(string="<h1>西湖藕粉 产地证明</h1><p>杭州市西湖区人民政府 2026年</p>").write_pdf()


def test_the_examiner_previews_an_applications_pdf_in_a_new_tab(page: Page, live_server):
    cast = Cast()
    applicant, application = draft_application()
    proof = SimpleUploadedFile("产地证明.pdf", a_real_pdf(), content_type="application/pdf")
    application_attach(actor=applicant, application=application, kind="evidence", uploaded_file=proof)
    application = application_actions.submit(actor=applicant, application=application)
    base = live_server.url

    log_in(page, base, cast.province_staff.username)
    page.wait_for_url(lambda url: "/accounts/login/" not in url)
    page.goto(f"{base}/applications/")
    page.get_by_role("link", name=application.reference, exact=True).click()

    materials = page.locator("section.materials")
    expect(materials.get_by_role("heading", name=zh("Materials"), exact=True)).to_be_visible()
    expect(materials.get_by_role("heading", name=zh("Application materials"))).to_be_visible()
    row = materials.get_by_role("row").filter(has_text="产地证明.pdf")
    expect(row.get_by_role("rowheader")).to_have_text(zh("evidence of reputation and history"))
    expect(materials.get_by_role("rowheader", name=zh("map of the proposed area"))).to_be_visible()
    expect(materials.get_by_role("rowheader", name=zh("government letter"))).to_be_visible()
    expect(materials).not_to_contain_text("area_map")

    for width, height in ((1366, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        materials.screenshot(path=f"test-results/materials-{width}.png")

    preview = row.get_by_role("link", name=zh("Preview"))
    expect(preview).to_have_text(zh("Preview"))
    with page.context.expect_event("response", lambda r: "/preview/" in r.url) as served, page.expect_popup() as tab:
        preview.click()
    popup = tab.value
    popup.wait_for_load_state()
    response = served.value
    headers = response.all_headers()  # .headers leaves out the security ones
    assert response.status == 200
    assert headers["content-type"] == "application/pdf"
    assert headers["content-disposition"].startswith("inline;")
    assert "sandbox" in headers["content-security-policy"]
    # The tab holds the PDF itself, drawn by the browser's viewer.
    assert popup.url == response.url
    assert popup.evaluate("document.contentType") == "application/pdf"
    popup.wait_for_timeout(2000)  # the viewer draws the page after load
    popup.screenshot(path="test-results/materials-preview-tab.png")
    popup.close()

    # 下载 saves the same file.
    page.set_viewport_size({"width": 1366, "height": 900})
    with page.expect_download() as saved:
        row.get_by_role("link", name=zh("Download")).click()
    assert saved.value.suggested_filename == "产地证明.pdf"
