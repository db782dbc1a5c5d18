"""load_agreement_list and the upload's reader: good files in each encoding, bad bytes, bad rows."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from agreement.actions import load_list
from agreement.models import ENTRY_INTO_FORCE, AgreementEntry
from audit.models import AuditEvent
from tests.factories.cases import longjing

from .conftest import HEADER

pytestmark = pytest.mark.django_db

GOOD = HEADER + (
    "III,西湖龙井,Xihu Longjing,茶叶 Tea,CN,西湖龙井,附件三\n"
    "IV,Champagne,香槟,葡萄酒 Wine,FR,,附件四\n"
    "V,太平猴魁,Taiping Hou Kui,茶叶 Tea,cn,,\n"
)


def test_a_good_file_enters_each_name_with_its_batch_state_and_link():
    product = longjing()
    created = load_list(actor=None, data=GOOD.encode("utf-8"))
    assert len(created) == 3
    first = AgreementEntry.objects.get(name="西湖龙井")
    assert (first.status, first.protected_from, first.product, first.batch) == (
        "protected",
        ENTRY_INTO_FORCE,
        product,
        1,
    )
    assert "xhlj" in first.name_pinyin
    second = AgreementEntry.objects.get(name="太平猴魁")
    assert (second.status, second.protected_from, second.country, second.batch) == ("proposed", None, "CN", 2)
    assert AgreementEntry.objects.get(name="Champagne").country == "FR"
    assert AuditEvent.objects.filter(action="agreement.load").count() == 3
    # Loading the same list again adds nothing and changes nothing.
    assert load_list(actor=None, data=GOOD.encode("utf-8")) == []
    assert AgreementEntry.objects.count() == 3


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gb18030"])
def test_excel_utf8_with_bom_and_gb18030_are_read(encoding):
    longjing()
    load_list(actor=None, data=GOOD.encode(encoding))
    assert set(AgreementEntry.objects.values_list("name", flat=True)) == {"西湖龙井", "Champagne", "太平猴魁"}


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\xff\xfe\xff\xff annex", "neither UTF-8 nor GB18030"),
        (HEADER.encode() + b"V,\x00,x,y,CN,,\n", "NUL"),
        (b"", "missing"),
        ("name,country\n金华火腿,CN\n".encode(), "missing: annex, product_class"),
        (HEADER.encode(), "no rows"),
    ],
)
def test_bad_bytes_and_empty_files_are_refused_with_a_message(data, message):
    with pytest.raises(ValidationError) as error:
        load_list(actor=None, data=data)
    assert message in " ".join(error.value.messages)
    assert not AgreementEntry.objects.exists()


def test_every_bad_row_is_named_by_its_line_and_nothing_is_loaded():
    longjing()
    data = HEADER + (
        "V,金华火腿,Jinhua Huo Tui,肉制品,CN,,\n"  # good, but in a file with errors
        "VII,泸州老窖,,白酒,CN,,\n"
        "IV,Feta,,奶酪,CN,,\n"
        "III,盘锦大米,,大米,CN,盘锦大米,\n"
        "IV,Cava,,葡萄酒,XX,,\n"
        "V,金华火腿,,肉制品,CN,,\n"
        "VI,Prosciutto di Parma,,,IT,西湖龙井,\n"
    )
    with pytest.raises(ValidationError) as error:
        load_list(actor=None, data=data.encode())
    messages = error.value.messages
    assert any(m.startswith("Line 3") and "VII" in m for m in messages)
    assert any(m.startswith("Line 4") and "annexes III and V" in m for m in messages)
    assert any(m.startswith("Line 5") and "盘锦大米" in m for m in messages)
    assert any(m.startswith("Line 6") and "XX" in m for m in messages)
    assert any(m.startswith("Line 7") and "line 2" in m for m in messages)
    assert any(m.startswith("Line 8") and "product_class" in m for m in messages)
    assert any(m.startswith("Line 8") and "domestic GI record" in m for m in messages)
    assert not AgreementEntry.objects.exists()
    assert not AuditEvent.objects.filter(action="agreement.load").exists()


def test_the_command_loads_a_file_and_refuses_a_bad_one(tmp_path, capsys):
    good = tmp_path / "lists.csv"
    good.write_bytes(("\ufeff" + HEADER + "IV,Champagne,香槟,葡萄酒 Wine,FR,,\n").encode())
    call_command("load_agreement_list", str(good))
    assert AgreementEntry.objects.filter(name="Champagne").exists()
    bad = tmp_path / "bad.csv"
    bad.write_bytes((HEADER + "IV,Feta,,奶酪,ZZ,,\n").encode())
    with pytest.raises(CommandError, match=r"nothing was loaded\.\n.*Line 2"):
        call_command("load_agreement_list", str(bad))
    with pytest.raises(CommandError, match="No such file"):
        call_command("load_agreement_list", str(tmp_path / "missing.csv"))
    assert AgreementEntry.objects.count() == 1


def test_the_demo_list_loads_and_links_the_demo_products():
    from pathlib import Path

    longjing()
    data = (Path(__file__).resolve().parents[2] / "demo" / "data" / "agreement_lists.csv").read_bytes()
    with pytest.raises(ValidationError, match="安吉白茶"):  # the demo's products are not in this database
        load_list(actor=None, data=data)
