"""The staff menu's 乡村振兴 entry (workflows.navigation), added by this app's ready(): for the
计财司 and the provincial, city and county bureaus, who enter and follow the work."""

from django.urls import reverse
from django.utils.translation import gettext as _

from workflows.navigation import MenuItem

from .selectors import JCS


def rural_link(user, memberships) -> MenuItem | None:
    if not (user.is_superuser or any(m.department.code == JCS or m.department.region_id for m in memberships)):
        return None
    return MenuItem(
        _("Rural revitalisation"),
        children=[
            MenuItem(_("Projects"), reverse("rural:projects")),
            MenuItem(_("Measures"), reverse("rural:measures")),
            MenuItem(_("Effects"), reverse("rural:effects")),
            MenuItem(_("Aid regions"), reverse("rural:designations")),
        ],
    )
