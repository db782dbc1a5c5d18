import datetime

import pytest

from deadlines.forms import parse_days
from deadlines.models import CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db


def test_parse_days_accepts_dates_and_ranges_with_names():
    days = parse_days("2027-02-05..2027-02-07 春节\n\n2027-04-05 清明节")
    assert days == [
        (datetime.date(2027, 2, 5), "春节"),
        (datetime.date(2027, 2, 6), "春节"),
        (datetime.date(2027, 2, 7), "春节"),
        (datetime.date(2027, 4, 5), "清明节"),
    ]


def test_administrator_enters_a_year_through_the_admin(admin_client):
    response = admin_client.post(
        "/admin/deadlines/calendaryear/enter/",
        {
            "year": 2027,
            "source": "国务院办公厅关于2027年部分节假日安排的通知",
            "holidays": "2027-01-01 元旦\n2027-02-08..2027-02-12 春节",
            "working_days": "2027-02-06 春节调休",
        },
    )
    assert response.status_code == 302
    year = CalendarYear.objects.get(year=2027)
    assert year.days.filter(is_working_day=False).count() == 6
    assert CalendarDay.objects.get(date=datetime.date(2027, 2, 6)).is_working_day


def test_bad_lines_are_reported_and_nothing_is_saved(admin_client):
    response = admin_client.post(
        "/admin/deadlines/calendaryear/enter/",
        {"year": 2027, "source": "x", "holidays": "2027-13-01 坏日期", "working_days": ""},
    )
    assert response.status_code == 200
    assert "2027-13-01" in response.content.decode()
    assert not CalendarYear.objects.exists()


def test_days_outside_the_year_are_reported(admin_client):
    response = admin_client.post(
        "/admin/deadlines/calendaryear/enter/",
        {"year": 2027, "source": "x", "holidays": "2028-01-01 元旦", "working_days": ""},
    )
    assert response.status_code == 200
    assert "2028-01-01" in response.content.decode()
    assert not CalendarYear.objects.exists()
