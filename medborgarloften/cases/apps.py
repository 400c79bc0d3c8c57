from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "medborgarloften.cases"
    verbose_name = _("Ärenden")

    def ready(self) -> None:
        # The cases awaiting review on the staff's "Att göra" (lib.todo).
        from medborgarloften.lib.todo import todo_provider_register

        from .todo import cases_todo

        todo_provider_register(cases_todo)
