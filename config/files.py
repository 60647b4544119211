"""The app's private files (exports, logos, engagements' attachments): a
folder each under MEDIA_ROOT, or a prefix each in one S3-compatible bucket when
EXPORTS_S3_BUCKET is set (django-storages; install boto3 to use it). Never
served at a public URL: downloads go through views that check permission."""

import importlib.util
from pathlib import Path

from config.environment import env, invalid, read

# STORAGES keys and the folder (or bucket prefix) of each.
PRIVATE = {
    "exports": "exports",  # roadmaps.Export
    "logos": "logos",  # academy.ConveningLogo
    "attachments": "attachments",  # accompaniment.Attachment
    "certificates": "certificates",  # evaluation.Certificate, CertificateBatch
}


def private_storages(media_root) -> dict:
    """STORAGES entries for the private files."""
    bucket = read("EXPORTS_S3_BUCKET", env.str, "")
    if bucket and importlib.util.find_spec("boto3") is None:
        # Else the first export would fail in the worker, long after the start.
        raise invalid(
            "EXPORTS_S3_BUCKET", "an S3 bucket needs boto3: pip install boto3"
        )
    if not bucket:
        return {
            key: {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": str(Path(str(media_root)) / folder)},
            }
            for key, folder in PRIVATE.items()
        }
    endpoint = read("EXPORTS_S3_ENDPOINT_URL", env.str, "") or None
    return {
        key: {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "location": folder,
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        for key, folder in PRIVATE.items()
    }
