"""Trainer-issued certificates: signed tokens (``token``), rosters (``roster``) and PDFs (``pdf``).

``scripts/certificates.py`` is the command line; the contract is in README, "Certificates".
"""
