"""Chosen files survive a refused form: each accepted upload is staged server-side and offered
again, so nobody picks the same files twice (ADR 0026).

A staged file lies under MEDIA_ROOT/staging/ (private, never served) under a random name; only
the session knows it: the session maps a random token to the file's path, original name and
time. The form sends back the token, never a path. A staged file expires with the session or
after TERROIR_STAGED_FILE_HOURS, and the worker's sweep deletes what is left.
"""

import datetime
import logging
import time
import uuid

from django import forms
from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from ..uploads import _extension

logger = logging.getLogger("terroir.uploads")

FOLDER = "staging"
SESSION_KEY = "terroir_staged_files"
MAX_PER_SESSION = 20


def _max_age() -> float:
    return getattr(settings, "TERROIR_STAGED_FILE_HOURS", 24) * 3600


class StagedFile(File):
    """A staged file handed to the form as if it had just been uploaded."""

    def __init__(self, file, name: str, token: str):
        super().__init__(file, name)
        self.staged_token = token


class FileStaging:
    """The staged files of one session."""

    def __init__(self, session):
        self.session = session

    def _entries(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def _save(self, entries: dict) -> None:
        self.session[SESSION_KEY] = entries
        self.session.modified = True

    def stage(self, uploaded) -> str:
        entries = self._entries()
        if self.session.session_key is None:
            self.session.save()  # an anonymous visitor (the public forms) gets a session now
        # Wrapped in a plain File so that the storage copies it: it would move a spooled upload.
        name = f"{FOLDER}/{uuid.uuid4().hex}.{_extension(uploaded.name) or 'bin'}"
        path = default_storage.save(name, File(uploaded, name=uploaded.name))
        uploaded.seek(0)
        token = uuid.uuid4().hex
        entries[token] = {"path": path, "name": uploaded.name[:200], "size": uploaded.size, "at": time.time()}
        while len(entries) > MAX_PER_SESSION:
            oldest = min(entries, key=lambda key: entries[key]["at"])
            self._delete_file(entries.pop(oldest)["path"])
        self._save(entries)
        return token

    def get(self, token: str) -> dict | None:
        entry = self._entries().get(token)
        if entry is None:
            return None
        if time.time() - entry["at"] > _max_age() or not default_storage.exists(entry["path"]):
            self.discard([token])
            return None
        return entry

    def open(self, token: str) -> StagedFile | None:
        entry = self.get(token)
        if entry is None:
            return None
        return StagedFile(default_storage.open(entry["path"], "rb"), entry["name"], token)

    def discard(self, tokens) -> None:
        entries = self._entries()
        for token in tokens:
            entry = entries.pop(token, None)
            if entry is not None:
                self._delete_file(entry["path"])
        self._save(entries)

    @staticmethod
    def _delete_file(path: str) -> None:
        try:
            default_storage.delete(path)
        except OSError:  # already gone: the sweep got there first
            logger.info("staged file %s was already removed", path)


def sweep_staged_files(min_age: datetime.timedelta | None = None) -> int:
    """Delete staged files older than their lifetime (their session ended, or nobody came back)."""
    if not default_storage.exists(FOLDER):
        return 0
    cutoff = timezone.now() - (min_age or datetime.timedelta(seconds=_max_age()))
    removed = 0
    _dirs, names = default_storage.listdir(FOLDER)
    for name in names:
        path = f"{FOLDER}/{name}"
        if default_storage.get_modified_time(path) <= cutoff:
            default_storage.delete(path)
            removed += 1
    return removed


class KeptFileInput(forms.ClearableFileInput):
    """A file input that also lists the files kept from the last attempt, each with a remove box."""

    template_name = "cases/kept_file_input.html"
    clear_checkbox_label = ""

    def __init__(self, *args, multiple: bool = False, **kwargs):
        self.allow_multiple_selected = multiple  # before __init__, which checks attrs against it
        super().__init__(*args, **kwargs)
        self.kept: list[dict] = []

    def value_from_datadict(self, data, files, name):
        if self.allow_multiple_selected:
            return files.getlist(name)
        return files.get(name)

    def use_required_attribute(self, initial):
        return super().use_required_attribute(initial) and not self.kept

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        context["widget"]["kept"] = self.kept
        return context


def _is_file_field(field) -> bool:
    return isinstance(field, forms.FileField)


class KeepsChosenFiles(forms.BaseForm):
    """Form mixin: pass `staging=FileStaging(request.session)`; files of fields that passed their
    checks are staged when the form is refused and used again on the next submission, unless the
    person removes them or picks new ones. Call `release_staged_files()` once they are stored."""

    def __init__(self, *args, staging: FileStaging | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self._staging = staging
        self._kept: dict[str, list[str]] = {}
        for field in self.fields.values():
            if _is_file_field(field):
                multiple = getattr(field.widget, "allow_multiple_selected", False)
                field.widget = KeptFileInput(multiple=multiple, attrs=dict(field.widget.attrs))
        if self.is_bound and staging is not None:
            self._reuse_staged()

    def _reuse_staged(self) -> None:
        staging = self._staging
        if staging is None:
            return
        self.files = self.files.copy()
        removed = set(self.data.getlist("staged_remove")) if hasattr(self.data, "getlist") else set()
        for name, field in self.fields.items():
            if not _is_file_field(field):
                continue
            tokens = self.data.getlist(f"{self.add_prefix(name)}__staged") if hasattr(self.data, "getlist") else []
            tokens = [token for token in tokens if token and staging.get(token)]
            staging.discard([token for token in tokens if token in removed])
            tokens = [token for token in tokens if token not in removed]
            if not tokens:
                continue
            key = self.add_prefix(name)
            multiple = getattr(field.widget, "allow_multiple_selected", False)
            new = self.files.getlist(key)
            if new and not multiple:
                staging.discard(tokens)  # a new file was picked instead
                continue
            opened = [staging.open(token) for token in tokens]
            staged = [file for file in opened if file is not None]
            # django-stubs types a form's files as uploads; FileField takes any File (a name and a size).
            self.files.setlist(key, (staged + new) if multiple else staged[-1:])  # type: ignore[arg-type]
            self._kept[name] = [file.staged_token for file in staged]

    def full_clean(self):
        super().full_clean()
        if self._errors:
            self._keep_files()

    def add_error(self, field, error):
        super().add_error(field, error)
        if getattr(self, "cleaned_data", None) is not None:
            self._keep_files()

    def _keep_files(self) -> None:
        """Stage the accepted files of a refused form and show them as kept."""
        staging = self._staging
        if staging is None:
            return
        for name, field in self.fields.items():
            if not _is_file_field(field) or name in self.errors:
                continue
            value = self.cleaned_data.get(name)
            files = value if isinstance(value, list | tuple) else ([value] if value else [])
            tokens = []
            for uploaded in files:
                token = getattr(uploaded, "staged_token", None) or staging.stage(uploaded)
                uploaded.staged_token = token
                tokens.append(token)
            self._kept[name] = tokens
            entries = [(token, staging.get(token)) for token in tokens]
            field.widget.kept = [{"token": token, "name": entry["name"]} for token, entry in entries if entry]

    def keep_chosen_files(self) -> None:
        """A service refused the valid form (or the person may not act): keep its files all the same."""
        if getattr(self, "cleaned_data", None) is not None:
            self._keep_files()

    def release_staged_files(self) -> None:
        """The files are stored with the case: their staged copies go."""
        if self._staging is not None:
            self._staging.discard([token for tokens in self._kept.values() for token in tokens])


REFUSED_FORMS_KEY = "terroir_refused_forms"


def remember_refused_form(session, key: str, form) -> None:
    """For a form whose page redirects on a refusal (the case page's evidence, a supplement, a
    correction): what was typed and the files kept wait in the session until the page shows the
    form again, once. `key` names the form and its case."""
    form.keep_chosen_files()
    data = {}
    for name, field in form.fields.items():
        if _is_file_field(field):
            continue
        values = form.data.getlist(form.add_prefix(name)) if hasattr(form.data, "getlist") else []
        if values:
            data[name] = values if len(values) > 1 else values[0]
    kept = {
        name: field.widget.kept
        for name, field in form.fields.items()
        if _is_file_field(field) and getattr(field.widget, "kept", None)
    }
    refused = session.get(REFUSED_FORMS_KEY, {})
    refused[key] = {"data": data, "kept": kept}
    session[REFUSED_FORMS_KEY] = refused
    session.modified = True


def restore_refused_form(session, key: str, form):
    """Fill an unbound form with what was typed before its refusal and show its kept files."""
    refused = session.get(REFUSED_FORMS_KEY, {})
    entry = refused.pop(key, None)
    if entry is None:
        return form
    session[REFUSED_FORMS_KEY] = refused
    session.modified = True
    staging = FileStaging(session)
    form.initial.update(entry["data"])
    for name, files in entry["kept"].items():
        if name in form.fields:
            form.fields[name].widget.kept = [file for file in files if staging.get(file["token"])]
    return form
