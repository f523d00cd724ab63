/*
 * test-exec.c - the module "exec" through the engine: programs chosen by
 * %u, one run for recipients sharing a program (counted), accept, reject
 * with the program's text, tempfail, abstaining (missing program, unsafe
 * user), refusals and failures tempfailed, bad reply text replaced, the
 * environment and the message the program sees, configuration errors.
 *
 * As root, the test's programs belong to "nobody" and run as nobody (the
 * production set-up); otherwise they run as the user running the test.
 * They write what they saw into DIR/out, which anyone may write.
 */
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "harness.h"
#include "programs.h"

typedef struct {
  char *dir;         /* the programs: DIR/USER.filter */
  char *out;         /* DIR/out, where programs write (mode 0777) */
  Harness *harness;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  f->dir = programs_dir_new ();
  f->out = g_build_filename (f->dir, "out", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0777), ==, 0);
  g_assert_cmpint (g_chmod (f->out, 0777), ==, 0);
}

/* exec_program - a program in the fixture's directory, owned by nobody when
 * the test runs as root. */
static void
exec_program (Fixture *f, const char *name, const char *body)
{
  g_autofree char *path = program_write (f->dir, name, body);
  if (geteuid () == 0)
    {
      struct passwd *nobody = getpwnam ("nobody");
      g_assert_nonnull (nobody);
      g_assert_cmpint (chown (path, nobody->pw_uid, nobody->pw_gid), ==, 0);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  harness_free (f->harness);
  programs_dir_remove (f->dir);
  g_free (f->dir);
  g_free (f->out);
}

/* fixture_start - the engine with exec (timeout @timeout), a transaction
 * from alice@example.net and the RCPTs in @rcpts (each must be accepted at
 * RCPT: exec decides only at the end), then the end of message. */
static void
fixture_run (Fixture *f, const char *timeout, const char *const *rcpts)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_strdup_printf (
    "[general]\nmodules = exec\nspooldir = %s\n"
    "[exec]\nprogram = %s/%%u.filter\ntimeout = %s\n", f->dir, f->dir, timeout);
  f->harness = harness_new (config, &error);
  g_assert_no_error (error);
  harness_begin (f->harness, "alice@example.net", NULL);
  for (gsize i = 0; rcpts[i] != NULL; i++)
    assert_outcome (harness_rcpt (f->harness, rcpts[i]), PRDR_VERDICT_CONTINUE,
                    NULL, NULL, NULL);
  harness_eom (f->harness);
}

static PrdrOutcome
outcome (Fixture *f, guint index)
{
  return harness_outcome (f->harness, index);
}

/* Alice and Carol share one program (their files are links to it): it runs
 * once for both and sees both in RECIPIENTS.  Bob's rejects with his text,
 * Eve has none. */
