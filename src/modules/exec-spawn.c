/*
 * exec-spawn.c - running a checked per-user program, in the privileged
 * runner's handler (see exec-runner.h for the processes involved).
 *
 * The program runs
 *   - in a process group of its own (setsid), killed as a whole with SIGKILL
 *     when it runs past the timeout and also when it exits (nothing it
 *     started may outlive it, or escape the timeout);
 *   - as its user with that user's supplementary groups, when the runner is
 *     root (exec-check.c decides the user);
 *   - with RLIMIT_CPU, RLIMIT_AS, RLIMIT_FSIZE and RLIMIT_NPROC lowered to
 *     the policy's values (never raised above the inherited hard limit);
 *   - with a clean environment: SENDER, RECIPIENTS, CLIENT_ADDRESS,
 *     CLIENT_HELO, QUEUE_ID, PATH, HOME, USER, LOGNAME and nothing else;
 *   - in its user's home directory (or /), with umask 077 and default
 *     signal dispositions;
 *   - with the message on standard input (the spool file reopened, so the
 *     program has its own offset, starting at 0), standard output to a pipe
 *     (the first line is kept), standard error to /dev/null.
 * The program's process is made with vfork(): it shares the handler's
 * memory until execve(), so it only makes system calls (everything it needs
 * is prepared before, in PrdrExecChild) and leaves with _exit().  That
 * halves the cost of a run compared with fork() on a busy host.  A failure
 * between vfork and exec comes back over a close-on-exec pipe, so that
 * "could not run" (FAILED) is never mistaken for an exit status.
 *
 * Limits: PRDR_EXEC_OUTPUT_MAX octets of output kept, PRDR_EXEC_GROUPS_MAX
 * supplementary groups, the policy's timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/pidfd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-spawn.h"
#include "limits.h"

/* The PATH programs get: the system's, no current directory. */
#define PRDR_EXEC_ENV_PATH "/usr/local/bin:/usr/bin:/bin"

/* When pidfd_open() is not available, how often (ms) we look whether the
 * program exited while it keeps its standard output open. */
#define PRDR_EXEC_EXIT_POLL_MS 50

/* What the child was doing when it failed, sent back with errno. */
typedef enum {
  PRDR_EXEC_STEP_DESCRIPTORS,
  PRDR_EXEC_STEP_GROUPS,
  PRDR_EXEC_STEP_GID,
  PRDR_EXEC_STEP_UID,
  PRDR_EXEC_STEP_LIMITS,
  PRDR_EXEC_STEP_DIRECTORY,
  PRDR_EXEC_STEP_EXEC,
} PrdrExecStep;

static const char *const prdr_exec_step_names[] = {
  [PRDR_EXEC_STEP_DESCRIPTORS] = "set up its descriptors",
  [PRDR_EXEC_STEP_GROUPS] = "set its supplementary groups",
  [PRDR_EXEC_STEP_GID] = "set its group id",
  [PRDR_EXEC_STEP_UID] = "set its user id",
  [PRDR_EXEC_STEP_LIMITS] = "set its resource limits",
  [PRDR_EXEC_STEP_DIRECTORY] = "change to a working directory",
  [PRDR_EXEC_STEP_EXEC] = "execute it",
};

/* PrdrExecChild - what the vforked child needs, prepared before vfork() so
 * that the child only makes system calls. */
typedef struct {
  const PrdrExecProgram *program;
  const PrdrExecPolicy *policy;
  gboolean change_user;   /* the runner is root: become the program's user */
  gid_t *groups;          /* that user's supplementary groups */
  int n_groups;
  char **envp;            /* the clean environment */
  int input;              /* the message, reopened */
  int output;             /* write end of the output pipe */
  int status;             /* write end of the close-on-exec status pipe */
} PrdrExecChild;

