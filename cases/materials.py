"""A case's materials as a person reads them: what each file is, its name, size and upload time,
and the links to preview and download it (templates/includes/materials.html).

One selector per case kind reads every file of a case in a fixed number of queries, through the
same rules as the download and preview routes (each kind's *_visible_to queryset): the panel never
offers a link its reader would be refused.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Model
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .applications.selectors import application_attachments_visible_to
from .declarations.selectors import declaration_attachments_visible_to
from .enforcement.selectors import enforcement_evidence_files_visible_to
from .models import (
    Application,
    ApplicationAttachment,
    Declaration,
    DeclarationAttachment,
    EnforcementCase,
    ObjectionEvidence,
    SupervisionCheck,
)
from .objections.selectors import objection_evidence_files_visible_to
from .supervision.selectors import check_evidence_files_visible_to
from .uploads import can_preview


@dataclass(frozen=True)
class Material:
    label: str | Promise  # what the file is, in words: its kind's label, never a code
    name: str  # the name it was uploaded under (shown, never trusted for its type)
    size: int
    uploaded_at: datetime
    download_url: str
    preview_url: str | None  # None: a type the browser may not show in a tab; download only


@dataclass(frozen=True)
class MaterialGroup:
    title: str | Promise
    items: list[Material]
    anchor: str  # the group's element id, for a link from elsewhere on the page


def _material(stored, route: str, label: str | Promise, uploaded_at: datetime) -> Material:
    """route: the file's URL name in cases.file_urls; its preview is route + "_preview"."""
    return Material(
        label=label,
        name=stored.original_name,
        size=stored.size,
        uploaded_at=uploaded_at,
        download_url=reverse(route, args=[stored.pk]),
        preview_url=reverse(f"{route}_preview", args=[stored.pk]) if can_preview(stored.file_type) else None,
    )


def _application_files(attachments: Iterable[ApplicationAttachment]) -> list[Material]:
    return [_material(a, "files:application_attachment", a.get_kind_display(), a.uploaded_at) for a in attachments]


def _declaration_files(attachments: Iterable[DeclarationAttachment]) -> list[Material]:
    return [_material(a, "files:declaration_attachment", a.get_kind_display(), a.uploaded_at) for a in attachments]


def application_materials(user, application: Application) -> list[MaterialGroup]:
    """The application's documents, then each objection's evidence (those the user may open): two queries."""
    groups = [
        MaterialGroup(
            _("Application materials"),
            _application_files(application_attachments_visible_to(user).filter(application=application)),
            "materials-application",
        )
    ]
    evidence = (
        objection_evidence_files_visible_to(user)
        .filter(objection__application=application)
        .select_related("objection")
        .order_by("objection__received_at", "objection_id", "uploaded_at", "pk")
    )
    by_objection: dict[int, list[ObjectionEvidence]] = {}
    for file in evidence:
        by_objection.setdefault(file.objection_id, []).append(file)
    for files in by_objection.values():
        objection = files[0].objection
        groups.append(
            MaterialGroup(
                _("Evidence of objection %(reference)s (%(objector)s)")
                % {"reference": objection.reference, "objector": objection.objector_name},
                [_material(f, "files:objection_evidence", _("objection evidence"), f.uploaded_at) for f in files],
                f"materials-objection-{objection.pk}",
            )
        )
    return groups


def declaration_materials(user, declaration: Declaration) -> list[MaterialGroup]:
    """The declaration's documents: one query."""
    attachments = declaration_attachments_visible_to(user).filter(declaration=declaration)
    return [MaterialGroup(_("Declaration documents"), _declaration_files(attachments), "materials-declaration")]


def check_materials(user, check: SupervisionCheck) -> list[MaterialGroup]:
    """The inspectors' evidence, then the checked declaration's documents: two queries."""
    evidence = check_evidence_files_visible_to(user).filter(check_record=check).order_by("uploaded_at", "pk")
    label, reported = _("check evidence"), _("rectification evidence from the producer")
    attachments = declaration_attachments_visible_to(user).filter(declaration_id=check.declaration_id)
    return [
        MaterialGroup(
            _("Evidence of the check"),
            [
                _material(e, "files:check_evidence", reported if e.rectification_report_id else label, e.uploaded_at)
                for e in evidence
            ],
            "materials-check",
        ),
        MaterialGroup(_("Declaration documents"), _declaration_files(attachments), "materials-declaration"),
    ]


def enforcement_materials(user, case: EnforcementCase) -> list[MaterialGroup]:
    """The case's evidence items that have a file (paper ones are listed in the evidence register): one query."""
    evidence = enforcement_evidence_files_visible_to(user).filter(case=case)
    return [
        MaterialGroup(
            _("Evidence files"),
            [_material(e, "files:enforcement_evidence", e.get_kind_display(), e.collected_at) for e in evidence],
            "materials-evidence",
        )
    ]


SELECTORS: dict[type[Model], Callable[..., list[MaterialGroup]]] = {
    Application: application_materials,
    Declaration: declaration_materials,
    SupervisionCheck: check_materials,
    EnforcementCase: enforcement_materials,
}


def materials_of(user, case) -> list[MaterialGroup]:
    """The materials of a case of any kind ([] for a kind that has no files: a revocation, a report)."""
    selector = SELECTORS.get(type(case))
    return selector(user, case) if selector is not None and case is not None else []
