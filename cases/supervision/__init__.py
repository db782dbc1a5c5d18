"""Supervision of self-declarations: campaigns, the random draw and the checks (双随机、一公开)."""
