"""利益冲突申报 (ADR 0046): an inspector declares and sees their own; a lead records one for a
member of the bureau and sees the members'; the published draw says conflicts were excluded."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from cases.models import ConflictOfInterest
from cases.supervision.services import conflict_declare
from organizations.models import Region, Role
from tests.factories import make_member
from tests.factories.cases import longjing
from tests.factories.supervision import provincial_campaign, published_declarations
from workflows.supervision.actions import draw_campaign

pytestmark = pytest.mark.django_db

URL = "/supervision/conflicts/"


def test_the_url_is_the_one_named():
    assert reverse("supervision:conflicts") == URL


def test_an_inspector_declares_their_own_and_sees_only_theirs(client):
    inspector = make_member("AMR-330000", Role.INSPECTOR)
    colleague = make_member("AMR-330000", Role.INSPECTOR)
    conflict_declare(actor=colleague, product=longjing(), reason="同事的申报")
    client.force_login(inspector)
    page = client.get(URL)
    assert page.status_code == 200 and "同事的申报" not in page.content.decode()
    assert 'type="hidden" name="inspector"' in page.content.decode()
    response = client.post(URL, {"inspector": colleague.pk, "region": "330100", "reason": "配偶经营茶企"})
    assert response.status_code == 200  # a colleague is not offered: the form refuses
    assert not ConflictOfInterest.objects.filter(reason="配偶经营茶企").exists()
    response = client.post(URL, {"inspector": inspector.pk, "region": "330100", "reason": "配偶经营茶企"})
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get(reason="配偶经营茶企")
    assert conflict.inspector == conflict.declared_by == inspector
    assert conflict.region == Region.objects.get(code="330100")
    assert AuditEvent.objects.filter(action="conflict.declare", actor_id=inspector.pk).exists()
    assert "配偶经营茶企" in client.get(URL).content.decode()


def test_a_declaration_naming_nothing_or_an_unknown_enterprise_gets_a_message(client):
    inspector = make_member("AMR-330000", Role.INSPECTOR)
    client.force_login(inspector)
    for data in ({"reason": "亲属"}, {"reason": "亲属", "enterprise": "91330000XXXXXXXXXX"}):
        response = client.post(URL, {"inspector": inspector.pk, **data})
        assert response.status_code == 200 and response.context["form"].errors
    assert not ConflictOfInterest.objects.exists()


def test_a_lead_records_one_for_a_member_and_sees_the_members(client):
    lead = make_member("AMR-330000", Role.LEAD)
    member = make_member("AMR-330000", Role.INSPECTOR)
    outsider = make_member("AMR-320000", Role.INSPECTOR)
    conflict_declare(actor=outsider, product=longjing(), reason="外省的申报")
    client.force_login(lead)
    page = client.get(URL).content.decode()
    assert "外省的申报" not in page
    response = client.post(URL, {"inspector": member.pk, "product": longjing().pk, "reason": "曾任该产品顾问"})
    assert response.status_code == 302
    conflict = ConflictOfInterest.objects.get(reason="曾任该产品顾问")
    assert conflict.inspector == member and conflict.declared_by == lead
    assert "曾任该产品顾问" in client.get(URL).content.decode()
    response = client.post(URL, {"inspector": outsider.pk, "product": longjing().pk, "reason": "越权"})
    assert response.status_code == 200 and not ConflictOfInterest.objects.filter(reason="越权").exists()
    client.post(reverse("supervision:conflict_withdraw", args=[conflict.pk]))
    assert ConflictOfInterest.objects.get(pk=conflict.pk).withdrawn_at is not None


def test_the_published_draw_says_conflicts_were_excluded_without_names(client):
    (declaration,) = published_declarations(1)
    lead, inspectors, campaign = provincial_campaign(inspector_count=3, sample_size=1)
    conflict_declare(actor=inspectors[0], enterprise=declaration.enterprise, reason="亲属关系保密")
    draw_campaign(actor=lead, campaign=campaign, seed="any")
    page = client.get(reverse("register:supervision")).content.decode()
    assert "利益冲突" in page and "1" in page
    assert "亲属关系保密" not in page and inspectors[0].username not in page
