"""Reads on uploaded files: who may download which (None → the page answers 404)."""

from django.db.models import Q

from organizations.selectors import enterprises_of, is_staff_member, region_code_filter

from ..models import CheckEvidence, DeclarationAttachment


def declaration_attachment_visible_to(user, pk: int) -> DeclarationAttachment | None:
    """The producer who declared, and staff whose jurisdiction covers the production region."""
    allowed = Q(declaration__enterprise__in=enterprises_of(user))
    if is_staff_member(user):
        allowed |= region_code_filter(user, "declaration__production_region__code")
    return DeclarationAttachment.objects.filter(allowed, pk=pk).first()


def check_evidence_visible_to(user, pk: int) -> CheckEvidence | None:
    """Staff whose jurisdiction covers the checked production site; producers never (inspectors' files)."""
    if not is_staff_member(user):
        return None
    return (
        CheckEvidence.objects.filter(region_code_filter(user, "check_record__declaration__production_region__code"))
        .filter(pk=pk)
        .first()
    )
