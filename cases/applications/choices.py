"""The audit actions of a protection application and the outcomes its deciders choose from."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.actions import register


@register
class ApplicationAction(models.TextChoices):
    CREATE = "application.create", _("Draft created")
    # Written by the removed application_update; old chains still hold it.
    UPDATE = "application.update", _("Draft edited")
    ATTACH = "application.attach", _("Material attached")
    EDIT_DRAFT = "application.edit_draft", _("Draft changed")
    SUBMIT = "application.submit", _("Submitted to the provincial bureau")
    RESUBMIT = "application.resubmit", _("Supplement sent")
    WITHDRAW = "application.withdraw", _("Withdrawn")
    PRELIMINARY_ACCEPT = "application.preliminary.accept", _("Preliminary examination passed; forwarded")
    PRELIMINARY_SUPPLEMENT = "application.preliminary.supplement", _("Supplement requested")
    PRELIMINARY_REJECT = "application.preliminary.reject", _("Rejection proposed at the preliminary examination")
    FORMAL_ACCEPT = "application.formal.accept", _("Formal examination passed")
    FORMAL_DEFECT = "application.formal.defect", _("Defect notice issued")
    FORMAL_REJECT = "application.formal.reject", _("Rejection proposed at the formal examination")
    REJECTION_APPROVE = "application.rejection.approve", _("Rejected")
    REJECTION_REFUSE = "application.rejection.refuse", _("Proposed rejection refused; back to the stage")
    ANNOUNCEMENT_APPROVE = "application.announcement.approve", _("Announced; objection window opened")
    ANNOUNCEMENT_RETURN = "application.announcement.return", _("Announcement returned")
    OBJECTION_WINDOW_CLOSE = "application.objection_window.close", _("Objection window closed")
    OBJECTION_WINDOW_MOVE = "application.objection_window.move", _("Closing date of the objection window recomputed")
    OBJECTIONS_PROCEED = "application.objections.proceed", _("Objections handled; the application proceeds")
    OBJECTIONS_RETURN = "application.objections.return", _("Returned after a sustained objection")
    OBJECTIONS_REJECT = "application.objections.reject", _("Rejected after a sustained objection")
    REVIEW_CONVENE = "application.review.convene", _("Technical review convened")
    REVIEW_OPINION = "application.review.opinion", _("Expert opinion given")
    REVIEW_PASS = "application.review.pass", _("Technical review passed")
    REVIEW_REJECT = "application.review.reject", _("Technical review: rejection proposed")
    APPROVAL_APPROVE = "application.approval.approve", _("Protection approved")
    APPROVAL_RETURN = "application.approval.return", _("Approval returned")

    @classmethod
    def of(cls, step: str) -> "ApplicationAction":
        """The action of a step named by its outcome, e.g. of("preliminary.accept")."""
        return cls(f"application.{step}")


# What the applicant writes in an application (the form's fields and the services' keywords).
CONTENT_FIELDS = (
    "regime",
    "product_name",
    "category",
    "quality_characteristics",
    "area_link",
    "production_specification",
    "reputation_history",
    "proposed_standard",
)


class Outcome:
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"
    DEFECT = "defect"
    REJECT = "reject"


class ObjectionOutcome:
    PROCEED = "proceed"
    RETURN = "return"
    REJECT = "reject"


class ReviewOutcome:
    MEETS_CONDITIONS = "pass"
    REJECT = "reject"
