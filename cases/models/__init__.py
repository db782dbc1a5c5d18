from .declarations import Declaration, DeclarationAttachment
from .products import ProductCategory, ProtectedProduct
from .sequences import ReferenceSequence, next_in_sequence
from .supervision import CheckEvidence, ConflictOfInterest, SupervisionCampaign, SupervisionCheck
from .usage_reports import UsageReport

__all__ = [
    "CheckEvidence",
    "ConflictOfInterest",
    "Declaration",
    "DeclarationAttachment",
    "ProductCategory",
    "ProtectedProduct",
    "ReferenceSequence",
    "SupervisionCampaign",
    "SupervisionCheck",
    "UsageReport",
    "next_in_sequence",
]
