"""The coordinator's staff pages for a kommun's routing rules and answer templates
(under /personal/arenden/<kommunkod>/): list, create, edit, delete. Only the
kommun's coordinators (its editors and admins) reach them; another kommun's rule
or template is a 404 here, whoever asks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from medborgarloften.accounts.decorators import View, staff_view
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


# --- One kind of setting: its list, create/edit and delete views ----------------


@dataclass(frozen=True)
class _Setting:
    """What differs between routing rules and answer templates; the views below
    are the same for both. ``name`` is the object's keyword in its services and
    names its list page (``cases:<name>s``, ``cases/<name>_list.html``)."""

    model: type[Model]
    name: str
    listed: Callable[[Organisation], Any]
    form: Callable[[HttpRequest, Organisation, Any], Form]
    save: Callable[..., object]
    delete: Callable[..., None]
    headings: tuple[Promise, Promise]  # (new, edit)
    done: Promise
    what: Callable[[Any], str]

    def back(self, kommun: Organisation) -> str:
        return reverse(f"cases:{self.name}s", args=[kommun.code])


def _list_view(setting: _Setting) -> View:
    @staff_view
    def view(request: HttpRequest, code: str) -> HttpResponse:
        kommun = _kommun(request, code)
        return render(
            request,
            f"cases/{setting.name}_list.html",
            {"kommun": kommun, f"{setting.name}s": setting.listed(kommun)},
        )

    return view


def _edit_view(setting: _Setting) -> View:
    @staff_view
    def view(request: HttpRequest, code: str, pk: int | None = None) -> HttpResponse:
        kommun = _kommun(request, code)
        obj = get_object_or_404(setting.model, kommun=kommun, pk=pk) if pk else None
        return _form_page(
            request,
            kommun,
            setting.form(request, kommun, obj),
            lambda data: setting.save(
                actor=request.user, kommun=kommun, **{setting.name: obj}, **data
            ),
            heading=str(setting.headings[1 if obj else 0]),
            done=str(setting.done),
            back=setting.back(kommun),
        )

    return view


def _delete_view(setting: _Setting) -> View:
    @staff_view
    def view(request: HttpRequest, code: str, pk: int) -> HttpResponse:
        kommun = _kommun(request, code)
        obj = get_object_or_404(setting.model, kommun=kommun, pk=pk)
        return _delete_page(
            request,
            kommun,
            lambda: setting.delete(actor=request.user, **{setting.name: obj}),
            what=setting.what(obj),
            back=setting.back(kommun),
        )

    return view


def _views(setting: _Setting) -> tuple[View, View, View]:
    """The list, create/edit and delete views of one kind of setting."""
    return _list_view(setting), _edit_view(setting), _delete_view(setting)


# --- Routing rules --------------------------------------------------------------


def _rule_form(request: HttpRequest, kommun: Organisation, rule: Any) -> Form:
    return RoutingRuleForm(
        request.POST or None,
        kommun=kommun,
        owners=owner_choices(kommun),
        initial=_values(rule, RoutingRuleForm) if rule else {"days": DEFAULT_DAYS},
    )


_RULES = _Setting(
    RoutingRule,
    "rule",
    routing_rules_of,
    _rule_form,
    routing_rule_save,
    routing_rule_delete,
    (gettext_lazy("Ny fördelningsregel"), gettext_lazy("Ändra fördelningsregel")),
    gettext_lazy("Fördelningsregeln är sparad."),
    lambda rule: _("Fördelningsregeln till %(owner)s") % {"owner": rule.owner},
)
rule_list, rule_edit, rule_delete = _views(_RULES)


# --- Answer templates -----------------------------------------------------------


def _template_form(request: HttpRequest, kommun: Organisation, template: Any) -> Form:
    return AnswerTemplateForm(
        request.POST or None,
        owners=owner_choices(kommun),
        initial=_values(template, AnswerTemplateForm) if template else None,
    )


_TEMPLATES = _Setting(
    AnswerTemplate,
    "template",
    answer_templates_of,
    _template_form,
    answer_template_save,
    answer_template_delete,
    (gettext_lazy("Ny svarsmall"), gettext_lazy("Ändra svarsmall")),
    gettext_lazy("Svarsmallen är sparad."),
    lambda template: _("Svarsmallen %(title)s") % {"title": template.title},
)
template_list, template_edit, template_delete = _views(_TEMPLATES)
