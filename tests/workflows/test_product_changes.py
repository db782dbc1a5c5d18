"""After protection: amendments of main content (announced, open to objections, reviewed) and of
non-main content (province, 科技司, lead), and revocation, which ends every authorisation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from viewflow.workflow.models import Task
from viewflow.workflow.status import PROCESS

from audit.verification import verify_audit_chain
from cases.applications.announcements import AMENDMENT, RECOGNITION, REVOCATION
from cases.applications.services import application_create_draft, expert_opinion_submit
from cases.declarations.services import declaration_check_in_process
from cases.models import Application, Declaration, ExpertOpinion, ProductRevocation, ProtectedProduct, Purpose, Regime
from documents.selectors import documents_for
from organizations.models import Region, Role
from tests import flows
from tests.factories import make_member
from tests.factories.applications import Cast, applicant_body
from tests.factories.cases import draft_declaration, longjing, pdf_file, png_file
from workflows.applications import actions as application_actions
from workflows.applications.flows import ApplicationFlow
from workflows.declarations.flows import DeclarationFlow
from workflows.jobs import fire_workflow_timers
from workflows.products.flows import ProductRevocationFlow

# The objection window opens today: a fixed day (ADR 0027).
pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]

open_task = flows.open_task
complete = flows.complete


@pytest.fixture
def cast():
    return Cast()


def step(client, application, status, node, user, data):
    application.refresh_from_db()
    task = open_task(ApplicationFlow, application.pk)
    assert application.status == status and task.flow_task.name == node
    complete(client, user, task, data)


def amendment(purpose, *, standard="GB/T 18650-2026", area=("330106", "330110")):
    product = longjing()
    user, body = applicant_body()
    application = application_create_draft(
        actor=user,
        applicant=body,
        province=Region.objects.get(code="330000"),
        proposed_area=[Region.objects.get(code=code) for code in area],
        purpose=purpose,
        amends=product,
        regime=Regime.CNIPA_2023,
        product_name="西湖龙井",
        category="tea",
        quality_characteristics="外形扁平挺秀，色泽绿翠，香气清高持久。",
        area_link="西湖山区的土壤与气候。",
        production_specification="采摘一芽一叶初展。",
        reputation_history="唐代陆羽《茶经》已有记载。",
        proposed_standard=standard,
    )
    from cases.applications.services import application_attach

    application_attach(actor=user, application=application, kind="area_map", uploaded_file=png_file())
    application_attach(actor=user, application=application, kind="government_letter", uploaded_file=pdf_file())
    application_actions.submit(actor=user, application=application)
    return product, Application.objects.get(pk=application.pk)


def test_a_minor_amendment_is_examined_and_approved_without_announcement_or_objections(client, cast):
    product, application = amendment(Purpose.MINOR_AMENDMENT, area=("330106",))
    step(
        client,
        application,
        "preliminary_examination",
        "preliminary_examination",
        cast.province_staff,
        {"outcome": "accept"},
    )
    step(client, application, "formal_examination", "formal_examination", cast.kjs_staff, {"outcome": "accept"})
    step(client, application, "approval_pending", "approve_protection", cast.kjs_lead, {"approve": "yes"})
    application.refresh_from_db()
    assert application.status == "amended" and open_task(ApplicationFlow, application.pk) is None
    product.refresh_from_db()
    assert product.standard == "GB/T 18650-2026" and product.status == "protected"
    assert documents_for(application, AMENDMENT).count() == 1
    assert not application.objection_window_opens and not ExpertOpinion.objects.exists()
    assert ProtectedProduct.objects.count() == 1


def test_a_main_amendment_goes_through_review_announcement_and_objection_window(client, cast):
    product, application = amendment(Purpose.MAIN_AMENDMENT)
    step(
        client,
        application,
        "preliminary_examination",
        "preliminary_examination",
        cast.province_staff,
        {"outcome": "accept"},
    )
    step(client, application, "formal_examination", "formal_examination", cast.kjs_staff, {"outcome": "accept"})
    chair = cast.experts[0]
    step(
        client,
        application,
        "technical_review",
        "convene_review",
        cast.kjs_staff,
        {"experts": [e.pk for e in cast.experts], "chair": chair.pk},
    )
    for opinion in ExpertOpinion.objects.filter(application=application):
        expert_opinion_submit(actor=opinion.expert, opinion=opinion, text="同意扩大产地范围。", vote="approve")
    step(client, application, "technical_review", "conclude_review", chair, {"outcome": "pass", "conclusion": "同意"})
    step(client, application, "announcement_pending", "approve_announcement", cast.kjs_lead, {"approve": "yes"})
    assert documents_for(application, RECOGNITION).count() == 1
    Application.objects.filter(pk=application.pk).update(
        objection_window_closes=timezone.localdate() - datetime.timedelta(days=1)
    )
    timer = open_task(ApplicationFlow, application.pk)
    Task.objects.filter(pk=timer.pk).update(scheduled=timezone.now() - datetime.timedelta(minutes=1))
    fire_workflow_timers()
    step(client, application, "approval_pending", "approve_protection", cast.kjs_lead, {"approve": "yes"})
    product.refresh_from_db()
    assert sorted(product.protected_area.values_list("code", flat=True)) == ["330106", "330110"]
    assert documents_for(application, AMENDMENT).count() == 1 and ProtectedProduct.objects.count() == 1


def test_an_amendment_needs_a_protected_product_and_only_one_at_a_time(cast):
    amendment(Purpose.MINOR_AMENDMENT, area=("330106",))
    with pytest.raises(ValidationError, match="西湖龙井"):
        amendment(Purpose.MAIN_AMENDMENT)
    user, body = applicant_body()
    with pytest.raises(ValidationError):
        application_create_draft(
            actor=user,
            applicant=body,
            province=Region.objects.get(code="330000"),
            proposed_area=[Region.objects.get(code="330106")],
            purpose=Purpose.MAIN_AMENDMENT,
            amends=None,
            regime=Regime.CNIPA_2023,
            product_name="x",
            category="tea",
            quality_characteristics="x",
            area_link="x",
            production_specification="x",
            reputation_history="x",
            proposed_standard="x",
        )


def test_revocation_ends_every_authorisation_and_cancels_open_work(client, cast):
    producer, draft = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=draft, commitment_accepted=True)
    declaration = Declaration.objects.get(pk=draft.pk)
    assert open_task(DeclarationFlow, declaration.pk) is not None  # the bureau's in-process check is open
    product = declaration.product

    client.force_login(cast.kjs_staff)
    response = client.post(
        f"/applications/products/{product.pk}/", {"ground": "conditions_lost", "reasons": "产区已大面积改种。"}
    )
    assert response.status_code == 302
    revocation = ProductRevocation.objects.get()
    task = open_task(ProductRevocationFlow, revocation.pk)
    assert list(Task.objects.queue([ProductRevocationFlow], cast.kjs_lead)) == [task]
    assert list(Task.objects.queue([ProductRevocationFlow], cast.kjs_staff)) == []
    complete(client, cast.kjs_lead, task, {"approve": "yes", "comment": "经核实，撤销保护。"})

    product.refresh_from_db()
    declaration.refresh_from_db()
    assert product.status == "revoked" and declaration.status == "revoked"
    assert "产区已大面积改种" not in declaration.closing_reason and "经核实" in declaration.closing_reason
    assert documents_for(product, REVOCATION).count() == 1
    assert open_task(DeclarationFlow, declaration.pk) is None
    process = DeclarationFlow.process_class.objects.get(artifact_object_id=declaration.pk, flow_class=DeclarationFlow)
    assert process.status == PROCESS.CANCELED
    assert verify_audit_chain().ok


def test_a_refused_revocation_changes_nothing(client, cast):
    product = longjing()
    ProductRevocationFlow.start.run(actor=cast.kjs_staff, product=product, ground="not_used", reasons="长期未使用")
    task = open_task(ProductRevocationFlow, ProductRevocation.objects.get().pk)
    complete(client, cast.kjs_lead, task, {"approve": "no", "comment": "仍在使用"})
    product.refresh_from_db()
    assert product.status == "protected" and ProductRevocation.objects.get().status == "refused"
    assert not documents_for(product, REVOCATION).exists()


def test_only_kjs_staff_may_propose_a_revocation(client, cast):
    product = longjing()
    client.force_login(make_member("AMR-330000", Role.STAFF))
    response = client.post(f"/applications/products/{product.pk}/", {"ground": "not_used", "reasons": "x"})
    assert response.status_code == 200 and not ProductRevocation.objects.exists()


def test_a_correction_requested_declaration_is_also_revoked(client, cast):
    producer, draft = draft_declaration()
    DeclarationFlow.start.run(actor=producer, declaration=draft, commitment_accepted=True)
    declaration = Declaration.objects.get(pk=draft.pk)
    declaration_check_in_process(
        actor=make_member("AMR-330106", Role.STAFF), declaration=declaration, outcome="correction", comment="补充"
    )
    ProductRevocationFlow.start.run(actor=cast.kjs_staff, product=declaration.product, ground="unlawful", reasons="x")
    complete(
        client,
        cast.kjs_lead,
        open_task(ProductRevocationFlow, ProductRevocation.objects.get().pk),
        {"approve": "yes", "comment": "撤销"},
    )
    declaration.refresh_from_db()
    assert declaration.status == "revoked"
