"""What follows an action on an objection (ADR 0039): objections move by their own states, outside
the application's flow, so their next step is read from the objection's state; once it is decided,
the application's own next step follows."""

from django.utils.translation import gettext as _

from cases.models import Objection
from organizations.models import Department, Role

from ..what_follows import joined, what_follows


def _legal_affairs() -> str:
    return f"{Department.objects.get(code='FGS').display_name} {Role.STAFF.label}"


def objection_follows(objection: Objection, *, for_public: bool = False) -> str:
    objection = Objection.objects.select_related("application__applicant").get(pk=objection.pk)
    Status = Objection.Status
    if objection.status == Status.RECEIVED:
        return _("Next: whether the objection is admissible, by %(who)s.") % {"who": _legal_affairs()}
    if objection.status == Status.AWAITING_REPLY:
        applicant = objection.application.applicant.name
        return _("Next: the applicant's reply, by %(who)s.") % {
            "who": _("%(enterprise)s, in its portal") % {"enterprise": applicant}
        }
    if objection.status == Status.REPLIED:
        return _("Next: the decision on the objection, by %(who)s.") % {"who": _legal_affairs()}
    decided = _("The objection is settled: %(status)s.") % {"status": objection.get_status_display()}
    return joined(decided, what_follows(case=objection.application, for_public=for_public))
