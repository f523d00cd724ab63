/*
 * exec.c - the module "exec": a per-user program decides, procmail-style
 * (the per-user program of Per-User-Milter).  Stage: end of message.
 *
 * For each recipient the program path is [exec] program with %u, %d, %a
 * and %% expanded (exec-path.h).  No program there (or not executable):
 * the module abstains (continue).  A user or domain that would make an
 * unsafe path (empty, '/', leading '.'): abstains, with a log line.
 *
 * Class key: "UID:PATH", the resolved program and the user it runs as, so a
 * program serving several addresses runs once for all of them; recipients
 * for whom the module abstains share the key "-" (no run).  A program that
 * exists but may not run gets "?:PATH" and is tempfailed at the end of the
 * message.
 *
 * The program gets the whole message on standard input and a clean
 * environment: SENDER, RECIPIENTS (the recipients of its cell, one per
 * line), CLIENT_ADDRESS, CLIENT_HELO, QUEUE_ID, PATH, HOME, USER, LOGNAME.
 * Its verdict:
 *   exit 0                          accept
 *   exit 75 (EX_TEMPFAIL)           tempfail, reply from its output
 *   exit 10                         deliver to Junk and still reject
 *                                   (prdr_cell_deliver_and_reject), reply
 *                                   from its output: the copy goes to
 *                                   USER+Junk@DOMAIN (the recipient's
 *                                   Junk sub-address) when the program
 *                                   decides for one recipient, and to each
 *                                   recipient itself when it decides for
 *                                   several at once (a shared program)
 *   any other exit                  reject, reply from its output
 *   killed by a signal, or past [exec] timeout (the whole process group is
 *   killed)                         tempfail, generic reply, log line
 *   refused (unsafe permissions, root-owned without allow-root) or could
 *   not be run                      tempfail, generic reply, log line: a
 *                                   misconfiguration must not lose mail
 * The first line of its standard output, if any, is the reply text,
 * optionally with an enhanced status code ("5.7.1 not for me") or a full
 * reply ("550 5.7.1 not for me").  Text that prdr_reply_parse() refuses
 * (control characters, too long, a 4xx code on a reject) is replaced by the
 * generic reply, with a log line.
 *
 * Privileges (DESIGN.md): the programs are checked and run by a privileged
 * runner forked in instance_start, before the daemon drops privileges (and
 * never by prdr-milter -t)
 * (exec-runner.h).  When prdr-milter runs as root a program runs as its
 * file's owner with that user's groups, never as root unless allow-root;
 * otherwise as the daemon's user.  A program (or its directory) writable by
 * group or others is refused; see exec-check.c for all the rules.
 *
 * Configuration, section [exec] (for the man page):
 *
 *   key              type     default  meaning
 *   program          path     -        required; absolute path with %u (user:
 *                                      local part lower-cased, sub-address
 *                                      removed), %d (domain), %a (address),
 *                                      %% (a percent sign)
 *   timeout          seconds  30s      wall-clock time a program may take
 *                                      (1s to 1h); then its process group is
 *                                      killed and the recipients tempfailed
 *   allow-root       boolean  no       run programs owned by root as root
 *                                      (otherwise they are refused)
 *   limit-cpu        seconds  30s      CPU time (RLIMIT_CPU); 0: unlimited
 *   limit-memory     MiB      1024     address space (RLIMIT_AS); 0: unlimited
 *   limit-file-size  MiB      64       largest file it may write
 *                                      (RLIMIT_FSIZE); 0: unlimited
 *   limit-processes  count    256      processes of its user (RLIMIT_NPROC,
 *                                      counts all the user's processes);
 *                                      0: unlimited
 * Limits are never raised above what prdr-milter itself was given.
 */
#include <string.h>
#include <unistd.h>

#include "exec-path.h"
#include "exec-runner.h"
#include "limits.h"
#include "log.h"
#include "modules.h"

/* The class key of recipients for whom the module abstains. */
#define PRDR_EXEC_KEY_ABSTAIN "-"

