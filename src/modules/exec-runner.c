/*
 * exec-runner.c - the privileged runner of the exec module (see
 * exec-runner.h): starting it, its request loop (resolutions answered at
 * once, each run in a handler process of its own), and the daemon's side of
 * a request.
 *
 * Request frame  (ayayayayayayay): kind ("resolve" | "run"), path, SENDER,
 *                RECIPIENTS, CLIENT_ADDRESS, CLIENT_HELO, QUEUE_ID; a "run"
 *                request carries the message's descriptor.
 * Response frame (uayuiibayay): status, resolved path, uid, exit code,
 *                signal, timed out, first output line, reason.
 *
 * Limits: PRDR_EXEC_CONCURRENT_MAX handlers at once (more are refused and
 * the daemon sees FAILED); frames of PRDR_EXEC_FRAME_MAX; a request must
 * arrive within PRDR_EXEC_REQUEST_MS of its socket; the daemon waits at most
 * PRDR_EXEC_IPC_SECONDS for a resolution and the timeout plus
 * PRDR_EXEC_GRACE_SECONDS for a run.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "modules-error.h"
#include "exec-check.h"
#include "exec-runner.h"
#include "exec-spawn.h"
#include "exec-wire.h"
#include "limits.h"

#define PRDR_EXEC_REQUEST_TYPE G_VARIANT_TYPE ("(ayayayayayayay)")
#define PRDR_EXEC_RESPONSE_TYPE G_VARIANT_TYPE ("(uayuiibayay)")

struct PrdrExecRunner {
  int control;             /* our end of the SOCK_SEQPACKET control socket */
  pid_t pid;               /* the runner process */
  PrdrExecPolicy policy;   /* as the runner got it (the timeout bounds our wait) */
};

static const char *const prdr_exec_status_names[] = {
  [PRDR_EXEC_STATUS_READY] = "ready",
  [PRDR_EXEC_STATUS_RAN] = "ran",
  [PRDR_EXEC_STATUS_MISSING] = "missing",
  [PRDR_EXEC_STATUS_REFUSED] = "refused",
  [PRDR_EXEC_STATUS_FAILED] = "failed",
};

const char *
prdr_exec_status_name (PrdrExecStatus status)
{
  return status <= PRDR_EXEC_STATUS_FAILED ? prdr_exec_status_names[status] : "?";
}

void
prdr_exec_result_free (PrdrExecResult *result)
{
  if (result == NULL)
    return;
  g_free (result->path);
  g_free (result->output);
  g_free (result->reason);
  g_free (result);
}

/* ---- the runner's side ------------------------------------------------ */

/* prdr_exec_runner_response - @result as a response frame. */
static GVariant *
prdr_exec_runner_response (const PrdrExecResult *result)
{
  GVariant *output = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                result->output ? result->output : "",
                                                result->output_length, 1);
  return g_variant_new ("(u@ayuiib@ay@ay)", (guint32) result->status,
                        prdr_exec_wire_string (result->path ? result->path : ""),
                        result->uid, result->exit_code, result->signal,
                        result->timed_out, output,
                        prdr_exec_wire_string (result->reason ? result->reason : ""));
}

/* prdr_exec_runner_serve - decide one request into @result. */
static void
prdr_exec_runner_serve (GVariant *request, int message_fd,
                        const PrdrExecPolicy *policy, PrdrExecResult *result)
{
  g_autofree char *kind = prdr_exec_wire_get_string (request, 0, NULL);
  g_autofree char *path = prdr_exec_wire_get_string (request, 1, NULL);
  g_autoptr (PrdrExecProgram) program = NULL;

  result->exit_code = -1;
  result->status = prdr_exec_program_check (path, policy->allow_root, &program,
                                            &result->reason);
  if (program != NULL)
    {
      result->path = g_strdup (program->path);
      result->uid = program->uid;
    }
  if (result->status != PRDR_EXEC_STATUS_READY || strcmp (kind, "run") != 0)
    return;
  if (message_fd < 0)
    {
      result->status = PRDR_EXEC_STATUS_FAILED;
      result->reason = g_strdup ("a run request without the message");
      return;
    }
  g_autofree char *sender = prdr_exec_wire_get_string (request, 2, NULL);
  g_autofree char *recipients = prdr_exec_wire_get_string (request, 3, NULL);
  g_autofree char *address = prdr_exec_wire_get_string (request, 4, NULL);
  g_autofree char *helo = prdr_exec_wire_get_string (request, 5, NULL);
  g_autofree char *queue_id = prdr_exec_wire_get_string (request, 6, NULL);
  PrdrExecEnvelope envelope = { sender, recipients, address, helo, queue_id };
  prdr_exec_spawn (program, policy, &envelope, message_fd, result);
}

