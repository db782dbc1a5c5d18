"""Reads on self-declarations: the producer's, the staff's, the public register's, the history
the producer sees and who may download an attachment."""

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise

from organizations.selectors import enterprises_of, is_staff_member, region_code_filter

from ..common.history import HistoryEntry, visible_history
from ..common.pinyin import normalize_query
from ..models import Declaration, DeclarationAttachment, ProtectedProduct
from ..usage_reports.choices import UsageReportAction
from .choices import DeclarationAction


def declarations_of_producer(user) -> QuerySet[Declaration]:
    """The declarations of every enterprise the user acts for."""
    return (
        Declaration.objects.filter(enterprise__in=enterprises_of(user))
        .select_related("enterprise", "product", "production_region")
        .order_by("-created_at")
    )


def declaration_for_producer(user, pk: int) -> Declaration:
    """One of the user's declarations; Declaration.DoesNotExist for anything else (→ 404)."""
    return declarations_of_producer(user).get(pk=pk)


def declarations_visible_to(user) -> QuerySet[Declaration]:
    """Staff: the declarations of production sites inside their jurisdiction; drafts stay with
    the producer (the same rule as the attachments, declaration_attachments_visible_to)."""
    if not user.is_authenticated:
        return Declaration.objects.none()
    return (
        Declaration.objects.exclude(status=Declaration.Status.DRAFT)
        .filter(region_code_filter(user, "production_region__code"))
        .select_related("enterprise", "product", "production_region")
        .order_by("-declared_at", "-pk")
    )


def declaration_by_verification_token(token: str) -> Declaration | None:
    """The declaration a QR code points to; None for an unknown token or a draft."""
    if not token or len(token) > 64:
        return None
    return (
        Declaration.objects.select_related("enterprise", "product", "product__province")
        .exclude(status=Declaration.Status.DRAFT)
        .filter(verification_token=token)
        .first()
    )


def authorised_users_public(
    *, query: str = "", province_code: str = "", product_query: str = "", product=None
) -> QuerySet[Declaration]:
    """合法使用人名录: declarations under which the mark may be used today, newest first."""
    declarations = Declaration.objects.filter(status__in=Declaration.AUTHORISED_STATES).select_related(
        "enterprise", "product", "production_region"
    )
    if product is not None:
        declarations = declarations.filter(product=product)
    query = query.strip()
    if query:
        # A full credit code finds one enterprise exactly; anything else searches names.
        declarations = declarations.filter(
            Q(enterprise__name__icontains=query) | Q(enterprise__credit_code=query.upper())
        )
    if province_code:
        declarations = declarations.filter(production_region__code__startswith=province_code[:2])
    product_query = product_query.strip()
    if product_query:
        # The products first (a few thousand rows, trigram indexes), then their declarations by id:
        # joined instead, PostgreSQL scanned every declaration to count a popular name's (issue 9).
        products = ProtectedProduct.objects.filter(
            Q(name__icontains=product_query) | Q(name_pinyin__contains=normalize_query(product_query))
        )
        declarations = declarations.filter(product_id__in=list(products.values_list("pk", flat=True)))
    return declarations.order_by("-declared_at", "-pk")


def revocations_public() -> QuerySet[Declaration]:
    """Published revocations: who lost the right to the mark, when and why."""
    return (
        Declaration.objects.filter(status=Declaration.Status.REVOKED)
        .select_related("enterprise", "product", "production_region")
        .order_by("-closed_at", "-pk")
    )


class Verdict:
    """What the verification page and the API answer, one word each."""

    AUTHORISED = "authorised"
    SUSPENDED = "suspended"
    REVOKED = "revoked"
    WITHDRAWN = "withdrawn"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class VerificationAnswer:
    verdict: str
    declaration: Declaration | None
    # The day the authorisation ended (revoked or withdrawn); None otherwise.
    ended_on: datetime.date | None = None

    @property
    def may_use_mark(self) -> bool:
        return self.verdict == Verdict.AUTHORISED


def verification_answer(token: str) -> VerificationAnswer:
    """May this enterprise use the GI mark on this product today? Read at the moment of asking."""
    declaration = declaration_by_verification_token(token)
    if declaration is None:
        return VerificationAnswer(Verdict.NOT_FOUND, None)
    if declaration.is_authorised:
        return VerificationAnswer(Verdict.AUTHORISED, declaration)
    ended_on = timezone.localdate(declaration.closed_at) if declaration.closed_at else None
    verdict = {
        Declaration.Status.REVOKED: Verdict.REVOKED,
        Declaration.Status.WITHDRAWN: Verdict.WITHDRAWN,
    }.get(declaration.status, Verdict.SUSPENDED)
    return VerificationAnswer(verdict, declaration, ended_on)


def declaration_attachments_visible_to(user) -> QuerySet[DeclarationAttachment]:
    """The producer who declared, and staff who see the declaration (declarations_visible_to: their
    jurisdiction covers the production region, and it was submitted; a draft is the producer's own):
    the one rule for the download, the preview and the materials panel (anyone else: 404)."""
    allowed = Q(declaration__enterprise__in=enterprises_of(user))
    if is_staff_member(user):
        allowed |= region_code_filter(user, "declaration__production_region__code") & ~Q(
            declaration__status=Declaration.Status.DRAFT
        )
    return DeclarationAttachment.objects.filter(allowed)


# The actions the producer sees in their declaration's history, and whether the comment is meant
# for them; the labels are the actions' own. The others — a proposal of suspension, a rejected
# proposal — are the bureau's internal business.
PRODUCER_VISIBLE: dict[DeclarationAction | UsageReportAction, bool] = {
    DeclarationAction.CREATE: False,
    DeclarationAction.ATTACH: False,
    DeclarationAction.SUBMIT: False,
    DeclarationAction.IN_PROCESS_CHECK_OK: False,
    DeclarationAction.IN_PROCESS_CHECK_CORRECTION: True,
    DeclarationAction.RESUBMIT: True,
    DeclarationAction.SUSPENSION_APPROVE: True,
    DeclarationAction.WITHDRAW: True,
    DeclarationAction.START_CHECK: False,
    DeclarationAction.CHECK_COMPLIANT: False,
    DeclarationAction.CHECK_RECTIFICATION: True,
    DeclarationAction.REVOKE: True,
    UsageReportAction.SUBMIT: False,
}

# action → (label, whether its comment is meant for the producer).
PRODUCER_VISIBLE_ACTIONS: dict[str, tuple[str | Promise, bool]] = {
    str(action): (action.label, public) for action, public in PRODUCER_VISIBLE.items()
}


def producer_history(declaration: Declaration) -> list[HistoryEntry]:
    """The history of a declaration as its producer sees it: plain labels, no internal steps or notes."""
    return visible_history(declaration, PRODUCER_VISIBLE_ACTIONS, Declaration.Status.choices)
