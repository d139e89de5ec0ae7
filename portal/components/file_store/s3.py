"""Files in an S3-compatible object store (AWS S3, MinIO, Ceph, ...), for several instances.

Objects are private (no ACL is granted to anyone else; the bucket must block public access)
and written with server-side encryption when `encryption` is set ("AES256" by default, or
"aws:kms"); stores that refuse the header can turn it off with an empty setting.
"""

from __future__ import annotations

import threading
from typing import BinaryIO

from botocore.exceptions import ClientError

MISSING_CODES = {"NoSuchKey", "404", "NotFound"}


def _checked(key: str) -> str:
    """Keys are made by the portal; anything that looks like a path trick is "missing"."""
    parts = key.split("/")
    if not key or key.startswith("/") or "\\" in key or any(p in ("", ".", "..") for p in parts):
        raise FileNotFoundError(key)
    return key


def _missing(error: ClientError) -> bool:
    return str(error.response.get("Error", {}).get("Code")) in MISSING_CODES


class S3Store:
    def __init__(
        self,
        *,
        bucket: str,
        endpoint_url: str | None = None,
        region: str | None = None,
        access_key_id: str | None = None,
        secret_access_key: str | None = None,
        encryption: str | None = "AES256",
    ) -> None:
        self.bucket = bucket
        self.endpoint_url = endpoint_url
        self.region = region
        self.encryption = encryption
        self._keys = (access_key_id, secret_access_key)
        self._client = None
        self._lock = threading.Lock()

    @property
    def client(self):
        """One client per process, made on first use: boto3 clients are thread-safe, but
        must not be made before gunicorn forks its workers."""
        if self._client is None:
            with self._lock:
                if self._client is None:
                    # Imported here: boto3 takes a second to import, and most runs
                    # (development, tests) keep files in a local folder.
                    import boto3
                    from botocore.config import Config

                    access_key_id, secret_access_key = self._keys
                    self._client = boto3.session.Session().client(
                        "s3",
                        endpoint_url=self.endpoint_url,
                        region_name=self.region,
                        # None: boto3's own chain (environment, instance role, ...).
                        aws_access_key_id=access_key_id,
                        aws_secret_access_key=secret_access_key,
                        config=Config(
                            connect_timeout=3,
                            read_timeout=15,
                            retries={"max_attempts": 3, "mode": "standard"},
                            # Own endpoints (MinIO, Ceph) seldom have a name per bucket.
                            s3={"addressing_style": "path" if self.endpoint_url else "auto"},
                        ),
                    )
        return self._client

    def put(self, key: str, data: bytes, content_type: str) -> None:
        extra = {"ServerSideEncryption": self.encryption} if self.encryption else {}
        self.client.put_object(
            Bucket=self.bucket, Key=_checked(key), Body=data, ContentType=content_type, **extra
        )

    def open(self, key: str) -> BinaryIO:
        """The object's body as a stream; the caller (or `send_file`) closes it."""
        try:
            response = self.client.get_object(Bucket=self.bucket, Key=_checked(key))
        except ClientError as error:
            if _missing(error):
                raise FileNotFoundError(key) from error
            raise
        return response["Body"]

    def delete(self, key: str) -> None:
        try:
            self.client.delete_object(Bucket=self.bucket, Key=_checked(key))
        except FileNotFoundError:
            return
        except ClientError as error:
            if not _missing(error):
                raise

    def exists(self, key: str) -> bool:
        try:
            self.client.head_object(Bucket=self.bucket, Key=_checked(key))
        except FileNotFoundError:
            return False
        except ClientError as error:
            if _missing(error):
                return False
            raise
        return True
