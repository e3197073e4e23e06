"""Putting a service's ValidationError back on the form the person filled in."""


def add_service_errors(form, error):
    """Field errors go next to their fields; the rest, and errors about fields the
    form does not show, go to the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)
