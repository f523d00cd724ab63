/*
 * sieve-conformance.c - runs Pigeonhole's conformance suite (.svtest
 * files, vnd.dovecot.testsuite) against the engine and prints passed /
 * failed / skipped test blocks per file and in total.
 *
 *   sieve-conformance [-v] [--expected FILE] [--write-expected FILE] SUITE_DIR
 *
 * Each .svtest file runs in a child process (a crash or a hang, bounded by
 * TS_FILE_SECONDS, fails that file's blocks only).
 *
 * Skipped (unsupported): a block that needs an extension outside issue 5's
 * scope.  The list and the reasons are in testsuite-scope.c (deprecated
 * imapflags and notify, mboxmetadata/servermetadata, special-use, every
 * vnd.dovecot.* but the testsuite); only a capability the engine does not
 * know counts.  The rule: a .svtest file that names such a capability in
 * require/ihave and fails to compile has all its blocks skipped; a block
 * that FAILED after compiling a script (test_script_compile) that names
 * one is skipped too, as its failure comes from the missing extension (a
 * block that passes anyway stays passed).  Test names are never looked at.  Files under failures/ are fuzzing regressions whose blocks
 * are expected to fail (upstream runs them with -F): there a block passes
 * when it fails without crashing.  With --expected, the exit status is 1
 * when a block listed in FILE (lines "file<TAB>block") did not pass: the
 * engine may grow, it may not regress.  --write-expected regenerates FILE.
 */
#include "testsuite.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define TS_FILE_SECONDS 60

static const char TS_DEFAULT_MESSAGE[] =
  "From: sender@example.com\r\nTo: recipient@example.org\r\nSubject: Frop!\r\n\r\nFrop!\r\n";

