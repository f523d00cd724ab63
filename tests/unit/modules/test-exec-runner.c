/*
 * test-exec-runner.c - the exec module's privileged runner with real little
 * programs written into a temporary directory: exit statuses, the reply
 * line, a program that hangs (and its children), one killed by a signal,
 * missing and unsafe programs, the clean environment, the message on
 * standard input, rlimits, concurrent requests, and (as root) running as
 * the program's owner.
 *
 * The test's programs belong to the user running the test; when that is
 * root, they can only run with allow_root, so the fixture sets it then.  The
 * privilege tests build their own runner without it.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "exec-runner.h"
#include "programs.h"

#define MESSAGE "From: alice@example.net\r\nSubject: hello\r\n\r\nbody line\r\n"

typedef struct {
  char *dir;              /* the programs' directory (mode 0755) */
  int message;            /* the message, at its end as after spooling */
  PrdrExecPolicy policy;
  PrdrExecRunner *runner;
} Fixture;

static void
fixture_start_runner (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  f->runner = prdr_exec_runner_new (&f->policy, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = programs_dir_new ();
  g_autofree char *message = g_build_filename (f->dir, "message", NULL);
  f->message = open (message, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  g_assert_cmpint (f->message, >=, 0);
  g_assert_cmpint (write (f->message, MESSAGE, strlen (MESSAGE)), ==, strlen (MESSAGE));
  f->policy = (PrdrExecPolicy) {
    .allow_root = geteuid () == 0,
    .timeout_seconds = data != NULL ? GPOINTER_TO_UINT (data) : 30,
  };
  fixture_start_runner (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  prdr_exec_runner_free (f->runner);
  close (f->message);
  programs_dir_remove (f->dir);
  g_free (f->dir);
}

/* fixture_file - a path in the fixture's directory. */
static char *
fixture_file (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static char *
fixture_program (Fixture *f, const char *name, const char *body)
{
  return program_write (f->dir, name, body);
}

static PrdrExecResult *
fixture_run (Fixture *f, const char *path)
{
  PrdrExecEnvelope envelope = {
    .sender = "alice@example.net",
    .recipients = "bob@example.org\ncarol@example.org",
    .client_address = "192.0.2.7",
    .client_helo = "mail.example.net",
    .queue_id = "4XyZ123",
  };
  return prdr_exec_runner_run (f->runner, path, &envelope, f->message);
}

static void
assert_ran (const PrdrExecResult *result, int exit_code)
{
  if (result->status != PRDR_EXEC_STATUS_RAN)
    g_error ("expected the program to run, got %s: %s",
             prdr_exec_status_name (result->status), result->reason);
  g_assert_cmpint (result->exit_code, ==, exit_code);
  g_assert_cmpint (result->signal, ==, 0);
  g_assert_false (result->timed_out);
}

static void
test_accept (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "accept", "exit 0\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 0);
  g_assert_cmpstr (result->output, ==, "");
}

static void
test_reject_with_text (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "reject",
    "echo '5.7.1 bob does not want this'\necho 'second line'\nexit 1\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 1);
  g_assert_cmpstr (result->output, ==, "5.7.1 bob does not want this");
  g_assert_cmpuint (result->output_length, ==, strlen (result->output));
}

static void
test_tempfail_exit (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "later", "printf 'busy\\r\\n'\nexit 75\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 75);
  g_assert_cmpstr (result->output, ==, "busy");
}

/* A NUL byte in the line must reach the module as such (it then refuses
 * the text), not cut the line short. */
static void
test_output_with_nul (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "nul", "printf 'a\\000b\\n'\nexit 1\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 1);
  g_assert_cmpuint (result->output_length, ==, 3);
  g_assert_cmpmem (result->output, 3, "a\0b", 3);
}

/* A huge output: the first line is kept, the rest drained, no blocking. */
static void
test_output_flood (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "flood",
    "echo 'first'\nhead -c 3000000 /dev/zero\nexit 2\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 2);
  g_assert_cmpstr (result->output, ==, "first");
}

/* process_dead - whether @pid is gone or a zombie, waiting a bounded while
 * for a SIGKILL sent to it to take effect. */
static gboolean
process_dead (pid_t pid)
{
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
      g_autofree char *stat = NULL;
      if (!g_file_get_contents (stat_path, &stat, NULL, NULL))
        return TRUE;
      const char *state = strrchr (stat, ')');
      if (state != NULL && (state[2] == 'Z' || state[2] == 'X'))
        return TRUE;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  return FALSE;
}

static void
test_hang (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "hang",
    "sleep 600 &\necho $! > @DIR@/child.pid\necho started\nsleep 600\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  g_assert_cmpint (result->status, ==, PRDR_EXEC_STATUS_RAN);
  g_assert_true (result->timed_out);
  g_assert_cmpint (result->signal, ==, SIGKILL);
  g_assert_cmpstr (result->output, ==, "started");

  g_autofree char *pid_file = fixture_file (f, "child.pid");
  g_autofree char *pid_text = NULL;
  g_assert_true (g_file_get_contents (pid_file, &pid_text, NULL, NULL));
  pid_t child = (pid_t) g_ascii_strtoll (pid_text, NULL, 10);
  g_assert_cmpint (child, >, 1);
  if (!process_dead (child))
    g_error ("the program's child %d still runs after the timeout", (int) child);
}

static void
test_signal (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "killed", "kill -TERM $$\nsleep 5\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  g_assert_cmpint (result->status, ==, PRDR_EXEC_STATUS_RAN);
  g_assert_cmpint (result->signal, ==, SIGTERM);
  g_assert_cmpint (result->exit_code, ==, -1);
  g_assert_false (result->timed_out);
}

static void
test_missing (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *nothing = fixture_file (f, "nothing-here");
  g_autoptr (PrdrExecResult) result = fixture_run (f, nothing);
  g_assert_cmpint (result->status, ==, PRDR_EXEC_STATUS_MISSING);

  g_autofree char *below_file = g_build_filename (f->dir, "message", "x", NULL);
  g_autoptr (PrdrExecResult) below = fixture_run (f, below_file);
  g_assert_cmpint (below->status, ==, PRDR_EXEC_STATUS_MISSING);

  /* a dangling link and a link loop are no program either */
  g_autofree char *dangling = fixture_file (f, "dangling");
  g_assert_cmpint (symlink ("nowhere", dangling), ==, 0);
  g_autoptr (PrdrExecResult) dangles = fixture_run (f, dangling);
  g_assert_cmpint (dangles->status, ==, PRDR_EXEC_STATUS_MISSING);
  g_autofree char *loop = fixture_file (f, "loop");
  g_assert_cmpint (symlink ("loop", loop), ==, 0);
  g_autoptr (PrdrExecResult) loops = fixture_run (f, loop);
  g_assert_cmpint (loops->status, ==, PRDR_EXEC_STATUS_MISSING);

  /* switched off by its owner: not executable */
  g_autofree char *off = fixture_program (f, "off", "exit 1\n");
  g_assert_cmpint (g_chmod (off, 0644), ==, 0);
  g_autoptr (PrdrExecResult) disabled = fixture_run (f, off);
  g_assert_cmpint (disabled->status, ==, PRDR_EXEC_STATUS_MISSING);
}

static void
assert_refused (const PrdrExecResult *result, const char *why)
{
  if (result->status != PRDR_EXEC_STATUS_REFUSED)
    g_error ("expected a refusal (%s), got %s", why, prdr_exec_status_name (result->status));
  if (strstr (result->reason, why) == NULL)
    g_error ("expected the reason to say \"%s\", got \"%s\"", why, result->reason);
}

static void
test_group_writable (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *marker = fixture_file (f, "ran");
  g_autofree char *path = fixture_program (f, "open", "touch @DIR@/ran\nexit 0\n");
  g_assert_cmpint (g_chmod (path, 0775), ==, 0);
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_refused (result, "writable by group or others");
  g_autoptr (PrdrExecResult) resolved = prdr_exec_runner_resolve (f->runner, path);
  assert_refused (resolved, "writable by group or others");

  g_assert_cmpint (g_chmod (path, 0755), ==, 0);
  g_assert_cmpint (g_chmod (f->dir, 0777), ==, 0);
  g_autoptr (PrdrExecResult) in_open_dir = fixture_run (f, path);
  assert_refused (in_open_dir, "directory");
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
}

/* read_environment - the NUL-separated "NAME=value" file @path as a table. */
static GHashTable *
read_environment (const char *path)
{
  g_autofree char *text = NULL;
  gsize length = 0;
  g_assert_true (g_file_get_contents (path, &text, &length, NULL));
  GHashTable *env = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (gsize at = 0; at < length; at += strlen (text + at) + 1)
    {
      const char *eq = strchr (text + at, '=');
      g_assert_nonnull (eq);
      g_hash_table_insert (env, g_strndup (text + at, (gsize) (eq - (text + at))),
                           g_strdup (eq + 1));
    }
  return env;
}

static void
test_environment (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "env", "env -0 > @DIR@/env.out\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 0);

  g_autofree char *out = fixture_file (f, "env.out");
  g_autoptr (GHashTable) env = read_environment (out);
  struct passwd *pw = getpwuid (geteuid ());
  g_assert_nonnull (pw);
  const char *expected[][2] = {
    { "SENDER", "alice@example.net" },
    { "RECIPIENTS", "bob@example.org\ncarol@example.org" },
    { "CLIENT_ADDRESS", "192.0.2.7" },
    { "CLIENT_HELO", "mail.example.net" },
    { "QUEUE_ID", "4XyZ123" },
    { "PATH", "/usr/local/bin:/usr/bin:/bin" },
    { "HOME", pw->pw_dir },
    { "USER", pw->pw_name },
    { "LOGNAME", pw->pw_name },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const char *value = g_hash_table_lookup (env, expected[i][0]);
      if (g_strcmp0 (value, expected[i][1]) != 0)
        g_error ("%s: expected \"%s\", got \"%s\"", expected[i][0], expected[i][1],
                 value ? value : "(unset)");
    }
  g_assert_null (g_hash_table_lookup (env, "PRDR_TEST_LEAK"));
  /* nothing else but what the shell itself sets */
  GHashTableIter iter;
  gpointer name;
  g_hash_table_iter_init (&iter, env);
  while (g_hash_table_iter_next (&iter, &name, NULL))
    {
      gboolean known = g_str_equal (name, "PWD") || g_str_equal (name, "OLDPWD");
      for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
        known = known || g_str_equal (name, expected[i][0]);
      if (!known)
        g_error ("unexpected variable %s in the program's environment", (char *) name);
    }
}

static void
test_stdin_is_message (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "cat", "cat > @DIR@/stdin.out\n");
  /* the spool writer left the offset at the end; the program starts at 0 */
  g_assert_cmpint (lseek (f->message, 0, SEEK_END), ==, (off_t) strlen (MESSAGE));
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 0);
  g_autofree char *out = fixture_file (f, "stdin.out");
  g_autofree char *seen = NULL;
  g_assert_true (g_file_get_contents (out, &seen, NULL, NULL));
  g_assert_cmpstr (seen, ==, MESSAGE);
  /* and the daemon's descriptor was not moved */
  g_assert_cmpint (lseek (f->message, 0, SEEK_CUR), ==, (off_t) strlen (MESSAGE));
}

/* The runner reads the message only through a descriptor the daemon could
 * read itself: not an O_PATH one (which needs no permission on the file). */
static void
test_message_descriptor_checked (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "cat", "cat > @DIR@/stdin.out\n");
  g_autofree char *message = fixture_file (f, "message");
  int opath = open (message, O_PATH | O_CLOEXEC);
  g_assert_cmpint (opath, >=, 0);
  PrdrExecEnvelope envelope = { "s@example.net", "r@example.org", "", "", "Q" };
  g_autoptr (PrdrExecResult) result = prdr_exec_runner_run (f->runner, path, &envelope, opath);
  close (opath);
  g_assert_cmpint (result->status, ==, PRDR_EXEC_STATUS_FAILED);
  g_assert_nonnull (strstr (result->reason, "the message"));
  g_autofree char *out = fixture_file (f, "stdin.out");
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

/* limit_of - the soft limit in /proc/PID/limits text @limits for the row
 * starting with @row ("Max cpu time"). */
static char *
limit_of (const char *limits, const char *row)
{
  const char *line = strstr (limits, row);
  g_assert_nonnull (line);
  g_auto (GStrv) fields = g_strsplit_set (line + strlen (row), " \n", -1);
  for (char **f = fields; *f != NULL; f++)
    if (**f != '\0')
      return g_strdup (*f);
  g_assert_not_reached ();
}

static void
test_rlimits (Fixture *f, gconstpointer data)
{
  (void) data;
  prdr_exec_runner_free (f->runner);
  f->policy.cpu_seconds = 7;
  f->policy.memory_bytes = 512 * 1024 * 1024;
  f->policy.file_size_bytes = 3 * 1024 * 1024;
  f->policy.processes = 50;
  fixture_start_runner (f);
  g_autofree char *path = fixture_program (f, "limits",
    "cat /proc/self/limits > @DIR@/limits.out\n");
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 0);
  g_autofree char *out = fixture_file (f, "limits.out");
  g_autofree char *limits = NULL;
  g_assert_true (g_file_get_contents (out, &limits, NULL, NULL));
  const char *expected[][2] = {
    { "Max cpu time", "7" }, { "Max address space", "536870912" },
    { "Max file size", "3145728" }, { "Max processes", "50" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *value = limit_of (limits, expected[i][0]);
      g_assert_cmpstr (value, ==, expected[i][1]);
    }
}

static void
test_resolve_symlink (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "real", "exit 0\n");
  uid_t owner = geteuid ();
  if (owner == 0)
    {
      /* root-owned programs are never reached through links (see below) */
      struct passwd *nobody = getpwnam ("nobody");
      g_assert_nonnull (nobody);
      owner = nobody->pw_uid;
      g_assert_cmpint (chown (path, owner, nobody->pw_gid), ==, 0);
    }
  g_autofree char *link = fixture_file (f, "link");
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_autoptr (PrdrExecResult) direct = prdr_exec_runner_resolve (f->runner, path);
  g_autoptr (PrdrExecResult) linked = prdr_exec_runner_resolve (f->runner, link);
  g_assert_cmpint (direct->status, ==, PRDR_EXEC_STATUS_READY);
  g_assert_cmpint (linked->status, ==, PRDR_EXEC_STATUS_READY);
  g_autofree char *real = realpath (path, NULL);
  g_assert_cmpstr (linked->path, ==, real);
  g_assert_cmpstr (direct->path, ==, real);
  g_assert_cmpuint (linked->uid, ==, owner);
}

/* With allow-root, a root-owned program runs as root only when named
 * directly: a user's link to a root-owned interpreter must not run their
 * mail as root. */
static void
test_root_via_symlink (Fixture *f, gconstpointer data)
{
  (void) data;
  if (geteuid () != 0)
    {
      g_test_skip ("needs root");
      return;
    }
  g_autofree char *path = fixture_program (f, "rooted", "id -u\n");
  g_autofree char *link = fixture_file (f, "link");
  g_assert_cmpint (symlink (path, link), ==, 0);
  g_autoptr (PrdrExecResult) direct = fixture_run (f, path);
  assert_ran (direct, 0);
  g_assert_cmpstr (direct->output, ==, "0");
  g_autoptr (PrdrExecResult) linked = fixture_run (f, link);
  assert_refused (linked, "symbolic link");
}

/* A runner that has died: requests fail (and are tempfailed by the module)
 * within the bounded wait, nothing hangs. */
static void
test_runner_gone (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *path = fixture_program (f, "accept", "exit 0\n");
  g_assert_cmpint (kill (prdr_exec_runner_pid (f->runner), SIGKILL), ==, 0);
  g_autoptr (PrdrExecResult) resolved = prdr_exec_runner_resolve (f->runner, path);
  g_assert_cmpint (resolved->status, ==, PRDR_EXEC_STATUS_FAILED);
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  g_assert_cmpint (result->status, ==, PRDR_EXEC_STATUS_FAILED);
  g_assert_nonnull (strstr (result->reason, path));
}

/* The runner exits when the daemon goes away without a word: a child
 * process plays the daemon, starts a runner and exits. */
static void
test_daemon_gone (Fixture *f, gconstpointer data)
{
  (void) data;
  int pipefd[2];
  g_assert_cmpint (pipe (pipefd), ==, 0);
  pid_t daemon = fork ();
  g_assert_cmpint (daemon, >=, 0);
  if (daemon == 0)
    {
      PrdrExecRunner *runner = prdr_exec_runner_new (&f->policy, NULL);
      GPid pid = runner != NULL ? prdr_exec_runner_pid (runner) : 0;
      if (write (pipefd[1], &pid, sizeof pid) != sizeof pid)
        _exit (1);
      _exit (0);
    }
  close (pipefd[1]);
  GPid runner = 0;
  g_assert_cmpint (read (pipefd[0], &runner, sizeof runner), ==, sizeof runner);
  close (pipefd[0]);
  g_assert_cmpint (waitpid (daemon, NULL, 0), ==, daemon);
  g_assert_cmpint (runner, >, 1);
  if (!process_dead (runner))
    g_error ("the runner %d still runs after its daemon exited", (int) runner);
}

typedef struct {
  Fixture *fixture;
  const char *path;
  char queue_id[16];
  PrdrExecResult *result;
} Concurrent;

static gpointer
concurrent_run (gpointer data)
{
  Concurrent *c = data;
  PrdrExecEnvelope envelope = { "s@example.net", "r@example.org", "192.0.2.1",
                                "helo", c->queue_id };
  c->result = prdr_exec_runner_run (c->fixture->runner, c->path, &envelope,
                                    c->fixture->message);
  return NULL;
}

/* Many threads at once (more than the control socket's default queue of
 * 10 datagrams), each a program that waits until all of them have started
 * (so they must run concurrently); each must get its own answer. */
static void
test_concurrent (Fixture *f, gconstpointer data)
{
  (void) data;
  enum { N = 24 };
  g_autofree char *body = g_strdup_printf (
    "touch @DIR@/arrived.$QUEUE_ID\n"
    "while [ $(ls @DIR@ | grep -c '^arrived') -lt %d ]; do sleep 0.05; done\n"
    "echo \"$QUEUE_ID\"\nexit 3\n", N);
  g_autofree char *path = fixture_program (f, "together", body);
  Concurrent runs[N];
  GThread *threads[N];
  for (int i = 0; i < N; i++)
    {
      runs[i] = (Concurrent) { .fixture = f, .path = path };
      g_snprintf (runs[i].queue_id, sizeof runs[i].queue_id, "Q%d", i);
      threads[i] = g_thread_new ("run", concurrent_run, &runs[i]);
    }
  for (int i = 0; i < N; i++)
    {
      g_thread_join (threads[i]);
      assert_ran (runs[i].result, 3);
      g_assert_cmpstr (runs[i].result->output, ==, runs[i].queue_id);
      prdr_exec_result_free (runs[i].result);
    }
}

/* ---- as root: whom the program runs as -------------------------------- */

static void
test_runs_as_owner (Fixture *f, gconstpointer data)
{
  (void) data;
  if (geteuid () != 0)
    {
      g_test_skip ("needs root");
      return;
    }
  struct passwd *nobody = getpwnam ("nobody");
  g_assert_nonnull (nobody);
  prdr_exec_runner_free (f->runner);
  f->policy.allow_root = FALSE;
  fixture_start_runner (f);

  g_autofree char *path = fixture_program (f, "owned",
                                          "echo \"$(id -u) $(id -g) $USER $(id -G)\"\n");
  g_assert_cmpint (chown (path, nobody->pw_uid, nobody->pw_gid), ==, 0);
  g_autoptr (PrdrExecResult) resolved = prdr_exec_runner_resolve (f->runner, path);
  g_assert_cmpint (resolved->status, ==, PRDR_EXEC_STATUS_READY);
  g_assert_cmpuint (resolved->uid, ==, nobody->pw_uid);
  g_autoptr (PrdrExecResult) result = fixture_run (f, path);
  assert_ran (result, 0);
  /* its own supplementary groups, not root's */
  gid_t groups[64];
  int n_groups = G_N_ELEMENTS (groups);
  g_assert_cmpint (getgrouplist (nobody->pw_name, nobody->pw_gid, groups, &n_groups), >, 0);
  g_autoptr (GString) expected_groups = g_string_new (NULL);
  for (int i = 0; i < n_groups; i++)
    g_string_append_printf (expected_groups, "%s%u", i > 0 ? " " : "", (unsigned) groups[i]);
  g_autofree char *expected = g_strdup_printf ("%u %u %s %s", (unsigned) nobody->pw_uid,
                                               (unsigned) nobody->pw_gid, nobody->pw_name,
                                               expected_groups->str);
  g_assert_cmpstr (result->output, ==, expected);

  /* root-owned: never as root without allow-root, and not run at all */
  g_autofree char *marker = fixture_file (f, "root-ran");
  g_autofree char *rooted = fixture_program (f, "rooted", "touch @DIR@/root-ran\n");
  g_autoptr (PrdrExecResult) refused = fixture_run (f, rooted);
  assert_refused (refused, "allow-root");
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));

  /* a directory owned by someone else than root and the owner */
  g_autofree char *sub = fixture_file (f, "sub");
  g_assert_cmpint (g_mkdir (sub, 0755), ==, 0);
  g_assert_cmpint (chown (sub, nobody->pw_uid, nobody->pw_gid), ==, 0);
  g_autofree char *inner = fixture_program (f, "sub/inner", "exit 0\n");
  g_autoptr (PrdrExecResult) foreign = fixture_run (f, inner);
  assert_refused (foreign, "owned by uid");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* in the test's environment, and must not reach the programs */
  g_setenv ("PRDR_TEST_LEAK", "secret", TRUE);
