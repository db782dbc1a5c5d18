"""Remove stored PDFs whose document row never committed (the issuing transaction rolled back)."""

import datetime
import logging

from django.core.files.storage import default_storage
from django.utils import timezone

from .models import Document

logger = logging.getLogger("terroir.documents")

# Older than any transaction can run: a file this old without a row will never get one.
ORPHAN_AGE = datetime.timedelta(hours=1)


def sweep_orphan_documents(min_age: datetime.timedelta = ORPHAN_AGE) -> int:
    if not default_storage.exists("documents"):
        return 0
    cutoff = timezone.now() - min_age
    removed = 0
    years, _files = default_storage.listdir("documents")
    for year in years:
        folder = f"documents/{year}"
        _dirs, names = default_storage.listdir(folder)
        candidates = {f"{folder}/{name}" for name in names}
        known = set(Document.objects.filter(file__in=candidates).values_list("file", flat=True))
        for name in sorted(candidates - known):
            if default_storage.get_modified_time(name) <= cutoff:
                default_storage.delete(name)
                logger.info("removed orphan document file %s", name)
                removed += 1
    return removed
