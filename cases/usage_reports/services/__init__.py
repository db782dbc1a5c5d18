"""Writes on usage reports."""

from .reports import usage_report_submit

__all__ = ["usage_report_submit"]
