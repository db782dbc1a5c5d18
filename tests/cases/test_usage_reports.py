"""The producer's annual usage report: once per year of use, never edited, refused cleanly."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from cases.declarations.services import declaration_submit, declaration_withdraw
from cases.models import UsageReport
from cases.usage_reports.selectors import reportable_years
from cases.usage_reports.services import usage_report_submit
from tests.factories import UserFactory
from tests.factories.cases import draft_declaration

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]

THIS_YEAR = 2026
REPORT = {
    "output_quantity": Decimal("800"),
    "marked_quantity": Decimal("650.5"),
    "labels_printed": 12000,
    "sales_value": Decimal("320"),
    "changes": "",
}


def codes(refused) -> dict:
    return {field: [e.code for e in errors] for field, errors in refused.value.error_dict.items()}


@pytest.fixture
def published():
    producer, draft = draft_declaration()
    return producer, declaration_submit(actor=producer, declaration=draft, commitment_accepted=True)


def test_a_report_for_this_year_is_stored_once_and_audited(published):
    producer, declaration = published
    assert reportable_years(declaration) == [THIS_YEAR]
    report = usage_report_submit(actor=producer, declaration=declaration, year=THIS_YEAR, **REPORT)
    assert report.marked_quantity == Decimal("650.5")
    assert AuditEvent.objects.filter(action="declaration.usage_report", target_id=str(declaration.pk)).exists()
    assert reportable_years(declaration) == []
    with pytest.raises(ValidationError) as refused:
        usage_report_submit(actor=producer, declaration=declaration, year=THIS_YEAR, **REPORT)
    assert codes(refused) == {"year": ["already_reported"]}
    assert UsageReport.objects.count() == 1


def test_years_before_the_declaration_or_after_its_end_are_refused(published):
    producer, declaration = published
    for year in (THIS_YEAR - 1, THIS_YEAR + 1):
        with pytest.raises(ValidationError) as refused:
            usage_report_submit(actor=producer, declaration=declaration, year=year, **REPORT)
        assert codes(refused) == {"year": ["year_not_reportable"]}
        assert str(year) in refused.value.message_dict["year"][0]
    assert UsageReport.objects.count() == 0


def test_a_withdrawn_declaration_can_still_report_the_years_it_was_used(published):
    producer, declaration = published
    declaration_withdraw(actor=producer, declaration=declaration, reason="停产")
    assert reportable_years(declaration) == [THIS_YEAR]


def test_a_draft_has_nothing_to_report():
    _producer, draft = draft_declaration()
    assert reportable_years(draft) == []


def test_more_sold_with_the_mark_than_produced_is_refused(published):
    producer, declaration = published
    with pytest.raises(ValidationError) as refused:
        usage_report_submit(
            actor=producer, declaration=declaration, year=THIS_YEAR, **{**REPORT, "marked_quantity": Decimal("801")}
        )
    assert codes(refused) == {"marked_quantity": ["exceeds_output"]}
    assert UsageReport.objects.count() == 0


def test_only_someone_acting_for_the_enterprise_may_report(published):
    _producer, declaration = published
    with pytest.raises(PermissionDenied):
        usage_report_submit(actor=UserFactory(), declaration=declaration, year=THIS_YEAR, **REPORT)


def test_the_portal_page_submits_a_report_and_refuses_bad_input(client, published):
    producer, declaration = published
    client.force_login(producer)
    url = reverse("portal_declarations:usage_report", args=[declaration.pk])
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"year": THIS_YEAR, "output_quantity": "10", "marked_quantity": "20", "labels_printed": "-1"}
    )
    assert bad.status_code == 200
    errors = bad.context["form"].errors
    assert "marked_quantity" in errors and "labels_printed" in errors
    not_a_year = client.post(url, {**REPORT, "year": "1999"})
    assert "year" in not_a_year.context["form"].errors
    assert UsageReport.objects.count() == 0

    response = client.post(url, {**REPORT, "sales_value": "", "year": THIS_YEAR})
    assert response.status_code == 302
    detail = client.get(reverse("portal_declarations:detail", args=[declaration.pk])).content.decode()
    assert "650.50" in detail and "12000" in detail
    assert UsageReport.objects.get().sales_value is None


def test_another_producer_gets_404(client, published):
    _producer, declaration = published
    client.force_login(UserFactory())
    assert client.get(reverse("portal_declarations:usage_report", args=[declaration.pk])).status_code == 404


def test_the_year_comes_from_the_declaration_date(published):
    _producer, declaration = published
    # A declaration published in the first minutes of 2025 in Beijing (still 2024 in UTC) may
    # report each year since: 2026 and 2025.
    declaration.declared_at = datetime.datetime(2025, 1, 1, 0, 30, tzinfo=timezone.get_current_timezone())
    assert reportable_years(declaration) == [THIS_YEAR, 2025]
