"""The producer is told of every change of their declaration, inspectors and leads of their work."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from cases.declarations.choices import InProcessOutcome
from cases.declarations.selectors import producer_history
from cases.declarations.services import (
    declaration_check_in_process,
    declaration_decide_suspension,
    declaration_resubmit,
    declaration_submit,
    declaration_withdraw,
)
from cases.models import Declaration
from cases.supervision.services import check_decide_revocation, check_record_result
from notifications.models import EmailDelivery, Notification
from organizations.models import Role
from tests.factories import UserFactory, make_member
from tests.factories.cases import draft_declaration
from tests.factories.supervision import draw_and_open, provincial_campaign

pytestmark = pytest.mark.django_db

PASSING = {"document_review": "pass", "onsite_visit": "pass", "label_check": "pass", "sample_test": "pass"}


def kinds(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).order_by("pk").values_list("kind", flat=True))


@pytest.fixture
def published():
    producer, draft = draft_declaration()
    # A colleague acting for the same enterprise is told too.
    colleague = UserFactory(language="en")
    draft.enterprise.accounts.create(user=colleague)
    declaration = declaration_submit(actor=producer, declaration=draft, commitment_accepted=True)
    return producer, colleague, declaration


def test_publication_tells_everyone_acting_for_the_enterprise_in_their_language(published):
    producer, colleague, declaration = published
    assert kinds(producer) == kinds(colleague) == ["declaration.published"]
    chinese = Notification.objects.get(recipient=producer)
    english = Notification.objects.get(recipient=colleague)
    assert declaration.reference in chinese.subject and "已公示" in chinese.subject
    assert english.subject == f"Published: self-declaration {declaration.reference} for 西湖龙井"
    assert chinese.link == f"/portal/declarations/{declaration.pk}/"
    assert EmailDelivery.objects.filter(notification__recipient=producer).count() == 1


def test_a_refused_submission_tells_no_one():
    producer, draft = draft_declaration()
    with pytest.raises(ValidationError):
        declaration_submit(actor=producer, declaration=draft, commitment_accepted=False)
    assert Notification.objects.count() == 0
    assert Declaration.objects.get(pk=draft.pk).status == "draft"


def test_correction_resubmission_suspension_and_withdrawal_each_tell_the_producer(published):
    producer, _colleague, declaration = published
    bureau = "AMR-330106"
    staff = make_member(bureau, Role.STAFF)
    lead = make_member(bureau, Role.LEAD)
    declaration_check_in_process(
        actor=staff, declaration=declaration, outcome=InProcessOutcome.CORRECTION, comment="标签缺少产地名称"
    )
    declaration_resubmit(actor=producer, declaration=declaration)
    declaration_check_in_process(
        actor=staff, declaration=declaration, outcome=InProcessOutcome.PROPOSE_SUSPENSION, comment="标签仍不规范"
    )
    declaration_decide_suspension(actor=lead, declaration=declaration, approve=True, comment="标签仍不规范")
    assert kinds(producer) == [
        "declaration.published",
        "declaration.correction_requested",
        "declaration.resubmitted",
        "declaration.suspended",
    ]
    correction = Notification.objects.get(recipient=producer, kind="declaration.correction_requested")
    assert "标签缺少产地名称" in correction.body
    assert "标签仍不规范" in Notification.objects.get(recipient=producer, kind="declaration.suspended").body


def test_withdrawal_is_confirmed(published):
    producer, _colleague, declaration = published
    declaration_withdraw(actor=producer, declaration=declaration, reason="停产")
    notice = Notification.objects.get(recipient=producer, kind="declaration.withdrawn")
    assert "停产" in notice.body


@pytest.fixture
def drawn(published):
    producer, _colleague, _declaration = published
    lead, _inspectors, campaign = provincial_campaign(inspector_count=2, sample_size=1)
    [check] = draw_and_open(actor=lead, campaign=campaign, seed="notices")
    return producer, lead, check


def test_the_draw_tells_the_producer_and_both_inspectors(drawn):
    producer, lead, check = drawn
    assert kinds(producer)[-1] == "declaration.selected_for_check"
    assert kinds(check.inspector_a) == kinds(check.inspector_b) == ["supervision.check_assigned"]
    assigned = Notification.objects.get(recipient=check.inspector_a)
    assert check.declaration.reference in assigned.subject
    assert kinds(lead) == []


def test_rectification_then_revocation_the_producer_is_told_why(drawn):
    producer, lead, check = drawn
    check_record_result(
        actor=check.inspector_a, check=check, outcome="rectification", findings="包装未标注产地", **PASSING
    )
    rectification = Notification.objects.get(recipient=producer, kind="declaration.rectification_ordered")
    assert "包装未标注产地" in rectification.body
    check_record_result(actor=check.inspector_b, check=check, outcome="revocation", findings="仍未整改", **PASSING)
    assert kinds(lead) == ["supervision.revocation_proposed"]
    check_decide_revocation(actor=lead, check=check, approve=True, comment="逾期未整改，撤销使用资格")
    revoked = Notification.objects.get(recipient=producer, kind="declaration.revoked")
    assert "逾期未整改，撤销使用资格" in revoked.body
    assert "撤销" in revoked.subject


def test_a_compliant_check_is_reported(drawn):
    producer, _lead, check = drawn
    check_record_result(actor=check.inspector_a, check=check, outcome="compliant", findings="", **PASSING)
    assert kinds(producer)[-1] == "declaration.compliant"


def test_the_producers_history_has_plain_labels_and_hides_the_bureaus_internal_steps(client, published):
    producer, _colleague, declaration = published
    bureau = "AMR-330106"
    staff = make_member(bureau, Role.STAFF)
    lead = make_member(bureau, Role.LEAD)
    declaration_check_in_process(
        actor=staff, declaration=declaration, outcome=InProcessOutcome.PROPOSE_SUSPENSION, comment="内部意见：疑似冒用"
    )
    declaration_decide_suspension(actor=lead, declaration=declaration, approve=True, comment="标签不符合规定")
    with translation.override("en"):
        labels = [str(entry.label) for entry in producer_history(declaration)]
    assert labels[-2:] == ["Declared and published", "Use of the mark suspended"]
    client.force_login(producer)
    page = client.get(reverse("portal_declarations:detail", args=[declaration.pk])).content.decode()
    assert "标签不符合规定" in page
    assert "内部意见" not in page and "declaration.suspension" not in page


def test_a_suspension_is_decided_only_when_proposed_and_the_proposal_is_kept_on_the_declaration(published):
    """The routing fact lives on the declaration: the check sets it, the decision requires and clears it."""
    _producer, _colleague, declaration = published
    staff = make_member("AMR-330106", Role.STAFF)
    lead = make_member("AMR-330106", Role.LEAD)
    with pytest.raises(ValidationError):
        declaration_decide_suspension(actor=lead, declaration=declaration, approve=True, comment="未经提请")
    declaration_check_in_process(
        actor=staff, declaration=declaration, outcome=InProcessOutcome.PROPOSE_SUSPENSION, comment="产地存疑"
    )
    assert Declaration.objects.get(pk=declaration.pk).suspension_proposed
    declaration_decide_suspension(actor=lead, declaration=declaration, approve=False, comment="证据不足")
    declaration.refresh_from_db()
    assert not declaration.suspension_proposed
    assert declaration.status == Declaration.Status.PUBLISHED
