"""Rows inserted in bulk with the history records the services would write."""


def bulk(model, objects):
    """Insert rows and their "created" history records, as item_create would."""
    created = model.objects.bulk_create(objects, batch_size=2000)
    model.history.bulk_history_create(created, batch_size=2000)
    return created
