"""Many members at once, for tests at size."""

from ideahautomo.accounts.models import Role, RoleAssignment, User


def members_create(count, *, prefix="joukko", **fields):
    """count active members made with two bulk inserts (no password: they never sign in)."""
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{number}@example.fi",
                display_name=f"Jäsen {number}",
                password="!",
                **fields,
            )
            for number in range(count)
        ]
    )
    if users and users[0].pk is None:  # databases that do not return ids of bulk inserts
        users = list(User.objects.filter(email__startswith=f"{prefix}").order_by("pk"))
    RoleAssignment.objects.bulk_create(
        [RoleAssignment(user=user, role=Role.MEMBER) for user in users]
    )
    return users
