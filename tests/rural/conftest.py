"""People and places of the rural tests: 西湖区 (Zhejiang) applies, 浙江省's lead recommends, the
计财司 evaluates and publishes; Fujian's records must never be counted for Zhejiang."""

from dataclasses import dataclass

import pytest

from organizations.models import Department, Region, Role
from tests.factories.cases import longjing
from tests.factories.organizations import make_member


@dataclass
class Cast:
    county_staff: object
    county_lead: object
    province_lead: object
    jcs_staff: object
    jcs_lead: object
    other_staff: object
    county: Department
    xihu: Region
    anxi: Region
    product: object


@pytest.fixture
def cast(db) -> Cast:
    return Cast(
        county_staff=make_member("AMR-330106", Role.STAFF),
        county_lead=make_member("AMR-330106", Role.LEAD),
        province_lead=make_member("AMR-330000", Role.LEAD),
        jcs_staff=make_member("JCS", Role.STAFF),
        jcs_lead=make_member("JCS", Role.LEAD),
        other_staff=make_member("AMR-350524", Role.STAFF),
        county=Department.objects.get(code="AMR-330106"),
        xihu=Region.objects.get(code="330106"),
        anxi=Region.objects.get(code="350524"),
        product=longjing(),
    )


def apply(cast: Cast, **fields):
    from rural.actions import apply_for_project

    defaults = {
        "bureau": cast.county,
        "title": "茶园标准化与电商销售",
        "region": cast.xihu,
        "products": [cast.product],
        "summary": "建设标准化茶园，开设网店。",
    }
    return apply_for_project(actor=cast.county_staff, **{**defaults, **fields})
