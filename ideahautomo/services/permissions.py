"""Who may do what with partner organisations and their services: one named rule per
function, used by views, templates and selectors alike."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def partner_organisation_id(user):
    """The organisation a partner's staff member works for, or None."""
    if not _signed_in(user):
        return None
    assignment = user.roles.get(Role.PARTNER)
    return assignment.organisation_id if assignment else None


def can_create_organisation(user):
    """The project manager adds organisations; their staff then keep the page."""
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER)


def can_edit_organisation(user, organisation):
    """The project manager edits every organisation; partner staff only their own."""
    if not _signed_in(user):
        return False
    if user.has_role(Role.PROJECT_MANAGER):
        return True
    return organisation.pk is not None and organisation.pk == partner_organisation_id(user)


def can_see_organisation(user, organisation):
    """Active organisations are public; an inactive one only for those who edit it."""
    return organisation.is_active or can_edit_organisation(user, organisation)


def can_edit_service(user, service):
    """A service is edited by those who edit its organisation."""
    return can_edit_organisation(user, service.organisation)


def can_see_service(user, service):
    """Shown services of shown organisations are public; the rest only to their editors."""
    if service.is_active and service.organisation.is_active:
        return True
    return can_edit_service(user, service)


def can_see_unchecked_services(user):
    """The project manager and contact persons follow which services need checking."""
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER, Role.CONTACT_PERSON)


def can_refer_service(user, service):
    """Contact persons and the project manager send a shown service to their clients."""
    return (
        _signed_in(user)
        and user.has_role(Role.CONTACT_PERSON, Role.PROJECT_MANAGER)
        and service.is_active
        and service.organisation.is_active
    )


def can_refer_to(user, client):
    """A client is an active member: of the contact person's own area, or of any area for
    the project manager."""
    if not (_signed_in(user) and client is not None and client.is_active):
        return False
    if not client.has_role(Role.MEMBER) or client.pk == user.pk:
        return False
    if user.has_role(Role.PROJECT_MANAGER):
        return True
    area = user.contact_area
    return area is not None and client.area_id == area.pk
