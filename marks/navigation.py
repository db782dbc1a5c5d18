"""The special marks' entry in the staff menu (workflows.navigation), added by this app's ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.models import Role
from workflows.navigation import MenuItem

# Who works with the marks: the bureaus' staff and leads keep the records and follow the usage
# reports; the statistics officer reads them for the form.
USING_ROLES = (Role.STAFF, Role.LEAD, Role.STATISTICS_OFFICER)


def uses_marks(user, memberships) -> bool:
    return user.is_superuser or any(membership.role in USING_ROLES for membership in memberships)


def marks_link(user, memberships) -> MenuItem | None:
    if not uses_marks(user, memberships):
        return None
    return MenuItem(
        _("Special marks"),
        children=[
            MenuItem(_("Printing and issuing"), reverse("marks:index")),
            MenuItem(_("Usage reports added up"), reverse("marks:usage")),
            MenuItem(_("Usage reports due"), reverse("marks:dues")),
        ],
    )
