import pytest

from organizations.models import Department, Region, Role
from organizations.selectors import jurisdiction_prefixes, persona_of, region_code_filter, regions_within
from tests.factories import EnterpriseFactory, UserFactory, make_member

pytestmark = pytest.mark.django_db


def test_every_province_and_city_is_loaded_with_its_bureau():
    assert Region.objects.filter(level=Region.Level.PROVINCE).count() == 34
    assert Region.objects.filter(level=Region.Level.CITY).count() >= 333
    hangzhou = Region.objects.get(code="330100")
    assert (hangzhou.name, hangzhou.parent.code, hangzhou.prefix) == ("杭州市", "330000", "3301")
    xihu = Region.objects.get(code="330106")
    assert xihu.parent == hangzhou and hangzhou.contains(xihu) and not xihu.contains(hangzhou)
    bureau = Department.objects.get(region=xihu)
    assert bureau.name == "杭州市西湖区市场监督管理局"
    assert bureau.parent == Department.objects.get(region=hangzhou)
    assert Department.objects.filter(region__isnull=False).count() == Region.objects.count()


def test_municipality_districts_hang_from_the_province():
    assert Region.objects.get(code="110101").parent.code == "110000"


def test_national_departments_exist():
    codes = set(Department.objects.filter(region__isnull=True).values_list("code", flat=True))
    assert {"KJS", "FGS", "ZFS", "JCS", "BZW", "ZLS", "GJS", "XXZX", "EXPERTS", "PPB"} <= codes


def test_regions_within_a_city():
    codes = set(regions_within(Region.objects.get(code="330100")).values_list("code", flat=True))
    assert "330106" in codes and "330100" in codes and "330200" not in codes


def test_jurisdiction_of_regional_and_national_staff():
    county = make_member("AMR-330106", Role.STAFF)
    province = make_member("AMR-330000", Role.STAFF)
    national = make_member("KJS", Role.STAFF)
    assert jurisdiction_prefixes(county) == ["330106"]
    assert jurisdiction_prefixes(province) == ["33"]
    assert jurisdiction_prefixes(national) == [""]
    assert jurisdiction_prefixes(UserFactory()) == []
    regions = Region.objects.filter(code__in=["330106", "330102", "350524"])
    assert set(regions.filter(region_code_filter(province, "code")).values_list("code", flat=True)) == {
        "330106",
        "330102",
    }
    assert set(regions.filter(region_code_filter(county, "code")).values_list("code", flat=True)) == {"330106"}
    assert regions.filter(region_code_filter(national, "code")).count() == 3
    assert not regions.filter(region_code_filter(UserFactory(), "code")).exists()


def test_persona_of_each_kind_of_user():
    staff = make_member("AMR-330106", Role.STAFF)
    producer = UserFactory()
    EnterpriseFactory().accounts.create(user=producer)
    assert persona_of(staff) == "staff"
    assert persona_of(producer) == "portal"
    assert persona_of(UserFactory()) == "public"
