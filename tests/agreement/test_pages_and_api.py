"""Who gets the agreement's pages and endpoints: anyone the public list, pinyin search and the
objection form; only the 国际司 the staff pages, the upload and the staff API."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreement import actions
from agreement.models import AgreementEntry
from tests.factories.cases import longjing
from tests.factories.organizations import UserFactory

from .conftest import HEADER, SECOND_BATCH

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(gjs):
    longjing()
    data = HEADER + "III,西湖龙井,Xihu Longjing,茶叶 Tea,CN,西湖龙井,附件三\nIV,Feta,菲达奶酪,奶酪 Cheese,GR,,\n"
    actions.load_list(actor=None, data=data.encode())
    actions.load_list(actor=None, data=SECOND_BATCH.encode())
    return AgreementEntry.objects.order_by("pk")


def test_the_public_list_searches_by_pinyin_initials_and_annex(client, entries):
    page = client.get(reverse("register:agreement"), {"q": "xhlj"}).content.decode()
    assert "西湖龙井" in page and "Feta" not in page
    page = client.get(reverse("register:agreement"), {"annex": "IV"}).content.decode()
    assert "Feta" in page and "西湖龙井" not in page
    assert client.get(reverse("register:agreement"), {"annex": "XX"}).status_code == 200
    product = entries.get(name="西湖龙井").product
    page = client.get(reverse("register:product", args=[product.public_token])).content.decode()
    assert "中欧地理标志协定" in page or "EU–China agreement" in page
    api = client.get("/api/register/agreement-names/", {"q": "jinhua"}).json()
    names = [row["name"] for row in api.get("results", api)]
    assert names == ["金华火腿"]
    assert client.get("/api/register/agreement-names/", {"annex": "VII"}).status_code == 400


def test_staff_pages_are_the_gjs_s(client, gjs, entries):
    entry = entries.get(name="金华火腿")
    urls = [reverse("agreement:list"), reverse("agreement:detail", args=[entry.pk]), reverse("agreement:upload")]
    for user, expected in [(gjs.staff, 200), (gjs.lead, 200), (gjs.kjs_staff, {403, 404}), (UserFactory(), {404, 403})]:
        client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            if user == gjs.lead and url.endswith("upload/"):
                assert status == 403, url  # the lead approves; the staff load lists
            else:
                assert status == expected or status in (expected if isinstance(expected, set) else ()), (user, url)
    client.logout()
    assert client.get(urls[0]).status_code == 302


def test_staff_propose_publication_from_the_page_and_others_cannot(client, gjs, entries):
    entry = entries.get(name="金华火腿")
    client.force_login(gjs.kjs_staff)
    assert client.post(reverse("agreement:publish", args=[entry.pk])).status_code == 404
    client.force_login(gjs.lead)
    assert client.post(reverse("agreement:publish", args=[entry.pk])).status_code == 403
    assert AgreementEntry.objects.get(pk=entry.pk).status == "proposed"
    client.force_login(gjs.staff)
    response = client.post(reverse("agreement:publish", args=[entry.pk]), follow=True)
    assert response.status_code == 200
    assert AgreementEntry.objects.get(pk=entry.pk).status == "publication_pending"


def test_the_upload_page_shows_row_errors_and_loads_nothing(client, gjs, entries):
    client.force_login(gjs.staff)
    before = AgreementEntry.objects.count()
    bad = SimpleUploadedFile("list.csv", (HEADER + "IV,Cava,,葡萄酒,ZZ,,\n").encode("gb18030"))
    response = client.post(reverse("agreement:upload"), {"file": bad})
    assert response.status_code == 400
    assert "ZZ" in response.content.decode()
    junk = SimpleUploadedFile("list.csv", b"\xff\xff\xfe\x00\x81")
    assert client.post(reverse("agreement:upload"), {"file": junk}).status_code == 400
    assert AgreementEntry.objects.count() == before
    good = SimpleUploadedFile("list.csv", (HEADER + "IV,Cava,卡瓦,葡萄酒 Wine,ES,,\n").encode("utf-8-sig"))
    assert client.post(reverse("agreement:upload"), {"file": good}).status_code == 302
    assert AgreementEntry.objects.count() == before + 1


def test_the_staff_api_is_the_gjs_s(client, gjs, entries):
    entry = entries.get(name="金华火腿")
    client.force_login(gjs.staff)
    assert len(client.get("/api/staff/agreement-names/").json()["results"]) == 3
    assert client.get(f"/api/staff/agreement-names/{entry.pk}/").json()["objections"] == []
    client.force_login(gjs.kjs_staff)
    assert client.get("/api/staff/agreement-names/").status_code == 403
    assert client.get(f"/api/staff/agreement-names/{entry.pk}/").status_code == 404
    client.logout()
    assert client.get("/api/staff/agreement-names/").status_code in (401, 403)


@pytest.mark.on_date("2026-06-10")
def test_the_public_objection_form_only_while_published(client, gjs, entries):
    entry = entries.get(name="金华火腿")
    url = reverse("register:agreement_objection", args=[entry.public_token])
    assert client.get(url).status_code == 404  # not published
    actions.request_publication(actor=gjs.staff, entry=entry)
    actions.decide_publication(actor=gjs.lead, entry=AgreementEntry.objects.get(pk=entry.pk), approve=True)
    assert client.get(url).status_code == 200
    assert client.post(url, {"objector_name": "甲", "contact": "", "grounds": ""}).status_code == 400
    response = client.post(url, {"objector_name": "甲公司", "contact": "010-1", "grounds": "通用名称"})
    assert response.status_code == 200
    assert entry.objections.count() == 1
