"""Request bodies beyond the upload limits, answered for /api/ in the API's one error format.

The pages' UploadLimitMiddleware (cases.uploads) sends a person back to the form with a
message; a token client cannot follow that redirect, so API requests get JSON instead: 413 when
the body is too large, 400 when it holds too many files. Nothing is parsed further nor stored.
"""

from django.conf import settings
from django.http import HttpRequest, JsonResponse

from cases.uploads import content_length, upload_refusal

from .errors import error_body, too_large_body

API_PREFIX = "/api/"


def _refused(code: str, message: str, status: int) -> JsonResponse:
    return JsonResponse(error_body(code, message), status=status, json_dumps_params={"ensure_ascii": False})


class ApiUploadLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if request.path_info.startswith(API_PREFIX) and request.method in ("POST", "PUT", "PATCH"):
            refusal = self._refusal(request)
            if refusal is not None:
                return refusal
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> JsonResponse | None:
        if request.content_type != "multipart/form-data":
            # JSON and form bodies carry no files: Django's own data limit applies to all of it.
            if content_length(request) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
                return _refused("too_large", too_large_body(), 413)
            return None
        refusal = upload_refusal(request)
        if refusal is None:
            return None
        if refusal.too_large:
            return _refused("too_large", refusal.message, 413)
        return _refused("too_many_files", refusal.message, 400)
