from .declarations import Declaration, DeclarationAttachment
from .products import ProductCategory, ProtectedProduct
from .sequences import ReferenceSequence, next_in_sequence

__all__ = [
    "Declaration",
    "DeclarationAttachment",
    "ProductCategory",
    "ProtectedProduct",
    "ReferenceSequence",
    "next_in_sequence",
]
