from .declarations import Declaration, DeclarationAttachment
from .enforcement import CaseEvidence, CaseExtension, CaseOfficer, EnforcementCase, ViolationType
from .products import ProductCategory, ProtectedProduct
from .sequences import ReferenceSequence, next_in_sequence
from .supervision import CheckEvidence, ConflictOfInterest, SupervisionCampaign, SupervisionCheck
from .usage_reports import UsageReport

__all__ = [
    "CaseEvidence",
    "CaseExtension",
    "CaseOfficer",
    "CheckEvidence",
    "ConflictOfInterest",
    "Declaration",
    "DeclarationAttachment",
    "EnforcementCase",
    "ProductCategory",
    "ProtectedProduct",
    "ReferenceSequence",
    "SupervisionCampaign",
    "SupervisionCheck",
    "UsageReport",
    "ViolationType",
    "next_in_sequence",
]
