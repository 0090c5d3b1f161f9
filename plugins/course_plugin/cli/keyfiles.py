"""Key files of the commands that keep keys (`course certificates`, `course records`).

A key pair is written once: the private key readable by its owner only, never overwritten; a
private key is read with a warning when other users can read it. ``create_exclusive`` also
writes the commands' other new files (certificate PDFs, opened records). ``Failure`` is the
error those commands report to the user.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

EXIT_ERROR = 1


class Failure(Exception):
    """An error for the user: the message names the file and says what to do."""

    def __init__(self, message: str, code: int = EXIT_ERROR):
        super().__init__(message)
        self.code = code


def create_exclusive(path: Path, data: bytes, mode: int):
    """Write a new file with ``mode`` from the start; refuses to replace an existing file."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)  # the umask may have narrowed it
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
    finally:
        os.close(fd)


def refuse_existing(*paths: Path):
    """Before keygen makes a key: an existing key file is never overwritten."""
    for path in paths:
        if path.exists():
            raise Failure(f"{path} already exists; it is never overwritten. Keep using that key, "
                          "or choose another --out folder for a new key")


def write_key_pair(private_path: Path, private_pem: bytes, public_path: Path, public: str):
    """The private key (mode 600) and the public key's one line (644), in a folder made if needed."""
    out = private_path.parent
    try:
        out.mkdir(parents=True, exist_ok=True)
        create_exclusive(private_path, private_pem, 0o600)
        create_exclusive(public_path, (public + "\n").encode("ascii"), 0o644)
    except FileExistsError as exc:
        raise Failure(f"{exc.filename} already exists; it is never overwritten") from None
    except OSError as exc:
        raise Failure(f"{exc.filename or out}: cannot write ({exc.strerror})") from None


def read_private_pem(path: Path, private_name: str) -> bytes:
    """The private key file's bytes, for the command to load; warns if others can read it."""
    try:
        pem = path.read_bytes()
    except OSError as exc:
        raise Failure(f"{path}: cannot read the private key ({exc.strerror}); pass the file that "
                      f"keygen created ({private_name})") from None
    if os.name == "posix" and stat.S_IMODE(path.stat().st_mode) & 0o077:
        print(f"warning: {path} can be read by other users of this computer; make it private with: chmod 600 {path}",
              file=sys.stderr)
    return pem