/* prdr_exec_runner_answer - serve @request and send the answer on @sock. */
static gboolean
prdr_exec_runner_answer (int sock, GVariant *request, int message_fd,
                         const PrdrExecPolicy *policy)
{
  PrdrExecResult result = { 0 };
  prdr_exec_runner_serve (request, message_fd, policy, &result);
  gint64 deadline = g_get_monotonic_time () + PRDR_EXEC_IPC_SECONDS * G_USEC_PER_SEC;
  gboolean sent = prdr_exec_wire_send (sock, prdr_exec_runner_response (&result), -1,
                                       deadline, NULL);
  g_free (result.path);
  g_free (result.output);
  g_free (result.reason);
  return sent;
}

/* prdr_exec_runner_dispatch - one request socket: read the request; a
 * resolution is answered here (a few system calls), a run in a handler
 * process of its own, so that programs run concurrently.  Returns TRUE when
 * a handler was started. */
static gboolean
prdr_exec_runner_dispatch (int control, int sock, guint active,
                           const PrdrExecPolicy *policy)
{
  int message_fd = -1;
  gint64 deadline = g_get_monotonic_time () + PRDR_EXEC_REQUEST_MS * 1000;
  g_autoptr (GVariant) request = prdr_exec_wire_receive (sock, PRDR_EXEC_REQUEST_TYPE,
                                                         &message_fd, deadline, NULL);
  if (request == NULL)
    return FALSE;
  g_autofree char *kind = prdr_exec_wire_get_string (request, 0, NULL);
  pid_t pid = -1;
  if (strcmp (kind, "run") != 0)
    prdr_exec_runner_answer (sock, request, message_fd, policy);
  else if (active < PRDR_EXEC_CONCURRENT_MAX && (pid = fork ()) == 0)
    {
      close (control);
      _exit (prdr_exec_runner_answer (sock, request, message_fd, policy) ? 0 : 1);
    }
  if (message_fd >= 0)
    close (message_fd);
  return pid > 0;
}

/* prdr_exec_runner_main - the runner process: serve every request socket
 * that arrives on @control, until the daemon goes away. */
static void G_GNUC_NORETURN
prdr_exec_runner_main (int control, const PrdrExecPolicy *policy)
{
  guint active = 0;

  prctl (PR_SET_NAME, "prdr-exec-runner");
  signal (SIGPIPE, SIG_IGN);
  signal (SIGCHLD, SIG_DFL);
  if (control > 3)
    close_range (3, (unsigned) control - 1, 0);
  close_range ((unsigned) control + 1, ~0U, 0);
  for (;;)
    {
      while (active > 0 && waitpid (-1, NULL, WNOHANG) > 0)
        active--;
      gboolean closed = FALSE;
      g_autoptr (GError) error = NULL;
      gint64 wake = g_get_monotonic_time () + PRDR_EXEC_REAP_INTERVAL_MS * 1000;
      int sock = prdr_exec_wire_accept_fd (control, wake, &closed, &error);
      if (closed)
        _exit (0);
      if (sock < 0)
        {
          if (g_error_matches (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_TIMEOUT))
            continue;
          _exit (1);
        }
      if (prdr_exec_runner_dispatch (control, sock, active, policy))
        active++;
      close (sock);
    }
}

/* ---- the daemon's side ------------------------------------------------ */

PrdrExecRunner *
prdr_exec_runner_new (const PrdrExecPolicy *policy, GError **error)
{
  int sv[2];
  if (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0)
    {
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_RUNNER,
                   "cannot start the program runner: socketpair: %s",
                   g_strerror (errno));
      return NULL;
    }
  pid_t pid = fork ();
  if (pid == 0)
    {
      close (sv[0]);
      prdr_exec_runner_main (sv[1], policy);
    }
  close (sv[1]);
  if (pid < 0)
    {
      g_set_error (error, PRDR_MODULES_ERROR, PRDR_MODULES_ERROR_RUNNER,
                   "cannot start the program runner: fork: %s", g_strerror (errno));
      close (sv[0]);
      return NULL;
    }
  PrdrExecRunner *runner = g_new0 (PrdrExecRunner, 1);
  runner->control = sv[0];
  runner->pid = pid;
  runner->policy = *policy;
  return runner;
}

void
prdr_exec_runner_free (PrdrExecRunner *runner)
{
  if (runner == NULL)
    return;
  close (runner->control);
  while (waitpid (runner->pid, NULL, 0) < 0 && errno == EINTR)
    ;
  g_free (runner);
}

