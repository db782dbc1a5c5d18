from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from django_fsm import TransitionNotAllowed

from audit.models import AuditEvent
from cases.declarations.services import (
    declaration_attach,
    declaration_create_draft,
    declaration_submit,
    declaration_withdraw,
)
from cases.models import Declaration, DeclarationAttachment
from organizations.models import Region
from tests.factories import UserFactory
from tests.factories.cases import draft_declaration, longjing, pdf_file, producer_with_enterprise

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def test_submit_publishes_at_once_with_a_reference():
    user, declaration = draft_declaration()
    declaration = declaration_submit(actor=user, declaration=declaration, commitment_accepted=True)
    assert declaration.status == Declaration.Status.PUBLISHED
    assert declaration.is_authorised
    assert declaration.reference.startswith("SB-330106-") and declaration.reference.endswith("-00001")
    assert declaration.declared_at is not None
    actions = list(
        AuditEvent.objects.filter(target_id=str(declaration.pk), target_type__model="declaration").values_list(
            "action", flat=True
        )
    )
    # The receipt is issued in the same transaction, recorded against the declaration.
    assert actions == ["declaration.create"] + ["declaration.attach"] * 3 + ["declaration.submit", "document.issue"]


def test_references_count_up_per_region_and_year():
    user, first = draft_declaration()
    other_user, second = draft_declaration()
    declaration_submit(actor=user, declaration=first, commitment_accepted=True)
    second = declaration_submit(actor=other_user, declaration=second, commitment_accepted=True)
    assert second.reference.endswith("-00002")


def test_address_outside_the_protected_area_is_refused_and_creates_nothing():
    user, enterprise = producer_with_enterprise()
    with pytest.raises(ValidationError) as error:
        declaration_create_draft(
            actor=user,
            enterprise=enterprise,
            product=longjing(),
            production_region=Region.objects.get(code="330102"),
            production_address="杭州市上城区",
            annual_output=Decimal(10),
            output_unit="kg",
            label_text="x",
        )
    message = error.value.message_dict["production_region"][0]
    assert "上城区" in message and "outside the protected area" in message and "西湖区" in message
    assert not Declaration.objects.exists()


def test_only_the_enterprises_own_accounts_may_declare():
    _user, enterprise = producer_with_enterprise()
    with pytest.raises(PermissionDenied):
        declaration_create_draft(
            actor=UserFactory(),
            enterprise=enterprise,
            product=longjing(),
            production_region=Region.objects.get(code="330106"),
            production_address="x",
            annual_output=Decimal(1),
            output_unit="kg",
            label_text="x",
        )


def test_missing_commitment_is_refused_and_changes_nothing():
    user, declaration = draft_declaration()
    with pytest.raises(ValidationError) as error:
        declaration_submit(actor=user, declaration=declaration, commitment_accepted=False)
    assert "commitment" in error.value.message_dict["commitment_accepted"][0]
    declaration = Declaration.objects.get(pk=declaration.pk)
    assert declaration.status == Declaration.Status.DRAFT and declaration.reference is None


def test_missing_attachments_are_named():
    user, declaration = draft_declaration(with_attachments=False)
    declaration_attach(actor=user, declaration=declaration, kind="business_licence", uploaded_file=pdf_file())
    with pytest.raises(ValidationError) as error:
        declaration_submit(actor=user, declaration=declaration, commitment_accepted=True)
    assert "product inspection report" in error.value.messages[0] and "label proof" in error.value.messages[0]


@pytest.mark.parametrize(
    ("uploaded", "expected"),
    [
        (SimpleUploadedFile("virus.pdf", b"MZ\x90\x00" + b"\x00" * 100), "not a real PDF file"),
        (SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (11 * 1024 * 1024)), "the limit is 10 MB"),
        (SimpleUploadedFile("tool.exe", b"MZ\x90\x00"), "only PDF、JPEG、PNG files are accepted"),
        (SimpleUploadedFile("empty.png", b""), "is empty"),
    ],
    ids=["exe-renamed-pdf", "11-MB", "exe", "empty"],
)
def test_bad_files_are_refused_with_a_clear_message_and_nothing_is_stored(uploaded, expected, tmp_path):
    user, declaration = draft_declaration(with_attachments=False)
    with pytest.raises(ValidationError) as error:
        declaration_attach(actor=user, declaration=declaration, kind="business_licence", uploaded_file=uploaded)
    assert expected in error.value.messages[0]
    assert not DeclarationAttachment.objects.exists()
    assert not any(path.is_file() for path in tmp_path.rglob("*"))


def test_files_are_stored_under_random_names_with_their_hash():
    _user, declaration = draft_declaration()
    attachment = declaration.attachments.get(kind="business_licence")
    assert attachment.original_name == "licence.pdf"
    assert "licence" not in attachment.file.name and attachment.file.name.startswith("declarations/")
    import hashlib

    assert attachment.sha256 == hashlib.sha256(attachment.file.read()).hexdigest()


def test_withdraw_ends_the_authorisation_and_a_second_withdraw_is_refused():
    user, declaration = draft_declaration()
    declaration = declaration_submit(actor=user, declaration=declaration, commitment_accepted=True)
    declaration = declaration_withdraw(actor=user, declaration=declaration, reason="停产")
    assert declaration.status == Declaration.Status.WITHDRAWN and not declaration.is_authorised
    with pytest.raises(TransitionNotAllowed):
        declaration_withdraw(actor=user, declaration=declaration)
    assert AuditEvent.objects.filter(action="declaration.withdraw").count() == 1


@pytest.mark.parametrize("first_state", ["draft", "published", "suspended"])
def test_a_second_active_declaration_for_the_same_product_is_refused_naming_the_first(first_state):
    user, first = draft_declaration()
    if first_state != "draft":
        first = declaration_submit(actor=user, declaration=first, commitment_accepted=True)
    if first_state == "suspended":
        Declaration.objects.filter(pk=first.pk).update(status="suspended")
        first.refresh_from_db()
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as error:
        draft_declaration(user=user, enterprise=first.enterprise, product=first.product, with_attachments=False)
    message = error.value.message_dict["product"][0]
    assert str(first) in message and first.get_status_display() in message and "西湖龙井" in message
    assert "one active declaration per product" in message
    assert Declaration.objects.count() == 1 and AuditEvent.objects.count() == events


def test_the_refusal_reads_in_chinese():
    user, first = draft_declaration()
    first = declaration_submit(actor=user, declaration=first, commitment_accepted=True)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        draft_declaration(user=user, enterprise=first.enterprise, product=first.product, with_attachments=False)
    message = error.value.message_dict["product"][0]
    assert first.reference in message and "（已公示）" in message
    assert "只能有一份有效的自我声明" in message


def test_after_withdrawal_or_revocation_the_enterprise_may_declare_again():
    user, first = draft_declaration()
    declaration_withdraw(actor=user, declaration=first, reason="重新申报")
    _user, second = draft_declaration(user=user, enterprise=first.enterprise, product=first.product)
    Declaration.objects.filter(pk=second.pk).update(status="revoked")
    _user, third = draft_declaration(user=user, enterprise=first.enterprise, product=first.product)
    assert third.status == "draft"


def test_another_enterprise_may_declare_the_same_product():
    _user, first = draft_declaration()
    _other_user, other = draft_declaration()
    assert other.enterprise != first.enterprise and other.product == first.product
