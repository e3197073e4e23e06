"""Who may do what with success stories: one named rule per function, used by views,
templates and selectors alike."""

from ideahautomo.accounts.models import Role

from .models import Story

EDITABLE = (Story.Status.DRAFT, Story.Status.WAITING, Story.Status.CONSENTED, Story.Status.DECLINED)


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def is_project_manager(user):
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER)


def can_write_own_story(user):
    """Members write their own stories."""
    return _signed_in(user) and user.has_role(Role.MEMBER)


def can_draft_stories(user):
    """Contact persons and the project manager draft stories about their clients."""
    return _signed_in(user) and user.has_role(Role.CONTACT_PERSON, Role.PROJECT_MANAGER)


def can_draft_story_about(user, person):
    """A story is drafted about an active member: of the contact person's own area, or
    of any area for the project manager; never about oneself (write one's own instead)."""
    if not (can_draft_stories(user) and person is not None and person.is_active):
        return False
    if not person.has_role(Role.MEMBER) or person.pk == user.pk:
        return False
    if user.has_role(Role.PROJECT_MANAGER):
        return True
    area = user.contact_area
    return area is not None and person.area_id == area.pk


def is_person(user, story):
    return _signed_in(user) and user.pk == story.person_id


def is_author(user, story):
    return _signed_in(user) and user.pk == story.author_id


def can_see_story(user, story):
    """Published stories are public. Before that, and after a withdrawal, only the person
    it is about and its writer see it; the project manager sees the ones that were
    consented or published, and none of a member's own drafts."""
    if story.status == Story.Status.PUBLISHED:
        return True
    if is_person(user, story) or is_author(user, story):
        return True
    return is_project_manager(user) and story.status in (
        Story.Status.CONSENTED,
        Story.Status.WITHDRAWN,
    )


def can_edit_story(user, story):
    """Its writer edits a story until it is published; a change of the text needs the
    person's consent again."""
    return is_author(user, story) and story.status in EDITABLE


def can_answer_consent(user, story):
    """The person a story is about gives or declines consent to a staff member's text."""
    return is_person(user, story) and story.status in (Story.Status.WAITING, Story.Status.DECLINED)


def can_publish_story(user, story):
    return is_project_manager(user) and story.status == Story.Status.CONSENTED


def can_withdraw_consent(user, story):
    """The person withdraws their consent at any time while it holds."""
    return is_person(user, story) and story.status in (
        Story.Status.CONSENTED,
        Story.Status.PUBLISHED,
    )


def can_see_publishing_queue(user):
    return is_project_manager(user)
