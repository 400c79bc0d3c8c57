from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    name = "medborgarloften.coordination"
    label = "coordination"
    verbose_name = _("Samordning")

    def ready(self) -> None:
        """Decisions assigned to the user's organisation on "Att göra" and in the
        daily reminder e-mail (lib.todo)."""
        from medborgarloften.lib.todo import (
            mail_source_register,
            todo_provider_register,
        )

        from .todo import coordination_mail_lines, coordination_todo

        todo_provider_register(coordination_todo)
        mail_source_register(coordination_mail_lines)
