"""Aid-region designations hold between their validity dates; a province's covers its counties;
the kinds keep to their eras; the CSV loader loads all rows or none, naming each bad row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from audit.models import AuditEvent
from organizations.models import Region
from rural.loader import read_designations
from rural.models import AidDesignation, AidKind
from rural.selectors import designations_on, is_designated

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english():
    # Commands speak the site's language (zh-hans); the messages are checked by their English msgids.
    with translation.override("en"):
        yield


def _region(code):
    return Region.objects.get(code=code)


def test_a_county_designated_in_2019_is_a_poor_county_in_2019_not_in_2022():
    county = _region("350524")
    AidDesignation.objects.create(
        region=county,
        kind=AidKind.POOR_COUNTY,
        valid_from=datetime.date(2014, 1, 1),
        valid_until=datetime.date(2020, 12, 31),
        source="测试",
    )
    assert is_designated(county, AidKind.POOR_COUNTY, datetime.date(2019, 6, 1))
    assert not is_designated(county, AidKind.POOR_COUNTY, datetime.date(2022, 6, 1))
    assert not is_designated(county, AidKind.POOR_COUNTY, datetime.date(2013, 12, 31))
    assert not is_designated(_region("330106"), AidKind.POOR_COUNTY, datetime.date(2019, 6, 1))


def test_a_province_designation_covers_its_counties_from_its_start():
    AidDesignation.objects.create(
        region=_region("350000"), kind=AidKind.TIBET, valid_from=datetime.date(2021, 1, 1), source="测试"
    )
    county = _region("350524")
    assert [d.kind for d in designations_on(county, datetime.date(2025, 1, 1))] == [AidKind.TIBET]
    assert not designations_on(county, datetime.date(2020, 12, 31)).exists()
    assert not designations_on(_region("330106"), datetime.date(2025, 1, 1)).exists()


@pytest.mark.parametrize(
    ("kind", "start", "until", "field"),
    [
        (AidKind.POOR_COUNTY, "2014-01-01", "2022-12-31", "valid_until"),
        (AidKind.POOR_COUNTY, "2014-01-01", None, "valid_until"),
        (AidKind.KEY_COUNTY, "2019-01-01", None, "valid_from"),
        (AidKind.TIBET, "2020-01-01", "2019-01-01", "valid_until"),
    ],
)
def test_designations_keep_to_their_eras(kind, start, until, field):
    designation = AidDesignation(
        region=_region("350524"),
        kind=kind,
        valid_from=datetime.date.fromisoformat(start),
        valid_until=datetime.date.fromisoformat(until) if until else None,
        source="测试",
    )
    with pytest.raises(ValidationError) as error:
        designation.full_clean()
    assert field in error.value.message_dict


HEADER = "region_code,kind,valid_from,valid_until,source\n"


def _load(tmp_path, content: bytes):
    path = tmp_path / "designations.csv"
    path.write_bytes(content)
    return call_command("load_aid_designations", str(path))


def test_the_loader_loads_every_row_with_an_audit_event(tmp_path, capsys):
    rows = "350524,贫困县,2014-01-01,2020-12-31,国务院扶贫办 2014\n350524,key_county,2021-08-27,,国家乡村振兴局 2021\n"
    _load(tmp_path, (HEADER + rows).encode())
    assert AidDesignation.objects.count() == 2
    assert AuditEvent.objects.filter(action="rural.designation_load").count() == 2
    assert "2" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe\x00\x00garbage", "not text"),
        (b"a,b,c\n", "first row"),
        (HEADER.encode(), "no designations"),
        ((HEADER + "999999,贫困县,2014-01-01,2020-12-31,x\n").encode(), "Row 2: no region"),
        ((HEADER + "350524,扶贫县,2014-01-01,2020-12-31,x\n").encode(), "Row 2: unknown designation"),
        ((HEADER + "350524,贫困县,2014/01/01,2020-12-31,x\n").encode(), "Row 2: valid_from"),
        ((HEADER + "350524,贫困县,2014-01-01,2020-12-31,\n").encode(), "Row 2: name the source"),
        ((HEADER + "350524,贫困县,2014-01-01,2022-12-31,x\n").encode(), "Row 2: Poor counties"),
        ((HEADER + "350524,贫困县,2014-01-01\n").encode(), "Row 2: 3 columns"),
        (
            (HEADER + "350524,贫困县,2014-01-01,2020-12-31,x\n350524,贫困县,2014-01-01,2020-12-31,x\n").encode(),
            "Row 3: the same designation",
        ),
    ],
)
def test_a_bad_file_loads_nothing_and_names_the_row(tmp_path, content, message):
    # A good row before the bad one: it is not loaded either.
    good = (
        b"350524,key_county,2021-08-27,,x\n"
        if content.startswith(HEADER.encode()) and content != HEADER.encode()
        else b""
    )
    if good and b"350524,key_county" not in content:
        content = HEADER.encode() + good + content[len(HEADER) :]
        message = message.replace("Row 2", "Row 3").replace("Row 3: the same", "Row 4: the same")
    with pytest.raises(CommandError) as error:
        _load(tmp_path, content)
    assert message in str(error.value)
    assert "Nothing was loaded" in str(error.value)
    assert AidDesignation.objects.count() == 0
    assert not AuditEvent.objects.filter(action="rural.designation_load").exists()


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("load_aid_designations", str(tmp_path / "none.csv"))


def test_every_byte_sequence_is_answered_with_errors_not_a_crash():
    for data in (b"", b"\x00\x01\x02", "region_code,kind\n\u0000".encode(), bytes(range(256))):
        assert read_designations(data).errors
