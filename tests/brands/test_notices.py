"""The provinces hear of a round's call for recommendations, and each recommending bureau of its
own products' results when the round is published; nobody else's."""

import pytest
from django.utils import translation

from notifications.models import Notification
from organizations.models import Role
from tests.brands.conftest import open_round, recommend, run_round
from tests.factories import make_member

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def told(kind: str) -> set[int]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient_id", flat=True))


def test_opening_a_round_calls_on_every_provincial_bureau_s_staff(people):
    open_round(people, year=2026)
    # The staff of the provincial bureaus recommend; city staff, leads and the national bodies do not.
    assert told("brand.call_open") == {people.zj_staff.pk, people.fj_staff.pk}
    notice = Notification.objects.filter(kind="brand.call_open", recipient=people.zj_staff).get()
    assert "2026" in notice.subject and "2026-12-31" in notice.body and "质量司" in notice.body


def test_each_bureau_hears_its_own_products_results_at_publication_only(people, products):
    brand_round = open_round(people, year=2026)
    for name in ("西湖龙井", "绍兴酒", "安溪铁观音"):
        recommend(people, brand_round, products[name])
    figures = {"西湖龙井": ("886", "70.10"), "绍兴酒": ("850", "200.00"), "安溪铁观音": ("905", "1380.00")}
    english = make_member("AMR-330000", Role.STAFF, language="en")
    assert not told("brand.published")
    run_round(people, brand_round, figures, failed=["绍兴酒"])
    assert told("brand.published") == {people.zj_staff.pk, people.fj_staff.pk, english.pk}
    zhejiang = Notification.objects.get(kind="brand.published", recipient=people.zj_staff)
    assert "西湖龙井：排名第 2 位，品牌价值 70.10 亿元，入选前 50 名" in zhejiang.body
    assert "绍兴酒：未通过（抽检不合格）" in zhejiang.body
    assert zhejiang.body.index("西湖龙井") < zhejiang.body.index("绍兴酒")  # ranked first, then the rest
    assert "安溪铁观音" not in zhejiang.body  # Fujian's product, told to Fujian only
    fujian = Notification.objects.get(kind="brand.published", recipient=people.fj_staff)
    assert "安溪铁观音：排名第 1 位" in fujian.body
    in_english = Notification.objects.get(kind="brand.published", recipient=english)
    assert "西湖龙井: rank 2, brand value ¥70.10 hundred million, in the top 50" in in_english.body
    with translation.override("en"):
        assert "results published" in in_english.subject
