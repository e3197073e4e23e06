"""What profiles keep about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import Profile


@register_data_export("profile")
def profile_export(user):
    profile = (
        Profile.objects.filter(user=user)
        .prefetch_related("skill_links__skill", "languages")
        .first()
    )
    if profile is None:
        return None
    return {
        "visibility": profile.visibility,
        "real_name": profile.real_name,
        "introduction": profile.introduction,
        "can_help_with": profile.can_help_with,
        "looking_for": profile.looking_for,
        "goals": [goal for goal in Profile.GOALS if getattr(profile, goal)],
        "meets_online": profile.meets_online,
        "has_photo": bool(profile.photo),
        "languages": {language.code: language.level for language in profile.languages.all()},
        "knows": sorted(
            link.skill.name for link in profile.skill_links.all() if link.relation == "has"
        ),
        "wants_to_learn": sorted(
            link.skill.name for link in profile.skill_links.all() if link.relation == "wants"
        ),
    }
