from .applications import (
    Application,
    ApplicationAttachment,
    ExpertOpinion,
    Purpose,
    Regime,
)
from .declarations import Declaration, DeclarationAttachment
from .enforcement import CaseEvidence, CaseExtension, CaseOfficer, EnforcementCase, ViolationType
from .objections import Objection, ObjectionEvidence
from .product_revocations import ProductRevocation
from .products import ProductCategory, ProtectedProduct
from .register_imports import RegisterImport
from .sequences import ReferenceSequence, next_in_sequence, reserve_in_sequence
from .supervision import CheckEvidence, ConflictOfInterest, RectificationReport, SupervisionCampaign, SupervisionCheck
from .usage_reports import UsageReport

__all__ = [
    "Application",
    "ApplicationAttachment",
    "CaseEvidence",
    "CaseExtension",
    "CaseOfficer",
    "CheckEvidence",
    "ConflictOfInterest",
    "Declaration",
    "DeclarationAttachment",
    "EnforcementCase",
    "ExpertOpinion",
    "Objection",
    "ObjectionEvidence",
    "ProductCategory",
    "ProductRevocation",
    "ProtectedProduct",
    "Purpose",
    "RectificationReport",
    "ReferenceSequence",
    "Regime",
    "RegisterImport",
    "SupervisionCampaign",
    "SupervisionCheck",
    "UsageReport",
    "ViolationType",
    "next_in_sequence",
    "reserve_in_sequence",
]
