"""Checking an uploaded attachment (docs/security.md, target 17): the type is read from the
content with libmagic, never from the name or the browser's claim, and the size is limited."""

import magic
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from tlv.constants import ALLOWED_TYPES

# libmagic needs only the start of a file to recognise it.
SNIFF_BYTES = 8192


def checked_type(upload: UploadedFile) -> str:
    """The upload's content type; ValidationError when it is too large or of a refused type."""
    limit = settings.TLV_UPLOAD_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot: maximaal %(limit)s.") % {"limit": filesizeformat(limit)}
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    content_type = magic.from_buffer(head, mime=True)
    if content_type not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Dit soort bestand kan niet worden toegevoegd. Voeg een pdf, een foto (png of "
                "jpg) of een tekstdocument (docx of odt) toe."
            )
        )
    return content_type
