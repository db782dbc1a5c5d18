"""The promotion entry of the staff menu (workflows.navigation), added by this app's ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.models import Department, Role
from workflows.navigation import MenuItem

from .services import REGIONAL_BUREAUS, SITE_OFFICE

# National bodies that follow the programme: the 科技司 leads it, the 信息中心 runs the national site.
NATIONAL_READERS = ("KJS", SITE_OFFICE)
ROLES = (Role.STAFF, Role.LEAD, Role.STATISTICS_OFFICER)


def promotion_link(user, memberships) -> MenuItem | None:
    """For the bureaus that record (their staff, leads and statistics officers) and the national bodies
    that follow the programme; the national site's pages for provincial bureaus and those bodies."""
    mine = [m.department for m in memberships if m.role in ROLES]
    regional = [d for d in mine if d.kind in REGIONAL_BUREAUS]
    national = [d for d in mine if d.code in NATIONAL_READERS]
    if not (user.is_superuser or regional or national):
        return None
    children = [
        MenuItem(_("Publicity and training"), reverse("promotion:publicity")),
        MenuItem(_("Work plans"), reverse("promotion:plans")),
    ]
    if user.is_superuser or national or any(d.kind == Department.Kind.PROVINCIAL_BUREAU for d in regional):
        children.append(MenuItem(_("National site pages"), reverse("promotion:site_pages")))
    return MenuItem(_("Publicity and the national site"), children=children)
