"""Reads on protection applications: who may see which, and their history for the applicant."""

from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet, Subquery
from django.utils.functional import Promise

from audit.selectors import audit_events_for
from organizations.models import Role
from organizations.selectors import enterprises_of, is_staff_member, region_code_filter

from ..common.history import HistoryEntry, StaffHistory, staff_history, visible_history
from ..models import Application, ApplicationAttachment, ExpertOpinion, Objection
from ..objections.choices import ObjectionAction
from .choices import ApplicationAction as A


def applications_of_applicant(user) -> QuerySet[Application]:
    return Application.objects.filter(applicant__in=enterprises_of(user)).select_related("applicant", "province")


def application_for_applicant(user, pk: int) -> Application:
    """Raises Application.DoesNotExist for someone else's application (the page answers 404)."""
    return applications_of_applicant(user).get(pk=pk)


def applications_visible_to(user, *, with_reviews: bool = False) -> QuerySet[Application]:
    """Staff: national bodies see every application, bureaus those of their province and below.
    Drafts stay with the applicant. with_reviews: also those the user is convened to review as an
    expert (what the application's process shows them)."""
    seen = Application.objects.exclude(status=Application.Status.DRAFT).filter(
        region_code_filter(user, "province__code")
    )
    if with_reviews:
        seen = Application.objects.filter(
            Q(pk__in=seen.values("pk")) | Q(pk__in=ExpertOpinion.objects.filter(expert=user).values("application_id"))
        )
    return seen.select_related("applicant", "province")


def application_attachments_visible_to(user) -> QuerySet[ApplicationAttachment]:
    """Whoever may see the application: the applicant body's accounts, staff whose jurisdiction
    covers its province (once submitted), and the experts convened to review it. The one rule for
    the download, the preview and the materials panel (cases.materials)."""
    allowed = Q(application__applicant__in=enterprises_of(user))
    if is_staff_member(user):
        allowed |= Q(application__in=applications_visible_to(user, with_reviews=True).values("pk"))
    return ApplicationAttachment.objects.filter(allowed)


def application_open_to_objections(token: str) -> Application | None:
    return (
        Application.objects.filter(public_token=token)
        .exclude(status__in=[Application.Status.DRAFT, Application.Status.WITHDRAWN])
        .exclude(objection_window_opens__isnull=True)
        .select_related("applicant", "province")
        .first()
    )


def eligible_experts():
    """Who may be convened to a technical review: active members of the expert committee."""
    return (
        get_user_model()
        .objects.filter(
            memberships__department__code="EXPERTS",
            memberships__role=Role.EXPERT,
            memberships__is_active=True,
            is_active=True,
        )
        .distinct()
        .order_by("full_name", "username")
    )


def review_opinions_of(user) -> QuerySet[ExpertOpinion]:
    """The expert's own opinions, newest review first."""
    return ExpertOpinion.objects.filter(expert=user).select_related("application").order_by("-pk")


# What the applicant's history shows: action → whether its comment is meant for the applicant.
APPLICANT_VISIBLE = {
    A.CREATE: False,
    A.EDIT_DRAFT: False,
    A.SUBMIT: False,
    A.PRELIMINARY_ACCEPT: False,
    A.PRELIMINARY_SUPPLEMENT: True,
    A.RESUBMIT: True,
    A.FORMAL_ACCEPT: False,
    A.FORMAL_DEFECT: True,
    A.ANNOUNCEMENT_APPROVE: False,
    A.OBJECTION_WINDOW_MOVE: False,
    A.OBJECTION_WINDOW_CLOSE: False,
    A.OBJECTIONS_PROCEED: True,
    A.OBJECTIONS_RETURN: True,
    A.OBJECTIONS_REJECT: True,
    A.REVIEW_PASS: False,
    A.REJECTION_APPROVE: True,
    A.APPROVAL_APPROVE: False,
    A.WITHDRAW: True,
}
APPLICANT_VISIBLE_ACTIONS: dict[str, tuple[str | Promise, bool]] = {
    action: (action.label, public) for action, public in APPLICANT_VISIBLE.items()
}


