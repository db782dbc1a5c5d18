"""The two-year non-use rule, the usage reports' due dates and reminders, and the form's figures."""

import datetime
from decimal import Decimal

import pytest
from viewflow.workflow.models import Process

from cases.models import Declaration, SupervisionCheck, UsageReport
from marks.jobs import remind_usage_reports
from marks.models import MarkIssue, MarkPrinting, NonUseReview, UsageReportDue
from marks.non_use import open_non_use_checks
from marks.selectors import DueState, dues_visible_to
from marks.services import issue_record, printing_record
from notifications.models import Notification
from organizations.models import Region, Role
from reports.figures import FIGURES, figure_count
from tests.factories import make_member
from workflows.supervision.actions import open_drawn_checks

from .conftest import at, declared_on

pytestmark = pytest.mark.django_db


def _usage(declaration, year, *, marked, labels, output="100"):
    producer = declaration.enterprise.accounts.first().user
    return UsageReport.objects.create(
        declaration=declaration,
        year=year,
        output_quantity=Decimal(output),
        marked_quantity=Decimal(marked),
        labels_printed=labels,
        sales_value=Decimal("12.5"),
        submitted_by=producer,
    )


def test_two_years_without_use_opens_one_check_not_two(county_clerk, county_bureau, product):
    for _ in range(2):
        make_member("AMR-330000", Role.INSPECTOR)
    unused = declared_on("2024-01-10")
    reported_nothing = declared_on("2024-01-10")
    _usage(reported_nothing, 2024, marked="0", labels=0)
    issued = declared_on("2024-01-10")
    recent = declared_on("2025-06-01")
    with at("2025-03-01"):
        printing_record(
            actor=county_clerk, bureau=county_bureau, product=product, printed_on=datetime.date(2025, 3, 1), quantity=50
        )
        issue_record(
            actor=county_clerk,
            bureau=county_bureau,
            declaration=issued,
            issued_on=datetime.date(2025, 3, 1),
            quantity=50,
        )

    with at("2026-01-09"):  # one day short of two years
        assert open_non_use_checks() == 0
    with at("2026-01-10"):
        assert open_non_use_checks() == 2
        assert open_non_use_checks() == 0  # the same day again: nothing repeats
    with at("2026-01-11"):
        assert open_non_use_checks() == 0  # nor the next day
        opened = open_drawn_checks()
    checks = SupervisionCheck.objects.filter(campaign__reference__endswith="-NU")
    assert {check.declaration_id for check in checks} == {unused.pk, reported_nothing.pk}
    assert opened == 2 and all(check.opened_at for check in SupervisionCheck.objects.filter(pk__in=checks))
    assert Process.objects.filter(artifact_object_id__in=[c.pk for c in checks]).count() == 2
    assert Declaration.objects.get(pk=unused.pk).status == Declaration.Status.UNDER_CHECK
    assert Declaration.objects.get(pk=issued.pk).status == Declaration.Status.PUBLISHED
    assert Declaration.objects.get(pk=recent.pk).status == Declaration.Status.PUBLISHED
    assert NonUseReview.objects.count() == 2
    check = checks.get(declaration=unused)
    assert check.inspector_a_id != check.inspector_b_id
    assert Notification.objects.filter(kind="declaration.selected_for_check", target_id=unused.pk).exists()


def test_without_two_free_inspectors_nothing_opens_and_it_is_tried_again():
    unused = declared_on("2024-01-10")
    with at("2026-02-02"):
        assert open_non_use_checks() == 0
    assert Declaration.objects.get(pk=unused.pk).status == Declaration.Status.PUBLISHED
    for _ in range(2):
        make_member("AMR-330000", Role.INSPECTOR)
    with at("2026-02-03"):
        assert open_non_use_checks() == 1


def test_usage_reports_are_due_reminded_once_and_late_or_missing_shown():
    on_time = declared_on("2026-02-02")
    late = declared_on("2026-02-02")
    silent = declared_on("2026-02-02")
    with at("2027-03-10"):  # three weeks before 31 March: not yet
        assert remind_usage_reports() == 0
    assert UsageReportDue.objects.filter(year=2026, due_on=datetime.date(2027, 3, 31)).count() == 3
    with at("2027-03-17"):
        _usage(on_time, 2026, marked="10", labels=100)
        assert remind_usage_reports() == 2  # the one already filed is not reminded
        assert remind_usage_reports() == 0
    assert Notification.objects.filter(kind="marks.usage_report_due").count() == 2
    with at("2027-04-02"):
        _usage(late, 2026, marked="10", labels=100)
        staff = make_member("AMR-330000", Role.STAFF)
        states = {due.declaration_id: state for due, _report, state in dues_visible_to(staff)}
        assert states == {on_time.pk: DueState.ON_TIME, late.pk: DueState.LATE, silent.pk: DueState.MISSING}
        assert dues_visible_to(make_member("AMR-350000", Role.STAFF)) == []


def test_the_form_figures_match_independent_counts(county_clerk, county_bureau, product):
    zhejiang = Region.objects.get(code="330000")
    fujian = Region.objects.get(code="350000")
    declarations = [declared_on("2026-01-05") for _ in range(2)]
    in_period, outside = datetime.date(2026, 5, 6), datetime.date(2025, 12, 31)
    printing_record(actor=county_clerk, bureau=county_bureau, product=product, printed_on=in_period, quantity=700)
    printing_record(
        actor=county_clerk, bureau=county_bureau, product=product, printed_on=in_period, serial_from=1, serial_to=300
    )
    printing_record(actor=county_clerk, bureau=county_bureau, product=product, printed_on=outside, quantity=1000)
    for declaration, quantity in zip(declarations, (120, 35), strict=True):
        issue_record(
            actor=county_clerk, bureau=county_bureau, declaration=declaration, issued_on=in_period, quantity=quantity
        )
    issue_record(actor=county_clerk, bureau=county_bureau, declaration=declarations[0], issued_on=outside, quantity=9)
    with at("2026-06-01"):
        _usage(declarations[0], 2025, marked="1", labels=1)
        _usage(declarations[1], 2025, marked="0", labels=0)

    start, end = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)

    def value(code, province):
        return figure_count(FIGURES[code], province, start, end)["value"]

    printed = sum(p.quantity for p in MarkPrinting.objects.all() if start <= p.printed_on <= end)
    issued = sum(i.quantity for i in MarkIssue.objects.all() if start <= i.issued_on <= end)
    assert (printed, issued) == (1000, 155)
    assert value("marks_printed", zhejiang) == printed
    assert value("marks_issued", zhejiang) == issued
    assert value("usage_reports_filed", zhejiang) == 2
    assert (value("marks_printed", fujian), value("marks_issued", fujian), value("usage_reports_filed", fujian)) == (
        0,
        0,
        0,
    )


def test_the_figures_are_in_their_cell_of_the_form():
    from reports.form_layout import ROWS

    (row,) = [row for row in ROWS if row.code == "mark_use"]
    (cell,) = [cell for cell in row.cells if cell.label == "专用标志印制、发放数量及管理"]
    assert cell.figures == ("marks_printed", "marks_issued", "usage_reports_filed")
