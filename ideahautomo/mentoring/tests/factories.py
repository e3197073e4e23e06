"""Mentors and mentorings made through the service functions, with sensible defaults."""

from ideahautomo.accounts.models import Role, RoleAssignment
from ideahautomo.accounts.tests.factories import UserFactory, municipality, user_with_role
from ideahautomo.mentoring import services
from ideahautomo.profiles import services as profile_services


def mentor_profile_for(mentor, *, skill_names=("Liiketoimintasuunnitelma",), **fields):
    values = {
        "topic_business": True,
        "meets_online": True,
        "meets_in_person": True,
        "municipality": municipality("091"),
        "capacity": 2,
        "is_available": True,
    }
    values.update(fields)
    return profile_services.mentor_profile_update(
        actor=mentor, skill_names=list(skill_names), **values
    )


def mentor_with_profile(**fields):
    """A new person with the mentor role and a mentor profile."""
    mentor = user_with_role(Role.MENTOR)
    mentor_profile_for(mentor, **fields)
    return mentor


def member(**fields):
    return UserFactory(**fields)


def mentoring_for(
    mentee, mentor, *, accept=False, need="Tarvitsen apua liiketoimintasuunnitelmaan."
):
    """A request from mentee to mentor, accepted by the mentor when accept."""
    if not RoleAssignment.objects.filter(user=mentor, role=Role.MENTOR).exists():
        raise ValueError("mentor must hold the mentor role")
    mentoring = services.mentoring_request(actor=mentee, mentor=mentor, need=need)
    if accept:
        mentoring = services.mentoring_answer(
            actor=mentor, mentoring=mentoring, accept=True, answer="Tervetuloa!"
        )
    return mentoring
