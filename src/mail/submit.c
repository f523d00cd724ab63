/*
 * submit.c - running the sendmail program for a message we built.
 *
 * posix_spawn (safe in the milter's threads) with a clean environment, only
 * descriptors 0-2, default signal dispositions and its own process group.
 * The message goes through a socketpair rather than a pipe so that writing
 * after the program quit gives EPIPE without SIGPIPE (MSG_NOSIGNAL).  One
 * poll loop writes the message, collects the output (bounded by
 * PRDR_MAIL_SUBMIT_OUTPUT_MAX) and watches for the exit through a pidfd, all
 * against one deadline; past it the process group is killed.  See submit.h.
 */
#include "submit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gmime-autoptr.h"
#include "limits.h"
#include "mail-error.h"
#include "text.h"

/* How often to look for the program's exit where there is no pidfd. */
#define PRDR_MAIL_SUBMIT_POLL_MS 20
/* The most octets handed to send() at once. */
#define PRDR_MAIL_SUBMIT_CHUNK 65536

/* The whole environment of the program. */
static char *prdr_mail_submit_env[] = {
  (char *) "PATH=/usr/sbin:/usr/bin:/sbin:/bin", (char *) "LC_ALL=C", NULL
};

/* PrdrMailSubmitRun - one running program. */
typedef struct {
  pid_t pid;            /* the program, also its process group */
  int pidfd;            /* readable at its exit; -1 when the kernel has none */
  int in_fd;            /* our end of its stdin; -1 once all is written */
  int out_fd;           /* our end of its stdout and stderr; -1 at EOF */
  const guint8 *data;   /* the message */
  gsize len;
  gsize done;           /* octets of it written */
  GString *output;      /* the start of its output */
  gint64 deadline;      /* g_get_monotonic_time() limit */
  gboolean exited;
  int status;           /* waitpid status once exited */
  gboolean status_lost; /* reaped by someone else (SIGCHLD ignored) */
} PrdrMailSubmitRun;

/* prdr_mail_submit_close - close *@fd if open. */
static void
prdr_mail_submit_close (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

/* prdr_mail_submit_argv - PROGRAM [ARGS] -i -f SENDER -- RECIPIENTS. */
static GStrv
prdr_mail_submit_argv (const char *program, const char *sender,
                       const char *const *recipients, GError **error)
{
  g_auto (GStrv) base = NULL;
  g_autoptr (GError) parse_error = NULL;
  if (!g_shell_parse_argv (program != NULL ? program : PRDR_MAIL_SENDMAIL_DEFAULT,
                           NULL, &base, &parse_error) || !g_path_is_absolute (base[0])) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "sendmail program \"%s\": %s", program,
                 parse_error != NULL ? parse_error->message : "not an absolute path");
    return NULL;
  }
  gboolean null_sender = *sender == '\0' || g_str_equal (sender, "<>");
  if (!null_sender && !prdr_mail_address_check (sender, "sender", error))
    return NULL;
  guint count = recipients != NULL ? g_strv_length ((char **) recipients) : 0;
  if (count == 0 || count > PRDR_MAIL_SUBMIT_RECIPIENTS_MAX) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_INVALID,
                 "%u recipients: a submission needs 1 to %d", count,
                 PRDR_MAIL_SUBMIT_RECIPIENTS_MAX);
    return NULL;
  }
  GStrvBuilder *argv = g_strv_builder_new ();
  g_strv_builder_addv (argv, (const char **) base);
  g_strv_builder_add_many (argv, "-i", "-f", null_sender ? "<>" : sender, "--", NULL);
  for (guint i = 0; i < count; i++) {
    if (!prdr_mail_address_check (recipients[i], "recipient", error)) {
      g_strv_builder_unref (argv);
      return NULL;
    }
    g_strv_builder_add (argv, recipients[i]);
  }
  GStrv result = g_strv_builder_end (argv);
  g_strv_builder_unref (argv);
  return result;
}

/* prdr_mail_submit_exec - posix_spawn @argv with its stdin on @in and its
 * stdout and stderr on @out; returns the error number. */