static void
test_shared_program (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *shared = g_build_filename (f->dir, "shared", NULL);
  exec_program (f, "shared",
    "echo run >> @DIR@/out/runs.log\nprintf '%s\\n' \"$RECIPIENTS\" > @DIR@/out/shared.rcpts\n");
  g_autofree char *alice = g_build_filename (f->dir, "alice.filter", NULL);
  g_autofree char *carol = g_build_filename (f->dir, "carol.filter", NULL);
  g_assert_cmpint (symlink (shared, alice), ==, 0);
  g_assert_cmpint (symlink (shared, carol), ==, 0);
  exec_program (f, "bob.filter",
    "echo run >> @DIR@/out/runs.log\necho '5.7.1 bob does not want this'\nexit 1\n");

  const char *rcpts[] = { "alice@example.org", "Bob@example.org", "carol+news@example.org",
                          "eve@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  assert_outcome (outcome (f, 0), PRDR_VERDICT_ACCEPT, NULL, NULL, NULL);
  g_assert_cmpstr (outcome (f, 0).module, ==, "exec");
  assert_outcome (outcome (f, 1), PRDR_VERDICT_REJECT, "550", "5.7.1", "bob does not want this");
  assert_outcome (outcome (f, 2), PRDR_VERDICT_ACCEPT, NULL, NULL, NULL);
  assert_outcome (outcome (f, 3), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);

  g_autofree char *runs = program_file (f->out, "runs.log");
  g_assert_cmpstr (runs, ==, "run\nrun\n");   /* shared once, bob once */
  g_autofree char *seen = program_file (f->out, "shared.rcpts");
  g_assert_cmpstr (seen, ==, "alice@example.org\ncarol+news@example.org\n");
}

static void
test_tempfail_exit (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, "dave.filter",
                                         "echo '4.2.2 mailbox full'\nexit 75\n");
  const char *rcpts[] = { "dave@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  assert_outcome (outcome (f, 0), PRDR_VERDICT_TEMPFAIL, "451", "4.2.2", "mailbox full");
}

/* Exit 10: deliver to the recipient's Junk sub-address and still reject
 * with the program's text; a shared program delivers to each recipient. */
static void
test_junk_exit (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, "dave.filter", "echo '5.7.1 dave files this as spam'\nexit 10\n");
  g_autofree char *shared = g_build_filename (f->dir, "dave.filter", NULL);
  g_autofree char *erin = g_build_filename (f->dir, "erin.filter", NULL);
  const char *rcpts[] = { "Dave+lists@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  PrdrOutcome o = outcome (f, 0);
  assert_outcome (o, PRDR_VERDICT_REJECT, "550", "5.7.1", "dave files this as spam");
  g_assert_cmpstr (o.deliver_to, ==, "dave+Junk@example.org");
  harness_free (g_steal_pointer (&f->harness));

  g_assert_cmpint (symlink (shared, erin), ==, 0);
  const char *two[] = { "dave@example.org", "erin@example.org", NULL };
  fixture_run (f, "30s", two);
  g_assert_cmpstr (outcome (f, 0).deliver_to, ==, "dave@example.org");
  g_assert_cmpstr (outcome (f, 1).deliver_to, ==, "erin@example.org");
  assert_outcome (outcome (f, 1), PRDR_VERDICT_REJECT, "550", "5.7.1", "dave files this as spam");
}

/* A program without output gets the engine's generic reply. */
static void
test_reject_without_text (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, "bob.filter", "exit 1\n");
  const char *rcpts[] = { "bob@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  PrdrOutcome o = outcome (f, 0);
  assert_outcome (o, PRDR_VERDICT_REJECT, NULL, NULL, NULL);
  g_assert_nonnull (o.reply);
  g_assert_cmpint (o.reply->code[0], ==, '5');
}

/* Text the reply parser refuses, and a 4xx code on a reject, give way to
 * the generic reply. */
static void
test_bad_reply_text (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *long_text = g_strnfill (2000, 'x');
  g_autofree char *body = g_strdup_printf ("echo '%s'\nexit 1\n", long_text);
  exec_program (f, "bob.filter", body);
  exec_program (f, "carl.filter",
                                         "echo '451 4.7.1 come back'\nexit 1\n");
  exec_program (f, "dan.filter",
                                        "printf 'a\\033[2Jb\\n'\nexit 1\n");
  const char *rcpts[] = { "bob@example.org", "carl@example.org", "dan@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  for (guint i = 0; i < 3; i++)
    {
      PrdrOutcome o = outcome (f, i);
      assert_outcome (o, PRDR_VERDICT_REJECT, NULL, NULL, NULL);
      g_assert_cmpint (o.reply->code[0], ==, '5');
      g_assert_null (strstr (o.reply->text, "xxxx"));
      g_assert_null (strstr (o.reply->text, "come back"));
      g_assert_null (strchr (o.reply->text, '\033'));
    }
}

static void
test_hang (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, "bob.filter", "sleep 600\n");
  const char *rcpts[] = { "bob@example.org", NULL };
  fixture_run (f, "1s", rcpts);
  PrdrOutcome o = outcome (f, 0);
  assert_outcome (o, PRDR_VERDICT_TEMPFAIL, NULL, NULL, NULL);
  g_assert_cmpint (o.reply->code[0], ==, '4');
}

static void
test_signal (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, "bob.filter",
                                        "echo '5.7.1 no'\nkill -KILL $$\n");
  const char *rcpts[] = { "bob@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  assert_outcome (outcome (f, 0), PRDR_VERDICT_TEMPFAIL, NULL, NULL, NULL);
}

/* Refused programs are tempfailed (mail is not lost to a misconfiguration)
 * and never run. */
static void
test_group_writable (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *bob = g_build_filename (f->dir, "bob.filter", NULL);
  exec_program (f, "bob.filter", "touch @DIR@/out/ran\nexit 1\n");
  g_assert_cmpint (g_chmod (bob, 0775), ==, 0);
  const char *rcpts[] = { "bob@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  assert_outcome (outcome (f, 0), PRDR_VERDICT_TEMPFAIL, NULL, NULL, NULL);
  g_autofree char *ran = program_file (f->out, "ran");
  g_assert_null (ran);
}

/* A user that would make an unsafe path: the module abstains, the file it
 * would name is not run. */
static void
test_unsafe_user (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, ".hidden.filter",
                                           "touch @DIR@/out/ran\nexit 1\n");
  const char *rcpts[] = { ".hidden@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  assert_outcome (outcome (f, 0), PRDR_VERDICT_CONTINUE, NULL, NULL, NULL);
  g_autofree char *ran = program_file (f->out, "ran");
  g_assert_null (ran);
}

static void
test_environment_and_stdin (Fixture *f, gconstpointer data)
{
  (void) data;
  exec_program (f, "bob.filter",
    "printf '%s|%s|%s|%s|%s' \"$SENDER\" \"$RECIPIENTS\" \"$CLIENT_ADDRESS\" "
    "\"$CLIENT_HELO\" \"$QUEUE_ID\" > @DIR@/out/env.out\ncat > @DIR@/out/stdin.out\n");
  const char *rcpts[] = { "bob@example.org", NULL };
  fixture_run (f, "30s", rcpts);
  assert_outcome (outcome (f, 0), PRDR_VERDICT_ACCEPT, NULL, NULL, NULL);
  g_autofree char *env = program_file (f->out, "env.out");
  g_assert_cmpstr (env, ==,
                   "alice@example.net|bob@example.org|192.0.2.7|mail.example.net|4XyZ123");
  g_autofree char *seen = program_file (f->out, "stdin.out");
  g_autofree char *spool = harness_spool (f->harness);
  g_assert_nonnull (seen);
  g_assert_nonnull (strstr (spool, "this is the body."));
  g_assert_cmpstr (seen, ==, spool);
}

/* assert_config_error - @section_text refused, the message naming @what
 * and the line of the key. */
static void
assert_config_error (const char *section_text, const char *what, const char *line)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *config = g_strdup_printf ("[general]\nmodules = exec\n[exec]\n%s",
                                             section_text);
  g_autoptr (Harness) h = harness_new (config, &error);
  g_assert_null (h);
  g_assert_nonnull (error);
  if (strstr (error->message, what) == NULL || strstr (error->message, line) == NULL)
    g_error ("expected an error with \"%s\" at %s, got: %s", what, line, error->message);
}

static void
test_config_errors (void)
{
  assert_config_error ("timeout = 5s\n", "program", "test.conf");
  assert_config_error ("program = home/%u/.f\n", "absolute", "test.conf:4");
  assert_config_error ("program = /home/%x/.f\n", "unknown escape", "test.conf:4");
  assert_config_error ("program = /home/%u/.f\ntimeout = 0\n", "timeout", "test.conf:5");
  assert_config_error ("program = /home/%u/.f\nlimit-memory = lots\n", "limit-memory",
                       "test.conf:5");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/exec/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("shared-program", test_shared_program);
  ADD ("tempfail-exit", test_tempfail_exit);
  ADD ("reject-without-text", test_reject_without_text);
  ADD ("bad-reply-text", test_bad_reply_text);
  ADD ("hang", test_hang);
  ADD ("signal", test_signal);
  ADD ("group-writable", test_group_writable);
  ADD ("unsafe-user", test_unsafe_user);
  ADD ("environment-and-stdin", test_environment_and_stdin);
  g_test_add_func ("/exec/config-errors", test_config_errors);
  ADD ("junk-exit", test_junk_exit);
  return g_test_run ();
}
