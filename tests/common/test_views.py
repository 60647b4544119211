"""common/views.py: the plumbing every view module shares."""

from common.views import attachment


def test_an_attachment_names_its_file_for_every_browser():
    plain = attachment(b"x", content_type="text/csv", filename="agenda-3.csv")
    assert plain["Content-Disposition"] == 'attachment; filename="agenda-3.csv"'
    assert plain["Content-Type"] == "text/csv"
    assert plain.content == b"x"

    # Accents and quotes cannot break the header: RFC 6266's encoded form.
    named = attachment(b"x", content_type="text/csv", filename='Panamá "2026".csv')
    assert named["Content-Disposition"] == (
        "attachment; filename*=utf-8''Panam%C3%A1%20%222026%22.csv"
    )