def application_staff_history(application: Application, *, everything: bool = False) -> StaffHistory:
    """The application's file in words for staff: its own events, and its objections' (recorded on
    the application, each with the objection's state)."""
    return staff_history(application, everything=everything, kind_states={ObjectionAction: Objection.Status.choices})


def applicant_history(application: Application) -> list[HistoryEntry]:
    return visible_history(application, APPLICANT_VISIBLE_ACTIONS, Application.Status.choices)


def announcements_public():
    """Every published announcement of an application, newest first, with its application."""
    from documents.models import Document

    from .announcements import PUBLIC_KINDS

    return Document.objects.filter(kind__in=PUBLIC_KINDS).order_by("-created_at", "-pk")


def announcement_public(pk: int):
    return announcements_public().filter(pk=pk).first()


def announcement_rows(documents) -> list[tuple]:
    """(document, its application or None, the product's name) per announcement: most are issued on
    an application, a revocation on the protected product itself (not an application's key)."""
    from django.contrib.contenttypes.models import ContentType

    from ..models import ProtectedProduct

    documents = list(documents)
    of = {model: ContentType.objects.get_for_model(model).pk for model in (Application, ProtectedProduct)}
    applications = Application.objects.select_related("applicant", "province").in_bulk(
        [d.target_id for d in documents if d.target_type_id == of[Application]]
    )
    products = ProtectedProduct.objects.in_bulk(
        [d.target_id for d in documents if d.target_type_id == of[ProtectedProduct]]
    )
    rows = []
    for document in documents:
        application = applications.get(document.target_id) if document.target_type_id == of[Application] else None
        product = products.get(document.target_id) if document.target_type_id == of[ProtectedProduct] else None
        name = application.product_name if application else (product.name if product else "")
        rows.append((document, application, name))
    return rows


@dataclass(frozen=True)
class ReviewTally:
    """The votes of the present round of the technical review, as the chair counts them."""

    opinions: list
    approve: int
    revise: int
    reject: int
    waiting: int

    @property
    def convened(self) -> int:
        return len(self.opinions)

    @property
    def in_favour(self) -> int:
        """Approve, and approve after revision: both are for protection."""
        return self.approve + self.revise

    @property
    def majority(self) -> bool:
        """More than half of the convened experts are in favour (the conclusion stays the chair's)."""
        return self.in_favour * 2 > self.convened


def review_tally(application: Application) -> ReviewTally | None:
    """The present round's opinions and their count; None before any expert is convened."""
    opinions = list(
        application.expert_opinions.filter(
            review_round=Subquery(
                ExpertOpinion.objects.filter(application=application)
                .order_by("-review_round")
                .values("review_round")[:1]
            )
        ).select_related("expert")
    )
    if not opinions:
        return None
    votes = Counter(opinion.vote for opinion in opinions if opinion.is_submitted)
    V = ExpertOpinion.Vote
    return ReviewTally(
        opinions=opinions,
        approve=votes[V.APPROVE],
        revise=votes[V.REVISE],
        reject=votes[V.REJECT],
        waiting=sum(1 for opinion in opinions if not opinion.is_submitted),
    )


@dataclass(frozen=True)
class ProposedRejection:
    by: str
    on: object
    reasons: str


def proposed_rejection(application: Application) -> ProposedRejection | None:
    """Who proposed the pending rejection, when, and their reasons (the comment of the step that
    proposed it: the applicant is told them if the lead confirms)."""
    if application.status != Application.Status.REJECTION_PROPOSED:
        return None
    event = audit_events_for(application).filter(to_state=Application.Status.REJECTION_PROPOSED).last()
    if event is None:
        return None
    return ProposedRejection(by=event.actor_label, on=event.occurred_at, reasons=event.comment)
