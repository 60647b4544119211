"""common/files.py: a deleted record takes its stored file with it, also in a
cascade, and only once the deletion is committed."""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction

from academy import services as academy_services
from academy.models import logos_storage
from roadmaps.enums import ExportStatus
from roadmaps.models import Export, exports_storage
from tests.academy.test_logos import SVG


@pytest.fixture
def stored(convening, organizer, exports_dir):
    """A logo and a cohort report of the convening, with their files."""
    logo = academy_services.convening_logo_add(
        convening=convening, user=organizer, content=SVG, name_en="UN Women"
    )
    export = Export.objects.create(
        kind="cohort",
        convening=convening,
        language="en",
        status=ExportStatus.READY,
        requested_by=organizer,
    )
    export.file.name = exports_storage().save("cohort.pdf", ContentFile(b"%PDF"))
    export.save()
    return logo.file.name, export.file.name


def test_a_deleted_convening_takes_its_logos_and_reports_files(
    convening, stored, django_capture_on_commit_callbacks
):
    logo, report = stored

    with django_capture_on_commit_callbacks(execute=True):
        academy_services.convening_delete(convening=convening)

    assert not logos_storage().exists(logo)
    assert not exports_storage().exists(report)


def test_a_deletion_rolled_back_keeps_the_files(
    convening, stored, django_capture_on_commit_callbacks
):
    logo, report = stored

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        academy_services.convening_delete(convening=convening)
        raise RuntimeError("the request failed after the delete")

    assert logos_storage().exists(logo)
    assert exports_storage().exists(report)
