"""A brand evaluation round's people and products: the 质量司 organises, the 中国品牌建设促进会
evaluates, the 信息中心 publishes; 浙江省 and 福建省 recommend their own products."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from viewflow.workflow.models import Task

from brands import actions
from brands.flows import BrandRoundFlow
from brands.models import BrandRound, Stage
from brands.task_views import decide_stage_approval, decide_stage_work
from cases.products.services import product_import_protected
from organizations.models import Department, Region, Role
from tests.factories.cases import longjing
from tests.factories.organizations import make_member
from workflows.task_actions import task_assign, task_decide

PDF = b"%PDF-1.4\n%%EOF\n"


def dossier(name: str = "推荐材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def product(name: str, category: str, province_code: str, area_code: str):
    made, _ = product_import_protected(
        actor=None,
        name=name,
        category=category,
        province=Region.objects.get(code=province_code),
        area=[Region.objects.get(code=area_code)],
        announcement_number="2008年第1号",
        announcement_year=2008,
    )
    return made


@dataclass
class People:
    zls_staff: object
    zls_lead: object
    kjs_staff: object
    ppb_staff: object
    expert: object
    xxzx_staff: object
    zj_staff: object
    zj_lead: object
    fj_staff: object
    city_staff: object


@pytest.fixture
def people(db) -> People:
    return People(
        zls_staff=make_member("ZLS", Role.STAFF),
        zls_lead=make_member("ZLS", Role.LEAD),
        kjs_staff=make_member("KJS", Role.STAFF),
        ppb_staff=make_member("PPB", Role.STAFF),
        expert=make_member("EXPERTS", Role.EXPERT),
        xxzx_staff=make_member("XXZX", Role.STAFF),
        zj_staff=make_member("AMR-330000", Role.STAFF),
        zj_lead=make_member("AMR-330000", Role.LEAD),
        fj_staff=make_member("AMR-350000", Role.STAFF),
        city_staff=make_member("AMR-330100", Role.STAFF),
    )


@pytest.fixture
def products(db) -> dict:
    return {
        "西湖龙井": longjing(),
        "安吉白茶": product("安吉白茶", "tea", "330000", "330100"),
        "绍兴酒": product("绍兴酒", "alcohol", "330000", "330100"),
        "安溪铁观音": product("安溪铁观音", "tea", "350000", "350524"),
    }


def open_round(people: People, year: int = 2026) -> BrandRound:
    return actions.open_round(
        actor=people.zls_staff,
        year=year,
        organiser=Department.objects.get(code="ZLS"),
        recommendations_due=datetime.date(year, 12, 31) if year >= 2026 else datetime.date(2026, 12, 31),
    )


def recommend(people: People, brand_round, product, *, has_plan=True):
    staff = people.fj_staff if product.province.code == "350000" else people.zj_staff
    return actions.recommend(
        actor=staff, brand_round=brand_round, product=product, has_plan=has_plan, reason="品质优良", files=[dossier()]
    )


def open_task(brand_round):
    return (
        Task.objects.filter(process__flow_class=BrandRoundFlow, process__artifact_object_id=brand_round.pk)
        .exclude(status__in=["DONE", "CANCELED"])
        .exclude(flow_task_type="END")
        .first()
    )


def complete(brand_round, user, data: dict, *, approval: bool = False):
    """The round's open task, taken and completed by `user` as its page would."""
    task = open_task(brand_round)
    assert task is not None and (task.flow_task == BrandRoundFlow.approve) == approval, task
    decide = decide_stage_approval if approval else decide_stage_work
    if task.owner_id != user.pk:  # a refused decision leaves the task with its taker
        task_assign(actor=user, task=task)
    task_decide(actor=user, task=task, decide=lambda activation: decide(actor=user, activation=activation, data=data))
    brand_round.refresh_from_db()
    return brand_round


def approve(people, brand_round):
    return complete(brand_round, people.zls_lead, {"approve": True, "comment": ""}, approval=True)


def run_round(people: People, brand_round, figures: dict, *, failed=(), published_on=None):
    """From the call to publication: figures maps a product's name to (strength, value)."""
    recommendations = {r.product.name: r.pk for r in brand_round.recommendations.select_related("product")}
    complete(brand_round, people.zls_staff, {"comment": ""})
    approve(people, brand_round)
    complete(brand_round, people.zls_staff, {"excluded": [], "comment": ""})
    approve(people, brand_round)
    complete(brand_round, people.expert, {"excluded": [], "comment": "同意"})
    approve(people, brand_round)
    scores = {recommendations[name]: Decimal(strength) for name, (strength, _value) in figures.items()}
    complete(brand_round, people.ppb_staff, {"scores": scores, "comment": ""})
    approve(people, brand_round)
    values = {recommendations[name]: Decimal(value) for name, (_strength, value) in figures.items()}
    complete(brand_round, people.ppb_staff, {"values": values, "comment": ""})
    approve(people, brand_round)
    failed_ids = [recommendations[name] for name in failed]
    complete(brand_round, people.zls_staff, {"failed": failed_ids, "comment": "抽检不合格" if failed else ""})
    approve(people, brand_round)
    assert brand_round.status == Stage.APPROVAL
    complete(brand_round, people.zls_lead, {"approve": True, "comment": ""})
    complete(brand_round, people.xxzx_staff, {"published_on": published_on or datetime.date(brand_round.year, 5, 10)})
    assert brand_round.status == Stage.PUBLISHED
    return brand_round
