"""Bulk import of an existing register (issue 20): products, enterprises and authorised users of
the GI mark, from the CSV or XLSX files an office already keeps. Read → check every row (the dry
run) → write, idempotent by natural keys. ADR 0045."""
