import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def names(response):
    return [product.name for product in response.context["page"]]


def test_register_is_public_and_lists_products(client, seeded):
    response = client.get("/")
    assert response.status_code == 200
    assert "西湖龙井" in names(response)


@pytest.mark.parametrize("query", ["西湖龙井", "xihulongjing", "XiHu LongJing", "xhlj", "Longjing"])
def test_search_by_chinese_pinyin_or_initials(client, seeded, query):
    assert "西湖龙井" in names(client.get("/", {"q": query}))
    assert "五常大米" not in names(client.get("/", {"q": query}))


def test_filter_by_province_and_category(client, seeded):
    zhejiang = names(client.get("/", {"province": "330000"}))
    assert "西湖龙井" in zhejiang and "五常大米" not in zhejiang
    teas = names(client.get("/", {"category": "tea"}))
    assert "安溪铁观音" in teas and "五常大米" not in teas


def test_bad_filters_are_reported_not_crashing(client, seeded):
    response = client.get("/", {"province": "999999", "category": "nonsense", "page": "abc"})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert len(names(response)) > 0


def test_english_page(client, seeded):
    client.cookies["terroir_language"] = "en"
    body = client.get("/").content.decode()
    assert "Protected GI products" in body and "Xihu Longjing tea" in body
