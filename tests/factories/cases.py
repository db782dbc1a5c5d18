from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from cases.declarations.services import declaration_attach, declaration_create_draft
from cases.models import ProtectedProduct
from cases.products.services import product_import_protected
from organizations.models import Region

from .organizations import EnterpriseFactory, UserFactory

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF_BYTES = b"%PDF-1.4\n%test\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def longjing() -> ProtectedProduct:
    product, _ = product_import_protected(
        actor=None,
        name="西湖龙井",
        category="tea",
        province=Region.objects.get(code="330000"),
        area=[Region.objects.get(code="330106")],
        announcement_number="2001年第28号",
        announcement_year=2001,
    )
    return product


def producer_with_enterprise(region_code: str = "330106", *, username: str | None = None, **enterprise_fields):
    """A producer's account and the enterprise (in that county) it acts for; a username and the
    enterprise's fields (its name) may be chosen, e.g. for a browser test that signs in."""
    user = UserFactory(username=username) if username else UserFactory()
    enterprise = EnterpriseFactory(region=Region.objects.get(code=region_code), **enterprise_fields)
    enterprise.accounts.create(user=user)
    return user, enterprise


def pdf_file(name: str = "licence.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def png_file(name: str = "label.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PNG_BYTES, content_type="image/png")


def draft_declaration(user=None, enterprise=None, product=None, with_attachments=True):
    if user is None:
        user, enterprise = producer_with_enterprise()
    product = product or longjing()
    declaration = declaration_create_draft(
        actor=user,
        enterprise=enterprise,
        product=product,
        production_region=Region.objects.get(code="330106"),
        production_address="杭州市西湖区龙井路1号",
        annual_output=Decimal("1200.5"),
        output_unit="kg",
        label_text="西湖龙井 地理标志保护产品",
    )
    if with_attachments:
        declaration_attach(actor=user, declaration=declaration, kind="business_licence", uploaded_file=pdf_file())
        declaration_attach(
            actor=user, declaration=declaration, kind="inspection_report", uploaded_file=pdf_file("report.pdf")
        )
        declaration_attach(actor=user, declaration=declaration, kind="label_proof", uploaded_file=png_file())
    return user, declaration


def declaration_form_data(enterprise, **overrides):
    """What the portal's declaration form posts; None in overrides leaves a field out."""
    data = {
        "enterprise": enterprise.pk,
        "product": longjing().pk,
        "production_region": "330106",
        "production_address": "杭州市西湖区龙井路1号",
        "annual_output": "1200",
        "output_unit": "kg",
        "label_text": "西湖龙井 地理标志保护产品",
        "business_licence": pdf_file(),
        "inspection_report": pdf_file("report.pdf"),
        "label_proof": png_file(),
        "commitment_accepted": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
