"""Team work on a case: a lead hands a task to a named colleague, and the staff keep a notes thread
with @mentions (docs/adr/0035). The door is actions.py; teamwork/ holds the notes and the records."""
