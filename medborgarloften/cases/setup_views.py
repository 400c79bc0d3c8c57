"""The coordinator's staff pages for a kommun's routing rules and answer templates
(under /personal/arenden/<kommunkod>/): list, create, edit, delete. Only the
kommun's coordinators (its editors and admins) reach them; another kommun's rule
or template is a 404 here, whoever asks."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from medborgarloften.accounts.decorators import staff_view
from medborgarloften.lib.forms import apply_service_errors
from medborgarloften.places.models import Organisation

from .forms import AnswerTemplateForm, RoutingRuleForm
from .models import AnswerTemplate, RoutingRule
from .permissions import require_coordinator
from .routing import (
    answer_template_delete,
    answer_template_save,
    routing_rule_delete,
    routing_rule_save,
)
from .selectors import answer_templates_of, owner_choices, routing_rules_of
from .services import DEFAULT_DAYS


def _kommun(request: HttpRequest, code: str) -> Organisation:
    kommun = get_object_or_404(Organisation.objects.kommuner(), code=code)
    require_coordinator(request.user, kommun.pk)
    return kommun


def _values(instance: object, form_class: type[Form]) -> dict[str, Any]:
    """What a form shows to change ``instance``: its values of the form's fields."""
    return {name: getattr(instance, name) for name in form_class.base_fields}


def _form_page(
    request: HttpRequest,
    kommun: Organisation,
    form: Form,
    save: Callable[[dict[str, Any]], object],
    *,
    heading: str,
    done: str,
    back: str,
) -> HttpResponse:
    """Show the form; on a valid POST run ``save`` and go back to the list, or
    show the service's errors beside the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            apply_service_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect(back)
    return render(
        request,
        "cases/setup_form.html",
        {"kommun": kommun, "form": form, "heading": heading, "back": back},
        status=400 if request.method == "POST" else 200,
    )


def _delete_page(
    request: HttpRequest,
    kommun: Organisation,
    delete: Callable[[], None],
    *,
    what: str,
    back: str,
) -> HttpResponse:
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("%(what)s är borttagen.") % {"what": what})
        return redirect(back)
    return render(
        request,
        "cases/setup_delete.html",
        {"kommun": kommun, "what": what, "back": back},
    )


# --- Routing rules --------------------------------------------------------------


@staff_view
def rule_list(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun(request, code)
    return render(
        request,
        "cases/rule_list.html",
        {"kommun": kommun, "rules": routing_rules_of(kommun)},
    )


@staff_view
def rule_edit(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
    kommun = _kommun(request, code)
    rule = get_object_or_404(RoutingRule, kommun=kommun, pk=pk) if pk else None
    initial = _values(rule, RoutingRuleForm) if rule else {"days": DEFAULT_DAYS}
    form = RoutingRuleForm(
        request.POST or None,
        kommun=kommun,
        owners=owner_choices(kommun),
        initial=initial,
    )
    return _form_page(
        request,
        kommun,
        form,
        lambda data: routing_rule_save(
            actor=request.user, kommun=kommun, rule=rule, **data
        ),
        heading=_("Ändra fördelningsregel") if rule else _("Ny fördelningsregel"),
        done=_("Fördelningsregeln är sparad."),
        back=reverse("cases:rules", args=[kommun.code]),
    )


@staff_view
def rule_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun(request, code)
    rule = get_object_or_404(RoutingRule, kommun=kommun, pk=pk)
    return _delete_page(
        request,
        kommun,
        lambda: routing_rule_delete(actor=request.user, rule=rule),
        what=_("Fördelningsregeln till %(owner)s") % {"owner": rule.owner},
        back=reverse("cases:rules", args=[kommun.code]),
    )


# --- Answer templates -----------------------------------------------------------


@staff_view
def template_list(request: HttpRequest, code: str) -> HttpResponse:
    kommun = _kommun(request, code)
    return render(
        request,
        "cases/template_list.html",
        {"kommun": kommun, "templates": answer_templates_of(kommun)},
    )


@staff_view
def template_edit(
    request: HttpRequest, code: str, pk: int | None = None
) -> HttpResponse:
    kommun = _kommun(request, code)
    template = get_object_or_404(AnswerTemplate, kommun=kommun, pk=pk) if pk else None
    form = AnswerTemplateForm(
        request.POST or None,
        owners=owner_choices(kommun),
        initial=_values(template, AnswerTemplateForm) if template else None,
    )
    return _form_page(
        request,
        kommun,
        form,
        lambda data: answer_template_save(
            actor=request.user, kommun=kommun, template=template, **data
        ),
        heading=_("Ändra svarsmall") if template else _("Ny svarsmall"),
        done=_("Svarsmallen är sparad."),
        back=reverse("cases:templates", args=[kommun.code]),
    )


@staff_view
def template_delete(request: HttpRequest, code: str, pk: int) -> HttpResponse:
    kommun = _kommun(request, code)
    template = get_object_or_404(AnswerTemplate, kommun=kommun, pk=pk)
    return _delete_page(
        request,
        kommun,
        lambda: answer_template_delete(actor=request.user, template=template),
        what=_("Svarsmallen %(title)s") % {"title": template.title},
        back=reverse("cases:templates", args=[kommun.code]),
    )
