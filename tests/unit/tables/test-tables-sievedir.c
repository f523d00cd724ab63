/*
 * test-tables-sievedir.c - the sievedir backend on script stores built
 * here as Cyrus timsieved and Dovecot ManageSieve lay them out: active
 * scripts found through their links, missing and dangling ones meaning "no
 * script", links and user names that lead outside refused, site-wide
 * scripts around the user's, identities equal exactly for equal texts.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "suite.h"
#include "tables/backend.h"

static char *root;

static char *
at (const char *relative)
{
  return g_build_filename (root, relative, NULL);
}

static void
put (const char *relative, const char *text)
{
  g_autofree char *path = at (relative);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, text, -1, &error));
}

static void
make_dir (const char *relative)
{
  g_autofree char *path = at (relative);

  g_assert_cmpint (g_mkdir_with_parents (path, 0755), ==, 0);
}

static void
link_to (const char *relative, const char *target)
{
  g_autofree char *path = at (relative);
  g_autofree char *dir = g_path_get_dirname (path);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

static void
build_stores (void)
{
  /* Cyrus: defaultbc -> NAME.bc, the text in NAME.script. */
  put ("cyrus/b/bob/main.script", "require \"fileinto\"; fileinto \"Junk\";\n");
  put ("cyrus/b/bob/main.bc", "\x01\x02 bytecode");
  put ("cyrus/b/bob/other.script", "discard;\n");
  link_to ("cyrus/b/bob/defaultbc", "main.bc");
  put ("cyrus/a/alice/vacation.script", "keep;\n");
  link_to ("cyrus/a/alice/default", "vacation.script");
  link_to ("cyrus/c/carol/defaultbc", "deleted.bc");
  make_dir ("cyrus/d/dave");
  link_to ("cyrus/e/eve/defaultbc", "../../b/bob/main.bc");
  link_to ("cyrus/m/mallory/default", "/etc/passwd");
  put ("cyrus/q/1up/s.script", "keep;\n");
  link_to ("cyrus/q/1up/defaultbc", "s.bc");
  /* Dovecot: ~/.dovecot.sieve -> sieve/NAME.sieve, or a plain file. */
  put ("home/bob/sieve/main.sieve", "require \"fileinto\"; fileinto \"Junk\";\n");
  link_to ("home/bob/.dovecot.sieve", "sieve/main.sieve");
  put ("home/alice/.dovecot.sieve", "keep;\n");
  link_to ("home/carol/.dovecot.sieve", "sieve/deleted.sieve");
  link_to ("home/eve/.dovecot.sieve", "../bob/sieve/main.sieve");
  make_dir ("home/eve/sieve");
  link_to ("home/mallory/sieve/evil.sieve", "/etc/passwd");
  link_to ("home/mallory/.dovecot.sieve", "sieve/evil.sieve");
  put ("vmail/example.org/bob/sieve/s.sieve", "stop;\n");
  link_to ("vmail/example.org/bob/.dovecot.sieve", "sieve/s.sieve");
  /* Site-wide scripts. */
  put ("site/before.d/20-second.sieve", "# second\n");
  put ("site/before.d/10-first.sieve", "# first\n");
  put ("site/before.d/README", "not a script\n");
  put ("site/after.sieve", "# after\n");
}

static PrdrTable *
open_store (PrdrTableSieveLayout layout, const char *path, const char *sieve_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *full = at (path);
  g_autofree char *full_dir = sieve_dir != NULL ? at (sieve_dir) : NULL;
  g_autofree char *before = at ("site/before.d");
  g_autofree char *after = at ("site/after.sieve");
  const char *befores[] = { before, NULL };
  const char *afters[] = { after, NULL };
  PrdrTableSieveSettings settings = {
    .layout = layout, .path = full, .sieve_dir = full_dir,
    .before = befores, .after = afters,
  };
  PrdrTable *table = prdr_table_sievedir_new ("scripts", &settings, &error);

  g_assert_no_error (error);
  return table;
}

/* user_script - the user's own script text (NULL: none), via lookup. */
static char *
user_script (PrdrTable *table, const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) values = NULL;

  g_assert_true (prdr_table_lookup (table, user, &values, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, <=, 1);
  return values->len == 1 ? g_strdup (values->pdata[0]) : NULL;
}

static void
assert_refused (PrdrTable *table, const char *user)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) scripts = NULL;

  g_assert_false (prdr_table_lookup_scripts (table, user, &scripts, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID);
  g_assert_null (scripts);
}

static void
test_cyrus (void)
{
  g_autoptr (PrdrTable) table = open_store (PRDR_TABLE_SIEVE_CYRUS, "cyrus", NULL);
  g_autofree char *bob = user_script (table, "bob");
  g_autofree char *alice = user_script (table, "alice");
  g_autofree char *digits = user_script (table, "1up");
  g_autofree char *carol = user_script (table, "carol");
  g_autofree char *dave = user_script (table, "dave");
  g_autofree char *nobody = user_script (table, "nobody");

  g_assert_cmpstr (bob, ==, "require \"fileinto\"; fileinto \"Junk\";\n");
  g_assert_cmpstr (alice, ==, "keep;\n");
  g_assert_cmpstr (digits, ==, "keep;\n");
  g_assert_null (carol);    /* dangling defaultbc */
  g_assert_null (dave);     /* no active script */
  g_assert_null (nobody);   /* no such user */
  assert_refused (table, "eve");       /* a link into bob's directory */
  assert_refused (table, "mallory");   /* a link to /etc/passwd */
  assert_refused (table, "..");
  assert_refused (table, "../b/bob");
}

