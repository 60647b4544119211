from django.shortcuts import render


def csrf_failure(request, reason=""):
    """A plain explanation instead of Django's technical CSRF page; the reason is
    logged by Django, never shown."""
    return render(request, "403_csrf.html", status=403)
