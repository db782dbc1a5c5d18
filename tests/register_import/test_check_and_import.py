"""Importing an existing register: every row checked first, then written whole or not at all,
idempotent by natural keys (issue 20)."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from audit.models import AuditEvent
from cases.models import Declaration, ProtectedProduct, RegisterImport
from cases.register_import.columns import COLUMNS, ImportKind
from cases.register_import.services import (
    register_import_request,
    register_import_run_now,
    register_import_upload,
    run_register_imports,
)
from notifications.models import Notification
from organizations.models import Enterprise, Role
from tests.factories.cases import longjing
from tests.factories.organizations import make_member, valid_credit_code

pytestmark = pytest.mark.django_db

USERS_HEADER = "企业名称,统一社会信用代码,所在地区,地址,地理标志产品,使用途径,批准文件,批准日期,使用状态"


def csv_upload(text: str, *, encoding: str = "utf-8", name: str = "名录.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(encoding))


def check_file(kind, upload, user) -> RegisterImport:
    """Upload and check at once, as the worker would."""
    return register_import_run_now(register_import_upload(user=user, kind=kind, uploaded_file=upload))


def import_file(kind, upload, user) -> RegisterImport:
    job = check_file(kind, upload, user)
    if job.status != RegisterImport.Status.CHECKED:
        return job
    return register_import_run_now(register_import_request(user=user, register_import=job))


def national_staff():
    return make_member("KJS", Role.STAFF)


def users_file(*rows: str) -> str:
    return "\n".join([USERS_HEADER, *rows]) + "\n"


def a_user_row(n: int, *, name: str | None = None, code: str | None = None, region="330106", route="核准") -> str:
    code = code or valid_credit_code(n)
    enterprise = name or f"龙井茶厂{n}"
    return f"{enterprise},{code},{region},龙井路{n}号,西湖龙井,{route},国家知识产权局公告第{n}号,2019-05-20,有效"


def test_a_clean_file_of_users_imports_into_the_register_and_a_second_run_changes_nothing():
    longjing()
    user = national_staff()
    text = users_file(a_user_row(1), a_user_row(2), a_user_row(3, route="自我声明"))

    done = import_file(ImportKind.USERS, csv_upload(text), user)

    assert done.status == RegisterImport.Status.IMPORTED, (done.problem, done.errors)
    assert done.rows == 3 and done.to_create == 3 and done.created == 3 and done.enterprises_created == 3
    declarations = Declaration.objects.order_by("reference")
    assert [d.route for d in declarations] == ["approved", "approved", "self_declared"]
    assert all(d.is_authorised for d in declarations)
    assert declarations[0].reference.startswith("HZ-330106-2019-")
    assert Enterprise.objects.count() == 3
    event = AuditEvent.objects.get(action="register.import")
    assert event.data["sha256"] == done.sha256 and event.data["created"] == 3 and event.actor_id == user.pk
    assert Notification.objects.filter(recipient=user, kind="register_import.imported").exists()

    again = import_file(ImportKind.USERS, csv_upload(text), user)

    assert again.status == RegisterImport.Status.IMPORTED and again.unchanged == 3 and again.created == 0
    assert Declaration.objects.count() == 3 and Enterprise.objects.count() == 3


def test_the_check_reports_row_column_and_what_is_wrong_and_nothing_can_be_imported():
    longjing()
    user = national_staff()
    good = valid_credit_code(5)
    wrong_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    text = users_file(
        a_user_row(1),
        a_user_row(2, code=wrong_check),
        a_user_row(3, region="350524"),  # 安溪县: outside 西湖龙井's area
        a_user_row(1),  # the same enterprise and product again
        "龙井茶厂9,ZZZZZZZZZZZZZZZZZZ,330106,,西湖龙井,核准,公告,2019-13-40,有效",
        a_user_row(6, route="买来的"),
        "",  # an empty row is skipped
        a_user_row(7, name="另一个名字", code=valid_credit_code(1)),  # row 2's credit code, another name
    )

    job = check_file(ImportKind.USERS, csv_upload(text), user)

    by_row = {(row, column): message for row, column, message in job.errors}
    assert job.status == RegisterImport.Status.HAS_ERRORS
    assert job.rows == 7 and job.rows_with_errors == 6 and job.to_create == 1
    # Which character is wrong, and what it must be.
    assert "第18位" in by_row[(3, "统一社会信用代码")] and f"“{good[-1]}”" in by_row[(3, "统一社会信用代码")]
    assert "保护范围" in by_row[(4, "所在地区")]
    assert "第 2 行" in by_row[(5, "地理标志产品")]
    assert (6, "统一社会信用代码") in by_row and "2019-05-20" in by_row[(6, "批准日期")]
    assert "核准" in by_row[(7, "使用途径")]
    assert "第 2 行" in by_row[(9, "企业名称")] and "龙井茶厂1" in by_row[(9, "企业名称")]
    assert Declaration.objects.count() == 0 and Enterprise.objects.count() == 0
    assert Notification.objects.filter(recipient=user, kind="register_import.has_errors").exists()

    with pytest.raises(ValidationError):
        register_import_request(user=user, register_import=job)
    assert Declaration.objects.count() == 0 and not AuditEvent.objects.filter(action="register.import").exists()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_excel_s_encodings_are_read(encoding):
    longjing()
    job = check_file(ImportKind.USERS, csv_upload(users_file(a_user_row(1)), encoding=encoding), national_staff())
    assert job.status == RegisterImport.Status.CHECKED and job.to_create == 1, (job.problem, job.errors)


@pytest.mark.parametrize(
    ("content", "name", "says"),
    [
        (b"\x00\x01\x02garbage", "名录.csv", "UTF-8"),
        (b"PK\x03\x04 not really a zip", "名录.xlsx", "XLSX"),
        ("名称,代码\n甲,乙\n".encode(), "名录.csv", "统一社会信用代码"),
        ("企业名称,,所在地区\n".encode(), "名录.csv", "合并"),
        (b"\n\n", "名录.csv", "第一行"),
        (b"\xff\xfe\xfa\xfb" * 100, "名录.csv", "GB18030"),
    ],
)
def test_files_that_are_not_register_files_get_one_clear_answer(content, name, says):
    job = check_file(ImportKind.USERS, SimpleUploadedFile(name, content), national_staff())
    assert job.status == RegisterImport.Status.UNREADABLE and says in job.problem and job.rows == 0


@pytest.mark.parametrize(("content", "name", "says"), [(b"", "名录.csv", "空"), (b"a,b", "名录.pdf", "CSV")])
def test_empty_files_and_other_types_are_refused_at_the_upload(content, name, says):
    with pytest.raises(ValidationError, match=says):
        register_import_upload(
            user=national_staff(), kind=ImportKind.USERS, uploaded_file=SimpleUploadedFile(name, content)
        )
    assert not RegisterImport.objects.exists()


def test_a_file_over_the_size_limit_is_refused_at_the_upload(settings):
    settings.TERROIR_IMPORT_MAX_BYTES = 1024
    big = csv_upload(users_file(*(a_user_row(n) for n in range(40))))
    with pytest.raises(ValidationError, match="MB"):
        register_import_upload(user=national_staff(), kind=ImportKind.USERS, uploaded_file=big)


def test_a_file_over_the_row_limit_gets_one_answer(settings):
    longjing()
    settings.TERROIR_IMPORT_MAX_ROWS = 5
    job = check_file(ImportKind.USERS, csv_upload(users_file(*(a_user_row(n) for n in range(6)))), national_staff())
    assert job.status == RegisterImport.Status.UNREADABLE and "5" in job.problem


def test_a_provincial_bureau_imports_its_own_province_only():
    longjing()
    zhejiang = make_member("AMR-330000", Role.STAFF)
    fujian = make_member("AMR-350000", Role.STAFF)
    county = make_member("AMR-330106", Role.STAFF)
    text = users_file(a_user_row(1))

    assert check_file(ImportKind.USERS, csv_upload(text), zhejiang).status == RegisterImport.Status.CHECKED
    refused = check_file(ImportKind.USERS, csv_upload(text), fujian)
    assert "管辖" in refused.errors[0][2]
    with pytest.raises(PermissionDenied):
        check_file(ImportKind.USERS, csv_upload(text), county)


def test_the_error_file_is_the_file_back_with_its_errors_and_no_formula_runs():
    longjing()
    text = users_file(a_user_row(1, name='=HYPERLINK("http://x")'), a_user_row(2, code="123"))
    job = check_file(ImportKind.USERS, csv_upload(text), national_staff())
    with job.error_file.open("rb") as handle:
        content = handle.read().decode("utf-8-sig").splitlines()
    assert content[0].startswith("行号,错误,企业名称")
    assert "'=HYPERLINK" in content[1]
    assert content[2].split(",")[1].startswith("统一社会信用代码")


def test_an_xlsx_file_with_a_formula_is_checked_cell_by_cell():
    from openpyxl import Workbook

    longjing()
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(USERS_HEADER.split(","))
    sheet.append([c.en for c in COLUMNS[ImportKind.USERS]])  # the template's English row
    sheet.append(a_user_row(1).split(","))
    row = a_user_row(2).split(",")
    row[7] = "=TODAY()"
    sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    job = check_file(ImportKind.USERS, SimpleUploadedFile("名录.xlsx", out.getvalue()), national_staff())
    assert job.rows == 2 and job.to_create == 1
    assert [(r, c) for r, c, _m in job.errors] == [(4, "批准日期")] and "公式" in job.errors[0][2]


def test_products_and_enterprises_import_too():
    user = national_staff()
    products = (
        "产品名称,产品类别,保护范围,产品标准,批准公告号,批准公告日期,保护状态\n"
        "安吉白茶,茶叶,330523,GB/T 20354,2004年第62号,2004-03-02,受保护\n"
    )
    done = import_file(ImportKind.PRODUCTS, csv_upload(products), user)
    assert done.status == RegisterImport.Status.IMPORTED, (done.problem, done.errors)
    product = ProtectedProduct.objects.get(name="安吉白茶")
    assert product.province.code == "330000" and [r.code for r in product.protected_area.all()] == ["330523"]
    assert product.protected_since.isoformat() == "2004-03-02" and "anjibaicha" in product.name_pinyin

    enterprises = f"企业名称,统一社会信用代码,所在地区\n安吉茶厂,{valid_credit_code(7, '330523')},浙江省湖州市安吉县\n"
    done = import_file(ImportKind.ENTERPRISES, csv_upload(enterprises), user)
    assert done.status == RegisterImport.Status.IMPORTED and done.created == 1, (done.problem, done.errors)
    assert Enterprise.objects.get(name="安吉茶厂").region.code == "330523"


def test_an_import_a_dead_worker_left_is_taken_again_and_finishes_once():
    longjing()
    user = national_staff()
    job = check_file(ImportKind.USERS, csv_upload(users_file(a_user_row(1), a_user_row(2))), user)
    job = register_import_request(user=user, register_import=job)
    # A worker claimed it, wrote the first row's enterprise and use, and died.
    RegisterImport.objects.filter(pk=job.pk).update(
        status=RegisterImport.Status.IMPORTING, claimed_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    assert run_register_imports() == 1
    job.refresh_from_db()
    assert job.status == RegisterImport.Status.IMPORTED and Declaration.objects.count() == 2
    assert run_register_imports() == 0


def test_the_command_prints_the_same_report(tmp_path):
    longjing()
    user = national_staff()
    path = tmp_path / "users.csv"
    path.write_text(users_file(a_user_row(1), a_user_row(2, region="350524")), encoding="gb18030")
    out = io.StringIO()
    call_command("import_register", str(path), "--kind", "users", "--dry-run", "--user", user.username, stdout=out)
    assert "第 3 行 · 所在地区" in out.getvalue() and Declaration.objects.count() == 0
    with pytest.raises(CommandError):
        call_command("import_register", str(path), "--kind", "users", "--user", user.username, stdout=io.StringIO())
    assert Declaration.objects.count() == 0

    path.write_text(users_file(a_user_row(1)), encoding="utf-8")
    out = io.StringIO()
    call_command("import_register", str(path), "--kind", "users", "--user", user.username, stdout=out)
    assert "新增 1" in out.getvalue() and Declaration.objects.count() == 1


def test_the_templates_columns_are_in_the_readers_order():
    assert [c.zh for c in COLUMNS[ImportKind.USERS]] == USERS_HEADER.split(",")


def test_an_imported_approved_user_is_on_the_register_and_the_verification_page(client):
    longjing()
    code = valid_credit_code(42)
    done = import_file(ImportKind.USERS, csv_upload(users_file(a_user_row(42))), national_staff())
    assert done.status == RegisterImport.Status.IMPORTED, done.errors

    listing = client.get("/authorised-users/", {"q": code}).content.decode()
    assert "龙井茶厂42" in listing and ">HZ-330106-2019-00001</a>" in listing and "核准" in listing

    token = Declaration.objects.get(enterprise__credit_code=code).verification_token
    page = client.get(f"/verify/{token}/").content.decode()
    assert "龙井茶厂42" in page and "国家知识产权局公告第42号" in page and "2019-05-20" in page and "核准" in page
