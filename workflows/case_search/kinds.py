"""The kinds of casework the 案件 search reads, one query each: who may see which case (the kind's
own visibility selector, the one its flow and pages use), what a search matches, what "open"
means, and what a row shows and links to.

A kind's cases come newest first, by the moment the case began (`opened`): the search merges the
kinds on it (selectors.search_cases). An exact number comes before everything else on the first
page, and is left out of the pages after it.
"""

import datetime
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Case, CharField, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import Cast, Coalesce
from django.urls import reverse
from django.utils.functional import Promise
from viewflow.workflow.models import Process
from viewflow.workflow.status import PROCESS

from audit.models import AuditEvent
from cases.applications.selectors import applications_visible_to
from cases.declarations.selectors import declarations_visible_to
from cases.enforcement.selectors import enforcement_cases_visible_to
from cases.models import (
    Application,
    Declaration,
    EnforcementCase,
    Objection,
    ProductRevocation,
    ProtectedProduct,
    SupervisionCheck,
)
from organizations.models import Department

from ..applications.flows import ApplicationFlow
from ..declarations.flows import DeclarationFlow
from ..enforcement.flows import EnforcementCaseFlow
from ..products.flows import ProductRevocationFlow
from ..supervision.flows import SupervisionCheckFlow

# The column a kind's cases are ordered by, as an annotation (a check's own `opened_at` is taken).
OPENED = "search_opened"


def _under(path: str, condition: Q) -> Q:
    """The condition on a related object, asked of a case that leads to it by `path`."""
    moved = Q()
    moved.connector, moved.negated = condition.connector, condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            moved.children.append(_under(path, child))
        else:
            lookup, value = child  # type: ignore[misc]  # a Q's leaves are (lookup, value) pairs
            moved.children.append((f"{path}__{lookup}", value))
    return moved


@dataclass(frozen=True)
class Named:
    """The enterprises (or products) a text names. Few: their ids, which the cases' indexes
    answer. Many (a word of every company's name): the condition itself, checked on each case's
    own enterprise as the case is read, newest first; so many match that a page fills at once."""

    ids: list[int] | None = None
    condition: Q | None = None

    def of(self, path: str) -> Q:
        """The cases whose `path` ("applicant", "declaration__enterprise") is one of them."""
        if self.ids is not None:
            return Q(**{f"{path}__in": self.ids})
        if self.condition is not None:
            return _under(path, self.condition)
        return Q(pk__in=[])


@dataclass(frozen=True)
class Criteria:
    """What the person asked, worked out once for every kind (selectors.criteria_for)."""

    text: str = ""
    # The numbers that count as exact (the text as typed and in capitals); empty when the text
    # cannot be a whole number.
    exact_numbers: tuple[str, ...] = ()
    # "CC-AMR-330000-2026-001 #3": a campaign's reference and a check's place in its draw.
    check_number: tuple[str, int] | None = None
    credit_code: str = ""
    enterprises: Named = Named()
    products: Named = Named()
    status: str = ""
    open_only: bool = False


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the last row's opening moment, kind and id (newest first)."""

    opened: datetime.datetime
    rank: int
    pk: int

    def after(self, kind: "CaseKind") -> Q:
        """The kind's cases that come after the cursor in the merged order (opened, rank, pk)."""
        before = Q(**{f"{OPENED}__lt": self.opened})
        same = Q(**{OPENED: self.opened})
        if kind.rank < self.rank:
            return before | same
        if kind.rank == self.rank:
            return before | (same & Q(pk__lt=self.pk))
        return before


@dataclass
class CaseRow:
    """One line of the results, in words."""

    kind: "CaseKind"
    pk: int
    number: str
    party: str
    product: str
    status: str
    opened: datetime.datetime
    url: str
    bureau: Department | None
    last_change: datetime.datetime
    exact: bool = False

    @property
    def sort_key(self) -> tuple:
        return (self.opened, self.kind.rank, self.pk)


_BUREAUS = (Department.Kind.PROVINCIAL_BUREAU, Department.Kind.CITY_BUREAU, Department.Kind.COUNTY_BUREAU)


