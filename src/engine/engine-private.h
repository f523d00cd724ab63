/*
 * engine-private.h - the structures behind engine.h and the headers of include/prdr, shared by
 * the engine's files (engine.c, transaction.c, recipient.c, spool.c,
 * facts.c, matrix.c, cell.c).  Nothing outside src/engine includes it.
 *
 * Ownership: the engine owns its module instances; a connection belongs to
 * the front end and references the engine; a transaction references its
 * connection and owns its recipients, spool, facts and actions; a cell lives
 * only while its module evaluates it.
 */
#ifndef PRDR_ENGINE_PRIVATE_H
#define PRDR_ENGINE_PRIVATE_H

#include "engine.h"
#include "spool.h"
#include "facts.h"

G_BEGIN_DECLS

/* PrdrEngineModule - one column: a module of [general] modules. */
typedef struct {
  const PrdrModule *module;            /* the descriptor (static or resident .so) */
  gpointer instance;                   /* from instance_new(), freed by instance_free() */
  const PrdrConfigSection *section;    /* its section, owned by the configuration */
} PrdrEngineModule;

struct PrdrEngine {
  PrdrConfig *config;        /* not owned: outlives the engine */
  GPtrArray *modules;        /* PrdrEngineModule *, in evaluation order */
  char *spooldir;            /* [general] spooldir */
  gint next_session;         /* session id counter (atomic) */
};

/* PrdrEnvelopeParams - ESMTP parameters of MAIL or RCPT: "KEY", "VALUE"
 * pairs (VALUE "" when the parameter has none), at most PRDR_PARAMS_MAX. */
typedef GPtrArray PrdrEnvelopeParams;

struct PrdrConnection {
  PrdrEngine *engine;        /* the engine that evaluates for it */
  char *session_id;          /* for log lines */
  char *client_address;      /* "" when unknown */
  char *client_name;         /* "" when unknown */
  char *helo;                /* "" before HELO */
  GHashTable *macros;        /* name -> value, at most PRDR_MACROS_MAX */
  PrdrReply *last_reply;     /* the reply of the last connect/helo outcome */
};

/* PrdrRecipientOutcome - what the matrix decided for a recipient so far. */
typedef struct {
  PrdrVerdictKind verdict;   /* CONTINUE until a module is final */
  PrdrReply *reply;          /* for REJECT and TEMPFAIL, owned */
  const char *module;        /* the deciding module's name, "" for none */
  char *deliver_to;          /* deliver_and_reject's address, owned */
} PrdrRecipientOutcome;

struct PrdrRecipient {
  guint index;               /* position among the matrix rows when added */
  guint serial;              /* unique in the transaction, from 1: names its facts */
  char *address;             /* without angle brackets */
  char *local_part;          /* as written */
  char *domain;              /* lower-cased, "" without '@' */
  char *user;                /* local part lower-cased, "+sub" removed */
  PrdrEnvelopeParams *params;
  char **eom_keys;           /* per engine module: its EOM class key (NULL: none) */
  guint n_eom_keys;          /* the length of eom_keys (the number of modules) */
  PrdrRecipientOutcome outcome;
};

struct PrdrTransaction {
  PrdrConnection *conn;      /* the connection it belongs to */
  char *sender;              /* "" for <> */
  PrdrEnvelopeParams *sender_params;
  GPtrArray *recipients;     /* PrdrRecipient *, the matrix rows, owned */
  GPtrArray *deferred;       /* PrdrRecipient *, taken out by defer, owned */
  PrdrReply *rcpt_reply;     /* the reply of the last refused RCPT, owned */
  PrdrReply *mail_reply;     /* the reply of the MAIL outcome, owned */
  PrdrSpool *spool;          /* the message, NULL before DATA */
  PrdrFacts *facts;          /* published by modules */
  GMutex actions_lock;       /* guards the two arrays below */
  GPtrArray *added_headers;  /* name, value, name, value, ... (owned strings) */
  GPtrArray *added_recipients;  /* addresses (owned strings), no duplicates */
  gboolean eom_done;         /* evaluate_eom ran */
  guint last_serial;         /* the serial of the last recipient made */
};

/* ---- recipient.c --------------------------------------------------------- */

/* prdr_recipient_new - split @address (angle brackets removed) into its
 * parts; NULL with @error when it is longer than PRDR_ADDRESS_MAX or holds
 * control characters. */
PrdrRecipient *prdr_recipient_new (const char *address, const char *const *params,
                                   guint index, guint n_modules, GError **error);
void prdr_recipient_free (PrdrRecipient *rcpt);
/* prdr_recipient_set_outcome - record a final verdict (takes @reply). */
void prdr_recipient_set_outcome (PrdrRecipient *rcpt, PrdrVerdictKind verdict,
                                 PrdrReply *reply, const char *module,
                                 const char *deliver_to);
PrdrOutcome prdr_recipient_outcome (const PrdrRecipient *rcpt);

PrdrEnvelopeParams *prdr_envelope_params_new (const char *const *params);
const char *prdr_envelope_params_get (const PrdrEnvelopeParams *params,
                                      const char *keyword);

/* ---- matrix.c ------------------------------------------------------------ */

/* prdr_matrix_evaluate_envelope - CONNECT, HELO or MAIL: one cell per module
 * without recipients; the first final verdict ends the stage.  Its reply is
 * stored in *@reply_store (replacing what was there). */
PrdrOutcome prdr_matrix_evaluate_envelope (PrdrTransaction *txn, PrdrStage stage,
                                           PrdrReply **reply_store);
/* prdr_matrix_evaluate_rcpt - the RCPT cells for @rcpt, then its EOM keys. */
void prdr_matrix_evaluate_rcpt (PrdrTransaction *txn, PrdrRecipient *rcpt);
/* prdr_matrix_evaluate_eom - the EOM columns for the undecided @rows. */
void prdr_matrix_evaluate_eom (PrdrTransaction *txn, GPtrArray *rows);
/* prdr_matrix_same_class - TRUE when the EOM keys of @a and @b agree. */
gboolean prdr_matrix_same_class (const PrdrTransaction *txn, const PrdrRecipient *a,
                                 const PrdrRecipient *b);
/* prdr_matrix_log_decision - the one line per recipient decision. */
void prdr_matrix_log_decision (const PrdrTransaction *txn, const PrdrRecipient *rcpt,
                               PrdrStage stage);

/* ---- cell.c -------------------------------------------------------------- */

PrdrCell *prdr_cell_new (PrdrTransaction *txn, const PrdrEngineModule *column,
                         PrdrStage stage, const char *class_key);
void prdr_cell_free (PrdrCell *cell);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrCell, prdr_cell_free)
void prdr_cell_add_row (PrdrCell *cell, PrdrRecipient *rcpt);
/* prdr_cell_run - evaluate the cell, then give its final verdict (if any)
 * to each of its recipients, logging each decision. */
void prdr_cell_run (PrdrCell *cell);
/* The cell's verdict and reply after prdr_cell_run (reply owned by it). */
PrdrVerdictKind prdr_cell_verdict (const PrdrCell *cell);
PrdrReply *prdr_cell_steal_reply (PrdrCell *cell);


G_END_DECLS

#endif
