"""The shared model declarations are the very fields and constraints the models
spelled out before, so the migrations see no change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from medborgarloften.lib.modelparts import (
    belongs_to,
    choices_check,
    end_after_start,
    lock_version,
    optional_link,
    optional_user,
    submission_key,
)


class Colour(models.TextChoices):
    RED = "red", "Red"
    BLUE = "blue", "Blue"


def _same_field(a: models.Field, b: models.Field) -> bool:
    return a.deconstruct()[1:] == b.deconstruct()[1:]


def test_optional_link_is_a_nullable_key_cleared_with_its_target() -> None:
    explicit = models.ForeignKey(
        "places.Area",
        verbose_name="område",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    field = optional_link("places.Area", "område", related_name="activities")
    assert _same_field(field, explicit)
    assert not _same_field(optional_link("places.Area", "område"), explicit)


def _link(field: models.ForeignKey) -> tuple[object, ...]:
    """What the migrations see of a link, beside its target and name."""
    return (field.null, field.blank, field.remote_field.on_delete)


def test_optional_link_takes_another_on_delete() -> None:
    field = optional_link("places.Area", "område", on_delete=models.CASCADE)
    assert _link(field) == (True, True, models.CASCADE)
    assert _link(optional_link("places.Area")) == (True, True, models.SET_NULL)


def test_optional_link_may_be_one_to_one() -> None:
    field = optional_link("self", "ersätter", on_delete=models.PROTECT, one_to_one=True)
    assert isinstance(field, models.OneToOneField)
    assert _link(field) == (True, True, models.PROTECT)
    assert field.verbose_name == "ersätter"


def test_belongs_to_is_a_required_key_that_goes_with_its_owner() -> None:
    field = belongs_to("places.Organisation", "kommun", "cases")
    assert _link(field) == (False, False, models.CASCADE)
    assert (field.verbose_name, field.remote_field.related_name) == ("kommun", "cases")


def test_optional_user_points_at_the_user_model() -> None:
    explicit = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    assert _same_field(optional_user(related_name="+"), explicit)


def test_choices_check_lists_every_value() -> None:
    explicit = models.CheckConstraint(
        condition=Q(status__in=["red", "blue"]), name="colour_valid"
    )
    assert choices_check("colour_valid", Colour) == explicit
    other = choices_check("colour_valid", Colour, field="kind")
    assert other == models.CheckConstraint(
        condition=Q(kind__in=["red", "blue"]), name="colour_valid"
    )


def test_end_after_start_allows_an_open_end_and_optionally_an_open_start() -> None:
    assert end_after_start("x") == models.CheckConstraint(
        condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="x"
    )
    assert end_after_start(
        "y", "period_start", "period_end", open_start=True
    ) == models.CheckConstraint(
        condition=Q(period_end__isnull=True)
        | Q(period_start__isnull=True)
        | Q(period_end__gte=F("period_start")),
        name="y",
    )


def test_end_after_start_for_a_period_that_must_have_both_dates() -> None:
    constraint = end_after_start("z", "period_start", "period_end", open_end=False)
    assert constraint == models.CheckConstraint(
        condition=Q(period_end__gte=F("period_start")), name="z"
    )


def test_lock_version_starts_at_one() -> None:
    explicit = models.PositiveIntegerField("version", default=1)
    assert _same_field(lock_version(), explicit)
    assert lock_version().default == 1


def test_submission_key_is_an_optional_unique_hidden_uuid() -> None:
    explicit = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    field = submission_key()
    assert _same_field(field, explicit)
    assert field.unique and field.null and not field.editable
