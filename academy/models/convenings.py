"""Organizations, convenings and the roles people hold in them."""

import zoneinfo

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from academy.enums import Role
from common.enums import Language


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s"), params={"zone": value})


def validate_languages(value):
    known = {code for code, _label in Language.choices}
    if not isinstance(value, list) or not value or not set(value) <= known:
        raise ValidationError(_("Choose one or more of the working languages."))


def _default_languages():
    return [Language.SPANISH, Language.ENGLISH]


class Organization(models.Model):
    """An organization that hosts or co-organizes convenings. Without a
    convening it is on the curated list every organizer chooses from (support
    staff keep it in the admin); with one, an organizer of that convening typed
    it, and only that convening's form offers it."""

    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    convening = models.ForeignKey(
        "academy.Convening",
        verbose_name=_("typed for the convening"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="own_organizations",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        constraints = [
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(convening__isnull=True),
                name="one_curated_organization_per_name",
            ),
            models.UniqueConstraint(
                fields=["convening", "name"],
                condition=Q(convening__isnull=False),
                name="one_organization_per_name_and_convening",
            ),
        ]

    def __str__(self):
        return self.name


def _participants():
    # Memberships live in academy.models.people, which builds on this module.
    return apps.get_model("academy", "Participant").objects


class ConveningQuerySet(models.QuerySet):
    def for_user(self, user):
        """Convenings in which the user holds a role or belongs to a delegation."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(pk__in=ConveningRole.objects.filter(user=user).values("convening_id"))
            | Q(pk__in=_participants().filter(user=user).values("convening_id"))
        )

    def organized_by(self, user):
        return self.filter(
            pk__in=ConveningRole.objects.filter(user=user, role=Role.ORGANIZER).values(
                "convening_id"
            )
        )


class Convening(models.Model):
    name = models.CharField(_("name"), max_length=200)
    edition = models.PositiveSmallIntegerField(_("edition"))
    city = models.CharField(_("city"), max_length=120)
    country = CountryField(_("country"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    host = models.ForeignKey(
        Organization,
        verbose_name=_("host organization"),
        on_delete=models.PROTECT,
        related_name="hosted_convenings",
        null=True,
        blank=True,
    )
    co_organizers = models.ManyToManyField(
        Organization,
        verbose_name=_("co-organizers"),
        related_name="co_organized_convenings",
        blank=True,
    )
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="America/Panama",
        validators=[validate_time_zone],
    )
    languages = models.JSONField(
        _("working languages"),
        default=_default_languages,
        validators=[validate_languages],
    )
    description = models.TextField(_("description"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Put away by its organizers: listed apart on their home page, kept whole.
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    # Counts the changes to the convening's attendance marks: the services
    # that write a mark bump it in their transaction, and the rates' counts are
    # cached under it (academy/selectors/attendance.py).
    attendance_revision = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ConveningQuerySet.as_manager()

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("convening")
        verbose_name_plural = _("convenings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("start_date")),
                name="convening_ends_after_start",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("cohort:convening_detail", kwargs={"pk": self.pk})

    @property
    def zone(self):
        return zoneinfo.ZoneInfo(self.time_zone)


class ConveningRole(models.Model):
    """A person's role in one convening: roles never carry over to another."""

    convening = models.ForeignKey(
        Convening, on_delete=models.CASCADE, related_name="roles"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("convening role")
        verbose_name_plural = _("convening roles")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "user", "role"], name="one_role_of_a_kind"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.convening}"
