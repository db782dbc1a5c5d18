"""Regions are picked province → city → county, or found by name; never typed as GB/T 2260 codes.

The widget renders up to three linked selects (a province, then its cities, then their
counties; a municipality's districts come right under it) and a search box. Its script
(static/terroir/region-picker.js) reloads the selects from `organizations:region_levels` when
one changes and searches with `organizations:region_search`. The submitted value stays the
region code, so forms and services read the same data as before; the field validates it.
"""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .models import Region

LEVEL_LABELS = {1: _("Province"), 2: _("City"), 3: _("County or district")}
DOWN_TO = {
    1: _("Choose a region."),
    2: _("Choose a city (or a municipality)."),
    3: _("Choose a county or district."),
}


def prefix_of(code: str) -> str:
    """330000 → 33, 330100 → 3301, 330106 → 330106 (the digits its subdivisions share)."""
    while code.endswith("00") and len(code) > 2:
        code = code[:-2]
    return code


def chain_of(code: str | None, max_level: int) -> list[Region]:
    """The region of `code` and its parents, province first; empty for an unknown code."""
    region: Region | None = (
        Region.objects.filter(code=code, level__lte=max_level).select_related("parent__parent").first()
    )
    chain: list[Region] = []
    while region is not None:
        chain.insert(0, region)
        region = region.parent
    return chain


def levels_for(code: str | None, max_level: int) -> list[dict]:
    """The selects to show for a chosen region: each with its options and its choice."""
    chain = chain_of(code, max_level)
    levels: list[dict[str, Any]] = [{"options": list(Region.objects.filter(level=1).order_by("code")), "chosen": None}]
    for region in chain:
        levels[-1]["chosen"] = region.code
        children = list(region.children.filter(level__lte=max_level).order_by("code"))
        if not children:
            break
        levels.append({"options": children, "chosen": None})
    for depth, level in enumerate(levels, start=1):
        level["depth"] = depth
        level["label"] = LEVEL_LABELS[min(depth, 3)]
    return levels


def search(query: str, max_level: int, limit: int = 15) -> list[dict]:
    """Regions whose name (or code) contains the query, with their full path for the label."""
    query = query.strip()[:20]
    if not query:
        return []
    matches = Region.objects.filter(level__lte=max_level).select_related("parent__parent")
    matches = matches.filter(code__startswith=query) if query.isdigit() else matches.filter(name__contains=query)
    results: list[dict] = []
    for region in matches.order_by("level", "code")[:limit]:
        path: list[str] = []
        node: Region | None = region
        while node is not None:
            path.insert(0, node.name)
            node = node.parent
        results.append({"code": region.code, "label": " / ".join(path)})
    return results


class RegionPicker(forms.Widget):
    template_name = "organizations/region_picker.html"
    multiple = False

    def __init__(self, *, max_level: int = 3, attrs=None):
        super().__init__(attrs)
        self.max_level = max_level

    def _chain_value(self, data, name) -> str | None:
        """The deepest chosen select whose choice lies inside the one above it (without the
        script, a stale county under a newly chosen province is ignored)."""
        chosen = None
        for depth in (1, 2, 3):
            code = (data.get(f"{name}__{depth}") or "").strip()
            if not code:
                break
            if chosen is not None and not code.startswith(prefix_of(chosen)):
                break
            chosen = code
        return chosen

    def value_from_datadict(self, data, files, name):
        # A code sent under the field's own name (a script, the tests) is taken as it is.
        if data.get(name):
            return data.get(name)
        return self._chain_value(data, name)

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__1" not in data

    def id_for_label(self, id_):
        return f"{id_}_search" if id_ else id_

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = value if not self.multiple else None
        context["widget"].update(
            levels=levels_for(chosen, self.max_level),
            max_level=self.max_level,
            multiple=self.multiple,
            levels_url=reverse("organizations:region_levels"),
            search_url=reverse("organizations:region_search"),
        )
        return context


class RegionsPicker(RegionPicker):
    """Several regions: the chosen ones are listed with a remove button; the selects and the
    search add to the list. A region left chosen in the selects counts too."""

    multiple = True

    def value_from_datadict(self, data, files, name):
        codes = list(data.getlist(name)) if hasattr(data, "getlist") else list(data.get(name) or [])
        pending = self._chain_value(data, name)
        if pending:
            codes.append(pending)
        return list(dict.fromkeys(code.strip() for code in codes if code and code.strip()))

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}__1" not in data

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        codes = [str(code) for code in (value or [])]
        by_code = {region.code: region for region in Region.objects.filter(code__in=codes).select_related("parent")}
        context["widget"]["chosen"] = [
            {"code": code, "label": _path_label(by_code[code])} for code in codes if code in by_code
        ]
        return context


def _path_label(region: Region) -> str:
    names: list[str] = []
    node: Region | None = region
    while node is not None:
        names.insert(0, node.name)
        node = node.parent
    return " / ".join(names)


def _levels(min_level: int, max_level: int):
    return Region.objects.filter(level__gte=min_level, level__lte=max_level).order_by("code")


class RegionField(forms.ModelChoiceField):
    """One region between two levels, submitted as its code."""

    def __init__(self, *, min_level: int = 1, max_level: int = 3, **kwargs):
        kwargs.setdefault("widget", RegionPicker(max_level=max_level))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Choose a region."),
                "invalid_choice": DOWN_TO[min_level],
            },
        )
        super().__init__(queryset=_levels(min_level, max_level), to_field_name="code", **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Region):
            return value.code
        return super().prepare_value(value)


class RegionsField(forms.ModelMultipleChoiceField):
    """Several regions between two levels, each submitted as its code."""

    def __init__(self, *, min_level: int = 1, max_level: int = 3, **kwargs):
        kwargs.setdefault("widget", RegionsPicker(max_level=max_level))
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Add at least one region."),
                "invalid_choice": _("“%(value)s” is not a region that can be chosen here."),
            },
        )
        super().__init__(queryset=_levels(min_level, max_level), to_field_name="code", **kwargs)

    def prepare_value(self, value):
        if isinstance(value, Region):
            return value.code
        if hasattr(value, "__iter__") and not isinstance(value, str):
            return [region.code if isinstance(region, Region) else region for region in value]
        return super().prepare_value(value)