@dataclass(frozen=True)
class BureauSource:
    """Where a row's bureau comes from, read in the kind's own query: a relation of the case, or
    the bureau of one of its regions, or a national department."""

    relation: str = ""  # "bureau", "campaign__organiser"
    region: str = ""  # "province_id": the bureau of the application's province
    national: str = ""  # "FGS"

    def read(self, cases: QuerySet) -> QuerySet:
        if self.relation:
            return cases.select_related(self.relation)
        if self.region:
            departments = Department.objects.filter(region_id=OuterRef(self.region), kind__in=_BUREAUS)
        else:
            departments = Department.objects.filter(code=self.national)
        return cases.annotate(
            search_bureau=Subquery(departments.values("name")[:1]),
            search_bureau_en=Subquery(departments.values("name_en")[:1]),
        )

    def of(self, case) -> Department | None:
        if self.relation:
            bureau = case
            for part in self.relation.split("__"):
                bureau = getattr(bureau, part)
            return bureau
        name = getattr(case, "search_bureau", None)
        # A department only to be named (display_name: its English name in English).
        return Department(name=name, name_en=case.search_bureau_en or "") if name else None


def _process_of(flow_class, model) -> QuerySet[Process]:
    """The case's processes of its flow, by the artifact index (content type and id)."""
    return Process.objects.filter(
        flow_class=flow_class,
        artifact_content_type=ContentType.objects.get_for_model(model),
        artifact_object_id=OuterRef("pk"),
    )


class CaseKind:
    code: ClassVar[str]
    rank: ClassVar[int]  # breaks ties between kinds at the same moment
    model: ClassVar[type[models.Model]]
    flow_class: ClassVar[Any] = None  # the flow whose unfinished process makes a case open
    number_field: ClassVar[str] = "reference"
    bureau: ClassVar[BureauSource]
    opened: ClassVar[Any] = F("created_at")  # when the case began: the order of the list

    @property
    def label(self) -> str | Promise:
        return self.model._meta.verbose_name or ""

    def status_choices(self) -> list[tuple[str, Any]]:
        return list(getattr(self.model._meta.get_field("status"), "choices", None) or [])

    def visible(self, user) -> QuerySet:
        raise NotImplementedError

    def matching(self, criteria: Criteria) -> Q:
        raise NotImplementedError

    def exact(self, criteria: Criteria) -> Q | None:
        if not criteria.exact_numbers:
            return None
        return Q(**{f"{self.number_field}__in": criteria.exact_numbers})

    def open(self) -> Q:
        """Open: the case's process has not ended (whatever step it waits at, whoever must act)."""
        return Q(Exists(_process_of(self.flow_class, self.model).filter(status=PROCESS.NEW)))

    def with_row_data(self, cases: QuerySet) -> QuerySet:
        return cases

    def row(self, case) -> CaseRow:
        raise NotImplementedError

    def _with_page_columns(self, cases: QuerySet) -> QuerySet:
        """What each row shows besides the case, read in the same query: its last change (the time
        of its latest audit event) and its bureau. Correlated subqueries, which PostgreSQL runs
        for the rows of the page only (after the sort and the limit)."""
        latest_event = AuditEvent.objects.filter(
            target_type_id=ContentType.objects.get_for_model(self.model).pk,
            target_id=Cast(OuterRef("pk"), CharField()),
        ).order_by("-sequence")
        cases = cases.annotate(search_last_change=Subquery(latest_event.values("occurred_at")[:1]))
        return self.bureau.read(cases)

    def cases(self, user, criteria: Criteria, *, after: Cursor | None, size: int) -> list[CaseRow]:
        """Up to size + 2 rows: the exact match (first page only), and one more than a page needs
        of the others, for the merge to know whether more follow."""
        cases = self.visible(user).annotate(**{OPENED: self.opened}).filter(**{f"{OPENED}__isnull": False})
        exact = self.exact(criteria)
        if criteria.text:
            cases = cases.filter(self.matching(criteria) | exact if exact is not None else self.matching(criteria))
        if criteria.status:
            cases = cases.filter(status=criteria.status)
        if criteria.open_only:
            cases = cases.filter(self.open())
        order = [f"-{OPENED}", "-pk"]
        if exact is not None and after is None:
            cases = cases.annotate(
                search_exact=Case(When(exact, then=Value(1)), default=Value(0), output_field=IntegerField())
            )
            order.insert(0, "-search_exact")
        elif exact is not None:
            cases = cases.exclude(exact)
        if after is not None:
            cases = cases.filter(after.after(self))
        cases = self._with_page_columns(self.with_row_data(cases))
        return [self.row(case) for case in cases.order_by(*order)[: size + 2]]

    def _row(self, case, *, number: str | None = None, **fields) -> CaseRow:
        opened = getattr(case, OPENED)
        return CaseRow(
            kind=self,
            pk=case.pk,
            number=number if number is not None else getattr(case, self.number_field) or "",
            status=str(case.get_status_display()),
            opened=opened,
            bureau=self.bureau.of(case),
            last_change=case.search_last_change or opened,  # no event yet: when it began
            exact=bool(getattr(case, "search_exact", 0)),
            **fields,
        )


