/*
 * limits.h - the bounds the table layer enforces, each with its reason.
 *
 * Keys and values come from mail (addresses, Message-IDs, client names), so
 * a hostile peer chooses them: every size, count and wait is bounded here.
 */
#ifndef PRDR_TABLES_LIMITS_H
#define PRDR_TABLES_LIMITS_H

/* A key: a greylisting triplet is two addresses (RFC 5321 allows 256 octets
 * each with its path) and an address literal; 4 KiB leaves room for any
 * module's composite key without letting a peer fill the database. */
#define PRDR_TABLE_MAX_KEY 4096

/* A value: a vacation or pseudo-delayed record is short; 64 KiB also fits a
 * stored reply text or a header block. */
#define PRDR_TABLE_MAX_VALUE 65536

/* Values returned by one lookup: a key with more rows than this is a
 * runaway writer, reported as an error rather than read into memory. */
#define PRDR_TABLE_MAX_VALUES 10000

/* Table names: they become file names and SQL identifiers. */
#define PRDR_TABLE_MAX_NAME 64

/* SQLite: how long a statement waits for another process's write lock
 * before the caller gets "unavailable" (milliseconds). */
#define PRDR_TABLE_SQLITE_BUSY_MS 5000

/* ODBC defaults (seconds), configurable per table: connecting, one statement,
 * and the pause after a failed connection during which callers get
 * "unavailable" at once instead of each waiting for the login timeout. */
#define PRDR_TABLE_ODBC_LOGIN_TIMEOUT "5"
#define PRDR_TABLE_ODBC_QUERY_TIMEOUT "10"
#define PRDR_TABLE_ODBC_RETRY "5"
/* Connections per ODBC table: milter threads run lookups concurrently. */
#define PRDR_TABLE_ODBC_CONNECTIONS "4"
#define PRDR_TABLE_ODBC_MAX_CONNECTIONS 64
/* An insert-if-absent transaction that the database aborted as a
 * serialization failure or deadlock is retried (another writer won; the
 * retry finds its row) for as long as the caller waits, i.e. within the
 * login + query timeouts, never a fixed number of times: under contention
 * (several MX hosts, a loaded machine) a count runs out while time remains.
 * Between attempts a random pause from 1 ms, its ceiling doubling up to
 * 100 ms, so that racers do not collide again in step, yet a loser waits
 * little longer than the winner's commit. */
#define PRDR_TABLE_ODBC_BACKOFF_MIN_US 1000
#define PRDR_TABLE_ODBC_BACKOFF_MAX_US 100000
/* A configured SQL statement. */
#define PRDR_TABLE_MAX_SQL 8192

/* sievedir: a Sieve script larger than this is not read (Dovecot's
 * sieve_max_script_size defaults to 1M as well). */
#define PRDR_TABLE_MAX_SCRIPT 1048576
/* Site-wide before/after scripts, all together. */
#define PRDR_TABLE_MAX_SITE_SCRIPTS 64
/* A user name as it appears in a path component. */
#define PRDR_TABLE_MAX_USER 255

#endif
