"""A world for demonstration zones: 杭州市西湖区人民政府 applies for 西湖龙井 (protected since 2001),
entered by the 西湖区 bureau; the Zhejiang bureau recommends, the 科技司 reviews and names."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases.models import Declaration
from organizations.models import Region, Role
from tests.factories.cases import longjing
from tests.factories.organizations import EnterpriseFactory, UserFactory, make_member
from tests.reports.conftest import add_declaration
from zones import actions, task_views
from zones.models import Zone

DECISIONS = {
    "recommend": task_views.RecommendView.decision,
    "approve_recommendation": task_views.ApproveRecommendationView.decision,
    "review": task_views.ReviewView.decision,
    "approve_publication": task_views.PublishView.decision,
    "approve_preparation": task_views.PreparationView.decision,
    "site_visit": task_views.SiteVisitView.decision,
    "assess": task_views.AssessView.decision,
    "name_zone": task_views.NameView.decision,
}

PDF = b"%PDF-1.4\n%%EOF\n"


@dataclass
class Cast:
    county_staff: object
    province_staff: object
    province_lead: object
    province_inspector: object
    kjs_staff: object
    kjs_lead: object
    other_staff: object


@pytest.fixture
def cast(db) -> Cast:
    return Cast(
        county_staff=make_member("AMR-330106", Role.STAFF),
        province_staff=make_member("AMR-330000", Role.STAFF),
        province_lead=make_member("AMR-330000", Role.LEAD),
        province_inspector=make_member("AMR-330000", Role.INSPECTOR),
        kjs_staff=make_member("KJS", Role.STAFF),
        kjs_lead=make_member("KJS", Role.LEAD),
        other_staff=make_member("AMR-350000", Role.STAFF),
    )


def mark_users(count: int, region_code: str = "330106") -> list[Declaration]:
    product = longjing()
    return [add_declaration(EnterpriseFactory(), product, region_code) for _ in range(count)]


def pdf(name: str = "扶持政策.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def filled_zone(cast: Cast, *, producers: int = 3, output_share: str = "70", level: str = "national") -> Zone:
    zone = actions.zone_create(
        actor=cast.county_staff,
        government="杭州市西湖区人民政府",
        region=Region.objects.get(code="330106"),
        level=level,
    )
    actions.zone_update(
        actor=cast.county_staff,
        zone=zone,
        answers={
            "standard_system": "GB/T 18650-2008 及配套地方标准",
            "testing_system": "区农产品质量检测站",
            "quality_system": "茶园档案与追溯",
            "producers_count": producers,
            "output_share": Decimal(output_share),
            "no_quality_accident": True,
        },
        products=[longjing()],
    )
    actions.policy_add(actor=cast.county_staff, zone=zone, title="西湖龙井茶保护管理办法", uploaded_file=pdf())
    return Zone.objects.get(pk=zone.pk)


def complete(zone: Zone, node, user, data: dict) -> Zone:
    """Do the zone's open task at `node` as `user`, as its page would (its view's decision)."""
    from workflows.task_actions import task_assign, task_decide
    from zones.flows import ZoneFlow

    task = (
        ZoneFlow.task_class.objects.filter(
            process__flow_class=ZoneFlow, process__artifact_object_id=zone.pk, flow_task=node
        )
        .exclude(status__in=["DONE", "CANCELED"])
        .get()
    )
    decide = DECISIONS[node.name]
    if task.owner_id != user.pk:  # a refused decision leaves the task with its taker
        task_assign(actor=user, task=task)
    task_decide(actor=user, task=task, decide=lambda activation: decide(actor=user, activation=activation, data=data))
    return Zone.objects.get(pk=zone.pk)


def open_tasks(zone: Zone) -> list[str]:
    from zones.flows import ZoneFlow

    tasks = ZoneFlow.task_class.objects.filter(process__artifact_object_id=zone.pk, process__flow_class=ZoneFlow)
    return sorted(
        task.flow_task.name for task in tasks.exclude(status__in=["DONE", "CANCELED"]) if task.flow_task_type == "HUMAN"
    )


@pytest.fixture
def other_user(db):
    return UserFactory()
