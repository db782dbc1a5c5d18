"""The one way to hand a stored private file to a browser (issued documents, uploaded evidence).

The caller has already decided that this user may see the file; this only makes sure the
browser saves it rather than renders it, and that no cache keeps it.
"""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def private_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        # A row whose file is gone (restored database without its media): a 404, not a 500.
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    # The declared type is the checked one; the browser must not guess another from the content.
    response["X-Content-Type-Options"] = "nosniff"
    # Should a browser display it anyway, an uploaded file can run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Private to its readers: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
