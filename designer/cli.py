"""Input and output shared by the management commands (`simulate`, `export_cfn`,
`import_cfn`): reading a file the user named, and the one way bad input is reported.

Contract section 3: bad input (a missing file, invalid JSON, an invalid diagram) exits with
status 2 and one clear line per problem on stderr, never a traceback. Commands raise
`BadInput` with those lines and let `report_bad_input` print them. Nothing here imports
the engine, so reading errors are reported even while the engine cannot load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import NoReturn

EXIT_BAD_INPUT = 2


class BadInput(Exception):
    """Input the command refuses; `lines` are the messages for stderr, one per problem."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines


def read_text(path: str, *, what: str = "file") -> str:
    """The UTF-8 text of the file at `path`; `BadInput` if it cannot be read."""
    try:
        return Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput([f"{path}: no such file"]) from None
    except IsADirectoryError:
        raise BadInput([f"{path}: is a directory, not a {what}"]) from None
    except OSError as error:
        raise BadInput([f"{path}: cannot read: {error.strerror}"]) from None
    except UnicodeDecodeError as error:
        raise BadInput([f"{path}: not UTF-8 text (byte {error.start})"]) from None


def read_document(path: str) -> object:
    """The parsed JSON of the file at `path`; `BadInput` if it cannot be read or parsed."""
    text = read_text(path, what="diagram file")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInput(
            [f"{path}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}"]
        ) from None


def write_text(path: str, text: str) -> None:
    """Write `text` to the file at `path`; `BadInput` if it cannot be written."""
    try:
        Path(path).write_text(text, encoding="utf-8", newline="\n")
    except OSError as error:
        raise BadInput([f"{path}: cannot write: {error.strerror}"]) from None


def report_bad_input(stderr, bad: BadInput) -> NoReturn:
    """Print each line of `bad` on `stderr` and exit with status 2."""
    for line in bad.lines:
        stderr.write(line)
    raise SystemExit(EXIT_BAD_INPUT) from None
