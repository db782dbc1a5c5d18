"""Inspection and enforcement cases (docs/domain.md §4): their services, reads, history and documents."""
