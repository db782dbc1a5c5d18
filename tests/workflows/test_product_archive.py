"""The product archive (ADR 0058): what it holds, how complete it is, who may read it, and the
statistics figure of complete archives counted from the same conditions."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from cases.models import ProtectedProduct, SupervisionCampaign, UsageReport
from cases.products.archive import ELEMENTS, archives_visible_to, complete_archives, product_archive
from organizations.models import Department, Region, Role
from reports.figures import FIGURES, figure_count
from tests.factories.cases import longjing, producer_with_enterprise
from tests.factories.organizations import EnterpriseFactory, UserFactory, make_member
from tests.reports.conftest import add_check, add_declaration

pytestmark = [pytest.mark.django_db, pytest.mark.on_date("2026-06-15")]


def _complete_longjing():
    product = longjing()
    ProtectedProduct.objects.filter(pk=product.pk).update(standard="GB/T 18650-2008", quality_summary="扁平光滑")
    enterprise = EnterpriseFactory(region=Region.objects.get(code="330106"))
    declaration = add_declaration(enterprise, product)
    UsageReport.objects.create(
        declaration=declaration,
        year=2025,
        output_quantity=Decimal("12.5"),
        marked_quantity=Decimal("10"),
        labels_printed=4000,
        submitted_by=UserFactory(),
    )
    inspectors = [make_member("AMR-330000", Role.INSPECTOR) for _ in range(2)]
    campaign = SupervisionCampaign.objects.create(
        reference="JD-T-1",
        title="抽查",
        organiser=Department.objects.get(code="AMR-330000"),
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 12, 31),
        created_by=inspectors[0],
    )
    add_check(campaign, declaration, inspectors, 1)
    product.refresh_from_db()
    return product, declaration


def test_an_archive_holding_every_element_is_complete_and_each_missing_one_shows():
    product, declaration = _complete_longjing()
    archive = product_archive(product)
    assert archive.completeness == 100
    assert [element.code for element, present in archive.elements if not present] == []
    sections = {section.code: (entries, count) for section, entries, count in archive.sections}
    assert sections["users"][1] == 1 and declaration.reference in sections["users"][0][0].title
    assert "4000" in sections["usage"][0][0].detail
    assert sections["checks"][1] == 1
    assert sections["enforcement"] == ([], 0)

    UsageReport.objects.all().delete()
    archive = product_archive(product)
    missing = [element.code for element, present in archive.elements if not present]
    assert missing == ["usage"]
    assert archive.completeness == round(100 * (len(ELEMENTS) - 1) / len(ELEMENTS))


def test_the_figure_counts_complete_archives_of_the_province_only():
    product, _declaration = _complete_longjing()
    zhejiang = Region.objects.get(code="330000")
    figure = FIGURES["product_archives_complete"]
    day = datetime.date(2026, 6, 15)
    assert figure_count(figure, zhejiang, day, day)["value"] == 1
    assert figure_count(figure, Region.objects.get(code="350000"), day, day)["value"] == 0
    # An element lost (the standard withdrawn) and the archive no longer counts.
    ProtectedProduct.objects.filter(pk=product.pk).update(standard="")
    assert figure_count(figure, zhejiang, day, day)["value"] == 0
    assert list(complete_archives(ProtectedProduct.objects.all())) == []


def test_who_reads_an_archive(client):
    product, _declaration = _complete_longjing()
    detail = reverse("archives:detail", args=[product.pk])
    for department in ("KJS", "AMR-330000", "AMR-330106"):
        client.force_login(make_member(department, Role.STAFF))
        response = client.get(detail)
        assert response.status_code == 200, department
        assert "100%" in response.content.decode()
        assert product.name in client.get(reverse("archives:list")).content.decode()
    client.force_login(make_member("AMR-350000", Role.STAFF))
    assert client.get(detail).status_code == 404
    assert product.name not in client.get(reverse("archives:list")).content.decode()
    producer, _enterprise = producer_with_enterprise("330106", username="archive-producer")
    client.force_login(producer)
    assert client.get(detail).status_code == 404
    assert client.get(reverse("archives:list")).status_code == 403
    assert archives_visible_to(make_member("AMR-330100", Role.STAFF)).filter(pk=product.pk).exists()


def test_the_promotion_records_of_a_product_are_in_its_archive():
    """The apps above add their sections (ADR 0058): marks printed and an agreement entry show."""
    from agreement.models import AgreementEntry
    from marks.services import printing_record

    product, _declaration = _complete_longjing()
    clerk = make_member("AMR-330106", Role.STAFF)
    printing_record(
        actor=clerk,
        bureau=Department.objects.get(code="AMR-330106"),
        product=product,
        printed_on=datetime.date(2026, 5, 6),
        quantity=1200,
    )
    AgreementEntry.objects.create(annex="III", name="西湖龙井", product_class="茶叶", country="CN", product=product)
    sections = {section.code: (entries, count) for section, entries, count in product_archive(product).sections}
    assert sections["marks"][1] == 1 and "1200" in sections["marks"][0][0].title
    assert sections["agreement"][1] == 1 and "西湖龙井" in sections["agreement"][0][0].title
    assert sections["zones"] == ([], 0) and sections["brands"] == ([], 0)
