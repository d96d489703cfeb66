"""Files only the service's own user may read.

The data folder holds the SQLite database (password hashes, session keys), the admin
password file and the search index; backups hold the same records. Each is created private
from the start (mode given to mkdir/open, never a chmod after a window of being readable), and
one found more open than that, from an older version, is tightened.
"""

import os
import stat

PRIVATE_DIRECTORY = 0o700
PRIVATE_FILE = 0o600


def private_directory(path):
    path.mkdir(mode=PRIVATE_DIRECTORY, parents=True, exist_ok=True)
    tighten(path, PRIVATE_DIRECTORY)


def private_file(path):
    """An existing file tightened, or a new empty one created 0600 (SQLite takes an empty file
    as an empty database, and gives its journal the database file's mode)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    except FileExistsError:
        tighten(path, PRIVATE_FILE)


def write_private(path, text):
    """`text` in a new file at `path`, readable by this user only from the moment it exists."""
    path.unlink(missing_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        file.write(text)


def tighten(path, mode):
    """Take away what `mode` does not allow, on what this user owns (never someone else's)."""
    status = path.stat()
    current = stat.S_IMODE(status.st_mode)
    if status.st_uid == os.getuid() and current & ~mode:
        path.chmod(current & mode)
