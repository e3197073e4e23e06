"""Demo announcements: one from the project manager to everyone, one from the Helsinki
contact person to the members of that area, delivered at once. Running it again changes
nothing."""

from ideahautomo.accounts.demo import DEMO_DOMAIN
from ideahautomo.accounts.models import User
from ideahautomo.messaging.models import EmailState, Notification, NotificationKind

from . import services
from .models import Announcement

ANNOUNCEMENTS = [
    # (sender's e-mail local part, to the sender's own area, title, text)
    (
        "projektipaallikko",
        False,
        "Syksyn työnhakupajat alkavat",
        "Hei kaikki!\n\nSyksyn **työnhakupajat** alkavat ensi viikolla. Pajoissa:\n\n"
        "- päivitetään CV yhdessä\n"
        "- harjoitellaan työhaastattelua\n"
        "- kerrotaan, miten keikkatyö vaikuttaa työttömyysetuuteen\n\n"
        "Pajat ovat maksuttomia, eikä ilmoittautumista tarvita. Katso ajat Tapahtumat-sivulta.",
    ),
    (
        "yhteyshenkilo",
        True,
        "Neuvontapiste kirjastossa tiistaisin",
        "Helsingin työllisyyspalvelujen neuvojat ovat **tiistaisin klo 12–15** "
        "Oodin kirjastossa. Tule kysymään työnhausta, koulutuksesta tai etuuksista. "
        "Ajanvarausta ei tarvita.",
    ),
]


def demo_create():
    if Announcement.objects.filter(sender__email__endswith=f"@{DEMO_DOMAIN}").exists():
        return
    for local, own_area, title, body in ANNOUNCEMENTS:
        sender = User.objects.filter(email=f"{local}@{DEMO_DOMAIN}").first()
        if sender is None:
            continue
        announcement = services.announcement_send(
            actor=sender,
            title=title,
            body=body,
            area=sender.contact_area if own_area else None,
        )
        services.announcement_deliver(announcement_id=announcement.pk)
    # The demo shows the announcements in the service; it sends no e-mail.
    Notification.objects.filter(
        kind=NotificationKind.ANNOUNCEMENT, recipient__email__endswith=f"@{DEMO_DOMAIN}"
    ).update(email_state=EmailState.NONE)
