import pytest

from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_organizer_signs_in_and_sees_the_cohort(new_page, organizer, bolivia, ecuador):
    page = new_page()

    sign_in(page, organizer.email)

    assert page.get_by_role("heading", name="Convenings you organize").is_visible()
    assert page.get_by_role("link", name="Bolivia").is_visible()
    assert page.get_by_role("link", name="Ecuador").is_visible()
