"""Django's tasks framework, from wherever this Django version has it.

Django 6 ships ``django.tasks``; on Django 5.2 (Python 3.11) the ``django-tasks``
backport supplies the same API. Either way the tasks are kept by the
``django-tasks-db`` database backend and run by ``medborgarloften worker``
(settings.TASKS). Import ``task`` and friends from here, never from either package.
"""

from __future__ import annotations

try:  # Django 6+
    from django.tasks import (  # type: ignore[import-not-found,unused-ignore]
        TaskContext,
        TaskResultStatus,
        default_task_backend,
        task,
        task_backends,
    )
except ImportError:  # Django 5.2: the backport
    # The backport's classes have the same API under other names of type.
    from django_tasks import (  # type: ignore[import-not-found,no-redef,assignment,unused-ignore]
        TaskContext,
        TaskResultStatus,
        default_task_backend,
        task,
        task_backends,
    )

__all__ = [
    "TaskContext",
    "TaskResultStatus",
    "default_task_backend",
    "task",
    "task_backends",
]
