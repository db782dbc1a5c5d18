from .products import ProductCategory, ProtectedProduct

__all__ = ["ProductCategory", "ProtectedProduct"]
