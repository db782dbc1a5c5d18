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


def test_protected_since_comes_from_the_announcement_not_the_import(client, seeded):
    import datetime

    from cases.models import ProtectedProduct
    from cases.products.selectors import product_public_history

    client.cookies["terroir_language"] = "en"
    page = client.get("/", {"q": "安溪铁观音"}).content.decode()
    assert 'class="protected-since">2004-07-08<' in page
    tieguanyin = ProtectedProduct.objects.get(name="安溪铁观音")
    detail = client.get(f"/products/{tieguanyin.public_token}/")
    assert 'class="protected-since">2004-07-08<' in detail.content.decode()
    longjing = ProtectedProduct.objects.get(name="西湖龙井")  # only the year is known
    text = client.get("/", {"q": "西湖龙井"}).content.decode()
    assert 'class="protected-since">2001 (day not recorded)<' in text
    today = datetime.date.today().isoformat()
    assert f'class="protected-since">{today}' not in text
    # The import's history entry says what it was, not that protection began that day.
    labels = [str(entry.label) for entry in product_public_history(longjing)]
    assert labels == ["依据已发布的公告录入本名录"]


def test_an_announcement_date_outside_its_year_is_refused_at_import():
    import datetime

    from cases.products.services import product_import_protected
    from organizations.models import Region

    with pytest.raises(ValueError, match="not in 2001"):
        product_import_protected(
            actor=None,
            name="测试产品",
            category="tea",
            province=Region.objects.get(code="330000"),
            area=[Region.objects.get(code="330106")],
            announcement_year=2001,
            protected_since=datetime.date(2002, 1, 5),
        )
