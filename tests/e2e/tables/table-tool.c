/*
 * table-tool.c - a table operation from the command line, configured as
 * prdr-milter is (the same configuration file and start-up:
 * prdr_config_load, prdr_table_registry_init, prdr_table_open), so that
 * tests can run several processes on one table.
 *
 *   table-tool CONFIG TABLE lookup KEY               prints the values, one a line
 *   table-tool CONFIG TABLE insert KEY VALUE
 *   table-tool CONFIG TABLE insert-if-absent KEY VALUE   prints inserted or present
 *   table-tool CONFIG TABLE remove KEY
 * Exit 0 on success, 2 when the table is unavailable, 1 otherwise.
 */
#include <stdio.h>
#include <string.h>

#include "config-file.h"
#include "tables/registry.h"

static gboolean
run (PrdrTable *table, char **argv, int argc, GError **error)
{
  const char *op = argv[0];
  gboolean inserted = FALSE;
  g_autoptr (GPtrArray) values = NULL;

  if (strcmp (op, "lookup") == 0 && argc == 2)
    {
      if (!prdr_table_lookup (table, argv[1], &values, error))
        return FALSE;
      for (guint i = 0; i < values->len; i++)
        printf ("%s\n", (const char *) values->pdata[i]);
      return TRUE;
    }
  if (strcmp (op, "insert") == 0 && argc == 3)
    return prdr_table_insert (table, argv[1], argv[2], 0, error);
  if (strcmp (op, "insert-if-absent") == 0 && argc == 3)
    {
      if (!prdr_table_insert_if_absent (table, argv[1], argv[2], 0, &inserted, error))
        return FALSE;
      printf ("%s\n", inserted ? "inserted" : "present");
      return TRUE;
    }
  if (strcmp (op, "remove") == 0 && argc == 2)
    return prdr_table_remove (table, argv[1], NULL, error);
  g_set_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID, "usage: see table-tool.c");
  return FALSE;
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrConfig) config = NULL;
  PrdrTable *table;
  gboolean ok;

  if (argc < 4)
    {
      fprintf (stderr, "usage: %s CONFIG TABLE OPERATION ARGS...\n", argv[0]);
      return 1;
    }
  config = prdr_config_load (argv[1], &error);
  ok = config != NULL && prdr_table_registry_init (config, &error)
       && prdr_config_check_unbound (config, &error)
       && (table = prdr_table_open (argv[2], &error)) != NULL
       && run (table, argv + 3, argc - 3, &error);
  prdr_table_registry_shutdown ();
  if (ok)
    return 0;
  fprintf (stderr, "table-tool: %s\n", error->message);
  return g_error_matches (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_UNAVAILABLE) ? 2 : 1;
}
