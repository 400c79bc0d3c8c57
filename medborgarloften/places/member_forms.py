"""Forms of an organisation's users page: a new member, and another role."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from medborgarloften.accounts.models import Role


def _role_choices(roles: list[str]) -> list[tuple[str, Any]]:
    return [(value, label) for value, label in Role.choices if value in roles]


class MemberAddForm(forms.Form):
    """A new user: a link by e-mail to choose a password, or a first password."""

    first_name = forms.CharField(label=_("Förnamn"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=150, required=False)
    username = forms.CharField(label=_("Användarnamn"), max_length=150)
    email = forms.EmailField(
        label=_("E-post"),
        required=False,
        help_text=_("Dit skickas en länk där personen väljer sitt lösenord."),
    )
    role = forms.ChoiceField(label=_("Roll"))
    password = forms.CharField(
        label=_("Första lösenord (om ingen e-post)"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Bara om personen inte har e-post: ge lösenordet på ett säkert sätt."
        ),
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices(roles)
        role.initial = Role.REPORTER.value if Role.REPORTER in roles else roles[0]


class MemberRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Roll"))

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = _role_choices(roles)
