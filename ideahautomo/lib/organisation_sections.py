"""What features add to a partner organisation's public page (circles add the peer groups
it organises), without the service map importing them: they register a section in their
apps.py."""

_SECTIONS = []


def register_organisation_section(template_name):
    """Register section(request, organisation) -> dict or None: when it returns a dict,
    the organisation's page includes template_name with that dict as `section`."""

    def register(section):
        _SECTIONS.append((template_name, section))
        return section

    return register


def organisation_sections(request, organisation):
    """[(template name, its context)] of every registered section shown to this viewer."""
    shown = []
    for template_name, section in _SECTIONS:
        context = section(request, organisation)
        if context is not None:
            shown.append((template_name, context))
    return shown
