"""Background work of accounts: the e-mails, sent by the task worker after commit."""

from django_tasks import task

from . import services


@task()
def send_invitation(invitation_id, unsent_only=False):
    return services.invitation_send(invitation_id=invitation_id, unsent_only=unsent_only)


@task()
def send_password_reset(user_id):
    services.password_reset_send(user_id=user_id)


@task()
def send_sign_up_decision(sign_up_request_id):
    services.sign_up_decision_send(sign_up_request_id=sign_up_request_id)


@task()
def send_two_factor_enrolment_link(user_id):
    return services.two_factor_enrolment_link_send(user_id=user_id)


@task()
def send_sign_up_link(email, language):
    services.sign_up_link_send(email=email, language=language)


@task()
def send_suspension_mail(suspension_id, kind):
    services.suspension_mail_send(suspension_id=suspension_id, kind=kind)


@task()
def send_warning(warning_id):
    services.warning_mail_send(warning_id=warning_id)
