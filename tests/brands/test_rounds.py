"""A brand evaluation round from the call to publication: who may do each stage, the lead's
approval of every move, ranking, the top 50 and the change on last year."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEvent
from brands import actions
from brands.models import TOP, BrandRound, Recommendation, Stage
from brands.services import rank_round
from organizations.models import Department
from tests.brands.conftest import approve, complete, open_round, open_task, product, recommend, run_round

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def test_only_the_organising_bodies_open_a_round(people):
    with pytest.raises(PermissionDenied):
        actions.open_round(
            actor=people.zj_staff,
            year=2026,
            organiser=Department.objects.get(code="ZLS"),
            recommendations_due=datetime.date(2026, 4, 1),
        )
    with pytest.raises(ValidationError):
        actions.open_round(
            actor=people.ppb_staff,
            year=2026,
            organiser=Department.objects.get(code="PPB"),
            recommendations_due=datetime.date(2026, 4, 1),
        )
    # The 科技司 may organise a round too: the organiser is the round's own.
    brand_round = actions.open_round(
        actor=people.kjs_staff,
        year=2026,
        organiser=Department.objects.get(code="KJS"),
        recommendations_due=datetime.date(2026, 4, 1),
    )
    assert brand_round.organiser.code == "KJS" and brand_round.status == Stage.CALL
    assert AuditEvent.objects.filter(action="brands.open", target_id=brand_round.pk).count() == 1
    with pytest.raises(ValidationError):
        open_round(people)  # one round a year


def test_a_province_recommends_only_its_own_protected_products(people, products):
    brand_round = open_round(people)
    with pytest.raises(PermissionDenied):
        recommend_as(people.fj_staff, brand_round, products["西湖龙井"])
    with pytest.raises(PermissionDenied):
        recommend_as(people.city_staff, brand_round, products["西湖龙井"])
    with pytest.raises(ValidationError):  # no dossier
        actions.recommend(
            actor=people.zj_staff,
            brand_round=brand_round,
            product=products["西湖龙井"],
            has_plan=True,
            reason="x",
            files=[],
        )
    recommendation = recommend(people, brand_round, products["西湖龙井"])
    assert recommendation.province.code == "330000" and recommendation.dossier.count() == 1
    with pytest.raises(ValidationError):
        recommend(people, brand_round, products["西湖龙井"])  # twice


def recommend_as(user, brand_round, product):
    return actions.recommend(
        actor=user, brand_round=brand_round, product=product, has_plan=False, reason="x", files=[dossier_file()]
    )


def dossier_file():
    from tests.brands.conftest import dossier

    return dossier()


def test_each_stage_is_offered_to_its_body_and_the_lead_approves_each_move(people, products):
    brand_round = open_round(people)
    recommend(people, brand_round, products["西湖龙井"])
    task = open_task(brand_round)
    assert task.flow_task.can_assign(people.zls_staff, task)
    assert not task.flow_task.can_assign(people.ppb_staff, task)
    assert not task.flow_task.can_assign(people.zj_staff, task)
    complete(brand_round, people.zls_staff, {"comment": ""})
    assert brand_round.status == Stage.CALL and brand_round.awaiting_approval
    task = open_task(brand_round)
    assert task.flow_task.can_assign(people.zls_lead, task) and not task.flow_task.can_assign(people.zls_staff, task)
    # Sent back: the call stays open, its work is done again.
    with pytest.raises(ValidationError):
        complete(brand_round, people.zls_lead, {"approve": False, "comment": ""}, approval=True)
    complete(brand_round, people.zls_lead, {"approve": False, "comment": "再等等"}, approval=True)
    assert brand_round.status == Stage.CALL and not brand_round.awaiting_approval
    complete(brand_round, people.zls_staff, {"comment": ""})
    approve(people, brand_round)
    assert brand_round.status == Stage.SCREENING
    # Recommending is over once the call is closed.
    with pytest.raises(ValidationError):
        recommend(people, brand_round, products["安吉白茶"])
    complete(brand_round, people.zls_staff, {"excluded": [], "comment": ""})
    approve(people, brand_round)
    task = open_task(brand_round)
    assert task.flow_task.can_assign(people.expert, task) and not task.flow_task.can_assign(people.zls_staff, task)
    complete(brand_round, people.expert, {"excluded": [], "comment": "同意"})
    approve(people, brand_round)
    task = open_task(brand_round)
    assert brand_round.status == Stage.SCORING and task.flow_task.can_assign(people.ppb_staff, task)
    actions_audited = set(AuditEvent.objects.filter(target_id=brand_round.pk).values_list("action", flat=True))
    assert {"brands.stage_done", "brands.stage_approve", "brands.stage_send_back"} <= actions_audited


def test_scores_out_of_scale_change_nothing(people, products):
    brand_round = open_round(people)
    recommendation = recommend(people, brand_round, products["西湖龙井"])
    for user, data in ((people.zls_staff, {"comment": ""}), (people.zls_staff, {"excluded": [], "comment": ""})):
        complete(brand_round, user, data)
        approve(people, brand_round)
    complete(brand_round, people.expert, {"excluded": [], "comment": "同意"})
    approve(people, brand_round)
    with pytest.raises(ValidationError):
        complete(brand_round, people.ppb_staff, {"scores": {recommendation.pk: Decimal(1001)}, "comment": ""})
    with pytest.raises(ValidationError):
        complete(brand_round, people.ppb_staff, {"scores": {}, "comment": ""})
    recommendation.refresh_from_db()
    brand_round.refresh_from_db()
    assert recommendation.strength is None and not brand_round.awaiting_approval


def test_ranking_overall_and_in_category_with_the_change_on_last_year(people, products):
    last = open_round(people, year=2025)
    for name in ("西湖龙井", "安溪铁观音"):
        recommend(people, last, products[name])
    run_round(people, last, {"西湖龙井": ("880", "65.20"), "安溪铁观音": ("900", "1400.00")})

    this = open_round(people, year=2026)
    for name in ("西湖龙井", "安吉白茶", "绍兴酒", "安溪铁观音"):
        recommend(people, this, products[name], has_plan=name != "绍兴酒")
    run_round(
        people,
        this,
        {
            "西湖龙井": ("886", "70.10"),
            "安吉白茶": ("870", "70.10"),  # the same value: the stronger brand ranks first
            "绍兴酒": ("850", "200.00"),
            "安溪铁观音": ("905", "1380.00"),
        },
        failed=("安吉白茶",),  # failed its sample test: not ranked
    )
    results = {r.product.name: r for r in Recommendation.objects.filter(round=this).select_related("product")}
    assert [(n, results[n].rank, results[n].category_rank) for n in ("安溪铁观音", "绍兴酒", "西湖龙井")] == [
        ("安溪铁观音", 1, 1),
        ("绍兴酒", 2, 1),
        ("西湖龙井", 3, 2),
    ]
    assert results["安吉白茶"].rank is None and results["安吉白茶"].status == Recommendation.Status.EXCLUDED
    assert results["西湖龙井"].value_change == Decimal("4.90")
    assert results["安溪铁观音"].value_change == Decimal("-20.00")
    assert results["绍兴酒"].previous_value is None and results["绍兴酒"].value_change is None
    assert all(results[n].top for n in ("安溪铁观音", "绍兴酒", "西湖龙井"))
    assert BrandRound.objects.get(pk=this.pk).published_on == datetime.date(2026, 5, 10)


def test_only_the_first_fifty_make_the_top_50(people):
    brand_round = open_round(people)
    made = []
    for number in range(TOP + 2):
        item = product(f"测试产品{number:02d}", "tea", "330000", "330100")
        made.append(recommend(people, brand_round, item))
    for number, recommendation in enumerate(made):
        Recommendation.objects.filter(pk=recommendation.pk).update(
            status=Recommendation.Status.ADMITTED, value=Decimal(1000 - number), strength=Decimal(800)
        )
    ranked = rank_round(brand_round)
    assert [r.rank for r in ranked] == list(range(1, TOP + 3))
    assert [r.top for r in ranked].count(True) == TOP
    assert not ranked[-1].top and ranked[TOP - 1].top
