"""The demonstration zones' entry of the staff menu (workflows.navigation), added by ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.navigation import MenuItem


def zones_link(user, memberships) -> MenuItem | None:
    """For every staff member: a zone lies in some bureau's jurisdiction, and tours are everyone's."""
    if not memberships and not user.is_superuser:
        return None
    return MenuItem(_("Demonstration zones"), reverse("zones:list"))
