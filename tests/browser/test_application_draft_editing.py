"""In Chromium, as the demo's applicant: a draft is saved, reopened, changed (a field and a
document), submitted; then the edit link is gone and the edit address answers with a message."""

import pytest
from playwright.sync_api import Page, expect

from cases.models import Application
from tests.browser.walks import Walker, seed_demo, zh

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_draft_stays_editable_until_it_is_submitted(page: Page, live_server, tmp_path):
    seed_demo()
    for name in ("map.pdf", "letter.pdf", "new-map.pdf"):
        (tmp_path / name).write_bytes(PDF)
    walker = Walker(page, live_server.url)
    walker.sign_in("applicant")
    walker.go("/portal/")
    walker.click(page.get_by_role("link", name=zh("New protection application")))
    page.get_by_label(zh("Product name"), exact=True).fill("西湖莼菜")
    page.get_by_label(zh("Category")).select_option(index=1)
    page.get_by_label(zh("Quality characteristics"), exact=True).fill("叶片卷曲，胶质丰富。")
    link = zh("Link between quality and the area (natural and human factors)")
    page.get_by_label(link, exact=True).fill("湖水清冽。")
    page.get_by_label(zh("Production specification"), exact=True).fill("人工采摘，当日加工。")
    page.get_by_label(zh("Reputation and history"), exact=True).fill("明清即负盛名。")
    page.get_by_label(zh("Proposed product standard"), exact=True).fill("DB33/T 0001-2026")
    page.locator("#id_area_map").set_input_files(str(tmp_path / "map.pdf"))
    page.locator("#id_government_letter").set_input_files(str(tmp_path / "letter.pdf"))
    walker.click(page.get_by_role("button", name=zh("Save the draft")))
    expect(page.get_by_role("heading", name=f"{zh('Protection application')} 西湖莼菜")).to_be_visible()
    application = Application.objects.get(product_name="西湖莼菜")
    assert application.status == "draft"

    # Reopen: the form starts from what was saved; change a field and replace the map.
    walker.click(page.get_by_role("link", name=zh("Edit the draft")))
    expect(page.get_by_label(zh("Proposed product standard"))).to_have_value("DB33/T 0001-2026")
    expect(page.get_by_text("map.pdf").first).to_be_visible()
    page.get_by_label(zh("Product name"), exact=True).fill("西湖莼菜（鲜）")
    page.locator("#id_area_map").set_input_files(str(tmp_path / "new-map.pdf"))
    page.screenshot(path=str(tmp_path / "edit.png"), full_page=True)
    walker.click(page.get_by_role("button", name=zh("Save the draft")))
    expect(page.get_by_role("heading", name=f"{zh('Protection application')} 西湖莼菜（鲜）")).to_be_visible()
    application.refresh_from_db()
    assert application.product_name == "西湖莼菜（鲜）"
    maps = list(application.attachments.filter(kind="area_map").values_list("original_name", flat=True))
    assert maps == ["new-map.pdf"]

    walker.click(page.get_by_role("button", name=zh("Submit to the provincial bureau")))
    expect(page.get_by_text(zh("preliminary examination")).first).to_be_visible()
    expect(page.get_by_role("link", name=zh("Edit the draft"))).to_have_count(0)
    application.refresh_from_db()
    assert application.status == "preliminary_examination"

    # The edit address typed by hand: a message, nothing changed.
    walker.go(f"/portal/applications/{application.pk}/edit/")
    refusal = zh("Application %(reference)s has been submitted; it can no longer be edited.") % {
        "reference": application.reference
    }
    expect(page.get_by_text(refusal)).to_be_visible()
    page.screenshot(path=str(tmp_path / "refused-edit.png"), full_page=True)
    application.refresh_from_db()
    assert application.product_name == "西湖莼菜（鲜）" and application.status == "preliminary_examination"
