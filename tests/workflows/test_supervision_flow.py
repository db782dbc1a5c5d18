"""Campaign draw and every path of a supervision check; entity and process agree after each step."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from viewflow.workflow.models import Task

from audit.models import AuditEvent
from audit.verification import verify_audit_chain
from cases.models import Declaration, SupervisionCheck
from cases.supervision.services import conflict_declare
from tests import flows
from tests.factories.supervision import draw_and_open, provincial_campaign, published_declarations
from workflows.supervision.actions import draw_campaign
from workflows.supervision.flows import SupervisionCheckFlow

pytestmark = pytest.mark.django_db

complete = flows.complete

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def assert_agree(check, check_status, declaration_status, task_name):
    """The check, its declaration and the check's process say the same thing."""
    assert Declaration.objects.get(pk=check.declaration_id).status == declaration_status
    return flows.agree(SupervisionCheckFlow, check, check_status, task_name)


@pytest.fixture
def drawn():
    published_declarations(3)
    lead, inspectors, campaign = provincial_campaign(sample_size=1)
    checks = draw_and_open(actor=lead, campaign=campaign, seed="fixed-seed")
    return lead, inspectors, checks[0]


def inspectors_of(check):
    check = SupervisionCheck.objects.get(pk=check.pk)
    return check.inspector_a, check.inspector_b


def test_draw_puts_the_declaration_under_check_with_two_inspectors(drawn):
    _lead, inspectors, check = drawn
    task = assert_agree(check, "drawn", "under_check", "inspect")
    first, second = inspectors_of(check)
    assert first != second and {first, second} <= set(inspectors)
    assert list(Task.objects.queue([SupervisionCheckFlow], first)) == [task]
    assert list(Task.objects.queue([SupervisionCheckFlow], second)) == [task]
    others = [i for i in inspectors if i not in (first, second)]
    assert all(list(Task.objects.queue([SupervisionCheckFlow], other)) == [] for other in others)
    event = AuditEvent.objects.get(action="campaign.draw")
    assert event.data["seed"] == "fixed-seed" and len(event.data["drawn"]) == 1


def test_compliant(client, drawn):
    _lead, _inspectors, check = drawn
    complete(
        client,
        inspectors_of(check)[0],
        assert_agree(check, "drawn", "under_check", "inspect"),
        {**PASSING, "outcome": "compliant"},
    )
    assert_agree(check, "compliant", "published", None)
    assert verify_audit_chain().ok


def test_rectification_then_compliant(client, drawn):
    _lead, _inspectors, check = drawn
    first, second = inspectors_of(check)
    complete(
        client,
        first,
        assert_agree(check, "drawn", "under_check", "inspect"),
        {**PASSING, "label_check": "fail", "outcome": "rectification", "findings": "标签未标注产地"},
    )
    task = assert_agree(check, "rectification", "rectification", "reinspect")
    assert SupervisionCheck.objects.get(pk=check.pk).rectification_due is not None
    complete(client, second, task, {**PASSING, "outcome": "compliant"})
    assert_agree(check, "compliant", "published", None)


def test_rectification_then_revoked(client, drawn):
    lead, _inspectors, check = drawn
    first, _second = inspectors_of(check)
    complete(
        client,
        first,
        assert_agree(check, "drawn", "under_check", "inspect"),
        {**PASSING, "label_check": "fail", "outcome": "rectification", "findings": "标签不合格"},
    )
    complete(
        client,
        first,
        assert_agree(check, "rectification", "rectification", "reinspect"),
        {**PASSING, "label_check": "fail", "outcome": "revocation", "findings": "逾期未整改"},
    )
    decision = assert_agree(check, "revocation_proposed", "rectification", "decide_revocation")
    complete(client, lead, decision, {"approve": "yes", "comment": "逾期未整改，撤销使用资格"})
    assert_agree(check, "revoked", "revoked", None)
    declaration = Declaration.objects.get(pk=check.declaration_id)
    assert declaration.closing_reason == "逾期未整改，撤销使用资格" and declaration.closed_at


def test_revocation_rejected_sends_to_rectification(client, drawn):
    lead, _inspectors, check = drawn
    first, _second = inspectors_of(check)
    complete(
        client,
        first,
        assert_agree(check, "drawn", "under_check", "inspect"),
        {
            **PASSING,
            "onsite_visit": "fail",
            "outcome": "revocation",
            "findings": "生产地址不存在",
            "refer_to_enforcement": "on",
            "referral_reason": "疑似假冒地理标志",
        },
    )
    assert SupervisionCheck.objects.get(pk=check.pk).refer_to_enforcement
    complete(
        client,
        lead,
        assert_agree(check, "revocation_proposed", "under_check", "decide_revocation"),
        {"approve": "no", "comment": "给予整改机会"},
    )
    complete(
        client,
        first,
        assert_agree(check, "rectification", "rectification", "reinspect"),
        {**PASSING, "outcome": "compliant"},
    )
    assert_agree(check, "compliant", "published", None)


