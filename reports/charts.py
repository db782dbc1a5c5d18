"""Charts drawn on the server as SVG: no script, nothing fetched (the CSP allows neither)."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#8c2f1b", "#3f6b3a", "#c58b2a", "#4a6b8c")


def bar_chart(labels: list[str], series: list[tuple[str, list[int]]], *, title: str, height: int = 220) -> SafeString:
    """Grouped vertical bars: one group per label, one bar per series, with a legend."""
    groups = max(len(labels), 1)
    bars = max(len(series), 1)
    left, bottom, top = 36, 40, 24
    group_width = max(28, 12 * bars + 10)
    width = left + groups * group_width + 10
    plot = height - bottom - top
    peak = max([value for _name, values in series for value in values] + [1])
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><title>{escape(title)}</title>',
        f'<line x1="{left}" y1="{top + plot}" x2="{width - 5}" y2="{top + plot}" stroke="#999"/>',
        f'<text x="{left - 4}" y="{top + 4}" text-anchor="end" font-size="10">{peak}</text>',
        f'<text x="{left - 4}" y="{top + plot}" text-anchor="end" font-size="10">0</text>',
    ]
    bar_width = (group_width - 10) / bars
    for index, label in enumerate(labels):
        x0 = left + index * group_width + 5
        for number, (name, values) in enumerate(series):
            value = values[index] if index < len(values) else 0
            bar_height = plot * value / peak
            x = x0 + number * bar_width
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot - bar_height:.1f}" width="{bar_width - 1:.1f}" '
                f'height="{bar_height:.1f}" fill="{COLOURS[number % len(COLOURS)]}">'
                f"<title>{escape(label)} · {escape(name)}: {value}</title></rect>"
            )
        parts.append(
            f'<text x="{x0 + (group_width - 10) / 2:.1f}" y="{top + plot + 14}" text-anchor="middle" '
            f'font-size="10">{escape(label)}</text>'
        )
    for number, (name, _values) in enumerate(series):
        x = left + number * 110
        parts.append(
            f'<rect x="{x}" y="{height - 14}" width="10" height="10" fill="{COLOURS[number % len(COLOURS)]}"/>'
            f'<text x="{x + 14}" y="{height - 5}" font-size="11">{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def progress_bar(value: int, target: int, *, title: str, width: int = 320) -> SafeString:
    share = min(value / target, 1) if target else 0
    filled = round((width - 2) * share)
    return mark_safe(  # noqa: S308 (numbers and an escaped title only)
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="progress" viewBox="0 0 {width} 18" '
        f'width="{width}" height="18"><title>{escape(title)}: {value} / {target}</title>'
        f'<rect x="0.5" y="0.5" width="{width - 1}" height="17" fill="#f1efe9" stroke="#999"/>'
        f'<rect x="1" y="1" width="{filled}" height="16" fill="{COLOURS[1]}"/></svg>'
    )
