# Generated from generator/runtime/testing/tls.py
# by runcomfy-codegen; do not edit, run `runcomfy-codegen generate` instead.
"""The certificate the emulator serves its outputs with, over https: made when it starts.

``outputs_certificate(folder)`` makes a throwaway CA with trustme and a certificate it
signs for ``localhost`` and ``127.0.0.1``, and writes them to ``folder``: ``ca.pem``
(the CA, for clients to trust) and ``localhost.pem`` (the server's key and certificate
chain). A new CA each time, so trusting one emulator's is no key to another's. trustme
(and the cryptography it builds on) is imported only here, when https outputs are asked.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import require_extra

__all__ = ["outputs_certificate"]


def outputs_certificate(folder: Path) -> tuple[Path, Path]:
    """Write a new CA and a server certificate it signs to ``folder``: ``(ca, chain)``."""
    require_extra("testing", "the emulator's https outputs", "trustme")
    import trustme

    ca = trustme.CA(organization_name="runcomfy_models emulator")
    leaf = ca.issue_cert("localhost", "127.0.0.1")
    ca_path, chain_path = folder / "ca.pem", folder / "localhost.pem"
    ca.cert_pem.write_to_path(str(ca_path))
    leaf.private_key_and_cert_chain_pem.write_to_path(str(chain_path))
    return ca_path, chain_path
