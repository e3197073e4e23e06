"""Languages members can say they speak, with CEFR-style levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# Languages most spoken in Finland (Statistics Finland's largest language groups) first.
SPOKEN_LANGUAGES = [
    # A context of their own: these four also name the interface languages.
    ("fi", pgettext_lazy("spoken language", "Finnish")),
    ("sv", pgettext_lazy("spoken language", "Swedish")),
    ("en", pgettext_lazy("spoken language", "English")),
    ("uk", pgettext_lazy("spoken language", "Ukrainian")),
    ("ru", _("Russian")),
    ("et", _("Estonian")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("fa", _("Persian")),
    ("ku", _("Kurdish")),
    ("zh", _("Chinese")),
    ("sq", _("Albanian")),
    ("vi", _("Vietnamese")),
    ("th", _("Thai")),
    ("tr", _("Turkish")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("fr", _("French")),
    ("pl", _("Polish")),
    ("tl", _("Tagalog")),
    ("ne", _("Nepali")),
    ("se", _("Northern Sami")),
]
SPOKEN_LANGUAGE_NAMES = dict(SPOKEN_LANGUAGES)


class Level(models.TextChoices):
    A1 = "A1", _("A1 – beginner")
    A2 = "A2", _("A2 – elementary")
    B1 = "B1", _("B1 – intermediate")
    B2 = "B2", _("B2 – upper intermediate")
    C1 = "C1", _("C1 – advanced")
    C2 = "C2", _("C2 – proficient")
    NATIVE = "native", _("native language")


LEVEL_ORDER = {level: rank for rank, level in enumerate(Level.values)}
