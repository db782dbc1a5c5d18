"""Demo special marks (ADR 0055, 0060): print runs and issues of the three demo counties, and
usage-report dues that already have a history, so /marks/, /marks/usage/ and /marks/usage/dues/
show something. Everything goes through the same doors as real work.

The demo's own declaration is published today, so it owes no report yet. A history comes the way
it does in production: 福建省 imports its register of authorised users, which carries the date
of each self-declaration, and the worker's dues job runs as it did a year ago and as it does today."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from cases.models import Declaration, ProtectedProduct
from marks.jobs import create_usage_report_dues
from marks.models import MarkPrinting
from marks.services import issue_record, printing_record
from organizations.models import Department, Enterprise
from workflows.declarations.actions import submit_usage_report
from workflows.register_import.actions import (
    ImportKind,
    register_import_request,
    register_import_run_now,
    register_import_upload,
)

from .personas import ENTERPRISES

# When 安溪铁观音茶业有限公司 declared, as its province's register lists it.
DECLARED_ON = "2022-05-20"
REGISTER_HEADER = "企业名称,统一社会信用代码,所在地区,地址,地理标志产品,使用途径,批准日期,使用状态"


def _user(username: str):
    return get_user_model().objects.get(username=username)


def _approved_user_of_anxi() -> Declaration | None:
    """The 福建 producer persona's declaration, imported from the register (once)."""
    persona = next(p for p in ENTERPRISES if p.username == "producer_fj")
    enterprise = Enterprise.objects.filter(users__username=persona.username).first()
    product = ProtectedProduct.objects.filter(name="安溪铁观音").first()
    if enterprise is None or product is None:
        return None
    existing = Declaration.objects.filter(enterprise=enterprise, product=product).first()
    if existing:
        return existing
    row = f"{enterprise.name},{enterprise.credit_code},350524,安溪县西坪镇,安溪铁观音,自我声明,{DECLARED_ON},有效"
    importer = _user("fj_province_staff")
    upload = ContentFile(f"{REGISTER_HEADER}\n{row}\n".encode(), name="福建省核准使用企业名录.csv")
    job = register_import_run_now(register_import_upload(user=importer, kind=ImportKind.USERS, uploaded_file=upload))
    if job.status != job.Status.CHECKED:
        return None
    register_import_run_now(register_import_request(user=importer, register_import=job))
    return Declaration.objects.filter(enterprise=enterprise, product=product).first()


def _print_and_issue(clerk: str, bureau_code: str, product_name: str, issue_to: Declaration | None, **run) -> None:
    product = ProtectedProduct.objects.filter(name=product_name).first()
    if product is None:
        return
    actor, bureau = _user(clerk), Department.objects.get(code=bureau_code)
    today = timezone.localdate()
    printing = printing_record(
        actor=actor, bureau=bureau, product=product, printed_on=today - datetime.timedelta(days=60), **run
    )
    if issue_to is None:
        return
    serials = {}
    if printing.serial_from is not None:
        serials = {"serial_from": printing.serial_from, "serial_to": printing.serial_from + printing.quantity // 2 - 1}
    else:
        serials = {"quantity": printing.quantity // 2}
    issue_record(
        actor=actor,
        bureau=bureau,
        declaration=issue_to,
        issued_on=today - datetime.timedelta(days=30),
        note="按申报产量核定发放",
        **serials,
    )


def seed_marks() -> list[str]:
    if MarkPrinting.objects.exists():
        return []
    today = timezone.localdate()
    longjing = Declaration.objects.filter(product__name="西湖龙井", enterprise__users__username="producer").first()
    anxi = _approved_user_of_anxi()
    _print_and_issue(
        "xh_county_staff", "AMR-330106", "西湖龙井", longjing, serial_from=33010600001, serial_to=33010650000
    )
    _print_and_issue("ax_county_staff", "AMR-350524", "安溪铁观音", anxi, quantity=30000)
    _print_and_issue("wc_county_staff", "AMR-230184", "五常大米", None, serial_from=23018400001, serial_to=23018480000)
    if anxi is not None:
        # The worker's dues job as it ran a year ago, and as it runs today: two years owed.
        create_usage_report_dues(today.replace(year=today.year - 1, day=min(today.day, 28)))
        create_usage_report_dues(today)
        # The older year's report, filed now: late. The last year's stays missing (or not yet due
        # before 31 March).
        submit_usage_report(
            actor=_user("producer_fj"),
            declaration=anxi,
            year=today.year - 2,
            output_quantity=Decimal(18000),
            marked_quantity=Decimal(12500),
            labels_printed=14000,
            sales_value=Decimal(375),  # 10,000 yuan
        )
    return ["special marks"]
