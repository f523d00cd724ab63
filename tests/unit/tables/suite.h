/*
 * suite.h - the behavioural test suite every writable table backend must
 * pass (sqlite in test-tables-sqlite.c, odbc on PostgreSQL in
 * test-tables-odbc.c).  The caller gives a function that opens a fresh,
 * empty table of a given name.
 */
#ifndef PRDR_TEST_TABLES_SUITE_H
#define PRDR_TEST_TABLES_SUITE_H

#include <prdr/table.h>

typedef PrdrTable *(*PrdrTestTableOpen) (const char *name, GError **error);

/* Adds the suite's cases under /tables/@backend/... */
void prdr_test_tables_suite_add (const char *backend, PrdrTestTableOpen open);

/* A fresh table for one case (the case's name made unique); aborts the
 * test when it cannot be opened. */
PrdrTable *prdr_test_tables_fresh (void);

/* Removes @path and, when it is a directory (not a link to one), all it
 * holds: the temporary directories of the table tests. */
void prdr_test_tables_remove_tree (const char *path);

#endif
