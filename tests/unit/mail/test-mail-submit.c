/*
 * test-mail-submit.c - prdr_mail_submit against fake sendmail programs
 * (shell scripts in a temporary directory) that record their argv, stdin
 * and environment, fail, or hang: the argv a null-sender DSN gets, the
 * message on stdin parsed back, the clean environment, hostile addresses
 * refused before anything runs, exit status and output in the error, and the
 * timeout killing the whole process group.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "mail/dsn.h"
#include "mail/mail-error.h"
#include "mail/submit.h"
#include "mail-test-util.h"

/* The generous time a working fake gets (slow machines, sanitizers). */
#define TEST_TIMEOUT_MS 30000

typedef struct {
  char *dir;
} Fixture;

static char *
fake (Fixture *f, const char *name, const char *body)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *script = g_strdup_printf ("#!/bin/sh\nd='%s'\n%s", f->dir, body);
  GError *error = NULL;
  g_assert_true (g_file_set_contents (path, script, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (chmod (path, 0755), ==, 0);
  return path;
}

static char *
read_file (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  char *text = NULL;
  GError *error = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static gboolean
exists (Fixture *f, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  (void) data;
  GError *error = NULL;
  f->dir = g_dir_make_tmp ("prdr-mail-submit-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *path = g_build_filename (f->dir, name, NULL);
    g_unlink (path);
  }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const char recorder[] =
  "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > \"$d/argv\"\n"
  "cat > \"$d/stdin\"\n"
  "env > \"$d/env\"\n"
  "exit 0\n";

/* dsn - a small DSN for alice@example.org. */
static GMimeMessage *
dsn (void)
{
  GError *error = NULL;
  PrdrMailDsn *d = prdr_mail_dsn_new ("mx.test.example", "alice@example.org", &error);
  g_assert_no_error (error);
  PrdrMailDsnRecipient r = { "bob@example.net", NULL, NULL, "550", "5.7.1", "go away" };
  g_assert_true (prdr_mail_dsn_add_recipient (d, &r, &error));
  GMimeMessage *message = prdr_mail_dsn_build (d, &error);
  g_assert_no_error (error);
  prdr_mail_dsn_free (d);
  return message;
}

/* The null-sender DSN: argv, stdin, environment. */
static void
test_submit_records (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *program = fake (f, "sendmail", recorder);
  GMimeMessage *message = dsn ();
  const char *rcpts[] = { "alice@example.org", NULL };
  GError *error = NULL;
  g_setenv ("PRDR_TEST_SECRET", "leak", TRUE);
  g_assert_true (prdr_mail_submit (program, "", rcpts, GMIME_OBJECT (message),
                                   TEST_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_autofree char *argv = read_file (f, "argv");
  g_assert_cmpstr (argv, ==, "-i\n-f\n<>\n--\nalice@example.org\n");

  g_autofree char *env = read_file (f, "env");
  g_assert_null (strstr (env, "PRDR_TEST_SECRET"));
  g_assert_nonnull (strstr (env, "PATH=/usr/sbin:/usr/bin:/sbin:/bin\n"));

  g_autofree char *stdin_text = read_file (f, "stdin");
  GMimeMessage *got = mail_test_parse ((const guint8 *) stdin_text, strlen (stdin_text));
  g_assert_cmpstr (g_mime_message_get_message_id (got), ==,
                   g_mime_message_get_message_id (message));
  GMimeContentType *type = g_mime_object_get_content_type (g_mime_message_get_mime_part (got));
  g_assert_true (g_mime_content_type_is_type (type, "multipart", "report"));
  g_assert_null (strchr (stdin_text, '\r'));
  g_object_unref (got);
  g_object_unref (message);
}

/* A program line with arguments, a real sender, several recipients, and a
 * message large enough to need many writes. */
static void
test_submit_args_and_size (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *program = fake (f, "sendmail", recorder);
  g_autofree char *line = g_strdup_printf ("'%s' -C '/etc/postfix out'", program);
  g_autoptr (GString) body = g_string_new (NULL);
  while (body->len < 3 * 1024 * 1024)
    g_string_append (body, "A line of body text to fill the socket buffer many times.\n");
  GMimeMessage *message = g_mime_message_new (TRUE);
  g_mime_message_set_subject (message, "big", NULL);
  GMimeTextPart *part = g_mime_text_part_new ();
  g_mime_text_part_set_text (part, body->str);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  g_object_unref (part);
  GByteArray *expected = mail_test_serialize (GMIME_OBJECT (message));
  const char *rcpts[] = { "a@example.net", "b@example.net", NULL };
  GError *error = NULL;
  g_assert_true (prdr_mail_submit (line, "owner@example.org", rcpts, GMIME_OBJECT (message),
                                   TEST_TIMEOUT_MS, &error));
  g_assert_no_error (error);
  g_autofree char *argv = read_file (f, "argv");
  g_assert_cmpstr (argv, ==, "-C\n/etc/postfix out\n-i\n-f\nowner@example.org\n--\n"
                   "a@example.net\nb@example.net\n");
  g_autofree char *stdin_text = read_file (f, "stdin");
  g_assert_cmpuint (strlen (stdin_text), ==, expected->len);
  g_assert_true (memcmp (stdin_text, expected->data, expected->len) == 0);
  g_byte_array_unref (expected);
  g_object_unref (message);
}

/* Hostile addresses and program lines are refused before anything runs. */
static void
test_submit_refuses (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *program = fake (f, "sendmail", recorder);
  GMimeMessage *message = dsn ();
  const char *const *cases[] = {
    (const char *[]) { "-oQ/tmp/evil", NULL },
    (const char *[]) { "a@example.net\nBcc: b@example.net", NULL },
    (const char *[]) { "ok@example.net", "-bs", NULL },
    (const char *[]) { NULL },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++) {
    GError *error = NULL;
    g_assert_false (prdr_mail_submit (program, "", cases[i], GMIME_OBJECT (message),
                                      TEST_TIMEOUT_MS, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
  const char *rcpts[] = { "a@example.net", NULL };
  const char *bad_senders[] = { "-bd", "x@example.net\r\nBcc: y" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_senders); i++) {
    GError *error = NULL;
    g_assert_false (prdr_mail_submit (program, bad_senders[i], rcpts,
                                      GMIME_OBJECT (message), TEST_TIMEOUT_MS, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
  const char *bad_programs[] = { "sendmail", "'/usr/sbin/sendmail", "" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad_programs); i++) {
    GError *error = NULL;
    g_assert_false (prdr_mail_submit (bad_programs[i], "", rcpts, GMIME_OBJECT (message),
                                      TEST_TIMEOUT_MS, &error));
    g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_false (exists (f, "argv"));
  g_object_unref (message);
}

/* A failing program: its exit status and first output line are reported;
 * a missing program is an error too. */
static void
test_submit_failure (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *program = fake (f, "sendmail",
      "cat > /dev/null\necho 'sendmail: fatal: queue file write error' >&2\nexit 75\n");
  GMimeMessage *message = dsn ();
  const char *rcpts[] = { "a@example.net", NULL };
  GError *error = NULL;
  g_assert_false (prdr_mail_submit (program, "", rcpts, GMIME_OBJECT (message),
                                    TEST_TIMEOUT_MS, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT);
  g_assert_nonnull (strstr (error->message, "status 75"));
  g_assert_nonnull (strstr (error->message, "queue file write error"));
  g_clear_error (&error);

  g_autofree char *missing = g_build_filename (f->dir, "no-such-sendmail", NULL);
  g_assert_false (prdr_mail_submit (missing, "", rcpts, GMIME_OBJECT (message),
                                    TEST_TIMEOUT_MS, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT);
  g_clear_error (&error);
  g_object_unref (message);
}

/* With SIGCHLD ignored the kernel reaps the program and its exit status is
 * lost: that is a failure, not a success and not a timeout. */
static void
test_submit_status_lost (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *program = fake (f, "sendmail", recorder);
  GMimeMessage *message = dsn ();
  const char *rcpts[] = { "a@example.net", NULL };
  GError *error = NULL;
  signal (SIGCHLD, SIG_IGN);
  gboolean ok = prdr_mail_submit (program, "", rcpts, GMIME_OBJECT (message),
                                  TEST_TIMEOUT_MS, &error);
  signal (SIGCHLD, SIG_DFL);
  g_assert_false (ok);
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT);
  g_assert_nonnull (strstr (error->message, "exit status was lost"));
  g_clear_error (&error);
  g_object_unref (message);
}

/* process_gone - TRUE once @pid no longer runs (gone or a zombie). */
static gboolean
process_gone (pid_t pid)
{
  for (int i = 0; i < 500; i++) {
    if (kill (pid, 0) < 0 && errno == ESRCH)
      return TRUE;
    g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
    g_autofree char *stat = NULL;
    if (g_file_get_contents (stat_path, &stat, NULL, NULL)) {
      const char *end = strrchr (stat, ')');
      if (end != NULL && end[1] == ' ' && (end[2] == 'Z' || end[2] == 'X'))
        return TRUE;
    }
    g_usleep (10000);
  }
  return FALSE;
}

/* A program that never reads nor exits is killed with its children at the
 * deadline, and the caller gets a timeout error. */
static void
test_submit_timeout (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *program = fake (f, "sendmail",
      "sleep 300 &\necho $! > \"$d/child.pid\"\necho $$ > \"$d/pid\"\nwait\n");
  g_autoptr (GString) body = g_string_new (NULL);
  while (body->len < 1024 * 1024)
    g_string_append (body, "more text than a socket buffer holds\n");
  GMimeMessage *message = g_mime_message_new (TRUE);
  GMimeTextPart *part = g_mime_text_part_new ();
  g_mime_text_part_set_text (part, body->str);
  g_mime_message_set_mime_part (message, GMIME_OBJECT (part));
  g_object_unref (part);
  const char *rcpts[] = { "a@example.net", NULL };
  GError *error = NULL;
  g_assert_false (prdr_mail_submit (program, "", rcpts, GMIME_OBJECT (message), 500, &error));
  g_assert_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_TIMEOUT);
  g_clear_error (&error);
  g_autofree char *pid_text = read_file (f, "pid");
  g_autofree char *child_text = read_file (f, "child.pid");
  g_assert_true (process_gone ((pid_t) atoi (pid_text)));
  g_assert_true (process_gone ((pid_t) atoi (child_text)));
  g_object_unref (message);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_mime_init ();
  g_test_add ("/mail/submit/records", Fixture, NULL, fixture_setup, test_submit_records,
              fixture_teardown);
  g_test_add ("/mail/submit/args-and-size", Fixture, NULL, fixture_setup,
              test_submit_args_and_size, fixture_teardown);
  g_test_add ("/mail/submit/refuses", Fixture, NULL, fixture_setup, test_submit_refuses,
              fixture_teardown);
  g_test_add ("/mail/submit/failure", Fixture, NULL, fixture_setup, test_submit_failure,
              fixture_teardown);
  g_test_add ("/mail/submit/status-lost", Fixture, NULL, fixture_setup,
              test_submit_status_lost, fixture_teardown);
  g_test_add ("/mail/submit/timeout", Fixture, NULL, fixture_setup, test_submit_timeout,
              fixture_teardown);
  int rc = g_test_run ();
  g_mime_shutdown ();
  return rc;
}
