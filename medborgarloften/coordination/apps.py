from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "medborgarloften.coordination"
    label = "coordination"
    verbose_name = _("Samordning")

    def ready(self) -> None:
        """Decisions assigned to the user's organisation on "Att göra" (lib.todo)."""
        from medborgarloften.lib.todo import todo_provider_register

        from .todo import coordination_todo

        todo_provider_register(coordination_todo)
