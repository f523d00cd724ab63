/*
 * prdr/module.h - the module API.
 *
 * A module looks at a transaction and gives each recipient a verdict.  The
 * engine keeps a matrix: recipients are rows, the modules of
 * [general] modules are columns in that order.  Before it evaluates a column
 * the engine asks the module for each recipient's class key; recipients with
 * equal keys share one cell, and the module's evaluate() runs once per cell.
 * A key says "my answer for these recipients will be the same": the same
 * per-user program, the same Sieve script, or no per-recipient input at all
 * (a virus scan, where every recipient gets the key NULL and the scan runs
 * once per message).
 *
 * A cell's verdict applies to all its recipients.  A final verdict (accept,
 * reject, tempfail, discard) stops the later columns for those recipients,
 * and a final verdict at RCPT also decides them for the end of message (a
 * recipient accepted at RCPT by a whitelist is not scanned).  The reply's
 * code decides between reject and tempfail: a reject with a 4xx reply is
 * taken as a tempfail (and logged).
 *
 * Stages: a module says in which stages it wants to be evaluated.  At
 * PRDR_STAGE_RCPT a cell holds the one recipient just given (a verdict made
 * here is answered to that RCPT at once, in every bounce mode); at
 * PRDR_STAGE_EOM cells hold the recipients still undecided, and the message
 * can be read.  CONNECT, HELO and MAIL cells hold no recipient and a reject
 * there refuses the connection or the transaction.
 *
 * The class keys for PRDR_STAGE_EOM are also asked for at RCPT time (before
 * the message exists, so they may depend only on the envelope and the
 * connection): the bounce modes `delayed` and `pseudo-delayed` use them to
 * tell whether a new recipient will be treated like the first one.
 *
 * Writing a module (see src/modules/simple.c for a complete example):
 *
 *   static const PrdrConfigKey my_keys[] = {
 *     { "reply", PRDR_CONFIG_REPLY, 0, 0, "550 5.7.1 go away", "the reply" },
 *     { .key = NULL }
 *   };
 *   static const PrdrModule my_module = {
 *     .api_version = PRDR_MODULE_API_VERSION,
 *     .name = "mine", .description = "...",
 *     .stages = PRDR_STAGE_EOM, .config_keys = my_keys,
 *     .instance_new = my_new, .instance_free = my_free,
 *     .class_key = my_class_key, .evaluate = my_evaluate,
 *   };
 *   PRDR_MODULE_EXPORT (my_module)
 *
 * build it as a shared object against the pkg-config package "prdr-module"
 * and list its path in [general] modules.  A module that needs helper
 * processes (the exec module's privileged program runner) starts them in
 * .instance_start, which a configuration check does not call.
 */
#ifndef PRDR_MODULE_H
#define PRDR_MODULE_H

#include <glib.h>
#include <gmodule.h>
#include <prdr/config.h>
#include <prdr/transaction.h>
#include <prdr/verdict.h>

G_BEGIN_DECLS

/* Bumped whenever PrdrModule or a function below changes incompatibly; the
 * engine refuses a module built for another version. */
#define PRDR_MODULE_API_VERSION 2

typedef enum {
  PRDR_STAGE_CONNECT = 1 << 0,
  PRDR_STAGE_HELO = 1 << 1,
  PRDR_STAGE_MAIL = 1 << 2,
  PRDR_STAGE_RCPT = 1 << 3,
  PRDR_STAGE_EOM = 1 << 4,
} PrdrStage;

/* prdr_stage_name - "connect", "helo", "mail", "rcpt", "eom". */
const char *prdr_stage_name (PrdrStage stage);

typedef struct PrdrCell PrdrCell;