static int
prdr_mail_submit_exec (pid_t *pid, char **argv, int in, int out)
{
  posix_spawn_file_actions_t actions;
  posix_spawnattr_t attr;
  sigset_t none, all;
  sigemptyset (&none);
  sigfillset (&all);
  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_adddup2 (&actions, in, STDIN_FILENO);
  posix_spawn_file_actions_adddup2 (&actions, out, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2 (&actions, out, STDERR_FILENO);
  posix_spawn_file_actions_addclosefrom_np (&actions, STDERR_FILENO + 1);
  posix_spawnattr_init (&attr);
  posix_spawnattr_setsigmask (&attr, &none);
  posix_spawnattr_setsigdefault (&attr, &all);
  posix_spawnattr_setpgroup (&attr, 0);
  posix_spawnattr_setflags (&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
                                   | POSIX_SPAWN_SETPGROUP);
  int rc = posix_spawn (pid, argv[0], &actions, &attr, argv, prdr_mail_submit_env);
  posix_spawnattr_destroy (&attr);
  posix_spawn_file_actions_destroy (&actions);
  return rc;
}

/* prdr_mail_submit_spawn - start the program, fill in @run's process and
 * descriptors. */
static gboolean
prdr_mail_submit_spawn (PrdrMailSubmitRun *run, char **argv, GError **error)
{
  int in[2], out[2];
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, in) < 0) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT, "socketpair: %s",
                 g_strerror (errno));
    return FALSE;
  }
  if (pipe2 (out, O_CLOEXEC) < 0) {
    int saved = errno;
    close (in[0]);
    close (in[1]);
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT, "pipe: %s",
                 g_strerror (saved));
    return FALSE;
  }
  int rc = prdr_mail_submit_exec (&run->pid, argv, in[1], out[1]);
  close (in[1]);
  close (out[1]);
  run->in_fd = in[0];
  run->out_fd = out[0];
  if (rc != 0) {
    prdr_mail_submit_close (&run->in_fd);
    prdr_mail_submit_close (&run->out_fd);
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT, "cannot run %s: %s",
                 argv[0], g_strerror (rc));
    return FALSE;
  }
  run->pidfd = pidfd_open (run->pid, 0);
  fcntl (run->in_fd, F_SETFL, O_NONBLOCK);
  fcntl (run->out_fd, F_SETFL, O_NONBLOCK);
  return TRUE;
}

/* prdr_mail_submit_write - write what the socket takes; stop at the end or
 * when the program no longer reads (its exit status will tell why). */
static void
prdr_mail_submit_write (PrdrMailSubmitRun *run)
{
  gsize want = MIN (run->len - run->done, PRDR_MAIL_SUBMIT_CHUNK);
  ssize_t n = want > 0 ? send (run->in_fd, run->data + run->done, want,
                               MSG_NOSIGNAL | MSG_DONTWAIT) : 0;
  if (n > 0)
    run->done += (gsize) n;
  if (run->done == run->len || (n < 0 && errno != EAGAIN && errno != EINTR))
    prdr_mail_submit_close (&run->in_fd);
}

/* prdr_mail_submit_read - read what the program printed; keep the start. */
static void
prdr_mail_submit_read (PrdrMailSubmitRun *run)
{
  char buf[4096];
  ssize_t n;
  while ((n = read (run->out_fd, buf, sizeof buf)) > 0) {
    gsize room = PRDR_MAIL_SUBMIT_OUTPUT_MAX - MIN (run->output->len,
                                                    PRDR_MAIL_SUBMIT_OUTPUT_MAX);
    g_string_append_len (run->output, buf, (gssize) MIN ((gsize) n, room));
  }
  if (n == 0 || (errno != EAGAIN && errno != EINTR))
    prdr_mail_submit_close (&run->out_fd);
}

/* prdr_mail_submit_pump - write, read and wait until the program exits;
 * FALSE when the deadline passes first. */