def test_an_inspector_not_drawn_cannot_take_the_check(client, drawn):
    _lead, inspectors, check = drawn
    outsider = next(i for i in inspectors if i not in inspectors_of(check))
    task = assert_agree(check, "drawn", "under_check", "inspect")
    client.force_login(outsider)
    assert client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk])).status_code in (403, 404)


def test_findings_are_required_for_a_negative_outcome(client, drawn):
    _lead, _inspectors, check = drawn
    task = assert_agree(check, "drawn", "under_check", "inspect")
    response = complete(
        client, inspectors_of(check)[0], task, {**PASSING, "outcome": "rectification", "findings": ""}, expect=200
    )
    assert "findings" in response.context["form"].errors
    assert_agree(check, "drawn", "under_check", "inspect")


def test_same_seed_same_draw_on_the_database():
    published_declarations(6)
    lead, _inspectors, campaign = provincial_campaign(inspector_count=5, sample_size=3)

    def result(checks):
        return [(c.draw_position, c.declaration_id, c.inspector_a_id, c.inspector_b_id) for c in checks]

    with transaction.atomic():
        first = result(draw_campaign(actor=lead, campaign=campaign, seed="s-1"))
        transaction.set_rollback(True)  # undo the draw, then replay it from the stored seed
    assert not SupervisionCheck.objects.exists()
    replay = result(draw_campaign(actor=lead, campaign=campaign, seed="s-1"))
    assert replay == first and len(first) == 3


def test_a_conflicted_inspector_is_never_drawn():
    declarations = published_declarations(4)
    lead, inspectors, campaign = provincial_campaign(inspector_count=3, sample_size=4)
    conflicted = inspectors[0]
    for declaration in declarations:
        conflict_declare(actor=conflicted, enterprise=declaration.enterprise, reason="亲属关系")
    checks = draw_campaign(actor=lead, campaign=campaign, seed="any")
    assert len(checks) == 4
    assert all(conflicted not in (c.inspector_a, c.inspector_b) for c in checks)


def test_draw_refuses_when_conflicts_leave_fewer_than_two_inspectors():
    declarations = published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=1)
    conflict_declare(actor=inspectors[0], enterprise=declarations[0].enterprise, reason="曾任顾问")
    with pytest.raises(ValidationError):
        draw_campaign(actor=lead, campaign=campaign)
    assert not SupervisionCheck.objects.exists()
    assert Declaration.objects.get().status == "published"


def test_a_check_file_is_stored_through_the_one_upload_path_and_served_to_who_sees_the_check(client, drawn):
    """The inspector's evidence is checked (content, size) and fingerprinted like every upload, and
    its download answers those who may see the check: an inspector 200, the producer and another
    province's staff 404."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from cases.models import CheckEvidence
    from organizations.models import Role
    from tests.factories import make_member

    pdf = b"%PDF-1.4\n%%EOF\n"
    _lead, _inspectors, check = drawn
    inspector, _other = inspectors_of(check)
    task = flows.open_tasks(SupervisionCheckFlow, check)[0]
    fake = SimpleUploadedFile("现场照片.pdf", b"MZ not a pdf", content_type="application/pdf")
    client.force_login(inspector)
    client.post(task.flow_task.reverse("assign", args=[task.process_id, task.pk]))
    execute = task.flow_task.reverse("execute", args=[task.process_id, task.pk])
    refused = client.post(execute, {**PASSING, "outcome": "compliant", "findings": "", "evidence": fake})
    assert refused.status_code != 302 and not CheckEvidence.objects.exists()
    photo = SimpleUploadedFile("现场照片.pdf", pdf, content_type="application/pdf")
    response = client.post(execute, {**PASSING, "outcome": "compliant", "findings": "", "evidence": photo})
    assert response.status_code == 302, response.content.decode()[:2000]
    evidence = CheckEvidence.objects.get(check_record=check)
    assert (evidence.original_name, evidence.file_type, evidence.size) == ("现场照片.pdf", "PDF", len(pdf))
    assert len(evidence.sha256) == 64
    url = reverse("files:check_evidence", args=[evidence.pk])
    assert client.get(url).status_code == 200
    producer = check.declaration.enterprise.accounts.first().user
    for stranger in (producer, make_member("AMR-320000", Role.STAFF)):
        client.force_login(stranger)
        assert client.get(url).status_code == 404
