"""Special marks through the API (ADR 0060): a county clerk records a print run and an issue with
a token, through the page forms and marks.services; refusals come in the API's error format; the
province reads the usage totals; a producer reads the reports it owes, with their state."""

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from cases.declarations.notices import producer_accounts
from marks.jobs import create_usage_report_dues
from marks.models import MarkIssue, MarkPrinting
from organizations.models import Department, Role
from tests.factories import make_member
from tests.factories.cases import longjing
from tests.factories.supervision import published_declarations
from workflows.declarations.actions import submit_usage_report

from .conftest import signed_in

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("reference_data"), pytest.mark.on_date("2026-05-06")]
XIHU = "AMR-330106"


def _printing(bureau, **changes) -> dict:
    return {"bureau": bureau.pk, "product": longjing().pk, "printed_on": "2026-05-06", **changes}


def test_a_clerk_records_a_print_run_and_an_issue_and_reads_them_back():
    (declaration,) = published_declarations(1)
    clerk = make_member(XIHU, Role.STAFF)
    bureau = Department.objects.get(code=XIHU)
    api = signed_in(clerk)
    made = api.post("/api/staff/mark-printings/", _printing(bureau, serial_from=1, serial_to=1000), format="json")
    assert made.status_code == 201, made.content
    assert made.json()["quantity"] == 1000
    assert made.json()["product"] == "西湖龙井"
    issued = api.post(
        "/api/staff/mark-issues/",
        {"bureau": bureau.pk, "declaration": declaration.pk, "issued_on": "2026-05-07", "quantity": 600},
        format="json",
    )
    assert issued.status_code == 201, issued.content
    assert issued.json()["enterprise"] == declaration.enterprise.name
    assert AuditEvent.objects.filter(action__in=["marks.printing", "marks.issue"]).count() == 2
    listed = api.get("/api/staff/mark-printings/").json()
    assert [row["id"] for row in listed["results"]] == [made.json()["id"]]
    assert api.get(f"/api/staff/mark-issues/{issued.json()['id']}/").json()["quantity"] == 600


def test_refusals_come_in_the_error_format_and_change_nothing():
    (declaration,) = published_declarations(1)
    clerk = make_member(XIHU, Role.STAFF)
    bureau = Department.objects.get(code=XIHU)
    api = signed_in(clerk)
    assert api.post("/api/staff/mark-printings/", _printing(bureau, quantity=100), format="json").status_code == 201
    too_many = api.post(
        "/api/staff/mark-issues/",
        {"bureau": bureau.pk, "declaration": declaration.pk, "issued_on": "2026-05-07", "quantity": 101},
        format="json",
    )
    assert too_many.status_code == 400
    assert "100" in too_many.json()["error"]["fields"]["quantity"][0]
    backwards = api.post("/api/staff/mark-printings/", _printing(bureau, serial_from=9, serial_to=3), format="json")
    assert backwards.status_code == 400 and "serial_to" in backwards.json()["error"]["fields"]
    nothing = api.post("/api/staff/mark-printings/", {"bureau": "x", "printed_on": "soon"}, format="json")
    assert nothing.status_code == 400 and {"bureau", "product", "printed_on"} <= set(nothing.json()["error"]["fields"])
    # Another province's bureau is not one the clerk keeps: not a choice of the form.
    fujian = Department.objects.get(code="AMR-350524")
    assert api.post("/api/staff/mark-printings/", _printing(fujian, quantity=5), format="json").status_code == 400
    assert MarkPrinting.objects.count() == 1 and MarkIssue.objects.count() == 0


def test_only_a_bureaus_staff_record_and_each_sees_its_jurisdiction():
    clerk = make_member(XIHU, Role.STAFF)
    bureau = Department.objects.get(code=XIHU)
    signed_in(clerk).post("/api/staff/mark-printings/", _printing(bureau, quantity=7), format="json")
    officer = make_member("AMR-330000", Role.STATISTICS_OFFICER)  # reads, keeps no records
    assert len(signed_in(officer).get("/api/staff/mark-printings/").json()["results"]) == 1
    assert signed_in(officer).post("/api/staff/mark-printings/", _printing(bureau, quantity=7)).status_code == 403
    fujian = make_member("AMR-350000", Role.STAFF)
    assert signed_in(fujian).get("/api/staff/mark-printings/").json()["results"] == []
    printing = MarkPrinting.objects.get()
    assert signed_in(fujian).get(f"/api/staff/mark-printings/{printing.pk}/").status_code == 404
    inspector = make_member(XIHU, Role.INSPECTOR)  # no marks role
    assert signed_in(inspector).get("/api/staff/mark-printings/").status_code == 403
    (declaration,) = published_declarations(1)
    producer = producer_accounts(declaration).first()
    assert signed_in(producer).get("/api/staff/mark-issues/").status_code == 403
    assert signed_in(producer).post("/api/staff/mark-printings/", _printing(bureau, quantity=7)).status_code == 403
    assert MarkPrinting.objects.count() == 1


def test_the_province_reads_the_usage_totals_and_a_producer_its_dues():
    (declaration,) = published_declarations(1)
    producer = producer_accounts(declaration).first()
    submit_usage_report(
        actor=producer, declaration=declaration, year=2026, output_quantity=500, marked_quantity=400, labels_printed=900
    )
    staff = make_member("AMR-330000", Role.STAFF)
    (total,) = signed_in(staff).get("/api/staff/usage-totals/", {"year": 2026}).json()
    assert (total["product"], total["region_code"], total["reports"], total["labels"]) == ("西湖龙井", "330100", 1, 900)
    assert signed_in(staff).get("/api/staff/usage-totals/", {"year": 2025}).json() == []
    assert signed_in(staff).get("/api/staff/usage-totals/", {"year": "soon"}).status_code == 400
    assert signed_in(make_member("AMR-350000", Role.STAFF)).get("/api/staff/usage-totals/").json() == []
    assert signed_in(producer).get("/api/staff/usage-totals/").status_code == 403

    assert signed_in(producer).get("/api/usage-report-dues/").json() == []
    create_usage_report_dues(datetime.date(2027, 1, 2))  # the job, next January: the 2026 report is due
    (due,) = signed_in(producer).get("/api/usage-report-dues/").json()
    assert (due["year"], due["due_on"], due["state"]) == (2026, "2027-03-31", "on_time")
    assert due["submitted_at"] is not None and due["state_label"]
    other = producer_accounts(published_declarations(1)[0]).first()
    assert signed_in(other).get("/api/usage-report-dues/").json() == []
    assert timezone.localdate() == datetime.date(2026, 5, 6)
