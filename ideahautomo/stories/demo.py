"""Demo success stories: three published ones (shown with a name, a pseudonym and
anonymously) and one waiting for the demo member's consent. Invented and made through
the services, consents included; running it again changes nothing.

Each story names the page it came from as (kind, title); the demo command, which may
read every feature, turns those into addresses (see pages.demo.story_source_addresses).
"""

from django.db import transaction

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.messaging.models import EmailState, Notification, NotificationKind

from . import services
from .models import Shown, Story

STORIES = [
    {
        "person": "sanna",
        "writer": "sanna",
        "shown_as": Shown.NAME,
        "pseudonym": "",
        "source": ("idea", "Yhteinen kahvila Kallioon"),
        "language": "fi",
        "title": "Kahvilan somesta uusi ammatti",
        "body": (
            "Lähdin mukaan kahvilaideaan, koska halusin kokeilla, osaanko vielä mitään. "
            "Hoidin kahvilan somea ja otin kuvat.\n\n"
            "Puolen vuoden päästä minulla oli näytettävää, ja sain osa-aikatyön "
            "markkinointiavustajana. **Tärkeintä oli, että joku luotti minuun.**"
        ),
    },
    {
        "person": "oksana",
        "writer": "projektipaallikko",
        "shown_as": Shown.PSEUDONYM,
        "pseudonym": "Oksana, 41",
        "source": ("circle", "Suomea arjessa – A1"),
        "language": "fi",
        "title": "Suomea tiistaisin, töihin keväällä",
        "body": (
            "Oksana tuli Suomeen Harkovasta. Ensimmäinen vuosi meni papereiden kanssa, "
            "ja suomi tuntui mahdottomalta.\n\n"
            "Opintopiirissä kirjastossa hän uskalsi puhua ensimmäistä kertaa. Keväällä "
            "hän pääsi työkokeiluun päiväkotiin, ja nyt hänellä on siellä sijaisuus."
        ),
    },
    {
        "person": "amina",
        "writer": "amina",
        "shown_as": Shown.ANONYMOUS,
        "pseudonym": "",
        "source": ("service", "TyöParkki: työnhakupiste"),
        "language": "en",
        "title": "A CV that finally worked",
        "body": (
            "I had sent more than fifty applications and heard nothing back. At the "
            "drop-in job search point a volunteer went through my CV with me.\n\n"
            "- we moved my interpreting work to the top\n"
            "- we wrote it in plain Finnish\n\n"
            "Two weeks later I had my first interview, and now I work as an interpreter."
        ),
    },
]

WAITING = {
    "person": "jasen",
    "writer": "yhteyshenkilo",
    "source": ("idea", "Yhteinen kahvila Kallioon"),
    "language": "fi",
    "title": "Ideasta yritykseksi",
    "body": (
        "Aino kirjoitti Ideahautomoon idean kahvilasta Kallioon. Ideaan tarttui pian "
        "kolme muuta, ja nyt porukka tekee yhdessä liiketoimintasuunnitelmaa.\n\n"
        "Aino kertoo, että tärkeintä oli huomata, ettei tarvitse osata kaikkea itse."
    ),
}


def _user(local):
    return User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()


def _address(source, addresses):
    return (addresses or {}).get(source, "")


def demo_create(*, source_addresses=None):
    """source_addresses: {(kind, title): address} of the pages the stories came from."""
    if Story.objects.filter(title=STORIES[0]["title"]).exists():
        return
    manager = _user("projektipaallikko")
    with transaction.atomic():
        for spec in STORIES:
            person, writer = _user(spec["person"]), _user(spec["writer"])
            if person is None or writer is None or manager is None:
                continue
            text = {
                "title": spec["title"],
                "body": spec["body"],
                "language": spec["language"],
                "source_address": _address(spec["source"], source_addresses),
            }
            if person == writer:
                story = services.story_create(
                    actor=person,
                    person=person,
                    shown_as=spec["shown_as"],
                    pseudonym=spec["pseudonym"],
                    submit=True,
                    consent=True,
                    **text,
                )
            else:
                story = services.story_create(actor=writer, person=person, submit=True, **text)
                story = services.story_consent_give(
                    actor=person,
                    story=story,
                    shown_as=spec["shown_as"],
                    pseudonym=spec["pseudonym"],
                    text_hash=story.text_hash,
                )
            services.story_publish(actor=manager, story=story)
        person, writer = _user(WAITING["person"]), _user(WAITING["writer"])
        if person is not None and writer is not None:
            services.story_create(
                actor=writer,
                person=person,
                submit=True,
                title=WAITING["title"],
                body=WAITING["body"],
                language=WAITING["language"],
                source_address=_address(WAITING["source"], source_addresses),
            )
        # The demo sends no e-mail.
        Notification.objects.filter(
            kind__in=[NotificationKind.STORY_CONSENT_ASKED, NotificationKind.STORY_CONSENTED]
        ).update(email_state=EmailState.NONE)