#define MIB ((guint64) 1024 * 1024)

/* The exit status that means "deliver to Junk and still reject" (not one
 * of sysexits.h's 64-78, nor a shell's 126-127 or 128+signal), and the
 * sub-address the copy goes to. */
#define PRDR_EXEC_EXIT_JUNK 10
#define PRDR_EXEC_JUNK_SUFFIX "+Junk"

static const PrdrConfigKey prdr_exec_keys[] = {
  { "program", PRDR_CONFIG_STRING, 0, 0, NULL,
    "the per-user program: an absolute path with %u, %d, %a, %%" },
  { "timeout", PRDR_CONFIG_SECONDS, 1, 3600, "30s",
    "how long a program may run before it is killed (recipients tempfailed)" },
  { "allow-root", PRDR_CONFIG_BOOLEAN, 0, 0, "no",
    "run programs owned by root as root" },
  { "limit-cpu", PRDR_CONFIG_SECONDS, 0, 86400, "30s",
    "CPU time of a program (RLIMIT_CPU), 0 for no limit" },
  { "limit-memory", PRDR_CONFIG_UINT, 0, 1024 * 1024, "1024",
    "address space of a program in MiB (RLIMIT_AS), 0 for no limit" },
  { "limit-file-size", PRDR_CONFIG_UINT, 0, 1024 * 1024, "64",
    "largest file a program may write in MiB (RLIMIT_FSIZE), 0 for no limit" },
  { "limit-processes", PRDR_CONFIG_UINT, 0, 65536, "256",
    "processes of the program's user (RLIMIT_NPROC), 0 for no limit" },
  { NULL, 0, 0, 0, NULL, NULL }
};

typedef struct {
  char *program;            /* the path template */
  guint64 timeout;          /* seconds, for log lines */
  PrdrExecPolicy policy;    /* what the runner enforces */
  PrdrExecRunner *runner;   /* the privileged runner, from instance_start */
} PrdrExecInstance;

static void
prdr_exec_instance_free (gpointer data)
{
  PrdrExecInstance *exec = data;
  if (exec == NULL)
    return;
  prdr_exec_runner_free (exec->runner);
  g_free (exec->program);
  g_free (exec);
}

static gpointer
prdr_exec_instance_new (const PrdrConfigSection *section, GError **error)
{
  const char *program = prdr_config_section_get_string (section, "program");
  g_autoptr (GError) local = NULL;
  if (program == NULL)
    {
      prdr_config_section_error (section, "program", error,
                                 "is required (e.g. /home/%%u/.prdr-filter)");
      return NULL;
    }
  if (!prdr_exec_path_template_check (program, &local))
    {
      prdr_config_section_error (section, "program", error, "%s", local->message);
      return NULL;
    }

  PrdrExecInstance *exec = g_new0 (PrdrExecInstance, 1);
  exec->program = g_strdup (program);
  exec->policy = (PrdrExecPolicy) {
    .allow_root = prdr_config_section_get_boolean (section, "allow-root"),
    .timeout_seconds = prdr_config_section_get_seconds (section, "timeout"),
    .cpu_seconds = prdr_config_section_get_seconds (section, "limit-cpu"),
    .memory_bytes = prdr_config_section_get_uint (section, "limit-memory") * MIB,
    .file_size_bytes = prdr_config_section_get_uint (section, "limit-file-size") * MIB,
    .processes = prdr_config_section_get_uint (section, "limit-processes"),
  };
  exec->timeout = exec->policy.timeout_seconds;
  return exec;
}

/* prdr_exec_instance_start - fork the privileged runner (exec-runner.h). */
static gboolean
prdr_exec_instance_start (gpointer instance, GError **error)
{
  PrdrExecInstance *exec = instance;

  exec->runner = prdr_exec_runner_new (&exec->policy, error);
  if (exec->runner == NULL)
    return FALSE;
  prdr_log (G_LOG_LEVEL_INFO, "exec: program runner started (pid %d, %s)",
            (int) prdr_exec_runner_pid (exec->runner),
            geteuid () == 0 ? "programs run as their owners" : "programs run as this user");
  return TRUE;
}