/* ts_block_names - names of the test blocks, outside comments */
static GPtrArray *
ts_block_names (const char *text)
{
  g_autoptr (GRegex) comments = g_regex_new ("/\\*.*?\\*/", G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GRegex) tests = g_regex_new ("^\\s*test\\s*\"((?:[^\"\\\\]|\\\\.)*)\"",
                                          G_REGEX_MULTILINE, 0, NULL);
  g_autofree char *clean = g_regex_replace_literal (comments, text, -1, 0, "", 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_regex_match (tests, clean, 0, &mi);
  while (g_match_info_matches (mi))
    {
      g_autofree char *raw = g_match_info_fetch (mi, 1);
      g_ptr_array_add (names, g_strcompress (raw));
      g_match_info_next (mi, NULL);
    }
  return names;
}

static const char *
ts_namespace (PrdrSieveRun *run, const char *name)
{
  return g_ascii_strcasecmp (name, "tst.path") == 0 ? ts_state (run)->dir : NULL;
}

/* ts_report - one line per block to @out: "P\tname", "F\tname\treason",
 * "S\tname\treason" */
static void
ts_report (FILE *out, char kind, const char *name, const char *reason)
{
  g_autofree char *r = g_strdup (reason ? reason : "");
  g_strdelimit (r, "\t\n\r", ' ');
  fprintf (out, "%c\t%s\t%s\n", kind, name, r);
}

/* ts_run_file - compile and run one .svtest; reports its blocks */
static void
ts_run_file (const char *path, const char *rel, FILE *out)
{
  g_autofree char *text = NULL, *dir = g_path_get_dirname (path);
  g_autoptr (GPtrArray) names = NULL, diags = NULL;
  g_autoptr (PrdrSieveScript) script = NULL;
  g_autoptr (PrdrSieveMessage) msg = NULL;
  TsState *ts = ts_state_new (dir);
  PrdrSieveEnvelope env = { "sender@example.com", "recipient@example.org",
                            "recipient@example.org", NULL };
  PrdrSieveRun run;
  gsize len;

  g_file_get_contents (path, &text, &len, NULL);
  names = ts_block_names (text ? text : "");
  script = text ? prdr_sieve_script_compile (&ts->ctx, rel, text, len, &diags, NULL) : NULL;
  if (!script)
    {
      g_autofree char *cap = ts_scope_unsupported (&ts->ctx, text ? text : "");
      g_autofree char *why = cap ? g_strdup_printf ("unsupported extension '%s'", cap) : NULL;
      for (guint i = 0; !why && diags && i < diags->len; i++)
        {
          PrdrSieveDiagnostic *d = g_ptr_array_index (diags, i);
          if (!d->warning)
            why = g_strdup (d->text);
        }
      for (guint i = 0; i < names->len; i++)
        ts_report (out, cap ? 'S' : 'F', g_ptr_array_index (names, i),
                   why ? why : "failed to compile testcase script");
      ts_state_free (ts);
      return;
    }
  msg = prdr_sieve_message_new_from_bytes (TS_DEFAULT_MESSAGE, strlen (TS_DEFAULT_MESSAGE), NULL);
  prdr_sieve_run_init (&run, msg, &env, &ts->ctx);
  run.ext_data = ts;
  run.namespace_lookup = ts_namespace;
  if (prdr_sieve_run_script (&run, script) == PRDR_SIEVE_STATUS_ERROR)
    fprintf (stderr, "%s: execution aborted: %s\n", rel,
             run.error ? run.error->message : "error");
  for (guint i = 0; i < ts->blocks->len; i++)
    {
      TsBlock *b = g_ptr_array_index (ts->blocks, i);
      ts_report (out, b->passed ? 'P' : b->skipped ? 'S' : 'F', b->name, b->reason);
    }
  for (guint i = ts->blocks->len; i < names->len; i++)
    ts_report (out, 'F', g_ptr_array_index (names, i), "not reached");
  prdr_sieve_run_clear (&run);
  ts_state_free (ts);
}

/* ts_run_child - run one file in a child process; returns its report */
static char *
ts_run_child (const char *path, const char *rel)
{
  int fds[2];
  pid_t pid;
  GString *buf = g_string_new (NULL);
  char chunk[4096];
  ssize_t n;

  if (pipe (fds) != 0)
    g_error ("pipe failed");
  pid = fork ();
  if (pid == 0)
    {
      FILE *out = fdopen (fds[1], "w");
      close (fds[0]);
      alarm (TS_FILE_SECONDS);
      ts_run_file (path, rel, out);
      fclose (out);
      _exit (0);
    }
  close (fds[1]);
  while ((n = read (fds[0], chunk, sizeof chunk)) > 0)
    g_string_append_len (buf, chunk, n);
  close (fds[0]);
  waitpid (pid, NULL, 0);
  return g_string_free (buf, FALSE);
}

static void
ts_collect (const char *dir, const char *rel, GPtrArray *files)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *sub = *rel ? g_build_filename (rel, name, NULL) : g_strdup (name);
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        ts_collect (path, sub, files);
      else if (g_str_has_suffix (name, ".svtest"))
        g_ptr_array_add (files, g_steal_pointer (&sub));
    }
}

