"""A real S3-compatible server for the tests: moto's server, started once per session on a free
loopback port (no network beyond 127.0.0.1), and a fresh private bucket for each test.

`s3` switches the platform's file storage to that bucket (settings as `S3_BUCKET` and its fellows
make them) and points MEDIA_ROOT at an empty folder that must stay empty: with object storage,
nothing is written on the web machine's disk.
"""

import os
import socket
import uuid
from dataclasses import dataclass
from pathlib import Path

import boto3
import pytest
from botocore.config import Config

from billetterie.settings import s3_storage

ACCESS_KEY = "essai"
SECRET_KEY = "essai-secret"  # noqa: S105 (the moto server's, for these tests only)
REGION = "eu-west-3"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    """The moto server's address, for the whole session; stopped at its end."""
    from moto.server import ThreadedMotoServer

    # boto3 must never go through a proxy or read a developer's own credentials for these tests.
    os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()


def s3_client(endpoint: str):
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name=REGION,
        config=Config(retries={"max_attempts": 1}),
    )


def s3_environment(endpoint: str, bucket: str) -> dict[str, str]:
    """The variables of a deployment on this bucket (settings.py reads them)."""
    return {
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_REGION": REGION,
        "S3_ACCESS_KEY_ID": ACCESS_KEY,
        "S3_SECRET_ACCESS_KEY": SECRET_KEY,
        "NO_PROXY": "127.0.0.1,localhost",
    }


@dataclass
class Bucket:
    client: object
    name: str
    media: Path
    endpoint: str

    def keys(self, prefix: str = "") -> list[str]:
        """Every object's key in the bucket (list_objects_v2, all pages), in order."""
        found = []
        for page in self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.name, Prefix=prefix
        ):
            found += [item["Key"] for item in page.get("Contents", [])]
        return sorted(found)

    def read(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()

    def media_files(self) -> list[str]:
        """Whatever sits under MEDIA_ROOT (must stay empty): files and folders alike."""
        return sorted(str(p.relative_to(self.media)) for p in self.media.rglob("*"))


@pytest.fixture
def s3_bucket(s3_endpoint, tmp_path):
    """A new private bucket on the moto server, and an empty folder for MEDIA_ROOT."""
    client = s3_client(s3_endpoint)
    name = f"billetterie-{uuid.uuid4().hex[:12]}"
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    media = tmp_path / "media"
    media.mkdir()
    return Bucket(client, name, media, s3_endpoint)


@pytest.fixture
def s3(settings, s3_bucket):
    """The platform's files in the bucket; MEDIA_ROOT an empty folder that must stay empty."""
    settings.MEDIA_ROOT = s3_bucket.media
    settings.STORAGES = {
        **settings.STORAGES,
        "default": s3_storage(s3_environment(s3_bucket.endpoint, s3_bucket.name)),
    }
    yield s3_bucket
    assert s3_bucket.media_files() == [], "a file was written on the web machine's disk"


# Accepted packs, people and groups, as the attendees' tests make them (same builders, one place).
from tests.attendees.conftest import accept, name_group, people  # noqa: E402, F401
