"""Inspection and enforcement cases (DOMAIN.md §4): their services, reads, history and documents."""
