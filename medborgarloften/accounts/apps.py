from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "medborgarloften.accounts"
    label = "accounts"
    verbose_name = _("Konton")

    def ready(self) -> None:
        # The lockout audit log listens to django-axes' signal.
        from . import lockout  # noqa: F401
