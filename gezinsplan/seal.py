"""Sealing an archived plan with a PAdES signature (pyhanko) under the organisation's
certificate, so anyone can check in a PDF reader that it was not changed
(docs/domain.md, "Signing the gezinsplan"). The key and certificate come from settings
(GEZINSPLAN_SEAL_KEY_FILE, GEZINSPLAN_SEAL_CERT_FILE); the demo makes a self-signed pair."""

import datetime
from io import BytesIO
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

FIELD_NAME = "Zegel"


def self_signed_pair(directory: Path, *, common_name: str = "Knooppunt demo") -> tuple[Path, Path]:
    """Write a self-signed RSA key and certificate (PEM) into `directory`; for the demo and
    tests only."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    directory.mkdir(parents=True, exist_ok=True)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(key, hashes.SHA256())
    )
    key_path, cert_path = directory / "seal-key.pem", directory / "seal-cert.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    key_path.chmod(0o600)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return key_path, cert_path


def _signer():
    from pyhanko.sign import signers

    key_file = settings.GEZINSPLAN_SEAL_KEY_FILE
    cert_file = settings.GEZINSPLAN_SEAL_CERT_FILE
    if not key_file or not cert_file:
        if not settings.DEBUG:
            raise ImproperlyConfigured(
                "GEZINSPLAN_SEAL_KEY_FILE and GEZINSPLAN_SEAL_CERT_FILE must name the "
                "organisation's key and certificate to seal signed plans."
            )
        directory = Path(settings.MEDIA_ROOT) / "seal"
        if not (directory / "seal-cert.pem").exists():
            self_signed_pair(directory)
        key_file, cert_file = directory / "seal-key.pem", directory / "seal-cert.pem"
    signer = signers.SimpleSigner.load(str(key_file), str(cert_file), key_passphrase=None)
    if signer is None:
        raise ImproperlyConfigured("The seal key or certificate could not be read.")
    return signer


def seal_pdf(pdf: bytes) -> bytes:
    """The PDF with a PAdES signature over all of it."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Gezinsplan ondertekend door het gezin",
    )
    out = signers.sign_pdf(writer, meta, signer=_signer())
    return out.getvalue()
