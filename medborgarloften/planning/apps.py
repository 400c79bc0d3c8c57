from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "medborgarloften.planning"
    label = "planning"
    verbose_name = _("Lägesbild och åtgärdsplan")

    def ready(self) -> None:
        """Put the plan's measures and goals due on the meetings' agendas."""
        from medborgarloften.lib.agenda import agenda_provider_register

        from .agenda import measures_due

        agenda_provider_register(measures_due)
