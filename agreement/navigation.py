"""The agreement lists' entry of the staff menu (workflows.navigation), added by this app's ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.navigation import MenuItem


def agreement_link(user, memberships) -> MenuItem | None:
    """Only for the 国际司, whose lists they are."""
    if not (user.is_superuser or any(m.department.code == "GJS" for m in memberships)):
        return None
    return MenuItem(_("EU–China agreement"), reverse("agreement:list"))
