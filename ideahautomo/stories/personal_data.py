"""What stories keep about a person, for their own data download."""

from ideahautomo.accounts.services import register_data_export

from .models import Story, StoryConsent


@register_data_export("stories")
def stories_export(user):
    return {
        "about_you": list(
            Story.objects.filter(person=user).values(
                "title", "body", "language", "status", "shown_as", "pseudonym", "created_at"
            )
        ),
        "consents": list(
            StoryConsent.objects.filter(person=user).values(
                "story__title",
                "given_at",
                "title",
                "body",
                "shown_as",
                "pseudonym",
                "withdrawn_at",
                "text_changed_at",
            )
        ),
    }
