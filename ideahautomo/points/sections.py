"""What apps above points add to a point's page (impact adds its mood kiosk), without
points importing them: they register a section in their apps.py."""

_SECTIONS = []


def register_point_section(template_name):
    """Register section(request, point) -> dict or None: when it returns a dict, the
    point's page includes template_name with that dict as `section`."""

    def register(section):
        _SECTIONS.append((template_name, section))
        return section

    return register


def point_sections(request, point):
    """[(template name, its context)] of every registered section shown to this viewer."""
    shown = []
    for template_name, section in _SECTIONS:
        context = section(request, point)
        if context is not None:
            shown.append((template_name, context))
    return shown
