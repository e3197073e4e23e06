"""What every page's layout needs: the languages and the viewer's staff links."""

from django.conf import settings

from ideahautomo.accounts.permissions import can_order_accounts, can_see_all_areas, can_use_admin
from ideahautomo.events.permissions import can_manage_any_event
from ideahautomo.impact.permissions import can_see_impact
from ideahautomo.profiles.permissions import can_browse_members


def site(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "languages": settings.LANGUAGES,
        "signup_open": settings.SIGNUP_OPEN,
        "service_operator": settings.SERVICE_OPERATOR,
        "service_contact_email": settings.SERVICE_CONTACT_EMAIL,
        "nav_is_member": signed_in and can_browse_members(user),
        "nav_can_order_accounts": signed_in and can_order_accounts(user),
        "nav_can_see_all_areas": signed_in and can_see_all_areas(user),
        "nav_can_use_admin": signed_in and can_use_admin(user),
        "nav_can_manage_events": signed_in and can_manage_any_event(user),
        "nav_can_see_impact": signed_in and can_see_impact(user),
    }
