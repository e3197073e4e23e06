"""The dashboard's inline SVG charts: bars and lines, built as escaped markup.

A hidden figure ("< 5") is never drawn as a value: a bar chart writes "< 5"
on the axis and a line chart leaves a gap.
"""

from django.utils.html import format_html
from django.utils.safestring import mark_safe

WIDTH = 640
HEIGHT = 280
LEFT = 48
RIGHT = 16
TOP = 24
BOTTOM = 44
# Told apart by the dash pattern and the marker as well as by the colour.
SERIES_STYLES = [
    {"colour": "#1d5b8f", "dash": "", "marker": "circle"},
    {"colour": "#8a4b08", "dash": "8 4", "marker": "square"},
    {"colour": "#2f6b2f", "dash": "2 4", "marker": "diamond"},
]


def _published(figure):
    return figure is not None and figure.is_published


def _number(figure):
    return float(figure.value)


def _scale(low, high):
    plot_height = HEIGHT - TOP - BOTTOM

    def y(value):
        if high == low:
            return HEIGHT - BOTTOM
        return HEIGHT - BOTTOM - (value - low) / (high - low) * plot_height

    return y


def _ticks(low, high, count=4):
    if high <= low:
        return [low]
    step = (high - low) / count
    return [low + step * index for index in range(count + 1)]


def _tick_label(value):
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _nice_top(value, steps=4):
    """The top of a count axis: whole, round numbers at each of the four steps."""
    step = 1
    while step * steps < value:
        step = _next_step(step)
    return step * steps


def _next_step(step):
    """1, 2, 5, 10, 20, 50, 100, ..."""
    magnitude = 10 ** (len(str(step)) - 1)
    leading = step // magnitude
    return {1: 2 * magnitude, 2: 5 * magnitude}.get(leading, 10 * magnitude)