static void
test_dovecot (void)
{
  g_autoptr (PrdrTable) table = open_store (PRDR_TABLE_SIEVE_DOVECOT,
                                            "home/%n/.dovecot.sieve", NULL);
  g_autofree char *bob = user_script (table, "bob@example.org");
  g_autofree char *alice = user_script (table, "alice");
  g_autofree char *carol = user_script (table, "carol");
  g_autofree char *nobody = user_script (table, "nobody");

  g_assert_cmpstr (bob, ==, "require \"fileinto\"; fileinto \"Junk\";\n");
  g_assert_cmpstr (alice, ==, "keep;\n");
  g_assert_null (carol);
  g_assert_null (nobody);
  assert_refused (table, "eve");
  assert_refused (table, "mallory");
  assert_refused (table, "../home/bob");
}

static void
test_dovecot_domains (void)
{
  g_autoptr (PrdrTable) table =
    open_store (PRDR_TABLE_SIEVE_DOVECOT, "vmail/%d/%n/.dovecot.sieve",
                "vmail/%d/%n/sieve");
  g_autofree char *bob = user_script (table, "bob@example.org");
  g_autofree char *other = user_script (table, "bob@example.net");

  g_assert_cmpstr (bob, ==, "stop;\n");
  g_assert_null (other);
  assert_refused (table, "bob");              /* %d of a name without a domain */
  assert_refused (table, "bob@..");
}

static void
test_site_scripts (void)
{
  g_autoptr (PrdrTable) table = open_store (PRDR_TABLE_SIEVE_CYRUS, "cyrus", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) scripts = NULL;
  g_autoptr (GPtrArray) none = NULL;

  g_assert_true (prdr_table_lookup_scripts (table, "bob", &scripts, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (scripts->len, ==, 4);
  g_assert_cmpstr (((PrdrTableScript *) scripts->pdata[0])->text, ==, "# first\n");
  g_assert_cmpstr (((PrdrTableScript *) scripts->pdata[1])->text, ==, "# second\n");
  g_assert_true (g_str_has_suffix (((PrdrTableScript *) scripts->pdata[2])->path,
                                   "/cyrus/b/bob/main.script"));
  g_assert_cmpstr (((PrdrTableScript *) scripts->pdata[3])->text, ==, "# after\n");
  g_assert_true (prdr_table_lookup_scripts (table, "dave", &none, &error));
  g_assert_cmpuint (none->len, ==, 3);
}

static const char *
active_identity (PrdrTable *table, const char *user, GPtrArray **keep)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_table_lookup_scripts (table, user, keep, &error));
  g_assert_no_error (error);
  g_assert_cmpuint ((*keep)->len, ==, 4);
  return ((PrdrTableScript *) (*keep)->pdata[2])->identity;
}

static void
test_identity (void)
{
  g_autoptr (PrdrTable) cyrus = open_store (PRDR_TABLE_SIEVE_CYRUS, "cyrus", NULL);
  g_autoptr (PrdrTable) dovecot = open_store (PRDR_TABLE_SIEVE_DOVECOT,
                                              "home/%u/.dovecot.sieve", NULL);
  g_autoptr (GPtrArray) a = NULL, b = NULL, c = NULL, d = NULL;

  /* Same text in two stores: one identity; different texts: two. */
  g_assert_cmpstr (active_identity (cyrus, "bob", &a), ==,
                   active_identity (dovecot, "bob", &b));
  g_assert_cmpstr (active_identity (cyrus, "alice", &c), ==,
                   active_identity (cyrus, "1up", &d));
  g_assert_cmpstr (((PrdrTableScript *) a->pdata[2])->identity, !=,
                   ((PrdrTableScript *) c->pdata[2])->identity);
  g_assert_true (g_str_has_prefix (((PrdrTableScript *) a->pdata[2])->identity, "sha256:"));
}

static void
test_read_only (void)
{
  g_autoptr (PrdrTable) table = open_store (PRDR_TABLE_SIEVE_CYRUS, "cyrus", NULL);
  g_autoptr (GError) error = NULL;
  gboolean inserted = TRUE;

  g_assert_cmpstr (prdr_table_backend_name (table), ==, "sievedir");
  g_assert_false (prdr_table_insert (table, "bob", "keep;", 0, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (prdr_table_insert_if_absent (table, "bob", "keep;", 0, &inserted, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_READ_ONLY);
  g_assert_false (inserted);
  g_clear_error (&error);
  g_assert_false (prdr_table_remove (table, "bob", NULL, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_true (prdr_table_expire (table, 0, &error));
  g_assert_no_error (error);
}

static void
test_relative_refused (void)
{
  g_autoptr (GError) error = NULL;
  PrdrTableSieveSettings settings = {
    .layout = PRDR_TABLE_SIEVE_CYRUS, .path = "relative/sieve",
  };

  g_assert_null (prdr_table_sievedir_new ("scripts", &settings, &error));
  g_assert_error (error, PRDR_TABLE_ERROR, PRDR_TABLE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  root = g_dir_make_tmp ("prdr-sievedir-XXXXXX", &error);
  g_assert_no_error (error);
  build_stores ();
  g_test_add_func ("/tables/sievedir/cyrus", test_cyrus);
  g_test_add_func ("/tables/sievedir/dovecot", test_dovecot);
  g_test_add_func ("/tables/sievedir/dovecot-domains", test_dovecot_domains);
  g_test_add_func ("/tables/sievedir/site-scripts", test_site_scripts);
  g_test_add_func ("/tables/sievedir/identity", test_identity);
  g_test_add_func ("/tables/sievedir/read-only", test_read_only);
  g_test_add_func ("/tables/sievedir/relative-refused", test_relative_refused);
  status = g_test_run ();
  prdr_test_tables_remove_tree (root);
  g_free (root);
  return status;
}
