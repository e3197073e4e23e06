"""The mood kiosk's link: a signed token naming a service point and the Finnish day it
was started on. It opens the kiosk until that day ends in Europe/Helsinki; it holds no
person, so the kiosk never depends on who is signed in on the tablet."""

from datetime import date

from django.core import signing

from ideahautomo.points.models import ServicePoint, helsinki_now

from . import permissions

SALT = "ideahautomo.impact.kiosk"


class KioskClosed(Exception):
    """The link opens no kiosk. reason: "forged", "expired" or "gone"; status: HTTP status."""

    def __init__(self, reason, status):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def kiosk_token(point, *, now=None):
    """The kiosk link's token for point, valid for the rest of today (Finnish time)."""
    day = helsinki_now(now).date()
    return signing.dumps({"p": point.pk, "d": day.isoformat()}, salt=SALT)


def kiosk_open(token, *, now=None):
    """The point and day a kiosk token opens, or KioskClosed.

    A token made with another key or salt, or changed at all, is forged (403); one made
    on an earlier day has expired (403); one whose point was removed or taken out of use
    opens nothing (404).
    """
    try:
        payload = signing.loads(token, salt=SALT)
        point_id = int(payload["p"])
        day = date.fromisoformat(payload["d"])
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise KioskClosed("forged", 403) from error
    if day != helsinki_now(now).date():
        raise KioskClosed("expired", 403)
    point = ServicePoint.objects.select_related("area").filter(pk=point_id).first()
    if point is None or not permissions.kiosk_is_open(point):
        raise KioskClosed("gone", 404)
    return point, day
