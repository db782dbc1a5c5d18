"""A draft is changed through one service, with an audit event, until it is submitted; then the
change is refused with a message and nothing moves."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from audit.models import AuditEvent
from cases.applications.services import application_edit_draft
from tests.factories.applications import draft_application
from tests.factories.cases import pdf_file
from workflows.applications import actions as application_actions

pytestmark = pytest.mark.django_db


def edit(user, application, **changes):
    values = {
        "province": application.province,
        "proposed_area": list(application.proposed_area.all()),
        "product_name": application.product_name,
        **changes,
    }
    return application_edit_draft(actor=user, application=application, **values)


def test_a_draft_is_changed_and_its_map_replaced_with_an_audit_event():
    user, application = draft_application()
    edit(user, application, product_name="西湖藕粉（精制）", files={"area_map": pdf_file("new-map.pdf")})
    application.refresh_from_db()
    assert application.product_name == "西湖藕粉（精制）"
    assert list(application.attachments.filter(kind="area_map").values_list("original_name", flat=True)) == [
        "new-map.pdf"
    ]
    event = AuditEvent.objects.get(action="application.edit_draft")
    assert event.data["fields"] == ["product_name"] and event.data["files_replaced"] == ["map.png"]


def test_after_submission_the_change_is_refused_in_chinese_and_nothing_changes():
    user, application = draft_application()
    application_actions.submit(actor=user, application=application)
    application.refresh_from_db()
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        edit(user, application, product_name="别的名称", files={"area_map": pdf_file("new-map.pdf")})
    assert "已提交，不能再修改" in refused.value.messages[0]
    application.refresh_from_db()
    assert application.product_name == "西湖藕粉" and application.attachments.count() == 2
    assert not AuditEvent.objects.filter(action="application.edit_draft").exists()
