"""The convening domain: organizations, convenings, roles, delegations, their
members, sessions and attendance."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from academy.enums import AttendanceStatus, Module, Role, Sector, TeamAction
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


class ConveningQuerySet(models.QuerySet):
    def for_user(self, user):
        """Convenings in which the user holds a role or belongs to a delegation."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(pk__in=ConveningRole.objects.filter(user=user).values("convening_id"))
            | Q(pk__in=Participant.objects.filter(user=user).values("convening_id"))
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


class DelegationQuerySet(models.QuerySet):
    def for_user(self, user):
        """Delegations whose page the user may open: staff of its convening or member.

        Other participants of the same convening see the delegation list (country,
        size) through the convening page, never a delegation's own page.
        """
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(
                convening_id__in=ConveningRole.objects.filter(user=user).values(
                    "convening_id"
                )
            )
            | Q(members__user=user)
        ).distinct()


class Delegation(models.Model):
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="delegations",
    )
    country = CountryField(_("country"))
    focal_point = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("focal point"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    # The facilitators who accompany this delegation (academy.team); the
    # accompaniment after the convening builds on this assignment.
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_delegations",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = DelegationQuerySet.as_manager()

    class Meta:
        ordering = ["convening", "country"]
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        constraints = [
            models.UniqueConstraint(
                fields=["convening", "country"], name="one_delegation_per_country"
            )
        ]

    def __str__(self):
        return str(self.country.name)

    def get_absolute_url(self):
        return reverse("cohort:delegation_detail", kwargs={"pk": self.pk})

    @property
    def code(self):
        """ISO 3166 alpha-3 code, as organizers and the command line name it."""
        return self.country.alpha3


class ParticipantQuerySet(models.QuerySet):
    def for_user(self, user):
        """Memberships the user may see listed: their convenings' staff see all,
        a participant sees the members of their own delegation."""
        if not user.is_authenticated:
            return self.none()
        staff_of = ConveningRole.objects.filter(user=user).values("convening_id")
        own_delegations = self.model.objects.filter(user=user).values("delegation_id")
        return self.filter(
            models.Q(convening_id__in=staff_of)
            | models.Q(delegation_id__in=own_delegations)
        )


class Participant(models.Model):
    """A person's membership in one delegation; one delegation per convening."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    delegation = models.ForeignKey(
        Delegation,
        verbose_name=_("delegation"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    # Copied from the delegation so the database enforces one delegation per convening.
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="participants",
        editable=False,
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    organization = models.CharField(_("organization"), max_length=200, blank=True)
    position = models.CharField(_("position"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        # The table kept its name when the model moved here from participants.
        db_table = "participants_participant"
        ordering = ["user__full_name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "convening"], name="one_delegation_per_convening"
            )
        ]

    def __str__(self):
        return f"{self.user} ({self.delegation})"

    def save(self, *args, **kwargs):
        self.convening_id = self.delegation.convening_id
        super().save(*args, **kwargs)


class SessionQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(convening__in=Convening.objects.for_user(user))


class Session(models.Model):
    convening = models.ForeignKey(
        Convening,
        verbose_name=_("convening"),
        on_delete=models.CASCADE,
        related_name="sessions",
    )
    title = models.CharField(_("title"), max_length=200)
    module = models.CharField(_("module"), max_length=40, choices=Module.choices)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("facilitators"),
        related_name="facilitated_sessions",
        blank=True,
    )

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self):
        return self.title


class Attendance(models.Model):
    """Whether one participant attended one session, as marked at the roll call.

    A session without a row for a participant has not been marked for them yet;
    attendance rates count only marked sessions (see academy.selectors.attendance).
    """

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    participant = models.ForeignKey(
        Participant,
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="attendances",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=AttendanceStatus.choices
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("marked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)

    class Meta:
        ordering = ["session", "participant"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"], name="one_mark_per_session"
            )
        ]

    def __str__(self):
        return f"{self.participant} – {self.session} – {self.get_status_display()}"


class TeamChange(models.Model):
    """One change to who runs a convening, or to who may create convenings
    (``convening`` empty): who made it and when. Written by academy.team."""

    convening = models.ForeignKey(
        Convening,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="team_changes",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    action = models.CharField(_("change"), max_length=20, choices=TeamAction.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    delegation = models.ForeignKey(
        Delegation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("team change")
        verbose_name_plural = _("team changes")

    def __str__(self):
        return f"{self.person} – {self.get_action_display()}"
