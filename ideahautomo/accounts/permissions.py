"""Who may do what in accounts: one named rule per function, used by views and templates."""

from .models import Role

# The roles each ordering role may give in an invitation.
INVITABLE_ROLES = {
    Role.CONTACT_PERSON: (Role.MEMBER, Role.MENTOR),
    Role.PROJECT_MANAGER: (Role.MEMBER, Role.MENTOR, Role.PARTNER, Role.CONTACT_PERSON),
}


def _signed_in(user):
    return user.is_authenticated and user.is_active


def can_order_accounts(user):
    """Contact persons order accounts for their area; the project manager for any area."""
    return _signed_in(user) and user.has_role(Role.CONTACT_PERSON, Role.PROJECT_MANAGER)


def can_see_all_areas(user):
    return _signed_in(user) and user.has_role(Role.PROJECT_MANAGER)


def can_order_accounts_in_area(user, area):
    if not can_order_accounts(user) or area is None:
        return False
    return can_see_all_areas(user) or user.contact_area == area


def can_manage_invitation(user, invitation):
    return can_order_accounts_in_area(user, invitation.area)


def invitable_roles(user):
    if not _signed_in(user):
        return ()
    roles = []
    for role, allowed in INVITABLE_ROLES.items():
        if user.has_role(role):
            roles.extend(r for r in allowed if r not in roles)
    return tuple(roles)


def can_decide_sign_up(user, sign_up_request):
    area = sign_up_request.user.area
    if can_see_all_areas(user):
        return True
    return area is not None and can_order_accounts_in_area(user, area)


def can_use_admin(user):
    return _signed_in(user) and user.has_role(Role.ADMINISTRATOR)


# Roles that see personal data or administer the service: a password alone is not enough.
TWO_FACTOR_ROLES = (Role.ADMINISTRATOR, Role.CONTACT_PERSON, Role.PROJECT_MANAGER)


def must_use_two_factor(user):
    """Administrators, contact persons and the project manager sign in with two steps, and so
    does whoever can reach Django admin, whatever their roles say."""
    if not _signed_in(user):
        return False
    return user.is_staff or user.is_superuser or user.has_role(*TWO_FACTOR_ROLES)


def can_use_two_factor(user):
    return _signed_in(user) and (user.is_staff_member or must_use_two_factor(user))


# Suspensions and warnings: moderators' work. Administrators run the service technically
# and do not judge members' behaviour; staff are never suspended by a moderator (their
# accounts are the employment services' and the administrators' to close).


def can_suspend_users(user):
    """Moderators suspend and warn; this decides whether the tools are offered at all."""
    return _signed_in(user) and user.has_role(Role.MODERATOR)


def _can_act_on_person(user, person):
    return (
        can_suspend_users(user)
        and person is not None
        and person.pk != user.pk
        and person.is_active
        and not person.is_staff_member
        and not person.is_staff
    )


def can_suspend_user(user, person):
    """A moderator suspends a member, mentor or partner: never staff, never themselves."""
    return _can_act_on_person(user, person)


def can_warn_user(user, person):
    return _can_act_on_person(user, person)


def can_lift_suspension(user, suspension):
    """Any moderator (the one who suspended too) may lift a suspension still in force."""
    return can_suspend_users(user) and suspension.user_id != user.pk and suspension.is_active


def can_decide_suspension_appeal(user, suspension):
    """An open appeal is decided by a moderator other than the one who suspended."""
    return (
        can_suspend_users(user)
        and suspension.appeal_is_open
        and suspension.user_id != user.pk
        and suspension.suspended_by_id != user.pk
    )
