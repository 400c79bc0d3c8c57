from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FollowupConfig(AppConfig):
    name = "medborgarloften.followup"
    label = "followup"
    verbose_name = _("Uppföljning")

    def ready(self) -> None:
        # The report PDF as a background job (background.py).
        from . import background

        background.register()