def _process_page(flow_class, process_pk: int | None) -> str:
    return flow_class.instance.reverse("process_detail", args=[process_pk]) if process_pk else ""


class ApplicationKind(CaseKind):
    code = "application"
    rank = 6
    model = Application
    flow_class = ApplicationFlow
    bureau = BureauSource(region="province_id")

    def visible(self, user) -> QuerySet:
        # What the application's process shows: the province's bureaus, national bodies, the experts convened.
        return applications_visible_to(user, with_reviews=True)

    def matching(self, criteria: Criteria) -> Q:
        return (
            Q(reference__icontains=criteria.text)
            | Q(product_name__icontains=criteria.text)
            | criteria.enterprises.of("applicant")
            | criteria.products.of("product")
            | criteria.products.of("amends")
        )

    def row(self, case: Application) -> CaseRow:
        return self._row(
            case,
            party=case.applicant.name,
            product=case.product_name,
            url=reverse("applications:detail", args=[case.pk]),
        )


class ObjectionKind(CaseKind):
    """An objection is decided inside its application's process: open until it is decided."""

    code = "objection"
    rank = 5
    model = Objection
    bureau = BureauSource(national="FGS")  # 法规司 decides objections

    def visible(self, user) -> QuerySet:
        # Whoever may see the application objected to (as its evidence: objection_evidence_visible_to).
        return Objection.objects.filter(application__in=applications_visible_to(user, with_reviews=True).values("pk"))

    opened = F("received_at")

    def matching(self, criteria: Criteria) -> Q:
        codes = {criteria.text.upper(), criteria.credit_code} - {""}
        return (
            Q(reference__icontains=criteria.text)
            | Q(objector_name__icontains=criteria.text)
            | Q(objector_id_code__in=codes)
            | Q(application__product_name__icontains=criteria.text)
        )

    def open(self) -> Q:
        return ~Q(status__in=Objection.DECIDED_STATES)

    def with_row_data(self, cases: QuerySet) -> QuerySet:
        return cases.select_related("application")

    def row(self, case: Objection) -> CaseRow:
        return self._row(
            case,
            party=case.objector_name,
            product=case.application.product_name,
            url=reverse("applications:detail", args=[case.application_id]),
        )


class DeclarationKind(CaseKind):
    code = "declaration"
    rank = 4
    model = Declaration
    flow_class = DeclarationFlow
    bureau = BureauSource(region="production_region_id")  # the production site's

    def visible(self, user) -> QuerySet:
        return declarations_visible_to(user)  # drafts stay with the producer

    opened = F("declared_at")  # the register's index (declaration_declared_idx) is in this order

    def matching(self, criteria: Criteria) -> Q:
        return (
            Q(reference__icontains=criteria.text)
            | criteria.enterprises.of("enterprise")
            | criteria.products.of("product")
        )

    def with_row_data(self, cases: QuerySet) -> QuerySet:
        latest = _process_of(DeclarationFlow, Declaration).order_by("-pk").values("pk")[:1]
        return cases.select_related("enterprise", "product").annotate(search_process=Subquery(latest))

    def row(self, case: Declaration) -> CaseRow:
        return self._row(
            case,
            party=case.enterprise.name,
            product=case.product.display_name,
            url=_process_page(DeclarationFlow, case.search_process),  # type: ignore[attr-defined]  # annotation
        )