def _x_labels(labels, centres):
    # Long periods on a narrow chart: label every n-th bar only.
    every = max(1, (len(labels) + 11) // 12)
    return [
        {"x": round(x, 1), "text": label}
        for index, (label, x) in enumerate(zip(labels, centres, strict=True))
        if index % every == 0
    ]


def bar_chart(*, title, description, labels, figures):
    top = _nice_top(max([_number(f) for f in figures if _published(f)] or [0]))
    y = _scale(0, top)
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / max(len(labels), 1)
    bars, centres = [], []
    for index, (label, figure) in enumerate(zip(labels, figures, strict=True)):
        centre = LEFT + slot * index + slot / 2
        centres.append(centre)
        bar = {"x": round(centre - slot * 0.35, 1), "width": round(slot * 0.7, 1), "label": label}
        if _published(figure):
            value = _number(figure)
            bar.update(
                y=round(y(value), 1),
                height=round(HEIGHT - BOTTOM - y(value), 1),
                text=figure.display,
                text_y=round(y(value) - 4, 1),
            )
        else:
            bar.update(hidden=True, text=figure.display, text_y=HEIGHT - BOTTOM - 4)
        bar["centre"] = round(centre, 1)
        bars.append(bar)
    return {
        "kind": "bar",
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 18,
        "ticks": [{"y": round(y(v), 1), "text": _tick_label(v)} for v in _ticks(0, top)],
        "bars": bars,
        "x_labels": _x_labels(labels, centres),
        "show_values": len(labels) <= 12,
    }


def line_chart(*, title, description, labels, series, low, high):
    y = _scale(low, high)
    plot_width = WIDTH - LEFT - RIGHT
    slot = plot_width / max(len(labels), 1)
    centres = [LEFT + slot * index + slot / 2 for index in range(len(labels))]
    lines = []
    for index, (name, figures) in enumerate(series):
        segments, current, points = [], [], []
        for x, figure in zip(centres, figures, strict=True):
            if _published(figure):
                point = (round(x, 1), round(y(_number(figure)), 1))
                current.append(point)
                points.append(
                    {
                        "x": point[0],
                        "y": point[1],
                        "corner_x": point[0] - 4,
                        "corner_y": point[1] - 4,
                    }
                )
            elif current:
                segments.append(current)
                current = []
        if current:
            segments.append(current)
        style = SERIES_STYLES[index % len(SERIES_STYLES)]
        lines.append(
            {
                "name": name,
                **style,
                "paths": [
                    " ".join(f"{_n(px)},{_n(py)}" for px, py in segment) for segment in segments
                ],
                "points": points,
            }
        )
    return {
        "kind": "line",
        "title": title,
        "description": description,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "baseline": HEIGHT - BOTTOM,
        "label_y": HEIGHT - BOTTOM + 18,
        "ticks": [{"y": round(y(v), 1), "text": _tick_label(v)} for v in _ticks(low, high)],
        "lines": lines,
        "x_labels": _x_labels(labels, centres),
    }


def _n(value):
    """A coordinate for SVG: always a dot as the decimal mark, whatever the language."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _grid(chart):
    parts = []
    for tick in chart["ticks"]:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d5db" stroke-width="1"/>'
                '<text x="{}" y="{}" dy="4" text-anchor="end" font-size="12" fill="#333">{}</text>',
                _n(chart["left"]),
                _n(chart["right"]),
                _n(tick["y"]),
                _n(tick["y"]),
                _n(chart["tick_x"]),
                _n(tick["y"]),
                tick["text"],
            )
        )
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#333" stroke-width="1"/>',
            _n(chart["left"]),
            _n(chart["right"]),
            _n(chart["baseline"]),
            _n(chart["baseline"]),
        )
    )
    for label in chart["x_labels"]:
        parts.append(_label(label["x"], chart["label_y"], label["text"], fill="#333"))
    return parts


def _label(x, y, text, *, fill):
    """A small text centred on x: a month under the axis or a bar's value."""
    return format_html(
        '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>',
        _n(x),
        _n(y),
        fill,
        text,
    )


def _bars(chart):
    parts = []
    for bar in chart["bars"]:
        if not bar.get("hidden") and bar["height"] > 0:
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="#1d5b8f"/>',
                    _n(bar["x"]),
                    _n(bar["y"]),
                    _n(bar["width"]),
                    _n(bar["height"]),
                )
            )
        if bar.get("hidden") or chart["show_values"]:
            parts.append(_label(bar["centre"], bar["text_y"], bar["text"], fill="#222"))
    return parts


def _lines(chart):
    parts = []
    for line in chart["lines"]:
        dash = format_html(' stroke-dasharray="{}"', line["dash"]) if line["dash"] else ""
        for path in line["paths"]:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                    path,
                    line["colour"],
                    dash,
                )
            )
        for point in line["points"]:
            if line["marker"] == "circle":
                markup = '<circle cx="{x}" cy="{y}" r="4" fill="{c}"/>'
            elif line["marker"] == "square":
                markup = '<rect x="{cx}" y="{cy}" width="8" height="8" fill="{c}"/>'
            else:
                markup = (
                    '<circle cx="{x}" cy="{y}" r="5" fill="#fff" stroke="{c}" stroke-width="2"/>'
                )
            parts.append(
                format_html(
                    markup,
                    x=_n(point["x"]),
                    y=_n(point["y"]),
                    cx=_n(point["corner_x"]),
                    cy=_n(point["corner_y"]),
                    c=line["colour"],
                )
            )
    return parts


def chart_svg(chart, element_id):
    """The chart as an accessible inline SVG: an image with a title and a description."""
    body = _grid(chart) + (_bars(chart) if chart["kind"] == "bar" else _lines(chart))
    return format_html(
        '<svg viewBox="0 0 {} {}" width="100%" role="img" aria-labelledby="{}-title {}-desc" '
        'focusable="false"><title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        chart["width"],
        chart["height"],
        element_id,
        element_id,
        element_id,
        chart["title"],
        element_id,
        chart["description"],
        mark_safe("".join(body)),  # noqa: S308 - every piece was built by format_html
    )
