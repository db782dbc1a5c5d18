import pytest
from django.utils import translation

from audit.models import AuditEvent
from organizations.models import Department, Enterprise, Membership, Region
from tests.factories import UserFactory, valid_credit_code

pytestmark = pytest.mark.django_db


def test_admin_membership_add_goes_through_the_service(admin_client):
    user = UserFactory()
    department = Department.objects.get(code="AMR-330100")
    response = admin_client.post(
        "/admin/organizations/membership/add/", {"user": user.pk, "department": department.pk, "role": "lead"}
    )
    assert response.status_code == 302
    assert Membership.objects.filter(user=user, department=department, role="lead").exists()
    assert user.has_perm("organizations.work_as_lead", department)
    assert AuditEvent.objects.filter(action="membership.grant").count() == 1


def test_admin_enterprise_form_refuses_a_wrong_credit_code(admin_client):
    with translation.override("zh-hans"):
        response = admin_client.post(
            "/admin/organizations/enterprise/add/",
            {
                "name": "错误公司",
                "credit_code": "914403001922038217",
                "kind": "producer",
                "region": Region.objects.get(code="440300").pk,
                "accounts-TOTAL_FORMS": "0",
                "accounts-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 200
    assert "第18位校验码“7”错误" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_admin_enterprise_add_with_valid_code_is_audited(admin_client):
    response = admin_client.post(
        "/admin/organizations/enterprise/add/",
        {
            "name": "正确公司",
            "credit_code": valid_credit_code(3).lower(),
            "kind": "producer",
            "region": Region.objects.get(code="330106").pk,
            "accounts-TOTAL_FORMS": "0",
            "accounts-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    enterprise = Enterprise.objects.get()
    assert enterprise.credit_code == valid_credit_code(3)
    assert AuditEvent.objects.filter(action="enterprise.register", target_id=str(enterprise.pk)).exists()
