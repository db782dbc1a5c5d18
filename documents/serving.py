"""The way to hand a stored file to a browser: private ones (issued documents, uploaded evidence)
and published ones (announcements).

The caller has already decided that this user may see the file. A private file is saved rather
than rendered and kept by no cache; a published one may be shown and cached.
"""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def _file_response(file: FieldFile, *, filename: str, content_type: str, as_attachment: bool) -> FileResponse:
    try:
        handle = file.open("rb")
    except FileNotFoundError:
        # A row whose file is gone (restored database without its media): a 404, not a 500.
        raise Http404 from None
    response = FileResponse(handle, as_attachment=as_attachment, filename=filename, content_type=content_type)
    # The declared type is the checked one; the browser must not guess another from the content.
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_file_response(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """A published document (an announcement): anyone may open it in the browser."""
    return _file_response(file, filename=filename, content_type=content_type, as_attachment=False)


def private_file_response(file: FieldFile, *, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    """Saved by default; inline (a preview in its own tab) only when the caller has checked the
    content is a type a browser draws without running anything of ours (cases.uploads.PREVIEW_TYPES)."""
    response = _file_response(file, filename=filename, content_type=content_type, as_attachment=not inline)
    # Displayed or not, an uploaded file can run nothing and load nothing: the sandbox gives it an
    # origin of its own and no script (Chromium's PDF viewer still draws a PDF under it).
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    # Private to its readers: no shared cache may keep it.
    response["Cache-Control"] = "private, no-store"
    return response
