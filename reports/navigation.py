"""The statistics entries of the staff menu (workflows.navigation), added by this app's ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.models import Role
from workflows.navigation import MenuItem

from .dashboard import scope_of_leads


def statistics_link(user, memberships) -> MenuItem:
    return MenuItem(_("Statistics"), reverse("reports:list"))


def dashboard_link(user, memberships) -> MenuItem | None:
    """Only for those the dashboard shows something to: leads of a national or provincial body."""
    leads = [membership.department for membership in memberships if membership.role == Role.LEAD]
    if scope_of_leads(user, leads) is None:
        return None
    return MenuItem(_("Reports dashboard"), reverse("reports:dashboard"))
