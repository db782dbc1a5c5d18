"""Print runs and issues: serial ranges never overlap, issues never exceed the bureau's stock."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from audit.models import AuditEvent
from marks.models import MarkIssue, MarkPrinting
from marks.services import issue_record, printing_record, stock_of
from organizations.models import Department, Role
from tests.factories import make_member
from tests.factories.supervision import published_declarations

pytestmark = pytest.mark.django_db
DAY = datetime.date(2026, 5, 6)


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):  # refusals are matched by their English text
        yield


def test_a_print_run_with_serials_counts_them_and_never_repeats_them(county_clerk, county_bureau, product):
    printing = printing_record(
        actor=county_clerk, bureau=county_bureau, product=product, printed_on=DAY, serial_from=1, serial_to=1000
    )
    assert printing.quantity == 1000
    with pytest.raises(ValidationError) as refused:
        printing_record(
            actor=county_clerk, bureau=county_bureau, product=product, printed_on=DAY, serial_from=900, serial_to=1200
        )
    assert "00000001–00001000" in str(refused.value)
    with pytest.raises(ValidationError, match="smaller than the first"):
        printing_record(
            actor=county_clerk, bureau=county_bureau, product=product, printed_on=DAY, serial_from=20, serial_to=10
        )
    with pytest.raises(ValidationError, match="holds 10 marks"):
        printing_record(
            actor=county_clerk,
            bureau=county_bureau,
            product=product,
            printed_on=DAY,
            quantity=11,
            serial_from=2001,
            serial_to=2010,
        )
    assert MarkPrinting.objects.count() == 1
    assert AuditEvent.objects.filter(action="marks.printing").count() == 1


def test_issues_come_out_of_the_stock_and_their_serials_out_of_a_print_run(county_clerk, county_bureau, product):
    (declaration,) = published_declarations(1)
    printing_record(
        actor=county_clerk, bureau=county_bureau, product=product, printed_on=DAY, serial_from=1, serial_to=1000
    )
    issue_record(
        actor=county_clerk, bureau=county_bureau, declaration=declaration, issued_on=DAY, serial_from=1, serial_to=600
    )
    assert stock_of(county_bureau, product) == 400
    with pytest.raises(ValidationError, match="Only 400 marks"):
        issue_record(actor=county_clerk, bureau=county_bureau, declaration=declaration, issued_on=DAY, quantity=401)
    with pytest.raises(ValidationError, match="already issued"):
        issue_record(
            actor=county_clerk,
            bureau=county_bureau,
            declaration=declaration,
            issued_on=DAY,
            serial_from=500,
            serial_to=700,
        )
    with pytest.raises(ValidationError, match="were not printed"):
        issue_record(
            actor=county_clerk,
            bureau=county_bureau,
            declaration=declaration,
            issued_on=DAY,
            serial_from=990,
            serial_to=1010,
        )
    issue_record(actor=county_clerk, bureau=county_bureau, declaration=declaration, issued_on=DAY, quantity=400)
    assert stock_of(county_bureau, product) == 0
    assert MarkIssue.objects.count() == 2
    assert AuditEvent.objects.filter(action="marks.issue").count() == 2


def test_only_the_bureaus_staff_record_its_marks(county_bureau, product):
    other = make_member("AMR-350000", Role.STAFF)
    inspector = make_member("AMR-330106", Role.INSPECTOR)
    for actor in (other, inspector):
        with pytest.raises(PermissionDenied):
            printing_record(actor=actor, bureau=county_bureau, product=product, printed_on=DAY, quantity=5)
    fujian = Department.objects.get(code="AMR-350000")
    with pytest.raises(ValidationError, match="not protected in the bureau's province"):
        printing_record(actor=other, bureau=fujian, product=product, printed_on=DAY, quantity=5)
    assert not MarkPrinting.objects.exists()
