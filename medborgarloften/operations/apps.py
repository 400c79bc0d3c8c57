from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "medborgarloften.operations"
    verbose_name = _("Drift")

    def ready(self) -> None:
        # Deployment checks of our own (`check --deploy`, docs/deploy.md).
        from . import checks  # noqa: F401
