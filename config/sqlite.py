"""SQLite as the embedded default: several web workers and the in-process tasks
write to one file at once, so it is opened for concurrent use.

- WAL journal: readers never wait for a writer, nor a writer for readers.
- ``BEGIN IMMEDIATE``: a transaction takes the write lock when it starts. With
  SQLite's default (deferred) two transactions that both read and then write
  deadlock on the upgrade, and one fails at once with "database is locked",
  whatever the timeout; immediate ones queue instead.
- A busy timeout: a writer waits up to 20 s for the lock rather than failing.
- ``synchronous=NORMAL``: safe with WAL (a power cut may lose the last commit,
  never corrupt the file), and commits do not wait for a disk flush each.
"""

CONCURRENT_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