GPid
prdr_exec_runner_pid (const PrdrExecRunner *runner)
{
  return runner->pid;
}

/* prdr_exec_runner_failed - a FAILED result saying @message. */
static PrdrExecResult *
prdr_exec_runner_failed (const char *path, const char *message)
{
  PrdrExecResult *result = g_new0 (PrdrExecResult, 1);
  result->status = PRDR_EXEC_STATUS_FAILED;
  result->path = g_strdup (path);
  result->exit_code = -1;
  result->reason = g_strdup_printf ("cannot run %s: %s", path, message);
  return result;
}

/* prdr_exec_runner_decode - a response frame as a result. */
static PrdrExecResult *
prdr_exec_runner_decode (GVariant *response, const char *path)
{
  guint32 status, uid;
  gint32 exit_code, signal_number;
  gboolean timed_out;
  g_variant_get (response, "(u@ayuiib@ay@ay)", &status, NULL, &uid, &exit_code,
                 &signal_number, &timed_out, NULL, NULL);
  if (status > PRDR_EXEC_STATUS_FAILED)
    return prdr_exec_runner_failed (path, "the runner answered nonsense");
  PrdrExecResult *result = g_new0 (PrdrExecResult, 1);
  result->status = status;
  result->path = prdr_exec_wire_get_string (response, 1, NULL);
  result->uid = uid;
  result->exit_code = exit_code;
  result->signal = signal_number;
  result->timed_out = timed_out;
  result->output = prdr_exec_wire_get_string (response, 6, &result->output_length);
  result->reason = prdr_exec_wire_get_string (response, 7, NULL);
  return result;
}

/* prdr_exec_runner_request - one request on a fresh socketpair, whose other
 * end goes to the runner over the control socket. */
static PrdrExecResult *
prdr_exec_runner_request (PrdrExecRunner *runner, const char *path,
                          GVariant *request, int message_fd, gint64 deadline)
{
  g_autoptr (GVariant) owned = g_variant_ref_sink (request);
  g_autoptr (GError) error = NULL;
  int sv[2];
  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
    return prdr_exec_runner_failed (path, g_strerror (errno));
  gboolean passed = prdr_exec_wire_pass_fd (runner->control, sv[1], deadline, &error);
  close (sv[1]);
  g_autoptr (GVariant) response = NULL;
  if (passed && prdr_exec_wire_send (sv[0], g_variant_ref (owned), message_fd,
                                     deadline, &error))
    response = prdr_exec_wire_receive (sv[0], PRDR_EXEC_RESPONSE_TYPE, NULL,
                                       deadline, &error);
  close (sv[0]);
  if (response == NULL)
    return prdr_exec_runner_failed (path, error->message);
  return prdr_exec_runner_decode (response, path);
}

PrdrExecResult *
prdr_exec_runner_resolve (PrdrExecRunner *runner, const char *path)
{
  GVariant *request = g_variant_new ("(@ay@ay@ay@ay@ay@ay@ay)",
                                     prdr_exec_wire_string ("resolve"),
                                     prdr_exec_wire_string (path),
                                     prdr_exec_wire_string (""), prdr_exec_wire_string (""),
                                     prdr_exec_wire_string (""), prdr_exec_wire_string (""),
                                     prdr_exec_wire_string (""));
  gint64 deadline = g_get_monotonic_time () + PRDR_EXEC_IPC_SECONDS * G_USEC_PER_SEC;
  return prdr_exec_runner_request (runner, path, request, -1, deadline);
}

PrdrExecResult *
prdr_exec_runner_run (PrdrExecRunner *runner, const char *path,
                      const PrdrExecEnvelope *envelope, int message_fd)
{
  GVariant *request = g_variant_new ("(@ay@ay@ay@ay@ay@ay@ay)",
                                     prdr_exec_wire_string ("run"),
                                     prdr_exec_wire_string (path),
                                     prdr_exec_wire_string (envelope->sender),
                                     prdr_exec_wire_string (envelope->recipients),
                                     prdr_exec_wire_string (envelope->client_address),
                                     prdr_exec_wire_string (envelope->client_helo),
                                     prdr_exec_wire_string (envelope->queue_id));
  gint64 wait = (gint64) (runner->policy.timeout_seconds + PRDR_EXEC_GRACE_SECONDS)
                * G_USEC_PER_SEC;
  return prdr_exec_runner_request (runner, path, request, message_fd,
                                   g_get_monotonic_time () + wait);
}
