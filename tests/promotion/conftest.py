"""People and records of the promotion programme: Zhejiang's bureaus at three levels, the
信息中心, and a Jiangsu bureau whose records must never count for Zhejiang."""

import datetime
from dataclasses import dataclass

import pytest

from cases.products.services import product_import_protected
from organizations.models import Department, Region, Role
from promotion import actions
from tests.factories.cases import longjing, pdf_file
from tests.factories.organizations import make_member

PAGE_TEXT = {
    "natural_background": "西湖群山环抱，气候温和，雨量充沛。",
    "cultural_background": "龙井茶历史悠久，炒制技艺为国家级非物质文化遗产。",
    "area_description": "杭州市西湖区现辖行政区域。",
    "standard": "GB/T 18650-2008",
    "testing_body": "农业农村部茶叶质量监督检验测试中心",
}


@dataclass
class People:
    province_staff: object
    province_lead: object
    city_staff: object
    county_staff: object
    jiangsu_staff: object
    fujian_staff: object
    xxzx_staff: object
    xxzx_lead: object
    kjs_staff: object


def region(code: str) -> Region:
    return Region.objects.get(code=code)


def bureau(code: str) -> Department:
    return Department.objects.get(code=code)


@pytest.fixture
def people(db) -> People:
    return People(
        province_staff=make_member("AMR-330000", Role.STAFF),
        province_lead=make_member("AMR-330000", Role.LEAD),
        city_staff=make_member("AMR-330100", Role.STAFF),
        county_staff=make_member("AMR-330106", Role.STAFF),
        jiangsu_staff=make_member("AMR-320000", Role.STAFF),
        fujian_staff=make_member("AMR-350000", Role.STAFF),
        xxzx_staff=make_member("XXZX", Role.STAFF),
        xxzx_lead=make_member("XXZX", Role.LEAD),
        kjs_staff=make_member("KJS", Role.STAFF),
    )


@pytest.fixture
def products(db):
    """Zhejiang's two protected products and one of Jiangsu."""
    tea = longjing()
    walnut, _ = product_import_protected(
        actor=None, name="临安山核桃", category="fruit", province=region("330000"), area=[region("330106")]
    )
    crab, _ = product_import_protected(
        actor=None, name="阳澄湖大闸蟹", category="meat_aquatic", province=region("320000"), area=[region("320102")]
    )
    return tea, walnut, crab


def plan(user, bureau_code, covers_from, covers_to, title="地理标志保护工作方案"):
    return actions.record_work_plan(
        actor=user,
        bureau=bureau(bureau_code),
        title=title,
        adopted_on=covers_from,
        covers_from=covers_from,
        covers_to=covers_to,
        document=pdf_file("方案.pdf"),
    )


def activity(user, bureau_code, region_code, held_on, products=(), kind="training", name="专用标志使用培训"):
    return actions.record_activity(
        actor=user,
        bureau=bureau(bureau_code),
        name=name,
        kind=kind,
        held_on=held_on,
        region=region(region_code),
        products=list(products),
    )


def media(user, bureau_code, region_code, published_on, level):
    return actions.record_media_report(
        actor=user,
        bureau=bureau(bureau_code),
        title="地理标志助力乡村振兴",
        outlet="人民日报" if level == "central" else "浙江日报",
        level=level,
        published_on=published_on,
        region=region(region_code),
        link="https://example.org/report",
    )


def submit_page(user, product, bureau_code="AMR-330000"):
    return actions.submit_site_page(actor=user, bureau=bureau(bureau_code), product=product, **PAGE_TEXT)


def day(year, month, day_of_month) -> datetime.date:
    return datetime.date(year, month, day_of_month)


def decide(node: str, page, user, approve: bool, comment: str = ""):
    """Take the page's open task at `node` and decide it as the task page would."""
    from promotion.flows import SitePageFlow
    from promotion.task_views import decide_site_publication, decide_site_review
    from tests import flows
    from workflows.task_actions import task_assign, task_decide

    task = flows.open_task(SitePageFlow, page, node)
    assert task is not None, f"no open {node} task"
    decision = {"review": decide_site_review, "publish": decide_site_publication}[node]
    if task.owner_id is None:
        task_assign(actor=user, task=task)
    task_decide(
        actor=user,
        task=task,
        decide=lambda activation: decision(
            actor=user, activation=activation, data={"approve": approve, "comment": comment}
        ),
    )


def publish_page(page, people):
    decide("review", page, people.xxzx_staff, True)
    decide("publish", page, people.xxzx_lead, True)
