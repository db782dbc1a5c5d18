"""Widgets that viewflow's Material frontend cannot draw, drawn as plain HTML controls.

viewflow maps each Django widget to a custom element of its JavaScript. For
`CheckboxSelectMultiple` it emits `<vf-field-checkbox-select>`, which its JavaScript never
defines: the field has no size, neither it nor its error is seen, and the task answers 422 with
nothing changing on the page (issue 16). Its date element has an English picker and an input mask.
These renderers emit native controls inside the same `<form>`, so the browser submits them, shows
them in Chinese and needs no script. Registered through `VIEWFLOW["WIDGET_RENDERERS"]`.
"""

from xml.etree import ElementTree

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext as _
from viewflow.forms.renderers import FileInputRenderer, WidgetRenderer


class _NativeFieldRenderer(WidgetRenderer):
    """A labelled block with the control, its help text and its first error, all visible."""

    css_class = "terroir-field"

    def _block(self) -> ElementTree.Element:
        attrs = {"class": self.css_class}
        if self.bound_field.errors:
            attrs["class"] += " terroir-field--invalid"
        return ElementTree.SubElement(self.root, "div", attrs)

    def _text(self, parent, tag, text, css_class, **attrs) -> ElementTree.Element:
        element = ElementTree.SubElement(parent, tag, {"class": css_class, **attrs})
        element.text = force_str(text)
        return element

    def _help_and_error(self, block) -> None:
        field = self.bound_field
        if field.help_text:
            self._text(block, "div", field.help_text, "terroir-field__help", id=f"{field.auto_id}_help")
        if field.errors:
            self._text(block, "div", field.errors[0], "terroir-field__error", role="alert")


class CheckboxListRenderer(_NativeFieldRenderer):
    """A multiple choice as a visible list of checkboxes with its legend."""

    css_class = "terroir-field terroir-choice-list"

    def create_root(self, context):
        widget = context["widget"]
        block = self._block()
        fieldset = ElementTree.SubElement(block, "fieldset", {"class": "terroir-choice-list__set"})
        label = self.bound_field.label
        if self.bound_field.field.required:
            label = f"{force_str(label)} *"
        self._text(fieldset, "legend", label, "terroir-field__label")
        chosen = {force_str(value) for value in (widget["value"] or [])}
        for _group, options, _index in widget["optgroups"]:
            for option in options:
                value = force_str(option["value"])
                row = ElementTree.SubElement(fieldset, "label", {"class": "terroir-choice-list__option"})
                attrs = {"type": "checkbox", "name": widget["name"], "value": value}
                if option["attrs"].get("id"):
                    attrs["id"] = option["attrs"]["id"]
                if value in chosen:
                    attrs["checked"] = "checked"
                ElementTree.SubElement(row, "input", attrs)
                self._text(row, "span", option["label"], "terroir-choice-list__text")
        self._help_and_error(block)
        return block


class NativeDateRenderer(_NativeFieldRenderer):
    """A date as the browser's own date input: typed or picked, always YYYY-MM-DD on the wire."""

    css_class = "terroir-field terroir-date"
    input_type = "date"

    def format_native(self, value) -> str:
        return value.isoformat()

    def create_root(self, context):
        widget = context["widget"]
        field = self.bound_field
        block = self._block()
        label = field.label
        if field.field.required:
            label = f"{force_str(label)} *"
        self._text(block, "label", label, "terroir-field__label", **{"for": field.auto_id})
        attrs = {"type": self.input_type, "name": widget["name"], "id": field.auto_id, "class": "terroir-date__input"}
        value = field.value()
        if value not in (None, ""):
            attrs["value"] = self.format_native(value) if hasattr(value, "isoformat") else force_str(value)
        if field.field.required:
            attrs["required"] = "required"
        if field.help_text:
            attrs["aria-describedby"] = f"{field.auto_id}_help"
        ElementTree.SubElement(block, "input", attrs)
        self._help_and_error(block)
        return block


class KeptFileRenderer(FileInputRenderer):
    """A file field of a form that keeps chosen files on a refusal (ADR 0026): viewflow's file
    control, preceded by the files kept from the last attempt, each with its token and a remove box."""

    def create_root(self, context):
        kept = context["widget"].get("kept") or []
        if not kept:
            return super().create_root(context)
        block = ElementTree.SubElement(self.root, "div", {"class": "terroir-kept-files"})
        for file in kept:
            row = ElementTree.SubElement(block, "div", {"class": "kept-file"})
            ElementTree.SubElement(
                row, "input", {"type": "hidden", "name": f"{context['widget']['name']}__staged", "value": file["token"]}
            )
            self._text(row, "span", _("Kept: %(name)s") % {"name": file["name"]}, "kept-file__name")
            remove = ElementTree.SubElement(row, "label", {"class": "kept-file__remove"})
            ElementTree.SubElement(
                remove, "input", {"type": "checkbox", "name": "staged_remove", "value": file["token"]}
            )
            self._text(remove, "span", _("Remove"), "")
        parent, self.root = self.root, block
        try:
            super().create_root(context)
        finally:
            self.root = parent
        multiple = context["widget"]["attrs"].get("multiple")
        hint = (
            _("Choose files only to add to the kept ones.")
            if multiple
            else _("Choose a file only to replace the kept one.")
        )
        self._text(block, "div", hint, "muted")
        return block

    _text = _NativeFieldRenderer._text


class NativeDateTimeRenderer(NativeDateRenderer):
    """A date and time as the browser's own input (YYYY-MM-DDTHH:MM, which Django parses as ISO 8601)."""

    input_type = "datetime-local"

    def format_native(self, value) -> str:
        return (
            timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")
            if timezone.is_aware(value)
            else value.strftime("%Y-%m-%dT%H:%M")
        )
