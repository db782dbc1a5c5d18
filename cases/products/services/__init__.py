"""Writes on protected products: imports of earlier protections, revocations of protection."""

from .imports import product_import_protected
from .revocations import product_revocation_decide, product_revocation_propose

__all__ = ["product_import_protected", "product_revocation_decide", "product_revocation_propose"]