typedef struct PrdrModule {
  /* PRDR_MODULE_API_VERSION at the time the module was built. */
  guint api_version;
  /* The name used in [general] modules, the section [name] and log lines:
   * lower-case letters, digits, '-' and '_'. */
  const char *name;
  /* One line for prdr-milter -h. */
  const char *description;
  /* The PrdrStage bits in which evaluate() is called. */
  guint stages;
  /* The keys of the module's section, NULL-terminated (may be NULL for
   * none). */
  const PrdrConfigKey *config_keys;

  /* instance_new - build the module's state from its section (which is
   * empty when the file has no [name] section).  Called once at start-up,
   * before privileges are dropped; open tables (prdr/table.h) here.  Return
   * NULL and set @error (prdr_config_section_error() helps) to refuse the
   * configuration.  The state is then shared by all threads: keep it
   * read-only or lock. */
  gpointer (*instance_new) (const PrdrConfigSection *section, GError **error);
  /* instance_free - release the state (may be NULL for modules without). */
  void (*instance_free) (gpointer instance);
  /* instance_start - start what serving mail needs beyond the state: helper
   * processes, connections.  Called once by the daemon after the whole
   * configuration has been checked and before privileges are dropped; never
   * by a configuration check (prdr-milter -t), which must not start
   * anything.  Optional (NULL: nothing to start).  Return FALSE and set
   * @error to stop the daemon. */
  gboolean (*instance_start) (gpointer instance, GError **error);

  /* class_key - the recipient's class for @stage, newly allocated, or NULL
   * when the module treats all recipients of the transaction alike at that
   * stage.  Must not block for long: it runs at RCPT time.  Optional: when
   * NULL the module runs once per transaction and stage. */
  char *(*class_key) (gpointer instance, PrdrTransaction *txn,
                      const PrdrRecipient *rcpt, PrdrStage stage);

  /* evaluate - decide for the cell's recipients: call prdr_cell_set_verdict()
   * (not calling it means CONTINUE), publish facts, request actions.  May
   * block up to the module's own timeout; cells of independent modules may
   * run in parallel threads. */
  void (*evaluate) (gpointer instance, PrdrTransaction *txn, PrdrCell *cell);
} PrdrModule;

/* A shared-object module exports its descriptor under this symbol name. */
#define PRDR_MODULE_SYMBOL "prdr_module_descriptor"
#define PRDR_MODULE_EXPORT(descriptor) \
  G_MODULE_EXPORT const PrdrModule *prdr_module_descriptor = &(descriptor);

/* ---- cells ------------------------------------------------------------- */

PrdrStage prdr_cell_stage (const PrdrCell *cell);
/* The recipients sharing this cell (none at CONNECT, HELO and MAIL). */
guint prdr_cell_recipient_count (const PrdrCell *cell);
const PrdrRecipient *prdr_cell_recipient (const PrdrCell *cell, guint index);
/* The class key the module gave for these recipients (NULL if it gave
 * none). */
const char *prdr_cell_class_key (const PrdrCell *cell);

/* prdr_cell_set_verdict - the cell's verdict.  @reply is required for
 * REJECT and TEMPFAIL (NULL there means the engine's generic "550 5.7.1
 * Rejected" / "451 4.7.1 Try again later") and ignored otherwise; the cell
 * takes ownership of it. */
void prdr_cell_set_verdict (PrdrCell *cell, PrdrVerdictKind kind, PrdrReply *reply);

/* prdr_cell_add_header - add a header to the delivered message (for all
 * recipients: a milter cannot vary headers per recipient).  @value must be a
 * single line; the engine refuses CR/LF and logs it. */
void prdr_cell_add_header (PrdrCell *cell, const char *name, const char *value);

/* prdr_cell_add_recipient - also deliver the message to @address (a
 * redirect).  The engine adds it once however many cells ask. */
void prdr_cell_add_recipient (PrdrCell *cell, const char *address);

/* prdr_cell_deliver_and_reject - deliver the message to @deliver_to (the
 * recipient's Junk address, e.g. "bob+Junk@example.org"; NULL means the
 * recipient itself) and still tell the sender @reply, the recipient's
 * rejection.  The cell's verdict becomes REJECT with @reply for the purpose
 * of what the sender is told; the bounce mode decides how (see the
 * prdr-milter(8) man page).  Takes ownership of @reply. */
void prdr_cell_deliver_and_reject (PrdrCell *cell, const char *deliver_to,
                                   PrdrReply *reply);

G_END_DECLS

#endif
