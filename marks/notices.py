"""What the special-mark rules tell a producer: a usage report is due soon."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.declarations.notices import producer_accounts
from notifications.kinds import register_kind
from notifications.services import notify

from .models import UsageReportDue


def register_kinds() -> None:
    register_kind(
        "marks.usage_report_due",
        label=_("Reminder: an annual usage report is due"),
        subject_template="notifications/marks/subject.txt",
        body_template="notifications/marks/body.txt",
    )


def tell_usage_report_due(due: UsageReportDue) -> None:
    declaration = due.declaration
    notify(
        recipients=producer_accounts(declaration),
        kind="marks.usage_report_due",
        target=declaration,
        link=reverse("portal_declarations:usage_report", args=[declaration.pk]),
        context={
            "reference": declaration.reference,
            "product": declaration.product.name,
            "year": due.year,
            "due_on": due.due_on,
        },
    )
