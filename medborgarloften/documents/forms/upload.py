"""The upload: a file or a web address, and the kommun it belongs to."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from medborgarloften.lib.collation import sort_choices_swedish
from medborgarloften.lib.forms import field_of
from medborgarloften.places.models import Organisation
from medborgarloften.promises.forms.fields import (
    AccessibleForm,
)

# --- The upload ----------------------------------------------------------------------


def _kommun_field() -> forms.ModelChoiceField:
    """The kommun a document is imported for; its choices come from the view."""
    return forms.ModelChoiceField(
        label=gettext_lazy("Kommun"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )


def _offer_kommuner(form: forms.BaseForm, kommuner: Any) -> None:
    """Offer ``kommuner`` (the user's, documents.selectors) in the kommun field."""
    kommun = field_of(form, "kommun", forms.ModelChoiceField)
    kommun.queryset = kommuner
    # Django documents setting label_from_instance per form; mypy sees a method.
    kommun.label_from_instance = str  # type: ignore[method-assign, assignment]
    sort_choices_swedish(kommun)


class UploadForm(AccessibleForm):
    """A file or a web address, and the kommun the document belongs to."""

    file = forms.FileField(
        label=gettext_lazy("Fil"),
        required=False,
        help_text=gettext_lazy("PDF, Word (DOCX), webbsida (HTML) eller text."),
        # The reader's words for the same problem, so an empty file reads the same
        # whichever check finds it.
        error_messages={"empty": gettext_lazy("Filen är tom.")},
    )
    url = forms.URLField(
        label=gettext_lazy("Eller webbadress"),
        required=False,
        max_length=1000,
        assume_scheme="https",
        help_text=gettext_lazy("T.ex. kommunens eller polisens sida om löftet."),
    )
    kommun = _kommun_field()

    def __init__(self, *args: Any, kommuner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_kommuner(self, kommuner)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        has_file = bool(data.get("file"))
        has_url = bool(data.get("url"))
        if has_file and has_url:
            raise ValidationError(
                _("Välj antingen en fil eller en webbadress, inte båda.")
            )
        # A file that was chosen but refused (empty) has its own message already;
        # "choose a file" beside it would contradict it.
        if (
            not has_file
            and not has_url
            and not self.errors.get("url")
            and not self.errors.get("file")
        ):
            self.add_error("file", _("Välj en fil eller skriv en webbadress."))
        return data


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    widget = _MultipleFileInput
    empty_names: list[str] = []

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        """The files with content; the empty ones are left out by name
        (``empty_names``), and refused by name when nothing else is left."""
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        self.empty_names = [f.name for f in files if getattr(f, "size", 1) == 0]
        kept = [f for f in files if getattr(f, "size", 1) != 0]
        if files and not kept:
            raise ValidationError(
                ngettext(
                    "Filen %(names)s är tom. Välj filer med innehåll.",
                    "Filerna %(names)s är tomma. Välj filer med innehåll.",
                    len(self.empty_names),
                )
                % {"names": ", ".join(self.empty_names)},
                code="empty",
            )
        return [super(_MultipleFileField, self).clean(item, initial) for item in kept]


class BulkUploadForm(AccessibleForm):
    """Many files and web addresses (one a line) for one kommun."""

    uploads = _MultipleFileField(
        label=gettext_lazy("Filer"),
        required=False,
        help_text=gettext_lazy("Välj flera filer: PDF, Word (DOCX), HTML eller text."),
        error_messages={"empty": gettext_lazy("En av filerna är tom.")},
    )
    urls = forms.CharField(
        label=gettext_lazy("Och/eller webbadresser"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("En adress per rad."),
    )
    kommun = _kommun_field()

    def __init__(self, *args: Any, kommuner: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _offer_kommuner(self, kommuner)

    @property
    def empty_files(self) -> list[str]:
        """The names of the chosen files that were empty and left out."""
        return list(field_of(self, "uploads", _MultipleFileField).empty_names)

    def clean_urls(self) -> list[str]:
        field = forms.URLField(max_length=1000, assume_scheme="https")
        urls = []
        for number, line in enumerate(
            self.cleaned_data.get("urls", "").splitlines(), 1
        ):
            if not line.strip():
                continue
            try:
                urls.append(field.clean(line.strip()))
            except ValidationError:
                raise ValidationError(
                    _("Rad %(n)d är ingen webbadress: %(line)s")
                    % {"n": number, "line": line.strip()[:100]}
                ) from None
        return urls

    def clean(self) -> dict[str, Any]:
        data = super().clean() or self.cleaned_data
        if (
            not data.get("uploads")
            and not data.get("urls")
            and not self.errors.get("urls")
            and not self.errors.get("uploads")
        ):
            self.add_error("uploads", _("Välj minst en fil eller skriv en webbadress."))
        return data
