"""案件: one staff search across every kind of casework, within the user's jurisdiction (ADR 0036)."""
