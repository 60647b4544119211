"""A person's convenings by time: happening now, coming, past — each by its
own calendar (the convening's time zone decides what "today" is there) — and,
apart, those its organizers archived."""

from django.utils import timezone


class ByTime(list):
    """All the convenings in the order the page shows them, with the three
    groups as attributes."""

    def __init__(self, current, upcoming, past, archived=()):
        super().__init__([*current, *upcoming, *past, *archived])
        self.current, self.upcoming, self.past = current, upcoming, past
        self.archived = list(archived)


def convenings_by_time(convenings, *, now=None) -> ByTime:
    now = now or timezone.now()
    current, upcoming, past, archived = [], [], [], []
    for convening in convenings:
        if getattr(convening, "archived_at", None):
            archived.append(convening)
            continue
        today = timezone.localdate(now, timezone=convening.zone)
        if convening.end_date < today:
            past.append(convening)
        elif convening.start_date > today:
            upcoming.append(convening)
        else:
            current.append(convening)
    return ByTime(
        current=sorted(current, key=lambda c: (c.start_date, c.pk)),
        upcoming=sorted(upcoming, key=lambda c: (c.start_date, c.pk)),
        past=sorted(past, key=lambda c: (c.end_date, c.pk), reverse=True),
        archived=sorted(archived, key=lambda c: (c.end_date, c.pk), reverse=True),
    )
