"""SQLite storage: one connection, one lock, every change in a transaction."""
import sqlite3
import threading
from contextlib import contextmanager

SCHEMA = """
CREATE TABLE IF NOT EXISTS uploads (
  id TEXT PRIMARY KEY, owner TEXT NOT NULL, length INTEGER NOT NULL, offset INTEGER NOT NULL DEFAULT 0,
  filename TEXT, filetype TEXT, detected TEXT, dossier TEXT, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS upload_chunks (upload TEXT NOT NULL, offset INTEGER NOT NULL, bytes BLOB NOT NULL, PRIMARY KEY (upload, offset));
CREATE TABLE IF NOT EXISTS dossiers (
  code TEXT PRIMARY KEY, procedure TEXT NOT NULL, version TEXT NOT NULL, data TEXT NOT NULL, attachments TEXT NOT NULL,
  status TEXT NOT NULL, fee TEXT NOT NULL, submitted_at TEXT NOT NULL, appointment_date TEXT NOT NULL, owner TEXT);
CREATE TABLE IF NOT EXISTS history (
  id INTEGER PRIMARY KEY, code TEXT NOT NULL, status TEXT NOT NULL, at TEXT NOT NULL, note TEXT);
CREATE TABLE IF NOT EXISTS day_sequences (day TEXT PRIMARY KEY, last INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  subject TEXT NOT NULL, key TEXT NOT NULL, hash TEXT NOT NULL, response TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (subject, key));
CREATE TABLE IF NOT EXISTS payments (
  id TEXT PRIMARY KEY, code TEXT NOT NULL, method TEXT NOT NULL, amount INTEGER NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, paid_at TEXT, details TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS bank_transfers (transaction_id TEXT PRIMARY KEY, payment TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
  subject TEXT NOT NULL, procedure TEXT NOT NULL, body TEXT NOT NULL, updated_at TEXT NOT NULL,
  PRIMARY KEY (subject, procedure));
"""


class Db:
    def __init__(self, path):
        self.conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self.conn.row_factory = sqlite3.Row
        self.lock = threading.RLock()
        with self.lock:
            self.conn.executescript(SCHEMA)

    def all(self, sql, *args):
        with self.lock:
            return [dict(r) for r in self.conn.execute(sql, args)]

    def one(self, sql, *args):
        rows = self.all(sql, *args)
        return rows[0] if rows else None

    def run(self, sql, *args):
        with self.lock:
            return self.conn.execute(sql, args).rowcount

    @contextmanager
    def transaction(self):
        """Holds the lock for the whole transaction: commits when the block ends, rolls back on an error."""
        with self.lock:
            self.conn.execute('BEGIN IMMEDIATE')
            try:
                yield self
            except BaseException:
                self.conn.execute('ROLLBACK')
                raise
            self.conn.execute('COMMIT')