/* prdr_exec_spawn_environment - the program's whole environment. */
static char **
prdr_exec_spawn_environment (const PrdrExecProgram *program,
                             const PrdrExecEnvelope *envelope)
{
  GPtrArray *env = g_ptr_array_new ();
  g_ptr_array_add (env, g_strconcat ("SENDER=", envelope->sender, NULL));
  g_ptr_array_add (env, g_strconcat ("RECIPIENTS=", envelope->recipients, NULL));
  g_ptr_array_add (env, g_strconcat ("CLIENT_ADDRESS=", envelope->client_address, NULL));
  g_ptr_array_add (env, g_strconcat ("CLIENT_HELO=", envelope->client_helo, NULL));
  g_ptr_array_add (env, g_strconcat ("QUEUE_ID=", envelope->queue_id, NULL));
  g_ptr_array_add (env, g_strdup ("PATH=" PRDR_EXEC_ENV_PATH));
  g_ptr_array_add (env, g_strconcat ("HOME=", program->home, NULL));
  g_ptr_array_add (env, g_strconcat ("USER=", program->user, NULL));
  g_ptr_array_add (env, g_strconcat ("LOGNAME=", program->user, NULL));
  g_ptr_array_add (env, NULL);
  return (char **) g_ptr_array_free (env, FALSE);
}

/* prdr_exec_spawn_groups - the supplementary groups of the program's user
 * into @child (newly allocated). */
static gboolean
prdr_exec_spawn_groups (PrdrExecChild *child, char **reason)
{
  int n = PRDR_EXEC_GROUPS_MAX;
  child->groups = g_new (gid_t, PRDR_EXEC_GROUPS_MAX);
  if (getgrouplist (child->program->user, child->program->gid, child->groups, &n) < 0)
    {
      *reason = g_strdup_printf ("refused %s: its user %s is in more than %d groups",
                                 child->program->path, child->program->user,
                                 PRDR_EXEC_GROUPS_MAX);
      return FALSE;
    }
  child->n_groups = n;
  return TRUE;
}

/* prdr_exec_spawn_fail - in the child: report @step and errno, and exit. */
static void G_GNUC_NORETURN
prdr_exec_spawn_fail (int status, PrdrExecStep step)
{
  int message[2] = { (int) step, errno };
  if (write (status, message, sizeof message) < 0)
    _exit (127);
  _exit (127);
}

/* prdr_exec_spawn_limit - lower one rlimit to @value (0: leave it). */
static gboolean
prdr_exec_spawn_limit (int resource, guint64 value)
{
  struct rlimit limit;
  if (value == 0)
    return TRUE;
  if (getrlimit (resource, &limit) != 0)
    return FALSE;
  if (limit.rlim_max == RLIM_INFINITY || value < limit.rlim_max)
    limit.rlim_max = (rlim_t) value;
  limit.rlim_cur = limit.rlim_max;
  return setrlimit (resource, &limit) == 0;
}

/* prdr_exec_spawn_descriptors - in the child: 0 message, 1 output pipe,
 * 2 /dev/null, 3 status pipe (close-on-exec), nothing else.  Returns the
 * status descriptor to report on. */
static int
prdr_exec_spawn_descriptors (const PrdrExecChild *child)
{
  int null = open ("/dev/null", O_WRONLY | O_CLOEXEC);
  int in = fcntl (child->input, F_DUPFD_CLOEXEC, 4);
  int out = fcntl (child->output, F_DUPFD_CLOEXEC, 4);
  int status = fcntl (child->status, F_DUPFD_CLOEXEC, 4);
  int err = null < 0 ? -1 : fcntl (null, F_DUPFD_CLOEXEC, 4);
  if (in < 0 || out < 0 || status < 0 || err < 0)
    prdr_exec_spawn_fail (child->status, PRDR_EXEC_STEP_DESCRIPTORS);
  if (dup2 (in, 0) < 0 || dup2 (out, 1) < 0 || dup2 (err, 2) < 0
      || dup3 (status, 3, O_CLOEXEC) < 0)
    prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_DESCRIPTORS);
  close_range (4, ~0U, 0);
  return 3;
}

/* prdr_exec_spawn_child - the vforked child: become the program.  System
 * calls only, no allocation, _exit() on failure. */