class SupervisionCheckKind(CaseKind):
    code = "check"
    rank = 3
    model = SupervisionCheck
    flow_class = SupervisionCheckFlow
    bureau = BureauSource(relation="campaign__organiser")

    def visible(self, user) -> QuerySet:
        return SupervisionCheckFlow.instance.visible_artifacts(user)

    # Opened by the worker just after the draw; until then, the moment of the draw.
    opened = Coalesce("opened_at", "campaign__drawn_at", "campaign__created_at")

    def matching(self, criteria: Criteria) -> Q:
        return (
            Q(campaign__reference__icontains=criteria.text)
            | Q(declaration__reference__icontains=criteria.text)
            | criteria.enterprises.of("declaration__enterprise")
            | criteria.products.of("declaration__product")
        )

    def exact(self, criteria: Criteria) -> Q | None:
        if criteria.check_number is None:
            return None
        reference, position = criteria.check_number
        return Q(campaign__reference=reference, draw_position=position)

    def open(self) -> Q:
        return Q(opened_at__isnull=True) | super().open()  # being opened counts as open

    def with_row_data(self, cases: QuerySet) -> QuerySet:
        latest = _process_of(SupervisionCheckFlow, SupervisionCheck).order_by("-pk").values("pk")[:1]
        return cases.select_related("campaign__organiser", "declaration__enterprise", "declaration__product").annotate(
            search_process=Subquery(latest)
        )

    def row(self, case: SupervisionCheck) -> CaseRow:
        return self._row(
            case,
            number=f"{case.campaign.reference} #{case.draw_position}",
            party=case.declaration.enterprise.name,
            product=case.declaration.product.display_name,
            url=_process_page(SupervisionCheckFlow, case.search_process),  # type: ignore[attr-defined]  # annotation
        )


class EnforcementKind(CaseKind):
    code = "enforcement"
    rank = 2
    model = EnforcementCase
    flow_class = EnforcementCaseFlow
    number_field = "number"
    bureau = BureauSource(relation="bureau")

    def visible(self, user) -> QuerySet:
        return enforcement_cases_visible_to(user)

    def matching(self, criteria: Criteria) -> Q:
        # Through the case's lists of enterprises and products, as a subquery: a join would repeat
        # a case once per enterprise that matches.
        named = criteria.enterprises.of("enterprises") | criteria.products.of("products")
        return (
            Q(number__icontains=criteria.text)
            | Q(party_description__icontains=criteria.text)
            | Q(pk__in=EnforcementCase.objects.filter(named).values("pk"))
        )

    def with_row_data(self, cases: QuerySet) -> QuerySet:
        # The first enterprise and product named on the case, without a query per row.
        enterprises = EnforcementCase.enterprises.through.objects.filter(enforcementcase_id=OuterRef("pk"))
        products = EnforcementCase.products.through.objects.filter(enforcementcase_id=OuterRef("pk"))
        return cases.annotate(
            search_party=Subquery(enterprises.order_by("enterprise__name").values("enterprise__name")[:1]),
            search_product=Subquery(products.order_by("protectedproduct__name").values("protectedproduct__name")[:1]),
            search_product_en=Subquery(
                products.order_by("protectedproduct__name").values("protectedproduct__name_en")[:1]
            ),
        )

    def row(self, case: EnforcementCase) -> CaseRow:
        return self._row(
            case,
            party=case.search_party or case.party_description,  # type: ignore[attr-defined]  # annotation
            product=ProtectedProduct(
                name=case.search_product or "",  # type: ignore[attr-defined]  # annotation
                name_en=case.search_product_en or "",  # type: ignore[attr-defined]  # annotation
            ).display_name,
            url=reverse("enforcement:detail", args=[case.pk]),
        )


class RevocationKind(CaseKind):
    code = "revocation"
    rank = 1
    model = ProductRevocation
    flow_class = ProductRevocationFlow
    bureau = BureauSource(national="KJS")  # 科技司 proposes and decides

    def visible(self, user) -> QuerySet:
        return ProductRevocationFlow.instance.visible_artifacts(user)

    opened = F("proposed_at")

    def matching(self, criteria: Criteria) -> Q:
        return (
            Q(reference__icontains=criteria.text)
            | criteria.products.of("product")
            | criteria.enterprises.of("product__application__applicant")
        )

    def with_row_data(self, cases: QuerySet) -> QuerySet:
        return cases.select_related("product__application__applicant")

    def row(self, case: ProductRevocation) -> CaseRow:
        application = getattr(case.product, "application", None)
        return self._row(
            case,
            party=application.applicant.name if application is not None else "",
            product=case.product.display_name,
            url=reverse("applications:product", args=[case.product_id]),  # its page shows the revocation
        )


KINDS: tuple[CaseKind, ...] = (
    ApplicationKind(),
    ObjectionKind(),
    DeclarationKind(),
    SupervisionCheckKind(),
    EnforcementKind(),
    RevocationKind(),
)
KIND_BY_CODE = {kind.code: kind for kind in KINDS}
