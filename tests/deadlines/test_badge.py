import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from deadlines.services import deadline_start
from organizations.models import Department

pytestmark = pytest.mark.django_db


def test_badge_shows_rule_due_date_and_marks_provisional_dates():
    case = Department.objects.get(code="KJS")
    provisional = deadline_start(
        actor=None, rule_code="enforcement.review", target=case, start=datetime.date(2026, 12, 28)
    )
    settled = deadline_start(actor=None, rule_code="enforcement.review", target=case, start=datetime.date(2026, 3, 2))
    with translation.override("en"):
        html = render_to_string("deadlines/deadline_badge.html", {"deadline": provisional})
        assert "Case review ≤ 10 working days" in html
        assert "2027-01-12" in html  # 1 January 2027 is off by law
        assert "provisional" in html
        assert "provisional" not in render_to_string("deadlines/deadline_badge.html", {"deadline": settled})
