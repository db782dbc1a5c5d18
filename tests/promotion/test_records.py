"""Activities, media reports and work plans: entered by a regional bureau's staff inside its region,
seen by the bureaus whose jurisdiction covers them; bad input changes nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from promotion.models import MediaReport, PublicityActivity, WorkPlan
from tests.factories.cases import draft_declaration, pdf_file

from .conftest import activity, bureau, day, media, plan, region

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def _nothing_changed(before):
    assert (
        AuditEvent.objects.count(),
        PublicityActivity.objects.count(),
        MediaReport.objects.count(),
        WorkPlan.objects.count(),
    ) == before


def _counts():
    return (
        AuditEvent.objects.count(),
        PublicityActivity.objects.count(),
        MediaReport.objects.count(),
        WorkPlan.objects.count(),
    )


def test_a_record_writes_one_audit_event(people, products):
    before = AuditEvent.objects.order_by("-sequence").values_list("sequence", flat=True).first() or 0
    recorded = activity(people.county_staff, "AMR-330106", "330106", day(2026, 2, 1), products=[products[0]])
    assert AuditEvent.objects.filter(sequence__gt=before).get().action == "promotion.activity_record"
    assert list(recorded.products.all()) == [products[0]]


def test_outside_the_bureaus_region_or_role_is_refused(people, products):
    crab = products[2]
    before = _counts()
    with pytest.raises(ValidationError):  # Hangzhou's staff, a Jiangsu region
        activity(people.city_staff, "AMR-330100", "320102", day(2026, 2, 1))
    with pytest.raises(ValidationError):  # a county records for its county only, not its city
        media(people.county_staff, "AMR-330106", "330100", day(2026, 2, 1), "local")
    with pytest.raises(ValidationError):  # another province's product
        activity(people.county_staff, "AMR-330106", "330106", day(2026, 2, 1), products=[crab])
    with pytest.raises(PermissionDenied):  # a lead is not the bureau's staff
        activity(people.province_lead, "AMR-330000", "330000", day(2026, 2, 1))
    with pytest.raises(PermissionDenied):  # staff of another bureau
        plan(people.fujian_staff, "AMR-330000", day(2026, 1, 1), day(2026, 12, 31))
    with pytest.raises(PermissionDenied):  # a national body records nothing of a region's
        activity(people.kjs_staff, "KJS", "330000", day(2026, 2, 1))
    _nothing_changed(before)


def test_the_pages_refuse_bad_input_with_a_message(people, products, client):
    client.force_login(people.county_staff)
    before = _counts()
    blank = client.post(reverse("promotion:activity_new"), {})
    assert blank.status_code == 200 and {"name", "kind", "held_on", "region"} <= set(blank.context["form"].errors)
    bad = client.post(
        reverse("promotion:media_new"),
        {
            "bureau": bureau("AMR-330106").pk,
            "title": "x" * 301,
            "outlet": "浙江日报",
            "level": "national",
            "published_on": "2026-02-30",
            "link": "javascript:alert(1)",
            "region": region("330100").pk,  # not offered: outside 西湖区
        },
    )
    assert {"title", "level", "published_on", "link", "region"} <= set(bad.context["form"].errors)
    exe = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(
        reverse("promotion:plan_new"),
        {
            "bureau": bureau("AMR-330106").pk,
            "title": "方案",
            "adopted_on": "2026-01-05",
            "covers_from": "2026-12-31",
            "covers_to": "2026-01-01",
            "document": exe,
        },
    )
    errors = refused.context["form"].errors
    assert refused.status_code == 200 and {"document", "covers_to"} <= set(errors)
    # A real PDF with the wrong period: still refused, nothing stored.
    wrong = client.post(
        reverse("promotion:plan_new"),
        {
            "bureau": bureau("AMR-330106").pk,
            "title": "方案",
            "adopted_on": "2026-01-05",
            "covers_from": "2026-12-31",
            "covers_to": "2026-01-01",
            "document": pdf_file("方案.pdf"),
        },
    )
    assert "covers_to" in wrong.context["form"].errors
    # Bytes that are no text at all in a field.
    garbage = client.post(reverse("promotion:activity_new"), {"name": "\x00\xff", "held_on": "\x00"})
    assert garbage.status_code in (200, 400)  # the project refuses NUL bytes before any view (400)
    _nothing_changed(before)
    assert client.get(reverse("promotion:publicity"), {"start": "2026-05-01", "end": "2026-01-01"}).status_code == 200
    assert client.get(reverse("promotion:plans"), {"start": "abc"}).status_code == 200


def test_recorded_through_the_pages_and_listed_by_period(people, products, client):
    client.force_login(people.county_staff)
    response = client.post(
        reverse("promotion:activity_new"),
        {
            "bureau": bureau("AMR-330106").pk,
            "name": "西湖龙井开茶节宣传",
            "kind": "publicity",
            "held_on": "2026-03-01",
            "region": region("330106").pk,
            "products": [products[0].pk],
        },
    )
    assert response.status_code == 302
    client.post(
        reverse("promotion:plan_new"),
        {
            "bureau": bureau("AMR-330106").pk,
            "title": "西湖区2026年工作方案",
            "adopted_on": "2026-01-05",
            "covers_from": "2026-01-01",
            "covers_to": "2026-12-31",
            "document": pdf_file("西湖区方案.pdf"),
        },
    )
    stored = WorkPlan.objects.get()
    assert stored.original_name == "西湖区方案.pdf" and stored.file_type == "PDF"
    listed = client.get(reverse("promotion:publicity"), {"start": "2026-02-01", "end": "2026-03-31"})
    assert "西湖龙井开茶节宣传" in listed.content.decode()
    later = client.get(reverse("promotion:publicity"), {"start": "2026-04-01"})
    assert "西湖龙井开茶节宣传" not in later.content.decode()
    plans = client.get(reverse("promotion:plans"), {"start": "2027-01-01"})
    assert "西湖区2026年工作方案" not in plans.content.decode()
    document = client.get(reverse("promotion:plan_document", args=[stored.pk]))
    assert document.status_code == 200 and b"".join(document.streaming_content).startswith(b"%PDF-")


def test_each_bureau_sees_its_jurisdiction_only(people, products, client):
    activity(people.county_staff, "AMR-330106", "330106", day(2026, 2, 1), name="西湖区培训")
    provincial = plan(people.province_staff, "AMR-330000", day(2026, 1, 1), day(2026, 12, 31), title="省局方案")
    county = plan(people.county_staff, "AMR-330106", day(2026, 1, 1), day(2026, 12, 31), title="区局方案")
    seen = {}
    for name in ("province_staff", "city_staff", "fujian_staff", "kjs_staff"):
        client.force_login(getattr(people, name))
        text = client.get(reverse("promotion:publicity")).content.decode()
        plans = client.get(reverse("promotion:plans")).content.decode()
        seen[name] = ("西湖区培训" in text, "省局方案" in plans, "区局方案" in plans)
    assert seen == {
        "province_staff": (True, True, True),
        "city_staff": (True, False, True),  # a city sees below it, not its province's plan
        "fujian_staff": (False, False, False),
        "kjs_staff": (True, True, True),
    }
    client.force_login(people.city_staff)
    assert client.get(reverse("promotion:plan_document", args=[provincial.pk])).status_code == 404
    assert client.get(reverse("promotion:plan_document", args=[county.pk])).status_code == 200


def test_who_may_open_the_forms(people, client):
    producer, _declaration = draft_declaration()
    for user, status in (
        (None, 302),
        (producer, 403),
        (people.kjs_staff, 403),  # national: reads, records nothing
        (people.province_lead, 403),
        (people.county_staff, 200),
    ):
        client.logout()
        if user is not None:
            client.force_login(user)
        for name in ("promotion:activity_new", "promotion:media_new", "promotion:plan_new"):
            assert client.get(reverse(name)).status_code == status, (user, name)
