import re

import factory
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from ideahautomo.accounts import services
from ideahautomo.accounts.models import (
    EmploymentArea,
    Invitation,
    Municipality,
    PartnerOrganisation,
    Role,
    RoleAssignment,
    User,
)
from ideahautomo.accounts.permissions import must_use_two_factor

PASSWORD = "kesäinen-aamu-järven-rannalla"


class EmploymentAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentArea

    name = factory.Sequence(lambda n: f"Testialue {n}")


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganisation

    name = factory.Sequence(lambda n: f"Kumppani {n} ry")
    kind = PartnerOrganisation.Kind.ASSOCIATION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"henkilo{n}@example.fi")
    display_name = factory.Faker("name", locale="fi_FI")
    language = "fi"
    password = factory.django.Password(PASSWORD)
    guidelines_accepted_at = factory.LazyFunction(timezone.now)
    privacy_notice_accepted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted if extracted is not None else [Role.MEMBER]:
            RoleAssignment.objects.create(user=self, role=role)

    @factory.post_generation
    def authenticator(self, create, extracted, **kwargs):
        """Staff who must use two-step sign-in get a confirmed authenticator unless told not to
        (authenticator=False)."""
        if extracted is None:
            extracted = must_use_two_factor(self)
            self.__dict__.pop("roles", None)
        if extracted:
            authenticator_for(self)


def authenticator_for(user):
    """The person's confirmed authenticator, made for them if they have none yet."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
    return device


def current_code(device):
    """The code the person's authenticator app shows now."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def user_with_role(role, *, area=None, organisation=None, authenticator=None, **kwargs):
    """A person holding role (contact persons need an area, partners an organisation).

    Staff who must use two-step sign-in get a confirmed authenticator, unless
    authenticator=False.
    """
    user = UserFactory(roles=[], authenticator=False, **kwargs)
    if role == Role.PARTNER and organisation is None:
        organisation = PartnerOrganisationFactory()
    RoleAssignment.objects.create(
        user=user,
        role=role,
        area=area if role == Role.CONTACT_PERSON else None,
        organisation=organisation if role == Role.PARTNER else None,
    )
    services.user_admin_access_sync(user=user)
    if authenticator or (authenticator is None and must_use_two_factor(user)):
        authenticator_for(user)
    return user


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"kutsuttu{n}@example.fi")
    name = factory.Faker("name", locale="fi_FI")
    language = "fi"
    area = factory.SubFactory(EmploymentAreaFactory)


def municipality(code):
    return Municipality.objects.get(code=code)


INVITATION_LINK = re.compile(r"http://testserver(/kutsu/[^/\s]+/)")


def invitation_sent(*, actor, area, capture, email="uusi@example.fi", name="Uusi Jäsen", **extra):
    """Create an invitation through the service, run its e-mail task, return it and its link.

    capture: pytest-django's django_capture_on_commit_callbacks.
    """
    with capture(execute=True):
        invitation = services.invitation_create(
            actor=actor,
            area=area,
            email=email,
            name=name,
            language=extra.pop("language", "fi"),
            **extra,
        )
    invitation.refresh_from_db()
    return invitation, INVITATION_LINK.search(mail.outbox[-1].body).group(1)
