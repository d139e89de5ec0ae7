"""The file store behind `portal.cases.files`: the local folder (development, one instance)
and an S3-compatible object store (production, several instances). The S3 store is tested
against moto's S3 server, started as a separate process on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from portal import create_app
from portal.cases import files
from portal.components import file_store
from portal.components.file_store import LocalFolderStore, S3Store
from portal.config import ConfigError
from portal.extensions import db
from portal.reports import drafts
from tests.conftest import test_config as base_config
from tests.reports.images import jpeg
from tests.reports.test_photos import PLACE, _add, _draft
from tests.support.client import PortalClient
from tests.support.database import empty_all_tables

KEYS = {"aws_access_key_id": "testing", "aws_secret_access_key": "testing"}
PATH_TRICKS = ["../outside.txt", "/etc/passwd", "cases/../../outside.txt", "", "cases//x", "."]


# --- the local folder -----------------------------------------------------------------------


def test_local_store_round_trip_and_delete(tmp_path):
    store = LocalFolderStore(tmp_path / "files")

    store.put("cases/a.pdf", b"%PDF-1.4 one", "application/pdf")
    with store.open("cases/a.pdf") as handle:
        assert handle.read() == b"%PDF-1.4 one"
    assert store.exists("cases/a.pdf")
    store.put("cases/a.pdf", b"two", "application/pdf")  # replaced, not appended
    with store.open("cases/a.pdf") as handle:
        assert handle.read() == b"two"
    assert [p.name for p in (tmp_path / "files" / "cases").iterdir()] == ["a.pdf"]

    store.delete("cases/a.pdf")
    assert not store.exists("cases/a.pdf")
    store.delete("cases/a.pdf")  # already gone is fine
    with pytest.raises(FileNotFoundError):
        store.open("cases/a.pdf")


@pytest.mark.parametrize("key", PATH_TRICKS[:4])
def test_local_store_refuses_keys_outside_its_folder(tmp_path, key):
    (tmp_path / "outside.txt").write_text("not yours")
    store = LocalFolderStore(tmp_path / "files")

    with pytest.raises(FileNotFoundError):
        store.open(key)
    with pytest.raises(FileNotFoundError):
        store.put(key, b"x", "text/plain")
    store.delete(key)
    assert not store.exists(key)
    assert (tmp_path / "outside.txt").read_text() == "not yours"


def test_the_setting_chooses_the_store(tmp_path):
    assert isinstance(file_store.build({"FILE_STORE_PATH": str(tmp_path)}), LocalFolderStore)
    s3 = file_store.build({"FILE_STORE": "s3", "S3_BUCKET": "b", "FILE_STORE_PATH": ""})
    assert isinstance(s3, S3Store) and s3.bucket == "b" and s3.encryption is None
    with pytest.raises(ConfigError, match="S3_BUCKET"):
        file_store.build({"FILE_STORE": "s3", "FILE_STORE_PATH": ""})
    with pytest.raises(ConfigError, match="'local' or 's3'"):
        file_store.build({"FILE_STORE": "ftp", "FILE_STORE_PATH": ""})


# --- files of a failed save -----------------------------------------------------------------


def test_a_file_of_a_rolled_back_transaction_is_deleted(app):
    kept = files.store_bytes(jpeg(), name="a.jpg", content_type="image/jpeg")
    db.session.commit()
    lost = files.store_bytes(jpeg(), name="b.jpg", content_type="image/jpeg")
    assert files.exists(lost.path)

    db.session.rollback()

    assert files.exists(kept.path)
    assert not files.exists(lost.path)
    db.session.rollback()  # nothing left to delete
    assert files.exists(kept.path)


def test_a_savepoint_rollback_leaves_the_outer_transactions_files(app):
    stored = files.store_bytes(jpeg(), name="a.jpg", content_type="image/jpeg")
    with db.session.begin_nested() as savepoint:
        savepoint.rollback()
    assert files.exists(stored.path)
    db.session.commit()
    assert files.exists(stored.path)


def test_a_photo_whose_save_fails_leaves_no_file(app, client, monkeypatch):
    _draft(client, location=PLACE, duplicates_seen=True)

    def broken_save(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(drafts, "update", broken_save)
    with pytest.raises(RuntimeError):
        _add(client, jpeg(), "lamp.jpg")  # both files were stored before the save failed
    db.session.remove()  # what the end of the request does

    folder = Path(app.config["FILE_STORE_PATH"]) / "cases"
    assert folder.is_dir() and list(folder.iterdir()) == []


# --- the S3 store against moto's server -------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_server():
    """moto's S3 server as its own process; its URL."""
    port = _free_port()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()  # noqa: S310
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise RuntimeError("moto's server did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def bucket(s3_server):
    name = f"portal-{uuid.uuid4().hex[:12]}"
    admin = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-central-1",
        config=Config(s3={"addressing_style": "path"}),
        **KEYS,
    )
    admin.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"}
    )
    return admin, name


