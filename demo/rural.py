"""Demo rural revitalisation: a measure and a period's effects of 安溪县 (so the statistics form's
poverty row counts something), and a project 安溪县 applied for that 福建省 recommended, waiting
for the 计财司's evaluation. Made through the same actions as real work.

No aid-region designation is loaded: none of the demo's regions (西湖区, 安溪县, 五常市 and their
prefectures and provinces) is among the designations we can source (西藏, 四省藏区, 南疆四地州,
三区三州, the 832 poor counties of 2014–2020, the 160 key counties from 2021), and designations
are never invented; administrators load the real lists (load_aid_designations)."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from cases.models import ProtectedProduct
from organizations.models import Department, Region
from rural import actions
from rural.flows import RuralProjectFlow
from rural.models import EffectReport, Measure, MeasureKind, Project
from rural.task_views import decide_recommendation
from workflows.task_actions import task_assign, task_decide


def _user(username: str):
    return get_user_model().objects.get(username=username)


def seed_rural() -> list[str]:
    made: list[str] = []
    anxi = Region.objects.filter(code="350524").first()
    bureau = Department.objects.filter(code="AMR-350524").first()
    if anxi is None or bureau is None:
        return made
    staff = _user("ax_county_staff")
    tieguanyin = list(ProtectedProduct.objects.filter(name="安溪铁观音"))
    today = timezone.localdate()
    if not Measure.objects.exists():
        actions.measure_record(
            actor=staff,
            bureau=bureau,
            kind=MeasureKind.TRAINING,
            title="地理标志产品保护与专用标志使用培训",
            held_on=today - datetime.timedelta(days=20),
            regions=[anxi],
            products=tieguanyin,
            participants=60,
            description="面向茶农和合作社讲解专用标志申请、使用和电商销售。",
        )
        made.append("rural measure")
    if not EffectReport.objects.exists():
        actions.effect_record(
            actor=staff,
            bureau=bureau,
            region=anxi,
            period_start=datetime.date(today.year, 1, 1),
            period_end=today - datetime.timedelta(days=1),
            people_reached=320,
            households_reached=110,
            poor_employed=15,
            income_per_capita=None,
            gi_output=Decimal("850.00"),
            online_sales=Decimal("120.50"),
            note="演示数据。",
        )
        made.append("rural effects")
    if not Project.objects.exists():
        project = actions.apply_for_project(
            actor=staff,
            bureau=bureau,
            title="茶园标准化种植与电商销售示范",
            region=anxi,
            products=tieguanyin,
            summary="在三个乡镇建设标准化茶园，培训茶农使用专用标志，开设网店销售。",
            budget=Decimal("80.00"),
        )
        lead = _user("fj_province_lead")
        task = RuralProjectFlow.task_class.objects.get(
            process__artifact_object_id=project.pk, flow_task=RuralProjectFlow.recommend, status="NEW"
        )
        task_assign(actor=lead, task=task)
        task_decide(
            actor=lead,
            task=task,
            decide=lambda activation: decide_recommendation(
                actor=lead, activation=activation, data={"recommend": True, "comment": "符合推荐条件，同意推荐。"}
            ),
        )
        made.append("rural project")
    return made