static void G_GNUC_NORETURN
prdr_exec_spawn_child (const PrdrExecChild *child)
{
  sigset_t none;
  sigemptyset (&none);
  sigprocmask (SIG_SETMASK, &none, NULL);
  for (int sig = 1; sig < NSIG; sig++)
    signal (sig, SIG_DFL);
  setsid ();

  int status = prdr_exec_spawn_descriptors (child);
  if (child->change_user)
    {
      if (setgroups ((size_t) child->n_groups, child->groups) != 0)
        prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_GROUPS);
      if (setgid (child->program->gid) != 0)
        prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_GID);
      if (setuid (child->program->uid) != 0)
        prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_UID);
    }
  if (!prdr_exec_spawn_limit (RLIMIT_CPU, child->policy->cpu_seconds)
      || !prdr_exec_spawn_limit (RLIMIT_AS, child->policy->memory_bytes)
      || !prdr_exec_spawn_limit (RLIMIT_FSIZE, child->policy->file_size_bytes)
      || !prdr_exec_spawn_limit (RLIMIT_NPROC, child->policy->processes))
    prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_LIMITS);
  if (chdir (child->program->home) != 0 && chdir ("/") != 0)
    prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_DIRECTORY);
  umask (077);
  char *argv[] = { child->program->path, NULL };
  execve (child->program->path, argv, child->envp);
  prdr_exec_spawn_fail (status, PRDR_EXEC_STEP_EXEC);
}

/* prdr_exec_spawn_kill - SIGKILL the program's process group (and the
 * program itself, in case it had not yet called setsid()). */
static void
prdr_exec_spawn_kill (pid_t pid)
{
  kill (-pid, SIGKILL);
  kill (pid, SIGKILL);
}