/* prdr_exec_path - @rcpt's program path, or NULL (logged) when its values
 * would make an unsafe path. */
static char *
prdr_exec_path (PrdrExecInstance *exec, PrdrTransaction *txn, const PrdrRecipient *rcpt)
{
  g_autoptr (GError) error = NULL;
  char *path = prdr_exec_path_expand (exec->program, prdr_recipient_user (rcpt),
                                      prdr_recipient_domain (rcpt),
                                      prdr_recipient_address (rcpt), &error);
  if (path == NULL)
    prdr_transaction_log (txn, G_LOG_LEVEL_WARNING,
                          "exec: rcpt=%s: no per-user program: %s",
                          prdr_recipient_address (rcpt), error->message);
  return path;
}

static char *
prdr_exec_class_key (gpointer instance, PrdrTransaction *txn,
                     const PrdrRecipient *rcpt, PrdrStage stage)
{
  PrdrExecInstance *exec = instance;
  if (stage != PRDR_STAGE_EOM)
    return NULL;
  g_autofree char *path = prdr_exec_path (exec, txn, rcpt);
  if (path == NULL)
    return g_strdup (PRDR_EXEC_KEY_ABSTAIN);
  g_autoptr (PrdrExecResult) found = prdr_exec_runner_resolve (exec->runner, path);
  switch (found->status)
    {
    case PRDR_EXEC_STATUS_READY:
      return g_strdup_printf ("%u:%s", (unsigned) found->uid, found->path);
    case PRDR_EXEC_STATUS_MISSING:
      prdr_transaction_log (txn, G_LOG_LEVEL_DEBUG, "exec: rcpt=%s: %s: abstaining",
                            prdr_recipient_address (rcpt), found->reason);
      return g_strdup (PRDR_EXEC_KEY_ABSTAIN);
    default:
      /* refused or not checkable: tempfailed (and logged) at the end */
      return g_strdup_printf ("?:%s", path);
    }
}

/* prdr_exec_reply - the reply the program printed, for a verdict whose
 * replies start with @code[0]; NULL (the generic reply) when it printed
 * none or one we refuse (logged). */
static PrdrReply *
prdr_exec_reply (PrdrTransaction *txn, const PrdrExecResult *result,
                 const char *code, const char *enhanced)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  PrdrReply *reply = NULL;

  if (result->output_length == 0)
    return NULL;
  if (strlen (result->output) != result->output_length)
    problem = g_strdup ("it holds a NUL byte");
  else if ((reply = prdr_reply_parse (result->output, code, enhanced, &error)) == NULL)
    problem = g_strdup (error->message);
  else if (reply->code[0] != code[0])
    {
      problem = g_strdup_printf ("a %cxx code does not go with its exit status",
                                 reply->code[0]);
      g_clear_pointer (&reply, prdr_reply_free);
    }
  if (problem != NULL)
    prdr_transaction_log (txn, G_LOG_LEVEL_WARNING,
                          "exec: %s: ignoring its reply \"%.*s%s\" (%s); "
                          "using the generic one", result->path,
                          (int) MIN (result->output_length, PRDR_EXEC_LOG_QUOTE_MAX),
                          result->output,
                          result->output_length > PRDR_EXEC_LOG_QUOTE_MAX ? "..." : "",
                          problem);
  return reply;
}

/* prdr_exec_junk_address - where exit PRDR_EXEC_EXIT_JUNK delivers: the
 * Junk sub-address of the cell's one recipient, NULL (each recipient
 * itself) for a cell of several. */
static char *
prdr_exec_junk_address (const PrdrCell *cell)
{
  if (prdr_cell_recipient_count (cell) != 1)
    return NULL;
  const PrdrRecipient *rcpt = prdr_cell_recipient (cell, 0);
  if (prdr_recipient_domain (rcpt)[0] == '\0')
    return NULL;
  return g_strdup_printf ("%s" PRDR_EXEC_JUNK_SUFFIX "@%s", prdr_recipient_user (rcpt),
                          prdr_recipient_domain (rcpt));
}

