"""Who may read and write guides: one named rule per function, used by views, templates
and selectors alike."""

from ideahautomo.accounts.models import Role


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def can_write_guides(user):
    """The project manager and contact persons write the guides and keep them up to date."""
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER, Role.CONTACT_PERSON)


def can_edit_guide(user, guide):
    """Guides belong to the whole service: every writer of guides edits every guide."""
    return can_write_guides(user)


def can_read_guide(user, guide):
    """Published guides are for everyone, guests too; drafts only for those who edit them."""
    return guide.is_published or can_edit_guide(user, guide)