/* prdr_exec_spawn_exited - whether @pid has exited (without reaping it). */
static gboolean
prdr_exec_spawn_exited (pid_t pid)
{
  siginfo_t info = { 0 };
  return waitid (P_PID, (id_t) pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0
         && info.si_pid == pid;
}

/* prdr_exec_spawn_read - read what @output has into @kept (up to
 * PRDR_EXEC_OUTPUT_MAX, the rest is dropped).  FALSE at end of stream. */
static gboolean
prdr_exec_spawn_read (int output, GByteArray *kept)
{
  guint8 buffer[4096];
  gssize n = read (output, buffer, sizeof buffer);
  if (n < 0)
    return errno == EAGAIN || errno == EINTR;
  if (n == 0)
    return FALSE;
  gsize room = PRDR_EXEC_OUTPUT_MAX - kept->len;
  g_byte_array_append (kept, buffer, (guint) MIN ((gsize) n, room));
  return TRUE;
}

/* prdr_exec_spawn_wait - read the program's output until it exited and the
 * pipe is closed, or @deadline passes.  Returns TRUE when it timed out.
 * Either way the process group has been killed when this returns. */
static gboolean
prdr_exec_spawn_wait (pid_t pid, int output, gint64 deadline, GByteArray *kept)
{
  int pidfd = pidfd_open (pid, 0);
  gboolean exited = FALSE, open = TRUE;
  while (open || !exited)
    {
      gint64 left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        break;
      struct pollfd fds[2] = {
        { .fd = open ? output : -1, .events = POLLIN },
        { .fd = exited ? -1 : pidfd, .events = POLLIN },
      };
      int ms = (int) MIN ((left + 999) / 1000, G_MAXINT);
      if (pidfd < 0)
        ms = MIN (ms, PRDR_EXEC_EXIT_POLL_MS);
      if (poll (fds, 2, ms) < 0 && errno != EINTR)
        break;
      if (fds[0].revents != 0)
        open = prdr_exec_spawn_read (output, kept);
      if (!exited && (fds[1].revents != 0 || (pidfd < 0 && prdr_exec_spawn_exited (pid))))
        {
          exited = TRUE;
          prdr_exec_spawn_kill (pid);   /* what it left behind holds the pipe */
        }
    }
  if (pidfd >= 0)
    close (pidfd);
  prdr_exec_spawn_kill (pid);
  return open || !exited;
}

/* prdr_exec_spawn_result - fill @result from the wait status, the output
 * and the status pipe. */
static void
prdr_exec_spawn_result (const PrdrExecChild *child, int wait_status, int status_pipe,
                        gboolean timed_out, const GByteArray *kept,
                        PrdrExecResult *result)
{
  int message[2];
  if (read (status_pipe, message, sizeof message) == sizeof message
      && message[0] >= 0 && message[0] <= PRDR_EXEC_STEP_EXEC)
    {
      result->status = PRDR_EXEC_STATUS_FAILED;
      result->reason = g_strdup_printf ("cannot run %s: could not %s: %s",
                                        child->program->path,
                                        prdr_exec_step_names[message[0]],
                                        g_strerror (message[1]));
      return;
    }
  result->status = PRDR_EXEC_STATUS_RAN;
  result->timed_out = timed_out;
  result->exit_code = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  result->signal = WIFSIGNALED (wait_status) ? WTERMSIG (wait_status) : 0;
  gsize end = 0;
  while (end < kept->len && kept->data[end] != '\n')
    end++;
  if (end > 0 && kept->data[end - 1] == '\r')
    end--;
  result->output = g_malloc (end + 1);
  if (end > 0)
    memcpy (result->output, kept->data, end);
  result->output[end] = '\0';
  result->output_length = end;
}

/* prdr_exec_spawn_reopen - the message @fd opened anew (its own offset,
 * from 0), or -1 with errno.  Only a descriptor the daemon could read
 * itself: reopening through /proc as root would otherwise turn an O_PATH or
 * write-only descriptor into read access the daemon never had. */
static int
prdr_exec_spawn_reopen (int fd)
{
  int flags = fcntl (fd, F_GETFL);
  struct stat st;
  if (flags < 0 || fstat (fd, &st) != 0)
    return -1;
  if ((flags & O_PATH) != 0 || (flags & O_ACCMODE) == O_WRONLY || !S_ISREG (st.st_mode))
    {
      errno = EBADF;
      return -1;
    }
  g_autofree char *path = g_strdup_printf ("/proc/self/fd/%d", fd);
  return open (path, O_RDONLY | O_CLOEXEC);
}

void
prdr_exec_spawn (const PrdrExecProgram *program, const PrdrExecPolicy *policy,
                 const PrdrExecEnvelope *envelope, int message_fd,
                 PrdrExecResult *result)
{
  PrdrExecChild child = { .program = program, .policy = policy,
                          .change_user = geteuid () == 0, .input = -1 };
  int out[2], status[2];

  result->status = PRDR_EXEC_STATUS_FAILED;
  if (child.change_user && !prdr_exec_spawn_groups (&child, &result->reason))
    {
      result->status = PRDR_EXEC_STATUS_REFUSED;
      goto out;
    }
  child.input = prdr_exec_spawn_reopen (message_fd);
  if (child.input < 0 || pipe2 (out, O_CLOEXEC) != 0)
    {
      result->reason = g_strdup_printf ("cannot run %s: the message: %s",
                                        program->path, g_strerror (errno));
      goto out;
    }
  if (pipe2 (status, O_CLOEXEC) != 0)
    {
      result->reason = g_strdup_printf ("cannot run %s: pipe: %s",
                                        program->path, g_strerror (errno));
      close (out[0]);
      close (out[1]);
      goto out;
    }
  child.envp = prdr_exec_spawn_environment (program, envelope);
  child.output = out[1];
  child.status = status[1];
  gint64 deadline = g_get_monotonic_time () + (gint64) policy->timeout_seconds * G_USEC_PER_SEC;
  pid_t pid = vfork ();
  if (pid == 0)
    prdr_exec_spawn_child (&child);
  close (out[1]);
  close (status[1]);
  if (pid < 0)
    result->reason = g_strdup_printf ("cannot run %s: vfork: %s", program->path,
                                      g_strerror (errno));
  else
    {
      g_autoptr (GByteArray) kept = g_byte_array_new ();
      fcntl (out[0], F_SETFL, O_NONBLOCK);
      gboolean timed_out = prdr_exec_spawn_wait (pid, out[0], deadline, kept);
      int wait_status = 0;
      while (waitpid (pid, &wait_status, 0) < 0 && errno == EINTR)
        ;
      prdr_exec_spawn_result (&child, wait_status, status[0], timed_out, kept, result);
    }
  close (out[0]);
  close (status[0]);
  g_strfreev (child.envp);
out:
  if (child.input >= 0)
    close (child.input);
  g_free (child.groups);
}
