"""Staff through the API: cases of their jurisdiction only; tasks taken and completed through
the same activation, permission checks and services as the task pages."""

import pytest
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from cases.models import Application, Declaration
from organizations.models import Role
from tests.factories import make_member
from tests.factories.applications import draft_application
from tests.factories.enforcement import BUREAU, received_case
from workflows.applications.actions import submit as submit_application

from .conftest import signed_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def xihu_staff():
    return make_member("AMR-330106", Role.STAFF)


@pytest.fixture
def other_county_staff():
    return make_member("AMR-330102", Role.STAFF)


def human_task(artifact_pk):
    return (
        Task.objects.filter(process__artifact_object_id=artifact_pk, flow_task_type="HUMAN")
        .exclude(status__in=[STATUS.DONE, STATUS.CANCELED])
        .get()
    )


def test_staff_see_declarations_of_their_jurisdiction_only(published, xihu_staff, other_county_staff):
    _producer, declaration = published
    assert signed_in(xihu_staff).get(f"/api/staff/declarations/{declaration.pk}/").status_code == 200
    assert signed_in(other_county_staff).get(f"/api/staff/declarations/{declaration.pk}/").status_code == 404
    assert signed_in(other_county_staff).get("/api/staff/declarations/").json()["count"] == 0


def test_producers_are_not_staff(published):
    """The staff lists are refused to them; one case is not found, as for an id no row has (ADR 0042)."""
    producer, declaration = published
    response = signed_in(producer).get("/api/staff/declarations/")
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    response = signed_in(producer).get(f"/api/staff/declarations/{declaration.pk}/")
    assert response.status_code == 404 and response.json()["error"]["code"] == "not_found"
    assert response.content == signed_in(producer).get("/api/staff/declarations/987654321/").content


def test_enforcement_cases_by_jurisdiction():
    case = received_case()
    hangzhou = make_member(BUREAU, Role.STAFF)
    ningbo = make_member("AMR-330200", Role.STAFF)
    rows = signed_in(hangzhou).get("/api/staff/enforcement-cases/").json()["results"]
    assert [row["number"] for row in rows] == [case.number]
    assert signed_in(hangzhou).get(f"/api/staff/enforcement-cases/{case.pk}/").json()["status"] == case.status
    assert signed_in(ningbo).get(f"/api/staff/enforcement-cases/{case.pk}/").status_code == 404
    assert signed_in(ningbo).get("/api/staff/enforcement-cases/").json()["count"] == 0


def test_staff_applications_never_show_drafts_and_respect_the_province():
    _user, draft = draft_application()
    zhejiang = make_member("AMR-330000", Role.STAFF)
    jiangsu = make_member("AMR-320000", Role.STAFF)
    assert signed_in(zhejiang).get(f"/api/staff/applications/{draft.pk}/").status_code == 404
    user, application = draft_application(product_name="龙井虾仁")
    submit_application(actor=user, application=application)
    assert signed_in(zhejiang).get(f"/api/staff/applications/{application.pk}/").status_code == 200
    assert signed_in(jiangsu).get(f"/api/staff/applications/{application.pk}/").status_code == 404


def test_in_process_check_taken_and_completed_through_the_api(published, xihu_staff, other_county_staff):
    _producer, declaration = published
    task = human_task(declaration.pk)
    listed = signed_in(xihu_staff).get("/api/tasks/").json()["results"]
    assert [(row["id"], row["actions"]) for row in listed] == [(task.pk, ["assign"])]
    # Another county's staff do not see the task at all.
    assert signed_in(other_county_staff).get("/api/tasks/").json()["count"] == 0
    assert signed_in(other_county_staff).post(f"/api/tasks/{task.pk}/assign/").status_code == 404

    client = signed_in(xihu_staff)
    not_taken = client.post(f"/api/tasks/{task.pk}/complete/", {"outcome": "ok"})
    assert not_taken.status_code == 403
    taken = client.post(f"/api/tasks/{task.pk}/assign/")
    assert taken.status_code == 200 and set(taken.json()["actions"]) == {"unassign", "complete"}
    bad = client.post(f"/api/tasks/{task.pk}/complete/", {"outcome": "correction", "comment": ""})
    assert bad.status_code == 400 and "comment" in bad.json()["error"]["fields"]
    assert Declaration.objects.get(pk=declaration.pk).status == "published"
    done = client.post(f"/api/tasks/{task.pk}/complete/", {"outcome": "correction", "comment": "标签缺少产地"})
    assert done.status_code == 200 and done.json()["status"] == STATUS.DONE
    # Entity and process agree: correction requested, and the flow waits for the producer.
    assert Declaration.objects.get(pk=declaration.pk).status == "correction_requested"
    waiting = Task.objects.filter(process__artifact_object_id=declaration.pk).exclude(
        status__in=[STATUS.DONE, STATUS.CANCELED]
    )
    assert [task.flow_task.name for task in waiting] == ["await_correction"]


def test_someone_elses_task_cannot_be_completed(published, xihu_staff):
    _producer, declaration = published
    task = human_task(declaration.pk)
    colleague = make_member("AMR-330106", Role.STAFF)
    assert signed_in(colleague).post(f"/api/tasks/{task.pk}/assign/").status_code == 200
    # Taken by the colleague: it left the queue of the others.
    assert signed_in(xihu_staff).post(f"/api/tasks/{task.pk}/complete/", {"outcome": "ok"}).status_code == 404
    assert Task.objects.get(pk=task.pk).status == STATUS.ASSIGNED


def test_preliminary_and_formal_examinations_through_the_api():
    user, application = draft_application()
    submit_application(actor=user, application=application)
    province = make_member("AMR-330000", Role.STAFF)
    kjs = make_member("KJS", Role.STAFF)
    task = human_task(application.pk)
    client = signed_in(province)
    assert client.post(f"/api/tasks/{task.pk}/assign/").status_code == 200
    response = client.post(f"/api/tasks/{task.pk}/complete/", {"outcome": "accept", "comment": ""})
    assert response.status_code == 200, response.content
    assert Application.objects.get(pk=application.pk).status == "formal_examination"
    formal = human_task(application.pk)
    assert formal.flow_task.name == "formal_examination"
    assert signed_in(province).post(f"/api/tasks/{formal.pk}/assign/").status_code == 404
    client = signed_in(kjs)
    assert client.post(f"/api/tasks/{formal.pk}/assign/").status_code == 200
    response = client.post(f"/api/tasks/{formal.pk}/complete/", {"outcome": "accept", "comment": "材料齐全"})
    assert response.status_code == 200, response.content
    application = Application.objects.get(pk=application.pk)
    assert application.status not in ("preliminary_examination", "formal_examination")
    assert human_task(application.pk).flow_task.name != "formal_examination"


def test_a_task_whose_page_names_no_decision_says_so(published, xihu_staff, monkeypatch):
    from workflows.declarations.views import InProcessCheckView

    monkeypatch.setattr(InProcessCheckView, "decision", None)
    _producer, declaration = published
    task = human_task(declaration.pk)
    client = signed_in(xihu_staff)
    listed = client.post(f"/api/tasks/{task.pk}/assign/").json()
    assert "complete" not in listed["actions"] and listed["form"] == []
    refused = client.post(f"/api/tasks/{task.pk}/complete/", {"outcome": "ok", "comment": ""})
    assert refused.status_code == 400 and refused.json()["error"]["message"]
    assert Task.objects.get(pk=task.pk).status == STATUS.ASSIGNED