static gint
ts_strcmp (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

typedef struct {
  guint passed, failed, skipped;
} TsCounts;

/* ts_tally - count one file's report; passing blocks go to @passing */
static TsCounts
ts_tally (const char *rel, const char *report, GHashTable *passing, gboolean verbose,
          guint expected_blocks)
{
  g_auto (GStrv) lines = g_strsplit (report, "\n", -1);
  gboolean inverted = g_str_has_prefix (rel, "failures/");
  TsCounts c = { 0, 0, 0 };

  for (char **l = lines; *l && **l; l++)
    {
      g_auto (GStrv) f = g_strsplit (*l, "\t", 3);
      char kind = f[0][0];
      if (inverted && kind != 'S')
        kind = kind == 'F' ? 'P' : 'F';
      if (kind == 'P')
        {
          c.passed++;
          g_hash_table_add (passing, g_strdup_printf ("%s\t%s", rel, f[1]));
        }
      else if (kind == 'S')
        {
          c.skipped++;
          if (verbose)
            printf ("  SKIPPED %s: %s\n", f[1], f[2] ? f[2] : "");
        }
      else
        {
          c.failed++;
          if (verbose)
            printf ("  FAILED %s: %s\n", f[1], f[2] ? f[2] : "");
        }
    }
  if (c.passed + c.failed + c.skipped < expected_blocks)
    c.failed += expected_blocks - (c.passed + c.failed + c.skipped);   /* crashed */
  return c;
}

/* ts_check_expected - every block listed in @file must be in @passing */
static guint
ts_check_expected (const char *file, GHashTable *passing)
{
  g_autofree char *text = NULL;
  g_auto (GStrv) lines = NULL;
  guint regressions = 0;

  if (!g_file_get_contents (file, &text, NULL, NULL))
    {
      fprintf (stderr, "sieve-conformance: cannot read %s\n", file);
      return 1;
    }
  lines = g_strsplit (text, "\n", -1);
  for (char **l = lines; *l; l++)
    if (**l && **l != '#' && !g_hash_table_contains (passing, *l))
      {
        printf ("REGRESSION: %s\n", *l);
        regressions++;
      }
  return regressions;
}

static void
ts_write_expected (const char *file, GHashTable *passing)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter it;
  gpointer key;
  g_autoptr (GString) out = g_string_new (
    "# Conformance blocks that pass (file<TAB>block); regenerate with\n"
    "#   build/tests/conformance/sieve-conformance --write-expected "
    "tests/conformance/expected-pass.txt ../shared/conformance/pigeonhole-tests\n");

  g_hash_table_iter_init (&it, passing);
  while (g_hash_table_iter_next (&it, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, ts_strcmp);
  for (guint i = 0; i < keys->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (keys, i));
  g_file_set_contents (file, out->str, out->len, NULL);
}

int
main (int argc, char **argv)
{
  gboolean verbose = FALSE;
  char *expected = NULL, *write_expected = NULL;
  GOptionEntry entries[] = {
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose, "print failed and skipped blocks",
      NULL },
    { "expected", 0, 0, G_OPTION_ARG_FILENAME, &expected, "blocks that must pass", "FILE" },
    { "write-expected", 0, 0, G_OPTION_ARG_FILENAME, &write_expected, "write them", "FILE" },
    { NULL, 0, 0, 0, NULL, NULL, NULL },
  };
  g_autoptr (GOptionContext) oc = g_option_context_new ("SUITE_DIR");
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) passing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *tests = NULL;
  TsCounts total = { 0, 0, 0 };
  guint regressions = 0;

  g_option_context_add_main_entries (oc, entries, NULL);
  if (!g_option_context_parse (oc, &argc, &argv, NULL) || argc != 2)
    {
      fprintf (stderr, "usage: sieve-conformance [-v] [--expected FILE] "
               "[--write-expected FILE] SUITE_DIR\n");
      return 2;
    }
  g_mime_init ();
  tests = g_build_filename (argv[1], "tests", NULL);
  ts_collect (tests, "", files);
  g_ptr_array_sort (files, ts_strcmp);
  for (guint i = 0; i < files->len; i++)
    {
      const char *rel = g_ptr_array_index (files, i);
      g_autofree char *path = g_build_filename (tests, rel, NULL), *text = NULL;
      g_autofree char *report = ts_run_child (path, rel);
      g_autoptr (GPtrArray) names = NULL;
      TsCounts c;

      g_file_get_contents (path, &text, NULL, NULL);
      names = ts_block_names (text ? text : "");
      printf ("%s:\n", rel);
      c = ts_tally (rel, report, passing, verbose, names->len);
      printf ("%s: %u passed, %u failed, %u skipped\n", rel, c.passed, c.failed, c.skipped);
      total.passed += c.passed;
      total.failed += c.failed;
      total.skipped += c.skipped;
    }
  printf ("TOTAL: %u passed, %u failed, %u skipped blocks in %u files\n", total.passed,
          total.failed, total.skipped, files->len);
  if (write_expected)
    ts_write_expected (write_expected, passing);
  if (expected)
    regressions = ts_check_expected (expected, passing);
  g_free (expected);
  g_free (write_expected);
  return regressions ? 1 : 0;
}
