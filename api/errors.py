"""One JSON error format for every API failure (docs/adr/0014).

    {"error": {"code": "invalid", "message": "…", "fields": {"field": ["…"]}}}

The services raise Django's exceptions (ValidationError, PermissionDenied), the selectors
Http404 or DoesNotExist, the state machines TransitionNotAllowed and viewflow FlowLockFailed
when another request holds the process: each gets its status here, so a refusal is never a 500.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    NON_FIELD_ERRORS,
    ObjectDoesNotExist,
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition
from django_fsm import TransitionNotAllowed as EntityTransitionNotAllowed
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import set_rollback
from viewflow.fsm import TransitionNotAllowed as TaskTransitionNotAllowed
from viewflow.workflow.exceptions import FlowLockFailed

logger = logging.getLogger(__name__)

# DRF's name for errors that belong to no field, and Django's.
NON_FIELD_KEYS = {"non_field_errors", NON_FIELD_ERRORS}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"


def too_large_body() -> str:
    return _("The request body exceeds %(limit)d KB; send less data.") % {
        "limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
    }


def error_body(code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [message for value in detail.values() for message in _flatten(value)]
    if isinstance(detail, list | tuple):
        return [message for value in detail for message in _flatten(value)]
    return [str(detail)]


def _split(detail) -> tuple[list[str], dict[str, list[str]]]:
    """(messages for the whole request, messages per field) from a DRF or Django error detail."""
    if not isinstance(detail, dict):
        return _flatten(detail), {}
    general, fields = [], {}
    for name, value in detail.items():
        if name in NON_FIELD_KEYS:
            general.extend(_flatten(value))
        else:
            fields[str(name)] = _flatten(value)
    return general, fields


def _from_django_validation_error(exc: DjangoValidationError) -> exceptions.ValidationError:
    detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
    return exceptions.ValidationError(detail)


def as_api_exception(exc: Exception) -> exceptions.APIException | None:
    """The API exception a domain exception stands for, or None for an unexpected one."""
    if isinstance(exc, exceptions.APIException):
        return exc
    if isinstance(exc, DjangoValidationError):
        return _from_django_validation_error(exc)
    if isinstance(exc, Http404 | ObjectDoesNotExist):
        # Never say whether the object exists: someone else's case is "not found" too.
        return exceptions.NotFound(_("Not found."))
    if isinstance(exc, PermissionDenied):
        message = str(exc) or _("You may not do this.")
        return exceptions.PermissionDenied(message)
    if isinstance(exc, EntityTransitionNotAllowed | TaskTransitionNotAllowed | ConcurrentTransition):
        return Conflict(_("This is not possible in the present state of the case; reload it and try again."))
    if isinstance(exc, RequestDataTooBig | TooManyFieldsSent | TooManyFilesSent):
        # Normally refused before the view (api.middleware); this covers a body without a length.
        return PayloadTooLarge(too_large_body())
    if isinstance(exc, FlowLockFailed):
        return Conflict(_("Someone else is working on this case right now; try again shortly."))
    return None


DEFAULT_MESSAGES = {
    status.HTTP_400_BAD_REQUEST: lambda: _("The request is not valid; see the fields."),
}


def exception_handler(exc: Exception, context: dict) -> Response:
    api_exception = as_api_exception(exc)
    if api_exception is None:
        # A bug, not a refusal: log it with its traceback, answer in the same format.
        logger.exception("unexpected error in %s", context.get("view").__class__.__name__, exc_info=exc)
        set_rollback()
        return Response(
            error_body("server_error", _("Something went wrong on our side; nothing was changed.")),
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    general, fields = _split(api_exception.detail)
    codes = api_exception.get_codes()
    code = codes if isinstance(codes, str) else api_exception.default_code
    if fields or not general:
        message = " ".join(general) or DEFAULT_MESSAGES.get(api_exception.status_code, lambda: str(exc))()
    else:
        message = " ".join(general)
    headers = {}
    if getattr(api_exception, "auth_header", None):
        headers["WWW-Authenticate"] = api_exception.auth_header
    if getattr(api_exception, "wait", None):
        headers["Retry-After"] = str(int(api_exception.wait))
    set_rollback()
    return Response(error_body(code, message, fields), status=api_exception.status_code, headers=headers)
