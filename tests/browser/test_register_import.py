"""In Chromium, on the demo's data: 科技司's staff member opens 名录导入 from the staff menu,
downloads the Excel template, uploads a file of authorised users with errors, reads the report,
uploads the corrected file, imports it, and finds the new user in the public list and on its
verification page. The background job runs where the worker would (run_register_imports); the
page follows it by itself. Screenshots in test-results/register-import-*.png."""

import io
import tempfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from cases.models import Declaration, RegisterImport
from tests.browser.walks import Walker, seed_demo, zh
from tests.factories.organizations import valid_credit_code
from workflows.register_import.actions import run_register_imports

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("reference_data")]

HEADER = "企业名称,统一社会信用代码,所在地区,地址,地理标志产品,使用途径,批准文件,批准日期,使用状态"


def write(folder: Path, name: str, *rows: str) -> Path:
    path = folder / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="gb18030")  # as Excel in China saves CSV
    return path


def upload(walker: Walker, path: Path) -> None:
    page = walker.page
    page.get_by_label(zh("What the file holds")).select_option(label=zh("authorised users of the GI mark"))
    page.get_by_label(zh("File (CSV or XLSX)")).set_input_files(str(path))
    walker.click(page.get_by_role("button", name=zh("Check the file")))
    expect(page.locator(".register-import-status")).to_be_visible()


def work_done_by_the_worker(walker: Walker) -> None:
    """What run_worker does every two seconds; the page, refreshing itself, shows the outcome."""
    assert run_register_imports() == 1
    expect(walker.page.locator("progress")).to_have_count(0, timeout=15_000)


def test_staff_import_a_register_file_fixing_its_errors_first(page: Page, live_server):
    seed_demo()
    folder = Path(tempfile.mkdtemp())
    good, other = valid_credit_code(901), valid_credit_code(902)
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    walker = Walker(page, live_server.url)
    walker.sign_in("kjs_staff")

    walker.open_from_menu(zh("Import a register"))
    with page.expect_download() as download:
        walker.click(
            page.get_by_role("listitem")
            .filter(has_text=zh("authorised users of the GI mark"))
            .get_by_role("link", name=zh("Excel template (XLSX)"))
        )
    template = load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True).worksheets[0]
    assert [cell.value for cell in next(template.iter_rows())] == HEADER.split(",")

    faulty = write(
        folder,
        "合法使用人.csv",
        f"龙井茶社甲,{wrong},330106,龙井路1号,西湖龙井,核准,国家知识产权局公告第12号,2019-05-20,有效",
        f"龙井茶社乙,{other},350524,安溪路2号,西湖龙井,核准,国家知识产权局公告第12号,2019-05-20,有效",
    )
    upload(walker, faulty)
    work_done_by_the_worker(walker)
    expect(page.locator(".register-import-status")).to_have_text(zh("checked: the file has errors"))
    errors = page.locator("table.register-import-errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.nth(0)).to_contain_text("统一社会信用代码")
    expect(errors.nth(0)).to_contain_text(f"“{good[-1]}”")  # the check character it must be
    expect(errors.nth(1)).to_contain_text("所在地区")
    expect(errors.nth(1)).to_contain_text("保护范围")
    expect(page.get_by_role("link", name=zh("Download the file with an error column"))).to_be_visible()
    page.screenshot(path="test-results/register-import-errors.png", full_page=True)
    assert not Declaration.objects.filter(enterprise__name__startswith="龙井茶社").exists()

    fixed = write(
        folder,
        "合法使用人-已更正.csv",
        f"龙井茶社甲,{good},330106,龙井路1号,西湖龙井,核准,国家知识产权局公告第12号,2019-05-20,有效",
        f"龙井茶社乙,{other},330106,龙井路2号,xihulongjing,自我声明,,2020-03-01,有效",
    )
    upload(walker, fixed)
    work_done_by_the_worker(walker)
    expect(page.locator(".register-import-status")).to_have_text(zh("checked: ready to import"))
    walker.click(page.get_by_role("button", name=zh("Import into the register")))
    expect(page.locator("progress")).to_be_visible()
    work_done_by_the_worker(walker)
    expect(page.locator(".register-import-status")).to_have_text(zh("imported"))
    page.screenshot(path="test-results/register-import-done.png", full_page=True)
    assert RegisterImport.objects.get(file_name="合法使用人-已更正.csv").created == 2

    walker.click(page.get_by_role("link", name=zh("See the public list of authorised users")))
    page.get_by_label(zh("Enterprise name or credit code")).fill(good)
    walker.click(page.get_by_role("button", name=zh("Search")))
    row = page.get_by_role("row").filter(has_text="龙井茶社甲")
    expect(row).to_contain_text("核准")
    walker.click(row.get_by_role("link", name="HZ-330106-2019-00001"))
    expect(page.locator(".verdict--ok")).to_be_visible()
    expect(page.get_by_text("国家知识产权局公告第12号")).to_be_visible()
    page.screenshot(path="test-results/register-import-verify.png", full_page=True)