def _s3_store(s3_server, name: str) -> S3Store:
    return S3Store(
        bucket=name,
        endpoint_url=s3_server,
        region="eu-central-1",
        access_key_id="testing",
        secret_access_key="testing",
        encryption="AES256",
    )


def test_s3_store_round_trip_private_and_encrypted(s3_server, bucket):
    admin, name = bucket
    store = _s3_store(s3_server, name)

    store.put("cases/a.pdf", b"%PDF-1.4 one", "application/pdf")

    with store.open("cases/a.pdf") as handle:
        assert handle.read() == b"%PDF-1.4 one"
    assert store.exists("cases/a.pdf")
    head = admin.head_object(Bucket=name, Key="cases/a.pdf")
    assert head["ServerSideEncryption"] == "AES256"
    assert head["ContentType"] == "application/pdf"
    grants = admin.get_object_acl(Bucket=name, Key="cases/a.pdf")["Grants"]
    assert [grant["Grantee"]["Type"] for grant in grants] == ["CanonicalUser"]  # owner only


def test_s3_store_missing_keys_and_path_tricks_are_not_found(s3_server, bucket):
    store = _s3_store(s3_server, bucket[1])

    with pytest.raises(FileNotFoundError):
        store.open("cases/nothing.pdf")
    assert not store.exists("cases/nothing.pdf")
    for key in PATH_TRICKS:
        with pytest.raises(FileNotFoundError):
            store.open(key)
        with pytest.raises(FileNotFoundError):
            store.put(key, b"x", "text/plain")


def test_s3_store_delete(s3_server, bucket):
    admin, name = bucket
    store = _s3_store(s3_server, name)
    store.put("cases/a.jpg", b"photo", "image/jpeg")

    store.delete("cases/a.jpg")

    assert not store.exists("cases/a.jpg")
    assert admin.list_objects_v2(Bucket=name).get("KeyCount") == 0
    store.delete("cases/a.jpg")  # already gone is fine
    store.delete("../a.jpg")


@pytest.fixture
def s3_app(database_url, oidc_provider, tmp_path, s3_server, bucket):
    app = create_app(
        {
            **base_config(database_url),
            "FILE_STORE": "s3",
            "FILE_STORE_PATH": str(tmp_path / "files"),
            "S3_ENDPOINT_URL": s3_server,
            "S3_BUCKET": bucket[1],
            "S3_REGION": "eu-central-1",
            "S3_ACCESS_KEY_ID": "testing",
            "S3_SECRET_ACCESS_KEY": "testing",
            "OIDC_PROVIDER_URL": oidc_provider.url,
        }
    )
    app.test_client_class = PortalClient
    with app.app_context():
        yield app
        empty_all_tables()
        db.session.remove()
        db.engine.dispose()


def test_a_photo_uploaded_through_the_site_lives_in_the_object_store(s3_app, bucket, tmp_path):
    admin, name = bucket
    client = s3_app.test_client()
    draft = _draft(client, location=PLACE, duplicates_seen=True)

    assert _add(client, jpeg(size=(60, 40)), "lamp.jpg").status_code == 303

    db.session.refresh(draft)
    [entry] = draft.data["photos"]
    keys = {item["Key"] for item in admin.list_objects_v2(Bucket=name)["Contents"]}
    assert keys == {entry["path"], entry["thumbnail_path"]}
    assert not Path(tmp_path / "files").exists()  # nothing on this machine's disk
    served = client.get(f"/melding/fotos/{entry['token']}/groot")
    assert served.status_code == 200 and served.mimetype == "image/jpeg"
    stored = admin.get_object(Bucket=name, Key=entry["path"])["Body"].read()
    assert served.data == stored and stored[:2] == b"\xff\xd8"
    assert s3_app.test_client().get(f"/melding/fotos/{entry['token']}/groot").status_code == 404

    # Removing the photo removes both objects.
    removed = client.post_form(
        f"/melding/fotos/{entry['token']}/verwijderen", page="/melding/fotos"
    )
    assert removed.status_code == 303
    assert admin.list_objects_v2(Bucket=name).get("KeyCount") == 0


def test_a_failed_save_leaves_no_object_behind(s3_app, bucket):
    admin, name = bucket
    kept = files.store_bytes(b"%PDF-1.4\n%%EOF\n", name="a.pdf", content_type="application/pdf")
    db.session.commit()
    files.store_bytes(b"%PDF-1.4\n%%EOF\n", name="b.pdf", content_type="application/pdf")

    db.session.rollback()

    assert [item["Key"] for item in admin.list_objects_v2(Bucket=name)["Contents"]] == [kept.path]
    with files.open_stored(kept.path) as handle:
        assert handle.read() == b"%PDF-1.4\n%%EOF\n"
