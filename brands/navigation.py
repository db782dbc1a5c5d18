"""The brand evaluation entry of the staff menu (workflows.navigation), added by this app's ready()."""

from django.urls import reverse
from django.utils.translation import gettext as _

from organizations.models import Department
from workflows.navigation import MenuItem

from .services import ORGANISERS
from .stages import EVALUATOR, EXPERTS, REGISTER_KEEPER

# The bodies that work on rounds besides the provincial bureaus, which recommend.
_BODIES = {*ORGANISERS, EVALUATOR, EXPERTS, REGISTER_KEEPER}


def brands_link(user, memberships) -> MenuItem | None:
    uses = user.is_superuser or any(
        membership.department.code in _BODIES or membership.department.kind == Department.Kind.PROVINCIAL_BUREAU
        for membership in memberships
    )
    return MenuItem(_("Brand evaluation"), reverse("brands:list")) if uses else None