static gboolean
prdr_mail_submit_pump (PrdrMailSubmitRun *run)
{
  while (!run->exited) {
    gint64 left_ms = (run->deadline - g_get_monotonic_time ()) / 1000;
    if (left_ms <= 0)
      return FALSE;
    struct pollfd fds[3] = {
      { .fd = run->in_fd, .events = POLLOUT },
      { .fd = run->out_fd, .events = POLLIN },
      { .fd = run->pidfd, .events = POLLIN },
    };
    int wait_ms = (int) MIN (left_ms, run->pidfd >= 0 ? G_MAXINT : PRDR_MAIL_SUBMIT_POLL_MS);
    if (poll (fds, G_N_ELEMENTS (fds), wait_ms) < 0 && errno != EINTR)
      return FALSE;
    if (run->in_fd >= 0 && fds[0].revents != 0)
      prdr_mail_submit_write (run);
    if (run->out_fd >= 0 && fds[1].revents != 0)
      prdr_mail_submit_read (run);
    pid_t reaped = waitpid (run->pid, &run->status, WNOHANG);
    run->status_lost = reaped < 0 && errno == ECHILD;
    if (run->status_lost)
      reaped = run->pid;
    run->exited = reaped == run->pid;
  }
  if (run->out_fd >= 0)
    prdr_mail_submit_read (run);
  return TRUE;
}

/* prdr_mail_submit_verdict - the error for a program that did not exit 0. */
static gboolean
prdr_mail_submit_verdict (const PrdrMailSubmitRun *run, const char *program,
                          GError **error)
{
  if (run->status_lost) {
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT,
                 "%s: its exit status was lost (is SIGCHLD ignored?)", program);
    return FALSE;
  }
  if (WIFEXITED (run->status) && WEXITSTATUS (run->status) == 0)
    return TRUE;
  g_autofree char *first = g_strndup (run->output->str, strcspn (run->output->str, "\n"));
  g_autofree char *shown = prdr_mail_text_clean (first, 200, NULL);
  if (WIFEXITED (run->status))
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT,
                 "%s exited with status %d: %s", program, WEXITSTATUS (run->status),
                 *shown != '\0' ? shown : "(no output)");
  else
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_SUBMIT,
                 "%s was killed by signal %d", program, WTERMSIG (run->status));
  return FALSE;
}

/* prdr_mail_submit_serialize - @message as written with LF line ends. */
static GByteArray *
prdr_mail_submit_serialize (GMimeObject *message, GError **error)
{
  GMimeStream *mem = g_mime_stream_mem_new ();
  if (g_mime_object_write_to_stream (message, NULL, mem) < 0) {
    g_object_unref (mem);
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_ORIGINAL,
                 "cannot write the message (its original part may be unreadable)");
    return NULL;
  }
  /* The stream frees its array unless told it does not own it. */
  g_mime_stream_mem_set_owner (GMIME_STREAM_MEM (mem), FALSE);
  GByteArray *bytes = g_mime_stream_mem_get_byte_array (GMIME_STREAM_MEM (mem));
  g_object_unref (mem);
  return bytes;
}

gboolean
prdr_mail_submit (const char *program, const char *sender, const char *const *recipients,
                  GMimeObject *message, guint timeout_ms, GError **error)
{
  g_auto (GStrv) argv = prdr_mail_submit_argv (program, sender, recipients, error);
  if (argv == NULL)
    return FALSE;
  g_autoptr (GByteArray) bytes = prdr_mail_submit_serialize (message, error);
  if (bytes == NULL)
    return FALSE;
  PrdrMailSubmitRun run = {
    .pid = -1, .pidfd = -1, .in_fd = -1, .out_fd = -1,
    .data = bytes->data, .len = bytes->len, .output = g_string_new (NULL),
    .deadline = g_get_monotonic_time ()
                + (gint64) (timeout_ms > 0 ? timeout_ms : PRDR_MAIL_SUBMIT_DEFAULT_TIMEOUT_MS) * 1000,
  };
  gboolean ok = prdr_mail_submit_spawn (&run, argv, error);
  if (ok && !prdr_mail_submit_pump (&run)) {
    kill (-run.pid, SIGKILL);
    kill (run.pid, SIGKILL);
    waitpid (run.pid, NULL, 0);
    g_set_error (error, PRDR_MAIL_ERROR, PRDR_MAIL_ERROR_TIMEOUT,
                 "%s did not finish within %u ms and was killed", argv[0],
                 timeout_ms > 0 ? timeout_ms : PRDR_MAIL_SUBMIT_DEFAULT_TIMEOUT_MS);
    ok = FALSE;
  } else if (ok)
    ok = prdr_mail_submit_verdict (&run, argv[0], error);
  prdr_mail_submit_close (&run.in_fd);
  prdr_mail_submit_close (&run.out_fd);
  prdr_mail_submit_close (&run.pidfd);
  g_string_free (run.output, TRUE);
  return ok;
}
