"""Objections (异议) to an announced application: filed by anyone, handled by 法规司."""
