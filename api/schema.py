"""Schema post-processing: every operation documents the one error format for the refusals
any request can meet (invalid input, not signed in, not allowed, not found, too large, too many requests),
so that a client and schemathesis know every status the API answers."""

from django.utils.translation import gettext_lazy as _

ERROR_RESPONSES = {
    "400": _("Invalid input; nothing was changed"),
    "401": _("Not signed in (send a token or a session)"),
    "403": _("Not allowed"),
    "404": _("Not found, or not yours to see"),
    "413": _("The request body or its files exceed the upload limits; nothing was stored"),
    "429": _("Too many requests; retry after the Retry-After header's seconds"),
}


def add_error_responses(result, generator, request, public):
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERROR_RESPONSES.items():
                responses.setdefault(code, {"description": str(description), "content": error})
    return result
