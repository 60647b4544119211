from accounts.models import User
from tests.conftest import sign_in


def test_user_signs_in_with_email_in_any_case(client, db):
    User.objects.create_user("Ana.Perez@Example.org", "long-pass-4821", full_name="Ana")

    assert sign_in(client, "ana.perez@example.org", "long-pass-4821")


def test_login_page_signs_in_and_lands_on_home(client, organizer):
    response = client.post(
        "/accounts/login/",
        {"username": "organizer@test.org", "password": "secret-pass-123"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_login_page_wrong_password_shows_error_in_place(client, organizer):
    response = client.post(
        "/accounts/login/", {"username": "organizer@test.org", "password": "nope"}
    )

    assert response.status_code == 200
    assert "Please enter a correct e-mail address and password" in (
        response.content.decode()
    )


def test_language_switch_is_saved_as_the_users_preference(client, organizer):
    client.force_login(organizer)

    response = client.post("/i18n/setlang/", {"language": "es", "next": "/"})

    assert response.status_code == 302
    organizer.refresh_from_db()
    assert organizer.preferred_language == "es"
    assert "Convenings you organize" not in client.get("/").content.decode()
    assert "Convocatorias que organiza" in client.get("/").content.decode()


def test_saved_language_wins_over_the_browsers(client, organizer):
    organizer.preferred_language = "es"
    organizer.save()
    client.force_login(organizer)

    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    assert response["Content-Language"] == "es"


def test_anonymous_visitor_gets_browser_language_else_spanish(client, db):
    english = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en")
    fallback = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="de")

    assert english["Content-Language"] == "en"
    assert fallback["Content-Language"] == "es"


def test_sign_in_is_paused_after_five_wrong_passwords_then_allowed_again(
    client, organizer, settings
):
    import datetime

    from axes.models import AccessAttempt

    for _attempt in range(5):
        sign_in(client, organizer.email, "wrong-password")

    locked = client.post(
        "/accounts/login/",
        {"username": organizer.email, "password": "secret-pass-123"},
    )
    assert locked.status_code == 429
    assert "Too many attempts" in locked.content.decode()
    # The pause ends: the attempts age past the cool-off time.
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )
    assert sign_in(client, organizer.email, "secret-pass-123")


def test_sign_in_lockout_does_not_reach_other_connections(client, organizer):
    for _attempt in range(5):
        sign_in(client, organizer.email, "wrong-password")

    response = client.post(
        "/accounts/login/",
        {"username": organizer.email, "password": "secret-pass-123"},
        REMOTE_ADDR="10.9.8.7",
    )

    assert response.status_code == 302


def test_every_page_names_its_icon(client, db):
    page = client.get("/accounts/login/").content.decode()

    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