#define ADD(name, func, timeout) \
  g_test_add ("/exec-runner/" name, Fixture, GUINT_TO_POINTER (timeout), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("accept", test_accept, 30);
  ADD ("reject-with-text", test_reject_with_text, 30);
  ADD ("tempfail-exit", test_tempfail_exit, 30);
  ADD ("output-with-nul", test_output_with_nul, 30);
  ADD ("output-flood", test_output_flood, 30);
  ADD ("hang", test_hang, 1);
  ADD ("signal", test_signal, 30);
  ADD ("missing", test_missing, 30);
  ADD ("group-writable", test_group_writable, 30);
  ADD ("environment", test_environment, 30);
  ADD ("stdin-is-message", test_stdin_is_message, 30);
  ADD ("message-descriptor-checked", test_message_descriptor_checked, 30);
  ADD ("rlimits", test_rlimits, 30);
  ADD ("resolve-symlink", test_resolve_symlink, 30);
  ADD ("concurrent", test_concurrent, 30);
  ADD ("runner-gone", test_runner_gone, 30);
  ADD ("daemon-gone", test_daemon_gone, 30);
  ADD ("runs-as-owner", test_runs_as_owner, 30);
  ADD ("root-via-symlink", test_root_via_symlink, 30);
  return g_test_run ();
}
