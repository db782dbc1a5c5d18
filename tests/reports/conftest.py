"""A province's records for the statistics form: Zhejiang with mark users, checks, cases and a
new protection; one record of each in Jiangsu that must never be counted for Zhejiang."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from cases.models import Application, Declaration, EnforcementCase, SupervisionCampaign, SupervisionCheck
from cases.products.services import product_import_protected
from organizations.models import Department, Region, Role
from reports.models import Period
from reports.services import reports_open_period
from tests.factories.cases import longjing
from tests.factories.organizations import EnterpriseFactory, UserFactory, make_member

# The reports tests run at fixed days of 2026 (on_date, on_hard_dates): the year of "today".
YEAR = 2026
# The last period of the year covers every record made today, whatever day of the year it is.
PERIOD = Period.DECEMBER


@dataclass
class Province:
    officer: object
    lead: object
    kjs_staff: object
    kjs_lead: object
    other_officer: object
    report: object
    inspectors: list
    counter: list


def _region(code):
    return Region.objects.get(code=code)


def add_declaration(enterprise, product, region_code="330106", declared_at=None, status="published"):
    # Created as they stand after publication (the declaration flow is tested on its own):
    # the form only counts them.
    number = Declaration.objects.count() + 1
    return Declaration.objects.create(
        reference=f"SM-T-{number:05d}",
        enterprise=enterprise,
        product=product,
        production_region=_region(region_code),
        production_address="测试地址1号",
        annual_output=Decimal("100"),
        label_text="地理标志保护产品",
        commitment_accepted=True,
        status=status,
        created_by=UserFactory(),
        declared_at=declared_at or timezone.now(),
    )


def add_check(campaign, declaration, inspectors, position):
    return SupervisionCheck.objects.create(
        campaign=campaign,
        declaration=declaration,
        inspector_a=inspectors[0],
        inspector_b=inspectors[1],
        draw_position=position,
        status="compliant",
    )


def add_case(region_code, number, filed_on=None, closed_on=None):
    return EnforcementCase.objects.create(
        number=number,
        source="inspection",
        violation_type="unauthorised_use",
        bureau=Department.objects.get(code=f"AMR-{region_code[:2]}0000"),
        region=_region(region_code),
        summary="冒用地理标志",
        status="closed" if closed_on else "investigating",
        filed_on=filed_on,
        closed_on=closed_on,
    )


def add_protection(province_code, name, closed_at=None):
    applicant = EnterpriseFactory(region=_region("330106" if province_code == "330000" else "320102"))
    return Application.objects.create(
        reference=f"SQ-T-{name}",
        applicant=applicant,
        product_name=name,
        category="fruit",
        province=_region(province_code),
        quality_characteristics="-",
        area_link="-",
        production_specification="-",
        reputation_history="-",
        proposed_standard="-",
        status="protected",
        purpose="protection",
        created_by=UserFactory(),
        closed_at=closed_at or timezone.now(),
    )


@pytest.fixture
def province(db):
    officer = make_member("AMR-330000", Role.STATISTICS_OFFICER)
    lead = make_member("AMR-330000", Role.LEAD)
    kjs_staff = make_member("KJS", Role.STAFF)
    kjs_lead = make_member("KJS", Role.LEAD)
    other_officer = make_member("AMR-320000", Role.STATISTICS_OFFICER)
    inspectors = [make_member("AMR-330000", Role.INSPECTOR) for _ in range(2)]

    tea = longjing()
    fruit, _ = product_import_protected(
        actor=None, name="临安山核桃", category="fruit", province=_region("330000"), area=[_region("330106")]
    )
    jiangsu_product, _ = product_import_protected(
        actor=None, name="阳澄湖大闸蟹", category="meat_aquatic", province=_region("320000"), area=[_region("320102")]
    )
    first, second = EnterpriseFactory(), EnterpriseFactory()
    declarations = [
        add_declaration(first, tea),
        add_declaration(first, fruit),  # the same enterprise: counted once
        add_declaration(second, tea),
        add_declaration(second, tea, declared_at=timezone.now() - datetime.timedelta(days=800)),  # an earlier year
    ]
    jiangsu_declaration = add_declaration(
        EnterpriseFactory(region=_region("320102")), jiangsu_product, region_code="320102"
    )

    campaign = SupervisionCampaign.objects.create(
        reference="CC-T-1",
        title="专项检查",
        organiser=Department.objects.get(code="AMR-330000"),
        period_start=timezone.localdate() - datetime.timedelta(days=30),
        period_end=timezone.localdate(),
        status="drawn",
        drawn_at=timezone.now(),
        created_by=lead,
    )
    add_check(campaign, declarations[0], inspectors, 1)
    add_check(campaign, declarations[1], inspectors, 2)
    add_check(campaign, declarations[2], inspectors, 3)
    add_check(campaign, jiangsu_declaration, inspectors, 4)

    today = timezone.localdate()
    add_case("330106", "浙市监罚〔T〕1号", filed_on=today, closed_on=today)
    add_case("330106", "浙市监罚〔T〕2号", filed_on=today)
    add_case("320102", "苏市监罚〔T〕1号", filed_on=today)
    add_protection("330000", "西湖莼菜")
    add_protection("320000", "南京盐水鸭")

    reports = reports_open_period(actor=None, year=YEAR, period=PERIOD)
    report = next(r for r in reports if r.province.code == "330000")
    return Province(officer, lead, kjs_staff, kjs_lead, other_officer, report, inspectors, [])


# What the fixture's records must give for Zhejiang, counted by hand.
EXPECTED = {
    "mark_users_new": 2,  # two enterprises with declarations this year
    "mark_users_authorised": 2,
    "product_archives": 2,  # 西湖龙井, 临安山核桃
    "product_archives_complete": 0,  # neither has a usage report yet (tests/workflows/test_product_archive.py)
    "products_new": 1,
    "checks": 3,
    "enforcement_filed": 2,
    "enforcement_closed": 1,
}

ANSWERS = {
    "contact_person": "张统计",
    "contact_phone": "0571-88888888",
    "standard_system": "制定地方标准3项",
    "testing_system": "依托省质检院",
    "quality_system": "推行追溯体系",
    "mark_printing": "印制标志12万枚",
    "poverty_measures": "培训班2期",
    "brand_categories": "茶叶类",
    "stage_report": "一、工作进展\n本期完成监督检查。",
}
