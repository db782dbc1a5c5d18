"""Demo brand evaluation: two published rounds over products already in the demo's register, so
the register's top 50, the product pages and "change on last year" have something to show.

DEMO DATA: every brand strength and brand value below is invented for the demo; none is a
published result of a real evaluation. The rounds go through the same doors and flow as real work.
"""

import datetime
from decimal import Decimal

from brands import actions as brand_actions
from brands.flows import BrandRoundFlow
from brands.models import BrandRound, Stage, brand_day
from brands.task_views import decide_stage_approval, decide_stage_work
from cases.models import ProtectedProduct
from organizations.models import Department
from workflows.task_actions import task_assign, task_decide

from .casework import _pdf, _user

# Invented (demo) figures: product → (brand strength, brand value in ¥100 million), per round.
DEMO_RESULTS = {
    -2: {"西湖龙井": ("880.0", "65.20"), "安溪铁观音": ("902.0", "1410.00"), "五常大米": ("895.0", "670.50")},
    -1: {
        "西湖龙井": ("886.0", "70.10"),
        "安吉白茶": ("871.0", "45.30"),
        "安溪铁观音": ("905.0", "1425.00"),
        "武夷红茶": ("860.0", "60.80"),
        "五常大米": ("899.0", "698.00"),
    },
}
# Who recommends for each province (the provincial bureau's staff).
RECOMMENDERS = {"330000": "zj_province_staff", "350000": "fj_province_staff", "230000": "hlj_province_staff"}


def _open_task(brand_round: BrandRound):
    return (
        BrandRoundFlow.task_class.objects.filter(
            process__flow_class=BrandRoundFlow, process__artifact_object_id=brand_round.pk
        )
        .exclude(status__in=["DONE", "CANCELED"])
        .exclude(flow_task_type="END")
        .first()
    )


def _stage_data(brand_round: BrandRound, figures: dict) -> tuple[str, dict]:
    """The login that does the round's current stage, and what they enter."""
    admitted = {r.product.name: r.pk for r in brand_round.recommendations.select_related("product")}
    stage = brand_round.status
    if stage == Stage.EXPERT_REVIEW:
        return "expert1", {"comment": "（演示数据）推荐产品材料齐全，同意进入评价。"}
    if stage == Stage.SCORING:
        return "ppb_staff", {"scores": {pk: Decimal(figures[name][0]) for name, pk in admitted.items()}}
    if stage == Stage.VALUATION:
        return "ppb_staff", {"values": {pk: Decimal(figures[name][1]) for name, pk in admitted.items()}}
    if stage == Stage.APPROVAL:
        return "zls_lead", {"approve": True, "comment": ""}
    if stage == Stage.PUBLICATION:
        return "xxzx_staff", {"published_on": brand_day(brand_round.year)}
    return "zls_staff", {}


def _drive_to_publication(brand_round: BrandRound, figures: dict) -> None:
    """Every stage done and approved, by the people the flow offers it to."""
    while (task := _open_task(brand_round)) is not None:
        brand_round.refresh_from_db()
        if task.flow_task == BrandRoundFlow.approve:
            login, decide, data = "zls_lead", decide_stage_approval, {"approve": True, "comment": ""}
        else:
            login, data = _stage_data(brand_round, figures)
            decide = decide_stage_work
        user = _user(login)
        task_assign(actor=user, task=task)
        task_decide(
            actor=user,
            task=task,
            decide=lambda activation, user=user, decide=decide, data=data: decide(
                actor=user, activation=activation, data=data
            ),
        )


def seed_brands(today: datetime.date) -> bool:
    """Idempotent: the two rounds before this year, published, unless any round exists."""
    if BrandRound.objects.exists():
        return False
    organiser = Department.objects.get(code="ZLS")
    for offset, figures in sorted(DEMO_RESULTS.items()):
        year = today.year + offset
        products = {p.name: p for p in ProtectedProduct.objects.filter(name__in=figures)}
        if len(products) != len(figures):
            return False  # the demo's register lacks a product: no round rather than a partial one
        brand_round = brand_actions.open_round(
            actor=_user("zls_staff"),
            year=year,
            organiser=organiser,
            recommendations_due=today,  # the round is recorded after the fact
        )
        for product in products.values():
            brand_actions.recommend(
                actor=_user(RECOMMENDERS[product.province.code]),
                brand_round=brand_round,
                product=product,
                has_plan=True,
                reason="（演示数据）产品品质稳定，品牌知名度高。",
                files=[_pdf("品牌评价推荐材料.pdf")],
            )
        _drive_to_publication(brand_round, figures)
    return True