/* prdr_exec_apply - the cell's verdict from the runner's answer. */
static void
prdr_exec_apply (PrdrExecInstance *exec, PrdrTransaction *txn, PrdrCell *cell,
                 const PrdrExecResult *result)
{
  if (result->status == PRDR_EXEC_STATUS_MISSING)
    return;
  const char *why = NULL;
  g_autofree char *killed = NULL;
  if (result->status != PRDR_EXEC_STATUS_RAN)
    why = result->reason;
  else if (result->timed_out)
    why = killed = g_strdup_printf ("%s ran longer than %" G_GUINT64_FORMAT
                                    "s: killed", result->path, exec->timeout);
  else if (result->signal != 0)
    why = killed = g_strdup_printf ("%s was killed by signal %d (%s)", result->path,
                                    result->signal, g_strsignal (result->signal));
  if (why != NULL)
    {
      prdr_transaction_log (txn, G_LOG_LEVEL_WARNING, "exec: %s; tempfailing", why);
      prdr_cell_set_verdict (cell, PRDR_VERDICT_TEMPFAIL, NULL);
    }
  else if (result->exit_code == 0)
    prdr_cell_set_verdict (cell, PRDR_VERDICT_ACCEPT, NULL);
  else if (result->exit_code == PRDR_EXEC_EXIT_JUNK)
    {
      g_autofree char *junk = prdr_exec_junk_address (cell);
      prdr_cell_deliver_and_reject (cell, junk, prdr_exec_reply (txn, result, "550", "5.7.1"));
    }
  else if (result->exit_code == 75)
    prdr_cell_set_verdict (cell, PRDR_VERDICT_TEMPFAIL,
                           prdr_exec_reply (txn, result, "451", "4.7.1"));
  else
    prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT,
                           prdr_exec_reply (txn, result, "550", "5.7.1"));
}

/* prdr_exec_recipients - the cell's addresses, one per line. */
static char *
prdr_exec_recipients (const PrdrCell *cell)
{
  g_autoptr (GString) list = g_string_new (NULL);
  for (guint i = 0; i < prdr_cell_recipient_count (cell); i++)
    {
      if (i > 0)
        g_string_append_c (list, '\n');
      g_string_append (list, prdr_recipient_address (prdr_cell_recipient (cell, i)));
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static void
prdr_exec_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  PrdrExecInstance *exec = instance;
  if (prdr_cell_recipient_count (cell) == 0
      || g_strcmp0 (prdr_cell_class_key (cell), PRDR_EXEC_KEY_ABSTAIN) == 0)
    return;
  /* every recipient of the cell has the same program: take the first's */
  g_autofree char *path = prdr_exec_path (exec, txn, prdr_cell_recipient (cell, 0));
  if (path == NULL)
    return;
  g_autofree char *recipients = prdr_exec_recipients (cell);
  PrdrExecEnvelope envelope = {
    .sender = prdr_transaction_sender (txn),
    .recipients = recipients,
    .client_address = prdr_transaction_client_address (txn),
    .client_helo = prdr_transaction_helo (txn),
    .queue_id = prdr_transaction_queue_id (txn),
  };
  g_autoptr (PrdrExecResult) result =
    prdr_exec_runner_run (exec->runner, path, &envelope, prdr_transaction_message_fd (txn));
  prdr_exec_apply (exec, txn, cell, result);
}

const PrdrModule prdr_exec_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "exec",
  .description = "a per-user program decides (Per-User-Milter)",
  .stages = PRDR_STAGE_EOM,
  .config_keys = prdr_exec_keys,
  .instance_new = prdr_exec_instance_new,
  .instance_start = prdr_exec_instance_start,
  .instance_free = prdr_exec_instance_free,
  .class_key = prdr_exec_class_key,
  .evaluate = prdr_exec_evaluate,
};
