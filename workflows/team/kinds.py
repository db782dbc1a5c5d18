"""The case files that carry a notes thread, who among the staff sees each, and its staff page."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import reverse

from cases.applications.selectors import applications_visible_to
from cases.enforcement.selectors import enforcement_cases_visible_to
from cases.models import Application, Declaration, EnforcementCase, ProductRevocation, SupervisionCheck
from organizations.selectors import is_staff_member

from ..applications.flows import ApplicationFlow
from ..declarations.flows import DeclarationFlow
from ..enforcement.flows import EnforcementCaseFlow
from ..products.flows import ProductRevocationFlow
from ..supervision.flows import SupervisionCheckFlow


@dataclass(frozen=True)
class NotedKind:
    slug: str  # in the notes' URL
    model: type[Model]
    flow_class: Any  # a TerroirFlow subclass (viewflow's classproperty `instance` is untyped)
    # The staff page's own rule where it has one; else the flow's (TerroirFlow.visible_artifacts).
    selector: Callable[..., QuerySet] | None = None
    # The staff page's address; else the case's process page.
    page: Callable[[Model], str] | None = None

    def visible_cases(self, user) -> QuerySet:
        if not (user.is_authenticated and is_staff_member(user)):
            return self.model._default_manager.none()
        if self.selector is not None:
            return self.selector(user)
        artifacts = self.flow_class.instance.visible_artifacts(user)
        return self.model._default_manager.all() if artifacts is None else artifacts

    def sees(self, user, case) -> bool:
        """A member of a body who may see this case: who may read and write its notes."""
        return self.visible_cases(user).filter(pk=case.pk).exists()

    def page_url(self, case) -> str:
        if self.page is not None:
            return self.page(case)
        flow_class = self.flow_class
        process = (
            flow_class.process_class.objects.filter(flow_class=flow_class, artifact_object_id=case.pk)
            .order_by("-pk")
            .first()
        )
        return flow_class.instance.reverse("process_detail", args=[process.pk]) if process else ""


NOTED_KINDS: tuple[NotedKind, ...] = (
    NotedKind(
        "enforcement",
        EnforcementCase,
        EnforcementCaseFlow,
        enforcement_cases_visible_to,
        lambda case: reverse("enforcement:detail", args=[case.pk]),
    ),
    NotedKind(
        "application",
        Application,
        ApplicationFlow,
        applications_visible_to,
        lambda case: reverse("applications:detail", args=[case.pk]),
    ),
    NotedKind("declaration", Declaration, DeclarationFlow),
    NotedKind("check", SupervisionCheck, SupervisionCheckFlow),
    NotedKind("revocation", ProductRevocation, ProductRevocationFlow),
)
_BY_SLUG = {kind.slug: kind for kind in NOTED_KINDS}
_BY_MODEL = {kind.model: kind for kind in NOTED_KINDS}


def noted_kind(slug: str) -> NotedKind | None:
    return _BY_SLUG.get(slug)


def noted_kind_of(case) -> NotedKind | None:
    return _BY_MODEL.get(type(case)) if case is not None else None


def case_page_url(case) -> str:
    """Where the staff read the case (the link of a notification, the page after an action)."""
    kind = noted_kind_of(case)
    if kind is not None:
        return kind.page_url(case)
    return case.get_absolute_url() if hasattr(case, "get_absolute_url") else ""  # a statistics report
