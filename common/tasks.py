from celery import shared_task


@shared_task(name="common.ping")
def ping(*, token: str) -> str:
    """Answer a health probe: proves a worker took a task and returned a result."""
    return f"pong:{token}"
