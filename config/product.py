"""The product's own knobs, read from the environment (config/settings.py
takes them all): limits of exports, invitations, uploads, the editor's
presence, and the follow-up's thresholds and schedule. README's configuration
table lists the variables."""

import datetime

from celery.schedules import crontab

from config.environment import env, invalid, read

# PDF EXPORTS: new exports one person may ask for in a window (asking again for
# an unchanged roadmap reuses its report and is not counted).
EXPORTS_PER_PERSON = read("EXPORTS_PER_PERSON", env.int, 10)
EXPORTS_WINDOW_MINUTES = read("EXPORTS_WINDOW_MINUTES", env.int, 10)
# Days an export that is not the newest of its report is kept after its last
# download (manage.py exports_cleanup).
EXPORT_RETENTION_DAYS = read("EXPORT_RETENTION_DAYS", env.int, 30)
# A queued export not taken by a worker after this long is queued again
# (`manage.py requeue_exports`, or the Retry button).
EXPORT_STALE_AFTER = datetime.timedelta(minutes=5)
# A roadmap submitted for review is rendered at once in the convening's working
# languages, so the facilitator's click finds the PDF ready.
EXPORTS_PRERENDER_ON_SUBMIT = read("EXPORTS_PRERENDER_ON_SUBMIT", env.bool, True)

# THE EDITOR: seconds between presence heartbeats (roadmaps.presence); 0 turns
# presence off.
ROADMAP_PRESENCE_SECONDS = read("ROADMAP_PRESENCE_SECONDS", env.int, 15)

# INVITATIONS (participants.invitations): a link works once, for this many days.
INVITATION_MAX_AGE_DAYS = read("INVITATION_MAX_AGE_DAYS", env.int, 14)
if INVITATION_MAX_AGE_DAYS < 1:
    raise invalid("INVITATION_MAX_AGE_DAYS", "a link must work for a day at least")

# UPLOADS: the organizers' logos for report covers, engagements' files.
LOGO_MAX_KB = read("LOGO_MAX_KB", env.int, 512)
LOGOS_PER_CONVENING = 8
ATTACHMENT_MAX_MB = read("ATTACHMENT_MAX_MB", env.int, 10)

# THE FOLLOW-UP (accompaniment): the board flags a delegation with no contact
# for longer than FOLLOWUP_QUIET_DAYS, and the daily reminders tell its
# facilitators; an action item due within REMINDER_DUE_SOON_DAYS is recalled to
# its person in charge. Each convening may set its own (FollowUpSettings).
FOLLOWUP_QUIET_DAYS = read("FOLLOWUP_QUIET_DAYS", env.int, 60)
REMINDER_DUE_SOON_DAYS = read("REMINDER_DUE_SOON_DAYS", env.int, 3)
# An indicator's reporting period ending within REMINDER_PERIOD_DAYS with no
# update yet is recalled to the delegation; one that ended without an update is
# recalled once, for OVERDUE_UPDATE_DAYS after its end.
REMINDER_PERIOD_DAYS = read("REMINDER_PERIOD_DAYS", env.int, 14)
OVERDUE_UPDATE_DAYS = read("OVERDUE_UPDATE_DAYS", env.int, 90)
# Where e-mails sent outside a request (the daily reminders) link to.
SITE_URL = read("SITE_URL", env.str, "http://127.0.0.1:8000/")
# Celery beat (a `beat` service beside the worker): the day's reminders.
CELERY_BEAT_SCHEDULE = {
    "follow-up-reminders": {
        "task": "accompaniment.reminders_send_daily",
        "schedule": crontab(hour=12, minute=0),  # UTC: morning in the Americas
    }
}

# CERTIFICATES (evaluation): the public verification page answers at most
# VERIFICATIONS_PER_MINUTE requests a minute from one address (429 beyond), so
# that codes cannot be guessed by the thousand; every request is logged.
VERIFICATIONS_PER_MINUTE = read("VERIFICATIONS_PER_MINUTE", env.int, 20)

# OPEN DATA (opendata): who publishes the IATI activities of the exports. An
# organization publishing to the IATI Registry sets its own identifier (its
# registration agency prefix and number) and type (IATI OrganisationType).
IATI_REPORTING_ORG_REF = read("IATI_REPORTING_ORG_REF", env.str, "XI-NAPACADEMY")
IATI_REPORTING_ORG_TYPE = read("IATI_REPORTING_ORG_TYPE", env.str, "21")
IATI_REPORTING_ORG_NAME = read("IATI_REPORTING_ORG_NAME", env.str, "NAP Academy")
