from .applications import Application, ApplicationAttachment, ExpertOpinion, Objection, ObjectionEvidence, Regime
from .declarations import Declaration, DeclarationAttachment
from .products import ProductCategory, ProtectedProduct
from .sequences import ReferenceSequence, next_in_sequence
from .supervision import CheckEvidence, ConflictOfInterest, SupervisionCampaign, SupervisionCheck
from .usage_reports import UsageReport

__all__ = [
    "Application",
    "ApplicationAttachment",
    "CheckEvidence",
    "ConflictOfInterest",
    "Declaration",
    "DeclarationAttachment",
    "ExpertOpinion",
    "Objection",
    "ObjectionEvidence",
    "ProductCategory",
    "ProtectedProduct",
    "ReferenceSequence",
    "Regime",
    "SupervisionCampaign",
    "SupervisionCheck",
    "UsageReport",
    "next_in_sequence",
]
