from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "medborgarloften.planning"
    label = "planning"
    verbose_name = _("Lägesbild och åtgärdsplan")

    def ready(self) -> None:
        """Put the plan's measures and goals due on the meetings' agendas."""
        from medborgarloften.lib.agenda import agenda_provider_register
        from medborgarloften.lib.todo import todo_provider_register

        from .agenda import measures_due
        from .todo import planning_todo

        agenda_provider_register(measures_due)
        # The lägesbild's revision deadline on the staff's "Att göra".
        todo_provider_register(planning_todo)
