"""The profile set-up steps, and how far a member has come with them."""

from django.utils.translation import gettext_lazy

from .models import Profile

# The set-up steps, in order: (slug in the URL, title).
STEPS = [
    ("tavoitteet", gettext_lazy("Goals and place")),
    ("kielet", gettext_lazy("Languages")),
    ("osaaminen", gettext_lazy("What you know")),
    ("oppiminen", gettext_lazy("What you want to learn")),
    ("esittely", gettext_lazy("About you")),
    ("nakyvyys", gettext_lazy("Who sees your profile")),
]
STEP_SLUGS = [slug for slug, _title in STEPS]


def completeness(profile):
    """(percent, the first missing step's slug and title or None)."""
    if hasattr(profile, "has_languages"):  # a summary (selectors.profile_summary)
        languages, knows, wants = profile.has_languages, profile.has_skills, profile.has_wants
    else:
        links = profile.skill_links.all()
        languages = bool(profile.languages.all())
        knows = any(link.relation == "has" for link in links)
        wants = any(link.relation == "wants" for link in links)
    checks = [
        ("tavoitteet", any(getattr(profile, goal) for goal in Profile.GOALS)),
        ("tavoitteet", profile.user.municipality_id is not None),
        ("kielet", languages),
        ("osaaminen", knows),
        ("oppiminen", wants),
        ("esittely", bool(profile.introduction)),
    ]
    done = sum(1 for _slug, ok in checks if ok)
    missing = next((slug for slug, ok in checks if not ok), None)
    titles = dict(STEPS)
    return round(100 * done / len(checks)), (missing, titles[missing]) if missing else None
