"""The round's pages refuse bad input with a message and change nothing; each offers only what the
person may do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from brands.models import BrandRound, Recommendation
from tests.brands.conftest import open_round

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-03-02")]


def test_a_province_is_offered_only_its_own_products_and_a_false_file_is_refused(people, products, client):
    brand_round = open_round(people)
    url = reverse("brands:recommend", args=[brand_round.pk])
    client.force_login(people.zj_staff)
    page = client.get(url).content.decode()
    assert "西湖龙井" in page and "安溪铁观音" not in page
    fake = SimpleUploadedFile("方案.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    data = {"product": products["西湖龙井"].pk, "has_plan": "yes", "reason": "品质优良", "dossier_1": fake}
    response = client.post(url, data)
    assert response.status_code == 200 and response.context["form"].errors
    assert not Recommendation.objects.exists()
    # Another province's product is not a choice, whatever the POST says.
    client.force_login(people.fj_staff)
    pdf = SimpleUploadedFile("方案.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(url, {**data, "dossier_1": pdf})
    assert response.status_code == 200 and "product" in response.context["form"].errors
    assert not Recommendation.objects.exists()
    # A city bureau does not recommend.
    client.force_login(people.city_staff)
    assert client.get(url).status_code == 403


def test_the_organising_bodies_open_a_round_on_its_page(people, client):
    client.force_login(people.kjs_staff)
    page = client.get(reverse("brands:open"))
    assert [d.code for d in page.context["form"].fields["organiser"].queryset] == ["KJS"]
    refused = client.post(reverse("brands:open"), {"year": "2026", "organiser": "x", "recommendations_due": "soon"})
    assert refused.status_code == 200 and not BrandRound.objects.exists()
    client.post(
        reverse("brands:open"),
        {
            "year": "2026",
            "organiser": page.context["form"].fields["organiser"].queryset[0].pk,
            "recommendations_due": "2026-04-01",
        },
    )
    assert BrandRound.objects.get().organiser.code == "KJS"
    client.force_login(people.ppb_staff)
    assert client.get(reverse("brands:open")).status_code == 403
    assert client.get(reverse("brands:list")).status_code == 200
