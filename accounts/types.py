"""Who acts in a service or an action."""

from typing import TypeAlias

from django.http import HttpRequest

from .models import User

# A person, or None for the system: the worker, a timer, the demo. The audit trail records None as
# audit.selectors.SYSTEM_ACTOR. A step only a person may take says `User`.
Actor: TypeAlias = User | None


class AuthenticatedHttpRequest(HttpRequest):
    """The request a view receives behind LoginRequiredMiddleware (every view not marked
    login_not_required): its user has signed in. An annotation only, never instantiated."""

    user: User
