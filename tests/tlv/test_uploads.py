"""Attachments are judged by content, limited in size, stored outside the web root and leave
only through the gate as a logged download (docs/security.md, target 17)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cases.models import AccessLogEntry
from tests.conftest import signed_in_client
from tests.tlv.builders import access, dossier_in, upload
from tlv import services
from tlv.models import Attachment

pytestmark = pytest.mark.django_db

EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def test_a_renamed_executable_is_refused(tlv):
    dossier = dossier_in(tlv, complete=False)
    with pytest.raises(ValidationError, match="Dit soort bestand"):
        services.attachment_add(
            access=access(tlv.ib, dossier),
            upload=upload(EXE, "verslag.pdf"),
            kind="verslag",
            description="Verslag",
        )
    assert not Attachment.objects.exists()


def test_an_oversized_file_is_refused(tlv, settings):
    settings.TLV_UPLOAD_MAX_BYTES = 1024
    dossier = dossier_in(tlv, complete=False)
    big = b"%PDF-1.4\n" + b"0" * 2048
    with pytest.raises(ValidationError, match="te groot"):
        services.attachment_add(
            access=access(tlv.ib, dossier),
            upload=upload(big),
            kind="verslag",
            description="Verslag",
        )


def test_the_download_is_an_attachment_through_the_gate_and_logged(tlv, settings):
    dossier = dossier_in(tlv)
    attachment = dossier.attachments.get()
    assert str(settings.PRIVATE_MEDIA_ROOT) in attachment.file.path
    assert "verslag" not in attachment.file.name
    url = reverse("tlv:attachment_download", args=[dossier.uuid, attachment.uuid])
    response = signed_in_client(tlv.ib).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf"
    assert AccessLogEntry.objects.filter(what=f"TLV-bijlage {attachment.uuid}").exists()
    assert signed_in_client(tlv.outsider).get(url).status_code == 404
