/*
 * exec-runner.h - the privileged runner of the exec module: a small process
 * forked before the daemon drops its privileges, which checks and runs
 * per-user programs on the daemon's behalf (DESIGN.md, "Privileges").
 *
 * The daemon keeps one end of a SOCK_SEQPACKET control socket.  For each
 * request it makes a fresh socketpair, passes one end over the control
 * socket, and on its own end sends the request (and the message's
 * descriptor) and reads the answer, all with deadlines.  The runner answers
 * a resolution (exec-check.c) itself and forks a handler for each run, so
 * programs of several threads run at once; a handler checks the program
 * again and runs it (exec-spawn.c).  (A resolution that hangs, on a dead
 * NFS home say, holds up the runner; the daemon's bounded wait then
 * tempfails the recipients, as it would have to anyway.)
 * Everything the runner needs to decide whom a program runs as and how long
 * it may take (PrdrExecPolicy) is fixed when it starts: a request names only
 * a path and the envelope, so a compromised daemon cannot ask for more than
 * the configuration allows.  The runner exits when the daemon closes the
 * control socket (or dies).
 *
 * The runner itself logs nothing: every refusal or failure comes back as a
 * reason in the result, and the daemon logs it with its session id.
 */
#ifndef PRDR_MODULES_EXEC_RUNNER_H
#define PRDR_MODULES_EXEC_RUNNER_H

#include <glib.h>

G_BEGIN_DECLS

/* PrdrExecPolicy - what the configuration allows programs ([exec] keys). */
typedef struct {
  gboolean allow_root;        /* run root-owned programs as root */
  guint64 timeout_seconds;    /* wall-clock time, then the group is killed */
  guint64 cpu_seconds;        /* RLIMIT_CPU; 0: unchanged */
  guint64 memory_bytes;       /* RLIMIT_AS; 0: unchanged */
  guint64 file_size_bytes;    /* RLIMIT_FSIZE; 0: unchanged */
  guint64 processes;          /* RLIMIT_NPROC; 0: unchanged */
} PrdrExecPolicy;

/* PrdrExecEnvelope - what the program finds in its environment. */
typedef struct {
  const char *sender;          /* SENDER, "" for <> */
  const char *recipients;      /* RECIPIENTS, one address per line */
  const char *client_address;  /* CLIENT_ADDRESS */
  const char *client_helo;     /* CLIENT_HELO */
  const char *queue_id;        /* QUEUE_ID */
} PrdrExecEnvelope;

typedef enum {
  PRDR_EXEC_STATUS_READY,    /* resolve: the program exists and may run */
  PRDR_EXEC_STATUS_RAN,      /* run: it ran; see exit_code, signal, timed_out */
  PRDR_EXEC_STATUS_MISSING,  /* no program (or not executable): abstain */
  PRDR_EXEC_STATUS_REFUSED,  /* a program that must not run (permissions, root) */
  PRDR_EXEC_STATUS_FAILED,   /* it could not be run (exec failed, runner gone) */
} PrdrExecStatus;

/* PrdrExecResult - the answer to a request. */
typedef struct {
  PrdrExecStatus status;
  char *path;           /* the resolved program ("" when not known) */
  guint32 uid;          /* READY, RAN: the user it runs as */
  int exit_code;        /* RAN: the exit status, or -1 when killed */
  int signal;           /* RAN: the signal that killed it, or 0 */
  gboolean timed_out;   /* RAN: killed because it ran past the timeout */
  char *output;         /* RAN: the first line of standard output without
                           its line end, "" when none */
  gsize output_length;  /* its length (more than strlen() if it holds NUL) */
  char *reason;         /* MISSING, REFUSED, FAILED: why, for the log */
} PrdrExecResult;

void prdr_exec_result_free (PrdrExecResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrExecResult, prdr_exec_result_free)

const char *prdr_exec_status_name (PrdrExecStatus status);

typedef struct PrdrExecRunner PrdrExecRunner;

/* prdr_exec_runner_new - fork the runner with @policy.  Call while still
 * privileged (from the module's instance_new). */
PrdrExecRunner *prdr_exec_runner_new (const PrdrExecPolicy *policy, GError **error);
/* prdr_exec_runner_free - close the control socket and reap the runner
 * (which exits at once; programs still running finish within their
 * timeout). */
void prdr_exec_runner_free (PrdrExecRunner *runner);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrExecRunner, prdr_exec_runner_free)

/* prdr_exec_runner_pid - the runner's process id (for log lines). */
GPid prdr_exec_runner_pid (const PrdrExecRunner *runner);

/* prdr_exec_runner_resolve - check the program at @path without running it:
 * READY (with the resolved path and the uid it would run as), MISSING,
 * REFUSED or FAILED.  Bounded by PRDR_EXEC_IPC_SECONDS.  Thread-safe. */
PrdrExecResult *prdr_exec_runner_resolve (PrdrExecRunner *runner, const char *path);

/* prdr_exec_runner_run - check and run the program at @path with the
 * message @message_fd (read from offset 0; the descriptor is not changed)
 * on standard input.  Returns RAN, MISSING, REFUSED or FAILED.  Bounded by
 * the policy's timeout plus PRDR_EXEC_GRACE_SECONDS.  Thread-safe. */
PrdrExecResult *prdr_exec_runner_run (PrdrExecRunner *runner, const char *path,
                                      const PrdrExecEnvelope *envelope,
                                      int message_fd);

G_END_DECLS

#endif
