import datetime

import pytest
import time_machine

from cases.models import Declaration
from organizations.models import Department, Role
from tests.clock import BEIJING, DEFAULT_TIME
from tests.factories import make_member
from tests.factories.cases import longjing
from tests.factories.supervision import published_declarations


def at(day: str):
    """Travel to 10:00 Beijing time on the day (the clock ticking)."""
    return time_machine.travel(datetime.datetime.combine(datetime.date.fromisoformat(day), DEFAULT_TIME, BEIJING))


def declared_on(day: str) -> Declaration:
    with at(day):
        (declaration,) = published_declarations(1)
    return declaration


@pytest.fixture
def county_clerk():
    """Staff of the Xihu district bureau, where the factories' producers produce."""
    return make_member("AMR-330106", Role.STAFF)


@pytest.fixture
def county_bureau():
    return Department.objects.get(code="AMR-330106")


@pytest.fixture
def product():
    return longjing()
