"""The bureau's in-process check (事中检查) of a published declaration, and its lead's decision
on a proposed suspension. The proposal is a fact on the declaration (suspension_proposed): the
check sets it, the decision requires and clears it, the flow's switch reads it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Expression, Value
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_record
from audit.transactions import one_door_atomic
from organizations.models import Department
from organizations.selectors import holds_permission_at_bureau_column, holds_permission_at_bureau_of

from ...models import Declaration
from ..choices import IN_PROCESS_CHECK_ACTIONS, DeclarationAction, InProcessOutcome
from ..notices import tell_producer
from .drafts import lock_declaration


def checking_bureau(declaration: Declaration):
    """The county (or city) bureau of the production region does the in-process check."""
    # By the region's id: declaration.production_region would load the region for nothing.
    return Department.objects.get(region_id=declaration.production_region_id)


def _ensure_role(actor: User, role_permission: str, declaration: Declaration) -> None:
    """The actor holds the role at the checking bureau: one query, the bureau found inside it and
    loaded only to name it in a refusal."""
    holds = actor.is_superuser or holds_permission_at_bureau_of(
        actor, f"organizations.{role_permission}", region_id=declaration.production_region_id
    )
    if not holds:
        department = checking_bureau(declaration)
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.name})


def _locked_for_role(actor: User, role_permission: str, declaration: Declaration) -> Declaration:
    """lock_declaration and _ensure_role in one query: the grant is a column of the locked read
    (ADR 0059)."""
    holds: Expression
    if actor.is_superuser:
        holds = Value(True)
    else:
        quote = connection.ops.quote_name
        region = f"{quote(Declaration._meta.db_table)}.{quote('production_region_id')}"
        holds = holds_permission_at_bureau_column(actor, f"organizations.{role_permission}", region_column=region)
    # Only the declaration's row is locked: lock_declaration's select_related would lock the product
    # and the enterprise too, which every check of that product shares (the hot row of ADR 0059).
    locked = (
        Declaration.objects.select_for_update(of=("self",))
        .select_related("enterprise", "product")
        .annotate(actor_holds_role=holds)
        .get(pk=declaration.pk)
    )
    if not locked.actor_holds_role:  # type: ignore[attr-defined]
        department = checking_bureau(locked)
        raise PermissionDenied(_("This step belongs to %(department)s.") % {"department": department.name})
    return locked


@one_door_atomic  # no savepoint when the caller rolls back everything on error (ADR 0059)
def declaration_check_in_process(
    *, actor: User, declaration: Declaration, outcome: str, comment: str = ""
) -> Declaration:
    """The bureau looked over a new declaration: fine, ask for a correction, or propose suspension."""
    declaration = _locked_for_role(actor, "work_as_staff", declaration)
    if outcome in (InProcessOutcome.CORRECTION, InProcessOutcome.PROPOSE_SUSPENSION) and not comment.strip():
        raise ValidationError({"comment": _("Say what must be corrected or why suspension is proposed.")})
    if outcome not in IN_PROCESS_CHECK_ACTIONS:
        raise ValidationError(_("Unknown outcome."))
    before = declaration.status
    proposed = outcome == InProcessOutcome.PROPOSE_SUSPENSION
    if outcome == InProcessOutcome.CORRECTION:
        declaration.request_correction()
        declaration.suspension_proposed = False
        declaration.save()
    elif declaration.suspension_proposed != proposed:
        # Written only when it changes: a check with nothing to correct writes nothing.
        declaration.suspension_proposed = proposed
        Declaration.objects.filter(pk=declaration.pk).update(suspension_proposed=proposed)
    audit_record(
        actor=actor,
        action=IN_PROCESS_CHECK_ACTIONS[outcome],
        target=declaration,
        from_state=before,
        to_state=declaration.status,
        comment=comment,
    )
    if outcome == InProcessOutcome.CORRECTION:
        tell_producer(declaration, "correction_requested", reason=comment)
    return declaration


@transaction.atomic
def declaration_decide_suspension(
    *, actor: User, declaration: Declaration, approve: bool, comment: str = ""
) -> Declaration:
    """The bureau's lead approves or rejects the suspension its in-process check proposed."""
    declaration = lock_declaration(declaration)
    _ensure_role(actor, "work_as_lead", declaration)
    if not declaration.suspension_proposed:
        raise ValidationError(_("No suspension of this declaration was proposed."))
    before = declaration.status
    if approve:
        declaration.suspend()
    declaration.suspension_proposed = False
    declaration.save()
    audit_record(
        actor=actor,
        action=DeclarationAction.SUSPENSION_APPROVE if approve else DeclarationAction.SUSPENSION_REJECT,
        target=declaration,
        from_state=before,
        to_state=declaration.status,
        comment=comment,
    )
    if approve:
        tell_producer(declaration, "suspended", reason=comment)
    return declaration
